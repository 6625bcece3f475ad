"""Throughput and memory of the pipeline against underthesea, measured in one run.

>>> result = run(articles=200, jobs=2, repeats=3)    # doctest: +SKIP
>>> print(format_bench(result))                     # doctest: +SKIP

Measures, each on the same N real articles (``source``; by default the bench
corpus ``../shared/corpus/bench/baomoi-10k.jsonl.gz`` beside the repository,
else the bundled ``corpus/raw/``), models loaded before any timing:

* ``word_tokenize``: bare ``underthesea.word_tokenize`` on each text;
* ``ner``: ``underthesea.ner`` sentence by sentence (as the evaluator's
  baseline calls it) on the first ``max(1, N // 5)`` articles: it is slow;
* ``pipeline``: ``Pipeline.extract`` on each text in this process, no store;
* ``parallel``: the same over ``jobs`` worker processes (spawned, each loading
  the pipeline once before timing), fed chunks of articles;
* ``ingest_1`` and ``ingest``: ``ingest_paths`` of the N articles (written to
  a temp .jsonl) into a fresh temp SQLite store, with 1 and with ``jobs``
  worker processes; it loads its own pipeline, inside the timing;
* ``dask``: ``run_dask_ingest`` of the same .jsonl on a local Dask cluster of
  ``jobs`` workers (one thread each) into a new Parquet dataset.  The cluster
  is started before timing (``cluster_start_seconds``); the timing includes
  loading the pipeline on every worker, cutting the file into partitions,
  extracting and writing Parquet.  ``load_seconds`` is the separate time of
  ``load_dataset`` of the first run's dataset into a fresh SQLite store;
* ``scaling``: ``pipeline`` again at 2N and 4N articles (one run each);
* ``memory`` (only when asked, ``memory_articles > 0``): a fresh spawned
  process streams ``memory_articles`` articles (e.g. 10,000) through the
  pipeline and reports its RSS every ``memory_step`` articles, to show whether
  memory stays flat as the corpus grows.

"words" is the underthesea word count of the texts (counted once, by the
``word_tokenize`` run).  Each measure is the median of ``repeats`` runs; the
in-process ones also give this process's CPU time: well below the wall time,
it means other work shared the cores (``machine`` has the load average before
and after: the numbers are only comparable on an otherwise idle machine).  The
parallel run gives its workers' CPU time instead: about ``jobs`` times its wall
time when the workers really ran side by side.  Peak
RSS is sampled every 50 ms over this process and all its children.  A source
with fewer than the articles needed is cycled; copies get trailing spaces so
that the store does not skip them as already stored.
"""
from __future__ import annotations

import gzip
import itertools
import json
import math
import os
import platform
import statistics
import tempfile
import threading
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

MEASURES = ("word_tokenize", "ner", "pipeline", "parallel", "ingest_1", "ingest", "dask", "scaling", "memory")
DEFAULT_MEASURES = MEASURES[:-1]  # memory streams thousands of articles: only when asked
BENCH_FILE = Path("shared") / "corpus" / "bench" / "baomoi-10k.jsonl.gz"
NER_SHARE = 5  # ner runs on N // NER_SHARE articles
CHUNKS_PER_JOB = 4


@dataclass(frozen=True)
class BenchArticle:
    id: str
    text: str


# --------------------------------------------------------------------------- articles


def repo_root() -> Path:
    """The repository the ``extract`` package lives in."""
    return Path(__file__).resolve().parents[1]


def find_source(source: str | Path | None = None) -> Path:
    """``source`` when given, else the bench corpus beside the repository (or the
    current directory), else the bundled ``corpus/raw/``."""
    if source is not None:
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"bench source {path} does not exist")
        return path
    roots = [repo_root(), Path.cwd()]
    candidates = [root.parent / BENCH_FILE for root in roots] + [Path.cwd() / BENCH_FILE]
    candidates += [root / "corpus" / "raw" for root in roots]
    for path in candidates:
        if path.exists():
            return path
    raise FileNotFoundError("no bench corpus found: pass source= (a .jsonl[.gz] file or a folder of .txt)")


def load_articles(source: Path, limit: int) -> list[BenchArticle]:
    """Up to ``limit`` non-empty NFC articles from a .jsonl[.gz] / .txt file or a folder of them."""
    found: list[BenchArticle] = []
    for article in _iter_articles(source):
        if article.text.strip():
            found.append(article)
        if len(found) >= limit:
            break
    if not found:
        raise ValueError(f"no articles in {source}")
    return found


