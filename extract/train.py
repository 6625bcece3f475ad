"""Build the NER model's training data and train it: ``make model``.

    python -m extract.train [--shared ../shared/corpus] [--out models/vnextract-ner-<version>]

Everything is fixed (article selection, split, seed), so a run rebuilds the
same data and, on the same machine and library versions, the same model:

1. **Gold**: ``corpus/annotated/seeds.jsonl``, the project's own gold of ``TRAIN_GOLDS``
   (``train.jsonl``, the held-out files 1 to 6 the rules were later fixed on, and the
   general-news ``bench.jsonl`` and ``bench2.jsonl``) and ``dev.jsonl`` of the shared
   corpus minus its *measuring split* (``MEASURE_ARTICLES`` articles drawn with
   ``SEED``), each repeated ``GOLD_REPEATS`` times.  The measuring split is
   never trained on; it is written beside the model as ``dev-measure.jsonl``
   (a gold file whose ``text_file`` points into the shared corpus) so that
   ``vnextract evaluate`` scores it.  The files of ``HELDOUT_GOLDS``
   (held-out 7, bench 3) are only ever scored, never trained on, not
   even as silver; no bench gold article is drawn as silver either.
2. **Silver**: the rules alone (``Pipeline(use_model=False)``) over the
   ``dev/`` articles that no gold file annotates and over ``BENCH_SAMPLE``
   bench articles drawn with ``SEED``, leaving out every bench article that
   shares a line of ``SHARED_LINE_CHARS`` characters or more with a ``dev/`` or
   seed text (the bench and dev corpora overlap).  In silver, a word that
   looks like a name but that no rule span covers (``name_candidates``) is
   marked *unknown* (no loss either way): the rules' lexicons stop where the
   model should not learn that such a word is not a name; every other word
   is known.
3. **What the model learns**: one flat layer, the outermost PERSON, ORG and LOC
   spans as one IOB tag per word (``B-ORG``, ``I-ORG``, ``O``; a tagger holds
   no nesting): ``[Ban Tổ chức Tỉnh ủy Bắc
   Giang]ORG`` is learnt, the LOC nested inside it is left to the rules;
   ORG and LOC inside a POSITION are learnt (POSITION is not in the layer).
   Spans cut after the article body (site chrome) are dropped with the chrome;
   a span whose ends fall inside an underthesea word marks its words unknown
   and is counted (``misaligned``).
4. **Training**: ``spacy train`` with ``models/vnextract-ner.cfg`` (CPU, seed
   ``SEED``, ``max_steps`` in the config) on ``build/model/train.spacy``; the
   validation set of spaCy's log is ``BENCH_VALIDATION`` further silver bench
   articles.  The DocBins hold publishers' text: ``build/`` is never committed.
5. **Scores**: rules alone and rules + model on the measuring split and on
   the held-out files (``extract.evaluate``), written into the model's
   ``meta.json`` with the data counts and the timings.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from extract import chrome
from extract.gold_texts import write_bench_texts
from extract.model import MODEL_LABELS, MODEL_NAME, MODEL_VERSION, models_dir

SEED = 7
MEASURE_ARTICLES = 12  # of the 40 dev gold articles, never trained on
GOLD_REPEATS = 10
BENCH_SAMPLE = 2000
BENCH_VALIDATION = 100
SHARED_LINE_CHARS = 60
SILVER_UNKNOWN_NAMES = True
DOCBIN_ATTRS = ["ORTH", "SPACY", "SENT_START", "TAG", "ENT_IOB", "ENT_TYPE"]
# what comes right before the first word of a sentence or a quote
SENTENCE_OPENERS = frozenset({".", "!", "?", "…", "...", ":", ";", '"', "“", "”", "'", "‘", "-", "–", "—", "•", "*"})

REPO = Path(__file__).resolve().parents[1]
CONFIG = models_dir() / "vnextract-ner.cfg"
SEEDS_GOLD = REPO / "corpus" / "annotated" / "seeds.jsonl"
ANNOTATED = REPO / "corpus" / "annotated"
# the project's own gold, trained on: train.jsonl, the held-out files the rules were later
# fixed on (so no longer a fair measure) and the first two general-news golds
TRAIN_GOLDS = tuple(ANNOTATED / f for f in (
    "train.jsonl", "heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl", "heldout4.jsonl",
    "heldout5.jsonl", "heldout6.jsonl", "heldout7.jsonl", "heldout8.jsonl",
    "bench.jsonl", "bench2.jsonl", "bench3.jsonl", "bench4.jsonl"))
HELDOUT_GOLDS = {  # scored, never trained on, not even as silver
    "heldout9": ANNOTATED / "heldout9.jsonl",
    "heldout10": ANNOTATED / "heldout10.jsonl",
    "heldout12": ANNOTATED / "heldout12.jsonl",
    "heldout14": ANNOTATED / "heldout14.jsonl",
}
DEFAULT_SHARED = REPO.parent / "shared" / "corpus"
DEFAULT_WORK = REPO / "build" / "model"


class CorpusMissingError(FileNotFoundError):
    """The shared corpus (dev gold, dev/ articles, bench) is not there."""


# --------------------------------------------------------------------------- selection


def check_shared(shared: Path) -> dict[str, Path]:
    """The shared corpus files training needs; ``CorpusMissingError`` naming the first missing one."""
    paths = {
        "dev_gold": shared / "annotated" / "dev.jsonl",
        "dev_dir": shared / "dev",
        "bench": shared / "bench" / "baomoi-10k.jsonl.gz",
    }
    for path in paths.values():
        if not path.exists():
            raise CorpusMissingError(
                f"{path}: not found; `make model` trains on ../shared/corpus (dev.jsonl, dev/, bench/), "
                "which is not bundled with the repository"
            )
    return paths


def measure_split(ids: list[str], n: int = MEASURE_ARTICLES, seed: int = SEED) -> tuple[list[str], list[str]]:
    """``(train ids, measure ids)``: ``n`` ids drawn with ``seed`` from the sorted ids."""
    ordered = sorted(ids)
    measure = sorted(random.Random(seed).sample(ordered, n))
    return [i for i in ordered if i not in set(measure)], measure


def _nfc_file(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_bytes().decode("utf-8"))


def long_lines(text: str, min_chars: int = SHARED_LINE_CHARS) -> set[str]:
    return {line.strip() for line in text.splitlines() if len(line.strip()) >= min_chars}


def bench_sample(bench: Path, exclude_lines: set[str], n: int, seed: int = SEED,
                 exclude_ids: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """``n`` ``(id, text)`` bench articles drawn with ``seed`` among those sharing no long line
    with ``exclude_lines`` and not in ``exclude_ids`` (the bench gold), in file order of the draw."""
    eligible: list[tuple[str, str]] = []
    with gzip.open(bench, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = unicodedata.normalize("NFC", record.get("text") or "")
            if text.strip() and str(record["id"]) not in exclude_ids and not (long_lines(text) & exclude_lines):
                eligible.append((str(record["id"]), text))
    return random.Random(seed).sample(eligible, n)


# --------------------------------------------------------------------------- training docs


def flat_layer(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The outermost PERSON/ORG/LOC spans: a span inside or crossing an earlier, longer one is dropped."""
    chosen: list[tuple[int, int, str]] = []
    for span in sorted((s for s in spans if s[2] in MODEL_LABELS), key=lambda s: (s[0], -s[1])):
        if chosen and span[0] < chosen[-1][1]:
            continue
        chosen.append(span)
    return chosen


