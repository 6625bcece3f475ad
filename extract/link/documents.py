"""Document records from DOC mentions: one per distinct document.

``ref`` is the official number when written (``21-NQ/TW``), else the span
without ``số`` (``Chỉ thị 05``); a short reference (``Nghị định số 81``) joins
the document whose official number starts with the same number and type
(``81/2015/NĐ-CP``), and a law written with an abbreviation (``Luật Hỗ trợ
DNNVV``) joins the law it abbreviates.  ``type`` is the full type word (from the
code when the span has none, ``NQ`` → ``Nghị quyết``).  ``date`` comes from the
DATE right after the document (``... ngày 16-6-2022``, ``Luật Quốc phòng năm
2005``) or a law's own year.  ``issuer`` is the body written as issuing it:

* ``của`` right after the document or its date (``... ngày 21-1-2019 của Ban Bí
  thư``), read from an ORG/POSITION mention there when one is given, else from
  the words (``data/patterns/issuer_words.tsv``); ``của Đảng`` is no issuer;
* the issuer of the next document when the two are joined by ``và`` or a comma
  (``Quyết định 2218/QĐ-TTg và Nghị định số 108/2014/NĐ-CP của Thủ tướng Chính phủ``);
* the subject of ``X đã ban hành DOC`` / ``Quốc hội thông qua Luật ...``;
* a body named for the number's code (``data/patterns/issuer_codes.tsv``) and
  written later in the same sentence, or after ``Thay mặt`` before it.
"""
from __future__ import annotations

import functools

import regex

from extract.extractors.document import PATTERNS_DIR, type_by_code
from extract.normalise import fold_text
from extract.records import Document, Mention


