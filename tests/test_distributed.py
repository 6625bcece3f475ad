"""The Dask engine: a real ``dask scheduler`` and two ``dask worker`` processes
on loopback (and a LocalCluster), ingesting to Parquet; ``load`` of the
dataset stores exactly what a local ``ingest --jobs 1`` stores."""
import gzip
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from extract import distributed
from extract.cli import app
from extract.dataset import load_dataset, query_parquet, read_manifest
from extract.distributed import Piece, plan_inputs, plan_partitions, run_dask_ingest, split_json_file
from extract.ingest import Article, InputError, ingest_paths, read_articles
from tests.conftest import RAW
from tests.helpers import store_rows, write_jsonl

DASK = Path(sys.executable).with_name("dask")
QK9 = (RAW / "qk9-can-tho-2023.txt").read_text("utf-8")
QK1 = (RAW / "qk1-bac-giang-2019.txt").read_text("utf-8")


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def more_articles(root: Path) -> Path:
    """A folder of inputs of every kind: JSON Lines made of the seeds'
    paragraphs (with a malformed line, an empty record, a repeated text and a
    changed text under a repeated id), a gzipped JSON Lines file, an HTML
    record, a nested text file and an empty file."""
    folder = root / "more"
    (folder / "nested").mkdir(parents=True)
    parts = paragraphs(QK9) + paragraphs(QK1)
    records = [{"id": f"p{i}", "source": "seeds", "text": "\n".join(parts[i:i + 2]),
                "date": "2023-05-0%d" % (1 + i % 9)} for i in range(0, len(parts), 2)]
    records[3:3] = [{"id": "p0", "text": parts[0] + "\n" + parts[5]}]  # id p0 again, changed text
    records.append({"id": "copy-of-p2", "text": records[1]["text"]})   # same text, another id
    records.append({"text": "Phó Thủ tướng Trần Hồng Hà dự hội nghị tại Hà Nội."})  # no id: a hash id
    records.append({"id": "html-1", "html": "<html><head><title>Tin</title></head><body><article><p>"
                    + "</p><p>".join(paragraphs(QK9)[:3]) + "</p></article></body></html>"})
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(5, '{"id": "broken", "text": "Thiếu tướng')  # malformed JSON line
    lines.insert(8, '{"id": "empty", "text": "  "}')
    (folder / "seeds.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    repeat = [{"id": "r", "text": parts[1]}, {"id": "r", "text": parts[2]}, {"id": "s", "text": parts[1]}]
    write_jsonl(folder / "repeat.jsonl", repeat)
    small = [{"id": f"gz{i}", "text": p} for i, p in enumerate(paragraphs(QK1)[:4])]
    (folder / "small.jsonl.gz").write_bytes(gzip.compress(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in small).encode("utf-8")))
    (folder / "nested" / "tin-ngan.txt").write_text(
        "Thượng tướng Nguyễn Tân Cương, Tổng Tham mưu trưởng, dự lễ ngày 12-3-2024.", "utf-8")
    (folder / "nested" / "rong.txt").write_bytes(b"")
    return folder


def error_rows(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute("SELECT input, reason FROM errors"))
    finally:
        conn.close()


# --------------------------------------------------------------------------- planning (no cluster)


def test_plan_lists_inputs_as_the_local_ingest_reads_them(tmp_path):
    folder = more_articles(tmp_path)
    pieces = plan_inputs([RAW, folder, tmp_path / "nope.txt"])
    assert [p.name for p in pieces] == [
        str(RAW / "qk1-bac-giang-2019.txt"), str(RAW / "qk9-can-tho-2023.txt"),
        *(str(folder / name) for name in ("nested/rong.txt", "nested/tin-ngan.txt", "repeat.jsonl", "seeds.jsonl",
                                          "small.jsonl.gz")),
        str(tmp_path / "nope.txt"),
    ]
    assert [item.source for item in read_articles([RAW])] == [p.name for p in pieces[:2]]
    assert all(p.path == os.path.abspath(p.name) for p in pieces[:-1])
    nope = str(tmp_path / "nope.txt")
    assert pieces[-1] == Piece(nope, None, errors=(InputError(nope, "no such file or folder"),))
    assert [p.json for p in pieces if p.path] == [False, False, False, False, True, True, True]
    gz = next(p for p in pieces if p.name.endswith(".gz"))
    assert gz.size == len(gzip.decompress((folder / "small.jsonl.gz").read_bytes()))
    with pytest.raises(ValueError, match="standard input"):
        plan_inputs(["-"])


