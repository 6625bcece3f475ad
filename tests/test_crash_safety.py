"""Crash safety: a real ``vnextract ingest`` killed with SIGKILL at random
moments, then run again on the same inputs, ends with every article stored
exactly once with all its mentions and records: the rows of one clean run."""
from __future__ import annotations

import gzip
import itertools
import json
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import psutil
import pytest

from tests import cli_process
from tests.conftest import RAW
from tests.helpers import store_rows, write_jsonl

KILLS = 4
WORKERS_EXIT_S = 30  # a worker finishes the article in hand, finds its parent gone and exits


def varied_seeds(folder: Path, count: int) -> Path:
    """``count`` different articles from the two seeds: paragraphs rotated, a line of its own each."""
    folder.mkdir()
    seeds = [p.read_text("utf-8").split("\n") for p in sorted(RAW.glob("*.txt"))]
    for i in range(count):
        lines = seeds[i % len(seeds)]
        k = i // len(seeds) % len(lines)
        text = "\n".join(lines[k:] + lines[:k]) + f"\n\nBản số {i}."
        (folder / f"article-{i:03d}.txt").write_text(text, "utf-8")
    (folder / "broken.jsonl").write_text('{"id": "x", "text": "Hà\n', "utf-8")  # one bad input
    return folder


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # the schema is not there yet
        return 0


def kill_midway(inputs: list[Path], db: Path, rng: random.Random, jobs: int, wait_for_new: bool) -> dict:
    """Start an ingest, let it store at least one more article (or not), SIGKILL it at a
    random moment, and check that the workers it started exit on their own."""
    before = count_articles(db)
    process = cli_process.start(["ingest", *inputs, "--db", db, "--jobs", jobs])
    began = time.monotonic()
    if wait_for_new:
        while count_articles(db) == before and process.poll() is None and time.monotonic() - began < 300:
            time.sleep(0.02)
    time.sleep(rng.uniform(0, 0.5))
    if process.poll() is not None:
        pytest.fail(f"the ingest ended before it could be killed: {process.communicate()}")
    children = psutil.Process(process.pid).children(recursive=True)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    _, alive = psutil.wait_procs(children, timeout=WORKERS_EXIT_S)
    for leftover in alive:
        leftover.kill()
    assert not alive, f"processes left running after the ingest was killed: {alive}"
    assert process.returncode == -signal.SIGKILL
    return {"stored_before": before, "stored_after": count_articles(db)}


def assert_whole_articles(db: Path, clean: dict[str, list[tuple]]) -> None:
    """Every article in ``db`` has exactly the rows it has in the clean store: none half-written."""
    if not db.exists():
        return  # killed before it opened the store
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    rows = store_rows(db)
    ids = {r[0] for r in rows["articles"]}
    assert ids <= {r[0] for r in clean["articles"]}
    for table, table_rows in rows.items():
        assert table_rows == [r for r in clean[table] if r[0] in ids], table


def crash_and_recover(inputs: list[Path], tmp_path: Path, seed: int) -> None:
    clean_db, db = tmp_path / "clean.db", tmp_path / "crashed.db"
    finished = cli_process.run(["ingest", *inputs, "--db", clean_db])
    assert finished.returncode == 1 and "Traceback" not in finished.stderr  # the one bad input
    clean = store_rows(clean_db)
    rng = random.Random(seed)
    history = []
    for kill in range(KILLS):
        # the first kill may land before anything is stored (while the workers load)
        history.append(kill_midway(inputs, db, rng, jobs=1 + kill % 2, wait_for_new=kill > 0))
        assert_whole_articles(db, clean)
    stored_midway = history[-1]["stored_after"]
    assert 0 < stored_midway < len(clean["articles"]), history
    finished = cli_process.run(["ingest", *inputs, "--db", db, "--jobs", "2"])
    assert finished.returncode == 1 and "Traceback" not in finished.stderr, finished.stderr
    assert store_rows(db) == clean
    with sqlite3.connect(db) as conn:
        errors = conn.execute("SELECT input, reason, attempts FROM errors").fetchall()
    with sqlite3.connect(clean_db) as conn:
        clean_errors = conn.execute("SELECT input, reason FROM errors").fetchall()
    assert [(i, r) for i, r, _ in errors] == clean_errors  # one row for the bad input, however many runs met it
    print(f"kills: {history}; final run stored {len(clean['articles']) - stored_midway} more")


def test_killed_ingests_then_a_run_to_the_end_store_each_article_once_whole(tmp_path):
    inputs = [varied_seeds(tmp_path / "in", 60)]
    crash_and_recover(inputs, tmp_path, seed=2)


@pytest.mark.shared
def test_killed_ingests_of_bench_articles_recover_to_a_clean_run(tmp_path, shared_corpus):
    with gzip.open(shared_corpus / "bench" / "baomoi-10k.jsonl.gz", "rt", encoding="utf-8") as lines:
        articles = [json.loads(line) for line in itertools.islice(lines, 100, 160)]
    source = write_jsonl(tmp_path / "bench.jsonl", articles)
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "x", "text": "Hà\n', "utf-8")
    crash_and_recover([source, bad], tmp_path, seed=3)
