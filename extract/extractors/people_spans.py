"""The one entry point of the people extractors: RANK, PERSON, POSITION, ORG and LOC spans.

    >>> [(m.label, m.text) for m in find_people_spans("Thiếu tướng Hồ Văn Thái, Chính ủy Quân khu 9")]
    [('RANK', 'Thiếu tướng'), ('PERSON', 'Hồ Văn Thái'), ('POSITION', 'Chính ủy Quân khu 9'), ('ORG', 'Quân khu 9')]

Order of work: ranks and places (lexicons), organisations (they need places), person
candidates (surname runs, names after ranks and honorifics), positions (they need
organisations and the names after them), then names after titles, appositions and
bylines; finally overlaps are resolved (same label: longest wins; a name inside an
organisation or a place, a place inside a name, an organisation inside a title word
are dropped).
"""
from __future__ import annotations

from extract.extractors.context import Ctx, is_foreign
from extract.extractors.org import find_orgs
from extract.extractors.person import (
    apposition_runs,
    bylines,
    alias_runs,
    foreign_runs,
    hcm_person,
    honorific_ends,
    mentioned_again,
    original_spellings,
    role_ends,
    runs_after,
    surname_runs,
)
from extract.extractors.place import find_places
from extract.extractors.position import find_positions
from extract.extractors.rank import find_ranks
from extract.lexicons import key_of, vietnamese_words
from extract.normalise import fold_text
from extract.records import Mention

LABELS = ("RANK", "PERSON", "POSITION", "ORG", "LOC")


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, the longest (then the earliest) winning."""
    taken: list[tuple[int, int]] = []
    occupied: set[int] = set()
    for s, e in sorted(set(spans), key=lambda x: (-(x[1] - x[0]), x[0])):
        if e <= s or any(k in occupied for k in range(s, e)):
            continue
        taken.append((s, e))
        occupied.update(range(s, e))
    return sorted(taken)


def _inside(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= a[0] and a[1] <= e for s, e in spans)


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


_SEVERAL = frozenset(fold_text(w) for w in "hai 2 ba 3 các những".split())
_COUNTRIES = frozenset(fold_text(w) for w in "nước bên quốc gia".split())


def _of_several(ctx: Ctx, j: int) -> bool:
    """Token j starts "hai nước", "các nước", "hai bên" on the same line."""
    toks = ctx.toks
    return (j + 1 < len(toks) and toks[j].fold in _SEVERAL and toks[j + 1].fold in _COUNTRIES
            and ctx.adjacent(j) and toks[j].gap and ctx.adjacent(j + 1))


def _with_initial_dot(ctx: Ctx, span: tuple[int, int]) -> tuple[int, int]:
    """``Lương Văn T.``: a name cut to an initial keeps the initial's dot."""
    s, e = span
    toks = ctx.toks
    last = toks[e - 1]
    if (e - s >= 2 and e < len(toks) and toks[e].text == "." and not toks[e].gap
            and last.is_alpha and last.is_upper and len(last.text) == 1 and toks[e - 2].gap):
        return (s, e + 1)
    return span


def _after_position(span: tuple[int, int], positions: list[tuple[int, int]]) -> tuple[int, int]:
    """The part of a name run after a position it starts inside and goes past: the holder."""
    s, e = span
    for ps, pe in positions:
        if ps <= s < pe < e:
            return (pe, e) if e - pe >= 2 else (s, s)
    return span


def _hyphen_tail(ctx: Ctx, span: tuple[int, int]) -> tuple[int, int]:
    """A foreign name going on over a hyphen with no space and a capitalised word: "Broekers-Knol"."""
    s, e = span
    toks = ctx.toks
    while (e + 1 < len(toks) and toks[e].text == "-" and not toks[e].gap and not toks[e + 1].gap
           and toks[e + 1].is_alpha and toks[e + 1].is_cap and is_foreign(toks[e - 1].text)):
        e += 2
    return (s, e)


def _without_next_word(ctx: Ctx, span: tuple[int, int]) -> tuple[int, int]:
    """``Phạm Trường Long [Cảnh] giác``: a caption with no full stop runs a name into the next
    sentence; a name of four syllables or more (three after a credit's colon or slash) gives back its
    last one when that syllable and the lower-case one after it make a dictionary word (``cảnh giác``,
    ``đón nhận``, ``Ảnh: VGP/Quang Hiếu [Nhất] trí``)."""
    s, e = span
    toks = ctx.toks
    credit = s > 0 and toks[s - 1].text in ("/", ":")  # "Ảnh: VGP/Quang Hiếu [Nhất] trí": a credit's given name
    if e - s < (3 if credit else 4) or e >= len(toks):
        return span
    last, nxt = toks[e - 1], toks[e]
    if nxt.nl or not nxt.gap or not nxt.is_alpha or nxt.is_cap or not last.is_cap or last.is_upper:
        return span
    if f"{last.fold} {nxt.fold}" in vietnamese_words():
        return (s, e - 1)
    return span


