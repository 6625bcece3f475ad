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
    return SHARED
