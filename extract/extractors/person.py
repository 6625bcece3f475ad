"""PERSON: full names (family + given name), foreign names after a title, bylines.

Rules, over capitalised syllable runs of 2-4 syllables:
- the run opens with a Vietnamese family name (``surnames.tsv``): ``Nguyễn Xuân Phúc``;
- the run follows a rank, an honorific (``ông``, ``đồng chí``) or a title: any name,
  also ``Ksor Phước`` or ``Donald Trump``;
- the run is followed by ``, <title>`` (apposition in a list of guests);
- bylines: a short line of names near the end, a name closing the last paragraph,
  a name after ``Ảnh:``.
A run that is a place (``Hà Nội``) or lies inside an organisation is not a person;
``Hồ Chí Minh`` alone is never one (``phong cách Hồ Chí Minh``, ``TP Hồ Chí Minh``).
"""
from __future__ import annotations

import regex

from extract.extractors.context import CREDIT_OPENERS, FUNCTION_WORDS, HONORIFICS, Ctx, cap_run, cue_before, is_foreign
from extract.extractors.place import place_at, prefix_at
from extract.lexicons import english_words, key_of, lexicon_rows, load_lexicon, surnames
from extract.normalise import fold_text

# names the rules alone judge, by the word before them (hcm_person): never a model addition
NOT_A_NAME_ALONE = frozenset(key_of(w) for w in ["Hồ Chí Minh", "Chí Minh"])
# words after which "Hồ Chí Minh" is the man, not the city: "tư tưởng",
# "tấm gương đạo đức", "Chủ tịch", "Bác" (the seeds leave "phong cách Hồ Chí Minh" out)
_HCM = key_of("Hồ Chí Minh")
_HCM_PERSON_BEFORE = frozenset(fold_text(w) for w in "tưởng đức gương tịch bác".split())
_HCM_NAMED_AFTER = frozenset((fold_text(a), fold_text(b)) for a, b in (("chiến", "dịch"), ("thời", "đại")))
_STREET_BEFORE = frozenset(fold_text(w) for w in "đường phố số ngõ hẻm đại lộ tượng".split())
_BOILERPLATE = regex.compile(r"(?i)^(các tin khác|tin liên quan|tìm kiếm|xem thêm|bài liên quan|chia sẻ|từ khóa|tags?)\b")
_NOT_NAMES = frozenset(fold_text(w) for w in "tin ảnh bài theo pv và clip video nguồn đồ họa tổng hợp".split())
# sources named in a credit that are no person: "Ảnh: Internet", "Nguồn: Facebook"
_NOT_A_PHOTOGRAPHER = frozenset(fold_text(w) for w in "Internet Facebook YouTube Youtube Google Twitter Instagram NVCC Shutterstock Getty".split())
# words of a credit line that are never part of a name
CREDIT_WORDS = CREDIT_OPENERS | _NOT_A_PHOTOGRAPHER
_INITIALS = regex.compile(r"^\p{Lu}(?:\.\p{Lu})+\.?$")


_STOP_CAPS = frozenset(
    fold_text(w)
    for w in """trong về tới tại sau theo ủy uỷ khi nếu với và cùng ngoài trước hiện phát
    đây đó này nhưng tuy do vì để từ đến cho còn riêng chiều sáng tối trưa hôm ngày""".split()
) | (FUNCTION_WORDS - HONORIFICS - {fold_text("hiện"), fold_text("năm"), fold_text("ba"), fold_text("giao")})
# "Chính" ends many names ("Phạm Minh Chính"); it opens a body only with the next syllable:
# "Chính phủ", "Chính trị", "Chính ủy"
_CHINH = fold_text("Chính")
_CHINH_COMPOUND = frozenset(fold_text(w) for w in "phủ trị ủy uỷ quyền sách thức xác sự yếu nghĩa".split())


_HYPHEN_PARTICLES = frozenset("al el".split())
_PARTICLES = frozenset("al el bin ibn van von der de da di del dos du ter".split())


