"""`extract.render`: the article page an analyst reads, checked through its parsed HTML."""
import sqlite3
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.records import LABELS, Document, Mention, Percent, Person
from extract.render import LABEL_STYLE, ArticleView, article_html, mention_anchor, read_article, render_article

VOID = {"meta", "br", "img", "input", "link", "hr"}


class Page(HTMLParser):
    """Parses a rendered page: checks nesting, and records for each character of the
    article text (the `.text` blocks, entity tags left out) the labels of the marks around it."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.chars: list[tuple[str, frozenset]] = []
        self.elements: list[tuple[str, dict]] = []
        self.mark_texts: dict[str, str] = {}  # mark id -> its text (entity tags left out)
        self.tables: dict[str, list[list[str]]] = {}
        self.legend: dict[str, str] = {}  # label -> text of its legend entry
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()
        assert not self.stack, f"unclosed elements: {[t for t, _ in self.stack]}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag in VOID:
            return
        self.stack.append((tag, attrs))
        if tag == "tr" and self._table() is not None:
            self.tables.setdefault(self._table(), []).append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None:
            self.tables[self._table()][-1].append("".join(self._cell))
            self._cell = None

    def _table(self):
        return next((a.get("data-records") for t, a in reversed(self.stack) if t == "table"), None)

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        entry = next((a["data-label"] for t, a in self.stack if t == "li" and "data-label" in a), None)
        if entry:
            self.legend[entry] = self.legend.get(entry, "") + data
        in_text = any(t == "div" and "text" in a.get("class", "").split() for t, a in self.stack)
        in_tag = any(t == "span" and a.get("class") == "tag" for t, a in self.stack)
        if not in_text or in_tag:
            return
        labels = frozenset(a["data-label"] for t, a in self.stack if t == "mark")
        self.chars.extend((c, labels) for c in data)
        for t, a in self.stack:
            if t == "mark":
                key = mention_anchor(int(a["data-start"]), int(a["data-end"]), a["data-label"])
                self.mark_texts[key] = self.mark_texts.get(key, "") + data

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.chars)


def expected_labels(text: str, mentions) -> list[frozenset]:
    return [frozenset(m.label for m in mentions if m.start <= i < m.end) for i in range(len(text))]


def test_article_text_is_escaped_and_the_page_runs_no_script():
    text = 'Ông <script>alert("x")</script> Hồ Văn Thái & <img src=x onerror=alert(1)> nói.'
    start = text.index("Hồ Văn Thái")
    view = ArticleView(
        id="<b>id</b>", text=text, title="<script>t()</script>", url="javascript:alert(1)",
        mentions=[Mention(0, 31, "PERSON", text[:31]), Mention(start, start + 11, "PERSON", "Hồ Văn Thái")],
        people=[Person("<i>Hồ</i>", "<u>rank</u>", ["<script>p()</script>"], start, start + 11)],
        documents=[Document("<script>d()</script>", None, None, None, 0, 4)],
        percents=[Percent("<b>5%</b>", 5.0, "level", None, "<script>s()</script>", 0, 4)],
    )
    html = article_html(view)
    page = Page(html)
    assert "<script" not in html.lower()
    assert '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in html
    assert {tag for tag, _ in page.elements} <= {"html", "head", "meta", "title", "style", "body", "article", "h1",
                                                "p", "code", "ul", "li", "span", "div", "mark", "h2", "table",
                                                "thead", "tbody", "tr", "th", "td", "a"}
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    assert not any(attrs.get("href", "").startswith("javascript") for _, attrs in page.elements)
    assert page.text == text  # the script is shown as text, character for character
    assert page.tables["people"][1] == ["<i>Hồ</i>", "<u>rank</u>", "<script>p()</script>"]


def test_a_position_containing_an_org_is_two_nested_marks():
    text = "Thiếu tướng Hồ Văn Thái, Chính ủy Quân khu 9 phát biểu."
    pos = text.index("Chính ủy")
    mentions = [Mention(0, 11, "RANK", "Thiếu tướng"), Mention(12, 23, "PERSON", "Hồ Văn Thái"),
                Mention(pos, pos + 19, "POSITION", "Chính ủy Quân khu 9"),
                Mention(pos + 9, pos + 19, "ORG", "Quân khu 9")]
    page = Page(article_html(ArticleView(id="a", text=text, mentions=mentions)))
    assert page.text == text
    assert [labels for _, labels in page.chars] == expected_labels(text, mentions)
    assert page.mark_texts[mention_anchor(pos, pos + 19, "POSITION")] == "Chính ủy Quân khu 9"
    assert page.mark_texts[mention_anchor(pos + 9, pos + 19, "ORG")] == "Quân khu 9"
    # the ORG mark is inside the POSITION mark, not after it
    html = article_html(ArticleView(id="a", text=text, mentions=mentions))
    position_at = html.index(f'id="{mention_anchor(pos, pos + 19, "POSITION")}"')
    org_at = html.index(f'id="{mention_anchor(pos + 9, pos + 19, "ORG")}"')
    assert position_at < org_at < html.index("</mark>", org_at) < html.index("POSITION</span></mark>", org_at)


def test_crossing_spans_are_split_but_every_character_keeps_its_labels():
    text = "abcdefghij"
    mentions = [Mention(0, 5, "ORG", "abcde"), Mention(3, 8, "LOC", "defgh"), Mention(4, 10, "DATE", "efghij")]
    page = Page(article_html(ArticleView(id="a", text=text, mentions=mentions)))
    assert page.text == text
    assert [labels for _, labels in page.chars] == expected_labels(text, mentions)
    assert page.mark_texts[mention_anchor(3, 8, "LOC")] == "defgh"


spans = st.tuples(st.integers(0, 40), st.integers(1, 12), st.sampled_from(LABELS))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab <>&\"'\nđĐ", min_size=1, max_size=40), raw=st.lists(spans, max_size=8),
       body_end=st.integers(0, 40))
def test_any_spans_give_well_formed_markup_with_the_right_labels(text, raw, body_end):
    mentions = [Mention(s, min(s + n, len(text)), label, "") for s, n, label in raw if s < len(text)]
    page = Page(article_html(ArticleView(id="x", text=text, mentions=mentions, body_end=body_end)))
    assert page.text == text
    assert [labels for _, labels in page.chars] == expected_labels(text, mentions)


def test_the_legend_names_every_label_with_its_colour_and_count():
    text = "Đại tá Ngô Đức Thọ"
    mentions = [Mention(0, 6, "RANK", "Đại tá"), Mention(7, 18, "PERSON", "Ngô Đức Thọ")]
    page = Page(article_html(ArticleView(id="a", text=text, mentions=mentions)))
    assert list(page.legend) == list(LABELS)
    swatches = [a["style"] for t, a in page.elements if t == "span" and a.get("class") == "swatch"]
    assert swatches == [f"background: {LABEL_STYLE[label][0]}" for label in LABELS]
    assert page.legend["PERSON"] == f"PERSON{LABEL_STYLE['PERSON'][1]} (1)"
    assert page.legend["RANK"] == f"RANK{LABEL_STYLE['RANK'][1]} (1)"
    assert page.legend["ORG"] == f"ORG{LABEL_STYLE['ORG'][1]} (0)"


@pytest.fixture(scope="module")
def can_tho(seed_store):
    conn = sqlite3.connect(f"file:{seed_store}?mode=ro", uri=True)
    yield conn, read_article(conn, "qk9-can-tho-2023")
    conn.close()


def test_every_stored_mention_of_the_can_tho_seed_is_highlighted(can_tho):
    conn, view = can_tho
    page = Page(article_html(view))
    stored = [Mention(s, e, label, t) for s, e, label, t in conn.execute(
        'SELECT start, "end", label, text FROM mentions WHERE article_id = ?', ("qk9-can-tho-2023",))]
    assert len(stored) == len(view.mentions) > 40
    assert page.text == view.text
    assert [labels for _, labels in page.chars] == expected_labels(view.text, stored)
    for m in stored:
        assert page.mark_texts[mention_anchor(m.start, m.end, m.label)] == m.text
    thai = view.text.index("Hồ Văn Thái")
    assert page.mark_texts[mention_anchor(thai, thai + 11, "PERSON")] == "Hồ Văn Thái"
    doc = next(m for m in stored if m.label == "DOC" and "21-NQ/TW" in m.text)
    assert page.mark_texts[mention_anchor(doc.start, doc.end, "DOC")] == "Nghị quyết số 21-NQ/TW"


def test_the_records_tables_follow_the_text(can_tho):
    conn, view = can_tho
    page = Page(article_html(view))
    people = page.tables["people"]
    assert people[0] == ["name", "rank", "positions"]
    assert ["Hồ Văn Thái", "Thiếu tướng", "Bí thư Đảng ủy; Chính ủy Quân khu 9"] in people
    assert ["Ngô Đức Thọ", "Đại tá", "Trưởng phòng Tổ chức"] in people
    assert len(people) - 1 == conn.execute("SELECT count(*) FROM people WHERE article_id = 'qk9-can-tho-2023'").fetchone()[0]
    assert ["21-NQ/TW", "Nghị quyết", "2022-06-16", "Ban Chấp hành Trung ương Đảng", "Nghị quyết số 21-NQ/TW"] \
        in page.tables["documents"]
    percents = page.tables["percents"]
    assert len(percents) - 1 == 10
    assert ["0,14%", "0.14", "change", "up", "chi ủy", ""] in percents
    # every name, ref and figure links to its highlighted span
    links = {a["href"] for t, a in page.elements if t == "a"}
    thai = view.text.index("Hồ Văn Thái")
    assert "#" + mention_anchor(thai, thai + 11, "PERSON") in links
    assert {"#" + mention_anchor(p.start, p.end, "PERCENT") for p in view.percents} <= links


def test_render_command_writes_the_page_and_refuses_an_unknown_id(seed_store, tmp_path):
    vnextract = str(Path(sys.executable).with_name("vnextract"))
    out = tmp_path / "page" / "qk9.html"
    done = subprocess.run([vnextract, "render", "qk9-can-tho-2023", "--db", str(seed_store), "--html", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(f"file:{seed_store}?mode=ro", uri=True)
    assert out.read_text("utf-8") == render_article(conn, "qk9-can-tho-2023")
    conn.close()
    done = subprocess.run([vnextract, "render", "qk1-bac-giang-2019", "--db", str(seed_store)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "Dương Đình Thông" in Page(done.stdout).text
    done = subprocess.run([vnextract, "render", "no-such-article", "--db", str(seed_store)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [f"vnextract: error: no-such-article: no such article in {seed_store}"]
