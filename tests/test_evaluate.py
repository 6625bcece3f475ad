"""The evaluator against a gold file and predictions built for the test.

Expected numbers are counted by hand from tests/golden/evaluate_gold.jsonl and
evaluate_pred.jsonl (the counts are written out beside each assertion).

Gold ``a1`` (inline text): 15 spans with nested labels (ORG inside POSITION,
LOC inside ORG inside POSITION), two people (one with a null rank), two
documents, three percents (95,91% twice).  Gold ``a2`` (``text_file``, stored
NFD on disk): 5 spans, one person, one document; it has no prediction.
The predictions also hold an article ``zz`` absent from the gold: ignored.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from extract import evaluate as ev

GOLDEN = Path(__file__).parent / "golden"
GOLD = GOLDEN / "evaluate_gold.jsonl"
PRED = GOLDEN / "evaluate_pred.jsonl"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus" / "annotated"


def _pred() -> list[dict]:
    return [json.loads(line) for line in PRED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def scores() -> dict:
    return ev.score(ev.load_gold(GOLD), _pred())


# --------------------------------------------------------------------------- loading


def test_load_gold_resolves_text_file_and_normalises():
    gold = ev.load_gold(GOLD)
    assert [a["id"] for a in gold] == ["a1", "a2"]
    a2 = gold[1]
    raw = (GOLDEN / "texts" / "evaluate_a2.txt").read_text(encoding="utf-8")
    assert raw != unicodedata.normalize("NFC", raw)  # stored NFD on purpose
    assert a2["text"] == unicodedata.normalize("NFC", raw)
    assert len(a2["text"]) == 79
    assert a2["text"].endswith("Cần Thơ.\n")
    assert {a2["text"][s["start"] : s["end"]] for s in a2["spans"]} == {
        "Đại tá", "Ngô Đức Thọ", "Trưởng phòng Tổ chức", "Chỉ thị 35", "Cần Thơ"
    }


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _line(**fields) -> str:
    base = {"id": "x", "text": "Hà Nội", "spans": [], "people": [], "documents": [], "percents": []}
    base.update(fields)
    return json.dumps(base, ensure_ascii=False)


@pytest.mark.parametrize(
    "bad, message",
    [
        ("{not json", "not valid JSON"),
        (_line(spans=[{"start": 3, "end": 7, "label": "LOC"}]), "outside the text"),
        (_line(spans=[{"start": 2, "end": 2, "label": "LOC"}]), "outside the text"),
        (_line(spans=[{"start": 0, "end": 2, "label": "CITY"}]), "unknown label"),
        (_line(spans=[{"start": 0, "end": 6, "label": "LOC"}, {"start": 3, "end": 6, "label": "LOC"}]), "overlap"),
        (_line(spans=[{"start": "0", "end": 2, "label": "LOC"}]), "integer"),
        (_line(text=None, text_file="missing.txt"), "cannot read text_file"),
        (_line(text=None), "needs a string 'text' or 'text_file'"),
        (_line(people=[{"rank": None}]), "has no 'name'"),
        (_line(id="a1"), "duplicate id"),
    ],
)
def test_load_gold_rejects_malformed_lines(tmp_path, bad, message):
    path = _write(tmp_path, [_line(id="a1"), "", bad])
    with pytest.raises(ValueError) as caught:
        ev.load_gold(path)
    assert f"{path}:3:" in str(caught.value)
    assert message in str(caught.value)


# --------------------------------------------------------------------------- scoring


def test_articles_counted_from_gold_only(scores):
    assert scores["articles"] == 2  # zz is not in the gold file


def test_span_scores_per_label(scores):
    spans = scores["spans"]
    # PERSON: tp Thái (predicted twice, counts once), Hiểu; fp "Phạm Văn"; fn Thọ (a2)
    assert spans["PERSON"] == {"p": 0.6667, "r": 0.6667, "f1": 0.6667, "tp": 2, "fp": 1, "fn": 1}
    # RANK: tp Thiếu tướng; fn Đại tá (a2)
    assert spans["RANK"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "tp": 1, "fp": 0, "fn": 1}
    # POSITION: tp both a1 titles; fn Trưởng phòng Tổ chức (a2)
    assert spans["POSITION"] == {"p": 1.0, "r": 0.6667, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}
    # ORG: tp Quân khu 9 (nested), Bộ Chính trị; fn HĐND TP Cần Thơ (nested)
    assert spans["ORG"] == {"p": 1.0, "r": 0.6667, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}
    # LOC: tp Cần Thơ (nested twice); fp Quân khu 9 as LOC; fn Cần Thơ (a2)
    assert spans["LOC"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    # DOC: tp both a1 references; fn Chỉ thị 35 (a2)
    assert spans["DOC"] == {"p": 1.0, "r": 0.6667, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}
    # DATE: "ngày 16-6-2022" is fp and "16-6-2022" fn
    assert spans["DATE"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    # PERCENT: tp 0,14% and the first 95,91%; fn the second 95,91%
    assert spans["PERCENT"] == {"p": 1.0, "r": 0.6667, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}


def test_span_scores_micro(scores):
    # 20 gold spans (15 + 5), 15 distinct predicted in a1: tp 12, fp 3, fn 8
    # p = 12/15 = 0.8, r = 12/20 = 0.6, f1 = 24/35 = 0.685714...
    assert scores["spans"]["micro"] == {"p": 0.8, "r": 0.6, "f1": 0.6857, "tp": 12, "fp": 3, "fn": 8}
    assert list(scores["spans"]) == ["PERSON", "RANK", "POSITION", "ORG", "LOC", "DOC", "DATE", "PERCENT", "micro"]


def test_people_scores(scores):
    people = scores["people"]
    # names: tp Thái (duplicate record counts once), Hiểu; fp "Cần Thơ"; fn Thọ (a2)
    assert people["name"] == {"p": 0.6667, "r": 0.6667, "f1": 0.6667, "tp": 2, "fp": 1, "fn": 1}
    # (name, rank): (Hiểu, null) matches a predicted null rank; fp (Cần Thơ, null); fn (Thọ, Đại tá)
    assert people["name_rank"] == {"p": 0.6667, "r": 0.6667, "f1": 0.6667, "tp": 2, "fp": 1, "fn": 1}
    # (name, position): tp Thái's; fp (Hiểu, "Chủ tịch HĐND"); fn Hiểu's full title and Thọ's
    # p = 1/2, r = 1/3, f1 = (1/3) / (5/6) = 0.4
    assert people["name_position"] == {"p": 0.5, "r": 0.3333, "f1": 0.4, "tp": 1, "fp": 1, "fn": 2}


def test_document_scores(scores):
    documents = scores["documents"]
    # refs: tp 21-NQ/TW (predicted twice, counts once), Chỉ thị 35; fn Chỉ thị 35 of a2
    # p = 1, r = 2/3, f1 = 0.8
    assert documents["ref"] == {"p": 1.0, "r": 0.6667, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}
    assert documents["type"] == {"accuracy": 1.0, "n": 2}
    # 21-NQ/TW: 2022-06-15 for 2022-06-16 (wrong); Chỉ thị 35: null = null (right)
    assert documents["date"] == {"accuracy": 0.5, "n": 2}
    # 21-NQ/TW: "Bộ Chính trị" for null; Chỉ thị 35: "Ban Bí thư" for "Bộ Chính trị"
    assert documents["issuer"] == {"accuracy": 0.0, "n": 2}


def test_percent_scores(scores):
    # gold {(0.14, change, up): 1, (95.91, level, null): 2}
    # pred {(0.14, change, up): 1 (0.14000001 rounds), (95.91, level, null): 1, (95.91, change, up): 2}
    # tp 2, fp 2, fn 1: p = 0.5, r = 2/3, f1 = (2/3) / (7/6) = 4/7 = 0.571428...
    assert scores["percents"] == {
        "value_kind_direction": {"p": 0.5, "r": 0.6667, "f1": 0.5714, "tp": 2, "fp": 2, "fn": 1}
    }


def test_score_shape_is_exact(scores):
    assert set(scores) == {"articles", "spans", "people", "documents", "percents"}
    assert set(scores["people"]) == {"name", "name_rank", "name_position"}
    assert set(scores["documents"]) == {"ref", "type", "date", "issuer"}


def test_perfect_and_empty_predictions():
    gold = ev.load_gold(GOLD)
    perfect = ev.score(gold, gold)
    assert perfect["spans"]["micro"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 20, "fp": 0, "fn": 0}
    assert perfect["percents"]["value_kind_direction"]["tp"] == 3
    empty = ev.score(gold, [])
    assert empty["spans"]["micro"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 20}
    assert empty["documents"]["date"] == {"accuracy": 0.0, "n": 0}


def test_seeds_score_perfectly_against_themselves():
    seeds = ev.load_gold(REPO / "corpus" / "annotated" / "seeds.jsonl")
    result = ev.score(seeds, seeds)
    assert result["spans"]["micro"]["f1"] == 1.0
    assert result["spans"]["micro"]["tp"] == 111
    assert result["people"]["name_position"]["f1"] == 1.0


# --------------------------------------------------------------------------- errors


def test_errors_list_every_miss_sorted():
    found = ev.errors(ev.load_gold(GOLD), _pred(), context=10)
    spans = [e for e in found if e["label"] in ev.LABELS]
    assert sum(e["kind"] == "fp" for e in spans) == 3
    assert sum(e["kind"] == "fn" for e in spans) == 8
    assert [e["id"] for e in found] == sorted((e["id"] for e in found), key=["a1", "a2"].index)
    assert found[0] == {
        "id": "a1", "kind": "fp", "label": "LOC", "start": 34, "end": 44, "text": "Quân khu 9",
        "context": "… Chính ủy ⟦Quân khu 9⟧, cùng ông…",
    }
    assert {(e["kind"], e["label"], e["text"]) for e in found if e["label"] not in ev.LABELS} == {
        ("fp", "people.name", "Cần Thơ"),
        ("fp", "people.name_rank", "Cần Thơ | null"),
        ("fp", "people.name_position", "Phạm Văn Hiểu | Chủ tịch HĐND"),
        ("fn", "people.name_position", "Phạm Văn Hiểu | Chủ tịch HĐND TP Cần Thơ"),
        ("mismatch", "documents.date", "21-NQ/TW | 2022-06-16 → 2022-06-15"),
        ("mismatch", "documents.issuer", "21-NQ/TW | None → Bộ Chính trị"),
        ("mismatch", "documents.issuer", "Chỉ thị 35 | Bộ Chính trị → Ban Bí thư"),
        ("fp", "percents", "95.91 | change | up"),
        ("fn", "percents", "95.91 | level | null"),
        ("fn", "people.name", "Ngô Đức Thọ"),
        ("fn", "people.name_rank", "Ngô Đức Thọ | Đại tá"),
        ("fn", "people.name_position", "Ngô Đức Thọ | Trưởng phòng Tổ chức"),
        ("fn", "documents.ref", "Chỉ thị 35"),
    }
    assert sum(e["label"] == "percents" and e["kind"] == "fp" for e in found) == 2
    a1 = [e["start"] for e in found if e["id"] == "a1" and e["start"] is not None]
    assert a1 == sorted(a1)


# --------------------------------------------------------------------------- baseline helpers


def test_bio_entities_follow_conlleval():
    tags = ["B-LOC", "I-LOC", "O", "I-PER", "I-PER", "B-ORG", "B-ORG", "I-LOC"]
    offsets = [(0, 2), (3, 5), (6, 7), (8, 10), (11, 13), (14, 16), (17, 19), (20, 22)]
    assert ev.bio_entities(tags, offsets) == [
        (0, 5, "LOC"), (8, 13, "PER"), (14, 16, "ORG"), (17, 19, "ORG"), (20, 22, "LOC")
    ]
    assert ev.bio_entities(["B-PER", "I-PER"], [(0, 2), None]) == [(0, 2, "PER")]


def test_sentences_keep_offsets():
    text = "Ông A đến. Bà B về.\n\nHọ gặp nhau ở Hà Nội.  "
    parts = list(ev.sentences(text))
    assert [s for _, s in parts] == ["Ông A đến.", "Bà B về.", "Họ gặp nhau ở Hà Nội.  "]
    assert all(text[o : o + len(s)] == s for o, s in parts)


def test_underthesea_baseline_offsets_are_exact():
    text = "Thủ tướng Nguyễn Xuân Phúc thăm Hà Nội.\nÔng Putin ca ngợi Liên Xô."
    [article] = ev.predict_underthesea([{"id": "t", "text": text}])
    assert article["people"] == article["documents"] == article["percents"] == []
    found = {(text[s["start"] : s["end"]], s["label"]) for s in article["spans"]}
    assert ("Putin", "PERSON") in found
    assert ("Liên Xô", "LOC") in found
    assert all(s["label"] in {"PERSON", "LOC", "ORG"} for s in article["spans"])


def test_format_report_lists_every_line(scores):
    report = ev.format_report(scores)
    lines = report.splitlines()
    assert lines[0] == "articles: 2"
    assert any(line.startswith("micro") and "0.8000  0.6000  0.6857     12      3      8" in line for line in lines)
    assert any(line.startswith("documents date") and "0.5000" in line and "n=2" in line for line in lines)
    assert any(line.startswith("percents value_kind_direction") for line in lines)


# --------------------------------------------------------------------------- shared corpus


@pytest.mark.shared
def test_dev_gold_loads_from_shared_corpus():
    dev = SHARED / "dev.jsonl"
    if not dev.exists():
        pytest.skip("../shared/corpus is not available")
    gold = ev.load_gold(dev)
    assert len(gold) == 40
    assert sum(len(a["spans"]) for a in gold) == 2401
    assert all(a["text"] == unicodedata.normalize("NFC", a["text"]) for a in gold)
