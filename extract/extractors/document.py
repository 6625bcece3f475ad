"""DOC extractor: references to specific documents, by the annotation guideline.

A DOC is a type word with its number or proper name:

* an official number, Party style ``21-NQ/TW``, ``122 - TTr / UBKTTW`` or state
  style ``15/2020/NĐ-CP``, ``02/2017/TT- BYT``, ``4060/NHNN-TTGSNH``, after a
  type word (``Nghị quyết số 21-NQ/TW``, ``quyết định 808/QĐ-NHNN``), after a
  shorthand (``NĐ 59/2015/NĐ-CP``) or alone when its code names a document type;
* a bare number after a type word (``Chỉ thị 35``, ``chỉ thị số 01``);
* a Party resolution by name (``Nghị quyết Trung ương 4 (khóa XII)``,
  ``Nghị quyết Đại hội XIII``, ``Nghị quyết Đại hội Đảng bộ Quân đội lần thứ 10``);
* a code, law or ordinance by name (``Luật Du lịch``, ``Bộ luật Hình sự 2015``,
  ``Luật Quốc phòng (sửa đổi)``, ``Hiến pháp 2013``), names from
  ``data/patterns/law_names.txt`` first, else a short capitalised name.

Type words and codes are data (``data/patterns/document_types.tsv``).
``attrs`` carry ``ref`` (the official number without spaces, else the span
without ``số``), ``type`` (the record type word) and, when written, ``number``,
``code`` (first code of an official number) and ``year`` (a law's bare year).

>>> [(m.text, m.attrs["ref"]) for m in find_documents("theo Nghị quyết số 21-NQ/TW ngày 16-6-2022")]
[('Nghị quyết số 21-NQ/TW', '21-NQ/TW')]
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import regex

from extract.normalise import fold_text
from extract.records import Mention

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "data" / "patterns"


@dataclass(frozen=True)
class DocType:
    word: str  # as written in the table (matched case-insensitively)
    codes: tuple[str, ...]
    cls: str  # numbered | other | law | short
    record_type: str


@functools.cache
def document_types() -> tuple[DocType, ...]:
    rows = []
    for line in (PATTERNS_DIR / "document_types.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, codes, cls, rec = (line.split("\t") + ["", "", ""])[:4]
        rows.append(DocType(word, tuple(c for c in codes.split(",") if c), cls, rec or word))
    return tuple(rows)


@functools.cache
def type_by_word() -> dict[str, DocType]:
    """Folded type word → DocType (shorthand codes keep their case)."""
    return {(t.word if t.cls == "short" else fold_text(t.word)): t for t in document_types()}


@functools.cache
def type_by_code() -> dict[str, str]:
    """Code → record type, for codes that name exactly one type (NQ → Nghị quyết)."""
    seen: dict[str, set[str]] = {}
    for t in document_types():
        if t.cls in ("numbered", "law", "other"):
            for c in t.codes:
                seen.setdefault(c, set()).add(t.record_type)
    return {c: next(iter(v)) for c, v in seen.items() if len(v) == 1}


@functools.cache
def law_names() -> tuple[str, ...]:
    names = set()
    for line in (PATTERNS_DIR / "law_names.txt").read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.add(fold_text(line))
    return tuple(sorted(names, key=len, reverse=True))


# ---------------------------------------------------------------- patterns
_SP = r"[ \t\u00a0]"
# an issuing code: upper-case letters and digits, at most one lower-case letter
# inside (TTg, TTr); never followed by another letter
_CODE = r"\p{Lu}[\p{Lu}\d]*+(?:[a-zđ][\p{Lu}\d]*+)?+(?![\p{L}\d])"
_PARTY = rf"\d++{_SP}*+[-–]{_SP}*+{_CODE}(?:{_SP}*+/{_SP}*+{_CODE})++"
# a number may carry a letter (30a/2008/NQ-CP) and its year after a hyphen (19-2017/NQ-CP)
_STATE = rf"\d++[a-z]?+(?:[/-](?:19|20)\d\d)?+/{_CODE}(?:{_SP}*+-{_SP}*+{_CODE})*+"
_OFFICIAL = rf"(?:{_PARTY}|{_STATE})"
_INFORMAL = rf"\d++(?:/(?:19|20)\d\d)?+(?![\w/]|[.,]\d|{_SP}++/)"  # "54 / 2017 / QH" is no bare number
_ROMAN = r"[IVXLC]++(?!\w)"
_KHOA = (rf"(?:{_SP}*+\({_SP}*+[kK]h(?:óa|oá){_SP}++{_ROMAN}(?:{_SP}*+,{_SP}*+{_ROMAN})*+{_SP}*+\)"
         rf"|,?{_SP}++[kK]h(?:óa|oá){_SP}++{_ROMAN})")
# a plenum's number: digits, a Roman numeral or a word ("lần thứ năm")
_PLENUM_NO = (r"(?:\d++(?!\w)|[IVX]++(?!\w)|(?:mười{_SP}++)?(?:một|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười)(?!\w))"
              .replace("{_SP}", _SP))
_CENTRAL = rf"(?:Trung{_SP}++ương|TƯ|TW|T\.Ư)(?!\w)"


# words that end a type word's modifier ("báo cáo chính thức số 33/BC-UBND",
# "quyết định phê duyệt số 1340/QĐ-TTg"): a second document or a clause follows them
_NOT_MODIFIER = r"(?:và|của|hoặc|hay|theo|tại|các|những|về|với|cho|do|số|ngày)"


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _cased_alternation(words) -> str:
    """``Nghị quyết`` or ``nghị quyết`` (first letter either case), longest first."""
    return "|".join(
        f"[{w[0].upper()}{w[0].lower()}]" + regex.escape(w[1:])
        for w in sorted(words, key=len, reverse=True)
    )


@functools.cache
def _doc_re() -> regex.Pattern:
    numbered = [t.word for t in document_types() if t.cls in ("numbered", "other")]
    shorts = [t.word for t in document_types() if t.cls == "short"]
    return regex.compile(
        rf"""
        (?=[\d{"".join(sorted({c for w in numbered + shorts + ["Nghị"] for c in (w[0].upper(), w[0].lower())}))}])
        (?<![\w/.-])
        (?:
          (?P<tw>{_cased_alternation(numbered)})(?!\w)
            (?P<mod>(?:{_SP}++(?!{_NOT_MODIFIER}(?!\w))\p{{Ll}}++){{1,3}}?(?={_SP}++số{_SP}*+\d))?+
            (?:{_SP}++(?P<so>[sS]ố))?+{_SP}*+:?{_SP}*+
            (?:(?P<off>{_OFFICIAL})|(?P<inf>{_INFORMAL}))
        | (?P<nq>Nghị{_SP}++quyết){_SP}++
            (?P<named>
               (?:Hội{_SP}++nghị{_SP}++)?(?:lần{_SP}++thứ{_SP}++\d++{_SP}++)?
               (?:Ban{_SP}++Chấp{_SP}++hành{_SP}++)?Trung{_SP}++ương{_SP}++(?:\d++|{_ROMAN})(?!\w){_KHOA}?+
             | Hội{_SP}++nghị{_SP}++(?:lần{_SP}++thứ{_SP}++)?{_PLENUM_NO}{_SP}++
               (?:Ban{_SP}++Chấp{_SP}++hành{_SP}++)?{_CENTRAL}{_KHOA}?+
             | Hội{_SP}++nghị{_SP}++{_CENTRAL}{_SP}++{_PLENUM_NO}{_KHOA}?+
             | Đại{_SP}++hội(?:{_SP}++\w++){{0,6}}?
               {_SP}++(?:lần{_SP}++thứ{_SP}++(?:\d++(?!\w)|{_ROMAN})|{_ROMAN}){_KHOA}?+
            )
        | (?P<sh>{_alternation(shorts)}){_SP}++(?:[sS]ố{_SP}++)?(?P<shoff>{_OFFICIAL})
        | (?P<bare>{_OFFICIAL})
        )
        """,
        regex.VERBOSE,
    )


_LAW_HEAD = regex.compile(
    rf"(?<![\w/.-])(?P<head>[Bb]ộ{_SP}++[Ll]uật|BỘ{_SP}++LUẬT|[Ll]uật|LUẬT|Pháp{_SP}++lệnh|Hiến{_SP}++pháp){_SP}++"
)
# words that make a compound with a lower-case "luật" before it: "pháp luật Nhà nước" is the law
# in general, "kỷ luật" discipline; a lower-case "luật"/"bộ luật" names a law only when its
# capitalised name follows ("luật An ninh mạng", as the press writes it)
_LAW_COMPOUND_BEFORE = regex.compile(
    r"(?:pháp|kỷ|quy|điều|giới|dự|hiến|quân|đạo|gia|Pháp|Kỷ|Quy|Điều|Dự|Đạo)\s*$"
)
# after a lower-case "luật" these are who makes or submits laws ("các luật Chính phủ trình"), not a name
_LAW_MAKERS_AFTER = regex.compile(rf"(?:Chính{_SP}++phủ|Tổng{_SP}++thống|Quốc{_SP}++hội|Nhà{_SP}++nước)(?!\w)")
# words written before "Luật" when it is not a law: a school, a firm, a lawyer
_NOT_LAW_BEFORE = regex.compile(
    r"(?:Đại\s+học|ĐH|Trường|trường|Khoa|khoa|Công\s+ty|công\s+ty|Văn\s+phòng|văn\s+phòng|Viện|viện"
    r"|Đoàn|đoàn|Hãng|hãng|Kỷ|kỷ|Cử\s+nhân|cử\s+nhân|Thạc\s+sĩ|thạc\s+sĩ|Tiến\s+sĩ|tiến\s+sĩ|Tạp\s+chí"
    r"|Hội|hội|Ban|ngành|Ngành|Sinh\s+viên|sinh\s+viên)\s*$"
)
# capitalised tokens that start a firm's or a school's name, never a law's
_NOT_LAW_NAME = frozenset(
    "TP TPHCM TP.HCM HCM TNHH Việt Hà Sài Mỹ Anh Pháp Nga Trung Nhật Đức Hàn VFF Plus Themis VN".split()
)
# a fallback law name stops before these words
_NAME_STOP = frozenset(
    """năm sửa đổi và của được đã đang sẽ thì là có này hiện hành quy định về tại với do cho theo
    trong khi mà nhưng để vừa gồm số điều khoản chương lần thông qua đến nay dự kiến không chưa
    cũng còn bị phải nên các những mới cần như hay hoặc từ trên dưới ra vào lại rất thực hiện
    năm nay ban hành hiệu lực áp dụng nói thể hiện đề ra cụ thể tới sau trước khác này đó
    """.split()
)
_CAPITALISED = regex.compile(r"\p{Lu}\p{Ll}")
_LOWER_WORD = regex.compile(r"\p{Ll}+")
_ACRONYM_NAME = regex.compile(r"\p{Lu}{2,6}")
_UPPER_START = regex.compile(r"\p{Lu}")
_TOKEN = regex.compile(rf"{_SP}*+([\p{{L}}\p{{N}}.]++)")
# "sửa đổi, bổ sung (một số điều) của": an amending law's title, then the law it amends
_AMENDING = rf"[sS]ửa{_SP}++đổi,?{_SP}++bổ{_SP}++sung{_SP}++(?:một{_SP}++số{_SP}++điều{_SP}++)?của{_SP}++"
_AMEND_NAME = regex.compile(rf"{_AMENDING}(?:các{_SP}++)?(?:[Bb]ộ{_SP}++[Ll]uật|Luật){_SP}++")
# codes of law known by their initials, alone a DOC: "Điều 104 BLHS", "BLHS 2015", and after an
# amending law's title ("Luật Sửa đổi, bổ sung một số điều của BLHS số 100/2015/QH13")
# (Bộ luật Hình sự, Tố tụng hình sự, Dân sự, Tố tụng dân sự, Lao động, Hàng hải)
_CODES_OF_LAW = ("BLHS", "BLTTHS", "BLDS", "BLTTDS", "BLLĐ", "BLHH")
_CODE_OF_LAW = regex.compile(rf"(?<![\w/-])(?P<code>{'|'.join(_CODES_OF_LAW)})(?![\w/-])")
_AMEND_CODE = regex.compile(rf"{_AMENDING}(?:{'|'.join(_CODES_OF_LAW)})(?![\w/-])")
_LAW_TAIL = regex.compile(
    rf"(?P<amend>{_SP}*+\((?:sửa{_SP}++đổi|Sửa{_SP}++đổi)\))?+"
    rf"(?P<year>{_SP}++(?P<y>(?:19|20)\d\d)(?![\w/]|[.,-]\d))?+"
    rf"(?:{_SP}++[sS]ố{_SP}++(?P<no>\d++/(?:19|20)\d\d/{_CODE}))?+"
)
_NAM_YEAR = regex.compile(rf"{_SP}++năm{_SP}++((?:19|20)\d\d)(?![\w/]|[.,-]\d)")
_YEAR = regex.compile(rf"{_SP}++((?:19|20)\d\d)(?![\w/]|[.,-]\d)")


@functools.cache
def _law_name_re() -> regex.Pattern:
    return regex.compile(rf"(?:{_alternation(law_names())})(?![\w])")


def _fallback_name(text: str, pos: int) -> int | None:
    """End of a capitalised name not in the lexicon: ``Thủy lợi`` in ``Luật Thủy lợi``."""
    m = _TOKEN.match(text, pos)
    word = m.group(1).rstrip(".") if m else ""
    if _ACRONYM_NAME.fullmatch(word) and word not in _NOT_LAW_NAME:
        return m.start(1) + len(word)  # a law known by its initials: "Luật NVQS" (nghĩa vụ quân sự)
    if not m or not _CAPITALISED.match(m.group(1)) or m.group(1) in _NOT_LAW_NAME:
        return None
    end = m.end()
    for i in range(4):
        n = _TOKEN.match(text, end)
        if not n:
            break
        tok = n.group(1)
        if tok.lower() in _NAME_STOP or not _LOWER_WORD.fullmatch(tok):
            if i == 0 and _UPPER_START.match(tok):
                return None  # two capitalised words: a person or a place
            break
        end = n.end()
    return end


def _law_name_end(text: str, folded: str, pos: int) -> int | None:
    m = _law_name_re().match(folded, pos)
    if m:
        return m.end()
    return _fallback_name(text, pos)


def _law_mentions(text: str, folded: str) -> list[Mention]:
    out = []
    for h in _LAW_HEAD.finditer(text):
        kind = " ".join(h.group("head").split()).lower()
        start, pos = h.start(), h.end()
        if _NOT_LAW_BEFORE.search(text, max(0, start - 20), start):
            continue
        if h.group("head")[0].islower() and (
            _LAW_COMPOUND_BEFORE.search(text, max(0, start - 10), start)
            or not text[pos : pos + 1].isupper()
            or _LAW_MAKERS_AFTER.match(text, pos)
        ):
            continue
        if kind == "hiến pháp":
            y = _YEAR.match(text, h.end() - 1)
            if y:
                out.append(_law(text, start, y.end(), "Hiến pháp", y.group(1)))
            else:
                y = _NAM_YEAR.match(text, h.end() - 1)
                if y:  # "Hiến pháp năm 2013": the year is a DATE of its own
                    out.append(_law(text, start, h.end() - 1, "Hiến pháp", None))
            continue
        amend = _AMEND_NAME.match(text, pos) if kind == "luật" else None
        code = _AMEND_CODE.match(text, pos) if kind == "luật" and amend is None else None
        name_end = code.end() if code else _law_name_end(text, folded, amend.end() if amend else pos)
        if name_end is None:
            continue
        tail = _LAW_TAIL.match(text, name_end)
        end = tail.end()
        rec = {"bộ luật": "Bộ luật", "luật": "Luật", "pháp lệnh": "Pháp lệnh"}[kind]
        out.append(_law(text, start, end, rec, tail.group("y"), tail.group("no")))
    return out


def _law(text, start, end, rec_type, year, number=None) -> Mention:
    span = text[start:end]
    attrs = {"ref": number or regex.sub(r"\s+", " ", span), "type": rec_type}
    if year:
        attrs["year"] = year
    return Mention(start, end, "DOC", span, attrs)


_UNIT_AFTER = regex.compile(
    rf"{_SP}*+(?:năm(?!{_SP}++(?:19|20)\d\d(?!\d))|tháng|tuần|ngày(?!{_SP}++\d{{1,2}}[/.-]\d)|giờ|người|tuổi|lần|tỷ|tỉ|triệu|nghìn|ngàn|đồng|%|km|ha)(?!\w)"
)


# lower-case type words that are never verbs: "thông tư 148" names a document
_NOUN_ONLY_TYPES = frozenset(fold_text(w) for w in ("thông tư", "nghị định", "chỉ thị", "nghị quyết", "công văn"))
# a verb-like type word ("quy định", "quyết định") with a bare number names a document
# when its issuer follows: "quy định 105 của Bộ Chính trị"
_ISSUER_AFTER = regex.compile(rf"{_SP}++của{_SP}++\p{{Lu}}")
# ... or when the number has three digits or more and its subject or the clause's end follows:
# "quyết định 1484 về việc thu hồi", "Toàn văn quy định 105" (a count names what it counts)
_SUBJECT_OR_END_AFTER = regex.compile(rf"{_SP}*+(?:[.,;:)\n]|$)|{_SP}++về{_SP}")


def normalise_number(s: str) -> str:
    """Official number without spaces, its dash a hyphen: ``122 - TTr / UBKTTW`` → ``122-TTr/UBKTTW``,
    ``40 – CT/TW`` → ``40-CT/TW``."""
    return regex.sub(r"\s+", "", s).replace("–", "-")


def _codes(number: str) -> list[str]:
    return regex.findall(r"\p{Lu}[\p{L}\d]*", number)


def _record_type(dtype: DocType | None, number: str | None) -> str | None:
    """The type word's record type, unless the number's code names another type."""
    codes = _codes(number) if number else []
    first = codes[0] if codes else None
    if dtype is not None and dtype.cls != "short":
        if first is None or first in dtype.codes or first not in type_by_code():
            return dtype.record_type
        return type_by_code()[first]
    if first in type_by_code():
        return type_by_code()[first]
    return dtype.record_type if dtype else None


def _doc_mention(text: str, m: regex.Match) -> Mention | None:
    start, end = m.start(), m.end()
    span = text[start:end]
    attrs: dict = {}
    if m.group("tw"):
        word = m.group("tw")
        dtype = type_by_word().get(fold_text(regex.sub(rf"{_SP}+", " ", word)))
        if dtype is None:
            return None
        off, inf = m.group("off"), m.group("inf")
        if m.group("mod") and (off is None or "/" not in off):
            return None  # words between the type word and "số" only before an official number
        if off is None:
            if dtype.cls == "other":
                return None
            if not word[0].isupper() and not m.group("so") and not (
                fold_text(word) in _NOUN_ONLY_TYPES or _ISSUER_AFTER.match(text, end)
                or (len(inf) >= 3 and inf.isdigit() and _SUBJECT_OR_END_AFTER.match(text, end))
            ):
                return None  # "quyết định 3 ..." is a verb and a count
            if _UNIT_AFTER.match(text, end):
                return None
        if off and "/" not in off and dtype.cls == "other":
            return None
        number = normalise_number(off) if off else None
        attrs["type"] = _record_type(dtype, number)
        if number:
            attrs["ref"] = number
            attrs["code"] = _codes(number)[0]
        else:
            attrs["ref"] = regex.sub(r"\s+", " ", text[start:m.start("so")] + text[m.start("inf"):end]) \
                if m.group("so") else regex.sub(r"\s+", " ", span)
            attrs["number"] = inf
    elif m.group("nq"):
        attrs["type"] = "Nghị quyết"
        attrs["ref"] = regex.sub(r"\s+", " ", span)
    elif m.group("sh"):
        dtype = type_by_word().get(m.group("sh"))
        number = normalise_number(m.group("shoff"))
        attrs.update(ref=number, type=_record_type(dtype, number), code=_codes(number)[0])
    else:
        number = normalise_number(m.group("bare"))
        codes = _codes(number)
        if not codes or codes[0] not in type_by_code() or "/" not in number:
            return None
        if not (regex.match(r"\d+-", number) or regex.match(r"\d+/(?:19|20)\d\d/", number)):
            return None  # "5/CT" alone is too weak
        attrs.update(ref=number, type=type_by_code()[codes[0]], code=codes[0])
    return Mention(start, end, "DOC", span, attrs)


@functools.cache
def _first_syllables() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Lower-case first syllables of the type words, and the shorthand codes."""
    words = [t.word for t in document_types() if t.cls in ("numbered", "other")] + ["Nghị quyết"]
    shorts = [t.word for t in document_types() if t.cls == "short"]
    return tuple(sorted({w.split()[0].lower() for w in words})), tuple(shorts)


