"""Site chrome that trails an article: recognised, kept in the text, left out of extraction.

``body_end(text)`` is the offset where the trailing chrome ("Các tin khác",
"Tìm kiếm theo", share buttons ...) starts, or ``len(text)``.  Markers are a
data file (``data/chrome/markers.txt``).  Only short lines in the second half
of the article count, so a sentence that merely begins with "Share" or "Tin
khác" in the body cuts nothing; the byline above the chrome is kept.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

import regex

from extract.normalise import fold_text

MAX_MARKER_LINE = 120


@cache
def _marker_pattern() -> regex.Pattern:
    lines = resources.files("extract").joinpath("data/chrome/markers.txt").read_text("utf-8").splitlines()
    markers = [fold_text(x.strip()) for x in lines if x.strip() and not x.startswith("#")]
    alternation = "|".join(regex.escape(m) for m in sorted(markers, key=len, reverse=True))
    return regex.compile(r"(?m)^[ \t]*(?:" + alternation + r")")


def body_end(text: str) -> int:
    """Offset where trailing site chrome begins (``len(text)`` when there is none)."""
    key = fold_text(text)
    half = len(text) // 2
    for m in _marker_pattern().finditer(key, pos=half):
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end < 0 else line_end
        if line_end - m.start() <= MAX_MARKER_LINE:
            return m.start()
    return len(text)
