"""LOC: named places (``data/lexicons/places.tsv``, ``admin_prefixes.tsv``).

Three rules:
- a lexicon place (provinces, cities, districts, countries, regions, seas), every
  capitalised syllable of the entry capitalised in the text as well;
- an administrative prefix followed by a capitalised name: the name is the LOC and the
  prefix stays outside (``tỉnh [Yên Bái]``), except when the name is a number
  (``[quận 1]``); a fused abbreviation is one LOC (``[TP.HCM]``);
- a commune, ward or district of ``communes.tsv`` where the text says it is a place:
  after a place or site word (``căn cứ [Long Bình]``, ``nhiệt điện [Vĩnh Tân] 1``) or
  right before a province or district (``[Tiền Hải] (Thái Bình)``, ``[Diêm Điền], huyện
  Thái Thụy``); elsewhere such names are as often people, streets or firms.
"""
from __future__ import annotations

from extract.extractors.context import CREDIT_OPENERS, HONORIFICS, Ctx, cap_run, cue_before, ends_a_word, is_foreign, title_ends_at, title_starts_at
from extract.lexicons import english_words, key_of, load_lexicon, surnames, vietnamese_words
from extract.normalise import fold_text

# one-syllable country names that are also given names or common words: a LOC only
# when no capitalised syllable touches them and they do not open a sentence
_AMBIGUOUS = frozenset(
    fold_text(w) for w in "Anh Nga Mỹ Pháp Đức Ý Úc Áo Bỉ Nhật Séc Síp Huế Vinh Lào".split()
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
_BAN_COMPOUNDS = frozenset(fold_text(w) for w in "văn cơ phiên nguyên dự kịch bài xuất".split())
_PREFIX_ONLY_UPPER = frozenset(fold_text(w) for w in "TP Tp TX Q".split())
# roads, streets and bridges named after places are not places ("cầu Việt Trì", "phố Huế")
_ROAD_BEFORE = frozenset(fold_text(w) for w in "đường phố cầu ngõ hẻm".split())
_PERSON_BEFORE = HONORIFICS - {fold_text("đồng"), fold_text("chí")}  # "đồng Việt Nam" is money
# "thành phố", "tuyến đường"; "yêu cầu", "nhu cầu", "điểm cầu" (a video link), "toàn cầu"
_COMPOUND_ROAD = frozenset(fold_text(w) for w in "thành tuyến yêu nhu điểm toàn khẩn".split())


def _case_ok(row: dict, toks, i: int, n: int) -> bool:
    """The text has the case of one of the entry's spellings (``Châu Âu``, ``châu Âu``)."""
    return any(_spelling_ok(etoks, row, toks, i, n) for etoks in row.get("_variants", [row["_tokens"]]))


def _spelling_ok(etoks: list[str], row: dict, toks, i: int, n: int) -> bool:
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


_VIET_FINAL = frozenset("aeiouyăâêôơưcgmnpth")


def _foreign(word: str) -> bool:
    """A syllable no Vietnamese word is spelled like: ``Barack``, ``James``, ``Fenghe``."""
    w = word.lower()
    return w.isascii() and w.isalpha() and (w[-1] not in _VIET_FINAL or any(c in "fjwz" for c in w))


def _first_name_of_foreigner(ctx: Ctx, i: int) -> bool:
    """``Jordan Thompson``: a foreign-spelled place name right before a foreign-spelled
    capitalised word is a first name, unless an office title comes right before it
    (``Tổng thống Syria Bashar al-Assad``: the country, then the man)."""
    toks = ctx.toks
    if not (_foreign_spelled(toks[i].text) and i + 1 < len(toks) and ctx.adjacent(i + 1) and toks[i + 1].gap):
        return False
    nxt = toks[i + 1]
    if not (nxt.is_alpha and nxt.is_cap and not nxt.is_upper and _foreign_spelled(nxt.text)
            and nxt.text.lower() not in english_words()):
        return False  # "Paris Air Show": the city in an event's name
    return not title_ends_at(ctx, i)


def _foreign_spelled(word: str) -> bool:
    return _foreign(word) or is_foreign(word)


def place_at(ctx: Ctx, i: int) -> int:
    """Length of the lexicon place starting at token i (0 if none)."""
    n, row = load_lexicon("places").longest(ctx.toks, i, _case_ok)
    if not n:
        return 0
    if n == 1 and _first_name_of_foreigner(ctx, i):
        return 0
    if n == 1 and ctx.toks[i].fold in _AMBIGUOUS:
        f = ctx.toks[i].fold
        nxt = ctx.toks[i + 1] if i + 1 < len(ctx.toks) else None
        if (nxt is not None and ctx.adjacent(i + 1) and nxt.gap and not nxt.is_cap
                and nxt.fold in _COMPOUND_AFTER_COUNTRY.get(f, ())):
            return 0
        if (ctx.is_title_word(i + 1) and ctx.adjacent(i + 1) and ctx.toks[i + 1].gap
                and not (i > 0 and ctx.toks[i - 1].is_alpha and not ctx.toks[i - 1].is_cap
                         and ctx.toks[i - 1].fold not in _PERSON_BEFORE
                         and (_foreign(ctx.toks[i + 1].text) or is_foreign(ctx.toks[i + 1].text)))):
            # "Mỹ Linh" is a given name; "Tổng thống Mỹ Barack Obama": the country, then the name
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
    if n == 1 and ends_a_word(ctx, i):
        return 0  # "nông thôn" + "Lê Quốc Doanh": the prefix's syllable ends a common word
    if n == 1 and ctx.fold(i + 1) in _COMPOUND_SECOND and ctx.adjacent(i + 1):
        return 0  # "Tỉnh ủy", "xã hội", "tỉnh đội": a word, not a prefix
    elif t.is_cap and not ctx.sentence_initial(i) and n == 1 and t.fold not in {"tỉnh", "xã"}:
        # "Thành phố" mid-sentence is a body ("Đảng bộ Thành phố"); keep lower-case prefixes
        pass
    # "TP." / "Q." : swallow the dot
    if i + n < len(ctx.toks) and ctx.toks[i + n].text == "." and t.fold in _PREFIX_ONLY_UPPER:
        n += 1
    return n


_TERM = frozenset(fold_text(w) for w in ("khóa", "khoá", "nhiệm kỳ"))
_HCM = key_of("Hồ Chí Minh")
_HERO = key_of("Anh hùng")
# prefixes of the levels whose names the lexicon holds in full: provinces and centrally-run cities
_CLOSED_LEVELS = frozenset(key_of(w) for w in ["tỉnh", "TP", "TP.", "Tp", "thành phố"])


_QUARTERS = frozenset(fold_text(w) for w in "Đông Tây Nam Bắc Thượng Hạ Trung".split())


def _quarter_after(ctx: Ctx, k: int) -> int:
    """1 when a capitalised quarter word at token k ends a lexicon place after a prefix:
    "phường An Phú" + "Đông", "xã Tân Phú" + "Trung"; 0 otherwise."""
    toks = ctx.toks
    if not (k < len(toks) and ctx.adjacent(k) and toks[k].gap and toks[k].is_cap and toks[k].fold in _QUARTERS):
        return 0
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return 0 if nxt is not None and ctx.adjacent(k + 1) and nxt.gap and nxt.is_cap and nxt.is_alpha else 1


def named_after_prefix(ctx: Ctx, i: int) -> int:
    """Length of the place name at token i when it follows an administrative prefix."""
    toks = ctx.toks
    if i >= len(toks) or toks[i].nl:
        return 0
    n = place_at(ctx, i)
    if n:
        return n + _quarter_after(ctx, i + n)
    t = toks[i]
    if t.is_num:
        return 0
    if not (t.is_alpha and t.is_cap) or _is_direction(ctx, i) or t.fold in _TERM:
        return 0  # "Hội Luật gia tỉnh" + "Khoá XIII": a term of office, no place
    if i > 0 and toks[i - 1].text == "." and (title_starts_at(ctx, i) or t.fold in HONORIFICS):
        return 0  # "Công an TP." + "Bí thư Đinh La Thăng", "HĐND TP." + "Ông Lâm": the dot ended the sentence
    if i > 0 and toks[i - 1].text == "." and (t.fold in CREDIT_OPENERS or (
            i + 1 < len(toks) and ctx.adjacent(i + 1) and toks[i + 1].is_alpha and not toks[i + 1].is_cap
            and f"{t.fold} {toks[i + 1].fold}" in vietnamese_words())):
        return 0  # "về TP." + "Nắm bắt ...", "của TP." + "Nguồn: ...": a new sentence's first word
    run = cap_run(ctx, i, 4)
    # a surname after two syllables starts a person's name: "xã X Y Nguyễn Văn A"
    sur = surnames()
    for k in range(2, run):
        if toks[i + k].fold in sur and not (k == run - 1 and toks[i + k].fold in _QUARTERS):
            run = k
            break
    # hyphenated names: "Bà Rịa - Vũng Tàu" handled by the lexicon; "Phan Rang-Tháp Chàm"
    return run


def admin_unit_at(ctx: Ctx, k: int, bare: frozenset[str]) -> int:
    """End of an administrative unit at token k on the same line: a prefix and the name after it
    (``tỉnh Ninh Bình``, ``TP. Đà Nẵng``), or a prefix of ``bare`` alone (``xã``), else 0."""
    toks = ctx.toks
    p = prefix_at(ctx, k) if k < len(toks) and toks[k].gap and not toks[k].nl else 0
    if not p or k + p >= len(toks) or toks[k + p].nl:
        return k + p if p and toks[k].fold in bare else 0
    n = named_after_prefix(ctx, k + p)
    if n:
        return k + p + n
    return k + p if toks[k].fold in bare else 0


def _commune_case_ok(row: dict, toks, i: int, n: int) -> bool:
    return all(toks[i + k].is_cap or not toks[i + k].is_alpha for k in range(n)) and _case_ok(row, toks, i, n)


def commune_at(ctx: Ctx, i: int) -> int:
    """Length of the commune, ward or district name at token i where the text says it is a
    place (see the module docstring), else 0."""
    toks = ctx.toks
    if not (toks[i].is_alpha and toks[i].is_cap):
        return 0  # every name of the list is capitalised
    n, _ = load_lexicon("communes").longest(toks, i, _commune_case_ok)
    if not n or (i > 0 and ctx.is_title_word(i - 1) and not toks[i - 1].is_upper and ctx.adjacent(i) and toks[i].gap):
        return 0  # inside a longer capitalised run: "Nguyễn [Trung Trực]" (an abbreviation may precede: "CAP [Lý Thái Tổ]")
    e = i + n
    if e < len(toks) and ctx.is_title_word(e) and ctx.adjacent(e) and toks[e].gap:
        return 0  # a longer name goes on: "Hải Thành Nguyễn"
    cue = cue_before(ctx.text, toks[i].start)
    if cue in ("place", "site"):
        return n
    if cue == "thing" or _not_a_place_before(ctx, i) or _after_house_number(ctx, i):
        return 0  # "công ty [Thái Sơn], Hà Nội": a firm; "số 5A, [Hoàng Diệu], Hà Nội": a street
    if n >= 3 and toks[i].fold in surnames():
        return 0  # "ĐB Nguyễn Thái Học (Phú Yên)": a deputy and the province that elected him
    return n if _unit_follows(ctx, e) else 0


def _after_house_number(ctx: Ctx, i: int) -> bool:
    """``113 Hàng Gai``, ``số 5A, Hoàng Diệu``: a street of an address."""
    k = i - 2 if i >= 2 and ctx.toks[i - 1].text == "," else i - 1
    return k >= 0 and (ctx.toks[k].text[:1].isdigit() or ctx.fold(k) == "số")


def _unit_follows(ctx: Ctx, e: int) -> bool:
    """A province or district right after token e: ``(Thái Bình)``, ``, huyện Thái Thụy``,
    ``, Long An``."""
    toks = ctx.toks
    if e + 1 >= len(toks) or toks[e].nl or toks[e].text not in ("(", ","):
        return False
    k = e + 1
    p = prefix_at(ctx, k)
    if p and toks[k].fold not in ("xã", "phường", "thôn", "ấp", "bản", "xóm", "làng"):
        k += p
    n, row = load_lexicon("places").longest(toks, k, _case_ok)
    if not n or row["type"] not in ("province", "district", "city", "town"):
        return False
    return toks[e].text == "," or (k + n < len(toks) and toks[k + n].text == ")")


def find_places(ctx: Ctx) -> list[tuple[int, int]]:
    toks = ctx.toks
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if (toks[i].text in ("Q", "P") and i + 2 < len(toks) and toks[i + 1].text == "." and not toks[i + 1].gap
                and not toks[i + 2].gap and toks[i + 2].is_num and ctx.adjacent(i + 2)):
            out.append((i, i + 3))  # "[Q.2]", "[P.16]": a numbered district or ward, fused with its prefix
            i += 3
            continue
        p = prefix_at(ctx, i)
        if p and place_at(ctx, i) > p and (i + p >= len(toks) or not toks[i + p].gap):
            p = 0  # a fused abbreviation such as "TP.HCM" is one place (not "TP. Hồ Chí Minh")
        if p and i + p < len(toks) and not toks[i + p].nl:
            j = i + p
            if j + 2 < len(toks) and toks[j + 2].gap and key_of(ctx.surface(j, j + 2)) == _HERO:
                j += 2  # "xã Anh hùng [Trí Phải]": the title the commune was awarded, then its name
            if toks[j].is_num and toks[i].fold in _NUMBERED and (i + p == i + 1 or toks[i].fold != "q"):
                # [quận 1]: the prefix is part of a numbered name
                out.append((i, j + 1))
                i = j + 1
                continue
            n = named_after_prefix(ctx, j)
            if (n >= 3 and not place_at(ctx, j) and toks[j].fold in surnames() and key_of(ctx.surface(i, j)) in _CLOSED_LEVELS
                    and key_of(ctx.surface(j, j + n)) != _HCM):
                n = 0  # "Chủ tịch UBND tỉnh [Trần Tiến Hưng]": provinces are a closed list, this is the holder
            if n == 1 and toks[i].fold == "q" and (len(toks[j].text) == 1 or (toks[j].is_upper and not toks[j].gap)):
                n = -1  # "Bộ Q. P": initials of a body; "Q.CHIẾN": a byline's initial, no district
            if n > 0:
                out.append((j, j + n))
                more = _listed_after(ctx, j + n)
                out.extend(more)
                i = more[-1][1] if more else j + n
                continue
            if toks[j].text == "(" and _several_before(ctx, i):
                # "2 xã (Thủy Vân, Thủy Bằng)": the names in brackets
                more = _listed_after(ctx, j, opener="(")
                if more:
                    out.extend(more)
                    i = more[-1][1]
                    continue
            # "thành phố H" (an anonymised city): one capital letter
            if n == 0 and toks[j].is_alpha and toks[j].is_upper and len(toks[j].text) == 1:
                out.append((j, j + 1))
                i = j + 1
                continue
        if (toks[i].fold == _VIET and _viet_pair(ctx, i)) or _han_pair(ctx, i):
            out.append((i, i + 1))
            if toks[i].fold == _VIET and ctx.fold(i + 2) in _PAIR_SHORT_NAMES:
                out.append((i + 2, i + 3))  # "Việt-[Trung]": a country's short name
                i += 3
                continue
            i += 1
            continue
        n = place_at(ctx, i)
        if n:
            if not _not_a_place_before(ctx, i):
                out.append((i, i + n))
            i += n
            continue
        n = commune_at(ctx, i)
        if n:
            out.append((i, i + n))
            i += n
            continue
        i += 1
    return out


_LIST_JOIN = frozenset((",", fold_text("và")))
_LIST_END = frozenset(",.;:)…(") | {"..."}
_SEVERAL = frozenset(fold_text(w) for w in "các những hai ba bốn năm sáu bảy tám chín mười".split())


def _several_before(ctx: Ctx, i: int) -> bool:
    """The prefix at token i counts several places: "2 xã", "các huyện", "hai phường"."""
    return i > 0 and ctx.adjacent(i) and (ctx.toks[i - 1].is_num or ctx.fold(i - 1) in _SEVERAL)


def _list_item(ctx: Ctx, k: int) -> int:
    """Length of a place name listed at token k: 1-3 title-case syllables followed by a
    list mark, the end of the sentence or a lower-case word; no person, title or body."""
    toks = ctx.toks
    if k >= len(toks) or toks[k].nl or not toks[k].gap:
        return 0
    p = place_at(ctx, k)
    if p:
        return p + _quarter_after(ctx, k + p)
    n = cap_run(ctx, k, 4)
    if not 1 <= n <= 3:
        return 0
    if any(toks[k + m].is_upper and len(toks[k + m].text) > 1 for m in range(n)):
        return 0  # "UBND", "HĐND": a body
    e = k + n
    if n == 1 and (len(toks[k].text) < 3 or (e < len(toks) and not toks[e].nl and toks[e].is_alpha)):
        return 0  # one capitalised syllable opening a phrase: "Thiếu tướng", "Theo đó"
    if e < len(toks) and not toks[e].nl and toks[e].is_cap and toks[e].is_alpha:
        return 0
    if e < len(toks) and not toks[e].nl and toks[e].is_word and not toks[e].gap:
        return 0
    if toks[k].fold in surnames() and n >= 3:
        return 0  # "Nguyễn Văn A": a person
    for lexicon in ("titles", "org_heads", "admin_prefixes", "ranks"):
        if load_lexicon(lexicon).longest(toks, k)[0]:
            return 0
    if _not_a_place_before(ctx, k):
        return 0
    return n


def _listed_after(ctx: Ctx, e: int, opener: str | None = None) -> list[tuple[int, int]]:
    """More places of the same level listed after one found at toks[..e]:
    "huyện Kiến Xương, Tiền Hải", "các thôn A, B và C", "2 xã (A, B)"."""
    toks = ctx.toks
    out: list[tuple[int, int]] = []
    k = e
    if opener is not None:
        n = _list_item(ctx, k + 1) if k + 1 < len(toks) and not toks[k + 1].gap else 0
        if n == 0 and k + 1 < len(toks):
            toks_k1 = toks[k + 1]
            if not toks_k1.nl and toks_k1.is_cap and not toks_k1.gap:
                # "(Thủy Vân": no space after the bracket
                n = _list_item_nogap(ctx, k + 1)
        if not n:
            return []
        out.append((k + 1, k + 1 + n))
        k = k + 1 + n
    while k + 1 < len(toks) and not toks[k].nl and toks[k].fold in _LIST_JOIN:
        n = _list_item(ctx, k + 1)
        if not n:
            break
        out.append((k + 1, k + 1 + n))
        k = k + 1 + n
    if opener is not None and not (k < len(toks) and toks[k].text == ")"):
        return []
    return out


def _list_item_nogap(ctx: Ctx, k: int) -> int:
    toks = ctx.toks
    n = cap_run(ctx, k, 3)
    e = k + n
    if n and e < len(toks) and toks[e].text in (",", ")") and not any(
            toks[k + m].is_upper and len(toks[k + m].text) > 1 for m in range(n)):
        return n
    return 0


# compass points: "về phía Tây Bắc", "hướng Đông Nam", "vùng Tây bắc huyện X" are directions
_DIRECTIONS = frozenset(fold_text(w) for w in "Đông Tây Nam Bắc".split())
_TOWARDS = frozenset(fold_text(w) for w in "phía hướng".split())


def _is_direction(ctx: Ctx, i: int) -> bool:
    """A compass point at token i: after ``phía``/``hướng``, or going on in lower case."""
    toks = ctx.toks
    if toks[i].fold not in _DIRECTIONS:
        return False
    if i > 0 and ctx.adjacent(i) and ctx.fold(i - 1) in _TOWARDS and not toks[i - 1].is_cap:
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and ctx.adjacent(i + 1) and nxt.gap and not nxt.is_cap and nxt.fold in _DIRECTIONS


def _not_a_place_before(ctx: Ctx, i: int) -> bool:
    """``ông Đức`` (a person's given name), ``cầu Việt Trì`` (a bridge): not places."""
    if _is_direction(ctx, i):
        return True
    toks = ctx.toks
    if (i >= 2 and not toks[i].gap and toks[i - 1].text == "." and not toks[i - 1].gap and toks[i - 2].is_alpha
            and len(toks[i - 2].text) >= 3 and not prefix_at(ctx, i - 2)):
        return True  # a web address: "VOV.VN", "Dantri.com.vn"
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


_HAN = fold_text("Hàn")
# short names a country goes by only beside another in a pair: "Việt-Trung", "Việt - Xô"
_PAIR_SHORT_NAMES = frozenset(fold_text(w) for w in "Trung Hàn Xô Triều Miên".split())


def _han_pair(ctx: Ctx, i: int) -> bool:
    """``Mỹ - Hàn``, ``Hàn - Mỹ``: ``Hàn`` names Korea beside another country and a dash."""
    toks = ctx.toks
    if toks[i].fold != _HAN or not toks[i].is_cap:
        return False
    if i + 2 < len(toks) and toks[i + 1].text in ("-", "–") and ctx.adjacent(i + 1) and ctx.adjacent(i + 2):
        if ctx.is_title_word(i + 2) and place_at(ctx, i + 2) == 1:
            return not (i > 0 and ctx.is_title_word(i - 1) and ctx.adjacent(i) and toks[i].gap)
    if i >= 2 and toks[i - 1].text in ("-", "–") and ctx.adjacent(i) and ctx.adjacent(i - 1):
        return ctx.is_title_word(i - 2) and bool(place_at(ctx, i - 2)) and (
            i + 1 >= len(toks) or not (ctx.is_title_word(i + 1) and ctx.adjacent(i + 1) and toks[i + 1].gap))
    return False
