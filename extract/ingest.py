"""Read articles from files, folders and stdin: ``.txt``, ``.html``/``.htm``,
``.jsonl``/``.json`` and ``.gz`` of any of them.

``read_articles(paths)`` yields an ``Article`` for every good input and an
``InputError`` (input name and a one-line reason) for every bad one, so that a
batch always goes on.  Text files are stored as their NFC content and nothing
else; HTML is reduced to its main text, title and date by trafilatura.

An article's id is the given ``id`` (JSON Lines), else the file's stem, else a
hash of its text.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extract.decode import DecodeError, check_text, decode_bytes
from extract.normalise import normalise_text

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MAX_INPUT_BYTES = 20_000_000  # one text or HTML file (compressed or not)
MAX_JSON_BYTES = 10 * MAX_INPUT_BYTES  # one JSON file (compressed or not): it is read whole
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None  # ISO date (or year) when known
    url: str | None = None

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)

    @property
    def year(self) -> int | None:
        if self.date and self.date[:4].isdigit():
            return int(self.date[:4])
        return None


@dataclass(frozen=True)
class InputError:
    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_size(text: str) -> None:
    if len(text) > MAX_ARTICLE_CHARS:
        raise DecodeError(f"too large: {len(text):,} characters (limit {MAX_ARTICLE_CHARS:,})")


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(value: str) -> str:
    """``value`` with each lone surrogate (``"\\ud800"`` in JSON: not a character,
    and not encodable as UTF-8) replaced by U+FFFD, as a UTF-8 decoder does for a
    broken sequence."""
    return _SURROGATE.sub("\ufffd", value)


def display_name(path: str | Path) -> str:
    """A file name as text: bytes that are not UTF-8 are written as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def article_from_text(text: str, source: str, article_id: str | None = None, **meta) -> Article:
    """An Article from already-decoded text (NFC applied here)."""
    text = normalise_text(valid_unicode(text))
    if not text.strip():
        raise DecodeError("empty text")
    check_text(text, "text")
    _check_size(text)
    meta = {key: valid_unicode(value) if isinstance(value, str) else value for key, value in meta.items()}
    return Article(id=valid_unicode(article_id) if article_id else "sha-" + text_sha256(text)[:16],
                   text=text, source=valid_unicode(source), **meta)


def article_from_html(html: str, source: str, article_id: str | None = None, **meta) -> Article:
    """Main text, title and date of an HTML page (trafilatura)."""
    from extract.flatten import MAX_DEPTH, flatten_html

    doc = _main_text(html)
    if doc is None:
        # lxml stops at 256 levels of nesting: a deeper page is flattened and read again
        flat = flatten_html(html)
        if flat.depth <= MAX_DEPTH:
            raise DecodeError("HTML without extractable main text")
        doc = _main_text(flat.html)
        if doc is None:
            raise DecodeError(f"HTML nested {flat.depth:,} levels deep, without extractable main text "
                              f"once flattened to {MAX_DEPTH}")
    data = doc if isinstance(doc, dict) else doc.as_dict()
    text = data.get("text") or ""
    meta.setdefault("title", data.get("title") or None)
    meta.setdefault("date", data.get("date") or None)
    meta.setdefault("url", data.get("url") or None)
    return article_from_text(text, source, article_id, **meta)


def _main_text(html: str):
    """trafilatura's main text, title and date of a page, or None."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    except (RecursionError, ValueError, TypeError) as exc:
        raise DecodeError(f"malformed HTML ({type(exc).__name__})") from None


def _json_records(content: str, source: str) -> Iterator[tuple[str, object] | InputError]:
    """(name, record) pairs in input order: a JSON array, a single object, or JSON Lines."""
    stripped = content.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except (ValueError, RecursionError) as exc:
            yield InputError(source, f"malformed JSON: {_json_problem(exc, with_line=True)}")
            return
        yield from ((f"{source}:{i + 1}", r) for i, r in enumerate(records))
        return
    # lines end at "\n" only: a JSON string may hold U+2028, U+0085 ... unescaped,
    # which str.splitlines() would take for line ends
    for lineno, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield InputError(f"{source}:{lineno}", f"malformed JSON line: {_json_problem(exc)}")
            continue
        yield f"{source}:{lineno}", record


def _json_problem(exc: Exception, with_line: bool = False) -> str:
    """What ``json.loads`` found wrong, in one line."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}" if with_line else exc.msg
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)  # e.g. an integer of more than 4,300 digits


def _json_articles(content: str, source: str) -> Iterator[Article | InputError]:
    for item in _json_records(content, source):
        if isinstance(item, InputError):
            yield item
            continue
        name, record = item
        try:
            yield article_from_record(record, name)
        except DecodeError as exc:
            yield InputError(name, str(exc))