_NUMBER_START = regex.compile(r"(?<![\w/.-])\d++[ \t\u00a0]*+[-/]")


def _candidates(text: str):
    """Start positions worth trying: type words (found with str.find) and numbers."""
    low = text.lower()
    if len(low) != len(text):
        yield from (m.start() for m in _doc_re().finditer(text))
        return
    syllables, shorts = _first_syllables()
    starts = set()
    for needle, hay in [(w, low) for w in syllables] + [(c, text) for c in shorts]:
        i = hay.find(needle)
        while i >= 0:
            starts.add(i)
            i = hay.find(needle, i + 1)
    starts.update(m.start() for m in _NUMBER_START.finditer(text))
    yield from sorted(starts)


def find_documents(text: str) -> list[Mention]:
    found = []
    last = 0
    pattern = _doc_re()
    for pos in _candidates(text):
        if pos < last:
            continue
        m = pattern.match(text, pos)
        if m is None:
            continue
        last = m.end()
        mention = _doc_mention(text, m)
        if mention is not None:
            found.append(mention)
    if _LAW_HEAD.search(text):
        found += _law_mentions(text, fold_text(text))
    for m in _CODE_OF_LAW.finditer(text):
        year = _YEAR.match(text, m.end())
        end = year.end() if year else m.end()
        found.append(_law(text, m.start(), end, "Bộ luật", year.group(1) if year else None))
    # same label never overlaps: the longest (then the first) span wins
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    for x in found:
        if out and x.start < out[-1].end:
            continue
        out.append(x)
    return out
