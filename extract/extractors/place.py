"""LOC: named places (``data/lexicons/places.tsv``, ``admin_prefixes.tsv``).

Two rules:
- a lexicon place (provinces, cities, districts, countries, regions, seas), every
  capitalised syllable of the entry capitalised in the text as well;
- an administrative prefix followed by a capitalised name: the name is the LOC and the
  prefix stays outside (``tỉnh [Yên Bái]``), except when the name is a number
  (``[quận 1]``); a fused abbreviation is one LOC (``[TP.HCM]``).
"""
from __future__ import annotations

from extract.extractors.context import HONORIFICS, Ctx, cap_run
from extract.lexicons import load_lexicon, surnames
from extract.normalise import fold_text

# one-syllable country names that are also given names or common words: a LOC only
# when no capitalised syllable touches them and they do not open a sentence
_AMBIGUOUS = frozenset(
    fold_text(w) for w in "Anh Nga Mỹ Pháp Đức Ý Úc Áo Bỉ Nhật Séc Síp Huế Vinh Lào VN".split()
)
# ambiguous country names that still name the country when they open a sentence
# ("Mỹ có thể ..."); "Anh", "Nga", "Đức" open sentences as pronouns and given names
_COUNTRY_AT_START = frozenset(fold_text(w) for w in "Mỹ Pháp Lào Nhật Úc Bỉ Séc Síp".split())
# a country syllable and a lower-case syllable that make one word: "Pháp luật", "Anh hùng"
_COMPOUND_AFTER_COUNTRY = {
    fold_text(k): frozenset(fold_text(w) for w in v.split())
    for k, v in {
        "Pháp": "luật lệnh lý chế y quyền sư danh",
        "Anh": "hùng dũng em chị tài",
        "Nhật": "ký kỳ",
        "Mỹ": "thuật phẩm nghệ mãn",
        "Đức": "tin tính độ",
        "Ý": "kiến nghĩa thức chí tưởng định",
        "Áo": "dài",
    }.items()
}
# clause openers that may stand capitalised before a country: "Nếu Mỹ ...", "Khi Nga ..."
_OPENERS = frozenset(fold_text(w) for w in "Nếu Khi Tại Với Theo Trong Nhưng Và Còn Sau Trước Để Từ Cả Phía Nay".split())
# prefixes after which a number names the place itself: [quận 1], [Quận 3]
_NUMBERED = frozenset(fold_text(w) for w in "quận phường Q".split())
_COMPOUND_SECOND = frozenset(fold_text(w) for w in "ủy uỷ đoàn đội hội trưởng lỵ bộ viên".split())
_BAN_COMPOUNDS = frozenset(fold_text(w) for w in "văn cơ phiên nguyên dự kịch bài".split())
_PREFIX_ONLY_UPPER = frozenset(fold_text(w) for w in "TP Tp TX Q".split())
# roads, streets and bridges named after places are not places ("cầu Việt Trì", "phố Huế")
_ROAD_BEFORE = frozenset(fold_text(w) for w in "đường phố cầu ngõ hẻm".split())
_PERSON_BEFORE = HONORIFICS - {fold_text("đồng"), fold_text("chí")}  # "đồng Việt Nam" is money
# "thành phố", "tuyến đường"; "yêu cầu", "nhu cầu", "điểm cầu" (a video link), "toàn cầu"
_COMPOUND_ROAD = frozenset(fold_text(w) for w in "thành tuyến yêu nhu điểm toàn khẩn".split())


def _case_ok(row: dict, toks, i: int, n: int) -> bool:
    etoks = row["_tokens"]
    for k in range(n):
        e, t = etoks[k], toks[i + k]
        if e[0].isalpha():
            if e[0].isupper() and not t.text[0].isupper():
                return False
            if len(e) > 1 and e.isupper() and not t.text.isupper():
                return False
        if k > 0:
            # "TP.HCM" (fused) must be fused in the text too
            if e in (".", "-") or etoks[k - 1] in (".",):
                pass
    if "." in row["_phrase"] and " " not in row["_phrase"]:
        if any(toks[i + k].gap for k in range(1, n)):
            return False
    return True


def place_at(ctx: Ctx, i: int) -> int:
    """Length of the lexicon place starting at token i (0 if none)."""
    n, row = load_lexicon("places").longest(ctx.toks, i, _case_ok)
    if not n:
        return 0
    if n == 1 and ctx.toks[i].fold in _AMBIGUOUS:
        f = ctx.toks[i].fold
        nxt = ctx.toks[i + 1] if i + 1 < len(ctx.toks) else None
        if (nxt is not None and ctx.adjacent(i + 1) and nxt.gap and not nxt.is_cap
                and nxt.fold in _COMPOUND_AFTER_COUNTRY.get(f, ())):
            return 0
        if ctx.is_title_word(i + 1) and ctx.adjacent(i + 1) and ctx.toks[i + 1].gap:
            return 0
        if (i > 0 and ctx.is_title_word(i - 1) and ctx.adjacent(i) and ctx.toks[i].gap
                and not (ctx.sentence_initial(i - 1) and ctx.toks[i - 1].fold in _OPENERS)):
            return 0
        if ctx.sentence_initial(i) and f not in _COUNTRY_AT_START:
            return 0
    return n


