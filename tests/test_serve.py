"""`vnextract serve`: a real Datasette process on a loopback port, over a store built from the seeds."""
import asyncio
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from extract.serve import DATABASE, build_datasette, load_metadata
from extract.store import TABLES
from tests.serving import get, get_json, served

CAN_THO = "qk9-can-tho-2023"


@pytest.fixture(scope="module")
def server(seed_store):
    with served(seed_store) as base:
        yield base


def rows(seed_store, sql, params=()):
    conn = sqlite3.connect(f"file:{seed_store}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def api(server, path, **params):
    status, body = get_json(f"{server}{path}?{urlencode(dict(params, _shape='array'))}")
    assert status == 200, body
    return body


def test_it_answers_on_loopback_with_the_store_under_its_name(server):
    assert server.startswith("http://127.0.0.1:")
    status, databases = get_json(server + "/-/databases.json")
    assert status == 200
    assert [d["name"] for d in databases] == [DATABASE]  # no _memory database to run SQL elsewhere
    assert {d["is_mutable"] for d in databases} == {True}  # read through mode=ro, so a running ingest shows


def test_search_for_quan_khu_9_in_the_web_page_finds_the_can_tho_seed(server):
    status, page = get(f"{server}/vnextract/articles?" + urlencode({"_search": "Quân khu 9"}))
    assert status == 200
    assert '<input id="_search" type="search" name="_search" value="Quân khu 9">' in page
    assert "1 row where text matches" in page
    assert f'href="/vnextract/articles/{CAN_THO}"' in page
    assert "qk1-bac-giang-2019" not in page
    assert f'href="/-/render/{CAN_THO}"' in page  # the row links to the rendered article


@pytest.mark.parametrize("words", ["Quân khu 9", "quan khu 9", "Đức Thọ", "duc tho"])
def test_search_through_the_json_api_with_or_without_diacritics(server, words):
    found = api(server, "/vnextract/articles.json", _search=words, _col="id")
    assert [r["id"] for r in found] == [CAN_THO]


def test_a_search_with_no_match_finds_nothing(server):
    assert api(server, "/vnextract/articles.json", _search="Quân khu 7") == []


def test_the_search_query_ranks_and_shows_the_passage(server):
    found = api(server, "/vnextract/search-articles.json", words="quan khu 9")
    assert [r["article_id"] for r in found] == [CAN_THO]
    assert "Chính ủy [Quân khu 9]" in found[0]["passage"]
    assert api(server, "/vnextract/search-articles.json", words="") == []


@pytest.mark.parametrize("table, column, sql", [
    ("mentions", "label", "SELECT label, count(*) FROM mentions GROUP BY label"),
    ("people", "rank", "SELECT rank, count(*) FROM people WHERE rank IS NOT NULL GROUP BY rank"),
    ("documents", "type", "SELECT type, count(*) FROM documents WHERE type IS NOT NULL GROUP BY type"),
    ("documents", "issuer", "SELECT issuer, count(*) FROM documents WHERE issuer IS NOT NULL GROUP BY issuer"),
    ("articles", "year", "SELECT year, count(*) FROM articles WHERE year IS NOT NULL GROUP BY year"),
    ("people_documents", "year", "SELECT year, count(*) FROM people_documents WHERE year IS NOT NULL GROUP BY year"),
])
def test_tables_open_with_their_facets_counted(server, seed_store, table, column, sql):
    status, data = get_json(f"{server}/vnextract/{table}.json")
    assert status == 200
    facet = data["facet_results"][column]
    assert {r["value"]: r["count"] for r in facet["results"]} == dict(rows(seed_store, sql))
    if table == "mentions":
        assert {r["value"] for r in facet["results"]} == {"PERSON", "RANK", "POSITION", "ORG", "LOC", "DOC",
                                                          "DATE", "PERCENT"}


def test_people_by_rank_and_position(server):
    generals = api(server, "/vnextract/people-by-rank.json", rank="thieu tuong", position="")
    assert [(r["name"], r["rank"], r["positions"], r["article_id"]) for r in generals] == [
        ("Hồ Văn Thái", "Thiếu tướng", "Bí thư Đảng ủy; Chính ủy Quân khu 9", CAN_THO)]
    commissars = api(server, "/vnextract/people-by-rank.json", rank="", position="chinh uy")
    assert sorted(r["name"] for r in commissars) == ["Dương Đình Thông", "Hồ Văn Thái"]
    everyone = api(server, "/vnextract/people-by-rank.json", rank="", position="")
    assert len(everyone) == 9


def test_articles_citing_a_document(server):
    found = api(server, "/vnextract/articles-citing-document.json", document="21-NQ/TW")
    assert [(r["article_id"], r["ref"], r["type"], r["document_date"], r["issuer"], r["times_cited"])
            for r in found] == [(CAN_THO, "21-NQ/TW", "Nghị quyết", "2022-06-16", "Ban Chấp hành Trung ương Đảng", 1)]
    assert "[Nghị quyết số 21-NQ/TW]" in found[0]["passage"]
    directives = api(server, "/vnextract/articles-citing-document.json", document="chi thi")
    assert sorted(r["ref"] for r in directives) == ["28-CT/TW", "Chỉ thị 05", "Chỉ thị 35"]


def test_percent_changes_by_subject(server):
    found = api(server, "/vnextract/percent-changes.json", subject="chi uy")
    assert [(r["subject"], r["level"], r["direction"], r["change"]) for r in found] == [
        ("chi ủy", "95,91%", "up", "0,14%")]
    every_change = api(server, "/vnextract/percent-changes.json", subject="")
    assert {(r["subject"], r["direction"], r["change"]) for r in every_change} == {
        ("chi ủy", "up", "0,14%"), ("Lực lượng dân quân", "up", "0,53%"),
        ("lực lượng tự vệ", "down", "1,06%"), ("lực lượng dự bị động viên", "down", "0,34%")}


def test_who_appears_together(server, seed_store):
    found = api(server, "/vnextract/people-together.json", name="Hồ Văn Thái")
    others = {name for (name,) in rows(seed_store, "SELECT name FROM people WHERE article_id = ? "
                                                   "AND name != 'Hồ Văn Thái'", (CAN_THO,))}
    assert {r["appears_with"] for r in found} == others
    assert {r["person"] for r in found} == {"Hồ Văn Thái"}
    pairs = api(server, "/vnextract/people-together.json", name="")
    assert all(r["person"] < r["appears_with"] for r in pairs)  # each pair once


def test_the_rendered_article_is_served_with_its_entities(server):
    status, page = get(f"{server}/-/render/{CAN_THO}")
    assert status == 200
    assert '<mark id="m-346-357-PERSON" class="ent" data-label="PERSON"' in page
    assert "Hồ Văn Thái<span class=\"tag\">PERSON</span></mark>" in page
    assert f'href="/vnextract/articles/{CAN_THO}"' in page
    status, page = get(f"{server}/-/render/{quote('<script>nope')}")
    assert status == 404 and "<script>" not in page


def test_rows_of_records_link_to_their_span_in_the_rendered_article(server):
    status, page = get(f"{server}/vnextract/people?rank=" + quote("Thiếu tướng"))
    assert status == 200
    assert f'href="/-/render/{CAN_THO}#m-346-357-PERSON"' in page


def test_metadata_describes_every_table_and_column_of_the_store(server, seed_store):
    status, metadata = get_json(server + "/-/metadata.json")
    assert status == 200
    described = metadata["databases"][DATABASE]["tables"]
    schema = {}
    for (name,) in rows(seed_store, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                    "AND name NOT LIKE 'articles_fts_%'"):
        schema[name] = [c for (c,) in rows(seed_store, "SELECT name FROM pragma_table_info(?)", (name,))]
    assert set(TABLES) <= set(schema)
    assert set(described) == set(schema), "tables without a description, or descriptions of no table"
    for table, columns in schema.items():
        assert described[table]["description"].strip(), table
        assert list(described[table]["columns"]) == columns, f"{table}: describe each column, in schema order"
        assert all(len(text.split()) >= 2 for text in described[table]["columns"].values()), table


def test_every_canned_query_runs_and_none_writes(server):
    queries = load_metadata()["databases"][DATABASE]["queries"]
    assert set(queries) == {"search-articles", "people-by-rank", "articles-citing-document", "percent-changes",
                            "people-together"}
    for name, query in queries.items():
        assert not query.get("write") and query["title"] and query["description"]
        params = {p: "" for p in ("words", "rank", "position", "document", "subject", "name") if f":{p}" in query["sql"]}
        status, data = get_json(f"{server}/vnextract/{name}.json?{urlencode(params)}")
        assert status == 200 and data["ok"], (name, data.get("error"))


def fingerprint(db: Path) -> tuple:
    counts = tuple(n for t in TABLES for (n,) in rows(db, f"SELECT count(*) FROM {t}"))
    return hashlib.sha256(db.read_bytes()).hexdigest(), counts


WRITES = [
    "INSERT INTO errors (input, reason, at) VALUES ('x', 'y', 'z')",
    "UPDATE articles SET title = 'changed'",
    "DELETE FROM articles",
    "DROP TABLE mentions",
    f"ATTACH DATABASE '{Path('/tmp/vnextract-attack.db')}' AS other",
    "PRAGMA writable_schema = 1",
    "PRAGMA query_only = 0",
    # these pass Datasette's SELECT-only check and reach SQLite, which must refuse them
    "WITH x AS (SELECT 1) DELETE FROM articles",
    "WITH x AS (SELECT 1) INSERT INTO errors (input, reason, at) SELECT 'x', 'y', 'z' FROM x",
    "WITH x AS (SELECT 1) UPDATE articles SET title = 'changed'",
]


def test_no_url_or_custom_sql_changes_the_store(server, seed_store):
    before = fingerprint(seed_store)
    for sql in WRITES:
        status, body = get(f"{server}/vnextract.json?" + urlencode({"sql": sql}))
        assert status == 400 or '"ok": false' in body, sql
        status, _ = get(f"{server}/vnextract?" + urlencode({"sql": sql}))
        assert status in (200, 400)  # the page shows the error
    attempts = [
        ("POST", "/vnextract", urlencode({"sql": WRITES[2]}).encode()),
        ("POST", "/vnextract/search-articles", b"words=x"),
        ("POST", "/vnextract/articles/-/insert", b'{"row": {"id": "x"}}'),
        ("POST", f"/vnextract/articles/{CAN_THO}/-/delete", b""),
        ("DELETE", f"/vnextract/articles/{CAN_THO}", None),
        ("PUT", "/vnextract/articles", b"id=x"),
    ]
    for method, path, data in attempts:
        status, _ = get(server + path, data=data, method=method)
        assert status == 405, (method, path)
    assert fingerprint(seed_store) == before
    assert not Path("/tmp/vnextract-attack.db").exists()


def test_even_datasette_s_own_write_path_is_refused(seed_store):
    before = fingerprint(seed_store)
    ds = build_datasette(seed_store)
    db = ds.get_database(DATABASE)

    async def attempt(sql):
        await ds.invoke_startup()
        await db.execute_write(sql)

    for sql in ("DELETE FROM articles", "INSERT INTO errors (input, reason, at) VALUES ('x', 'y', 'z')"):
        with pytest.raises(sqlite3.DatabaseError):
            asyncio.run(attempt(sql))
    assert fingerprint(seed_store) == before


def test_serve_refuses_a_missing_store_in_one_line(tmp_path):
    vnextract = str(Path(sys.executable).with_name("vnextract"))
    done = subprocess.run([vnextract, "serve", "--db", str(tmp_path / "none.db"), "--port", "1"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"vnextract: error: {tmp_path / 'none.db'}: no store here; run `vnextract ingest` first"]
    (tmp_path / "other.db").write_bytes(b"not sqlite at all" * 100)
    done = subprocess.run([vnextract, "serve", "--db", str(tmp_path / "other.db")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and "not an SQLite file" in done.stderr
