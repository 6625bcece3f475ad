"""Parallel ingest: N worker processes, one writer, the same store whatever N;
a per-article time limit that replaces a stuck worker and lets the batch go on."""
import gzip
import itertools
import json
import sqlite3

import pytest

from extract.ingest import ingest_paths
from tests.conftest import RAW
from tests.helpers import store_rows, write_jsonl


def test_two_jobs_store_exactly_the_rows_of_one_job(tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    report_one = ingest_paths([RAW], one, jobs=1)
    report_two = ingest_paths([RAW], two, jobs=2)
    assert (report_one.stored, report_two.stored) == (2, 2)
    rows = store_rows(one)
    assert rows["mentions"] and rows["people"] and rows["documents"] and rows["percents"]
    assert store_rows(two) == rows


@pytest.mark.shared
def test_two_jobs_match_one_job_on_bench_articles(tmp_path, shared_corpus):
    with gzip.open(shared_corpus / "bench" / "baomoi-10k.jsonl.gz", "rt", encoding="utf-8") as lines:
        articles = [json.loads(line) for line in itertools.islice(lines, 60)]
    source = write_jsonl(tmp_path / "bench.jsonl", articles)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest_paths([source], one, jobs=1)
    ingest_paths([source], two, jobs=2)
    rows = store_rows(one)
    assert len(rows["articles"]) == len({a["text"] for a in articles})
    assert store_rows(two) == rows


def test_an_article_over_the_time_limit_is_an_error_and_the_batch_goes_on(tmp_path):
    seed = (RAW / "qk9-can-tho-2023.txt").read_text("utf-8")
    slow = "\n\n".join(seed for _ in range(150))  # ~850k characters: over 10 s of extraction
    source = write_jsonl(tmp_path / "batch.jsonl", [
        {"id": "slow", "text": slow},
        {"id": "quick", "text": "Thiếu tướng Hồ Văn Thái phát biểu tại Cần Thơ."},
    ])
    errors = []
    report = ingest_paths([source], tmp_path / "s.db", jobs=1, timeout=3.0, on_error=errors.append)
    assert report.stored == 1
    assert len(errors) == 1 and "time limit" in errors[0].reason and "slow" in errors[0].input
    conn = sqlite3.connect(tmp_path / "s.db")
    assert [r[0] for r in conn.execute("SELECT id FROM articles")] == ["quick"]
    assert conn.execute("SELECT count(*) FROM mentions WHERE article_id = 'slow'").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM errors WHERE reason LIKE '%time limit%'").fetchone() == (1,)
