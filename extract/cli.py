"""The ``vnextract`` command: a thin layer over the library.

Each command parses its arguments, makes one library call and prints the result.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from extract.ingest import ARTICLE_TIMEOUT_S
from extract.store import DEFAULT_DB

app = typer.Typer(help="Information extraction for Vietnamese press articles.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite store.")]
NoModelOption = Annotated[bool, typer.Option("--no-model", help="The rules alone, without the trained NER model.")]


def _open_readonly(db: Path):
    from extract.store import connect_readonly

    try:
        return connect_readonly(db)
    except FileNotFoundError as exc:
        typer.echo(f"vnextract: {exc}; run `vnextract ingest` first", err=True)
        raise typer.Exit(2) from None


def _check_model(use_model: bool) -> None:
    """Stop with one line when the trained model is wanted but missing."""
    if not use_model:
        return
    from extract.model import ModelNotFoundError, check_model_path, default_model_path

    try:
        check_model_path(default_model_path())
    except ModelNotFoundError as exc:
        typer.echo(f"vnextract: error: {exc}", err=True)
        raise typer.Exit(2) from None


def _print_summary(summary: dict) -> None:
    table = Table(title="vnextract store", show_header=False)
    for key in ("articles", "people", "documents", "percents", "errors"):
        table.add_row(key, str(summary[key]))
    for label, count in summary["mentions"].items():
        table.add_row(f"mentions {label}", str(count))
    out.print(table)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes extracting (one writer).")] = 1,
    timeout: Annotated[float, typer.Option(help="Per-article extraction time limit, seconds.")] = ARTICLE_TIMEOUT_S,
    engine: Annotated[str, typer.Option(help="local (processes on this machine, into --db) or dask (a Dask cluster, into a Parquet dataset --out).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="dask: the scheduler's address (tcp://host:8786); default: a local cluster.")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="dask: a new folder for the Parquet dataset (then `vnextract load`).")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="dask: local cluster size (default 2); with --scheduler, workers to wait for (default 1).")] = None,
    partition_mb: Annotated[float | None, typer.Option(min=0.001, help="dask: partition size in MB (default: 4 per worker, at most 4 MB).")] = None,
    no_model: NoModelOption = False,
) -> None:
    """Read articles, extract, and store them with their records (idempotent)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from extract import store
    from extract.ingest import ingest_paths

    if engine not in ("local", "dask"):
        raise typer.BadParameter("local or dask", param_hint="--engine")
    _check_model(not no_model)
    if engine == "dask":
        if jobs != 1:
            raise typer.BadParameter("--jobs is for --engine local; the dask engine runs --workers", param_hint="--jobs")
        _ingest_dask(paths, out_dir, scheduler, workers, timeout, partition_mb, use_model=not no_model)
        return
    if scheduler or out_dir or workers or partition_mb:
        raise typer.BadParameter("--scheduler, --out, --workers and --partition-mb go with --engine dask", param_hint="--engine")

    def on_error(error) -> None:
        typer.echo(f"vnextract: error: {error}", err=True)

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} read"),
                  TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None)
        report = ingest_paths(paths, db, jobs=jobs, timeout=timeout, use_model=not no_model, on_error=on_error,
                              on_article=lambda _: progress.advance(task))
    out.print(f"stored {report.stored} new article(s), {report.unchanged} already stored, "
              f"{len(report.errors)} error(s) into {db}", highlight=False)
    conn = _open_readonly(db)
    _print_summary(store.stats(conn))
    conn.close()
    if report.errors:
        raise typer.Exit(1)


def _ingest_dask(paths: list[str], out_dir: Path | None, scheduler: str | None, workers: int | None,
                 timeout: float, partition_mb: float | None, use_model: bool = True) -> None:
    from extract.distributed import DistributedIngestError, run_dask_ingest

    if out_dir is None:
        raise typer.BadParameter("the dask engine writes a Parquet dataset: give --out DIR", param_hint="--out")

    def on_error(error) -> None:
        typer.echo(f"vnextract: error: {error}", err=True)

    try:
        report = run_dask_ingest(paths, out_dir, scheduler=scheduler, workers=workers, use_model=use_model, timeout=timeout,
                                 partition_bytes=int(partition_mb * 2**20) if partition_mb else None, on_error=on_error)
    except (ValueError, DistributedIngestError) as exc:  # dataset.DatasetError is a ValueError
        typer.echo(f"vnextract: error: {exc}", err=True)
        raise typer.Exit(2) from None
    out.print(f"extracted {report.articles} article(s) in {report.partitions} partition(s) on {report.workers} "
              f"worker(s), {len(report.errors)} error(s) into {report.out} ({report.seconds:.1f} s); "
              f"merge it with `vnextract load {out_dir} --db FILE`", highlight=False)
    if report.errors:
        raise typer.Exit(1)


