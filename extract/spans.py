"""The one place where character offsets meet spaCy tokens.

Extractors find ``Mention``s by character offsets in the stored text.  They are
kept exactly as found in ``doc.user_data[MENTIONS]`` (the source of truth for
records and the store), and mirrored as ``doc.spans[SPANS_KEY]`` wherever the
offsets fall on token boundaries, so spaCy tools (displaCy, matchers, training)
see them too.  A mention that does not fall on token boundaries is counted in
``doc.user_data[MISALIGNED]``, never shifted.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.records import Mention

SPANS_KEY = "mentions"
MENTIONS = "vnextract_mentions"
MISALIGNED = "vnextract_misaligned"
BODY_END = "vnextract_body_end"
YEAR = "vnextract_year"


def doc_mentions(doc: Doc) -> list[Mention]:
    return doc.user_data.setdefault(MENTIONS, [])


def add_mentions(doc: Doc, mentions: list[Mention]) -> None:
    """Add an extractor's mentions to the doc; those past the article body are left out."""
    body_end = doc.user_data.get(BODY_END)
    if body_end is None:
        body_end = len(doc.text)
    kept = [m for m in mentions if m.start < body_end]
    doc_mentions(doc).extend(kept)
    group = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else None
    spans: list[Span] = []
    for m in kept:
        span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="strict")
        if span is None:
            doc.user_data[MISALIGNED] = doc.user_data.get(MISALIGNED, 0) + 1
        else:
            spans.append(span)
    if group is None:
        doc.spans[SPANS_KEY] = spans
    else:
        group.extend(spans)


def span_to_dict(mention: Mention) -> dict:
    return {"start": mention.start, "end": mention.end, "label": mention.label}
