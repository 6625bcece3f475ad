"""Canonical text and matching keys.

``normalise_text`` gives the text that is stored and that every offset indexes:
Unicode NFC and nothing else changed.

``fold_text`` gives a *matching key* of exactly the same length, so that an
offset found in the key is an offset in the text: lower case, and the tone mark
of an open ``oa``/``oe``/``uy`` syllable moved to one canonical vowel, so that
old and new tone placement (``uỷ``/``ủy``, ``hoà``/``hòa``) compare equal.

``fold_search`` gives the key used by full-text search: ``đ`` → ``d`` (SQLite's
``remove_diacritics`` leaves ``đ`` alone, since it is a letter of its own).
"""
from __future__ import annotations

import unicodedata
import regex

_TONES = {"\u0300": 0, "\u0301": 1, "\u0303": 2, "\u0309": 3, "\u0323": 4}
_CHAR_FIXES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})  # Icelandic eth used for Đ/đ


def normalise_text(raw: str) -> str:
    """The stored text: NFC, nothing else changed."""
    return unicodedata.normalize("NFC", raw)


def _with_tone(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _build_tone_moves() -> dict[str, str]:
    """'oà' -> 'òa', 'uỷ' -> 'ủy', ... (new placement to old), lower case only."""
    moves = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            moves[first + _with_tone(second, tone)] = _with_tone(first, tone) + second
    return moves


_TONE_MOVES = _build_tone_moves()
# an open syllable ending in o/u + toned a/e/y; "quý" keeps its tone on y
_OPEN_CLUSTER = regex.compile(
    r"(?<!q)(" + "|".join(sorted(_TONE_MOVES)) + r")(?!\p{L})"
)


# "sỹ"/"sĩ", "lý"/"lí", "kỹ"/"kĩ": a syllable of one consonant (or digraph) and a final y is
# also spelled with i; both fold to i (tone kept)
_Y_AS_I = {"y": "i"} | {_with_tone("y", tone): _with_tone("i", tone) for tone in _TONES}
_Y_SYLLABLE = regex.compile(
    r"(?<!\p{L})((?:ch|gh|kh|ng|nh|ph|th|tr|[bcdđghklmnprstvx]))(" + "|".join(_Y_AS_I) + r")(?!\p{L})"
)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_LONG_TEXT = 256
_last_fold: tuple[str, str] = ("", "")


def fold_text(text: str) -> str:
    """Same-length matching key: lower case, canonical tone placement, ``y`` spelled ``i``
    where both spellings are in use (``sỹ``/``sĩ``).

    Several extractors fold the same article text; the key of the last long
    text is kept, so the article is folded once (an identity check, O(1)).
    """
    global _last_fold
    if text is _last_fold[0]:
        return _last_fold[1]
    key = _lower_same_length(text.translate(_CHAR_FIXES))
    key = _OPEN_CLUSTER.sub(lambda m: _TONE_MOVES[m.group(1)], key)
    key = _Y_SYLLABLE.sub(lambda m: m.group(1) + _Y_AS_I[m.group(2)], key)
    if len(text) > _LONG_TEXT:
        _last_fold = (text, key)
    return key


_SEARCH_FOLD = str.maketrans({"đ": "d", "Đ": "D", "\u00d0": "D", "\u00f0": "d"})


def fold_search(text: str) -> str:
    """Key for full-text search: canonical tones and đ→d (diacritics are removed by FTS5)."""
    return text.translate(_SEARCH_FOLD)
