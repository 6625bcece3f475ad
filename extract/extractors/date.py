"""DATE extractor: calendar expressions by the annotation guideline.

Covered: full dates (``16-6-2022``, ``16/6/2022``, ``19.12.2016``,
``16 tháng 6 năm 2022``), day and month after a time cue (``ngày 1/7``,
``sáng 23-5``, ``Trưa 13.7``, ``(2/4)``), month and year (``tháng 6/2022``,
``tháng 6 năm 2022``), ``năm 2021``, and ranges as one span (``2017-2019``,
``năm 2015-2021``, ``20 - 22/5/2018``, ``tháng 7-8/2018``,
``3/3/1959 – 3/3/2019``, after a time cue ``3 - 4/5``, ``30/5-7/6``).  The words
``ngày``, ``nhiệm kỳ``, ``giai đoạn`` stay outside the span; ``năm`` and ``tháng`` are kept.  Not dates: a bare year, a
month without a year, quarters, fractions, document numbers (``02/2017/TT-BYT``)
and ratios (``1.359/1.417``).

``attrs["iso"]`` is the ISO form (``2022-06-16``, ``2022-06``, ``2021``); a day
and month borrow ``year`` when it is given, else ``--MM-DD``.  A range also has
``attrs["iso_end"]``.

>>> [(m.text, m.attrs) for m in find_dates("ngày 16-6-2022 và sáng 23-5", year=2022)]
[('16-6-2022', {'iso': '2022-06-16'}), ('23-5', {'iso': '2022-05-23'})]
"""
from __future__ import annotations

import regex

from extract.records import Mention

_D = r"(?:3[01]|[12]\d|0?[1-9])"
_M = r"(?:1[0-2]|0?[1-9])"
_Y = r"(?:1[6-9]\d\d|20\d\d)"
_S = r"[ \t\u00a0]"  # a space inside one line
_DASH = rf"{_S}*+[-–—]{_S}*+"
_NAM = r"[nN](?:ăm|ĂM)"
_THANG = r"[tT](?:háng|HÁNG)"

DATE_RE = regex.compile(
    rf"""
    (?=[\dnNtT])                           # cheap first-character test
    (?<![\w.,/-])
    (?:
      # 3/3/1959 – 3/3/2019
      (?P<fr_d1>{_D})(?P<fr_s1>[/.-])(?P<fr_m1>{_M})(?P=fr_s1)(?P<fr_y1>{_Y})
        {_DASH}(?P<fr_d2>{_D})(?P<fr_s2>[/.-])(?P<fr_m2>{_M})(?P=fr_s2)(?P<fr_y2>{_Y})
    | # 24-27/4/2021, 20 - 22/5/2018, 30/4 - 1/5/2018
      (?P<dr_d1>{_D})(?:/(?P<dr_m1>{_M}))?{_DASH}(?P<dr_d2>{_D})(?P<dr_s>[/.-])(?P<dr_m2>{_M})(?P=dr_s)(?P<dr_y>{_Y})
    | # 16-6-2022, 16/6/2022, 19.12.2016, 1/7 năm 2016
      (?P<f_d>{_D})(?P<f_s>[/.-])(?P<f_m>{_M})(?:(?P=f_s)|{_S}++{_NAM}{_S}++)(?P<f_y>{_Y})
    | # 16 tháng 6 năm 2022, 16 tháng 6
      (?P<w_d>{_D}){_S}++{_THANG}{_S}++(?P<w_m>{_M})(?:,?{_S}++{_NAM}{_S}++(?P<w_y>{_Y}))?
    | # tháng 7-8/2018, tháng 6/2022, tháng 6 năm 2022, tháng 7 - 8 năm 2018
      {_THANG}{_S}++(?P<m_m1>{_M})(?:{_DASH}(?P<m_m2>{_M}))?
        (?:[/.-]|,?{_S}++{_NAM}{_S}++)(?P<m_y>{_Y})
    | # năm 2015-2021, năm 2021
      {_NAM}{_S}++(?P<n_y1>{_Y})(?:{_DASH}(?P<n_y2>{_Y}))?
    | # 2017-2019 (a period)
      (?P<r_y1>{_Y}){_DASH}(?P<r_y2>{_Y})
    | # 3 - 4/5, 30/5-7/6 (a range of days without a year, kept only after a time cue)
      (?P<dn_d1>{_D})(?:/(?P<dn_m1>{_M}))?{_DASH}(?P<dn_d2>{_D})/(?P<dn_m2>{_M})
    | # 1/7, 23-5, 13.7 (kept only after a time cue)
      (?P<dm_d>{_D})(?P<dm_s>[/.-])(?P<dm_m>{_M})
    )
    (?![\w/]|[.,-]\d|{_S}*+%)
    """,
    regex.VERBOSE,
)

