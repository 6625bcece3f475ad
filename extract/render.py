"""One article as an HTML page: its text with every entity highlighted, then its records.

``article_html`` is a pure function of an ``ArticleView`` (the article, its
mentions and its people, documents and percents); ``read_article`` fills one
from the store.  Spans of different labels nest (an ORG inside a POSITION) and
are drawn as nested ``<mark>`` elements; a span that crosses another one's
boundary is closed and reopened around it, so the markup is always well formed.
Every piece of article text and every record value is HTML-escaped: an article
containing ``<script>`` shows it as text.  The page has no script of its own.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from extract.records import LABELS, Document, Mention, Percent, Person

# displaCy's palette where spaCy has the same kind of label, close colours for the others
LABEL_STYLE = {
    "PERSON": ("#aa9cfc", "a person's name"),
    "RANK": ("#c887fb", "a military or police rank used as a title"),
    "POSITION": ("#feca74", "an office held by a person, with its body when written after it"),
    "ORG": ("#7aecec", "an organisation, Party committee, army command or other named body"),
    "LOC": ("#ff9561", "a named place: country, province, city, district, commune"),
    "DOC": ("#ff8197", "a cited document: its type word and its number or name"),
    "DATE": ("#bfe1d9", "a date, a month and year, a year, or a period"),
    "PERCENT": ("#e4e7d2", "a percentage as written"),
}
OTHER_COLOUR = "#dddddd"


class ArticleNotFound(KeyError):
    """No article with this id in the store."""


@dataclass
class ArticleView:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    body_end: int | None = None
    mentions: list[Mention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    percents: list[Percent] = field(default_factory=list)


def read_article(conn: sqlite3.Connection, article_id: str) -> ArticleView:
    """The article ``article_id`` with its mentions and records, as stored."""
    row = conn.execute(
        "SELECT id, text, title, source, url, date, body_end FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        raise ArticleNotFound(article_id)
    view = ArticleView(*row)
    view.mentions = [
        Mention(start, end, label, text, json.loads(attrs) if attrs else {})
        for start, end, label, text, attrs in conn.execute(
            'SELECT start, "end", label, text, attrs FROM mentions WHERE article_id = ? ORDER BY start, "end" DESC',
            (article_id,))
    ]
    view.people = [
        Person(name, rank, json.loads(positions), start, end)
        for name, rank, positions, start, end in conn.execute(
            'SELECT name, rank, positions, start, "end" FROM people WHERE article_id = ? ORDER BY person',
            (article_id,))
    ]
    view.documents = [
        Document(*r) for r in conn.execute(
            'SELECT ref, type, date, issuer, start, "end" FROM documents WHERE article_id = ? ORDER BY start',
            (article_id,))
    ]
    view.percents = [
        Percent(*r) for r in conn.execute(
            'SELECT text, value, kind, direction, subject, start, "end", "check" FROM percents '
            "WHERE article_id = ? ORDER BY idx", (article_id,))
    ]
    return view


def render_article(conn: sqlite3.Connection, article_id: str, links: list[tuple[str, str]] = ()) -> str:
    """``read_article`` then ``article_html``: the page for one stored article."""
    return article_html(read_article(conn, article_id), links)


def mention_anchor(start: int, end: int, label: str) -> str:
    """The element id of a mention's mark: ``m-<start>-<end>-<LABEL>``."""
    return f"m-{start}-{end}-{label}"


def label_colour(label: str) -> str:
    return LABEL_STYLE.get(label, (OTHER_COLOUR, ""))[0]


def _label_rank(label: str) -> int:
    return LABELS.index(label) if label in LABELS else len(LABELS)


def marked_text(text: str, mentions: list[Mention], lo: int = 0, hi: int | None = None) -> str:
    """``text[lo:hi]`` escaped, each mention inside it wrapped in a ``<mark>``.

    Outer spans open first (start ascending, end descending).  When a span ends
    while spans opened after it are still open (crossing spans), those are
    closed and reopened after it as continuations (``class="ent cont"``), so
    every element is properly nested and every character keeps all its labels.
    The label tag is written once, where the span really ends.
    """
    hi = len(text) if hi is None else hi
    spans = sorted(
        {(max(m.start, lo), min(m.end, hi), m.label, m.start, m.end) for m in mentions
         if m.start < hi and m.end > lo and m.start < m.end},
        key=lambda s: (s[0], -s[1], _label_rank(s[2])),
    )
    boundaries = sorted({lo, hi, *(s[0] for s in spans), *(s[1] for s in spans)})
    starting: dict[int, list] = {}
    for s in spans:
        starting.setdefault(s[0], []).append(s)
    out: list[str] = []
    stack: list[tuple] = []
    cursor = lo
    for pos in boundaries:
        out.append(escape(text[cursor:pos]))
        cursor = pos
        ending = [i for i, s in enumerate(stack) if s[1] == pos]
        if ending:
            reopen = []
            while len(stack) > ending[0]:
                span = stack.pop()
                if span[1] == pos:
                    out.append(_close(span, final=span[4] <= pos))
                else:
                    out.append(_close(span, final=False))
                    reopen.append(span)
            for span in reversed(reopen):
                out.append(_open(span, continuation=True))
                stack.append(span)
        for span in starting.get(pos, []):
            out.append(_open(span, continuation=span[3] < span[0]))
            stack.append(span)
    return "".join(out)


def _open(span: tuple, continuation: bool) -> str:
    _, _, label, start, end = span
    attrs = (f'class="ent{" cont" if continuation else ""}" data-label="{escape(label)}" '
             f'data-start="{start}" data-end="{end}" style="background: {label_colour(label)}" '
             f'title="{escape(label)} [{start}, {end})"')
    if not continuation:
        attrs = f'id="{escape(mention_anchor(start, end, label))}" ' + attrs
    return f"<mark {attrs}>"


