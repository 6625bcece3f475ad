"""HTML nested deeper than lxml parses, made shallow enough for trafilatura.

libxml2 (under lxml, under trafilatura) stops building the tree at 256 levels
of nesting, so the text of a page nested 20,000 ``<div>``s deep is lost and
trafilatura finds no main text.  ``flatten_html`` reads the page with the
standard library's streaming ``HTMLParser`` (no depth limit, linear time) and
writes it back with every element below ``max_depth`` levels unwrapped: its
tags are dropped, its text kept, and a block element (``<p>``, ``<div>`` ...)
becomes a ``<br>`` so its text stays on a line of its own.  Scripts, styles
and comments are dropped.  The result is then given to trafilatura like any
other page, so the main text is still chosen by it, without site chrome.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

MAX_DEPTH = 128  # well under libxml2's 256, leaving room for the levels trafilatura adds

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
DROPPED = frozenset("script style template noscript".split())
BLOCK = frozenset("""address article aside blockquote dd div dl dt fieldset figcaption figure footer
form h1 h2 h3 h4 h5 h6 header li main nav ol p pre section table tbody td tfoot th thead tr ul""".split())


@dataclass(frozen=True)
class Flattened:
    html: str
    depth: int  # the deepest nesting of elements in the original page


class _Flattener(HTMLParser):
    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.max_depth = max_depth
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, written)
        self.open_count: dict[str, int] = {}  # open elements by tag, so a stray end tag costs O(1)
        self.written_depth = 0
        self.deepest = 0
        self.dropping = 0  # inside <script>, <style> ...

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if not self.dropping:
                self.out.append(_start_tag(tag, attrs))
            return
        written = not self.dropping and self.written_depth < self.max_depth
        if tag in DROPPED:
            self.dropping += 1
            written = False
        elif written:
            self.out.append(_start_tag(tag, attrs))
            self.written_depth += 1
        elif not self.dropping and tag in BLOCK:
            self._line_break()
        self.stack.append((tag, written))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        self.deepest = max(self.deepest, len(self.stack))

    def handle_endtag(self, tag: str) -> None:
        if not self.open_count.get(tag):
            return  # a stray end tag
        while self.stack:
            open_tag, written = self.stack.pop()
            self.open_count[open_tag] -= 1
            if open_tag in DROPPED:
                self.dropping -= 1
            elif written:
                self.out.append(f"</{open_tag}>")
                self.written_depth -= 1
            elif not self.dropping and open_tag in BLOCK:
                self._line_break()
            if open_tag == tag:
                return

    def _line_break(self) -> None:
        if self.out and self.out[-1] != "<br>":  # one break between two texts, however many tags
            self.out.append("<br>")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag] + [name if value is None else f'{name}="{escape(value)}"' for name, value in attrs]
    return "<" + " ".join(parts) + ">"


def flatten_html(html: str, max_depth: int = MAX_DEPTH) -> Flattened:
    """``html`` with no element nested more than ``max_depth`` levels deep, and the page's own depth."""
    parser = _Flattener(max_depth)
    parser.feed(html)
    parser.close()
    while parser.stack:  # elements never closed
        tag, written = parser.stack.pop()
        if written:
            parser.out.append(f"</{tag}>")
    return Flattened("".join(parser.out), parser.deepest)
