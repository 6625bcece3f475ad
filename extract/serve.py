"""Browse, search and query the store in a web browser, read-only (Datasette).

``build_datasette(db)`` returns the Datasette application for a store: the file
served under the name ``vnextract``, read through ``mode=ro`` connections (so an
ingest running meanwhile shows up, which ``immutable`` would hide behind the
WAL), the metadata of ``extract/data/datasette/metadata.yaml`` (every table and
column described, facets, canned queries) and the plugin
``extract.datasette_plugin`` (read-only guard, folded search, rendered
articles).  ``serve(db, port)`` runs it with uvicorn until interrupted.

No write path: Datasette 0.65 writes only through canned queries marked
``write: true`` (none here, and ``load_metadata`` refuses one), custom SQL is
limited to SELECT by Datasette, and every connection to the store is
``query_only`` with an authorizer that denies writes, schema changes and ATTACH.
"""
from __future__ import annotations

import sqlite3
from importlib.resources import files
from pathlib import Path

from extract.store import TABLES

DATABASE = "vnextract"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
SETTINGS = {
    "default_page_size": 50,
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 1000,
    "truncate_cells_html": 300,
    "allow_download": False,
}


class StoreError(Exception):
    """The store cannot be served (missing, not SQLite, or not a vnextract store)."""


def metadata_path() -> Path:
    return Path(str(files("extract") / "data" / "datasette" / "metadata.yaml"))


def load_metadata() -> dict:
    """The Datasette metadata; refuses a canned query that writes."""
    from datasette.utils import parse_metadata

    metadata = parse_metadata(metadata_path().read_text("utf-8"))
    for name, query in metadata["databases"][DATABASE].get("queries", {}).items():
        if query.get("write"):
            raise ValueError(f"canned query {name!r} writes; the analyst interface is read-only")
    return metadata


def check_store(db: str | Path) -> Path:
    """The store's path, after checking it is a readable vnextract store."""
    db = Path(db)
    if not db.is_file():
        raise StoreError(f"{db}: no store here; run `vnextract ingest` first")
    try:
        conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{db}: not an SQLite file ({exc})") from None
    missing = [t for t in TABLES if t not in names]
    if missing:
        raise StoreError(f"{db}: not a vnextract store (no table {', '.join(missing)})")
    return db


def register_plugin() -> None:
    from datasette.plugins import pm

    from extract import datasette_plugin

    if pm.get_plugin("vnextract") is None:
        pm.register(datasette_plugin, name="vnextract")


def build_datasette(db: str | Path):
    """The Datasette application for the store at ``db`` (not started)."""
    from datasette.app import Datasette
    from datasette.database import Database

    db = check_store(db)
    register_plugin()
    ds = Datasette(files=[str(db)], metadata=load_metadata(), settings=SETTINGS, cors=False, crossdb=False)
    # serve the file under a fixed name whatever it is called, so URLs and metadata match
    (served,) = [name for name in ds.databases if name != "_internal"]
    if served != DATABASE:
        ds.remove_database(served)
        ds.add_database(Database(ds, path=str(db), is_mutable=True), name=DATABASE)
    return ds


def serve(db: str | Path, port: int = DEFAULT_PORT, host: str = DEFAULT_HOST) -> None:
    """Serve the store read-only at http://host:port/ until interrupted."""
    import os

    import rich
    import uvicorn

    ds = build_datasette(db)
    # Datasette prints every failed request (a mistyped SQL query included) as a rich
    # traceback with its local variables; the analyst sees the error in the page.
    # Unexpected errors (500) are still printed, through the traceback module.
    rich.reconfigure(file=open(os.devnull, "w", encoding="utf-8"))
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
