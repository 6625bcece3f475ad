"""Concurrent writers: two real ``vnextract ingest`` processes of overlapping
folders into one store at the same time both finish (no "database is
locked"), and the store holds each article once, with the rows of one clean
ingest of all the inputs."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from tests import cli_process
from tests.conftest import RAW
from tests.helpers import store_rows


def write_articles(folder: Path, numbers: range) -> Path:
    folder.mkdir(parents=True)
    seeds = [p.read_text("utf-8") for p in sorted(RAW.glob("*.txt"))]
    for i in numbers:
        (folder / f"article-{i:03d}.txt").write_text(f"{seeds[i % 2]}\n\nBản số {i}.", "utf-8")
    return folder


def run_together(*commands: list) -> list[cli_process.Finished]:
    """Start every command at the same moment (a barrier) and wait for all."""
    results: list = [None] * len(commands)
    barrier = threading.Barrier(len(commands))

    def one(k: int) -> None:
        barrier.wait()
        results[k] = cli_process.run(commands[k], timeout=900)

    threads = [threading.Thread(target=one, args=(k,)) for k in range(len(commands))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.parametrize("jobs", [1, 2])
def test_two_ingests_of_overlapping_folders_store_each_article_once(tmp_path, jobs):
    # both read shared/ first, so they extract the same articles at the same time and race to store them
    only = write_articles(tmp_path / "only", range(0, 10))
    shared = write_articles(tmp_path / "shared", range(10, 40))
    other = write_articles(tmp_path / "other", range(40, 50))
    (shared / "bad.txt").write_bytes(b"")  # one bad input both meet
    db = tmp_path / "together.db"
    first, second = run_together(["ingest", shared, only, "--db", db, "--jobs", jobs],
                                 ["ingest", shared, other, "--db", db, "--jobs", jobs])
    for finished in (first, second):
        assert finished.returncode == 1, finished.stderr  # the bad input, and nothing else
        assert [line for line in finished.stderr.splitlines() if line.strip()] == [
            f"vnextract: error: {shared / 'bad.txt'}: empty input"]
    assert "locked" not in first.stderr + second.stderr
    new = [int(f.stdout.split("stored ")[1].split(" new")[0]) for f in (first, second)]
    print(f"new articles stored by each ingest: {new}; seconds: {first.seconds:.1f}, {second.seconds:.1f}")
    assert sum(new) == 50  # every article stored by one of the two, none by both

    clean = tmp_path / "clean.db"
    finished = cli_process.run(["ingest", only, shared, other, "--db", clean])
    assert finished.returncode == 1
    assert store_rows(db) == store_rows(clean)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT sha256) FROM articles").fetchone() == (50, 50)
        assert conn.execute("SELECT input, attempts FROM errors").fetchall() == [(str(shared / "bad.txt"), 2)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