@dataclass
class DataCounts:
    """What went into one DocBin."""

    articles: int = 0
    words: int = 0
    spans: Counter = field(default_factory=Counter)
    misaligned: int = 0
    unknown_words: int = 0

    def add(self, other: "DataCounts") -> None:
        self.articles += other.articles
        self.words += other.words
        self.spans.update(other.spans)
        self.misaligned += other.misaligned
        self.unknown_words += other.unknown_words

    def to_dict(self) -> dict:
        out = asdict(self)
        out["spans"] = dict(sorted(self.spans.items()))
        return out


def training_doc(
    vocab: Vocab,
    doc: Doc,
    spans: list[tuple[int, int, str]],
    body_end: int,
    unknown_names: bool,
) -> tuple[Doc, DataCounts]:
    """A copy of ``doc`` up to the body's end whose entities are the flat layer of ``spans``.

    The words of a span that does not fall on word boundaries get no entity
    annotation (missing).  ``unknown_names``: neither does a word that looks
    like a name (see ``name_candidates``) and that no span of ``spans`` (any
    label) covers.
    """
    tokens = [t for t in doc if t.idx < body_end]
    copy = Doc(
        vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        sent_starts=[bool(t.is_sent_start) for t in tokens],
    )
    counts = DataCounts(articles=1, words=sum(not t.is_space for t in copy))
    entities, missing = [], set()
    for start, end, label in flat_layer(spans):
        if end > len(copy.text):
            continue
        span = copy.char_span(start, end, label=label, alignment_mode="strict")
        if span is None:
            counts.misaligned += 1
            wide = copy.char_span(start, end, alignment_mode="expand")
            missing.update(range(wide.start, wide.end) if wide is not None else ())
        else:
            entities.append(span)
            counts.spans[label] += 1
    if unknown_names:
        missing.update(name_candidates(copy, spans))
    inside = {i for span in entities for i in range(span.start, span.end)}
    missing -= inside
    counts.unknown_words = len(missing)
    copy.set_ents(entities, missing=[copy[i : i + 1] for i in sorted(missing)], default="outside")
    for token in copy:  # what the model learns: one IOB tag per word, "" where unknown
        token.tag_ = entity_tag(token.ent_iob_, token.ent_type_)
    return copy, counts


