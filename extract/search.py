"""Full-text search over the stored articles, ranked, with highlighted snippets.

The query is folded like the index (``đ`` → ``d``; FTS5 removes the other
diacritics), split into words and matched as a phrase first, then as all words
in any order.  Snippets are cut from the original text: the search key has the
same length as the text, so match offsets carry over exactly.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import regex

from extract.normalise import fold_search

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_OPEN, _CLOSE = "\x02", "\x03"


@dataclass
class SearchHit:
    id: str
    title: str | None
    score: float
    snippet: str
    matches: list[tuple[int, int]]  # character offsets of matched words in the article text


def fts_query(query: str) -> str | None:
    """A safe FTS5 expression: the words as a phrase, or all the words."""
    words = _WORD.findall(fold_search(query))
    if not words:
        return None
    quoted = " ".join(f'"{w}"' for w in words)
    return f'"{" ".join(words)}" OR ({quoted})' if len(words) > 1 else quoted


def _match_offsets(highlighted: str) -> list[tuple[int, int]]:
    offsets, shift, start = [], 0, None
    for m in regex.finditer(f"[{_OPEN}{_CLOSE}]", highlighted):
        pos = m.start() - shift
        shift += 1
        if m.group() == _OPEN:
            start = pos
        elif start is not None:
            offsets.append((start, pos))
            start = None
    return offsets


def snippet(text: str, matches: list[tuple[int, int]], width: int = 80, mark=("[", "]")) -> str:
    """The text around the first matches, each match wrapped in ``mark``."""
    if not matches:
        return text[: 2 * width].replace("\n", " ")
    lo = max(0, matches[0][0] - width)
    hi = min(len(text), matches[0][1] + width)
    out, cursor = [], lo
    for s, e in matches:
        if s < lo or e > hi:
            continue
        out += [text[cursor:s], mark[0], text[s:e], mark[1]]
        cursor = e
    out.append(text[cursor:hi])
    body = "".join(out).replace("\n", " ")
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Articles matching ``query``, best first (bm25)."""
    expression = fts_query(query)
    if expression is None:
        return []
    rows = conn.execute(
        f"""SELECT f.id, a.title, bm25(articles_fts) AS score,
                   highlight(articles_fts, 2, '{_OPEN}', '{_CLOSE}'), a.text
            FROM articles_fts f JOIN articles a ON a.id = f.id
            WHERE articles_fts MATCH ? ORDER BY score LIMIT ?""",
        (expression, limit),
    ).fetchall()
    hits = []
    for article_id, title, score, highlighted, text in rows:
        matches = _match_offsets(highlighted)
        hits.append(SearchHit(article_id, title, score, snippet(text, matches), matches))
    return hits