def _close(span: tuple, final: bool) -> str:
    return f'<span class="tag">{escape(span[2])}</span></mark>' if final else "</mark>"


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; color: #222; }
nav a { margin-right: 1rem; }
h1 { font-size: 1.4rem; }
.meta { color: #555; font-size: 0.9rem; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; margin: 1rem 0; padding: 0; list-style: none; font-size: 0.85rem; }
.legend li { display: flex; align-items: center; gap: 0.35rem; }
.swatch { display: inline-block; padding: 0.1em 0.45em; border-radius: 0.3em; font-weight: bold; font-size: 0.75rem; }
.text { white-space: pre-wrap; line-height: 2.4; font-size: 1.05rem; }
.chrome { color: #777; border-top: 1px dashed #bbb; margin-top: 1rem; }
mark.ent { padding: 0.2em 0.3em; margin: 0 0.1em; border-radius: 0.35em; color: inherit;
           box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark.ent mark.ent { padding: 0.05em 0.25em; }
mark.ent .tag { font-size: 0.6em; font-weight: bold; text-transform: uppercase; margin-left: 0.35em;
                vertical-align: middle; letter-spacing: 0.02em; }
mark.ent:target { outline: 3px solid #d33; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.92rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
"""


def _cell(value, numeric: bool = False) -> str:
    shown = "" if value is None else escape(str(value))
    return f'<td class="num">{shown}</td>' if numeric else f"<td>{shown}</td>"


def _linked(value: str, anchor: str, anchors: set[str]) -> str:
    if anchor in anchors:
        return f'<td><a href="#{escape(anchor)}">{escape(value)}</a></td>'
    return f"<td>{escape(value)}</td>"


def _table(caption: str, headers: list[str], rows: list[str], empty: str) -> str:
    if not rows:
        return f"<h2>{escape(caption)}</h2><p class=\"meta\">{escape(empty)}</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (f'<h2>{escape(caption)}</h2><table class="records" data-records="{escape(caption.lower())}">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _legend(mentions: list[Mention]) -> str:
    counts = Counter(m.label for m in mentions)
    labels = list(LABELS) + sorted(set(counts) - set(LABELS))
    items = []
    for label in labels:
        colour, description = LABEL_STYLE.get(label, (OTHER_COLOUR, "a label outside the guideline"))
        items.append(
            f'<li data-label="{escape(label)}"><span class="swatch" style="background: {colour}">{escape(label)}</span>'
            f"{escape(description)} ({counts.get(label, 0)})</li>")
    return f'<ul class="legend">{"".join(items)}</ul>'


def article_html(view: ArticleView, links: list[tuple[str, str]] = ()) -> str:
    """A standalone HTML page: header, legend, highlighted text, people, documents and percents.

    ``links`` are (text, href) pairs shown as a navigation bar (the server adds
    links back to its tables); nothing else in the page points elsewhere except
    the article's own http(s) URL.
    """
    text = view.text
    body_end = len(text) if view.body_end is None else max(0, min(view.body_end, len(text)))
    anchors = {mention_anchor(m.start, m.end, m.label) for m in view.mentions}
    title = view.title or view.id
    nav = "".join(f'<a href="{escape(href)}">{escape(label)}</a>' for label, href in links)
    meta = [f"id <code>{escape(view.id)}</code>"]
    if view.date:
        meta.append(f"date {escape(view.date)}")
    if view.source:
        meta.append(f"source {escape(view.source)}")
    if view.url:
        url = escape(view.url)
        meta.append(f'<a href="{url}" rel="noreferrer">{url}</a>' if view.url.startswith(("http://", "https://"))
                    else f"url {url}")
    meta.append(f"{len(view.mentions)} mentions, {len(view.people)} people, "
                f"{len(view.documents)} documents, {len(view.percents)} percents")

    chrome = ""
    if body_end < len(text):
        chrome = (f'<div class="text chrome" title="site chrome: kept in the text, left out of extraction">'
                  f"{marked_text(text, view.mentions, body_end, len(text))}</div>")
    people = [
        "<tr>" + _linked(p.name, mention_anchor(p.start, p.end, "PERSON"), anchors) + _cell(p.rank)
        + _cell("; ".join(p.positions)) + "</tr>" for p in view.people]
    documents = [
        "<tr>" + _linked(d.ref, mention_anchor(d.start, d.end, "DOC"), anchors) + _cell(d.type) + _cell(d.date)
        + _cell(d.issuer) + _cell(text[d.start:d.end]) + "</tr>" for d in view.documents]
    percents = [
        "<tr>" + _linked(p.text, mention_anchor(p.start, p.end, "PERCENT"), anchors) + _cell(p.value, numeric=True)
        + _cell(p.kind) + _cell(p.direction) + _cell(p.subject) + _cell(p.check) + "</tr>" for p in view.percents]
    return "".join([
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} · vnextract</title><style>{_CSS}</style></head><body>",
        f"<nav>{nav}</nav>" if nav else "",
        f'<article data-article-id="{escape(view.id)}"><h1>{escape(title)}</h1>',
        f'<p class="meta">{" · ".join(meta)}</p>',
        _legend(view.mentions),
        f'<div class="text">{marked_text(text, view.mentions, 0, body_end)}</div>',
        chrome,
        "</article>",
        _table("People", ["name", "rank", "positions"], people, "No person found."),
        _table("Documents", ["ref", "type", "date", "issuer", "as written"], documents, "No document cited."),
        _table("Percents", ["as written", "value", "kind", "direction", "subject", "check"], percents,
               "No percentage found."),
        "</body></html>\n",
    ])
