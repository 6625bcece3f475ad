"""Read-only paths: ``query``, ``search``, ``stats``, ``export``, ``render`` and
``serve`` leave the store exactly as it was (same bytes, same mtime, WAL still
empty, same rows), and SQL given to ``query`` can neither write, attach nor
create a file."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from extract.cli import app
from tests import cli_process
from tests.conftest import RAW

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readonly")
    inputs = folder / "in"
    inputs.mkdir()
    for path in RAW.glob("*.txt"):
        (inputs / path.name).write_bytes(path.read_bytes())
    (inputs / "empty.txt").write_bytes(b"")  # so that errors has a row too
    db = folder / "store.db"
    finished = cli_process.run(["ingest", inputs, "--db", db])
    assert finished.returncode == 1 and "empty input" in finished.stderr
    return db


def snapshot(db: Path) -> dict:
    """What a reader must not change: the file's bytes and mtime, the WAL (empty once the
    writer closed), and every table's rows.  (``-shm`` is SQLite's shared-memory index
    of the WAL, where readers mark what they read: not the store.)"""
    wal = db.with_name(db.name + "-wal")
    state = {
        "sha256": hashlib.sha256(db.read_bytes()).hexdigest(),
        "mtime_ns": db.stat().st_mtime_ns,
        "wal_bytes": wal.stat().st_size if wal.exists() else 0,
        "files": sorted(p.name for p in db.parent.iterdir()),
    }
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")]
        state["schema"] = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        state["rows"] = {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
        state["user_version"] = conn.execute("PRAGMA user_version").fetchone()
    finally:
        conn.close()
    return state


@pytest.fixture
def unchanged(store):
    before = snapshot(store)
    assert before["rows"]["articles"] and before["rows"]["errors"] and before["wal_bytes"] == 0
    yield store
    assert snapshot(store) == before


def test_the_store_has_rows_to_protect(store):
    rows = snapshot(store)["rows"]
    assert len(rows["articles"]) == 2 and rows["mentions"] and rows["people"] and rows["errors"]


WRITES = [
    "INSERT INTO errors (input, reason, at) VALUES ('x', 'y', 'z')",
    "UPDATE articles SET text = ''",
    "DELETE FROM mentions",
    "DROP TABLE people",
    "CREATE TABLE notes (a)",
    "CREATE TEMP TABLE notes (a)",
    "ALTER TABLE articles ADD COLUMN x",
    "CREATE INDEX articles_title ON articles(title)",
    "WITH x AS (SELECT 1) INSERT INTO errors (input, reason, at) SELECT 'x', 'y', 'z' FROM x",
    "INSERT INTO articles_fts(articles_fts) VALUES ('optimize')",
    "REPLACE INTO articles SELECT * FROM articles",
    "PRAGMA writable_schema = ON",
    "PRAGMA query_only = OFF",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA user_version = 7",
    "PRAGMA wal_checkpoint(TRUNCATE)",
    "VACUUM",
    "REINDEX",
    "ANALYZE",
    "SELECT 1; DELETE FROM articles",
]
FILE_WRITES = [
    "ATTACH DATABASE '{out}' AS other",
    "VACUUM INTO '{out}'",
    "SELECT writefile('{out}', text) FROM articles",
    "SELECT load_extension('{out}')",
    "SELECT readfile('/etc/hostname')",
]


@pytest.mark.parametrize("sql", WRITES)
def test_query_cannot_change_the_store(unchanged, sql):
    result = runner.invoke(app, ["query", sql, "--db", str(unchanged)])
    assert result.exit_code == 1, result.output
    assert "query failed" in result.output


@pytest.mark.parametrize("sql", FILE_WRITES)
def test_query_cannot_attach_or_write_a_file(unchanged, tmp_path, sql):
    out = tmp_path / "written.db"
    result = runner.invoke(app, ["query", sql.format(out=out), "--db", str(unchanged)])
    assert result.exit_code == 1, result.output
    assert "query failed" in result.output
    assert list(tmp_path.iterdir()) == []


def test_query_still_reads_and_reads_the_schema(unchanged):
    result = runner.invoke(app, ["query", "SELECT count(*) AS n FROM articles", "--db", str(unchanged), "--format", "json"])
    assert result.exit_code == 0 and '"n":2' in result.output
    result = runner.invoke(app, ["query", "PRAGMA table_info(errors)", "--db", str(unchanged), "--format", "csv"])
    assert result.exit_code == 0 and "attempts" in result.output


def test_search_stats_and_render_leave_the_store_as_it_was(unchanged, tmp_path):
    for args in (["search", "Quân khu 9"], ["stats"], ["render", "qk9-can-tho-2023", "--html", tmp_path / "a.html"],
                 ["query", "SELECT name, rank FROM people_documents"]):
        finished = cli_process.run([*args, "--db", unchanged])
        assert finished.returncode == 0, (args, finished.stderr)
    assert "Hồ Văn Thái" in (tmp_path / "a.html").read_text("utf-8")


def test_export_leaves_the_store_as_it_was(unchanged, tmp_path):
    finished = cli_process.run(["export", "all", "--out", tmp_path / "out", "--format", "csv", "--db", unchanged])
    assert finished.returncode == 0, finished.stderr
    assert (tmp_path / "out" / "errors.csv").read_text("utf-8").splitlines()[0].endswith("last_at,attempts")


def test_serve_leaves_the_store_as_it_was(unchanged):
    serving = pytest.importorskip("tests.serving")
    with serving.served(unchanged) as base:
        assert serving.get(base + "/vnextract/articles.json")[0] == 200
        assert serving.get(base + "/vnextract/people?rank=Thi%E1%BA%BFu+t%C6%B0%E1%BB%9Bng")[0] == 200
        for sql in ("DELETE FROM articles", "ATTACH DATABASE '/tmp/x.db' AS x", "PRAGMA query_only = OFF"):
            status, body = serving.get(base + "/vnextract.json?sql=" + quote(sql))
            assert status == 400 or '"ok": false' in body, sql
        assert serving.get(base + "/vnextract/articles", data=b"x=1", method="POST")[0] >= 400


def test_a_reader_during_an_ingest_sees_whole_articles_and_changes_nothing(tmp_path):
    """A read-only connection opened while an ingest writes neither blocks it nor sees half an article."""
    import time

    from extract.store import connect_readonly

    inputs = tmp_path / "in"
    inputs.mkdir()
    seed = (RAW / "qk9-can-tho-2023.txt").read_text("utf-8")
    for i in range(20):
        (inputs / f"a{i:02d}.txt").write_text(f"{seed}\n\nBản số {i}.", "utf-8")
    db = tmp_path / "live.db"
    process = cli_process.start(["ingest", inputs, "--db", db])
    seen = set()
    while process.poll() is None:
        if db.exists():
            try:
                conn = connect_readonly(db)
                rows = conn.execute(
                    "SELECT a.id, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) FROM articles a").fetchall()
                conn.close()
            except sqlite3.OperationalError:  # the schema is being created
                rows = []
            assert all(n > 0 for _, n in rows)  # an article is never there without its mentions
            seen.add(len(rows))
        time.sleep(0.05)
    stdout, stderr = process.communicate()
    assert process.returncode == 0, stderr
    assert "stored 20 new article(s)" in stdout
    assert len(seen) > 2  # the reader really read while the ingest wrote
