"""The trained NER model (PERSON, ORG, LOC) and how its spans join the rules' spans.

The model is a spaCy ``ner`` component trained by ``extract.train`` (``make
model``) and committed under ``models/vnextract-ner-<version>/``.  It runs on
the same ``Doc`` as the rules (underthesea words from ``extract.tokenize``),
after them, and ``vnextract_model_mentions`` adds its entities to the
article's mentions by one rule:

* the rules own every label, and every span they find is kept as it is;
* a model span (PERSON, ORG or LOC) is added only when it does not conflict
  with any rule span, where two spans conflict when they overlap and are not a
  nesting the guideline allows.  The allowed nestings (inner in outer) are
  LOC in ORG, LOC or ORG in POSITION, LOC or ORG in DOC.  So a model span that
  crosses a rule span's boundary, overlaps a rule span of its own label, has
  the same boundaries as a rule span of another label, holds a rule span it
  may not hold (an ORG around a POSITION, a LOC around an ORG) or sits inside
  one (a PERSON inside a LOC: ``TP Hồ Chí Minh``) is left out;
* a model span must start with an upper-case letter or a digit (names in this
  press are capitalised; the rules' lexicons cover the lower-case cases).

The model folder is ``models/vnextract-ner-<version>/`` beside the package, or
the folder named by the environment variable ``VNEXTRACT_MODEL``.
"""
from __future__ import annotations

import os
from bisect import bisect_left
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extract import spans
from extract.records import Mention

MODEL_NAME = "vnextract-ner"
MODEL_VERSION = "0.1.0"
MODEL_ENV = "VNEXTRACT_MODEL"
MODEL_LABELS = ("PERSON", "ORG", "LOC")
NER_COMPONENT = "vnextract_ner"
SOURCE = "model"  # Mention.attrs["source"] of a span the model added

# (inner label, outer label) pairs that may nest (ANNOTATION.md: different labels nest)
ALLOWED_NESTING = frozenset(
    {("LOC", "ORG"), ("LOC", "POSITION"), ("ORG", "POSITION"), ("LOC", "DOC"), ("ORG", "DOC")}
)


class ModelNotFoundError(FileNotFoundError):
    """The model folder is missing or is not a spaCy pipeline."""


def models_dir() -> Path:
    """``models/`` of the repository the ``extract`` package lives in."""
    return Path(__file__).resolve().parents[1] / "models"


def default_model_path() -> Path:
    """``$VNEXTRACT_MODEL`` when set, else ``models/vnextract-ner-<version>``."""
    override = os.environ.get(MODEL_ENV)
    return Path(override) if override else models_dir() / f"{MODEL_NAME}-{MODEL_VERSION}"


def check_model_path(path: Path) -> Path:
    if not (path / "config.cfg").is_file() or not (path / "ner").is_dir():
        raise ModelNotFoundError(
            f"no NER model at {path}: build it with `make model` (needs ../shared/corpus), "
            f"point {MODEL_ENV} at a model folder, or run with --no-model (rules alone)"
        )
    return path


def load_model(path: Path | None = None) -> Language:
    """The saved model pipeline at ``path`` (default ``default_model_path()``), loaded once per process."""
    return _load(check_model_path(Path(path) if path else default_model_path()).resolve())


@cache
def _load(path: Path) -> Language:
    import spacy

    return spacy.load(path)


def conflicts(inner_or_outer: Mention, other: Mention) -> bool:
    """True when the two spans overlap in a way the guideline does not allow."""
    a, b = inner_or_outer, other
    if a.end <= b.start or b.end <= a.start:
        return False
    if (a.start, a.end) == (b.start, b.end):
        return True
    if b.start <= a.start and a.end <= b.end:
        return (a.label, b.label) not in ALLOWED_NESTING
    if a.start <= b.start and b.end <= a.end:
        return (b.label, a.label) not in ALLOWED_NESTING
    return True  # crossing boundaries


def combine(rule_mentions: list[Mention], model_mentions: list[Mention]) -> list[Mention]:
    """The model mentions that may join the rule mentions (see the module docstring)."""
    ordered = sorted(rule_mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    longest = max((m.end - m.start for m in ordered), default=0)
    kept = []
    for m in model_mentions:
        if not (m.text[:1].isupper() or m.text[:1].isdigit()):
            continue
        # rule spans that may overlap m start in [m.start - longest, m.end)
        lo = bisect_left(starts, m.start - longest)
        hi = bisect_left(starts, m.end)
        if not any(conflicts(m, r) for r in ordered[lo:hi]):
            kept.append(m)
    return kept


def doc_model_mentions(doc: Doc) -> list[Mention]:
    """The model's entities in ``doc`` as mentions."""
    return [
        Mention(e.start_char, e.end_char, e.label_, e.text, {"source": SOURCE})
        for e in doc.ents
        if e.label_ in MODEL_LABELS
    ]


@Language.component("vnextract_model_mentions", assigns=["doc.spans"], requires=["doc.ents"])
def model_mentions_component(doc: Doc) -> Doc:
    """Add the model's entities that do not conflict with the rules' mentions."""
    spans.add_mentions(doc, combine(spans.doc_mentions(doc), doc_model_mentions(doc)))
    return doc
