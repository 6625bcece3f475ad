"""The embedded store: one SQLite file (WAL), full-text search over articles.

Tables: ``articles``, ``mentions``, ``people``, ``person_positions``,
``documents``, ``percents``, ``errors``, and ``articles_fts`` (FTS5 over a
search key of title and text in which ``đ`` is folded to ``d``; FTS5's
``remove_diacritics 2`` folds the other marks, so ``quan khu 9`` finds ``Quân
khu 9`` and ``duc`` finds ``Đức``).  Each article is written in one
transaction with its mentions and records: an article is never half there.
Readers open the file read-only.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from extract.ingest import Article
from extract.normalise import fold_search
from extract.pipeline import Extraction

DEFAULT_DB = Path("data/vnextract.db")
BUSY_TIMEOUT_MS = 120_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT,
    url TEXT,
    title TEXT,
    date TEXT,
    year INTEGER,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    body_end INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    attrs TEXT,
    PRIMARY KEY (article_id, start, "end", label)
);
CREATE INDEX IF NOT EXISTS mentions_label ON mentions(label, text);
CREATE TABLE IF NOT EXISTS people (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    person INTEGER NOT NULL,
    name TEXT NOT NULL,
    rank TEXT,
    positions TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, person)
);
CREATE INDEX IF NOT EXISTS people_name ON people(name);
CREATE INDEX IF NOT EXISTS people_rank ON people(rank);
CREATE TABLE IF NOT EXISTS person_positions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    person INTEGER NOT NULL,
    position TEXT NOT NULL,
    PRIMARY KEY (article_id, person, position)
);
CREATE TABLE IF NOT EXISTS documents (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ref TEXT NOT NULL,
    type TEXT,
    date TEXT,
    issuer TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, ref)
);
CREATE INDEX IF NOT EXISTS documents_ref ON documents(ref);
CREATE TABLE IF NOT EXISTS percents (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    kind TEXT NOT NULL,
    direction TEXT,
    subject TEXT,
    "check" TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    input TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    last_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS errors_input ON errors(input, reason);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    id UNINDEXED, title, text, tokenize = "unicode61 remove_diacritics 2"
);
CREATE VIEW IF NOT EXISTS people_documents AS
    SELECT p.article_id, p.name, p.rank, p.positions, d.ref, d.type AS doc_type,
           d.date AS doc_date, d.issuer, a.date AS article_date, a.year, a.title
    FROM people p JOIN documents d USING (article_id) JOIN articles a ON a.id = p.article_id;
"""

TABLES = ("articles", "mentions", "people", "person_positions", "documents", "percents", "errors")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def connect(db: str | Path = DEFAULT_DB) -> sqlite3.Connection:
    """Open (and create) the store for writing: WAL, foreign keys, a long busy timeout."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    _wal(conn)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    try:  # idempotent (every statement is IF NOT EXISTS) and all or nothing: never a half-made store
        conn.executescript(f"BEGIN IMMEDIATE;\n{SCHEMA}\nCOMMIT;")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    _add_error_attempts(conn)
    return conn


def _wal(conn: sqlite3.Connection) -> None:
    """Switch the store to WAL. SQLite does not call the busy handler for this switch while another
    process creates the same store ("database is locked" at once), so wait and retry here."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _add_error_attempts(conn: sqlite3.Connection) -> None:
    """A store made before errors counted attempts gets the two columns (once, whoever connects first)."""
    def has_attempts() -> bool:
        return any(row[1] == "attempts" for row in conn.execute("PRAGMA table_info(errors)"))

    if has_attempts():
        return
    with transaction(conn):
        if not has_attempts():
            conn.execute("ALTER TABLE errors ADD COLUMN last_at TEXT")
            conn.execute("ALTER TABLE errors ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1")
            conn.execute("UPDATE errors SET last_at = at")


def connect_readonly(db: str | Path = DEFAULT_DB) -> sqlite3.Connection:
    """Open the store read-only (``mode=ro``): nothing done through it can change the file."""
    db = Path(db)
    if not db.exists():
        raise FileNotFoundError(f"no store at {db}")
    conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA query_only = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.set_authorizer(_read_only_authorizer)
    return conn


# pragmas that take an argument and only read (``PRAGMA table_info(articles)``)
_READ_PRAGMAS = {"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list"}


def _read_only_authorizer(action, arg1, arg2, dbname, source):
    """``mode=ro`` and ``query_only`` already refuse every write to the store; this also
    refuses what would open or write another file (ATTACH, and VACUUM INTO, which
    attaches its target) and pragmas that set something (``PRAGMA query_only = OFF``)."""
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and arg2 is not None and (arg1 or "").lower() not in _READ_PRAGMAS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def stored_state(conn: sqlite3.Connection, article: Article) -> str:
    """'new', 'same' (this id or this text is stored already) or 'changed' (same id, new text)."""
    return _state(conn, article.id, article.sha256)


