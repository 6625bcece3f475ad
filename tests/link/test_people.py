"""Tests for ``extract.link.people.link_people`` (seed gold people, exact)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.extractors.people_spans import find_people_spans
from extract.link.people import link_people
from extract.records import Mention

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "annotated" / "seeds.jsonl"
SHARED_DEV = Path("/work/shared/corpus/annotated/dev.jsonl")


def _seeds():
    return [json.loads(l) for l in SEEDS.read_text("utf-8").splitlines() if l.strip()]


@pytest.mark.parametrize("doc", _seeds(), ids=lambda d: d["id"])
def test_seed_people_exact(doc):
    people = link_people(doc["text"], find_people_spans(doc["text"]))
    assert [p.to_gold() for p in people] == doc["people"]


@pytest.mark.parametrize("doc", _seeds(), ids=lambda d: d["id"])
def test_seed_people_from_gold_spans(doc):
    """Linking the gold spans gives the gold records too."""
    t = doc["text"]
    ms = [Mention(s["start"], s["end"], s["label"], t[s["start"]:s["end"]]) for s in doc["spans"]]
    assert [p.to_gold() for p in link_people(t, ms)] == doc["people"]


def test_title_before_and_after_name():
    text = "Bộ trưởng Bộ Quốc phòng, Đại tướng Ngô Xuân Lịch và Thủ tướng Nguyễn Xuân Phúc dự."
    people = [p.to_gold() for p in link_people(text, find_people_spans(text))]
    assert people == [
        {"name": "Ngô Xuân Lịch", "rank": "Đại tướng", "positions": ["Bộ trưởng Bộ Quốc phòng"]},
        {"name": "Nguyễn Xuân Phúc", "rank": None, "positions": ["Thủ tướng"]},
    ]


def test_repeated_name_merges():
    text = "Ông Trần Văn A, Giám đốc Sở Xây dựng. Ông Trần Văn A, Bí thư Đảng ủy, cho biết."
    people = [p.to_gold() for p in link_people(text, find_people_spans(text))]
    assert people == [
        {"name": "Trần Văn A", "rank": None, "positions": ["Giám đốc Sở Xây dựng", "Bí thư Đảng ủy"]},
    ]


def test_byline_person_has_no_title():
    text = "Hội nghị kết thúc.\n\nTin, ảnh: QUANG ĐỨC"
    people = [p.to_gold() for p in link_people(text, find_people_spans(text))]
    assert people == [{"name": "QUANG ĐỨC", "rank": None, "positions": []}]


def test_dev_gold_people_linking_is_reasonable():
    if not SHARED_DEV.exists():
        pytest.skip("shared dev corpus absent")
    import unicodedata

    tp = fn = 0
    for line in SHARED_DEV.read_text("utf-8").splitlines():
        d = json.loads(line)
        t = unicodedata.normalize("NFC", (SHARED_DEV.parent / d["text_file"]).read_text("utf-8"))
        got = {p.name: p for p in link_people(t, find_people_spans(t))}
        for g in d["people"]:
            if g["name"] in got and got[g["name"]].rank == g["rank"]:
                tp += 1
            else:
                fn += 1
    assert tp / (tp + fn) > 0.85
