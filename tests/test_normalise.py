import unicodedata

import pytest

from extract.normalise import fold_search, fold_text, normalise_text


@pytest.mark.parametrize(
    "old, new",
    [("Quân uỷ", "Quân ủy"), ("hoà bình", "hòa bình"), ("khoẻ", "khỏe"), ("Thuỳ", "Thùy"), ("THUỶ", "Thủy")],
)
def test_old_and_new_tone_placement_fold_alike(old, new):
    assert fold_text(old) == fold_text(new)


@pytest.mark.parametrize("y, i", [("Thượng nghị sỹ", "thượng nghị sĩ"), ("Mỹ", "mĩ"), ("trợ lý", "trợ lí"), ("kỷ luật", "kỉ luật")])
def test_final_y_and_i_spellings_fold_alike(y, i):
    assert fold_text(y) == fold_text(i)


@pytest.mark.parametrize("word", ["tay", "Huy", "Thủy", "quý", "Cty"])
def test_y_after_a_vowel_or_qu_stays_y(word):
    assert not fold_text(word).endswith(("i", "í", "ì", "ỉ", "ĩ", "ị"))


@pytest.mark.parametrize("word", ["Hoàng", "quý", "Quỳnh", "quà", "hoài"])
def test_closed_syllables_and_qu_keep_their_tone(word):
    assert fold_text(word) == word.lower()


def test_fold_keeps_length_so_offsets_carry_over():
    text = "Thiếu tướng Hồ Văn Thái, Chính uỷ Quân khu 9, hoà giải; ÐẢNG"
    key = fold_text(text)
    assert len(key) == len(text)
    assert key[text.index("Chính uỷ"):][:8] == "chính ủy"


def test_normalise_text_is_nfc_and_nothing_else():
    decomposed = unicodedata.normalize("NFD", "Phó bí thư  Thường trực\n")
    assert normalise_text(decomposed) == "Phó bí thư  Thường trực\n"
    assert normalise_text(normalise_text(decomposed)) == normalise_text(decomposed)


def test_fold_search_maps_d_stroke():
    assert fold_search("Đức đảng") == "Dức dảng"