def _state(conn: sqlite3.Connection, article_id: str, sha256: str) -> str:
    row = conn.execute("SELECT sha256 FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is not None:
        return "same" if row[0] == sha256 else "changed"
    if conn.execute("SELECT 1 FROM articles WHERE sha256 = ?", (sha256,)).fetchone():
        return "same"
    return "new"


PRIMARY_KEYS = {
    "articles": ("id",),
    "mentions": ("article_id", "start", "end", "label"),
    "people": ("article_id", "person"),
    "person_positions": ("article_id", "person", "position"),
    "documents": ("article_id", "ref"),
    "percents": ("article_id", "idx"),
}
ARTICLE_TABLES = tuple(PRIMARY_KEYS)  # the tables one article writes, parents first


def article_rows(article: Article, result: Extraction, ingested_at: str | None = None) -> dict[str, list[dict]]:
    """The rows one article adds to each table, as ``{table: [{column: value}]}``.

    The one definition of the stored columns: the SQLite writer and the Parquet
    writer of the distributed engine both take these rows.  Rows that repeat a
    primary key are dropped here (first one kept), so every writer stores the same.
    """
    aid = article.id
    as_json = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    rows: dict[str, list[dict]] = {
        "articles": [{
            "id": aid, "source": article.source, "url": article.url, "title": article.title,
            "date": article.date, "year": article.year, "text": article.text, "sha256": article.sha256,
            "body_end": result.body_end, "ingested_at": ingested_at or now(),
        }],
        "mentions": [
            {"article_id": aid, "label": m.label, "start": m.start, "end": m.end, "text": m.text,
             "attrs": as_json(m.attrs) if m.attrs else None}
            for m in result.mentions
        ],
        "people": [
            {"article_id": aid, "person": i, "name": p.name, "rank": p.rank, "positions": as_json(p.positions),
             "start": p.start, "end": p.end}
            for i, p in enumerate(result.people)
        ],
        "person_positions": [
            {"article_id": aid, "person": i, "position": position}
            for i, p in enumerate(result.people) for position in p.positions
        ],
        "documents": [
            {"article_id": aid, "ref": d.ref, "type": d.type, "date": d.date, "issuer": d.issuer,
             "start": d.start, "end": d.end}
            for d in result.documents
        ],
        "percents": [
            {"article_id": aid, "idx": i, "text": p.text, "value": p.value, "kind": p.kind,
             "direction": p.direction, "subject": p.subject, "check": p.check, "start": p.start, "end": p.end}
            for i, p in enumerate(result.percents)
        ],
    }
    for table, key in PRIMARY_KEYS.items():
        seen: set[tuple] = set()
        unique = []
        for row in rows[table]:
            k = tuple(row[c] for c in key)
            if k not in seen:
                seen.add(k)
                unique.append(row)
        rows[table] = unique
    return rows


def write_article(conn: sqlite3.Connection, article: Article, result: Extraction) -> bool:
    """Store one article with its mentions and records in one transaction.

    Returns False (and writes nothing) when the same text is already stored,
    under this id or another; an article whose text changed replaces the old one
    (and when its new text is stored already under another id, the old one is
    removed and False returned: a text is never stored twice).
    """
    return write_rows(conn, article_rows(article, result))


def write_rows(conn: sqlite3.Connection, rows: dict[str, list[dict]]) -> bool:
    """Store one article's rows (see ``article_rows``) in one transaction; False if already stored."""
    (article,) = rows["articles"]
    with transaction(conn):
        state = _state(conn, article["id"], article["sha256"])
        if state == "same":
            return False
        if state == "changed":
            delete_article(conn, article["id"])
            if conn.execute("SELECT 1 FROM articles WHERE sha256 = ?", (article["sha256"],)).fetchone():
                return False  # its new text is stored already, under another id: the old text goes, no copy
        for table in ARTICLE_TABLES:
            if rows.get(table):
                columns = list(rows[table][0])
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(map(_quote, columns))}) VALUES ({', '.join('?' * len(columns))})",
                    [tuple(row[c] for c in columns) for row in rows[table]],
                )
        conn.execute(
            "INSERT INTO articles_fts (id, title, text) VALUES (?,?,?)",
            (article["id"], fold_search(article["title"] or ""), fold_search(article["text"])),
        )
    return True


def _quote(column: str) -> str:
    return f'"{column}"'


def delete_article(conn: sqlite3.Connection, article_id: str) -> None:
    for table in ("mentions", "people", "person_positions", "documents", "percents"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM articles_fts WHERE id = ?", (article_id,))
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))


def write_error(conn: sqlite3.Connection, input_name: str, reason: str) -> None:
    """Record that ``input_name`` failed for ``reason``.

    One row per input and reason: an ingest run again on the same inputs (after
    a crash, or to add new files) counts another ``attempts`` and sets
    ``last_at``; ``at`` stays the first time.
    """
    at = now()
    with transaction(conn):
        updated = conn.execute(
            "UPDATE errors SET last_at = ?, attempts = attempts + 1 "
            "WHERE id = (SELECT max(id) FROM errors WHERE input = ? AND reason = ?)",
            (at, input_name, reason)).rowcount
        if not updated:
            conn.execute("INSERT INTO errors (input, reason, at, last_at) VALUES (?,?,?,?)",
                         (input_name, reason, at, at))



def stats(conn: sqlite3.Connection) -> dict:
    """Counts an analyst checks after an ingest."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "mentions": dict(conn.execute("SELECT label, count(*) FROM mentions GROUP BY label ORDER BY label").fetchall()),
        "people": one("SELECT count(*) FROM people"),
        "documents": one("SELECT count(*) FROM documents"),
        "percents": one("SELECT count(*) FROM percents"),
        "errors": one("SELECT count(*) FROM errors"),
    }