def test_partitions_keep_input_order_and_cut_large_json_files(tmp_path):
    folder = more_articles(tmp_path)
    pieces = plan_inputs([RAW, folder])
    partitions = plan_partitions(pieces, 3000)
    assert [p.index for p in partitions] == list(range(len(partitions)))
    listed = []
    for p in partitions:
        if p.sliced:
            if p.slice_index == 0:
                listed.append(p.sliced.name)
            assert p.slices == -(-p.sliced.size // 3000)
        else:
            listed += [piece.name for piece in p.pieces]
    assert listed == [p.name for p in pieces]
    assert sum(1 for p in partitions if p.sliced) > 3
    assert plan_partitions([], 3000) == [distributed.Partition(0)]


def test_a_split_file_gives_its_articles_in_order_in_balanced_slices(tmp_path):
    folder = more_articles(tmp_path)
    piece = next(p for p in plan_inputs([folder]) if p.name.endswith("seeds.jsonl"))
    whole = list(read_articles([folder / "seeds.jsonl"]))
    assert len(whole) == 18 and sum(isinstance(item, InputError) for item in whole) == 2
    for slices in (1, 2, 3, 5):
        parts = split_json_file(piece, slices)
        assert len(parts) == slices and all(parts)
        assert [item for part in parts for item in part] == whole
    sizes = [sum(len(item.text) for item in part if isinstance(item, Article)) for part in split_json_file(piece, 2)]
    assert max(sizes) < 0.7 * sum(sizes)
    missing = split_json_file(Piece("gone.jsonl", str(tmp_path / "gone.jsonl"), 10, True), 3)
    assert [[(e.input, e.reason) for e in part] for part in missing] == [[("gone.jsonl", "No such file or directory")], [], []]


# --------------------------------------------------------------------------- a real cluster on loopback


def _descendants(procs) -> list[psutil.Process]:
    found = []
    for proc in procs:
        try:
            found += psutil.Process(proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            pass
    return found


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """``dask scheduler`` on a free loopback port and two ``dask worker``
    processes of one thread; afterwards every process they started is gone."""
    root = tmp_path_factory.mktemp("dask_cluster")
    scheduler_file = root / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    started = []

    def start(name, args):
        log = (root / f"{name}.log").open("w")
        started.append(subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT, env=env,
                                        start_new_session=True, cwd=root))

    start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                        "--scheduler-file", str(scheduler_file)])
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() or not scheduler_file.read_text().strip():
            assert time.monotonic() < deadline, (root / "scheduler.log").read_text()
            assert started[0].poll() is None, (root / "scheduler.log").read_text()
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for n in (1, 2):
            start(f"worker{n}", ["worker", "--scheduler-file", str(scheduler_file), "--nthreads", "1",
                                 "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{n}"])
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        family = _descendants(started)
        assert all(proc.poll() is None for proc in started), "a cluster process exited early"
        assert len(family) >= 2  # each `dask worker` (a nanny) runs its worker in a child process
        for proc in reversed(started):  # workers first, then the scheduler
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        _, alive = psutil.wait_procs(family, timeout=30)
        for leftover in alive:
            leftover.kill()
        assert not alive, f"processes left behind by the cluster: {[p.pid for p in alive]}"


def test_a_real_cluster_stores_exactly_what_one_local_job_stores(tmp_path, dask_cluster):
    folder = more_articles(tmp_path)
    inputs = [RAW, folder, tmp_path / "nope.txt"]
    seen_errors, finished = [], []
    report = run_dask_ingest(inputs, tmp_path / "ds", scheduler=dask_cluster, workers=2, partition_bytes=3000,
                             on_error=seen_errors.append, on_partition=finished.append)
    local = ingest_paths(inputs, tmp_path / "local.db", jobs=1)

    manifest = read_manifest(tmp_path / "ds")
    assert report.workers == 2 and report.partitions == len(finished) > 6
    assert len({r["worker"] for r in finished}) == 2  # both workers extracted
    assert "part-00000-000.parquet" in manifest["files"] and any(name.endswith("-001.parquet") for name in manifest["files"])
    assert sorted((e.input, e.reason) for e in report.errors) == sorted((e.input, e.reason) for e in local.errors)
    assert sorted(seen_errors, key=str) == sorted(report.errors, key=str)

    loaded = load_dataset(tmp_path / "ds", tmp_path / "loaded.db")
    assert (loaded.stored, loaded.unchanged) == (local.stored, local.unchanged)
    rows = store_rows(tmp_path / "local.db")
    assert len(rows["articles"]) > 15 and rows["mentions"] and rows["people"] and rows["documents"] and rows["percents"]
    assert store_rows(tmp_path / "loaded.db") == rows
    assert error_rows(tmp_path / "loaded.db") == error_rows(tmp_path / "local.db")
    assert len(error_rows(tmp_path / "local.db")) == 4  # nope.txt, the malformed line, the empty record, the empty file

    # in place, the dataset has every extracted article: p0 in both versions, p2's text twice, r's text twice
    in_place = query_parquet(tmp_path / "ds", "SELECT count(*) AS n, count(DISTINCT sha256) AS texts FROM articles")
    assert in_place.iloc[0].tolist() == [report.rows["articles"], report.rows["articles"] - 2]
    once = set(query_parquet(tmp_path / "ds", "SELECT id FROM articles GROUP BY id HAVING count(*) = 1")["id"])
    counts = "SELECT article_id, count(*) AS n FROM mentions GROUP BY article_id"
    in_dataset = {k: n for k, n in query_parquet(tmp_path / "ds", counts).itertuples(index=False) if k in once}
    conn = sqlite3.connect(tmp_path / "local.db")
    in_store = {k: n for k, n in conn.execute(counts) if k in once}
    assert len(in_store) > 10 and {k: in_dataset[k] for k in in_store} == in_store


