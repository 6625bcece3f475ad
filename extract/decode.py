"""Bytes to text: encoding detection and mojibake repair, then NFC.

UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM, and UTF-16 without
a BOM (recognised by its NUL bytes, all on one side of each code unit) are
decoded directly; any other encoding (Windows-1258, Windows-1252 ...) is
detected with charset-normalizer; UTF-8 that was once misread as Windows-1252
(``Thiáº¿u``) is repaired with ftfy, and only when ftfy judges the text to be
mojibake, so a correct UTF-8 file is stored exactly as its NFC content.  UTF-8
with a few broken sequences among many good ones (a file cut in the middle of
a character) keeps its text, each broken sequence replaced by U+FFFD.
"""
from __future__ import annotations

import codecs

import charset_normalizer
import ftfy
import regex

from extract.normalise import normalise_text

# encodings worth considering for Vietnamese press when there is no BOM
CANDIDATE_ENCODINGS = ["utf_8", "cp1258", "utf_16", "cp1252", "latin_1"]
MAX_CONTROL_RATIO = 0.01
# UTF-8 with broken sequences is still read as UTF-8 when it has at least this
# many well-formed multi-byte characters per broken sequence
MIN_GOOD_PER_BROKEN_UTF8 = 20
# BOM-less UTF-16: at least this share of the high bytes are NUL, and no low byte is
MIN_UTF16_NUL_SHARE = 0.25

_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f]")
_NON_ASCII = regex.compile(r"[^\x00-\x7f\ufffd]")


class DecodeError(ValueError):
    """The bytes are not a text this tool can read (empty, binary, undecodable)."""


def _control_ratio(text: str, count_replaced: bool = False) -> float:
    """The share of control characters (and, for decoded bytes, of U+FFFD: bytes no encoding fits)."""
    controls = len(_CONTROL.findall(text)) + (text.count("\ufffd") if count_replaced else 0)
    return controls / max(len(text), 1)


def check_text(text: str, what: str = "text") -> None:
    """Raise ``DecodeError`` for a text that is binary: NUL or too many control characters."""
    if "\x00" in text:
        raise DecodeError(f"binary {what} (NUL characters)")
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise DecodeError(f"binary {what} (control characters)")


def _utf16_without_bom(data: bytes) -> str | None:
    """``data`` as BOM-less UTF-16 when its NUL bytes say so, else None."""
    if len(data) % 2:
        return None
    for encoding, high, low in (("utf-16-le", data[1::2], data[0::2]), ("utf-16-be", data[0::2], data[1::2])):
        if b"\x00" not in low and high.count(0) >= MIN_UTF16_NUL_SHARE * len(high):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _lossy_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 with its few broken sequences replaced, when it is plainly UTF-8."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    if broken and len(_NON_ASCII.findall(text)) >= MIN_GOOD_PER_BROKEN_UTF8 * broken:
        return text
    return None


def _decode_raw(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise DecodeError("binary input (NUL bytes)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _lossy_utf8(data)
    if text is not None:
        return text
    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise DecodeError("undecodable: no text encoding fits these bytes")
    return str(best)


def decode_bytes(data: bytes) -> str:
    """The NFC text of ``data``; raises ``DecodeError`` for empty, binary or undecodable input."""
    if not data.strip():
        raise DecodeError("empty input")
    try:
        text = _decode_raw(data)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"undecodable: {exc.reason}") from None
    if "\x00" in text or _control_ratio(text, count_replaced=True) > MAX_CONTROL_RATIO:
        raise DecodeError("binary input (control characters)")
    if ftfy.badness.is_bad(text):
        text = ftfy.fix_encoding(text)
    text = normalise_text(text)
    if not text.strip():
        raise DecodeError("empty input")
    return text