@functools.cache
def _issuer_words() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    heads, parts, stops = [], set(), set()
    for line in (PATTERNS_DIR / "issuer_words.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, role = line.split("\t")[:2]
        key = fold_text(word)
        {"head": heads.append, "part": parts.add, "stop": stops.add}[role](key)
    return tuple(sorted(heads, key=len, reverse=True)), frozenset(parts), frozenset(stops)


@functools.cache
def _issuer_codes() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in (PATTERNS_DIR / "issuer_codes.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, names = line.split("\t")[:2]
        out[code] = out.get(code, ()) + tuple(n for n in names.split("|") if n)
    return out


@functools.cache
def _head_re() -> regex.Pattern:
    heads = _issuer_words()[0]
    return regex.compile(
        r"(?<!\w)(?:" + "|".join(regex.escape(h) for h in heads) + r")(?!\w)"
    )


_SYLLABLE = regex.compile(r"[ \t\u00a0]+([\w.]+)")
_TITLE = regex.compile(r"\p{Lu}\p{Ll}*\.?\p{Lu}?\p{Ll}*")
_ABBR = regex.compile(r"\p{Lu}[\p{Lu}.]*\p{Lu}?\.?\p{Lu}*\p{Ll}?\p{Lu}*")
_UPPER_ONLY = regex.compile(r"[\p{Lu}\d.]+")


def _phrase_at(text: str, folded: str, pos: int) -> str | None:
    """An issuer phrase starting at ``pos`` (a head word, then its name), or None."""
    heads, parts, stops = _issuer_words()
    m = _head_re().match(folded, pos)
    if not m:
        return None
    end = m.end()
    prev_title = False
    while True:
        s = _SYLLABLE.match(text, end)
        if not s:
            break
        tok = s.group(1).rstrip(".")
        low = fold_text(tok)
        if low in stops or not tok:
            break
        if tok[0].isupper():
            prev_title = len(tok) == 1 or not _UPPER_ONLY.fullmatch(tok)
            end = s.start(1) + len(tok)
            continue
        two = _SYLLABLE.match(text, s.end())
        pair = f"{low} {fold_text(two.group(1))}" if two else ""
        if pair in parts:
            end = two.end()
            prev_title = False
            continue
        if prev_title:
            end = s.start(1) + len(tok)
            prev_title = False
            continue
        break
    phrase = text[pos:end]
    if fold_text(phrase) in ("đảng", "trung ương đảng") and phrase[0].isupper() and phrase == "Đảng":
        return None
    return phrase


def _issuer_from_mentions(pos: int, others: list[Mention]) -> str | None:
    best = None
    for o in others:
        if o.start == pos and o.label in ("ORG", "POSITION"):
            if best is None or o.end > best.end:
                best = o
    if best is None or best.text in ("Đảng",):
        return None
    return best.text


_AFTER_DATE = regex.compile(r"[ \t\u00a0]*+,?[ \t\u00a0]*+(?:(?:ban hành|ký)[ \t\u00a0]++)?(?:[nN]gày[ \t\u00a0]++)")
_AFTER_YEAR = regex.compile(r"[ \t\u00a0]++(?=[nN]ăm[ \t\u00a0])")
_KHOA = regex.compile(r"[ \t\u00a0]*+\((?:[kK]h(?:óa|oá))[ \t\u00a0]++[IVXLC]++\)")
_CUA = regex.compile(r"[ \t\u00a0]*+,?[ \t\u00a0]*+của[ \t\u00a0]++")
_JOIN = regex.compile(r"[ \t\u00a0]*+(?:,|và|;)[ \t\u00a0]*+")
_ISSUE_VERB = regex.compile(
    r"(?:(?:đã|vừa|mới|đã\s+ký|vừa\s+ký)\s+)?(?:ký\s+)?"
    r"(?:ban\s+hành|có|ra|ký|thông\s+qua|bấm\s+nút\s+thông\s+qua|nhấn\s+nút\s+thông\s+qua"
    r"|ấn\s+nút\s+thông\s+qua|biểu\s+quyết\s+thông\s+qua)\s+$"
)
_CLAUSE_START = regex.compile(r"[;:!?\n,“\"(]|\.(?=\s)")
_SENTENCE_END = regex.compile(r"[.;:!?\n](?:\s|$)")
_THAY_MAT = regex.compile(r"Thay mặt[ \t\u00a0]++")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    hi_m = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    return lo, (hi_m.start() if hi_m else min(len(text), end + 400))


def _code_issuer(text: str, doc: Mention, after_from: int) -> str | None:
    codes = regex.findall(r"\p{Lu}[\p{L}\d]*", doc.attrs.get("ref", "")) if _is_official(doc) else []
    names = [n for c in codes for n in _issuer_codes().get(c, ())]
    if not names:
        return None
    lo, hi = _sentence_bounds(text, doc.start, doc.end)
    window = text[after_from:hi]
    best = None
    for n in names:
        # the body as the subject of a clause: ", Thủ tướng Chính phủ phê chuẩn"
        m = regex.search(r"(?:^|,)[ \t\u00a0]*+\K" + regex.escape(n) + r"(?![\w/-])", window)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), n)
    if best:
        return best[1]
    before = text[lo:doc.start]
    t = _THAY_MAT.search(before)
    if t:
        for n in names:
            if before.startswith(n, t.end()):
                return n
    return None


def _is_official(doc: Mention) -> bool:
    ref = doc.attrs.get("ref", "")
    return bool(regex.match(r"\d", ref)) and "/" in ref


def _verb_issuer(text: str, folded: str, doc: Mention) -> str | None:
    lo = max(0, doc.start - 200)
    before = text[lo:doc.start]
    v = _ISSUE_VERB.search(before)
    if not v:
        return None
    clause_lo = max((m.end() for m in _CLAUSE_START.finditer(before, 0, v.start())), default=0)
    for h in _head_re().finditer(folded, lo + clause_lo, lo + v.start()):
        phrase = _phrase_at(text, folded, h.start())
        if phrase:
            return phrase
    return None


