"""Bytes to text: encoding detection and mojibake repair, then NFC.

UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded directly; any
other encoding (Windows-1258, Windows-1252 ...) is detected with
charset-normalizer; UTF-8 that was once misread as Windows-1252 (``Thiáº¿u``)
is repaired with ftfy, and only when ftfy judges the text to be mojibake, so a
correct UTF-8 file is stored exactly as its NFC content.
"""
from __future__ import annotations

import codecs

import charset_normalizer
import ftfy

from extract.normalise import normalise_text

# encodings worth considering for Vietnamese press when there is no BOM
CANDIDATE_ENCODINGS = ["utf_8", "cp1258", "utf_16", "cp1252", "latin_1"]
MAX_CONTROL_RATIO = 0.01


class DecodeError(ValueError):
    """The bytes are not a text this tool can read (empty, binary, undecodable)."""


def _control_ratio(text: str) -> float:
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\ufffd")
    return controls / max(len(text), 1)


def _decode_raw(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise DecodeError("undecodable: no text encoding fits these bytes")
    return str(best)


def decode_bytes(data: bytes) -> str:
    """The NFC text of ``data``; raises ``DecodeError`` for empty, binary or undecodable input."""
    if not data.strip():
        raise DecodeError("empty input")
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DecodeError("binary input (NUL bytes)")
    try:
        text = _decode_raw(data)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"undecodable: {exc.reason}") from None
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise DecodeError("binary input (control characters)")
    if ftfy.badness.is_bad(text):
        text = ftfy.fix_encoding(text)
    text = normalise_text(text)
    if not text.strip():
        raise DecodeError("empty input")
    return text