def _particle_after(ctx: Ctx, i: int, e: int) -> int:
    """Tokens of a lower-case particle and the name part after it that go on a foreign name
    ending at token e: "Bashar" + "al-Assad", "Ursula" + "von der Leyen", "John" + "F. Kennedy"."""
    toks = ctx.toks
    if e - i >= 2 and is_foreign(toks[e - 2].text) and _initial_then_name(ctx, e - 1):
        return 2  # a middle initial the run took in: "John F" + ". Kennedy", "George W" + ". Bush"
    if not (is_foreign(toks[e - 1].text) and e + 2 < len(toks) and toks[e].gap and not toks[e].nl):
        return 0
    word = toks[e].text
    if _initial_then_name(ctx, e):
        return 3  # "John" + "F. Kennedy"
    if word in _HYPHEN_PARTICLES and toks[e + 1].text == "-" and not toks[e + 1].gap and not toks[e + 2].gap \
            and toks[e + 2].is_alpha and toks[e + 2].is_cap:
        return 3
    k = e
    while k < len(toks) and toks[k].text in _PARTICLES and toks[k].gap and not toks[k].nl:
        k += 1
    if k > e and k < len(toks) and toks[k].gap and not toks[k].nl and toks[k].is_alpha and toks[k].is_cap \
            and not toks[k].is_upper and is_foreign(toks[k].text):
        return k + 1 - e
    return 0


def _initial_then_name(ctx: Ctx, k: int) -> bool:
    """A capital letter, a dot and a foreign-spelled name at token k: "F. Kennedy"."""
    toks = ctx.toks
    return (k + 2 < len(toks) and len(toks[k].text) == 1 and toks[k].text.isupper() and toks[k + 1].text == "."
            and not toks[k + 1].gap and toks[k + 2].gap and not toks[k + 2].nl and _foreign_name_word(toks[k + 2]))


def ward_name_alone(name: str, after: str) -> bool:
    """Two syllables that name a ward (``communes.tsv``), as no byline signs them (before a slash
    or the end of the line, given in ``after``): "thành Tuy Hạ, [Cát Lái]" is a place, not a
    person, unless a cue says so; "[Vũ Dũng]/VOV" is the author."""
    return (len(name.split()) == 2 and key_of(name) in load_lexicon("communes").entries
            and after.lstrip(" \t\r\u00a0")[:1] not in ("/", "\n", ""))


_PHO = fold_text("Phó")
# middle names that never end a name: the syllable after them is the given name ("Trần Văn [Sáng]")
_MIDDLE_NAMES = frozenset(fold_text(w) for w in "Văn Thị".split())


def _closed_after(ctx: Ctx, e: int) -> bool:
    """Token e closes a name: the end of the line, a slash or a closing mark, not a word."""
    toks = ctx.toks
    return e >= len(toks) or toks[e].nl or toks[e].text in ("/", ")", "”", "\"")


def _run(ctx: Ctx, i: int, maxlen: int = 4) -> int:
    """Capitalised run for a name: it stops at a capitalised function word opening a clause."""
    n = cap_run(ctx, i, maxlen)
    for k in range(1, n):
        if (ctx.toks[i + k].fold in _STOP_CAPS and not (k == n - 1 and _closed_after(ctx, i + n))
                and ctx.toks[i + k - 1].fold not in _MIDDLE_NAMES):
            return k  # "Sáng nay", "Trong khi": a clause opens; "Nhan Sáng/TTXVN": the name ends there
        if ctx.toks[i + k].fold == _CHINH:
            nxt = ctx.toks[i + k + 1] if i + k + 1 < len(ctx.toks) else None
            if nxt is not None and nxt.gap and not nxt.nl and nxt.fold in _CHINH_COMPOUND:
                return k
    # a title or a body's head word that goes on in lower case ends the name before it:
    # "các đồng chí Phó Chủ tịch", "Bộ Tư lệnh Thái Bình Dương Quân đội Mỹ"
    toks = ctx.toks
    for k in range(n):
        if toks[i + k].fold == _PHO and k >= 2 and load_lexicon("titles").longest(toks, i + k + 1)[0]:
            return k  # "Lê Hiền Vân" + "Phó Chủ nhiệm ...": a deputy's title after the name
        for lexicon in ("titles", "org_heads"):
            m, _ = load_lexicon(lexicon).longest(toks, i + k)
            if m and k + m > n and not toks[i + n].is_cap:
                return k
            if lexicon == "titles" and k >= 2 and m >= 2 and k + m == n:
                return k  # "Lê Chiêm" + "Trưởng Ban công tác ...": a title of two words after the name
    # a Korean given name joined by a hyphen: "Park Geun-hye", "Lee Sun-jin"
    e = i + n
    n += _particle_after(ctx, i, e) if n else 0
    e = i + n
    if (n >= 2 and e + 1 < len(toks) and toks[e].text == "-" and not toks[e].gap
            and not toks[e + 1].gap and toks[e + 1].is_alpha and not toks[e + 1].is_cap):
        return n + 2
    return n