def entity_tag(iob: str, label: str) -> str:
    """The tag the model predicts for a word: ``B-ORG``, ``I-ORG``, ``O``, or ``""`` (unknown)."""
    return f"{iob}-{label}" if iob in ("B", "I") else iob


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def _name_like(text: str) -> bool:
    """Every syllable capitalised (``Bái Đính``, ``Paul Pogba``) or an acronym (``BBC``, ``VTV6``)."""
    syllables = text.split()
    if len(syllables) > 1:
        return all(s[:1].isupper() or s[:1].isdigit() for s in syllables)
    return len(text) >= 2 and text.isupper()


def name_candidates(doc: Doc, spans: list[tuple[int, int, str]]) -> set[int]:
    """Indices of words the rules left alone that may still be names.

    A candidate is a capitalised word that no span covers, that does not open
    a sentence, a line or a quote (where every word is capitalised), and that
    looks like a name: every syllable capitalised, an acronym, or next to
    another capitalised word (``Oliver Stone``, ``Hải Vân``, ``KCNA``).  In
    silver data these are left unknown instead of being taught as "not a
    name": the rules' lexicons stop where the model has to go on.
    """
    covered = bytearray(len(doc.text))
    for start, end, _ in spans:
        covered[start:end] = b"\x01" * len(covered[start:end])
    words = [t for t in doc if not t.is_space]
    found = set()
    for k, token in enumerate(words):
        if not _capitalised(token.text) or any(covered[token.idx : token.idx + len(token)]):
            continue
        before = words[k - 1] if k else None
        if before is None or before.text in SENTENCE_OPENERS or "\n" in doc.text[before.idx + len(before) : token.idx]:
            continue
        after = words[k + 1] if k + 1 < len(words) else None
        touching = (after is not None and _capitalised(after.text) and after.idx == token.idx + len(token) + 1) or (
            _capitalised(before.text) and token.idx == before.idx + len(before) + 1
        )
        if touching or _name_like(token.text):
            found.add(token.i)
    return found