def _iter_articles(source: Path) -> Iterator[BenchArticle]:
    if source.is_dir():
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            yield from _iter_articles(path)
    elif source.name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        yield from _jsonl_articles(source)
    elif source.suffix in (".txt", ".text"):
        yield BenchArticle(source.stem, _nfc(source.read_bytes().decode("utf-8")))


def _jsonl_articles(path: Path) -> Iterator[BenchArticle]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if line.strip():
                record = json.loads(line)
                yield BenchArticle(str(record.get("id") or f"{path.name}:{lineno}"), _nfc(record.get("text") or ""))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def take(articles: list[BenchArticle], n: int) -> list[BenchArticle]:
    """``n`` articles, cycling through ``articles``; the k-th copy of a text gets k trailing spaces."""
    out = []
    for i in range(n):
        copy, base = divmod(i, len(articles))
        article = articles[base]
        out.append(article if copy == 0 else BenchArticle(f"{article.id}#{copy}", article.text + " " * copy))
    return out


# --------------------------------------------------------------------------- timing and memory


class Timing(NamedTuple):
    seconds: float  # median wall time
    cpu_seconds: float  # median CPU time of this process (not of its children) over the same runs
    first: object  # what the first run returned


def median_seconds(work: Callable[[], object], repeats: int) -> Timing:
    """Median wall and CPU time of ``repeats`` calls of ``work``, and the first call's result.

    CPU time well below wall time in a single-process measure means the
    process waited for the cores: another load was running (see ``machine``).
    """
    walls, cpus, first = [], [], None
    for i in range(max(1, repeats)):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if i == 0:
            first = result
    return Timing(statistics.median(walls), statistics.median(cpus), first)


def throughput(seconds: float, words: int, chars: int, articles: int, cpu_seconds: float | None = None) -> dict:
    entry = {
        "seconds": round(seconds, 4),
        "words_per_s": round(words / seconds, 1) if seconds > 0 else 0.0,
        "chars_per_s": round(chars / seconds, 1) if seconds > 0 else 0.0,
        "articles": articles,
    }
    if cpu_seconds is not None:
        entry["cpu_seconds"] = round(cpu_seconds, 4)
    return entry


class PeakRss:
    """Peak resident memory of this process plus all its children, sampled in a thread."""

    def __init__(self, interval: float = 0.05) -> None:
        import psutil

        self._process = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sample(self) -> int:
        import psutil

        total = self._process.memory_info().rss
        for child in self._process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        self.peak = max(self.peak, total)
        return total

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> "PeakRss":
        self.sample()
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="peak-rss", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.sample()

    @property
    def peak_mb(self) -> float:
        return round(self.peak / 2**20, 1)


def children_cpu_seconds() -> float:
    """User + system CPU time so far of this process's live children."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += times.user + times.system
    return total


def self_peak_rss_mb() -> float:
    """This process's own lifetime peak RSS (kernel's ru_maxrss), in MB."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --------------------------------------------------------------------------- the work timed


def word_tokenize_all(texts: list[str]) -> list[int]:
    """Bare ``underthesea.word_tokenize`` on each text; the word count of each."""
    from underthesea import word_tokenize

    return [len(word_tokenize(text)) for text in texts]


def ner_all(texts: list[str]) -> int:
    """``underthesea.ner`` sentence by sentence on each text; the number of tokens tagged."""
    from underthesea import ner

    from extract.evaluate import sentences

    return sum(len(ner(sentence)) for text in texts for _, sentence in sentences(text))


def extract_all(pipeline, texts: list[str]) -> int:
    """``Pipeline.extract`` on each text (nothing stored); the number of mentions found."""
    return sum(len(pipeline.extract(text).mentions) for text in texts)