def _local(text: str, folded: str, doc: Mention, dates: list[Mention], others: list[Mention]):
    """(date, issuer position or None, end of what follows the document)."""
    date = None
    pos = doc.end
    by_start = {d.start: d for d in dates}
    a = _AFTER_DATE.match(text, pos)
    if a and a.end() in by_start:
        d = by_start[a.end()]
        date, pos = d.attrs.get("iso"), d.end
    else:
        y = _AFTER_YEAR.match(text, pos)
        if y and y.end() in by_start:
            d = by_start[y.end()]
            date, pos = d.attrs.get("iso"), d.end
    if date is None and doc.attrs.get("year"):
        date = doc.attrs["year"]
    k = _KHOA.match(text, pos)
    if k:
        pos = k.end()
    issuer = None
    c = _CUA.match(text, pos)
    if c:
        issuer = _issuer_from_mentions(c.end(), others) or _phrase_at(text, folded, c.end())
    return date, issuer, pos


def _initials(words: list[str]) -> str:
    return "".join(fold_text(w)[0].replace("đ", "d") for w in words if w).upper()


def _law_key(ref: str) -> str:
    return fold_text(ref)


def link_documents(text: str, mentions: list[Mention]) -> list[Document]:
    docs = sorted((m for m in mentions if m.label == "DOC"), key=lambda m: m.start)
    dates = [m for m in mentions if m.label == "DATE"]
    others = [m for m in mentions if m.label in ("ORG", "POSITION")]
    folded = fold_text(text)

    local = [_local(text, folded, d, dates, others) for d in docs]
    issuers = [x[1] for x in local]
    # "A và B của X": A takes X too (right to left, so chains carry)
    for i in range(len(docs) - 2, -1, -1):
        if issuers[i] is None and issuers[i + 1] is not None:
            j = _JOIN.fullmatch(text, local[i][2], docs[i + 1].start)
            if j:
                issuers[i] = issuers[i + 1]
    for i, d in enumerate(docs):
        if issuers[i] is None:
            issuers[i] = _verb_issuer(text, folded, d) or _code_issuer(text, d, local[i][2])

    # keys: official numbers; short refs join an official one; laws fold case
    officials = [d for d in docs if _is_official(d)]
    keys = []
    for d in docs:
        ref = d.attrs.get("ref", d.text)
        if _is_official(d):
            keys.append(ref)
            continue
        num = d.attrs.get("number")
        if num:
            match = next((o for o in officials if _joins(o, d, num)), None)
            keys.append(match.attrs["ref"] if match else ref)
            continue
        keys.append(_law_key(ref))
    keys = _merge_abbreviations(keys, docs)

    records: dict[str, Document] = {}
    for i, d in enumerate(docs):
        key = keys[i]
        rec = records.get(key)
        ref = d.attrs.get("ref", d.text)
        if rec is None:
            rec = records[key] = Document(ref=ref, type=d.attrs.get("type"), start=d.start, end=d.end)
        elif _is_official(d) and not regex.match(r"\d", rec.ref):
            rec.ref = ref
            rec.type = d.attrs.get("type") or rec.type
        if rec.date is None and local[i][0]:
            rec.date = local[i][0]
        if rec.issuer is None and issuers[i]:
            rec.issuer = issuers[i]
    return list(records.values())


def _joins(official: Mention, short: Mention, number: str) -> bool:
    ref = official.attrs["ref"]
    lead = regex.match(r"\d+", ref).group()
    if int(lead) != int(regex.match(r"\d+", number).group()):
        return False
    t1, t2 = official.attrs.get("type"), short.attrs.get("type")
    if t1 == t2:
        return True
    code = official.attrs.get("code")
    return code is not None and type_by_code().get(code) == t2


def _merge_abbreviations(keys: list[str], docs: list[Mention]) -> list[str]:
    """``luật hỗ trợ dnnvv`` → ``luật hỗ trợ doanh nghiệp nhỏ và vừa`` when both are written."""
    out = list(keys)
    full = set(keys)
    for i, d in enumerate(docs):
        words = d.text.split()
        if len(words) < 3 or not _UPPER_ONLY.fullmatch(words[-1]) or words[-1].isdigit():
            continue
        prefix = fold_text(" ".join(words[:-1])) + " "
        for k in full:
            if k != keys[i] and k.startswith(prefix):
                rest = k[len(prefix):].split()
                if rest and _initials(rest) == words[-1].replace("Đ", "D").upper():
                    out[i] = k
                    break
    return out
