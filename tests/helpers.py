"""Helpers shared by the tests that compare whole stores."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from extract.store import ARTICLE_TABLES

VOLATILE = {"ingested_at"}  # the only column that may differ between two runs on the same inputs


def store_rows(db: str | Path) -> dict[str, list[tuple]]:
    """Every article table of the store as sorted rows, ``ingested_at`` left out."""
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    try:
        rows = {}
        for table in ARTICLE_TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in VOLATILE]
            rows[table] = sorted(tuple(row[i] for i in keep) for row in cursor)
        rows["articles_fts"] = sorted(conn.execute("SELECT id, title, text FROM articles_fts"))
        return rows
    finally:
        conn.close()


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), "utf-8")
    return path