def _commune_before_name(ctx: Ctx, i: int) -> int:
    """Length of a commune's or ward's name at token i that a full name follows in the same
    capitalised run: "bệnh viện [Bạch Mai] Nguyễn Quang Tuấn" (the hospital bears the ward's name)."""
    toks = ctx.toks
    n, _ = load_lexicon("communes").longest(toks, i)
    if n < 2:
        return 0
    k = i + n
    return n if (k + 2 < len(toks) and toks[k].fold in surnames() and cap_run(ctx, k, 4) >= 3
                 and ctx.adjacent(k) and toks[k].gap) else 0


def surname_runs(ctx: Ctx, blocked: set[int]) -> list[tuple[int, int]]:
    """Runs opening with a family name, skipping places at the same start."""
    toks = ctx.toks
    sur = surnames()
    out = []
    i = 0
    place_end = -1  # token index right after the last lexicon place skipped
    while i < len(toks):
        t = toks[i]
        if not (t.is_alpha and t.is_cap) or i in blocked:
            i += 1
            continue
        if (i > 0 and ctx.is_title_word(i - 1) and toks[i].gap and not toks[i].nl
                and i != place_end and not (toks[i - 1].is_upper and len(toks[i - 1].text) > 1)):
            # inside a longer capitalised run that did not start with a surname; a place
            # ("Bí thư Tỉnh ủy Bắc Ninh Phạm Văn A") or an abbreviation ("GS Phạm Văn A",
            # "Thành ủy TP.HCM Nguyễn Văn A") may stand right before a name
            i += 1
            continue
        p = place_at(ctx, i) or _commune_before_name(ctx, i)
        n = _run(ctx, i, 5)
        if p and p >= 1:
            # "Hà Nội" is a place; "Hà Nội Hoàng Trung Hải": the name starts after it
            if p >= n or not (toks[i].fold in sur and n - p < 2):
                i += p
                place_end = i
                continue
        if t.fold in sur and n >= 2 and not t.is_upper and t.fold in FUNCTION_WORDS and ctx.sentence_initial(i) and (
                place_at(ctx, i + 1) >= n - 1 or n == 2 or toks[i + 1].fold in sur):
            i += 1  # "Từ Hà Nội, ...", "Từ Hợp đồng ...": the preposition opening a sentence, no surname
            place_end = i  # a name may start right after it: "Từ [Nguyễn Văn A] ..."
            continue
        if t.fold in sur and n >= 2 and not t.is_upper:
            n = min(n, 4)
            if key_of(ctx.surface(i, i + n)) in NOT_A_NAME_ALONE:
                if hcm_person(ctx, i, n):
                    out.append((i, i + n))
                i += n
                continue
            if i > 0 and (toks[i - 1].fold in _STREET_BEFORE or prefix_at(ctx, i - 1)
                          or (toks[i - 1].is_num and ctx.fold(i - 2) in _STREET_BEFORE)
                          or _in_street_list(ctx, i)):
                i += n
                continue
            if n == 2 and ward_name_alone(ctx.surface(i, i + n), ctx.text[toks[i + n - 1].end:toks[i + n - 1].end + 8]):
                i += n  # "thành Tuy Hạ, [Cát Lái]": two syllables naming a ward; a cue or a byline finds the person
                continue
            out.append((i, i + n))
            i += n
            continue
        if t.is_upper and len(t.text) > 1:
            i += 1  # "KTS Nguyễn Văn A", "GS Trần B": a degree or a body's initials, then the name
            continue
        if ctx.sentence_initial(i) and t.fold in _OPENING_WORDS:
            i += 1  # "Nhưng ĐB Nguyễn Văn A": a sentence's first word, capitalised as such
            continue
        i += max(n, 1)
    return out


# words that open a sentence and are no name: the run after them may be one
_OPENING_WORDS = FUNCTION_WORDS | frozenset(fold_text(w) for w in "nhưng tuy song vì nếu dù ngoài".split())
_LIST_MARKS = frozenset((",", "-", "–", fold_text("và")))
_LIKE = frozenset(fold_text(w) for w in "như gồm là".split())


