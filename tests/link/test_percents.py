"""Percent records: seeds exactly, kind/direction rules, ratio check."""
import pytest

from extract.extractors.date import find_dates
from extract.extractors.percent import find_percents
from extract.link.percents import link_percents


def _records(text):
    return link_percents(text, find_percents(text) + find_dates(text))


def test_percents_seeds(seeds):
    for doc in seeds.values():
        assert [p.to_gold() for p in _records(doc["text"])] == doc["percents"], doc["id"]


# fmt: off
CASES = [
    # id, text, [(text, value, kind, direction)]
    ("rise-in-brackets", "đạt 20,29% (tăng 0,53% so với năm 2021)", [("20,29%", 20.29, "level", None), ("0,53%", 0.53, "change", "up")]),
    ("fall", "chỉ số công nghiệp của tỉnh giảm 0,45% so với cùng kỳ", [("0,45%", 0.45, "change", "down")]),
    ("fall-count-then-share", "giảm 9 đơn vị sự nghiệp (34,6%); giảm", [("34,6%", 34.6, "change", "down")]),
    ("equivalent", "tăng 84.763,2 tỷ đồng, tương đương 14,71% so với", [("14,71%", 14.71, "change", "up")]),
    ("exceed", "Thu ngân sách 2016 vượt 3,8%", [("3,8%", 3.8, "change", "up")]),
    ("growth-rate", "tổng sản phẩm trong nước 10,5-11,5%, giá trị", [("10,5-11,5%", 10.5, "change", "up")]),
    ("start-and-target", "lao động từ 56% năm 2017 lên 70% vào năm 2025 và 80% vào năm 2030.",
     [("56%", 56.0, "level", None), ("70%", 70.0, "level", None), ("80%", 80.0, "level", None)]),
    ("rise-to-level", "dự kiến tăng tỉ lệ này lên 40%.", [("40%", 40.0, "level", None)]),
    ("joined-rise", "công nghệ cao tăng 50% vào năm 2025 và 100% vào năm 2030", [("50%", 50.0, "change", "up"), ("100%", 100.0, "change", "up")]),
    ("strengthen-is-no-change", "tăng cường kiểm tra, đạt 90%", [("90%", 90.0, "level", None)]),
]
# fmt: on


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_percent_kind(text, expected):
    assert [(p.text, p.value, p.kind, p.direction) for p in _records(text)] == expected


@pytest.mark.parametrize("text,check", [
    ("có chi ủy 1.359/1.417 = 95,91% (tăng", "ok"),
    ("Với 410/442 (chiếm 83,50%) số đại biểu", "mismatch"),
    ("85.157.192/98.713.820 nhân khẩu (đạt tỷ lệ 86,27%)", "ok"),
    ("đạt 95,91% kế hoạch", None),
    ("ngày 1/7, tỷ lệ đạt 14%", None),
])
def test_percent_ratio_check(text, check):
    assert _records(text)[0].check == check


def test_percent_subject_follows_or_precedes():
    recs = _records("trên cơ sở; 100% cơ quan quân sự xã, phường, thị trấn có chi bộ, trong đó; lực lượng tự vệ đạt 60,68% (giảm 1,06% so")
    assert [p.subject for p in recs] == ["cơ quan quân sự xã, phường, thị trấn có chi bộ", "lực lượng tự vệ", "lực lượng tự vệ"]