def article_from_record(record: object, source: str) -> Article:
    """One JSON object: ``id``, ``text`` or ``html``, optional ``title``, ``url``, ``date``, ``source``."""
    if not isinstance(record, dict):
        raise DecodeError("JSON line is not an object")
    article_id = record.get("id")
    article_id = str(article_id) if article_id not in (None, "") else None
    meta = {k: (str(record[k]) if record.get(k) not in (None, "") else None) for k in ("title", "date", "url")}
    origin = str(record.get("source") or record.get("url") or source)
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return article_from_text(text, origin, article_id, **meta)
    if isinstance(html, str) and html.strip():
        return article_from_html(html, origin, article_id, **{k: v for k, v in meta.items() if v})
    raise DecodeError("JSON line has no non-empty 'text' or 'html'")


def _input_limit(name: str) -> int:
    """The most bytes a file of this name may hold (compressed, and once decompressed)."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return MAX_JSON_BYTES if suffixes and suffixes[-1] in JSON_SUFFIXES else MAX_INPUT_BYTES


def _read_limited(path: Path) -> bytes:
    """The file's bytes; a file over its limit is refused from its size, without reading it."""
    limit = _input_limit(path.name)
    size = path.stat().st_size
    if size > limit:
        raise DecodeError(f"too large: {size:,} bytes (limit {limit:,})")
    with path.open("rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:  # it grew since
        raise DecodeError(f"too large: over {limit:,} bytes")
    return data


def _gunzip(data: bytes, limit: int = MAX_JSON_BYTES) -> bytes:
    """Decompressed ``data``; refused (not cut) when it expands beyond ``limit`` bytes,
    which is read no further (a decompression bomb costs ``limit`` bytes at most)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise DecodeError(f"bad gzip: {exc}") from None
    if len(out) > limit:
        raise DecodeError(f"too large: over {limit:,} bytes once decompressed (limit {limit:,})")
    return out


def articles_from_bytes(data: bytes, name: str, suffix: str, stem: str) -> Iterator[Article | InputError]:
    """Dispatch on the (inner) suffix; text files and HTML give one article, JSON many."""
    try:
        if suffix == ".gz":
            inner = Path(stem)
            yield from articles_from_bytes(_gunzip(data, _input_limit(stem)), name, inner.suffix.lower(), inner.stem)
            return
        content = decode_bytes(data)
        if suffix in JSON_SUFFIXES:
            yield from _json_articles(content, name)
        elif suffix in HTML_SUFFIXES:
            yield article_from_html(content, name, stem)
        else:
            yield article_from_text(content, name, stem)
    except DecodeError as exc:
        yield InputError(name, str(exc))


def _files_under(path: Path) -> Iterator[Path]:
    for p in sorted(path.rglob("*")):
        if p.is_file() and not p.name.startswith("."):
            suffixes = [s.lower() for s in p.suffixes[-2:]]
            if suffixes and (suffixes[-1] in SUPPORTED or (suffixes[-1] == ".gz" and suffixes[0] in SUPPORTED)):
                yield p


def read_stdin(stream=None) -> Iterator[Article | InputError]:
    """Standard input: JSON Lines when it starts with '{' or '[', else one text article."""
    data = (stream or sys.stdin.buffer).read(MAX_JSON_BYTES + 1)
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        if len(data) > MAX_JSON_BYTES:
            yield InputError("<stdin>", f"too large: over {MAX_JSON_BYTES:,} bytes (limit {MAX_JSON_BYTES:,})")
            return
        yield from articles_from_bytes(data, "<stdin>", ".jsonl", "stdin")
        return
    try:
        if len(data) > MAX_INPUT_BYTES:
            raise DecodeError(f"too large: over {MAX_INPUT_BYTES:,} bytes (limit {MAX_INPUT_BYTES:,})")
        text = decode_bytes(data)
        yield article_from_text(text, "<stdin>")
    except DecodeError as exc:
        yield InputError("<stdin>", str(exc))


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article in ``paths`` (files, folders read recursively, ``-`` for stdin)."""
    for raw in paths:
        if str(raw) == "-":
            yield from read_stdin()
            continue
        path = Path(raw)
        if path.is_dir():
            files = list(_files_under(path))
        elif path.is_file():
            files = [path]
        else:
            yield InputError(display_name(path), "not a regular file or folder" if path.exists()
                             else "no such file or folder")
            continue
        for file in files:
            name = display_name(file)
            try:
                data = _read_limited(file)
            except (OSError, DecodeError) as exc:
                yield InputError(name, str(exc) if isinstance(exc, DecodeError) else exc.strerror or str(exc))
                continue
            suffix = file.suffix.lower()
            stem = display_name(file.stem if suffix != ".gz" else file.name[:-3])
            yield from articles_from_bytes(data, name, suffix, stem)


@dataclass
class IngestReport:
    stored: int = 0
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)


ARTICLE_TIMEOUT_S = 120.0  # per-article limit on extraction (a 1M-character article takes ~20 s)
QUEUE_PER_JOB = 4  # articles in flight per worker process: bounds memory, keeps workers fed


