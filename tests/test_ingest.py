import gzip
import io
import json

import pytest

from extract.ingest import Article, InputError, read_articles, read_stdin

ARTICLE = "Thiếu tướng Hồ Văn Thái, Bí thư Đảng ủy, Chính ủy Quân khu 9 dự hội nghị.\n\nTin, ảnh: QUANG ĐỨC"

HTML = f"""<!doctype html><html><head><title>Hội nghị Quân khu 9</title>
<meta property="article:published_time" content="2023-02-10"></head>
<body><nav>Trang chủ | Thời sự | Quân sự</nav>
<article><h1>Hội nghị Quân khu 9</h1>
<p>{ARTICLE.splitlines()[0]} Hội nghị đánh giá kết quả thực hiện quy chế phối hợp năm 2022 và
đề ra phương hướng năm 2023 với nhiều nội dung quan trọng về công tác xây dựng Đảng.</p>
<p>Các đại biểu thống nhất tiếp tục quán triệt Nghị quyết số 21-NQ/TW của Ban Chấp hành Trung ương.</p>
</article><footer>Bản quyền thuộc về tòa soạn. Liên hệ quảng cáo.</footer></body></html>"""


def items(paths):
    return list(read_articles(paths))


def test_text_file_is_stored_as_its_nfc_content_with_the_stem_as_id(tmp_path):
    (tmp_path / "qk9.txt").write_text(ARTICLE, encoding="utf-8")
    [article] = items([tmp_path / "qk9.txt"])
    assert article == Article(id="qk9", text=ARTICLE, source=str(tmp_path / "qk9.txt"))


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Bài A ở Hà Nội.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Bài C ở Cần Thơ.", encoding="utf-8")
    (tmp_path / "b" / "notes.bin").write_bytes(b"\x00\x01")
    assert [a.id for a in items([tmp_path])] == ["a", "c"]


def test_html_is_reduced_to_main_text_title_and_date(tmp_path):
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    [article] = items([tmp_path / "page.html"])
    assert article.id == "page"
    assert article.title == "Hội nghị Quân khu 9"
    assert article.date == "2023-02-10"
    assert "Thiếu tướng Hồ Văn Thái" in article.text
    assert "Trang chủ" not in article.text and "quảng cáo" not in article.text


def test_jsonl_lines_give_articles_and_bad_lines_give_errors(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "title": "T", "date": "2023-02-10", "url": "https://x/a1"}),
        "{not json",
        json.dumps({"id": "a2", "html": HTML}),
        json.dumps({"id": "a3", "text": "   "}),
        json.dumps(["not", "an", "object"]),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = items([path])
    assert [a.id for a in got if isinstance(a, Article)] == ["a1", "a2"]
    assert got[0].year == 2023 and got[0].url == "https://x/a1"
    errors = [str(e) for e in got if isinstance(e, InputError)]
    assert errors == [
        f"{path}:2: malformed JSON line: Expecting property name enclosed in double quotes",
        f"{path}:4: JSON line has no non-empty 'text' or 'html'",
        f"{path}:5: JSON line is not an object",
    ]


def test_gzip_of_jsonl_and_of_text(tmp_path):
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g1", "text": ARTICLE}) + "\n")
    with gzip.open(tmp_path / "plain.txt.gz", "wt", encoding="utf-8") as f:
        f.write(ARTICLE)
    got = items([tmp_path / "b.jsonl.gz", tmp_path / "plain.txt.gz"])
    assert [(a.id, a.text) for a in got] == [("g1", ARTICLE), ("plain", ARTICLE)]


def test_stdin_text_gets_a_hash_id_and_stdin_jsonl_its_ids():
    [article] = list(read_stdin(io.BytesIO(ARTICLE.encode("utf-8"))))
    assert article.id.startswith("sha-") and article.text == ARTICLE
    [again] = list(read_stdin(io.BytesIO(ARTICLE.encode("utf-8"))))
    assert again.id == article.id
    [line] = list(read_stdin(io.BytesIO(json.dumps({"id": "s1", "text": ARTICLE}).encode())))
    assert line.id == "s1"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty input"),
        ("random.txt", bytes(range(256)) * 10, "binary input"),
        ("broken.gz", b"\x1f\x8b\x08\x00garbage", "bad gzip"),
    ],
)
def test_bad_files_give_one_line_errors_naming_them(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    [error] = items([tmp_path / name])
    assert isinstance(error, InputError)
    assert error.input == str(tmp_path / name)
    assert reason in error.reason and "\n" not in str(error)


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    assert [str(e) for e in items([tmp_path / "nope"])] == [f"{tmp_path / 'nope'}: no such file or folder"]


def test_oversized_input_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("extract.ingest.MAX_INPUT_BYTES", 100)
    (tmp_path / "big.txt").write_text("a" * 200, encoding="utf-8")
    [error] = items([tmp_path / "big.txt"])
    assert "too large" in error.reason
