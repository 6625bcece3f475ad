import codecs
import unicodedata

import pytest

from extract.decode import DecodeError, decode_bytes

TEXT = "Thiếu tướng Hồ Văn Thái, Bí thư Đảng ủy, Chính ủy Quân khu 9; hoà bình"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 writes tone marks as combining characters after the base letter."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES)) + "".join(c for c in d if c in TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        unicodedata.normalize("NFD", TEXT).encode("utf-8"),
        cp1258(TEXT * 3),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf8-nfd", "windows-1258"],
)
def test_every_encoding_gives_the_nfc_text(data):
    assert decode_bytes(data).startswith(TEXT)


def test_windows_1252_mojibake_is_repaired():
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    mojibake = TEXT.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    assert decode_bytes(mojibake) == TEXT


def test_correct_text_is_left_exactly_as_it_is():
    text = "Giá tăng 12,5% “mạnh” — ‘đúng’…\r\n  hai dấu cách"
    assert decode_bytes(text.encode("utf-8")) == text


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"  \n\t", "empty"), (b"\x00\x01\x02abc\x00", "binary"), (bytes(range(256)) * 4, "binary")],
)
def test_bad_bytes_raise_a_clear_error(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)
