"""Ingest on a Dask cluster: the local pipeline, partitioned over workers,
writing a Parquet dataset (see ``extract.dataset``).

>>> report = run_dask_ingest(["archive/"], "dataset/", workers=2)            # doctest: +SKIP
>>> extract.dataset.load_dataset("dataset/", "data/vnextract.db")           # doctest: +SKIP

Who does what:

* the client lists the inputs (names and sizes, as ``read_articles`` would
  list them) and cuts them into partitions of about ``partition_bytes``:
  consecutive small files are grouped; a JSON Lines/array file larger than
  that is cut into slices.  It reads no article.
* a JSON file cut into slices is read once, on one worker, as the local
  ingest reads it (its encoding is detected on the whole file); its articles
  and errors, in slices balanced by text size, go to the partitions' tasks
  from there.
* every worker loads the pipeline once: a worker plugin starts one extraction
  process per worker thread (a pebble pool, as the local ingest uses), so the
  per-article time limit is the local ingest's: an article over ``timeout``
  seconds has its process replaced and becomes an error row (with the local
  ingest's message); the partition goes on.
* each partition task reads and decodes its files, extracts, turns each
  article into rows with ``store.article_rows`` and writes
  ``DIR/<table>/part-PPPPP-CCC.parquet``; the client writes the manifest
  when every partition is done.

Tasks are Dask futures, not a bag or delayed graph: each partition is one
independent task with a side effect (its files) and a small report, the
client keeps at most ``IN_FLIGHT_PER_THREAD`` partitions per worker thread
submitted (bounded memory whatever the number of inputs), and it reports
errors and progress as partitions finish.  Names of articles and errors are
the inputs' names as given, so the rows are those of a local ingest; the
workers read the inputs and write ``DIR`` at the same absolute paths as the
client sees them (one machine, or a shared filesystem).

Workers started by a nanny are daemonic processes, which may not start
processes: ``dask worker`` must run with ``DASK_DISTRIBUTED__WORKER__DAEMON=False``
(the local cluster sets it itself).
"""
from __future__ import annotations

import asyncio
import math
import multiprocessing
import operator
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extract import dataset, ingest, store
from extract.decode import DecodeError
from extract.ingest import ARTICLE_TIMEOUT_S, Article, InputError

PLUGIN_NAME = "vnextract-pipeline"
DEFAULT_WORKERS = 2  # local cluster size
PARTITIONS_PER_WORKER = 4  # small inputs: at least this many partitions per worker, for balance
MIN_PARTITION_BYTES = 16 * 2**10
MAX_PARTITION_BYTES = 4 * 2**20  # ~1,200 press articles, about a minute of one core
IN_FLIGHT_PER_THREAD = 2
QUEUE_PER_THREAD = ingest.QUEUE_PER_JOB  # articles sent ahead to a worker's extraction process
CONNECT_TIMEOUT_S = 30
WAIT_FOR_WORKERS_S = 120
WARM_UP_TIMEOUT_S = 600  # loading the pipeline and its first call (underthesea loads its models then)
DAEMON_HELP = ("a Dask worker started by a nanny is a daemonic process and may not start the "
               "extraction process; start workers with DASK_DISTRIBUTED__WORKER__DAEMON=False")


class DistributedIngestError(RuntimeError):
    """The run could not finish (no scheduler, a worker could not load the pipeline, a task failed)."""


# --------------------------------------------------------------------------- planning (client)


@dataclass(frozen=True)
class Piece:
    """One input file, named as the local ingest names it, or an input that is none."""

    name: str  # as given (relative paths stay relative): the source/input names in the rows
    path: str | None  # absolute path the workers read; None for an input that is not a file or folder
    size: int = 0  # estimated decoded bytes
    json: bool = False  # a JSON file, which may be cut into slices
    errors: tuple[InputError, ...] = ()  # path None: what the local ingest reports for it


@dataclass(frozen=True)
class Partition:
    """Whole files, or slice ``slice_index`` of ``slices`` of one JSON file."""

    index: int
    pieces: tuple[Piece, ...] = ()
    sliced: Piece | None = None
    slice_index: int = 0
    slices: int = 1

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.pieces] or ([f"{self.sliced.name} [{self.slice_index + 1}/{self.slices}]"]
                                                   if self.sliced else [])