def prefix_at(ctx: Ctx, i: int) -> int:
    """Length of an administrative prefix at token i (``tỉnh``, ``TP.``, ``thành phố``)."""
    n, row = load_lexicon("admin_prefixes").longest(ctx.toks, i)
    if not n:
        return 0
    t = ctx.toks[i]
    if t.fold in _PREFIX_ONLY_UPPER:
        if not t.text[0].isupper():
            return 0
        if t.fold == "q" and not (i + 1 < len(ctx.toks) and ctx.toks[i + 1].text == "."):
            return 0
    if t.fold == "bản" and ctx.fold(i - 1) in _BAN_COMPOUNDS:
        return 0
    if n == 1 and ctx.fold(i + 1) in _COMPOUND_SECOND and ctx.adjacent(i + 1):
        return 0  # "Tỉnh ủy", "xã hội", "tỉnh đội": a word, not a prefix
    elif t.is_cap and not ctx.sentence_initial(i) and n == 1 and t.fold not in {"tỉnh", "xã"}:
        # "Thành phố" mid-sentence is a body ("Đảng bộ Thành phố"); keep lower-case prefixes
        pass
    # "TP." / "Q." : swallow the dot
    if i + n < len(ctx.toks) and ctx.toks[i + n].text == "." and t.fold in _PREFIX_ONLY_UPPER:
        n += 1
    return n


def named_after_prefix(ctx: Ctx, i: int) -> int:
    """Length of the place name at token i when it follows an administrative prefix."""
    toks = ctx.toks
    if i >= len(toks) or toks[i].nl:
        return 0
    n = place_at(ctx, i)
    if n:
        return n
    t = toks[i]
    if t.is_num:
        return 0
    if not (t.is_alpha and t.is_cap):
        return 0
    run = cap_run(ctx, i, 4)
    # a surname after two syllables starts a person's name: "xã X Y Nguyễn Văn A"
    sur = surnames()
    for k in range(2, run):
        if toks[i + k].fold in sur:
            run = k
            break
    # hyphenated names: "Bà Rịa - Vũng Tàu" handled by the lexicon; "Phan Rang-Tháp Chàm"
    return run


def find_places(ctx: Ctx) -> list[tuple[int, int]]:
    toks = ctx.toks
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        p = prefix_at(ctx, i)
        if p and place_at(ctx, i) > p:
            p = 0  # a fused abbreviation such as "TP.HCM" is one place
        if p and i + p < len(toks) and not toks[i + p].nl:
            j = i + p
            if toks[j].is_num and toks[i].fold in _NUMBERED and (i + p == i + 1 or toks[i].fold != "q"):
                # [quận 1]: the prefix is part of a numbered name
                out.append((i, j + 1))
                i = j + 1
                continue
            n = named_after_prefix(ctx, j)
            if n:
                out.append((j, j + n))
                i = j + n
                continue
            # "thành phố H" (an anonymised city): one capital letter
            if toks[j].is_alpha and toks[j].is_upper and len(toks[j].text) == 1:
                out.append((j, j + 1))
                i = j + 1
                continue
        if toks[i].fold == _VIET and _viet_pair(ctx, i):
            out.append((i, i + 1))
            i += 1
            continue
        n = place_at(ctx, i)
        if n:
            if not _not_a_place_before(ctx, i):
                out.append((i, i + n))
            i += n
            continue
        i += 1
    return out


def _not_a_place_before(ctx: Ctx, i: int) -> bool:
    """``ông Đức`` (a person's given name), ``cầu Việt Trì`` (a bridge): not places."""
    if i == 0 or not ctx.adjacent(i) or not ctx.toks[i].gap:
        return False
    prev = ctx.toks[i - 1]
    if prev.fold in _PERSON_BEFORE and (not prev.is_cap or ctx.sentence_initial(i - 1)):
        return True
    return not prev.is_cap and prev.fold in _ROAD_BEFORE and ctx.fold(i - 2) not in _COMPOUND_ROAD



_VIET = fold_text("Việt")


def _viet_pair(ctx: Ctx, i: int) -> bool:
    """``Việt - Lào``, ``biên giới Việt-Trung``: ``Việt`` names Vietnam in a country pair."""
    toks = ctx.toks
    if toks[i].fold != _VIET or not toks[i].is_cap or i + 2 >= len(toks):
        return False
    if i > 0 and ctx.is_title_word(i - 1) and ctx.adjacent(i) and toks[i].gap:
        return False  # "Nguyễn Việt", "Quốc Việt"
    return toks[i + 1].text in ("-", "–") and ctx.is_title_word(i + 2) and ctx.adjacent(i + 2)