_DASHES = frozenset("-–")
# two-syllable phrases shaped like a name that are none: a year of the sixty-year cycle
# (Đinh Dậu, Giáp Ngọ) and two compass points (Đông Nam, Tây Bắc)
_STEMS = frozenset(fold_text(w) for w in "Giáp Ất Bính Đinh Mậu Kỷ Canh Tân Nhâm Quý".split())
_BRANCHES = frozenset(fold_text(w) for w in "Tý Tí Sửu Dần Mão Mẹo Thìn Tỵ Tị Ngọ Mùi Thân Dậu Tuất Hợi".split())
_COMPASS = frozenset(fold_text(w) for w in "Đông Tây Nam Bắc".split())


def shaped_like_a_name(words: list[str]) -> bool:
    """Folded words of a would-be name that make a cycle year or two compass points."""
    if len(words) != 2:
        return False
    a, b = words
    return (a in _STEMS and b in _BRANCHES) or (a in _COMPASS and b in _COMPASS)


def _shaped_like_a_name(ctx: Ctx, span: tuple[int, int]) -> bool:
    return shaped_like_a_name([t.fold for t in ctx.toks[span[0]:span[1]]])


def _route_items(ctx: Ctx) -> list[tuple[int, int]]:
    """Items of a route written as four or more capitalised names joined by dashes on one line
    (``Tràng Tiền - Ngô Quyền - Lý Thường Kiệt - Hỏa Lò``): streets and stops, no persons."""
    toks = ctx.toks
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        items = []
        k = i
        while k < len(toks) and ctx.is_title_word(k) and (k == i or not toks[k].nl):
            e = k
            while e < len(toks) and ctx.is_title_word(e) and (e == k or not toks[e].nl):
                e += 1
            items.append((k, e))
            if e + 1 < len(toks) and toks[e].text in _DASHES and toks[e].gap and not toks[e].nl \
                    and toks[e + 1].gap and not toks[e + 1].nl:
                k = e + 1
            else:
                break
        if len(items) >= 4:
            out.extend(items)
            i = items[-1][1]
        else:
            i = max(i + 1, items[0][1] if items else i + 1)
    return out


_LIST_SEPARATORS = frozenset([",", ";"])
_VA = fold_text("và")
_DANH = (fold_text("chức"), fold_text("danh"))
# the country's top offices, each with one holder: named in a list, they are that holder
_ONE_HOLDER = frozenset(key_of(w) for w in [
    "Tổng Bí thư", "Tổng Bí thư Ban Chấp hành Trung ương Đảng", "Chủ tịch nước", "Thủ tướng", "Thủ tướng Chính phủ",
    "Chủ tịch Quốc hội", "Thường trực Ban Bí thư"])