def gold_docs(pipeline, articles: list[dict], repeats: int) -> tuple[list[Doc], DataCounts]:
    docs, counts = [], DataCounts()
    for article in articles:
        text = article["text"]
        spans = [(s["start"], s["end"], s["label"]) for s in article["spans"]]
        doc, c = training_doc(pipeline.nlp.vocab, pipeline.nlp.make_doc(text), spans, chrome.body_end(text), False)
        docs += [doc] * repeats
        counts.add(c)
    return docs, counts


def silver_docs(pipeline, texts: list[str], log=None) -> tuple[list[Doc], DataCounts]:
    docs, counts = [], DataCounts()
    for k, text in enumerate(texts, 1):
        extraction = pipeline.extract(text, keep_doc=True)
        spans = [(m.start, m.end, m.label) for m in extraction.mentions]
        doc, c = training_doc(
            pipeline.nlp.vocab, extraction.doc, spans, extraction.body_end, SILVER_UNKNOWN_NAMES
        )
        docs.append(doc)
        counts.add(c)
        if log and k % 500 == 0:
            log(f"  silver: {k}/{len(texts)} articles")
    return docs, counts


# --------------------------------------------------------------------------- the data


def build_data(shared: Path, work: Path, log=print) -> dict:
    """Write ``train.spacy`` and ``dev.spacy`` under ``work``; return what went in."""
    from extract.evaluate import load_gold
    from extract.pipeline import Pipeline

    paths = check_shared(shared)
    write_bench_texts(shared)  # the bench gold's texts, into build/
    dev_gold = load_gold(paths["dev_gold"])
    seeds = load_gold(SEEDS_GOLD)
    heldout_ids = {a["id"] for path in HELDOUT_GOLDS.values() for a in load_gold(path)}  # their ids only
    train_ids, measure_ids = measure_split([a["id"] for a in dev_gold])
    project_gold = [a for path in TRAIN_GOLDS for a in load_gold(path)]
    gold_train = seeds + [a for a in dev_gold if a["id"] in set(train_ids)] + project_gold

    annotated = {a["id"] for a in dev_gold + project_gold} | heldout_ids
    dev_files = sorted(paths["dev_dir"].glob("*.txt"))
    silver_dev = [(p.stem, _nfc_file(p)) for p in dev_files if p.stem not in annotated]
    exclude = set().union(*(long_lines(_nfc_file(p)) for p in dev_files), *(long_lines(a["text"]) for a in seeds))
    bench = bench_sample(paths["bench"], exclude, BENCH_SAMPLE + BENCH_VALIDATION, exclude_ids=frozenset(annotated))
    log(f"gold: {len(gold_train)} articles (x{GOLD_REPEATS}); measuring split: {len(measure_ids)}; "
        f"silver: {len(silver_dev)} dev/ + {BENCH_SAMPLE} bench articles; validation: {BENCH_VALIDATION} bench")

    pipeline = Pipeline(use_model=False)
    train_gold, gold_counts = gold_docs(pipeline, gold_train, GOLD_REPEATS)
    train_silver, silver_counts = silver_docs(
        pipeline, [t for _, t in silver_dev] + [t for _, t in bench[:BENCH_SAMPLE]], log
    )
    validation, validation_counts = silver_docs(pipeline, [t for _, t in bench[BENCH_SAMPLE:]])
    work.mkdir(parents=True, exist_ok=True)
    DocBin(attrs=DOCBIN_ATTRS, docs=train_gold + train_silver).to_disk(
        work / "train.spacy"
    )
    DocBin(attrs=DOCBIN_ATTRS, docs=validation).to_disk(work / "dev.spacy")
    return {
        "seed": SEED,
        "gold_repeats": GOLD_REPEATS,
        "silver_unknown_names": SILVER_UNKNOWN_NAMES,
        "measure_ids": measure_ids,
        "gold_train_ids": [a["id"] for a in gold_train],
        "bench_ids": [i for i, _ in bench[:BENCH_SAMPLE]],
        "validation_bench_ids": [i for i, _ in bench[BENCH_SAMPLE:]],
        "silver_dev_ids": [i for i, _ in silver_dev],
        "gold": gold_counts.to_dict(),
        "silver": silver_counts.to_dict(),
        "validation": validation_counts.to_dict(),
    }