def _in_street_list(ctx: Ctx, i: int) -> bool:
    """The name at token i is a later item of a list of streets: "các tuyến đường như Tân
    Sơn, Hoàng Hoa Thám, [Trần Quốc Hoàn]", "đường Hai Bà Trưng - Đông Du - [Thi Sách]"."""
    toks = ctx.toks
    k = i - 1
    items = 0
    while k > 0 and toks[k].fold in _LIST_MARKS and not toks[k].nl and ctx.is_title_word(k - 1):
        k -= 1
        while k > 0 and ctx.is_title_word(k - 1) and ctx.adjacent(k) and toks[k].gap:
            k -= 1  # back to the start of the previous item
        items += 1
        k -= 1
    if not items or k < 0:
        return False
    if toks[k].fold in _LIKE and not toks[k].is_cap:
        k -= 1
    return k >= 0 and not toks[k].is_cap and toks[k].fold in _STREET_BEFORE


_TERM = frozenset(fold_text(w) for w in ("khóa", "khoá"))
_THEO = fold_text("Theo")
_DEGREES = frozenset(fold_text(w) for w in "GS PGS TS ThS KTS BS NSND NSƯT NGƯT NGND TSKH".split())


def _is_degree(t) -> bool:
    """``GS``, ``PGS.TS``'s parts, ``KTS``: an academic or honorary title written short."""
    return t.is_cap and len(t.text) > 1 and t.fold in _DEGREES


def hcm_person(ctx: Ctx, i: int, n: int) -> bool:
    """``tư tưởng Hồ Chí Minh``, ``Chủ tịch Hồ Chí Minh``, ``chiến dịch Hồ Chí Minh``: the full name of the man."""
    if key_of(ctx.surface(i, i + n)) != _HCM or i == 0 or not ctx.adjacent(i) or not ctx.toks[i].gap:
        return False
    prev = ctx.toks[i - 1]
    if prev.fold == fold_text("tịch"):
        return ctx.fold(i - 2) == fold_text("chủ")
    if prev.fold == fold_text("tưởng"):
        return ctx.fold(i - 2) == fold_text("tư")
    if (ctx.fold(i - 2), prev.fold) in _HCM_NAMED_AFTER:
        return True  # "chiến dịch Hồ Chí Minh", "thời đại Hồ Chí Minh": named after the man
    return prev.fold in _HCM_PERSON_BEFORE and (not prev.is_cap or prev.fold == fold_text("bác"))


def runs_after(ctx: Ctx, ends: set[int], min_len: int = 2) -> list[tuple[int, int]]:
    """Capitalised runs right after a rank, title or honorific (token indices in ``ends``)."""
    toks = ctx.toks
    out = []
    for j in sorted(ends):
        if j >= len(toks) or toks[j].nl or not toks[j].gap:
            continue
        if place_at(ctx, j) or toks[j].fold in _TERM:
            continue  # a place, or a term of office ("Chủ tịch Hội ... Khoá XIII")
        if ((_is_degree(toks[j]) or (toks[j].is_upper and len(toks[j].text) > 1 and toks[j].is_alpha
                                     and j + 1 < len(toks) and toks[j + 1].fold in surnames()))
                and j + 1 < len(toks) and toks[j + 1].gap and not toks[j + 1].nl
                and toks[j + 1].is_alpha and toks[j + 1].is_cap and not toks[j + 1].is_upper):
            # "Thượng tướng GS Hoàng Minh Thảo", "Thiếu tá QNCN Vũ Thị Nhàn": a degree or
            # an abbreviation before the family name is no part of the name
            j += 1
        # a foreign name (no Vietnamese family name first) may be longer: "Khăm Sinh Phan Tha Vông"
        n = _run(ctx, j, 4 if toks[j].fold in surnames() else 6)
        if n >= min_len and (key_of(ctx.surface(j, j + n)) not in NOT_A_NAME_ALONE or hcm_person(ctx, j, n)):
            out.append((j, j + n))
    return out


def honorific_ends(ctx: Ctx) -> set[int]:
    toks = ctx.toks
    ends = set()
    for i, t in enumerate(toks):
        if t.fold in HONORIFICS and (not t.is_cap or ctx.sentence_initial(i)):
            ends.add(i + 1)
        elif t.fold == "đồng" and i + 1 < len(toks) and toks[i + 1].fold == "chí":
            ends.add(i + 2)
    return ends


