"""The Parquet dataset of the distributed engine: written by the workers,
merged into the SQLite store by ``load_dataset``, queried in place by
``query_parquet``.

Layout of a dataset folder ``DIR``::

    DIR/<table>/part-PPPPP-CCC.parquet   one file per table per partition chunk
    DIR/_vnextract.json                  the manifest, written last

Tables: ``articles``, ``mentions``, ``people``, ``person_positions``,
``documents``, ``percents`` with the columns (names, order, types) of the
SQLite tables, filled from ``store.article_rows``; ``errors`` with the
store's ``input``, ``reason``, ``at``, one row per error of the run (the store
adds ``id``, and ``last_at``/``attempts`` when an input fails again).  Every
partition writes every table, empty or not, with a fixed Arrow schema, so a
table with no rows or an all-null column keeps its types.

A partition is cut into chunks (``CCC``) so that one article id appears at
most once per chunk: read in the manifest's order, chunk by chunk and article
by article, the dataset replays the articles in input order, which is what
makes ``load_dataset`` store exactly what a local ``ingest`` stores.

The dataset keeps every input article as extracted: the same text under two
ids, or two texts under one id, are two ``articles`` rows.  ``load_dataset``
applies the store's rules (same text stored once, a changed text replaces);
``query_parquet`` shows the rows as they are.
"""
from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from extract import store
from extract.ingest import IngestReport, InputError

DATASET_TABLES = (*store.ARTICLE_TABLES, "errors")
MANIFEST = "_vnextract.json"
FORMAT = "vnextract-parquet/1"
SQL_TO_ARROW = {"TEXT": "string", "INTEGER": "int64", "REAL": "float64"}
# the errors rows of a run; the store adds id, and last_at and attempts when an input fails again
DATASET_COLUMNS = {"errors": ("input", "reason", "at")}


class DatasetError(ValueError):
    """The folder is not a complete dataset (no manifest, a missing or foreign file)."""


class QueryRefused(ValueError):
    """The SQL is not one read-only SELECT, or it failed."""


# --------------------------------------------------------------------------- schema


@functools.cache
def table_columns(table: str) -> tuple[tuple[str, str, bool], ...]:
    """``(name, sql type, not null)`` of each column of ``table`` as ``store.SCHEMA`` declares it."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(store.SCHEMA)
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()  # cid, name, type, notnull, default, pk
    finally:
        conn.close()
    if not info:
        raise ValueError(f"no table {table!r} in the store schema")
    keep = DATASET_COLUMNS.get(table)
    columns = tuple((name, kind.upper(), bool(notnull)) for _, name, kind, notnull, _, _ in info
                    if keep is None or name in keep)
    if keep is not None and tuple(c[0] for c in columns) != keep:
        raise ValueError(f"the store's {table} table has no column(s) {sorted(set(keep) - {c[0] for c in columns})}")
    return columns


@functools.cache
def table_schema(table: str):
    """The Arrow schema of ``table`` in the dataset."""
    import pyarrow as pa

    return pa.schema([pa.field(name, SQL_TO_ARROW[kind], nullable=not notnull)
                      for name, kind, notnull in table_columns(table)])


# --------------------------------------------------------------------------- writing


def part_name(partition: int, chunk: int) -> str:
    return f"part-{partition:05d}-{chunk:03d}.parquet"


@dataclass
class _Chunk:
    rows: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in DATASET_TABLES})
    ids: set[str] = field(default_factory=set)


class PartitionWriter:
    """The rows of one partition, in input order, written as Parquet files under ``out``."""

    def __init__(self, out: str | Path, partition: int) -> None:
        self.out = Path(out)
        self.partition = partition
        self.chunks = [_Chunk()]

    def add_article(self, rows: dict[str, list[dict]]) -> None:
        """One article's rows (``store.article_rows``); a repeated id starts a new chunk."""
        (article,) = rows["articles"]
        if article["id"] in self.chunks[-1].ids:
            self.chunks.append(_Chunk())
        chunk = self.chunks[-1]
        chunk.ids.add(article["id"])
        for table in store.ARTICLE_TABLES:
            chunk.rows[table].extend(rows.get(table, ()))

    def add_error(self, error: InputError, at: str | None = None) -> None:
        self.chunks[-1].rows["errors"].append({"input": error.input, "reason": error.reason, "at": at or store.now()})

    def rows(self, table: str) -> int:
        return sum(len(chunk.rows[table]) for chunk in self.chunks)

    def write(self) -> list[str]:
        """Write every table of every chunk (empty tables too); the file names, in order.

        Each file is written under a temporary name and renamed, so a file
        that exists is complete, and a partition run again overwrites its own files.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        names = []
        for number, chunk in enumerate(self.chunks):
            name = part_name(self.partition, number)
            for table in DATASET_TABLES:
                folder = self.out / table
                folder.mkdir(parents=True, exist_ok=True)
                temporary = folder / f".{name}.{os.getpid()}.tmp"
                pq.write_table(pa.Table.from_pylist(chunk.rows[table], schema=table_schema(table)), temporary)
                os.replace(temporary, folder / name)
            names.append(name)
        return names


def check_new_output(out: str | Path) -> Path:
    """``out`` as an absolute path, refused when it exists and is not an empty folder."""
    out = Path(out).absolute()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DatasetError(f"{out}: exists and is not an empty folder; give a new folder for the dataset")
    return out


def write_manifest(out: str | Path, files: list[str], **about) -> Path:
    """The manifest (written last: a folder without it holds an unfinished run)."""
    path = Path(out) / MANIFEST
    manifest = {"format": FORMAT, "created": store.now(), "tables": {t: [c[0] for c in table_columns(t)] for t in DATASET_TABLES},
                "files": files, **about}
    temporary = path.with_name(f".{MANIFEST}.tmp")
    temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
    os.replace(temporary, path)
    return path


def read_manifest(directory: str | Path) -> dict:
    """The manifest of a complete dataset; ``DatasetError`` when any file it lists is missing."""
    directory = Path(directory)
    path = directory / MANIFEST
    if not path.is_file():
        raise DatasetError(f"{directory}: not a vnextract dataset, or its ingest did not finish (no {MANIFEST})")
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise DatasetError(f"{path}: not a {FORMAT} manifest")
    for table in DATASET_TABLES:
        for name in manifest["files"]:
            if not (directory / table / name).is_file():
                raise DatasetError(f"{directory / table / name}: missing (the dataset is incomplete)")
    return manifest


# --------------------------------------------------------------------------- load into SQLite


def read_chunk(directory: str | Path, name: str) -> dict[str, list[dict]]:
    """Every table's rows of one chunk file, checked against the expected columns."""
    import pyarrow.parquet as pq

    rows = {}
    for table in DATASET_TABLES:
        path = Path(directory) / table / name
        try:
            data = pq.read_table(path)
        except (OSError, ValueError) as exc:
            raise DatasetError(f"{path}: unreadable Parquet ({exc})") from None
        expected = [c[0] for c in table_columns(table)]
        if data.column_names != expected:
            raise DatasetError(f"{path}: columns {data.column_names}, expected {expected}")
        rows[table] = data.to_pylist()
    return rows