def write_measure_gold(dev_gold: Path, measure_ids: list[str], out: Path) -> Path:
    """The measuring split of ``dev_gold`` as a gold file in ``out``, ``text_file`` re-pointed."""
    lines = []
    for line in dev_gold.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record["id"] in measure_ids:
            if "text_file" in record:
                target = (dev_gold.parent / record["text_file"]).resolve()
                record["text_file"] = os.path.relpath(target, out.resolve())
            lines.append(json.dumps(record, ensure_ascii=False))
    path = out / "dev-measure.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- train and score


def train_model(work: Path, config: Path = CONFIG) -> Path:
    """``spacy train`` on ``work``'s DocBins; the trained pipeline's folder (model-last)."""
    from spacy.cli.train import train as spacy_train

    output = work / "training"
    shutil.rmtree(output, ignore_errors=True)
    spacy_train(
        config,
        output,
        use_gpu=-1,
        overrides={"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")},
    )
    return output / "model-last"


def score_model(model_path: Path, gold_files: dict[str, Path]) -> dict:
    """Span and people scores of the rules alone and of rules + model on each gold file."""
    from extract.evaluate import load_gold, predict, score
    from extract.pipeline import Pipeline

    pipelines = {"rules": Pipeline(use_model=False), "rules+model": Pipeline(model_path=model_path)}
    out: dict[str, dict] = {}
    for name, path in gold_files.items():
        gold = load_gold(path)
        out[name] = {}
        for variant, pipeline in pipelines.items():
            scores = score(gold, predict(gold, pipeline))
            out[name][variant] = {"spans": scores["spans"], "people": scores["people"]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared corpus folder")
    parser.add_argument("--out", type=Path, default=models_dir() / f"{MODEL_NAME}-{MODEL_VERSION}")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="intermediate files (never committed)")
    args = parser.parse_args(argv)
    try:
        paths = check_shared(args.shared)
    except CorpusMissingError as exc:
        print(f"vnextract: error: {exc}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    data = build_data(args.shared, args.work)
    data_seconds = time.perf_counter() - started
    print(f"data built in {data_seconds:.0f} s", flush=True)
    started = time.perf_counter()
    trained = train_model(args.work)
    train_seconds = time.perf_counter() - started

    import spacy

    nlp = spacy.load(trained)
    nlp.meta.update(
        name=MODEL_NAME.replace("-", "_"),
        version=MODEL_VERSION,
        description="NER (PERSON, ORG, LOC) for Vietnamese press, on underthesea words; see extract/train.py",
        license="MIT",
    )
    shutil.rmtree(args.out, ignore_errors=True)
    nlp.to_disk(args.out)
    measure_gold = write_measure_gold(paths["dev_gold"], data["measure_ids"], args.out)
    scores = score_model(args.out, {"dev-measure": measure_gold, **HELDOUT_GOLDS})
    nlp.meta["vnextract"] = {
        "data": data,
        "data_seconds": round(data_seconds, 1),
        "training_seconds": round(train_seconds, 1),
        "scores": scores,
    }
    (args.out / "meta.json").write_text(json.dumps(nlp.meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"model written to {args.out} ({size / 2**20:.1f} MB); data {data_seconds:.0f} s, training {train_seconds:.0f} s")
    for name, variants in scores.items():
        for variant, result in variants.items():
            spans = result["spans"]
            print(f"{name:12}{variant:13}" + " ".join(f"{k} {spans[k]['f1']:.3f}" for k in ("PERSON", "ORG", "LOC", "micro")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