# role nouns written before a name, foreign ones too: "giáo sư Willy Lam",
# "người phát ngôn Moon Sang-gyun", "Quốc vương Norodom Sihanouk"
_ROLES = tuple(tuple(fold_text(w) for w in r["role"].split()) for r in lexicon_rows("role_nouns"))  # data: role_nouns.tsv


# the role phrases by their first word: one dict probe per token
_ROLES_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in _ROLES:
    _ROLES_BY_FIRST[_phrase[0]] = _ROLES_BY_FIRST.get(_phrase[0], ()) + (_phrase,)


def role_ends(ctx: Ctx) -> set[int]:
    """Token indices right after a role noun (``giáo sư``, ``người phát ngôn``)."""
    toks = ctx.toks
    ends = set()
    for i, t in enumerate(toks):
        for phrase in _ROLES_BY_FIRST.get(t.fold, ()):
            j = i + len(phrase)
            if j <= len(toks) and all(toks[i + k].fold == w for k, w in enumerate(phrase)) and not any(
                    toks[i + k].nl for k in range(1, len(phrase))):
                if not t.is_cap or ctx.sentence_initial(i) or len(phrase) > 1 or t.is_upper:  # "..., HLV Ngọc Sơn"
                    ends.add(j)
    return ends


_ALIAS_BEFORE = (tuple(fold_text(w) for w in "bí danh".split()), tuple(fold_text(w) for w in "biệt danh".split()))


def alias_runs(ctx: Ctx) -> list[tuple[int, int]]:
    """``với bí danh Năm Lai``: the alias, and every later mention of it, is a name."""
    toks = ctx.toks
    aliases = set()
    firsts = {a[0] for a in _ALIAS_BEFORE}
    for i in range(len(toks) - 2):
        if toks[i].fold in firsts and any(all(toks[i + k].fold == w for k, w in enumerate(a)) for a in _ALIAS_BEFORE):
            j = i + 2
            if toks[j].nl or not toks[j].gap or place_at(ctx, j):
                continue
            n = _run(ctx, j, 3)
            if n >= 2:
                aliases.add(tuple(t.fold for t in toks[j:j + n]))
    out = []
    for alias in aliases:
        n = len(alias)
        for i in range(len(toks) - n + 1):
            if tuple(t.fold for t in toks[i:i + n]) == alias and _run(ctx, i, n + 1) == n and (
                    i == 0 or not (ctx.is_title_word(i - 1) and ctx.adjacent(i) and toks[i].gap)):
                out.append((i, i + n))
    return out


