"""PERCENT extractor: golden table, seeds, true negatives, linear time."""
import time

import pytest

from extract.extractors.percent import find_percents

# fmt: off
CASES = [
    # id, text, [(span text, start, end, value)]
    ("decimal-comma", "GDP tăng 12,5% so với cùng kỳ.", [("12,5%", 9, 14, 12.5)]),
    ("thousands-dot", "đạt 1.234,5% kế hoạch", [("1.234,5%", 4, 12, 1234.5)]),
    ("space-before-sign", "332 đại biểu (chiếm 78,5 %) tán thành", [("78,5 %", 20, 26, 78.5)]),
    ("two-spans-slash", "đạt 16,03%/16,37% (giảm", [("16,03%", 4, 10, 16.03), ("16,37%", 11, 17, 16.37)]),
    ("range", "tăng 3-5% mỗi năm", [("3-5%", 5, 9, 3.0)]),
    ("range-decimals", "tổng sản phẩm 10,5-11,5%, giá trị", [("10,5-11,5%", 14, 24, 10.5)]),
    ("range-spaced", "từ 10 - 15 % dân số", [("10 - 15 %", 3, 12, 10.0)]),
    ("words", "giảm 10 phần trăm biên chế", [("10 phần trăm", 5, 17, 10.0)]),
    ("sign", "tăng trưởng -0,5% năm nay", [("-0,5%", 12, 17, -0.5)]),
    ("per-year", "giảm 0,25%/năm các mức lãi suất", [("0,25%", 5, 10, 0.25)]),
    ("ratio-then-percent", "chi ủy 1.359/1.417 = 95,91% (tăng 0,14%", [("95,91%", 21, 27, 95.91), ("0,14%", 34, 39, 0.14)]),
    ("range-two-signs", "phí từ 2% - 8% giá trị", [("2% - 8%", 7, 14, 2.0)]),
    ("range-two-signs-decimal", "lãi ở mức 0,5%-1,2%. Sau", [("0,5%-1,2%", 10, 19, 0.5)]),
    ("sign-then-dash-no-range", "tăng 4% - năm sau 6%", [("4%", 5, 7, 4.0), ("6%", 18, 20, 6.0)]),
    ("decree-number", "Nghị định 15/2020/NĐ-CP có hiệu lực.", []),
    ("no-sign", "tăng 12,5 điểm", []),
    ("inside-word", "mã A1% lỗi", []),
]
# fmt: on


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_percent_golden(text, expected):
    got = find_percents(text)
    assert [(m.text, m.start, m.end, m.attrs["value"]) for m in got] == expected
    assert all(m.label == "PERCENT" and text[m.start:m.end] == m.text for m in got)


def test_percent_seeds(seeds):
    for doc in seeds.values():
        gold = [(s["start"], s["end"]) for s in doc["spans"] if s["label"] == "PERCENT"]
        assert [(m.start, m.end) for m in find_percents(doc["text"])] == sorted(gold), doc["id"]


@pytest.mark.parametrize("text", ["1.1." * 100_000, "1," * 200_000, "1-" * 200_000, "1.1%" * 100_000, "-" * 400_000 + "%"])
def test_percent_long_line_is_fast(text):
    t = time.perf_counter()
    find_percents(text)
    assert time.perf_counter() - t < 1.0
