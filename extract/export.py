"""The store as pandas tables, Parquet or CSV files, and read-only SQL."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from extract.store import TABLES


def read_table(conn: sqlite3.Connection, table: str) -> pd.DataFrame:
    """One table of the store as a DataFrame."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; one of: {', '.join(TABLES)}")
    return pd.read_sql_query(f"SELECT * FROM {table}", conn)


def read_query(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> pd.DataFrame:
    """Any read-only SQL on the store as a DataFrame."""
    return pd.read_sql_query(sql, conn, params=params)


def export_tables(conn: sqlite3.Connection, tables: list[str], out: str | Path, fmt: str = "parquet") -> list[Path]:
    """Write each table to ``out/<table>.<fmt>``; returns the paths written."""
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown format {fmt!r}; parquet or csv")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        frame = read_table(conn, table)
        path = out / f"{table}.{fmt}"
        if fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            frame.to_csv(path, index=False)
        written.append(path)
    return written