def _is_json(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    return bool(suffixes) and (suffixes[-1] in ingest.JSON_SUFFIXES
                               or (suffixes[-1] == ".gz" and suffixes[0] in ingest.JSON_SUFFIXES))


def _estimated_size(path: Path) -> int:
    """Bytes once decompressed: a gzip file's trailer gives its size (mod 4 GiB)."""
    try:
        size = path.stat().st_size
        if path.suffix.lower() == ".gz" and size >= 18:
            with path.open("rb") as handle:
                handle.seek(-4, os.SEEK_END)
                return max(size, int.from_bytes(handle.read(4), "little"))
        return size
    except OSError:
        return 0


def plan_inputs(paths: Iterable[str | Path]) -> list[Piece]:
    """Every input file in the order ``read_articles`` reads them (folders recursively)."""
    pieces = []
    for raw in paths:
        if str(raw) == "-":
            raise ValueError("the Dask engine reads files, not standard input: save it to a file first")
        path = Path(raw)
        if path.is_dir():
            files = list(ingest._files_under(path))
        elif path.is_file():
            files = [path]
        else:  # reading it reads nothing: the local ingest's error for it
            errors = tuple(ingest.read_articles([path]))
            pieces.append(Piece(errors[0].input if errors else str(path), None, errors=errors))
            continue
        pieces += [Piece(ingest.display_name(f), os.path.abspath(f), _estimated_size(f), _is_json(f)) for f in files]
    return pieces


def partition_size(pieces: list[Piece], workers: int) -> int:
    """About ``PARTITIONS_PER_WORKER`` partitions per worker, within the byte bounds."""
    total = sum(p.size for p in pieces)
    share = -(-total // max(1, workers * PARTITIONS_PER_WORKER))  # rounded up: a file of `total` bytes makes that many
    return max(MIN_PARTITION_BYTES, min(MAX_PARTITION_BYTES, share))


def plan_partitions(pieces: list[Piece], partition_bytes: int) -> list[Partition]:
    """Consecutive files grouped up to ``partition_bytes``; a larger JSON file cut into slices.

    Partition numbers follow the input order (a file's slices are consecutive),
    which is the order ``load_dataset`` replays.  There is always at least one partition.
    """
    partitions: list[Partition] = []
    group: list[Piece] = []
    group_bytes = 0

    def close_group() -> None:
        nonlocal group, group_bytes
        if group:
            partitions.append(Partition(len(partitions), tuple(group)))
        group, group_bytes = [], 0

    for piece in pieces:
        slices = math.ceil(piece.size / partition_bytes) if piece.json and piece.path else 1
        if slices > 1:
            close_group()
            partitions += [Partition(len(partitions) + k, sliced=piece, slice_index=k, slices=slices) for k in range(slices)]
            continue
        group.append(piece)
        group_bytes += piece.size
        if group_bytes >= partition_bytes:
            close_group()
    close_group()
    return partitions or [Partition(0)]


# --------------------------------------------------------------------------- reading (workers)


def read_pieces(pieces: Iterable[Piece]) -> Iterator[Article | InputError]:
    """The articles of whole files, read and named as ``read_articles`` reads and names them."""
    for piece in pieces:
        if piece.path is None:
            yield from piece.errors
            continue
        file = Path(piece.path)
        try:
            data = ingest._read_limited(file)
        except (OSError, DecodeError) as exc:
            yield InputError(piece.name, str(exc) if isinstance(exc, DecodeError) else exc.strerror or str(exc))
            continue
        suffix = file.suffix.lower()
        stem = ingest.display_name(file.stem if suffix != ".gz" else file.name[:-3])
        yield from ingest.articles_from_bytes(data, piece.name, suffix, stem)


def split_json_file(piece: Piece, slices: int) -> list[list[Article | InputError]]:
    """A JSON file read and decoded once (as the local ingest reads it, so its
    encoding is detected on the whole file), its articles and errors cut into
    ``slices`` runs of consecutive items of about equal text size."""
    items = list(read_pieces([piece]))
    sizes = [len(item.text) if isinstance(item, Article) else 1 for item in items]
    total = sum(sizes) or 1
    cuts, running, k = [], 0, 1
    for i, size in enumerate(sizes):
        while k < slices and running >= total * k / slices:
            cuts.append(i)
            k += 1
        running += size
    cuts += [len(items)] * (slices - 1 - len(cuts))
    bounds = [0, *cuts, len(items)]
    return [items[bounds[k]:bounds[k + 1]] for k in range(slices)]


# --------------------------------------------------------------------------- extraction (workers)


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # dask is the `scale` extra: the module imports without it
    WorkerPlugin = object


_PIPELINE = None  # in an extraction process
_PIPELINE_ERROR: str | None = None


def _load_pipeline(use_model: bool) -> None:
    """Extraction process start: load the pipeline and run it once, so that
    first-call costs (underthesea loads its models then) are not charged to
    an article's time limit.  A failure is kept and raised by every task."""
    global _PIPELINE, _PIPELINE_ERROR
    try:
        from extract.pipeline import Pipeline

        _PIPELINE = Pipeline(use_model=use_model)
        _PIPELINE.extract(ingest.WARM_UP_TEXT)
    except Exception as exc:  # noqa: BLE001 - reported by the first task, with its cause
        _PIPELINE_ERROR = f"the pipeline did not load: {type(exc).__name__}: {exc}"


def _extract_text(text: str, year: int | None):
    if _PIPELINE_ERROR:
        raise RuntimeError(_PIPELINE_ERROR)
    return _PIPELINE.extract(text, year=year)


class PipelinePlugin(WorkerPlugin):
    """On each worker: one extraction process per worker thread, each loading
    the pipeline once (a pebble pool, as the local ingest's: a process that
    overruns ``timeout`` or dies is replaced and the article becomes an error)."""

    def __init__(self, use_model: bool = True, timeout: float = ARTICLE_TIMEOUT_S) -> None:
        self.name = f"{PLUGIN_NAME}-{uuid.uuid4().hex[:12]}"  # one per run: runs may share a cluster
        self.use_model = use_model
        self.timeout = timeout
        self.pool = None

    async def setup(self, worker) -> None:
        if multiprocessing.current_process().daemon:
            raise RuntimeError(DAEMON_HELP)
        from pebble import ProcessPool

        self.pool = ProcessPool(max_workers=worker.state.nthreads, initializer=_load_pipeline, initargs=(self.use_model,),
                                context=multiprocessing.get_context("spawn"))
        await asyncio.get_running_loop().run_in_executor(None, self.warm_up)

    def warm_up(self) -> None:
        """Wait for the pipeline to load (not in the first partition), and fail early if it cannot."""
        try:
            self.pool.schedule(_extract_text, args=(ingest.WARM_UP_TEXT, None), timeout=WARM_UP_TIMEOUT_S).result()
        except Exception as exc:
            raise RuntimeError(f"a worker could not load the pipeline: {type(exc).__name__}: {exc}") from None

    def teardown(self, worker) -> None:
        if self.pool is not None:
            self.pool.stop()
            self.pool.join()
            self.pool = None

    def extract(self, items: Iterable[Article | InputError], writer: dataset.PartitionWriter) -> None:
        """Every article's rows (or error) into ``writer``, in input order."""
        def schedule(article: Article):
            return self.pool.schedule(_extract_text, args=(article.text, article.year), timeout=self.timeout)

        results = ingest.extract_in_order(items, schedule, QUEUE_PER_THREAD, self.timeout)
        try:
            for item, outcome in results:
                if isinstance(outcome, InputError):
                    writer.add_error(outcome)
                else:
                    writer.add_article(store.article_rows(item, outcome))
        finally:
            results.close()  # cancels what is still in flight


def extract_partition(plugin_name: str, partition: Partition, out: str, records: list | None = None) -> dict:
    """The task of one partition: read, extract, write its Parquet files; a small report."""
    from distributed import get_worker

    started = time.perf_counter()
    worker = get_worker()
    plugin = worker.plugins[plugin_name]
    writer = dataset.PartitionWriter(out, partition.index)
    if partition.sliced is not None:
        items = records or []
    else:
        items = read_pieces(partition.pieces)
    plugin.extract(items, writer)
    files = writer.write()
    errors = [(row["input"], row["reason"]) for chunk in writer.chunks for row in chunk.rows["errors"]]
    return {
        "index": partition.index,
        "files": files,
        "rows": {table: writer.rows(table) for table in dataset.DATASET_TABLES},
        "errors": errors,
        "seconds": round(time.perf_counter() - started, 3),
        "worker": worker.address,
    }


# --------------------------------------------------------------------------- the run (client)


@dataclass
class DaskIngestReport:
    out: Path
    workers: int = 0
    partitions: int = 0
    partition_bytes: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.rows.get("articles", 0)


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None):
    """A client of the scheduler at ``scheduler`` (waiting for ``workers``, default 1),
    or of a new local cluster of ``workers`` processes (default 2) of one thread each."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise DistributedIngestError("the dask engine needs the `scale` extra: pip install 'vnextract[scale]'") from None

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise DistributedIngestError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            try:
                client.wait_for_workers(workers or 1, timeout=WAIT_FOR_WORKERS_S)
            except TimeoutError:
                raise DistributedIngestError(
                    f"the scheduler at {scheduler} has {len(client.scheduler_info()['workers'])} worker(s); "
                    f"waited {WAIT_FOR_WORKERS_S} s for {workers or 1}") from None
            yield client
        finally:
            client.close()
        return
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(n_workers=workers or DEFAULT_WORKERS, threads_per_worker=1, processes=True,
                               dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"})  # no dashboard; HTTP on a free port
    try:
        with Client(cluster, set_as_default=False) as client:
            yield client
    finally:
        cluster.close()


def run_dask_ingest(paths: Iterable[str | Path], out: str | Path, scheduler: str | None = None,
                    workers: int | None = None, use_model: bool = True, timeout: float = ARTICLE_TIMEOUT_S,
                    partition_bytes: int | None = None, client=None,
                    on_error: Callable[[InputError], None] | None = None,
                    on_partition: Callable[[dict], None] | None = None) -> DaskIngestReport:
    """Ingest ``paths`` on a Dask cluster into the Parquet dataset ``out`` (a new folder).

    ``scheduler``: the address of a running scheduler (``tcp://host:8786``);
    without it a local cluster of ``workers`` processes is started and closed.
    ``client``: an open ``distributed.Client`` to use instead of either.
    Raises ``DistributedIngestError`` when the run cannot finish (the dataset
    then has no manifest, and ``load``/``query --parquet`` refuse it).
    """
    started = time.perf_counter()
    out = dataset.check_new_output(out)
    pieces = plan_inputs(paths)
    if client is not None:
        return _run(client, pieces, out, use_model, timeout, partition_bytes, on_error, on_partition, started)
    with dask_client(scheduler, workers) as own:
        return _run(own, pieces, out, use_model, timeout, partition_bytes, on_error, on_partition, started)


def _run(client, pieces, out, use_model, timeout, partition_bytes, on_error, on_partition, started) -> DaskIngestReport:
    threads = _threads(client)
    report = DaskIngestReport(out=out, workers=len(client.scheduler_info()["workers"]))
    report.partition_bytes = partition_bytes or partition_size(pieces, threads)
    partitions = plan_partitions(pieces, report.partition_bytes)
    report.partitions = len(partitions)
    out.mkdir(parents=True, exist_ok=True)
    plugin = PipelinePlugin(use_model, timeout)
    try:
        try:
            client.register_plugin(plugin, name=plugin.name)
        except Exception as exc:  # noqa: BLE001 - the worker's own message says why
            raise DistributedIngestError(str(exc)) from None
        results = _run_partitions(client, plugin.name, partitions, str(out), on_error, on_partition)
    finally:
        try:
            client.unregister_worker_plugin(plugin.name)  # stops the extraction processes, on every worker
        except Exception:  # noqa: BLE001 - a cluster that went away has nothing left to stop
            pass
    results.sort(key=lambda r: r["index"])
    report.rows = {table: sum(r["rows"][table] for r in results) for table in dataset.DATASET_TABLES}
    report.errors = [InputError(name, reason) for r in results for name, reason in r["errors"]]
    report.seconds = round(time.perf_counter() - started, 3)
    dataset.write_manifest(
        out, [name for r in results for name in r["files"]],
        inputs=[p.name for p in pieces], rows=report.rows, partitions=report.partitions,
        partition_bytes=report.partition_bytes, workers=report.workers, use_model=use_model, timeout=timeout,
        seconds=report.seconds,
    )
    return report


def _threads(client) -> int:
    return max(1, sum(client.nthreads().values()))


def _run_partitions(client, plugin_name: str, partitions: list[Partition], out: str, on_error, on_partition) -> list[dict]:
    """Submit the partitions in order, at most ``IN_FLIGHT_PER_THREAD`` per worker
    thread at a time; the reports of all of them, or ``DistributedIngestError``."""
    from distributed import as_completed

    waiting = deque(partitions)
    slices: dict[int, object] = {}  # partition index -> future of its records
    running = as_completed(loop=client.loop)
    in_flight: dict = {}  # future key -> (partition, future)
    results = []

    def submit_next() -> None:
        partition = waiting.popleft()
        records = None
        if partition.sliced is not None:
            if partition.slice_index == 0:
                split = client.submit(split_json_file, partition.sliced, partition.slices, pure=False)
                for k in range(partition.slices):
                    slices[partition.index + k] = client.submit(operator.getitem, split, k, pure=False)
                del split  # released once its slices are taken
            records = slices.pop(partition.index)
        future = client.submit(extract_partition, plugin_name, partition, out, records, pure=False)
        in_flight[future.key] = (partition, future)
        running.add(future)

    try:
        while waiting and running.count() < IN_FLIGHT_PER_THREAD * _threads(client):
            submit_next()
        for future in running:
            partition, _ = in_flight.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a task's failure ends the run, with its cause
                raise DistributedIngestError(
                    f"partition {partition.index} ({', '.join(partition.names)}) failed: {type(exc).__name__}: {exc}"
                ) from None
            results.append(result)
            if on_error:
                for name, reason in result["errors"]:
                    on_error(InputError(name, reason))
            if on_partition:
                on_partition(result)
            while waiting and running.count() < IN_FLIGHT_PER_THREAD * _threads(client):
                submit_next()
    except BaseException:
        running.clear()
        client.cancel([f for _, f in in_flight.values()] + list(slices.values()), force=True)
        raise
    return results
