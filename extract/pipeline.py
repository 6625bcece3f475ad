"""From text to Doc to mentions to records: the one path every caller takes.

>>> pipeline = Pipeline()
>>> result = pipeline.extract("Thiếu tướng Hồ Văn Thái, Chính ủy Quân khu 9 ...")
>>> result.to_gold("qk9")["people"]   # doctest: +SKIP
"""
from __future__ import annotations

import bisect
import ctypes
import ctypes.util
import functools
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from extract import spans
from extract.link.documents import link_documents
from extract.link.people import link_people
from extract.link.percents import link_percents
from extract.records import Document, Mention, Percent, Person


@dataclass
class Extraction:
    """Everything the pipeline found in one article text."""

    text: str
    mentions: list[Mention]
    people: list[Person] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    percents: list[Percent] = field(default_factory=list)
    body_end: int = 0
    misaligned: int = 0
    doc: Doc | None = None

    def to_gold(self, article_id: str) -> dict:
        """The article in the gold format of ANNOTATION.md."""
        return {
            "id": article_id,
            "text": self.text,
            "spans": [spans.span_to_dict(m) for m in self.mentions],
            "people": [p.to_gold() for p in self.people],
            "documents": [d.to_gold() for d in self.documents],
            "percents": [p.to_gold() for p in self.percents],
        }


def resolve_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """Same label never overlaps: the longest span wins, then the earliest. Text order out."""
    by_label: dict[str, list[Mention]] = {}
    for m in mentions:
        by_label.setdefault(m.label, []).append(m)
    kept: list[Mention] = []
    for group in by_label.values():
        group.sort(key=lambda m: (-(m.end - m.start), m.start))
        # the spans taken so far never overlap, so sorted by start they are sorted
        # by end too: only the last one starting before m.end can overlap m
        # (a bisection, not a scan of every span taken: O(n log n), not O(n²))
        starts: list[int] = []
        ends: list[int] = []
        for m in group:
            i = bisect.bisect_left(starts, m.end)
            if i == 0 or ends[i - 1] <= m.start:
                starts.insert(i, m.start)
                ends.insert(i, m.end)
                kept.append(m)
    kept.sort(key=lambda m: (m.start, -m.end, m.label))
    return kept


RELEASE_EVERY = 200  # articles between two returns of freed heap memory to the system


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None on another C library."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_memory() -> None:
    """Hand the heap pages that are free back to the system (glibc ``malloc_trim(0)``).

    A long run frees as much as it allocates, but glibc keeps the freed pages,
    scattered between live ones (word caches churn), so the resident size crept
    up by about 7 MB per 1,000 articles; trimmed, it stays flat (README "Speed
    and memory"). Dask's workers do the same for the same reason."""
    gc.collect()  # spaCy's docs and spans hold reference cycles: free them before trimming
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


class Pipeline:
    """Load once, run on many texts.

    ``use_model`` (the default): the rules and the trained NER model together
    (``extract.model``; ``model_path`` overrides where it is read from);
    ``use_model=False``: the rules alone.
    """

    def __init__(self, use_model: bool = True, model_path: str | Path | None = None) -> None:
        from extract.nlp import build_nlp

        self.use_model = use_model
        self.articles = 0  # extracted so far: every RELEASE_EVERY, free memory goes back
        self.nlp = build_nlp(use_model=use_model, model_path=Path(model_path) if model_path else None)

    def make_doc(self, text: str, year: int | None = None) -> Doc:
        from extract.nlp import TEXT

        doc = self.nlp.make_doc(text)
        doc.user_data[TEXT] = text  # doc.text == text (extract.tokenize), kept so that it is not rebuilt
        doc.user_data[spans.YEAR] = year
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def extract(self, text: str, year: int | None = None, keep_doc: bool = False) -> Extraction:
        """Run the pipeline on one NFC text (see ``extract.normalise.normalise_text``).

        Unless the ``Doc`` is kept, the article is processed in a spaCy memory
        zone: the word strings it adds to the vocabulary are freed afterwards, so
        a long-running ingest does not grow with every new word it meets.
        """
        self.articles += 1
        if self.articles % RELEASE_EVERY == 0:
            release_memory()
        if keep_doc:
            return self._extract(text, year, keep_doc=True)
        with self.nlp.memory_zone():
            return self._extract(text, year, keep_doc=False)

    def _extract(self, text: str, year: int | None, keep_doc: bool) -> Extraction:
        doc = self.make_doc(text, year)
        mentions = resolve_overlaps(spans.doc_mentions(doc))
        return Extraction(
            text=text,
            mentions=mentions,
            people=link_people(text, mentions),
            documents=link_documents(text, mentions),
            percents=link_percents(text, mentions),
            body_end=doc.user_data.get(spans.BODY_END, len(text)),
            misaligned=doc.user_data.get(spans.MISALIGNED, 0),
            doc=doc if keep_doc else None,
        )

    def pipe(self, texts: Iterable[str | tuple[str, int | None]]) -> Iterator[Extraction]:
        """``extract`` over many texts (or ``(text, year)`` pairs), the pipeline loaded once."""
        for item in texts:
            text, year = item if isinstance(item, tuple) else (item, None)
            yield self.extract(text, year)