def _without_office_lists(ctx: Ctx, positions: list[tuple[int, int]], persons: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Three titles or more in a row, joined by commas, semicolons or "và", introduced by a colon or
    by "chức danh" and with no name beside any of them: offices listed as categories ("Các chức
    danh do Bộ Chính trị quyết định gồm: Ủy viên Bộ Chính trị, Phó Chủ tịch nước, Phó Thủ tướng
    ...", "các chức danh thì Phó bí thư, Chủ tịch HĐND, ..."), held by no one in particular."""
    starts = {s for s, _ in persons}
    ends = {e for _, e in persons}
    runs: list[list[tuple[int, int]]] = []
    for p in sorted(positions):
        if runs and _joined(ctx, runs[-1][-1][1], p[0]):
            runs[-1].append(p)
        else:
            runs.append([p])
    drop = set()
    for run in runs:
        first = run[0][0]
        if len(run) < 3 or any(e in starts or s in ends for s, e in run) or not _introduces_a_list(ctx, first):
            continue
        if all(key_of(ctx.surface(s, e)) in _ONE_HOLDER for s, e in run):
            continue  # "Tổng Bí thư, Chủ tịch nước, Thủ tướng Chính phủ, Chủ tịch Quốc hội": one holder each
        drop.update(run)
    return [p for p in positions if p not in drop]


def _introduces_a_list(ctx: Ctx, first: int) -> bool:
    """A colon right before token ``first``, or "chức danh" in the few words before it (same line)."""
    toks = ctx.toks
    if first > 0 and toks[first - 1].text == ":":
        return True
    for k in range(max(1, first - 4), first):
        if (toks[k - 1].fold, toks[k].fold) == _DANH and not any(t.nl for t in toks[k:first + 1]):
            return True
    return False


def _joined(ctx: Ctx, end: int, start: int) -> bool:
    """Two titles side by side in a list: one comma, semicolon or "và" between them."""
    if start - end != 1:
        return False
    t = ctx.toks[end]
    return t.text in _LIST_SEPARATORS or (t.fold == _VA and not t.is_cap)


def _lone_foreign_names(ctx: Ctx, ends: set[int], persons: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A single foreign-spelled name right after an office (``Tổng thống Thổ Nhĩ Kỳ [Erdogan]``,
    ``Nhà vua Nhật Bản [Akihito]``): the person as the article names them. Not where the
    article gives the full name too (``Thủ tướng Abe`` and ``Shinzo Abe``: ANNOTATION.md
    leaves a lone surname of a name written in full out)."""
    toks = ctx.toks
    named_in_full = {toks[e - 1].fold for s, e in persons if e - s >= 2}
    out = []
    for j in sorted(ends):
        if not (j < len(toks) and ctx.adjacent(j) and toks[j].gap and toks[j].is_alpha and toks[j].is_cap
                and not toks[j].is_upper and len(toks[j].text) > 2 and is_foreign(toks[j].text)):
            continue
        k = j + 1
        if k < len(toks) and ctx.adjacent(k) and (toks[k].is_alpha and toks[k].is_cap or not toks[k].gap):
            continue  # a longer run (the rules' other finders read it) or a glued word
        if toks[j].fold not in named_in_full:
            out.append((j, k))
    return out


def find_spans(ctx: Ctx) -> dict[str, list[tuple[int, int]]]:
    """Token ranges per label (the pure core of ``find_people_spans``)."""
    ranks = find_ranks(ctx)
    locs = find_places(ctx)
    orgs, finder = find_orgs(ctx, locs)
    persons = surname_runs(ctx, set())
    persons += runs_after(ctx, {e for _, e in ranks})
    persons += runs_after(ctx, honorific_ends(ctx))
    persons += runs_after(ctx, role_ends(ctx))
    persons += alias_runs(ctx)
    persons += foreign_runs(ctx, orgs)
    positions, tail_bodies = find_positions(ctx, finder, orgs, persons)
    # organisations found inside a title complement (position-only context) count too
    pos_orgs = []
    for s, e in positions:
        k = s
        while k < e:
            oe = finder.chain(k, in_position=True) if ctx.toks[k].is_cap or k > s else 0
            if oe and oe <= e and k > s:
                pos_orgs.append((k, oe))
                k = oe
            else:
                k += 1
    orgs = _longest_first(orgs + pos_orgs)
    orgs = _longest_first(tail_bodies + [o for o in orgs if not _inside(o, tail_bodies)])
    persons += runs_after(ctx, {e for _, e in positions})
    persons += _lone_foreign_names(ctx, {e for _, e in positions}, persons)
    persons += apposition_runs(ctx, {s for s, _ in positions})
    credits = bylines(ctx, {s: e for s, e in orgs})
    persons += credits

    positions = _longest_first(positions)
    # "Bộ trưởng Bộ Quốc phòng hai nước": one title or body for several countries is generic
    positions = [p for p in positions if not _of_several(ctx, p[1])]
    orgs = [o for o in orgs if not _of_several(ctx, o[1])]
    # a name inside an organisation, a place or a position is not a person
    persons = [p for p in persons if not _inside(p, orgs) and not _inside(p, positions)]
    persons = [p for p in persons if p not in set(locs) or p in credits or hcm_person(ctx, p[0], p[1] - p[0])]
    # a name run after a title stops at the title's body: "Phát ngôn viên Nhà Trắng" + "[Sean Spicer]"
    persons = [_after_position(p, positions) for p in persons]
    persons = [p for p in persons if p[1] - p[0] >= 1]
    # a foreign family name joined by a hyphen: "Ankie Broekers-Knol"
    persons = [_hyphen_tail(ctx, p) for p in persons]
    # a name does not start inside a place: "châu [Âu] Juncker" ("Âu" is also a family name)
    persons = [p for p in persons if not any(ls < p[0] < le for ls, le in locs)]
    # a rank is never part of a name ("Phó Đô đốc" is not "Phó Đô")
    persons = [p for p in persons if not _overlaps(p, ranks)]
    route = _route_items(ctx)
    persons = [p for p in persons if not _inside(p, route) and not _shaped_like_a_name(ctx, p)
               and not any(c.isdigit() for t in ctx.toks[p[0]:p[1]] for c in t.text)]  # "cầu thủ U20 Pháp"
    persons = _longest_first([_with_initial_dot(ctx, _without_next_word(ctx, p)) for p in persons])
    persons = _longest_first(persons + original_spellings(ctx, persons))
    persons = _longest_first(persons + mentioned_again(ctx, persons, orgs + positions + locs + ranks))
    positions = _without_office_lists(ctx, positions, persons)
    locs = [l for l in locs if not _overlaps(l, persons)]
    orgs = [o for o in orgs if not _overlaps(o, persons)]
    orgs = [o for o in orgs if not any(s <= o[0] < s + 1 and o[1] <= e and o[0] > s for s, e in positions)]
    return {
        "RANK": _longest_first(ranks),
        "PERSON": persons,
        "POSITION": positions,
        "ORG": _longest_first(orgs),
        "LOC": _longest_first(locs),
    }


def find_people_spans(text: str) -> list[Mention]:
    """All RANK, PERSON, POSITION, ORG and LOC mentions of an (NFC) article text."""
    ctx = Ctx.build(text)
    out = []
    for label, spans in find_spans(ctx).items():
        for i, j in spans:
            s, e = ctx.span(i, j)
            out.append(Mention(s, e, label, text[s:e]))
    return sorted(out, key=lambda m: (m.start, -m.end, LABELS.index(m.label)))