def test_an_article_over_the_time_limit_is_an_error_row_on_the_cluster(tmp_path, dask_cluster):
    slow = "\n\n".join(QK9 for _ in range(60))  # ~340k characters: several seconds of extraction
    source = write_jsonl(tmp_path / "batch.jsonl", [
        {"id": "slow", "text": slow},
        {"id": "quick", "text": "Thiếu tướng Hồ Văn Thái phát biểu tại Cần Thơ."},
    ])
    report = run_dask_ingest([source], tmp_path / "ds", scheduler=dask_cluster, timeout=1.0)
    assert [(e.input, "time limit" in e.reason) for e in report.errors] == [(f"{source}:1 (article slow)", True)]
    load_dataset(tmp_path / "ds", tmp_path / "s.db")
    conn = sqlite3.connect(tmp_path / "s.db")
    assert [r[0] for r in conn.execute("SELECT id FROM articles")] == ["quick"]
    assert conn.execute("SELECT count(*) FROM errors WHERE reason LIKE '%time limit%'").fetchone() == (1,)


def test_cli_ingest_load_and_query_through_the_scheduler(tmp_path, dask_cluster):
    runner = CliRunner()
    out, db = tmp_path / "ds", tmp_path / "s.db"
    ingested = runner.invoke(app, ["ingest", str(RAW), "--engine", "dask", "--scheduler", dask_cluster, "--out", str(out)])
    assert ingested.exit_code == 0, ingested.output
    assert "extracted 2 article(s)" in ingested.stdout
    again = runner.invoke(app, ["ingest", str(RAW), "--engine", "dask", "--scheduler", dask_cluster, "--out", str(out)])
    assert again.exit_code == 2 and "not an empty folder" in again.stderr
    loaded = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    assert "stored 2 new article(s), 0 already stored" in loaded.stdout
    ingest_paths([RAW], tmp_path / "local.db", jobs=1)
    assert store_rows(db) == store_rows(tmp_path / "local.db")
    sql = "SELECT name, rank, ref FROM people_documents ORDER BY name, ref"
    in_place = runner.invoke(app, ["query", "--parquet", str(out), "--format", "json", sql])
    stored = runner.invoke(app, ["query", "--db", str(db), "--format", "json", sql])
    assert in_place.exit_code == stored.exit_code == 0
    assert json.loads(in_place.stdout) == json.loads(stored.stdout) and len(json.loads(stored.stdout)) > 4


def test_an_unreachable_scheduler_is_one_error_line(tmp_path, monkeypatch):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT_S", 2)
    result = CliRunner().invoke(app, ["ingest", str(RAW), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                                      "--out", str(tmp_path / "ds")])
    assert result.exit_code == 2
    assert result.stderr.startswith("vnextract: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["--engine", "dask"], "give --out DIR"),
    (["--engine", "dask", "--out", "ds", "--jobs", "2"], "--jobs is for --engine local"),
    (["--out", "ds"], "go with --engine dask"),
    (["--engine", "spark"], "local or dask"),
])
def test_cli_engine_options_that_do_not_go_together_are_refused(tmp_path, args, message):
    result = CliRunner().invoke(app, ["ingest", str(RAW), "--db", str(tmp_path / "s.db"), *args])
    assert result.exit_code == 2 and message in " ".join(result.output.replace("│", " ").split())  # rich wraps it in a box
    assert not (tmp_path / "s.db").exists() and not Path("ds").exists()


# --------------------------------------------------------------------------- LocalCluster


def test_daemonic_workers_are_refused_with_the_setting_to_change(tmp_path):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": ":0"}) as cluster, Client(cluster) as client:
        with pytest.raises(distributed.DistributedIngestError, match="DASK_DISTRIBUTED__WORKER__DAEMON=False"):
            run_dask_ingest([RAW], tmp_path / "ds", client=client)
    assert not (tmp_path / "ds" / "_vnextract.json").exists()


@pytest.mark.shared
def test_local_cluster_one_job_and_two_jobs_agree_on_bench_articles(tmp_path, shared_corpus):
    with gzip.open(shared_corpus / "bench" / "baomoi-10k.jsonl.gz", "rt", encoding="utf-8") as lines:
        articles = [json.loads(line) for line in itertools.islice(lines, 200)]
    source = write_jsonl(tmp_path / "bench.jsonl", articles)
    one, two, dask_db = tmp_path / "one.db", tmp_path / "two.db", tmp_path / "dask.db"
    ingest_paths([source], one, jobs=1)
    ingest_paths([source], two, jobs=2)
    report = run_dask_ingest([source], tmp_path / "ds", workers=2)
    assert report.workers == 2 and report.partitions == 8  # the file cut in 4 partitions per worker
    load_dataset(tmp_path / "ds", dask_db)
    rows = store_rows(one)
    assert len(rows["articles"]) == len({a["text"] for a in articles})
    assert report.rows["mentions"] >= len(rows["mentions"]) > 2_000
    assert store_rows(two) == rows
    assert store_rows(dask_db) == rows
