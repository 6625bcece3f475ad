"""The Parquet dataset: the store's columns, chunks that replay input order,
``load_dataset`` storing what a local ingest stores, and ``query_parquet``
answering like the store while refusing anything but one SELECT.

These tests write datasets with ``PartitionWriter`` in this process (no Dask);
``test_distributed.py`` writes them on a real cluster."""
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from extract import dataset, store
from extract.cli import app
from extract.dataset import DatasetError, PartitionWriter, QueryRefused, load_dataset, query_parquet
from extract.ingest import InputError, ingest_paths, read_articles
from tests.conftest import RAW
from tests.helpers import store_rows, write_jsonl

QK9 = (RAW / "qk9-can-tho-2023.txt").read_text("utf-8")
QK1 = (RAW / "qk1-bac-giang-2019.txt").read_text("utf-8")


def write_dataset(out, paths, pipeline, per_partition=2):
    """What the workers do, in this process: ``per_partition`` inputs per partition, then the manifest."""
    items = list(read_articles(paths))
    files = []
    for index in range(0, len(items), per_partition):
        writer = PartitionWriter(out, index // per_partition)
        for item in items[index:index + per_partition]:
            if isinstance(item, InputError):
                writer.add_error(item)
            else:
                writer.add_article(store.article_rows(item, pipeline.extract(item.text, year=item.year)))
        files += writer.write()
    dataset.write_manifest(out, files)
    return files


def frame_rows(frame) -> list[tuple]:
    """A DataFrame's rows as tuples, missing values (NaN, NA) as None, as sqlite3 gives them."""
    import pandas as pd

    return [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False)]


def sqlite_columns(table):
    conn = sqlite3.connect(":memory:")
    conn.executescript(store.SCHEMA)
    return [(row[1], row[2]) for row in conn.execute(f"PRAGMA table_info({table})")]


def test_every_table_has_the_store_columns_and_types_even_when_empty(tmp_path):
    import pyarrow.parquet as pq

    files = PartitionWriter(tmp_path, 7).write()
    assert files == ["part-00007-000.parquet"]
    arrow = {"TEXT": "string", "INTEGER": "int64", "REAL": "double"}
    for table in dataset.DATASET_TABLES:
        expected = [(name, arrow[kind]) for name, kind in sqlite_columns(table)
                    if table != "errors" or name in ("input", "reason", "at")]  # the store counts repeats itself
        written = pq.read_schema(tmp_path / table / files[0])
        assert [(f.name, str(f.type)) for f in written] == expected, table
        assert pq.read_metadata(tmp_path / table / files[0]).num_rows == 0


def test_a_repeated_id_starts_a_new_chunk_and_load_replays_input_order(tmp_path, pipeline):
    """Same id with a changed text (the later one wins), the same text under
    another id (stored once), and an id freed by a change then reused by its
    old text: the loaded store equals a local ingest of the same file."""
    short = "Thiếu tướng Hồ Văn Thái phát biểu tại Cần Thơ ngày 16-6-2022."
    source = write_jsonl(tmp_path / "batch.jsonl", [
        {"id": "a", "text": QK9},
        {"id": "a", "text": QK1},           # same id, changed text: replaces
        {"id": "b", "text": QK9},           # QK9 is no longer stored: stored under b
        {"id": "c", "text": QK1},           # same text as a: not stored again
        {"id": "d", "text": short, "title": "Tin ngắn", "date": "2022-06-16"},
        {"id": "e", "text": ""},            # an error row
    ])
    files = write_dataset(tmp_path / "ds", [source], pipeline, per_partition=6)
    assert files == ["part-00000-000.parquet", "part-00000-001.parquet"]
    report = load_dataset(tmp_path / "ds", tmp_path / "loaded.db")
    ingest_paths([source], tmp_path / "local.db", jobs=1)
    assert (report.stored, report.unchanged) == (4, 1)  # a, a replaced, b, d; c is a's text
    loaded = store_rows(tmp_path / "loaded.db")
    assert loaded == store_rows(tmp_path / "local.db")
    assert [row[0] for row in loaded["articles"]] == ["a", "b", "d"]
    assert [(e.input, e.reason) for e in report.errors] == [(f"{source}:6", "JSON line has no non-empty 'text' or 'html'")]
    conn = sqlite3.connect(tmp_path / "loaded.db")
    assert conn.execute("SELECT input, reason FROM errors").fetchall() == [(f"{source}:6", "JSON line has no non-empty 'text' or 'html'")]