def chunked(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


_WORKER_PIPELINE = None
_WORKER_ERROR: str | None = None


def _init_worker() -> None:
    """Worker process: load the pipeline once, run it once (first-call costs).

    A failure is kept and raised by the first task, so that the parent sees
    its cause rather than a bare ``BrokenProcessPool``.
    """
    global _WORKER_PIPELINE, _WORKER_ERROR
    try:
        from extract.pipeline import Pipeline

        _WORKER_PIPELINE = Pipeline()
        _WORKER_PIPELINE.extract("Thiếu tướng Hồ Văn Thái, Chính ủy Quân khu 9, dự hội nghị ngày 16-6-2022.")
    except Exception as exc:  # noqa: BLE001
        _WORKER_ERROR = f"worker could not load the pipeline: {type(exc).__name__}: {exc}"


def _worker_ready(pause: float) -> int:
    if _WORKER_ERROR:
        raise RuntimeError(_WORKER_ERROR)
    time.sleep(pause)
    return os.getpid()


def _extract_chunk(texts: list[str]) -> int:
    return extract_all(_WORKER_PIPELINE, texts)


def start_workers(jobs: int):
    """A spawned process pool whose ``jobs`` workers have all loaded the pipeline."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker)
    try:
        pids: set[int] = set()
        for _ in range(10):
            pids |= set(pool.map(_worker_ready, [0.3] * jobs))
            if len(pids) >= jobs:
                break
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    return pool


def ingest_once(jsonl: Path, db: Path, jobs: int) -> dict:
    """A full ``ingest_paths`` of ``jsonl`` into a new store ``db``."""
    from extract.ingest import ingest_paths

    report = ingest_paths([jsonl], db, jobs=jobs)
    return {"stored": report.stored, "unchanged": getattr(report, "unchanged", 0), "errors": len(report.errors)}


def write_jsonl(articles: list[BenchArticle], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps({"id": article.id, "text": article.text}, ensure_ascii=False) + "\n")
    return path


def memory_growth(source: Path, articles: int, step: int) -> dict:
    """RSS of a fresh process streaming ``articles`` articles through the pipeline,
    sampled every ``step`` articles (spawned, so nothing else this run loaded counts)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        points = pool.submit(_memory_points, str(source), articles, step).result()
    first, last = points[0], points[-1]
    return {
        "points": points,
        "growth_mb": round(last["rss_mb"] - first["rss_mb"], 1),
        "growth_pct": round(100 * (last["rss_mb"] - first["rss_mb"]) / first["rss_mb"], 1),
        "note": f"RSS of one process after {first['articles']:,} and after {last['articles']:,} articles",
    }


def _read_again(source: Path):
    """The articles of ``source``, read again from the start each time they run out: no copy is
    kept (``itertools.cycle`` keeps every article it yields, which the memory measure would count)."""
    while True:
        empty = True
        for article in _iter_articles(source):
            empty = False
            yield article
        if empty:
            return


def _memory_points(source: str, articles: int, step: int) -> list[dict]:
    import psutil

    from extract.pipeline import Pipeline

    pipeline = Pipeline()
    process = psutil.Process()
    points, chars, started = [], 0, time.perf_counter()
    for done, article in enumerate(_read_again(Path(source)), start=1):
        if done > articles:
            break
        text = article.text
        pipeline.extract(text)
        chars += len(text)
        if done % step == 0 or done == articles:
            points.append({
                "articles": done,
                "chars": chars,
                "rss_mb": round(process.memory_info().rss / 2**20, 1),
                "lexemes": len(pipeline.nlp.vocab),
                "seconds": round(time.perf_counter() - started, 1),
            })
    return points


# --------------------------------------------------------------------------- the run


class _Bench:
    """One benchmark run: the articles, their counts, and the measures taken so far."""

    def __init__(self, articles: list[BenchArticle], pool: list[BenchArticle], jobs: int, repeats: int,
                 source: Path | None = None, memory_articles: int = 0, memory_step: int = 1000) -> None:
        self.source = source
        self.memory_articles = memory_articles
        self.memory_step = memory_step
        self.articles = articles
        self.pool = pool  # distinct articles, cycled for 2N and 4N
        self.texts = [a.text for a in articles]
        self.jobs = jobs
        self.repeats = repeats
        self.word_counts: list[int] | None = None
        self.pipeline = None
        self.runs: dict[str, dict] = {}
        self.scaling: dict = {}
        self.memory: dict = {}
        self.peak_rss = 0

    @property
    def chars(self) -> int:
        return sum(len(t) for t in self.texts)

    def words(self, n: int | None = None) -> int:
        if self.word_counts is None:
            self.word_counts = word_tokenize_all(self.texts)
        return sum(self.word_counts[:n])

    def measure(self, name: str, step: Callable[[], dict]) -> None:
        """Run one measure under the RSS monitor; a failure is recorded, not raised."""
        monitor = PeakRss()
        try:
            with monitor:
                entry = step()
        except Exception as exc:  # noqa: BLE001 - a missing stage must not hide the others
            entry = {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc(limit=3)}
        if name == "scaling":
            self.scaling = entry
        elif name == "memory":
            entry["peak_rss_mb"] = monitor.peak_mb
            self.memory = entry
        else:
            entry["peak_rss_mb"] = monitor.peak_mb
            self.runs[name] = entry
        self.peak_rss = max(self.peak_rss, monitor.peak)

    # each step returns the run's entry

    def word_tokenize(self) -> dict:
        word_tokenize_all(self.texts[:1])  # load the model
        timing = median_seconds(lambda: word_tokenize_all(self.texts), self.repeats)
        self.word_counts = timing.first
        return throughput(timing.seconds, self.words(), self.chars, len(self.texts), timing.cpu_seconds)

    def ner(self) -> dict:
        n = max(1, len(self.texts) // NER_SHARE)
        texts = self.texts[:n]
        ner_all(texts[:1])  # load the models
        timing = median_seconds(lambda: ner_all(texts), self.repeats)
        entry = throughput(timing.seconds, self.words(n), sum(len(t) for t in texts), n, timing.cpu_seconds)
        entry["note"] = f"first {n} of {len(self.texts)} articles, sentence by sentence"
        return entry

    def load_pipeline(self):
        if self.pipeline is None:
            from extract.pipeline import Pipeline

            self.pipeline = Pipeline()
            self.pipeline.extract(self.texts[0])  # first-call costs
        return self.pipeline

    def single(self) -> dict:
        pipeline = self.load_pipeline()
        timing = median_seconds(lambda: extract_all(pipeline, self.texts), self.repeats)
        entry = throughput(timing.seconds, self.words(), self.chars, len(self.texts), timing.cpu_seconds)
        entry["mentions"] = timing.first
        return entry

    def parallel(self) -> dict:
        size = max(1, math.ceil(len(self.texts) / (self.jobs * CHUNKS_PER_JOB)))
        chunks = chunked(self.texts, size)
        worker_cpu: list[float] = []

        def extract_in_workers() -> int:
            before = children_cpu_seconds()
            mentions = sum(pool.map(_extract_chunk, chunks))
            worker_cpu.append(children_cpu_seconds() - before)
            return mentions

        pool = start_workers(self.jobs)
        try:
            timing = median_seconds(extract_in_workers, self.repeats)
        finally:
            pool.shutdown()
        entry = throughput(timing.seconds, self.words(), self.chars, len(self.texts), statistics.median(worker_cpu))
        entry.update({"jobs": self.jobs, "chunk_articles": size, "mentions": timing.first})
        entry["note"] = "cpu s: the workers' CPU time"
        return entry

    def ingest(self, jobs: int | None = None) -> dict:
        jobs = self.jobs if jobs is None else jobs
        with tempfile.TemporaryDirectory(prefix="vnextract-bench-") as tmp:
            jsonl = write_jsonl(self.articles, Path(tmp) / "articles.jsonl")
            stores = itertools.count()
            timing = median_seconds(
                lambda: ingest_once(jsonl, Path(tmp) / f"store-{next(stores)}.sqlite", jobs), self.repeats
            )
        entry = throughput(timing.seconds, self.words(), self.chars, len(self.texts), timing.cpu_seconds)
        entry.update({"jobs": jobs, **timing.first, "note": "includes loading the pipeline and writing the store"})
        return entry

    def dask(self) -> dict:
        from extract.dataset import load_dataset
        from extract.distributed import dask_client, run_dask_ingest

        with tempfile.TemporaryDirectory(prefix="vnextract-bench-") as tmp:
            jsonl = write_jsonl(self.articles, Path(tmp) / "articles.jsonl")
            begun = time.perf_counter()
            with dask_client(workers=self.jobs) as client:
                cluster_start = time.perf_counter() - begun
                datasets = itertools.count()
                timing = median_seconds(
                    lambda: run_dask_ingest([jsonl], Path(tmp) / f"dataset-{next(datasets)}", client=client), self.repeats
                )
            report = timing.first
            begun = time.perf_counter()
            loaded = load_dataset(report.out, Path(tmp) / "loaded.sqlite")
            load_seconds = time.perf_counter() - begun
        entry = throughput(timing.seconds, self.words(), self.chars, len(self.texts), timing.cpu_seconds)
        entry.update({
            "workers": report.workers, "partitions": report.partitions, "mentions": report.rows["mentions"],
            "stored": loaded.stored, "errors": len(report.errors), "cluster_start_seconds": round(cluster_start, 2),
            "load_seconds": round(load_seconds, 3),
            "note": "to Parquet, cluster started before timing; cpu s: this process (client, nannies)",
        })
        return entry

    def memory_growth(self) -> dict:
        return memory_growth(self.source, self.memory_articles, self.memory_step)

    def scale(self) -> dict:
        pipeline = self.load_pipeline()
        n = len(self.texts)
        points = [scale_point(pipeline, self.texts, self.runs.get("pipeline", {}).get("seconds"))]
        points += [scale_point(pipeline, [a.text for a in take(self.pool, n * factor)]) for factor in (2, 4)]
        return {
            "points": points,
            "time_ratio_2n": round(points[1]["seconds"] / points[0]["seconds"], 3),
            "time_ratio_4n": round(points[2]["seconds"] / points[0]["seconds"], 3),
            "note": "N is the pipeline run's median; 2N and 4N are one run each",
        }


def scale_point(pipeline, texts: list[str], seconds: float | None = None) -> dict:
    """Time of one ``extract_all`` over ``texts`` (``seconds`` when measured already)."""
    if seconds is None:
        seconds = median_seconds(lambda: extract_all(pipeline, texts), 1).seconds
    chars = sum(map(len, texts))
    return {"articles": len(texts), "chars": chars, "seconds": round(seconds, 4), "chars_per_s": round(chars / seconds, 1)}


def run(
    articles: int = 200,
    jobs: int = 2,
    repeats: int = 3,
    source: str | Path | None = None,
    measures: Iterable[str] | None = None,
    memory_articles: int = 0,
    memory_step: int = 1000,
) -> dict:
    """Benchmark ``measures`` (default: ``DEFAULT_MEASURES``, plus ``memory`` when
    ``memory_articles`` > 0) on ``articles`` real articles.

    Returns ``{"runs": {name: {"seconds", "words_per_s", "chars_per_s",
    "articles", "peak_rss_mb", ...}}, "ratios": {"pipeline_vs_word_tokenize",
    "pipeline_vs_ner", "parallel_vs_single", "ingest_vs_ingest_1",
    "dask_vs_ingest_1"}, "scaling": {...},
    "peak_rss_mb": ..., "machine": {...}, ...}``.  A measure that fails (a
    stage not importable, say) gets ``{"error": ...}`` instead of numbers.
    """
    wanted = list(DEFAULT_MEASURES if measures is None else measures)
    if memory_articles > 0 and "memory" not in wanted:
        wanted.append("memory")
    if "memory" in wanted and memory_articles <= 0:
        raise ValueError("the memory measure needs memory_articles > 0")
    unknown = set(wanted) - set(MEASURES)
    if unknown:
        raise ValueError(f"unknown measures {sorted(unknown)}; expected some of {MEASURES}")
    started = time.perf_counter()
    path = find_source(source)
    distinct = load_articles(path, articles * (4 if "scaling" in wanted else 1))
    bench = _Bench(take(distinct, articles), distinct, jobs, repeats, path, memory_articles, memory_step)
    machine = machine_info()
    steps = {
        "word_tokenize": bench.word_tokenize,
        "ner": bench.ner,
        "pipeline": bench.single,
        "parallel": bench.parallel,
        "ingest_1": lambda: bench.ingest(1),
        "ingest": bench.ingest,
        "dask": bench.dask,
        "scaling": bench.scale,
        "memory": bench.memory_growth,
    }
    for name in MEASURES:
        if name in wanted:
            bench.measure(name, steps[name])
    machine["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return {
        "source": str(path),
        "articles": articles,
        "distinct_articles": min(len(distinct), articles),
        "words": bench.words(),
        "chars": bench.chars,
        "jobs": jobs,
        "repeats": repeats,
        "runs": bench.runs,
        "ratios": ratios(bench.runs),
        "scaling": bench.scaling,
        "memory": bench.memory,
        "peak_rss_mb": max(round(bench.peak_rss / 2**20, 1), self_peak_rss_mb()),
        "machine": machine,
        "total_seconds": round(time.perf_counter() - started, 1),
    }


def ratios(runs: dict[str, dict]) -> dict:
    """Words/s of one run over another's (None when either is missing)."""

    def ratio(a: str, b: str) -> float | None:
        x, y = runs.get(a, {}).get("words_per_s"), runs.get(b, {}).get("words_per_s")
        return round(x / y, 3) if x and y else None

    return {
        "pipeline_vs_word_tokenize": ratio("pipeline", "word_tokenize"),
        "pipeline_vs_ner": ratio("pipeline", "ner"),
        "parallel_vs_single": ratio("parallel", "pipeline"),
        "ingest_vs_ingest_1": ratio("ingest", "ingest_1"),
        "dask_vs_ingest_1": ratio("dask", "ingest_1"),
    }


def machine_info() -> dict:
    import psutil

    info = {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    info.update(_versions("underthesea", "spacy"))
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _versions(*packages: str) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in packages:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


# --------------------------------------------------------------------------- report


def format_bench(result: dict) -> str:
    """A fixed-width summary of ``run``'s result."""
    lines = [
        f"source: {result['source']}",
        f"articles: {result['articles']} ({result['distinct_articles']} distinct), "
        f"{result['words']:,} words, {result['chars']:,} chars; repeats {result['repeats']} (median)",
        "",
        f"{'run':<18}{'articles':>9}{'seconds':>10}{'cpu s':>9}{'words/s':>11}{'chars/s':>11}{'peak MB':>9}",
    ]
    lines += [_run_line(name, entry) for name, entry in result["runs"].items()]
    lines.append("")
    lines.append("ratios (words/s): " + ", ".join(f"{k} {_num(v, 3)}" for k, v in result["ratios"].items()))
    lines += _scaling_lines(result.get("scaling") or {})
    lines += _memory_lines(result.get("memory") or {})
    lines.append(f"peak RSS: {result['peak_rss_mb']:,.1f} MB (this process and its workers)")
    machine = result["machine"]
    lines.append(
        f"machine: {machine['cpus']} cpus ({machine['cpu_model']}), {machine['memory_gb']} GB, "
        f"load {machine['load_average']} before, {machine.get('load_average_after')} after, python {machine['python']}, underthesea {machine.get('underthesea')}, "
        f"spacy {machine.get('spacy')}; total {result['total_seconds']} s"
    )
    return "\n".join(lines)


def _run_line(name: str, entry: dict) -> str:
    label = name
    for key, unit in (("jobs", "job"), ("workers", "worker")):
        if key in entry:
            label = f"{name} ({entry[key]} {unit}{'' if entry[key] == 1 else 's'})"
    if "error" in entry:
        return f"{label:<18}  error: {entry['error']}"
    cpu = f"{entry['cpu_seconds']:.2f}" if "cpu_seconds" in entry else "-"
    line = (
        f"{label:<18}{entry['articles']:>9}{entry['seconds']:>10.2f}{cpu:>9}{entry['words_per_s']:>11,.0f}"
        f"{entry['chars_per_s']:>11,.0f}{entry.get('peak_rss_mb', 0):>9,.0f}"
    )
    return line + (f"  {entry['note']}" if entry.get("note") else "")


def _scaling_lines(scaling: dict) -> list[str]:
    if "error" in scaling:
        return [f"scaling: error: {scaling['error']}"]
    if not scaling.get("points"):
        return []
    parts = [f"{p['articles']} articles {p['seconds']:.2f} s ({p['chars_per_s']:,.0f} chars/s)" for p in scaling["points"]]
    return [
        "scaling (pipeline): " + "; ".join(parts),
        f"  time x{scaling['time_ratio_2n']} at 2N, x{scaling['time_ratio_4n']} at 4N (linear: x2, x4)",
    ]


def _memory_lines(memory: dict) -> list[str]:
    if "error" in memory:
        return [f"memory: error: {memory['error']}"]
    if not memory.get("points"):
        return []
    parts = [f"{p['articles']:,}: {p['rss_mb']:,.0f} MB" for p in memory["points"]]
    return [
        "memory (RSS of one pipeline process as articles stream through): " + ", ".join(parts),
        f"  growth {memory['growth_mb']:+,.1f} MB ({memory['growth_pct']:+.1f} %) from the first to the last point",
    ]


def _num(value, digits: int) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"
