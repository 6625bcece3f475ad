"""Start `vnextract serve` as a real process on a free loopback port, for the server and browser tests."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

STARTUP_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, data: bytes | None = None, method: str | None = None) -> tuple[int, str]:
    """(status, body) of one request; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def get_json(url: str):
    status, body = get(url)
    return status, json.loads(body)


@contextmanager
def served(db: Path):
    """Yield the base URL of `vnextract serve --db DB` on a free port; stop the process after."""
    port = free_port()
    vnextract = Path(sys.executable).with_name("vnextract")
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # a file, not a pipe that could fill and block it
    process = subprocess.Popen([str(vnextract), "serve", "--db", str(db), "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"vnextract serve exited with {process.returncode}: {log.read()}")
            try:
                if get(base + "/-/versions.json")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"vnextract serve did not answer on {base} within {STARTUP_TIMEOUT_S} s")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
