import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS_GOLD = ROOT / "corpus" / "annotated" / "seeds.jsonl"
RAW = ROOT / "corpus" / "raw"
SHARED = ROOT.parent / "shared" / "corpus"


def load_seeds() -> dict[str, dict]:
    return {d["id"]: d for d in map(json.loads, SEEDS_GOLD.read_text("utf-8").splitlines())}


@pytest.fixture(scope="session")
def seeds() -> dict[str, dict]:
    return load_seeds()


@pytest.fixture(scope="session")
def pipeline():
    from extract.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not (SHARED / "annotated" / "dev.jsonl").exists():
        pytest.skip("../shared/corpus is not here (dev and bench articles are not bundled)")
    from extract.gold_texts import write_bench_texts

    # the gold files of bench articles name their texts under build/bench-texts/ (never committed):
    # a fresh clone has none, so write them before any test reads those golds
    write_bench_texts(SHARED)
    return SHARED


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store built by `vnextract ingest corpus/raw` in a fresh folder (read-only for the tests that use it)."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("seed_store") / "vnextract.db"
    vnextract = Path(sys.executable).with_name("vnextract")
    done = subprocess.run([str(vnextract), "ingest", str(RAW), "--db", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return path