def test_load_refuses_an_unfinished_or_damaged_dataset(tmp_path, pipeline):
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError, match="no _vnextract.json"):
        load_dataset(tmp_path / "empty", tmp_path / "s.db")
    write_dataset(tmp_path / "ds", [RAW], pipeline)
    (tmp_path / "ds" / "people" / "part-00000-000.parquet").unlink()
    with pytest.raises(DatasetError, match="people/part-00000-000.parquet: missing"):
        load_dataset(tmp_path / "ds", tmp_path / "s.db")
    result = CliRunner().invoke(app, ["load", str(tmp_path / "ds"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("vnextract: error: ") and "missing" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_output_folder_must_be_new_or_empty(tmp_path):
    assert dataset.check_new_output(tmp_path / "new") == (tmp_path / "new").absolute()
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    with pytest.raises(DatasetError, match="not an empty folder"):
        dataset.check_new_output(tmp_path / "used")


JOIN = """SELECT p.article_id, p.name, p.rank, d.ref, d.type, d.issuer
          FROM people p JOIN documents d USING (article_id)
          ORDER BY p.article_id, p.person, d.ref"""


@pytest.fixture(scope="module")
def seed_dataset(tmp_path_factory, pipeline):
    root = tmp_path_factory.mktemp("seed_dataset")
    write_dataset(root / "ds", [RAW], pipeline, per_partition=1)
    load_dataset(root / "ds", root / "store.db")
    return root / "ds", root / "store.db"


def test_query_parquet_answers_a_join_as_the_store_does(seed_dataset):
    directory, db = seed_dataset
    frame = query_parquet(directory, JOIN)
    conn = sqlite3.connect(db)
    expected = conn.execute(JOIN).fetchall()
    assert len(expected) > 4
    assert frame_rows(frame) == expected
    view = "SELECT name, rank, ref, year FROM people_documents ORDER BY name, ref"
    assert frame_rows(query_parquet(directory, view)) == conn.execute(view).fetchall()
    counts = "SELECT label, count(*) AS n FROM mentions GROUP BY label ORDER BY label"
    assert frame_rows(query_parquet(directory, counts)) == conn.execute(counts).fetchall()


@pytest.mark.parametrize("sql", [
    "COPY (SELECT * FROM articles) TO '{out}/copy.csv'",
    "COPY articles TO '{dir}/articles/copy.parquet'",
    "EXPORT DATABASE '{out}/export'",
    "ATTACH '{dir}/attached.db'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "CREATE TABLE {dir_name} AS SELECT 1",
    "SELECT 1; SELECT 2",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_parquet('{out}/elsewhere/*.parquet')",
    "SELECT * FROM nowhere",
])
def test_query_parquet_refuses_writes_and_files_outside_the_dataset(seed_dataset, tmp_path, sql):
    directory, _ = seed_dataset
    (tmp_path / "elsewhere").mkdir()
    PartitionWriter(tmp_path / "elsewhere", 0).write()
    before = sorted(p.relative_to(directory) for p in directory.rglob("*"))
    with pytest.raises(QueryRefused):
        query_parquet(directory, sql.format(out=tmp_path, dir=directory, dir_name="t"))
    assert sorted(p.relative_to(directory) for p in directory.rglob("*")) == before
    assert not (tmp_path / "copy.csv").exists() and not (tmp_path / "export").exists()


def test_cli_query_parquet_prints_rows_and_refuses_copy(seed_dataset, tmp_path):
    directory, db = seed_dataset
    result = CliRunner().invoke(app, ["query", "--parquet", str(directory), "--format", "json",
                                      "SELECT id, year FROM articles ORDER BY id"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"id": "qk1-bac-giang-2019", "year": None}, {"id": "qk9-can-tho-2023", "year": None}]
    refused = CliRunner().invoke(app, ["query", "--parquet", str(directory), f"COPY articles TO '{tmp_path}/x.csv'"])
    assert refused.exit_code == 1 and refused.stderr.startswith("vnextract: query failed: only one read-only SELECT")
    assert not (tmp_path / "x.csv").exists()
    missing = CliRunner().invoke(app, ["query", "--parquet", str(tmp_path), "SELECT 1"])
    assert missing.exit_code == 2 and "no _vnextract.json" in missing.stderr