# A day and month alone is a date only after one of these words (or "(").
_CUES_ANY = frozenset(
    "ngày sáng chiều trưa tối đêm khuya hôm nay qua mai mùng mồng "
    "từ đến tới và vào trước sau hạn".split()
)
# with "-" or "." (also scores, ranges, versions) only a day-part word will do
_CUES_STRICT = frozenset(
    "ngày sáng chiều trưa tối đêm khuya hôm nay qua mùng mồng từ đến".split()
)
_LIST_GAP = regex.compile(r"[ \t\u00a0]*+,[ \t\u00a0]*+")
# a quantity, not a date: "từ 3-5 năm", "1/3 số"
_UNIT_AFTER = regex.compile(
    r"[ \t\u00a0]*+(?:năm|tháng|tuần|ngày|giờ|phút|giây|người|tuổi|lần|số|phần|điểm|bàn|ván"
    r"|km|m|cm|mm|kg|g|tấn|tạ|ha|lít|tỷ|tỉ|triệu|nghìn|ngàn|trăm|đồng|USD|chiếc|con|cái"
    r"|xe|căn|hộ|học|đại|ha|m2|đơn|cán|trận|bài|lượt|hồ|phiếu)(?!\w)",
    regex.IGNORECASE,
)


def _iso(y, m=None, d=None, year=None) -> str:
    if y is None:
        base = f"{year:04d}" if year else "-"
        return f"{base}-{int(m):02d}-{int(d):02d}"
    if m is None:
        return f"{int(y):04d}"
    if d is None:
        return f"{int(y):04d}-{int(m):02d}"
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


class _Groups:
    """Lazy ``m.group(name)``: ``groupdict()`` costs more than the whole match."""
    __slots__ = ("m",)

    def __init__(self, m):
        self.m = m

    def __getitem__(self, name):
        return self.m.group(name)


def _attrs(m: regex.Match, year: int | None) -> dict | None:
    g = _Groups(m)
    if g["fr_d1"]:
        return {"iso": _iso(g["fr_y1"], g["fr_m1"], g["fr_d1"]),
                "iso_end": _iso(g["fr_y2"], g["fr_m2"], g["fr_d2"])}
    if g["dr_d1"]:
        m1 = g["dr_m1"] or g["dr_m2"]
        return {"iso": _iso(g["dr_y"], m1, g["dr_d1"]),
                "iso_end": _iso(g["dr_y"], g["dr_m2"], g["dr_d2"])}
    if g["f_d"]:
        return {"iso": _iso(g["f_y"], g["f_m"], g["f_d"])}
    if g["w_d"]:
        return {"iso": _iso(g["w_y"], g["w_m"], g["w_d"], year)}
    if g["m_m1"]:
        out = {"iso": _iso(g["m_y"], g["m_m1"])}
        if g["m_m2"]:
            if int(g["m_m2"]) <= int(g["m_m1"]):
                return None
            out["iso_end"] = _iso(g["m_y"], g["m_m2"])
        return out
    if g["n_y1"]:
        out = {"iso": g["n_y1"]}
        if g["n_y2"]:
            if not 0 < int(g["n_y2"]) - int(g["n_y1"]) <= 50:
                return None
            out["iso_end"] = g["n_y2"]
        return out
    if g["r_y1"]:
        if not 0 < int(g["r_y2"]) - int(g["r_y1"]) <= 50:
            return None
        return {"iso": g["r_y1"], "iso_end": g["r_y2"]}
    if g["dn_d1"]:
        m1 = g["dn_m1"] or g["dn_m2"]
        if not g["dn_m1"] and int(g["dn_d2"]) <= int(g["dn_d1"]):
            return None  # "3-2/5" is no range of days
        return {"iso": _iso(None, m1, g["dn_d1"], year), "iso_end": _iso(None, g["dn_m2"], g["dn_d2"], year)}
    if g["dm_d"]:
        return {"iso": _iso(None, g["dm_m"], g["dm_d"], year)}
    return None


def _day_month_ok(text: str, m: regex.Match, prev_end: int) -> bool:
    if _LIST_GAP.fullmatch(text, prev_end, m.start()):
        pass  # a list after a date: "ngày 29/4, 20/5, 27/5 và 24/6"
    else:
        before = text[max(0, m.start() - 12):m.start()].rstrip(" \t\u00a0")
        slash = m.group("dm_s") == "/" or bool(m.group("dn_d1"))
        if not (slash and before.endswith("(")):
            words = before.rsplit(None, 1)
            if not words:
                return False
            cues = _CUES_ANY if slash else _CUES_STRICT
            if words[-1].lstrip("([“\"'").rstrip(",").lower() not in cues:
                return False  # "ngày 1/7", "(ngày 24 - 26/4)", "Sáng nay, 27/6"
    return not _UNIT_AFTER.match(text, m.end())


def find_dates(text: str, year: int | None = None) -> list[Mention]:
    out = []
    prev_end = -10
    for m in DATE_RE.finditer(text):
        if (m.group("dm_d") or m.group("dn_d1")) and not _day_month_ok(text, m, prev_end):
            continue
        attrs = _attrs(m, year)
        if attrs is None:
            continue
        out.append(Mention(m.start(), m.end(), "DATE", m.group(), attrs))
        prev_end = m.end()
    return out