@app.command()
def load(
    directory: Annotated[Path, typer.Argument(help="A Parquet dataset written by `ingest --engine dask`.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Merge a Parquet dataset into the store: the rows and rules of a local ingest."""
    from extract import store
    from extract.dataset import DatasetError, load_dataset

    try:
        report = load_dataset(directory, db)
    except DatasetError as exc:
        typer.echo(f"vnextract: error: {exc}", err=True)
        raise typer.Exit(2) from None
    out.print(f"stored {report.stored} new article(s), {report.unchanged} already stored, "
              f"{len(report.errors)} error row(s) of the ingest run into {db}", highlight=False)
    conn = _open_readonly(db)
    _print_summary(store.stats(conn))
    conn.close()


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin.")],
    format: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
    no_model: NoModelOption = False,
) -> None:
    """Print one line per article in the gold format (no store touched)."""
    from extract.ingest import InputError, read_articles
    from extract.pipeline import Pipeline

    if format != "jsonl":
        raise typer.BadParameter("only jsonl is supported", param_hint="--format")
    _check_model(not no_model)
    pipeline, failed = None, False
    for item in read_articles(paths):
        if isinstance(item, InputError):
            typer.echo(f"vnextract: error: {item}", err=True)
            failed = True
            continue
        pipeline = pipeline or Pipeline(use_model=not no_model)
        record = pipeline.extract(item.text, year=item.year).to_gold(item.id)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find, with or without diacritics.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Most hits to show.")] = 10,
) -> None:
    """Full-text search over articles, ranked, with highlighted snippets."""
    from extract.search import search as run_search

    conn = _open_readonly(db)
    hits = run_search(conn, query, limit=limit)
    conn.close()
    if not hits:
        out.print(f"no article matches {query!r}", highlight=False)
        raise typer.Exit(0)
    for hit in hits:
        out.print(f"[bold]{hit.id}[/bold]  {hit.title or ''}  (score {-hit.score:.3g})", highlight=False)
        out.print("  " + hit.snippet, markup=False, highlight=False)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="One read-only SQL statement.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    parquet: Annotated[Path | None, typer.Option("--parquet", help="Query this dataset of `ingest --engine dask` in place (DuckDB) instead of the store.")] = None,
) -> None:
    """Run read-only SQL on the store (the file is opened read-only), or on a Parquet dataset."""
    import sqlite3

    import pandas as pd

    from extract.export import read_query

    if format not in ("table", "csv", "json"):
        raise typer.BadParameter("table, csv or json", param_hint="--format")
    if parquet is not None:
        frame = _query_parquet(parquet, sql)
    else:
        conn = _open_readonly(db)
        try:
            frame = read_query(conn, sql)
        except (sqlite3.Error, pd.errors.DatabaseError) as exc:  # pandas wraps sqlite errors
            typer.echo(f"vnextract: query failed: {exc}", err=True)
            raise typer.Exit(1) from None
        finally:
            conn.close()
    if format == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False) + "\n")
    else:
        table = Table(*[str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            table.add_row(*["" if v is None else str(v) for v in row])
        out.print(table)


def _query_parquet(directory: Path, sql: str):
    from extract.dataset import DatasetError, QueryRefused, query_parquet

    try:
        return query_parquet(directory, sql)
    except DatasetError as exc:
        typer.echo(f"vnextract: error: {exc}", err=True)
        raise typer.Exit(2) from None
    except QueryRefused as exc:
        typer.echo(f"vnextract: query failed: {exc}", err=True)
        raise typer.Exit(1) from None


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="A table name, or all.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", help="parquet or csv.")] = "parquet",
) -> None:
    """Export tables as Parquet or CSV files."""
    from extract.export import export_tables
    from extract.store import TABLES

    tables = list(TABLES) if table == "all" else [table]
    conn = _open_readonly(db)
    try:
        written = export_tables(conn, tables, out_dir, format)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    finally:
        conn.close()
    for path in written:
        out.print(str(path), highlight=False)


