"""Golden and unit tests for ``extract.extractors.people_spans.find_people_spans``."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from extract.extractors.people_spans import find_people_spans

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "annotated" / "seeds.jsonl"
GOLDEN = ROOT / "tests" / "golden" / "people_seeds.jsonl"
LABELS = {"PERSON", "RANK", "POSITION", "ORG", "LOC"}


def _seeds():
    return {d["id"]: d for d in map(json.loads, SEEDS.read_text("utf-8").splitlines()) if d}


def _golden():
    return [json.loads(l) for l in GOLDEN.read_text("utf-8").splitlines() if l.strip()]


@pytest.mark.parametrize("case", _golden(), ids=lambda c: c["id"])
def test_seed_spans_exact(case):
    text = _seeds()[case["id"]]["text"]
    got = [
        {"start": m.start, "end": m.end, "label": m.label, "text": m.text}
        for m in find_people_spans(text)
    ]
    got.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    assert got == case["spans"]


def test_golden_matches_seed_gold():
    """The golden file is the seeds' gold restricted to these five labels."""
    seeds = _seeds()
    for case in _golden():
        d = seeds[case["id"]]
        gold = sorted(
            (s["start"], s["end"], s["label"]) for s in d["spans"] if s["label"] in LABELS
        )
        assert gold == [(s["start"], s["end"], s["label"]) for s in case["spans"]]
        for s in case["spans"]:
            assert d["text"][s["start"]:s["end"]] == s["text"]


# fmt: off
CASES = [
    ("Thiếu tướng Hồ Văn Thái, Bí thư Đảng ủy, Chính ủy Quân khu 9 phát biểu.", [
        (0, 11, "RANK", "Thiếu tướng"), (12, 23, "PERSON", "Hồ Văn Thái"),
        (25, 39, "POSITION", "Bí thư Đảng ủy"), (32, 39, "ORG", "Đảng ủy"),
        (41, 60, "POSITION", "Chính ủy Quân khu 9"), (50, 60, "ORG", "Quân khu 9"),
    ]),
    ("Chủ tịch UBND tỉnh Quảng Nam Đinh Văn Thu cho biết.", [
        (0, 28, "POSITION", "Chủ tịch UBND tỉnh Quảng Nam"), (9, 28, "ORG", "UBND tỉnh Quảng Nam"),
        (19, 28, "LOC", "Quảng Nam"), (29, 41, "PERSON", "Đinh Văn Thu"),
    ]),
    ("Ông được thăng quân hàm từ Trung tướng lên Thượng tướng.", [
        (27, 38, "RANK", "Trung tướng"), (43, 55, "RANK", "Thượng tướng"),
    ]),
    ("Buổi làm việc tại TP.HCM và TP. Hà Nội.", [
        (18, 24, "LOC", "TP.HCM"), (32, 38, "LOC", "Hà Nội"),
    ]),
    ("Các bộ trưởng và các Tỉnh ủy đã dự.", []),
    ("Quy chế phối hợp với Ban Tổ chức Tỉnh ủy 6 tỉnh.", []),
    ("Uỷ ban Kiểm tra Trung ương và Ủy ban Kiểm tra Trung ương họp.", [
        (0, 26, "ORG", "Uỷ ban Kiểm tra Trung ương"), (30, 56, "ORG", "Ủy ban Kiểm tra Trung ương"),
    ]),
    # a lower-case "bộ" names a ministry only with a ministry's name after it
    ("Chính phủ giao bộ Công an chủ trì.", [(0, 9, "ORG", "Chính phủ"), (15, 25, "ORG", "bộ Công an")]),
    # "Trung ương" ends a body's name, in either case
    ("Ông là uỷ viên Ban chấp hành Đảng bộ Công an trung ương.", [
        (7, 55, "POSITION", "uỷ viên Ban chấp hành Đảng bộ Công an trung ương"),
        (15, 55, "ORG", "Ban chấp hành Đảng bộ Công an trung ương"),
    ]),
    # a field written with "&" or "-", and longer than a fixed name that starts the same way
    ("Ông Vinh, bộ trưởng Bộ Kế hoạch & đầu tư, và Tổng cục Hậu cần - kỹ thuật.", [
        (10, 40, "POSITION", "bộ trưởng Bộ Kế hoạch & đầu tư"), (20, 40, "ORG", "Bộ Kế hoạch & đầu tư"),
        (45, 72, "ORG", "Tổng cục Hậu cần - kỹ thuật"),
    ]),
    ("Theo bộ Luật Hình sự, một bộ phim Mỹ và bộ xây dựng cơ bản.", [(34, 36, "LOC", "Mỹ")]),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CASES, ids=range(len(CASES)))
def test_sentences(text, expected):
    got = [(m.start, m.end, m.label, m.text) for m in find_people_spans(text)]
    assert sorted(got) == sorted(expected)


def test_same_label_spans_never_overlap():
    for d in _seeds().values():
        ms = find_people_spans(d["text"])
        for label in LABELS:
            spans = sorted((m.start, m.end) for m in ms if m.label == label)
            for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
                assert e1 <= s2, (label, s1, e1, s2, e2)


def test_offsets_index_the_text():
    for d in _seeds().values():
        for m in find_people_spans(d["text"]):
            assert d["text"][m.start:m.end] == m.text


@pytest.mark.parametrize("junk", ["", "   ", "\n\n", "1" * 400_000, ", . - " * 70_000, "Ủy ban " * 20_000])
def test_pathological_input_is_fast(junk):
    t0 = time.perf_counter()
    find_people_spans(junk)
    assert time.perf_counter() - t0 < 10
