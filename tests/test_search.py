import pytest

from extract import store
from extract.ingest import Article
from extract.pipeline import Extraction
from extract.search import search

ARTICLES = {
    "qk9": "Thiếu tướng Hồ Văn Thái, Chính ủy Quân khu 9, dự hội nghị tại Cần Thơ.",
    "qk1": "Trung tướng Dương Đình Thông, Chính ủy Quân khu, phát biểu tại Bắc Giang.",
    "duc": "Tin, ảnh: QUANG ĐỨC. Ông Đức nói về kinh tế.",
}


@pytest.fixture
def conn(tmp_path):
    c = store.connect(tmp_path / "s.db")
    for article_id, text in ARTICLES.items():
        store.write_article(c, Article(article_id, text, f"{article_id}.txt", title=None),
                            Extraction(text=text, mentions=[], body_end=len(text)))
    yield c
    c.close()


@pytest.mark.parametrize("query", ["Quân khu 9", "quan khu 9", "QUAN KHU 9", "Quân  khu 9!"])
def test_with_or_without_diacritics_finds_the_article(conn, query):
    assert [h.id for h in search(conn, query)][0] == "qk9"


def test_d_stroke_is_found_without_its_stroke(conn):
    assert [h.id for h in search(conn, "duc")] == ["duc"]
    assert [h.id for h in search(conn, "Đức")] == ["duc"]


def test_snippets_highlight_the_original_words(conn):
    [hit] = [h for h in search(conn, "quan khu 9") if h.id == "qk9"]
    assert "Chính ủy [Quân khu 9], dự" in hit.snippet
    text = ARTICLES["qk9"]
    assert [text[s:e] for s, e in hit.matches] == ["Quân khu 9"]


def test_queries_with_fts_syntax_are_safe(conn):
    assert search(conn, '"unbalanced OR (') == []
    assert search(conn, "   ") == []
