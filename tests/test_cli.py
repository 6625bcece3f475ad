"""The commands an analyst runs, checked against the store and files they leave."""
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from extract.cli import app
from tests.conftest import RAW

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "vnextract.db"
    result = runner.invoke(app, ["ingest", str(RAW), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "stored 2 new article(s)" in result.output
    return path


def count(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_every_command_has_help():
    for command in app.registered_commands:
        assert command.callback.__doc__, f"{command.name} has no help text"


def test_ingest_stores_both_seeds_with_records(db):
    assert count(db, "SELECT count(*) FROM articles") == 2
    assert count(db, "SELECT count(*) FROM percents WHERE article_id = 'qk9-can-tho-2023'") == 10
    assert count(db, "SELECT count(*) FROM documents WHERE ref = '21-NQ/TW'") == 1
    assert count(db, "SELECT count(*) FROM errors") == 0


def test_a_second_ingest_changes_nothing(db):
    before = [count(db, f"SELECT count(*) FROM {t}") for t in ("articles", "mentions", "people", "documents")]
    result = runner.invoke(app, ["ingest", str(RAW), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stored 0 new article(s), 2 already stored" in result.output
    assert [count(db, f"SELECT count(*) FROM {t}") for t in ("articles", "mentions", "people", "documents")] == before


def test_search_finds_the_can_tho_seed(db):
    result = runner.invoke(app, ["search", "Quân khu 9", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("qk9-can-tho-2023")
    assert "[Quân khu 9]" in result.output


def test_query_prints_json_and_cannot_write(db):
    result = runner.invoke(app, ["query", "SELECT id FROM articles ORDER BY id", "--db", str(db), "--format", "json"])
    assert json.loads(result.output) == [{"id": "qk1-bac-giang-2019"}, {"id": "qk9-can-tho-2023"}]
    result = runner.invoke(app, ["query", "DELETE FROM articles", "--db", str(db)])
    assert result.exit_code == 1 and "query failed" in result.output
    assert count(db, "SELECT count(*) FROM articles") == 2


def test_export_writes_parquet_tables(db, tmp_path):
    import pandas as pd

    result = runner.invoke(app, ["export", "all", "--format", "parquet", "--out", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    people = pd.read_parquet(tmp_path / "people.parquet")
    assert "Hồ Văn Thái" in set(people["name"])
    assert len(pd.read_parquet(tmp_path / "articles.parquet")) == 2


def test_extract_prints_gold_format_lines_without_a_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", str(RAW / "qk9-can-tho-2023.txt")])
    assert result.exit_code == 0, result.output
    [line] = [json.loads(x) for x in result.output.splitlines()]
    assert set(line) == {"id", "text", "spans", "people", "documents", "percents"}
    assert line["id"] == "qk9-can-tho-2023"
    assert {"start": 0, "end": 0, "label": "X"} not in line["spans"]
    assert not (tmp_path / "data").exists()


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((RAW / "qk9-can-tho-2023.txt").read_text("utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "lines.jsonl").write_text('{"id": "ok", "text": "Đại tá Ngô Đức Thọ phát biểu."}\n{broken\n',
                                        encoding="utf-8")
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{folder / 'empty.txt'}: empty input" in result.output
    assert f"{folder / 'lines.jsonl'}:2: malformed JSON line" in result.output
    assert count(db, "SELECT count(*) FROM articles") == 2
    assert count(db, "SELECT count(*) FROM errors") == 3