@app.command()
def stats(db: DbOption = DEFAULT_DB) -> None:
    """Articles, mentions per label, people, documents, percents and errors in the store."""
    from extract import store

    conn = _open_readonly(db)
    _print_summary(store.stats(conn))
    conn.close()


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    port: Annotated[int, typer.Option(help="TCP port.")] = 8001,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
) -> None:
    """Browse, search and query the store in a web browser (Datasette, read-only)."""
    from extract import serve as server

    try:
        server.check_store(db)
    except server.StoreError as exc:
        typer.echo(f"vnextract: error: {exc}", err=True)
        raise typer.Exit(2) from None
    err.print(f"serving {db} read-only at http://{host}:{port}/{server.DATABASE} (Ctrl+C stops)", highlight=False, markup=False)
    server.serve(db, port=port, host=host)


@app.command()
def render(
    article_id: Annotated[str, typer.Argument(help="The article's id (see `vnextract search`).")],
    db: DbOption = DEFAULT_DB,
    html: Annotated[Path | None, typer.Option("--html", help="Write the page to this file instead of stdout.")] = None,
) -> None:
    """An article as HTML: entities highlighted by label, then its people, documents and percents."""
    from extract.render import ArticleNotFound, render_article

    conn = _open_readonly(db)
    try:
        page = render_article(conn, article_id)
    except ArticleNotFound:
        typer.echo(f"vnextract: error: {article_id}: no such article in {db}", err=True)
        raise typer.Exit(1) from None
    finally:
        conn.close()
    if html is None:
        sys.stdout.write(page)
    else:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(page, encoding="utf-8")
        err.print(f"wrote {html}", highlight=False, markup=False)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Gold JSONL (ANNOTATION.md format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every false positive and negative.")] = False,
    baseline: Annotated[str | None, typer.Option(help="Score a baseline instead: underthesea.")] = None,
    no_model: NoModelOption = False,
) -> None:
    """Score the pipeline (or a baseline) on a gold file, as the guideline's Scoring section says."""
    from extract import evaluate as evaluation

    if baseline not in (None, "underthesea"):
        raise typer.BadParameter("the only baseline is underthesea", param_hint="--baseline")
    _check_model(not no_model and baseline is None)
    gold_articles = evaluation.load_gold(gold)
    predicted = (evaluation.predict_underthesea(gold_articles) if baseline
                 else evaluation.predict(gold_articles, use_model=not no_model))
    scores = evaluation.score(gold_articles, predicted)
    if as_json:
        sys.stdout.write(json.dumps(scores, ensure_ascii=False) + "\n")
    else:
        out.print(evaluation.format_report(scores), markup=False, highlight=False)
    if errors:
        for e in evaluation.errors(gold_articles, predicted):
            out.print(json.dumps(e, ensure_ascii=False) if as_json else
                      f"{e['id']}\t{e['kind']}\t{e['label']}\t{e.get('text')!r}\t{e.get('context', '')}",
                      markup=False, highlight=False)


@app.command()
def bench(
    articles: Annotated[int, typer.Option(help="Articles per run (N; scaling uses N, 2N, 4N).")] = 200,
    jobs: Annotated[int, typer.Option(help="Processes for the parallel runs; Dask workers for the dask run.")] = 2,
    repeats: Annotated[int, typer.Option(help="Repeats per measure (the median is reported).")] = 3,
    source: Annotated[Path | None, typer.Option(help="Articles to use (JSONL[.gz]); default: the bench corpus.")] = None,
    memory_articles: Annotated[int, typer.Option(
        help="Also stream this many articles through one process and report its RSS as they go (e.g. 10000).")] = 0,
    memory_step: Annotated[int, typer.Option(help="Articles between two memory samples.")] = 1000,
    measure: Annotated[list[str] | None, typer.Option(
        "--measure", help="Only these measures (repeatable); default: all but memory.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Throughput and memory of the pipeline against underthesea, in one run."""
    from extract import bench as benchmark

    try:
        result = benchmark.run(articles=articles, jobs=jobs, repeats=repeats, source=source, measures=measure,
                               memory_articles=memory_articles, memory_step=memory_step)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        out.print(benchmark.format_bench(result), markup=False, highlight=False)


if __name__ == "__main__":
    app()
