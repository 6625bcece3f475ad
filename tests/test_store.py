import sqlite3

import pytest

from extract import store
from extract.ingest import Article
from extract.pipeline import Extraction
from extract.records import Document, Mention, Percent, Person

TEXT = "Thiếu tướng Hồ Văn Thái dự hội nghị triển khai Nghị quyết số 21-NQ/TW; chi ủy đạt 95,91%."


def extraction(text: str = TEXT) -> Extraction:
    return Extraction(
        text=text,
        mentions=[Mention(0, 11, "RANK", "Thiếu tướng"), Mention(12, 23, "PERSON", "Hồ Văn Thái")],
        people=[Person("Hồ Văn Thái", "Thiếu tướng", ["Chính ủy Quân khu 9"], 12, 23)],
        documents=[Document("21-NQ/TW", "Nghị quyết", "2022-06-16", "Ban Chấp hành Trung ương Đảng", 47, 69)],
        percents=[Percent("95,91%", 95.91, "level", None, "chi ủy", 82, 88, "ok")],
        body_end=len(text),
    )


@pytest.fixture
def conn(tmp_path):
    c = store.connect(tmp_path / "s.db")
    yield c
    c.close()


def test_store_is_a_wal_sqlite_file(tmp_path, conn):
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (tmp_path / "s.db").exists()


def test_an_article_is_stored_with_its_mentions_and_records(conn):
    assert store.write_article(conn, Article("qk9", TEXT, "qk9.txt", date="2023-02-10"), extraction())
    assert conn.execute("SELECT id, year, body_end FROM articles").fetchall() == [("qk9", 2023, len(TEXT))]
    assert conn.execute('SELECT label, start, "end", text FROM mentions ORDER BY start').fetchall() == [
        ("RANK", 0, 11, "Thiếu tướng"), ("PERSON", 12, 23, "Hồ Văn Thái")]
    assert conn.execute("SELECT name, rank FROM people").fetchall() == [("Hồ Văn Thái", "Thiếu tướng")]
    assert conn.execute("SELECT position FROM person_positions").fetchall() == [("Chính ủy Quân khu 9",)]
    assert conn.execute("SELECT ref, date FROM documents").fetchall() == [("21-NQ/TW", "2022-06-16")]
    assert conn.execute('SELECT value, kind, "check" FROM percents').fetchall() == [(95.91, "level", "ok")]


def test_one_query_answers_which_rank_appears_in_articles_citing_a_document(conn):
    store.write_article(conn, Article("qk9", TEXT, "qk9.txt"), extraction())
    rows = conn.execute(
        "SELECT name FROM people_documents WHERE rank = 'Thiếu tướng' AND ref = '21-NQ/TW'").fetchall()
    assert rows == [("Hồ Văn Thái",)]


def test_the_same_text_is_stored_once_under_any_id(conn):
    assert store.write_article(conn, Article("a", TEXT, "a.txt"), extraction())
    assert not store.write_article(conn, Article("a", TEXT, "a.txt"), extraction())
    assert not store.write_article(conn, Article("copy", TEXT, "copy.txt"), extraction())
    assert store.stats(conn)["articles"] == 1
    assert store.stats(conn)["mentions"] == {"PERSON": 1, "RANK": 1}


def test_a_changed_text_replaces_its_article_whole(conn):
    store.write_article(conn, Article("a", TEXT, "a.txt"), extraction())
    new_text = TEXT + " Bổ sung."
    store.write_article(conn, Article("a", new_text, "a.txt"), extraction(new_text))
    assert conn.execute("SELECT text FROM articles").fetchall() == [(new_text,)]
    assert store.stats(conn)["people"] == 1 and store.stats(conn)["percents"] == 1


def test_a_failing_write_leaves_nothing_half_there(conn):
    bad = extraction()
    bad.percents.append(Percent("x", None, "level"))  # value NOT NULL: the insert fails
    with pytest.raises(sqlite3.IntegrityError):
        store.write_article(conn, Article("a", TEXT, "a.txt"), bad)
    assert store.stats(conn) == {"articles": 0, "mentions": {}, "people": 0, "documents": 0, "percents": 0,
                                 "errors": 0}


def test_errors_are_recorded(conn):
    store.write_error(conn, "bad.txt", "binary input")
    assert conn.execute("SELECT input, reason FROM errors").fetchall() == [("bad.txt", "binary input")]


def test_readonly_connection_cannot_write_or_attach(tmp_path, conn):
    store.write_article(conn, Article("a", TEXT, "a.txt"), extraction())
    ro = store.connect_readonly(tmp_path / "s.db")
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("DELETE FROM articles")
    with pytest.raises(sqlite3.DatabaseError):
        ro.execute(f"ATTACH DATABASE '{tmp_path / 'other.db'}' AS other")
    assert not (tmp_path / "other.db").exists()
    assert ro.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_a_text_changed_to_one_stored_under_another_id_is_not_stored_twice(conn):
    # found by `make fuzz`: the insert broke the UNIQUE sha256 and the ingest died with a traceback
    other = TEXT + " Bài khác."
    store.write_article(conn, Article("a", TEXT, "a.txt"), extraction())
    store.write_article(conn, Article("b", other, "b.txt"), extraction(other))
    assert not store.write_article(conn, Article("a", other, "a.txt"), extraction(other))
    assert conn.execute("SELECT id, text FROM articles").fetchall() == [("b", other)]
    assert conn.execute("SELECT DISTINCT article_id FROM mentions").fetchall() == [("b",)]


def test_an_error_met_again_counts_an_attempt_not_a_row(conn):
    store.write_error(conn, "bad.txt", "binary input")
    store.write_error(conn, "bad.txt", "binary input")
    store.write_error(conn, "bad.txt", "empty input")
    assert conn.execute("SELECT input, reason, attempts, at <= last_at FROM errors ORDER BY id").fetchall() == [
        ("bad.txt", "binary input", 2, 1), ("bad.txt", "empty input", 1, 1)]


def test_a_store_made_before_error_attempts_gets_the_columns(tmp_path):
    old = sqlite3.connect(tmp_path / "old.db")
    old.execute("CREATE TABLE errors (id INTEGER PRIMARY KEY AUTOINCREMENT, input TEXT NOT NULL, "
                "reason TEXT NOT NULL, at TEXT NOT NULL)")
    old.execute("INSERT INTO errors (input, reason, at) VALUES ('x.txt', 'empty input', '2026-01-01T00:00:00+00:00')")
    old.commit()
    old.close()
    conn = store.connect(tmp_path / "old.db")
    store.write_error(conn, "x.txt", "empty input")
    assert conn.execute("SELECT input, attempts, at, last_at > at FROM errors").fetchall() == [
        ("x.txt", 2, "2026-01-01T00:00:00+00:00", 1)]
    conn.close()
