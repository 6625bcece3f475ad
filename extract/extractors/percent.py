"""PERCENT extractor: percentages written with ``%`` or ``phần trăm``.

Vietnamese number format: decimal comma and thousands dot (``95,91%`` → 95.91,
``1.234,5%`` → 1234.5); a dot followed by one or two digits is read as a
decimal point (``2.5%``).  A range is one span valued at its first number
(``3-5%``, ``10,5-11,5%``); a space before the sign is allowed (``78,5 %``);
``16,03%/16,37%`` gives two spans; ``5% - 20%`` (a sign on both ends) is one.

>>> [(m.text, m.attrs["value"]) for m in find_percents("tăng 0,14% và 3-5 %")]
[('0,14%', 0.14), ('3-5 %', 3.0)]
"""
from __future__ import annotations

import regex

from extract.records import Mention

# A number never starts inside another number or word (the look-behind), which
# also keeps the scan linear on inputs like "1.1.1.1…": every quantifier is
# possessive, so a failed match never re-splits the digits.
_NUM = r"(?:\d{1,3}(?:\.\d{3})++(?:,\d++)?+|\d++(?:[,.]\d++)?+)"
PERCENT_RE = regex.compile(
    rf"""
    (?<![\w.,])                           # not inside a word or a number
    (?P<sign>[-−+](?=\d))?+                # an attached sign: -0,5%
    (?P<a>{_NUM})
    (?:
      [ \t\u00a0]?+[%％][ \t\u00a0]*+[-–—][ \t\u00a0]*+(?P<b2>{_NUM})[ \t\u00a0]?+[%％]  # a range with two signs: 5% - 20%
    | (?:[ \t\u00a0]*+[-–—][ \t\u00a0]*+(?P<b>{_NUM}))?+   # a range: 3-5%, 10,5 - 11,5%
      (?:[ \t\u00a0]?+[%％]|[ \t\u00a0]++phần[ \t\u00a0]++trăm(?!\p{{L}}))
    )
    (?!\d)
    """,
    regex.VERBOSE,
)
# a sign only counts after a space, an opening bracket or the start of the text
_SIGN_OK = regex.compile(r"(?:^|[\s(\[“\"':])$")


def parse_number(s: str) -> float:
    """Vietnamese written number → float: ``1.234,5`` → 1234.5, ``2.5`` → 2.5."""
    if "," in s:
        return float(s.replace(".", "").replace(",", "."))
    if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    return float(s)


def decimals(s: str) -> int:
    """Number of decimals written: ``95,91`` → 2, ``1.234`` → 0."""
    if "," in s:
        return len(s.rsplit(",", 1)[1])
    if "." in s and not regex.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return len(s.rsplit(".", 1)[1])
    return 0


_SIGN_AT = regex.compile(r"[%％]|phần[ \t\u00a0]++trăm")
_WINDOW = 48  # longest number + range written before a sign


def _matches(text: str):
    """Run the full pattern only on the stretches just before a sign: linear time.

    Nearby signs are merged into one stretch so that dense input (``1%1%1%…``)
    is still scanned once.
    """
    lo = hi = -1
    for hit in _SIGN_AT.finditer(text):
        start = max(0, hit.start() - _WINDOW)
        if start > hi:
            if hi >= 0:
                yield from PERCENT_RE.finditer(text, lo, hi)
            lo = start
        hi = hit.end()
    if hi >= 0:
        yield from PERCENT_RE.finditer(text, lo, hi)


def find_percents(text: str) -> list[Mention]:
    out = []
    for m in _matches(text):
        start = m.start()
        sign = m.group("sign")
        if sign and not _SIGN_OK.search(text[max(0, start - 1):start]):
            start += 1
            sign = None
        value = parse_number(m.group("a"))
        if sign in ("-", "−"):
            value = -value
        out.append(Mention(start, m.end(), "PERCENT", text[start:m.end()],
                           {"value": value}))
    return out
