"""The real ``vnextract`` command run as a separate process, with its wall time
and the peak memory of its whole process tree (the ingest and its workers)."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
VNEXTRACT = [sys.executable, "-m", "extract.cli"]


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # highest sum of resident memory over the process and its children


def start(args: list[str], **popen) -> subprocess.Popen:
    """``vnextract ARGS`` started in its own process group (so a test can kill it and its workers)."""
    return subprocess.Popen([*VNEXTRACT, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", errors="backslashreplace", start_new_session=True, **popen)


def tree_rss(process: psutil.Process) -> int:
    total = 0
    try:
        for p in [process, *process.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    return total


def run(args: list[str], timeout: float = 600) -> Finished:
    """Run ``vnextract ARGS`` to the end, polling its process tree's memory every 50 ms."""
    began = time.monotonic()
    process = start(args)
    watched = psutil.Process(process.pid)
    peak = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(watched))
            stop.wait(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        stop.set()
        poller.join()
        if process.poll() is None:
            process.kill()
            process.communicate()
    return Finished(process.returncode, stdout, stderr, time.monotonic() - began, peak / 2**20)

