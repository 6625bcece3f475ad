import json
import gzip
import unicodedata

import pytest
import spacy

from extract.tokenize import UndertheseaTokenizer, align_words, doc_from_spans


@pytest.fixture(scope="module")
def tokenizer():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    return UndertheseaTokenizer(nlp.vocab)


def test_multi_syllable_words_are_one_token_with_exact_offsets(tokenizer):
    text = "Thiếu tướng Hồ Văn Thái, Bí thư Đảng ủy"
    doc = tokenizer(text)
    assert doc.text == text
    tokens = [(t.text, t.idx) for t in doc]
    assert ("Thiếu tướng", 0) in tokens
    assert ("Hồ Văn Thái", 12) in tokens


def test_whitespace_the_segmenter_drops_is_kept(tokenizer):
    text = "Hồ Văn\nThái,  Bí thư\n\nkhủng' 16,03%/16,37%  "
    doc = tokenizer(text)
    assert doc.text == text
    assert "Hồ Văn\nThái" in [t.text for t in doc]


def test_align_words_survives_rewritten_and_dropped_text():
    text = "ÐẢNG xyz abc"
    assert align_words(["ĐẢNG", "abc"], text) == [(0, 4), (5, 8), (9, 12)]


def test_sentences_start_after_full_stops_and_line_breaks(tokenizer):
    doc = tokenizer("Hội nghị khai mạc. Đại tá Ngô Đức Thọ báo cáo\nTin, ảnh: QUANG ĐỨC")
    starts = [s.text for s in doc.sents]
    assert starts[0] == "Hội nghị khai mạc."
    assert starts[1].startswith("Đại tá Ngô Đức Thọ")
    assert starts[-1] == "Tin, ảnh: QUANG ĐỨC"


@pytest.mark.shared
def test_doc_text_equals_text_on_bench_articles(tokenizer, shared_corpus):
    with gzip.open(shared_corpus / "bench" / "baomoi-10k.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 60:
                break
            text = unicodedata.normalize("NFC", json.loads(line)["text"])
            assert tokenizer(text).text == text


def test_a_long_run_without_spaces_is_segmented_in_linear_time(tokenizer):
    # underthesea's regex backtracks over the whole run at every token: 64,000 characters of
    # "12-12-..." took 29 s and 400,000 over 800 s; cut every LONG_RUN characters for it, linear
    import time

    text = "12-" * 40_000 + " Thiếu tướng Hồ Văn Thái"
    began = time.monotonic()
    doc = tokenizer(text)
    assert time.monotonic() - began < 30  # about 3 s on a 2-core machine
    assert doc.text == text
    assert [t.text for t in doc][-2:] == ["Thiếu tướng", "Hồ Văn Thái"]  # the words after it as usual


def test_a_long_text_is_segmented_in_pieces_that_still_align(tokenizer, monkeypatch):
    import extract.tokenize as tokenize

    text = "\n".join(f"Đại tá Ngô Đức Thọ phát biểu lần {i}." for i in range(400))
    whole = [t.text for t in tokenizer(text)]
    monkeypatch.setattr(tokenize, "SEGMENT_CHARS", 1_000)  # cut after a line break every 1,000 characters
    assert len(tokenize._pieces(text)) > 10 and "".join(tokenize._pieces(text)) == text
    doc = tokenizer(text)
    assert doc.text == text and [t.text for t in doc] == whole
