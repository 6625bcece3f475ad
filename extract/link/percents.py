"""Percent records from PERCENT mentions: one per mention, in text order.

``kind`` is ``change`` only for a rise, fall or difference (``tăng 0,14%``,
``giảm 9 đơn vị (34,6%)``) or a growth rate (``GDP 6,5%``), with ``direction``
``up``/``down``; start and target levels (``từ 56% lên 70%``) and reached
shares are ``level``.  The cue is the nearest cue word before the figure in its
clause (``data/patterns/percent_cues.tsv``); a figure joined to the previous
one by ``/`` or ``và`` with no cue between takes that one's kind
(``tăng 50% vào năm 2025 và 100% vào năm 2030``).

``subject`` is the short phrase measured, as written: a change in brackets
after a figure measures the same thing (``chi ủy ... 95,91% (tăng 0,14%``);
``X đạt|chiếm|là|bằng|= z%`` measures X; else the noun phrase after the figure
(``100% cơ quan quân sự xã, phường, thị trấn có chi bộ``); else the phrase
before the change word.

``check``: where the ratio is written before the figure (``1.359/1.417 =
95,91%``, ``410/442 (chiếm 83,50%)``), ``ok`` when it gives the figure rounded
to the decimals written, else ``mismatch``; None without a ratio.
"""
from __future__ import annotations

import functools

import regex

from extract.extractors.document import PATTERNS_DIR
from extract.extractors.percent import decimals, parse_number
from extract.records import Mention, Percent


@functools.cache
def _cues() -> tuple[regex.Pattern, dict[str, tuple[str, str | None]]]:
    table: dict[str, tuple[str, str | None]] = {}
    for line in (PATTERNS_DIR / "percent_cues.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""]
        table[cols[0].lower()] = (cols[1], cols[2] or None)
    alt = "|".join(regex.escape(c) for c in sorted(table, key=len, reverse=True))
    return regex.compile(rf"(?<![\w])(?:{alt})(?![\w])", regex.IGNORECASE), table


_STOP_BACK = regex.compile(r"[.;:!?\n](?=\s|$)|[;!?\n]")
_WINDOW = 90
_JOIN_GAP = regex.compile(r"[\s,/]*+(?:(?:vào|trong|đến|tới)\s++(?:năm|tháng)\s++\d++\s*+)?(?:và|hoặc|,|/|-)?\s*+", regex.IGNORECASE)
_LEVEL_VERB = regex.compile(r"(?<!\w)(?:đạt|chiếm|là|bằng)(?!\w)|=")
_LEAD_WORDS = regex.compile(r"^(?:\s|trong\s+đó|có|với|thì|còn|và|cụ\s+thể|riêng)+", regex.IGNORECASE)
_TRAIL_NUM = regex.compile(r"[\s\d.,/()%-]+$")
_AFTER_STOP = regex.compile(
    r"[.;:()\n\"“”]|,\s*(?:trong|nhưng|còn|tức|tương|so|với|và)\b|\s+(?:so\s+với|đạt|là|chưa|sẽ|đã|được|"
    r"thực\s+hiện|tán\s+thành|đồng\s+ý|vào|trong\s+khi|tại|trên\s+tổng)(?!\w)|,\s*$"
)
_NUM = r"\d{1,3}(?:\.\d{3})++(?!\d)|\d++"
_RATIO = regex.compile(rf"(?<![\w/.,])({_NUM})\s*+/\s*+({_NUM})(?![\w/]|[.,]\d)")


def _clause_start(text: str, pos: int, floor: int) -> int:
    lo = max(floor, pos - _WINDOW)
    stops = [m.end() for m in _STOP_BACK.finditer(text, lo, pos)]
    return stops[-1] if stops else lo


def _kind(text: str, lo: int, pos: int):
    """(role, direction) of the nearest cue in text[lo:pos], or None."""
    pat, table = _cues()
    last = None
    for m in pat.finditer(text, lo, pos):
        role, direction = table[m.group().lower()]
        if role == "neutral":
            continue
        last = (role, direction)
    return last


def _subject_before(text: str, lo: int, end: int) -> str | None:
    seg = text[lo:end]
    cut = max(seg.rfind(","), seg.rfind("("), seg.rfind(":"))
    seg = seg[cut + 1:] if cut >= 0 else seg
    seg = _LEAD_WORDS.sub("", seg)
    seg = _TRAIL_NUM.sub("", seg).strip()
    return seg or None


def _subject_after(text: str, end: int) -> str | None:
    seg = text[end:end + 120]
    if not seg[:1].isspace():
        return None
    m = _AFTER_STOP.search(seg)
    seg = (seg[:m.start()] if m else seg).strip()
    if not seg or not seg[0].isalpha():
        return None
    return seg


def _check(text: str, lo: int, m: Mention, blocked: list[Mention]) -> str | None:
    best = None
    for r in _RATIO.finditer(text, max(lo, m.start - 60), m.start):
        if any(b.start < r.end() and r.start() < b.end for b in blocked):
            continue
        best = r
    if best is None:
        return None
    x, y = parse_number(best.group(1)), parse_number(best.group(2))
    if y == 0:
        return None
    num = regex.match(r"[-−+]?([\d.,]+)", m.text).group(1)
    places = decimals(num)
    return "ok" if round(x / y * 100, places) == round(abs(m.attrs.get("value", parse_number(num))), places) else "mismatch"


def link_percents(text: str, mentions: list[Mention]) -> list[Percent]:
    pcts = sorted((m for m in mentions if m.label == "PERCENT"), key=lambda m: m.start)
    blocked = [m for m in mentions if m.label in ("DATE", "DOC")]
    out: list[Percent] = []
    prev: Mention | None = None
    for m in pcts:
        value = m.attrs.get("value")
        if value is None:
            value = parse_number(regex.search(r"[\d.,]+", m.text).group())
        lo = _clause_start(text, m.start, 0)
        joined = False
        if prev is not None and prev.end > lo:
            gap = _JOIN_GAP.fullmatch(text, prev.end, m.start)
            joined = gap is not None and _kind(text, prev.end, m.start) is None
            lo = prev.end
        cue = _kind(text, lo, m.start)
        if joined and out:
            kind, direction = out[-1].kind, out[-1].direction
        elif cue and cue[0] in ("change", "growth"):
            kind, direction = "change", cue[1]
            if value < 0 and cue[0] == "growth":
                direction = "down"
        else:
            kind, direction = "level", None

        clause_lo = _clause_start(text, m.start, 0)
        subject = None
        in_brackets = text[clause_lo:m.start].rfind("(") > text[clause_lo:m.start].rfind(")")
        if joined and out:
            subject = out[-1].subject
        elif kind == "change" and in_brackets and out and prev is not None and prev.end > clause_lo:
            subject = out[-1].subject
        if subject is None:
            verbs = list(_LEVEL_VERB.finditer(text, clause_lo, m.start))
            if verbs and kind == "level":
                subject = _subject_before(text, clause_lo, verbs[-1].start())
        if subject is None:
            subject = _subject_after(text, m.end)
        if subject is None and kind == "change":
            pat, table = _cues()
            cues = [c for c in pat.finditer(text, clause_lo, m.start) if table[c.group().lower()][0] == "change"]
            if cues:
                subject = _subject_before(text, clause_lo, cues[-1].start())

        out.append(Percent(
            text=m.text, value=value, kind=kind, direction=direction, subject=subject,
            start=m.start, end=m.end, check=_check(text, lo, m, blocked),
        ))
        prev = m
    return out