def ingest_paths(paths, db, jobs: int = 1, use_model: bool = True, timeout: float = ARTICLE_TIMEOUT_S,
                 on_error=None, on_article=None) -> IngestReport:
    """Read ``paths``, run the pipeline on every new article and store it in ``db``.

    This process reads the inputs and is the one writer to SQLite; ``jobs``
    worker processes (each loading the pipeline once) extract.  At most
    ``QUEUE_PER_JOB * jobs`` articles are in flight, and results are written in
    input order, so the store ends with the same rows whatever ``jobs`` is.  An
    article whose extraction takes longer than ``timeout`` seconds, or fails,
    has its worker replaced and becomes an error; the batch goes on.  Each bad
    input becomes an ``InputError`` (passed to ``on_error`` and written to the
    ``errors`` table).  An article whose text is stored already is not run again.
    """
    import sqlite3

    from extract import store

    conn = store.connect(db)
    report = IngestReport()
    pool = None

    def new_articles():
        """The inputs, less the articles whose text is stored already (counted as unchanged)."""
        for item in read_articles(paths):
            if isinstance(item, Article) and store.stored_state(conn, item) == "same":
                report.unchanged += 1
                if on_article:
                    on_article(item)
                continue
            yield item

    def schedule(article: Article):
        nonlocal pool
        pool = pool or _worker_pool(jobs, use_model)
        return pool.schedule(_extract_in_worker, args=(article.text, article.year), timeout=timeout)

    results = extract_in_order(new_articles(), schedule, QUEUE_PER_JOB * jobs, timeout)
    try:
        for item, outcome in results:
            if isinstance(item, InputError):
                _record_error(conn, report, item, on_error)
                continue
            if not isinstance(outcome, InputError):
                try:
                    written = store.write_article(conn, item, outcome)
                except sqlite3.IntegrityError as exc:  # rolled back whole: an error row, the batch goes on
                    outcome = InputError(f"{item.source} (article {item.id})", f"not stored: {exc}")
            if isinstance(outcome, InputError):
                _record_error(conn, report, outcome, on_error)
            elif written:
                report.stored += 1
            else:
                report.unchanged += 1
            if on_article:
                on_article(item)
    finally:
        results.close()  # cancels what is still in flight
        if pool is not None:
            pool.stop()
            pool.join()
        conn.close()
    return report


def extract_in_order(items: Iterable, schedule, in_flight: int, timeout: float) -> Iterator[tuple]:
    """``(item, outcome)`` for each of ``items``: an ``InputError`` item at once (its outcome is
    itself); an ``Article`` once ``schedule(article)`` (a pebble future) is done, its outcome the
    ``Extraction`` or an ``InputError`` (``_outcome``). Articles come out in input order, at most
    ``in_flight`` of them scheduled at a time; those still pending when the caller stops are cancelled.
    The one loop of the local ingest and of the Dask engine's partitions."""
    from collections import deque

    pending: deque = deque()  # (article, future) in input order

    def oldest() -> tuple:
        article, future = pending.popleft()
        return article, _outcome(future, article, timeout)

    try:
        for item in items:
            if isinstance(item, InputError):
                yield item, item
                continue
            pending.append((item, schedule(item)))
            while len(pending) >= in_flight or (pending and pending[0][1].done()):
                yield oldest()
        while pending:
            yield oldest()
    finally:
        for _, future in pending:
            future.cancel()


def _worker_pool(jobs: int, use_model: bool):
    """``jobs`` spawned worker processes, each loading the pipeline once (pebble
    replaces a worker that overruns its task's timeout or dies)."""
    import multiprocessing

    from pebble import ProcessPool

    return ProcessPool(max_workers=max(1, jobs), initializer=_load_worker_pipeline, initargs=(use_model,),
                       context=multiprocessing.get_context("spawn"))


_WORKER_PIPELINE = None
WARM_UP_TEXT = "Thiếu tướng Hồ Văn Thái, Chính ủy Quân khu 9, dự hội nghị ngày 16-6-2022 theo Nghị quyết số 21-NQ/TW; đạt 95,91%."


def _load_worker_pipeline(use_model: bool) -> None:
    global _WORKER_PIPELINE
    from extract.pipeline import Pipeline

    _WORKER_PIPELINE = Pipeline(use_model=use_model)
    _WORKER_PIPELINE.extract(WARM_UP_TEXT)  # first-call costs (lazy lexicons) stay out of the time limit


def _extract_in_worker(text: str, year: int | None):
    return _WORKER_PIPELINE.extract(text, year=year)


def _outcome(future, article: Article, timeout: float):
    """The worker's ``Extraction`` for ``article``, or an ``InputError`` saying why there is none."""
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    name = f"{article.source} (article {article.id})"
    try:
        return future.result()
    except FutureTimeout:
        return InputError(name, f"extraction took over {timeout:g} s (the per-article time limit); not stored")
    except ProcessExpired as exc:
        return InputError(name, f"extraction worker died (exit code {exc.exitcode}); not stored")
    except RecursionError:
        return InputError(name, "extraction failed: too deeply nested")
    except Exception as exc:  # noqa: BLE001 - any extractor bug: one error line, the batch goes on
        return InputError(name, f"extraction failed: {type(exc).__name__}: {exc}")


def _record_error(conn, report: IngestReport, error: InputError, on_error) -> None:
    from extract import store

    report.errors.append(error)
    store.write_error(conn, error.input, error.reason)
    if on_error:
        on_error(error)
