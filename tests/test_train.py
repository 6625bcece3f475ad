"""Tests for ``extract.train``: the training data of the NER model (not the training run itself)."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extract import model, train
from extract.evaluate import load_gold

ROOT = Path(__file__).resolve().parents[1]


def _doc(words: list[str], spaces: list[bool] | None = None) -> Doc:
    return Doc(Vocab(), words=words, spaces=spaces or [True] * len(words))


def test_flat_layer_keeps_the_outermost_person_org_loc():
    spans = [
        (0, 28, "POSITION"),  # not a model label
        (9, 28, "ORG"),
        (19, 28, "LOC"),  # inside the ORG
        (29, 41, "PERSON"),
        (35, 50, "ORG"),  # crosses the PERSON
    ]
    assert train.flat_layer(spans) == [(9, 28, "ORG"), (29, 41, "PERSON")]


def test_training_doc_sets_entities_on_words():
    text_words = ["Chủ tịch", "UBND", "tỉnh", "Quảng Nam", "Đinh Văn Thu", "phát biểu", "."]
    doc = _doc(text_words, [True] * 5 + [False, False])
    assert doc.text == "Chủ tịch UBND tỉnh Quảng Nam Đinh Văn Thu phát biểu."
    spans = [(0, 28, "POSITION"), (9, 28, "ORG"), (19, 28, "LOC"), (29, 41, "PERSON")]
    copy, counts = train.training_doc(doc.vocab, doc, spans, body_end=len(doc.text), unknown_names=False)
    assert [(e.text, e.label_) for e in copy.ents] == [("UBND tỉnh Quảng Nam", "ORG"), ("Đinh Văn Thu", "PERSON")]
    assert [t.ent_iob_ for t in copy] == ["O", "B", "I", "I", "B", "O", "O"]
    assert counts.spans == {"ORG": 1, "PERSON": 1} and counts.misaligned == 0 and counts.words == 7


def test_a_span_inside_a_word_leaves_its_words_unknown_and_is_counted():
    doc = _doc(["Quân đội", "Mỹ điều", "tàu", "."], [True, True, False, False])
    spans = [(9, 11, "LOC")]  # "Mỹ" inside the word "Mỹ điều"
    copy, counts = train.training_doc(doc.vocab, doc, spans, len(doc.text), unknown_names=False)
    assert counts.misaligned == 1 and not copy.ents
    assert [t.ent_iob for t in copy] == [2, 0, 2, 2]  # O, missing, O, O


def test_silver_leaves_names_the_rules_missed_unknown():
    words = ["Theo", "ông", "Paul Pogba", ",", "đội bóng", "gặp", "BBC", "tại", "Hội nghị", ".",
             "Hôm qua", "Hà Nội", "mưa", "."]
    doc = _doc(words, [True, True, False, True, True, True, True, True, False, True, True, True, False, False])
    assert doc.text == "Theo ông Paul Pogba, đội bóng gặp BBC tại Hội nghị. Hôm qua Hà Nội mưa."
    hanoi = doc.text.index("Hà Nội")
    spans = [(hanoi, hanoi + 6, "LOC")]
    copy, counts = train.training_doc(doc.vocab, doc, spans, len(doc.text), unknown_names=True)
    assert [(e.text, e.label_) for e in copy.ents] == [("Hà Nội", "LOC")]
    # sentence openers ("Theo", "Hôm qua") and a capitalised common word ("Hội nghị") stay "not a name"
    assert [t.text for t in copy if t.ent_iob == 0] == ["Paul Pogba", "BBC"] and counts.unknown_words == 2
    assert train.name_candidates(copy, spans) == {2, 6}
    assert train.name_candidates(copy, spans + [(9, 19, "PERSON")]) == {6}


def test_the_doc_is_cut_at_the_body_end():
    doc = _doc(["Hà Nội", "đẹp", ".", "Tin", "khác", "Huế"])
    body_end = doc.text.index("Tin")
    copy, _ = train.training_doc(doc.vocab, doc, [(0, 6, "LOC"), (doc.text.index("Huế"), len(doc.text) - 1, "LOC")],
                                 body_end, unknown_names=False)
    assert [t.text for t in copy] == ["Hà Nội", "đẹp", "."] and [e.text for e in copy.ents] == ["Hà Nội"]


def test_measure_split_is_fixed_and_disjoint():
    ids = [f"a{i:02}" for i in range(40)]
    trained, measured = train.measure_split(list(reversed(ids)))
    assert (trained, measured) == train.measure_split(ids)
    assert len(measured) == train.MEASURE_ARTICLES and not set(trained) & set(measured)
    assert sorted(trained + measured) == ids


def test_bench_sample_skips_articles_sharing_a_line_with_dev_texts(tmp_path):
    dev_line = "Thủ tướng Chính phủ Nguyễn Xuân Phúc chủ trì hội nghị trực tuyến với các địa phương hôm nay."
    bench = tmp_path / "bench.jsonl.gz"
    with gzip.open(bench, "wt", encoding="utf-8") as handle:
        for i in range(10):
            text = f"Bài {i}.\n" + (dev_line if i % 2 else f"Một câu khác số {i} " * 5)
            handle.write(json.dumps({"id": f"b{i}", "text": text}, ensure_ascii=False) + "\n")
    picked = train.bench_sample(bench, train.long_lines(dev_line), 5)
    assert sorted(i for i, _ in picked) == ["b0", "b2", "b4", "b6", "b8"]
    assert picked == train.bench_sample(bench, train.long_lines(dev_line), 5)


def test_measure_gold_points_at_the_shared_texts(tmp_path):
    texts = tmp_path / "shared" / "dev"
    texts.mkdir(parents=True)
    (texts / "x1.txt").write_text("Hà Nội mùa thu.", encoding="utf-8")
    gold = tmp_path / "shared" / "annotated" / "dev.jsonl"
    gold.parent.mkdir()
    lines = [{"id": i, "text_file": f"../dev/{i}.txt", "spans": [{"start": 0, "end": 6, "label": "LOC"}]} for i in ("x1", "x2")]
    gold.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "models" / "m"
    out.mkdir(parents=True)
    written = train.write_measure_gold(gold, ["x1"], out)
    [article] = load_gold(written)
    assert article["id"] == "x1" and article["text"] == "Hà Nội mùa thu."
    assert article["text_file"] == "../../shared/dev/x1.txt"


def test_make_model_without_the_shared_corpus_fails_in_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "extract.train", "--shared", str(tmp_path / "corpus"), "--work", str(tmp_path / "w")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"vnextract: error: {tmp_path / 'corpus' / 'annotated' / 'dev.jsonl'}: not found; `make model` trains on "
        "../shared/corpus (dev.jsonl, dev/, bench/), which is not bundled with the repository"
    ]
    assert not (tmp_path / "w").exists()


@pytest.mark.shared
def test_training_never_reads_a_measured_article(shared_corpus):
    """The measuring split and the held-out files are kept out of the gold and silver training sets."""
    folder = model.default_model_path()
    data = json.loads((folder / "meta.json").read_text("utf-8"))["vnextract"]["data"]
    dev_ids = [a["id"] for a in load_gold(shared_corpus / "annotated" / "dev.jsonl")]
    heldout_ids = {a["id"] for path in train.HELDOUT_GOLDS.values() for a in load_gold(path)}
    project_ids = {a["id"] for path in train.TRAIN_GOLDS for a in load_gold(path)}
    assert data["measure_ids"] == train.measure_split(dev_ids)[1]
    assert sorted(a["id"] for a in load_gold(folder / "dev-measure.jsonl")) == data["measure_ids"]
    measured = set(data["measure_ids"]) | heldout_ids
    assert measured.isdisjoint(data["gold_train_ids"]) and measured.isdisjoint(data["silver_dev_ids"])
    assert set(data["gold_train_ids"]) == (
        set(dev_ids) - set(data["measure_ids"]) | {"qk1-bac-giang-2019", "qk9-can-tho-2023"} | project_ids
    )
    assert project_ids.isdisjoint(data["silver_dev_ids"])
    bench_gold_ids = {a["id"] for path in (*train.TRAIN_GOLDS, *train.HELDOUT_GOLDS.values()) for a in load_gold(path)}
    assert bench_gold_ids.isdisjoint(data["bench_ids"]) and bench_gold_ids.isdisjoint(data["validation_bench_ids"])
