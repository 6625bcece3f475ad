"""Write the texts of the bench articles that the bench golds and held-out 12 to 14 annotate.

The bench articles are publishers' texts: a gold file names each one with a
``text_file`` under ``build/bench-texts/`` (never committed), and this module
writes those files from ``../shared/corpus/bench/baomoi-10k.jsonl.gz``, NFC, as
``make gold-texts`` does. Nothing is downloaded.

    python -m extract.gold_texts [--shared ../shared/corpus]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from extract.normalise import normalise_text

REPO = Path(__file__).resolve().parent.parent
# the gold files that annotate bench articles: the bench golds and held-out 12 to 14
BENCH_GOLDS = tuple(sorted((REPO / "corpus" / "annotated").glob("bench*.jsonl"))) + tuple(
    REPO / "corpus" / "annotated" / f"heldout{n}.jsonl" for n in (12, 13, 14))
DEFAULT_SHARED = REPO.parent / "shared" / "corpus"


def write_bench_texts(shared: Path = DEFAULT_SHARED, golds: tuple[Path, ...] = BENCH_GOLDS) -> list[Path]:
    """Write every missing ``text_file`` of ``golds`` from the bench file; return the paths written."""
    wanted: dict[str, Path] = {}
    for gold in golds:
        for line in gold.read_text("utf-8").splitlines():
            if line.strip():
                article = json.loads(line)
                wanted[article["id"]] = (gold.parent / article["text_file"]).resolve()
    missing = {i: p for i, p in wanted.items() if not p.exists()}
    written: list[Path] = []
    if not missing:
        return written
    bench = shared / "bench" / "baomoi-10k.jsonl.gz"
    with gzip.open(bench, "rt", encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            path = missing.pop(article["id"], None)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(normalise_text(article["text"]), "utf-8")
                written.append(path)
            if not missing:
                break
    if missing:
        raise KeyError(f"{bench}: no article with id {', '.join(sorted(missing))}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    try:
        written = write_bench_texts(args.shared)
    except (OSError, KeyError) as e:
        print(f"vnextract: error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} bench text(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