def load_dataset(directory: str | Path, db: str | Path, on_error=None, on_article=None) -> IngestReport:
    """Merge a complete dataset into the store ``db``, article by article in input order.

    Each article goes through ``store.write_rows`` (one transaction, the same
    text stored once whatever its id, a changed text replaces the old one), so
    the store ends with the rows a local ``ingest`` of the same inputs stores.
    The dataset's error rows are added to ``errors`` (and passed to ``on_error``).
    """
    manifest = read_manifest(directory)
    conn = store.connect(db)
    report = IngestReport()
    try:
        for name in manifest["files"]:
            rows = read_chunk(directory, name)
            children = {table: defaultdict(list) for table in store.ARTICLE_TABLES[1:]}
            for table, by_article in children.items():
                for row in rows[table]:
                    by_article[row["article_id"]].append(row)
            for article in rows["articles"]:
                article_rows = {"articles": [article]}
                article_rows.update({table: by_article.get(article["id"], []) for table, by_article in children.items()})
                if store.write_rows(conn, article_rows):
                    report.stored += 1
                else:
                    report.unchanged += 1
                if on_article:
                    on_article(article)
            for row in rows["errors"]:
                error = InputError(row["input"], row["reason"])
                store.write_error(conn, error.input, error.reason)
                report.errors.append(error)
                if on_error:
                    on_error(error)
    finally:
        conn.close()
    return report


# --------------------------------------------------------------------------- query in place


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _store_views() -> list[str]:
    """The ``CREATE VIEW`` statements of ``store.SCHEMA`` (``people_documents``)."""
    return [s.strip() for s in store.SCHEMA.split(";") if s.strip().upper().startswith("CREATE VIEW")]


def connect_dataset(directory: str | Path):
    """An in-memory DuckDB with one view per table over the dataset's Parquet
    files (and the store's views), then locked down: only files under the
    dataset folder can be read, no setting can be changed afterwards."""
    import duckdb

    directory = Path(directory).absolute()
    read_manifest(directory)
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    for table in DATASET_TABLES:
        files = _sql_string(str(directory / table / "*.parquet"))
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({files})")
    for view in _store_views():
        con.execute(view)
    con.execute(f"SET allowed_directories = [{_sql_string(str(directory) + os.sep)}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def query_parquet(directory: str | Path, sql: str):
    """One read-only ``SELECT`` on a dataset in place, as a pandas DataFrame.

    Refused (``QueryRefused``): anything but exactly one SELECT statement
    (``COPY``, ``EXPORT``, ``ATTACH``, ``INSTALL``, ``LOAD``, ``SET``,
    ``CREATE`` ...), and reading any file outside the dataset folder.
    """
    import duckdb

    con = connect_dataset(directory)
    try:
        try:
            statements = con.extract_statements(sql)
        except duckdb.Error as exc:
            raise QueryRefused(str(exc)) from None
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            kinds = ", ".join(s.type.name for s in statements) or "nothing"
            raise QueryRefused(f"only one read-only SELECT is allowed (got {kinds})")
        try:
            return con.execute(sql).df()
        except duckdb.Error as exc:
            raise QueryRefused(str(exc)) from None
    finally:
        con.close()
