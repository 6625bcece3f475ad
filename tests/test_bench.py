"""The benchmark: its helpers (fast) and one small real run (slow: spawns workers)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from extract import bench

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "corpus" / "raw"
SHARED_BENCH = REPO.parent / "shared" / "corpus" / "bench" / "baomoi-10k.jsonl.gz"
RUN_KEYS = {"seconds", "words_per_s", "chars_per_s", "articles"}


def _jsonl(path: Path, texts: list[str]) -> Path:
    lines = [json.dumps({"id": f"t{i}", "source": "test", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- helpers


def test_find_source_explicit_and_missing(tmp_path):
    assert bench.find_source(RAW) == RAW
    with pytest.raises(FileNotFoundError):
        bench.find_source(tmp_path / "nothing.jsonl")
    assert bench.find_source().exists()


def test_load_articles_from_jsonl_gz_folder_and_txt(tmp_path):
    texts = ["Hoà bình", "", "Thủ tướng Nguyễn Xuân Phúc", "Bộ Quốc phòng"]
    gz = _jsonl(tmp_path / "a.jsonl.gz", texts)
    loaded = bench.load_articles(gz, 2)
    assert [a.id for a in loaded] == ["t0", "t2"]  # the empty text is skipped
    assert loaded[0].text == "Hoà bình"
    assert len(bench.load_articles(gz, 10)) == 3
    assert [a.id for a in bench.load_articles(RAW, 10)] == ["qk1-bac-giang-2019", "qk9-can-tho-2023"]
    with pytest.raises(ValueError):
        bench.load_articles(_jsonl(tmp_path / "empty.jsonl", [""]), 5)


def test_take_cycles_with_distinct_copies():
    pool = [bench.BenchArticle("a", "x"), bench.BenchArticle("b", "y")]
    taken = bench.take(pool, 5)
    assert [a.id for a in taken] == ["a", "b", "a#1", "b#1", "a#2"]
    assert [a.text for a in taken] == ["x", "y", "x ", "y ", "x  "]
    assert len({a.text for a in taken}) == 5


def test_timing_helpers():
    calls = []
    timing = bench.median_seconds(lambda: calls.append(1) or len(calls), 3)
    assert len(calls) == 3 and timing.first == 1 and timing.seconds >= 0 and timing.cpu_seconds >= 0
    assert bench.throughput(2.0, 1000, 5000, 4) == {"seconds": 2.0, "words_per_s": 500.0, "chars_per_s": 2500.0, "articles": 4}
    assert bench.throughput(2.0, 1000, 5000, 4, cpu_seconds=1.5)["cpu_seconds"] == 1.5
    assert bench.chunked(list(range(5)), 2) == [[0, 1], [2, 3], [4]]
    runs = {"word_tokenize": {"words_per_s": 200.0}, "pipeline": {"words_per_s": 100.0}, "parallel": {"words_per_s": 180.0}}
    assert bench.ratios(runs) == {"pipeline_vs_word_tokenize": 0.5, "pipeline_vs_ner": None, "parallel_vs_single": 1.8,
                                  "ingest_vs_ingest_1": None, "dask_vs_ingest_1": None}


def test_peak_rss_is_sampled():
    with bench.PeakRss(interval=0.01) as monitor:
        block = bytearray(50 * 2**20)
    assert monitor.peak_mb > 50
    del block
    assert bench.self_peak_rss_mb() > 0


def test_format_bench_renders_numbers_and_errors():
    result = {
        "source": "x.jsonl", "articles": 2, "distinct_articles": 2, "words": 1000, "chars": 5000, "jobs": 2,
        "repeats": 1,
        "runs": {
            "word_tokenize": {"seconds": 0.5, "words_per_s": 2000.0, "chars_per_s": 10000.0, "articles": 2, "peak_rss_mb": 100.0},
            "parallel": {"error": "RuntimeError: boom", "jobs": 2},
        },
        "ratios": {"pipeline_vs_word_tokenize": None, "pipeline_vs_ner": None, "parallel_vs_single": None},
        "scaling": {"points": [{"articles": 2, "chars": 5000, "seconds": 1.0, "chars_per_s": 5000.0},
                               {"articles": 4, "chars": 10000, "seconds": 2.0, "chars_per_s": 5000.0},
                               {"articles": 8, "chars": 20000, "seconds": 4.0, "chars_per_s": 5000.0}],
                    "time_ratio_2n": 2.0, "time_ratio_4n": 4.0},
        "peak_rss_mb": 123.4,
        "machine": {"cpus": 2, "cpu_model": "cpu", "memory_gb": 8, "load_average": [0.1, 0.1, 0.1],
                    "python": "3.11", "underthesea": "9.5.0", "spacy": "3.8"},
        "total_seconds": 9.0,
    }
    text = bench.format_bench(result)
    assert "word_tokenize             2      0.50        -      2,000     10,000      100" in text
    assert "parallel (2 jobs)   error: RuntimeError: boom" in text
    assert "x2.0 at 2N, x4.0 at 4N" in text
    assert "peak RSS: 123.4 MB" in text


def test_unknown_measure_is_refused():
    with pytest.raises(ValueError):
        bench.run(articles=1, measures=["nope"])


# --------------------------------------------------------------------------- real runs


def test_run_underthesea_measures(tmp_path):
    source = _jsonl(tmp_path / "small.jsonl", [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))])
    result = bench.run(articles=2, repeats=1, jobs=1, source=source, measures=["word_tokenize", "ner"])
    assert set(result["runs"]) == {"word_tokenize", "ner"}
    for entry in result["runs"].values():
        assert RUN_KEYS <= set(entry), entry
        assert all(entry[key] > 0 for key in RUN_KEYS)
    assert result["runs"]["ner"]["articles"] == 1
    assert result["words"] > 1000 and result["chars"] > 5000
    assert result["peak_rss_mb"] > 0


@pytest.mark.slow
def test_run_everything_small():
    result = bench.run(articles=3, repeats=1, jobs=2, source=RAW)
    assert {"runs", "ratios", "scaling", "peak_rss_mb", "machine"} <= set(result)
    assert set(result["runs"]) == {"word_tokenize", "ner", "pipeline", "parallel", "ingest_1", "ingest", "dask"}
    for name, entry in result["runs"].items():
        assert "error" not in entry, (name, entry.get("error"), entry.get("trace"))
        assert RUN_KEYS <= set(entry)
        assert all(entry[key] > 0 for key in RUN_KEYS), (name, entry)
    assert result["runs"]["parallel"]["mentions"] == result["runs"]["pipeline"]["mentions"]
    assert all(entry["cpu_seconds"] > 0 for entry in result["runs"].values())
    assert result["runs"]["ingest"]["stored"] == 3  # the cycled copy is stored too
    assert (result["runs"]["ingest_1"]["jobs"], result["runs"]["ingest_1"]["stored"]) == (1, 3)
    dask = result["runs"]["dask"]
    assert (dask["workers"], dask["stored"], dask["errors"]) == (2, 3, 0)
    assert dask["mentions"] == result["runs"]["pipeline"]["mentions"]
    assert "dask (2 workers)" in bench.format_bench(result)
    assert all(value > 0 for value in result["ratios"].values())
    assert [p["articles"] for p in result["scaling"]["points"]] == [3, 6, 12]
    assert all(p["seconds"] > 0 for p in result["scaling"]["points"])
    assert result["peak_rss_mb"] > 0 and result["machine"]["cpus"] >= 1
    assert "pipeline" in bench.format_bench(result)


@pytest.mark.shared
def test_default_source_is_the_shared_bench_corpus():
    if not SHARED_BENCH.exists():
        pytest.skip("../shared/corpus is not available")
    assert bench.find_source() == SHARED_BENCH
    articles = bench.load_articles(SHARED_BENCH, 5)
    assert len(articles) == 5 and all(a.text.strip() for a in articles)


def test_memory_measure_samples_one_process_as_articles_stream(tmp_path):
    source = _jsonl(tmp_path / "small.jsonl", [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))])
    result = bench.run(articles=1, repeats=1, source=source, measures=["memory"], memory_articles=6, memory_step=2)
    memory = result["memory"]
    assert [p["articles"] for p in memory["points"]] == [2, 4, 6]  # the two articles, cycled
    assert all(p["rss_mb"] > 50 and p["lexemes"] > 0 for p in memory["points"])
    assert memory["growth_mb"] == round(memory["points"][-1]["rss_mb"] - memory["points"][0]["rss_mb"], 1)
    assert "memory (RSS" in bench.format_bench(result)


def test_memory_measure_needs_a_count():
    with pytest.raises(ValueError):
        bench.run(articles=1, measures=["memory"])