def mentioned_again(ctx: Ctx, persons: list[tuple[int, int]], others: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Later (or earlier) mentions of a given name the article gave with a cue: "ca sĩ [Bảo Anh]
    ... [Bảo Anh] thường xuyên ...": the same two to four capitalised words, as a run of their own,
    outside every body, place, title and rank, not after a street word or before a number."""
    toks = ctx.toks
    # given names without a family name ("Bảo Anh", "Công Phượng"): full names and foreign names
    # are found wherever they stand by their own rules, with the filters those rules apply
    sur = surnames()
    names = {tuple(t.fold for t in toks[s:e]) for s, e in persons if 2 <= e - s <= 4
             and all(t.is_alpha and t.is_cap and not t.is_upper and not is_foreign(t.text) for t in toks[s:e])
             and toks[s].fold not in sur}
    if not names:
        return []
    taken = {k for s, e in persons + others for k in range(s, e)}
    firsts = {n[0] for n in names}
    out = []
    for i, t in enumerate(toks):
        if t.fold not in firsts or i in taken or not t.is_cap:
            continue
        for name in names:
            n = len(name)
            if (name[0] == t.fold and tuple(x.fold for x in toks[i:i + n]) == name and _run(ctx, i, n + 1) == n
                    and not any(k in taken for k in range(i, i + n))
                    and (i == 0 or not (ctx.is_title_word(i - 1) and ctx.adjacent(i) and toks[i].gap))
                    and not (i > 0 and (toks[i - 1].fold in _STREET_BEFORE or toks[i - 1].is_num))
                    and not (i + n < len(toks) and toks[i + n].is_num and ctx.adjacent(i + n))):
                out.append((i, i + n))
                break
    return out


def original_spellings(ctx: Ctx, persons: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``Hứa Kỳ Lượng (Xu Qiliang)``: the name in Latin letters in brackets after a name."""
    toks = ctx.toks
    out = []
    for _, e in persons:
        k = e + 1
        if k >= len(toks) or toks[e].text != "(" or toks[e].nl:
            continue
        n = _run(ctx, k, 4)
        if toks[k].fold == _THEO or any(_is_acronym(toks[m]) for m in range(k, k + n)):
            continue  # "Hà Kim (Theo RT)": the source of the story, no spelling of the name
        if 2 <= n and k + n < len(toks) and toks[k + n].text == ")" and all(
                toks[m].text.isascii() and toks[m].is_alpha for m in range(k, k + n) if toks[m].text != "-"):
            out.append((k, k + n))
    return out


def apposition_runs(ctx: Ctx, title_starts: set[int]) -> list[tuple[int, int]]:
    """``Thuận Hữu, Tổng Biên tập ...``: a run followed by a comma/dash and a title."""
    toks = ctx.toks
    out = []
    for i in range(len(toks)):
        if not ctx.is_title_word(i) or toks[i].fold in HONORIFICS:
            continue
        if i > 0 and not (toks[i - 1].text in (",", ":", ";", "(") or toks[i].nl or toks[i - 1].fold == "và"):
            continue
        n = _run(ctx, i, 4)
        if n < 2:
            continue
        j = i + n
        if j + 1 < len(toks) and toks[j].text in (",", "-", "–", "(") and (j + 1) in title_starts:
            if not any(place_at(ctx, k) for k in range(i, j)) and toks[i].fold not in FUNCTION_WORDS:
                out.append((i, j))  # not "Với Hà Nội, Phó Chủ tịch ...": a clause opener and a place
    return out


def _name_tokens(ctx: Ctx, i: int, j: int) -> list[tuple[int, int]]:
    """Names on a byline segment toks[i:j]: runs of 1-4 capitalised words or initials."""
    toks = ctx.toks
    out = []
    k = i
    while k < j:
        t = toks[k]
        if t.fold == _THEO and k + 1 < j and _is_acronym(toks[k + 1]):
            k += 2  # "(Theo RT)": the source is an agency, no name
            continue
        if t.fold in _NOT_NAMES:
            k += 1
            continue
        if t.is_alpha and t.is_cap:
            s = k
            # initials: "N. Huyền", "H.Y", "T.H"
            while k < j and (toks[k].is_alpha and toks[k].is_cap or (toks[k].text == "." and k > s)):
                if toks[k].text != "." and k > s and toks[k - 1].text != "." and not toks[k].gap:
                    break
                k += 1
            e = k
            while e > s and toks[e - 1].text == ".":
                e -= 1
            if e > s:
                out.append((s, e))
            continue
        k += 1
    return out


def bylines(ctx: Ctx, org_starts: dict[int, int]) -> list[tuple[int, int]]:
    toks = ctx.toks
    if not toks:
        return []
    # group tokens by line
    lines: list[tuple[int, int]] = []
    s = 0
    for k in range(1, len(toks) + 1):
        if k == len(toks) or toks[k].nl:
            lines.append((s, k))
            s = k
    out: list[tuple[int, int]] = []
    # drop trailing boilerplate lines
    while lines and _BOILERPLATE.match(ctx.surface(*lines[-1])):
        lines.pop()
    if not lines:
        return out
    for li, (a, b) in enumerate(lines[-3:]):
        is_last = li == len(lines[-3:]) - 1
        seg = toks[a:b]
        words = [t for t in seg if t.is_alpha]
        if not words:
            continue
        # a line of names: "Hoàng Thuỳ - Võ Hải", "Song Đào, ảnh: Nam Nguyễn", "H.Y (tổng hợp)",
        # also with the source body: "Theo Phương Nhi / Cổng Thông tin điện tử Chính phủ"
        # at most 14 tokens, or 10 words when initials and dashes make it longer ("H.TRIỀU - Q.CHIẾN - G.MINH")
        short = len(seg) <= 14 or (len(words) <= 10 and len(seg) <= 24)
        in_org = {k for k in range(a, b) for s0, e0 in org_starts.items() if s0 <= k < e0} if short else set()
        if short and all(
            t.is_cap or t.fold in ("ảnh", "tổng", "hợp", "theo", "và", "tin", "bài", "t", "h", "th") or not t.is_alpha or a + n in in_org
            for n, t in enumerate(seg)
        ):
            k = a
            if toks[k].fold == _THEO:
                k += 1
            for s2, e2 in _name_tokens(ctx, k, b):
                if s2 in org_starts or s2 in in_org:
                    continue
                if e2 - s2 <= 4:
                    out.append((s2, e2))
            continue
        if is_last:
            # a name closing the last paragraph: "... nhấn mạnh. Hải Sơn", also with its
            # agency or a note in brackets: "... Xuân Tùng (TTXVN)", "Công Danh (tổng hợp theo X)"
            e = b
            while e > a and toks[e - 1].text == ".":
                e -= 1
            if e > a and toks[e - 1].text == ")":
                o = next((k for k in range(e - 2, max(a, e - 12) - 1, -1) if toks[k].text == "("), None)
                e = o if o is not None and o > a else e
            while e > a and toks[e - 1].text in (".", ")") :
                e -= 1
            agency = next((s0 for s0, e0 in org_starts.items() if e0 == e and a < s0 - 1 and toks[s0 - 1].text == "/"
                           and not toks[s0 - 1].gap and not toks[s0].gap), None)
            if agency is not None:
                e = agency - 1  # "... sâu sắc./. Trí Anh/VOV.VN": the name, then its agency
            s3 = next((k for k in range(max(a + 1, e - 7), e - 2) if _initials_run(ctx, k) == e - k), None)
            if s3 is not None and toks[s3 - 1].text in (".", "…", "!", "?"):
                out.append((s3, e))  # initials closing the last paragraph: "... chỉ định. D.Thu"
                continue
            s2 = e
            while (s2 > a and toks[s2 - 1].is_alpha and toks[s2 - 1].is_cap and e - s2 < 4 and toks[s2 - 1].fold not in _NOT_NAMES
                   and toks[s2 - 1].gap):  # (not "VOV.VN": a word glued to a dot is no name's)
                s2 -= 1
            if (s2 < e and e - s2 >= 2 and s2 > a
                    and (toks[s2 - 1].text in (".", "…", "!", "?", "/") or (agency is not None and toks[s2 - 1].text == ")"))
                    and place_at(ctx, s2) != e - s2 and not prefix_at(ctx, s2 - 2)):
                out.append((s2, e))
            elif s2 < e and e - s2 >= 2 and s2 - 1 > a and toks[s2 - 1].text in ("-", "–", ","):
                # two authors closing the paragraph: "... anh hùng. Phong Quang - Nguyễn Minh"
                e1 = s2 - 1
                s1 = e1
                while s1 > a and toks[s1 - 1].is_alpha and toks[s1 - 1].is_cap and e1 - s1 < 4:
                    s1 -= 1
                if (e1 - s1 >= 2 and s1 > a and toks[s1 - 1].text in (".", "…", "!", "?")
                        and not place_at(ctx, s1) and not place_at(ctx, s2)):
                    out.extend([(s1, e1), (s2, e)])
    # "Ảnh: HẢI NGUYỄN", "Ảnh: An Đăng/TTXVN"
    for k, t in enumerate(toks):
        if t.fold in CREDIT_OPENERS and k + 2 < len(toks) and toks[k + 1].text == ":":
            j = k + 2
            if toks[j].nl or j in org_starts:
                continue
            if _is_acronym(toks[j]) and j + 2 < len(toks) and toks[j + 1].text == "/" and not toks[j + 2].gap:
                j += 2  # "Ảnh: VGP/Quang Hiếu": the agency, then the photographer
            if toks[j].fold in _NOT_A_PHOTOGRAPHER:
                continue
            n = _initials_run(ctx, j) or _credit_run(ctx, j)
            # "Ảnh: A Ảnh: B": the next credit word ends the name
            n = next((m for m in range(1, n) if toks[j + m].fold in CREDIT_OPENERS), n)
            if n >= 1 and (not place_at(ctx, j) or _district_named(ctx, j, n)):
                if n == 1 and (not toks[j].is_upper or _is_acronym(toks[j])):
                    continue
                out.append((j, j + n))
    return out


_VOWELS = frozenset("aăâeêioôơuưy")


def _district_named(ctx: Ctx, j: int, n: int) -> bool:
    """The credit's n words at token j are a district's name in the lexicon (``Hải An``, ``Lê
    Chân``): districts are named like people, and after "Ảnh:" it is the photographer."""
    m, row = load_lexicon("places").longest(ctx.toks, j)
    return m == n and row is not None and row.get("type") == "district"


def _is_acronym(t) -> bool:
    """``VGP``, ``CTV``, ``TTXVN``: upper case with no vowel, an agency or a role, no name."""
    return t.is_upper and len(t.text) > 1 and not any(c in _VOWELS for c in fold_text(t.text))


def _initials_run(ctx: Ctx, j: int) -> int:
    """Tokens of a name written as initials joined by dots at token j: ``T.L``, ``P.ĐIỀN``,
    ``N.T.T``, ``L.T.Thắng`` (letters and dots, then a capitalised word, nothing between), else 0."""
    toks = ctx.toks
    k = j
    while (k + 2 < len(toks) and len(toks[k].text) == 1 and toks[k].is_upper and toks[k + 1].text == "."
           and not toks[k + 1].gap and not toks[k + 2].gap and toks[k + 2].is_alpha
           and (toks[k + 2].is_upper or (toks[k + 2].is_cap and len(toks[k + 2].text) > 1))):
        k += 2
        if not toks[k].is_upper:
            break  # "L.T.Thắng", "H.Thủy": the initials, then the given name
    return k + 1 - j if k > j else 0


def _credit_run(ctx: Ctx, j: int) -> int:
    """Length of the name after ``Ảnh:`` when the caption runs on into the next sentence.

    ``Ảnh: NGUYỄN TRÀ Báo cáo ...``: the name ends where the case changes;
    ``Ảnh: Xuân Giang Bên cạnh ...``: a third capitalised word followed by a lower-case
    word on the same line opens the next sentence.
    """
    toks = ctx.toks
    n = _run(ctx, j, 4)
    n = next((k for k in range(1, n) if toks[j + k].fold in HONORIFICS and toks[j + k].is_cap), n)  # "Cường Ngô" + "Bà Dư Thị Tâm"
    if n >= 2 and toks[j].is_upper:
        k = 1
        while k < n and toks[j + k].is_upper:
            k += 1
        return k
    if n >= 3:
        e = j + n
        if e < len(toks) and ctx.adjacent(e) and toks[e].gap and toks[e].is_alpha and not toks[e].is_cap:
            return n - 1
    return n


_AT = frozenset(fold_text(w) for w in "ở tại".split())


def foreign_runs(ctx: Ctx, orgs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``Romelu Lukaku``, ``Wayne Rooney``: two to four title-case words on one line, none
    spelled like a Vietnamese syllable, alone between lower-case words or punctuation: a
    foreign name, cue or none. Longer runs are bodies and titles (``New York Mercantile
    Exchange``); a run after a thing or place word names a vehicle, a product, a team or a
    place (``model_cues.tsv``), a run after ``ở``/``tại`` names a venue (``ở Roland Garros``),
    a run before a number a product (``Husqvarna Vitpilen 401``); a common English word
    (``english_words.tsv``) or a known place inside makes a brand, a project or a place. A
    body's name opening the run is cut off
    (``Chủ tịch Sabeco [Michael Ross]``)."""
    toks = ctx.toks
    org_ends = dict(orgs)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not _foreign_name_word(toks[i]):
            i += 1
            continue
        e = i + 1
        while e < len(toks) and ctx.adjacent(e) and toks[e].gap:
            if _foreign_name_word(toks[e]):
                e += 1
            elif p := _particle_after(ctx, i, e):
                e += p  # "John F. Kennedy", "Bashar al-Assad"
            else:
                break
        s = org_ends[i] if i < org_ends.get(i, e) < e else i
        capital_before = s == i and i > 0 and ctx.adjacent(i) and (
            (ctx.is_title_word(i - 1) and not ctx.sentence_initial(i - 1))
            or (toks[i - 1].text in "-'’" and not toks[i].gap)  # "Jean-[Kevin Augustin]"
        )
        capital_after = e < len(toks) and ctx.adjacent(e) and toks[e].gap and ctx.is_title_word(e)
        model_number = e < len(toks) and ctx.adjacent(e) and toks[e].gap and toks[e].is_num
        at_place = s > 0 and ctx.adjacent(s) and not toks[s - 1].is_cap and toks[s - 1].fold in _AT
        if (2 <= e - s <= 4 and not capital_before and not capital_after and not model_number and not at_place
                and cue_before(ctx.text, toks[s].start) not in ("thing", "place", "site")
                and not any(toks[k].text.lower() in english_words() or place_at(ctx, k) for k in range(s, e))):
            out.append((s, e))
        i = e
    return out


def _foreign_name_word(t) -> bool:
    return t.is_alpha and t.is_cap and not t.is_upper and len(t.text) >= 2 and is_foreign(t.text)
