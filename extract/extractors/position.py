"""POSITION: an office held by a person (``titles.tsv``), plus the body written right after it.

    position := [Phó|Quyền] title [complement]
    complement := organisation        Bộ trưởng [Bộ Quốc phòng]
                | domain [org|place]   Bộ trưởng Quốc phòng; Trưởng ban Tổ chức [Thành ủy]
                | admin prefix [place] Chủ tịch tỉnh [Ninh Bình]; Chủ tịch xã
                | number               Sư đoàn trưởng 312
                | country [tại country] Tổng thống Mỹ; Đại sứ Nga tại Hàn Quốc (heads of state, envoys)

Generic or plural uses are not positions (``các bộ trưởng``); a lower-case title needs
a body, a name after it, or a word such as ``nguyên``/``chức`` before it. A seat being
elected (``ứng cử đại biểu Quốc hội``) and a title after a counted subject (``101 ứng viên là
Ủy viên Trung ương``) are not offices held.
"""
from __future__ import annotations

import functools

from extract.extractors.context import FUNCTION_WORDS, HONORIFICS, PLURAL_BEFORE, Ctx, cap_run, ends_a_word
from extract.extractors.org import DELEGATION_BODY, OrgFinder, generic_name
from extract.extractors.place import admin_unit_at, named_after_prefix, place_at, prefix_at
from extract.lexicons import Lexicon, domains_by_head, key_of, load_lexicon, surnames, verbs_after_names, vietnamese_words
from extract.normalise import fold_text

_PREFIXES = ("Phó", "Quyền", "Quyền Phó", "Phó Tổng")
_QUYEN = fold_text("Quyền")
# lower-case first syllables of titles that also end a common word: "chính quyền", "chức vụ"
_ENDS_A_WORD = frozenset(fold_text(w) for w in "quyền vụ".split())
_CUE_BEFORE = frozenset(
    fold_text(w) for w in "nguyên cựu tân chức vụ danh làm là kiêm vị ghế thời cương trò".split()
)
_MINISTRY_HEAD = key_of("Bộ")
_DOMAIN_HEADS = {  # title -> whose domains may follow it
    key_of("Trưởng ban"): key_of("Ban"),
    key_of("Phó ban"): key_of("Ban"),
    key_of("Cục trưởng"): key_of("Cục"),
    key_of("Cục phó"): key_of("Cục"),
    key_of("Vụ phó"): key_of("Vụ"),
    key_of("Viện phó"): key_of("Viện"),
    key_of("Tổng cục trưởng"): key_of("Tổng cục"),
    key_of("Vụ trưởng"): key_of("Vụ"),
    key_of("Trưởng phòng"): key_of("Phòng"),
    key_of("Phó phòng"): key_of("Phòng"),
    key_of("Viện trưởng"): key_of("Viện"),
}


_QUAN = fold_text("quán")  # "Lãnh sự quán": the mission, not the consul


@functools.cache
def titles() -> Lexicon:
    base = load_lexicon("titles")
    lex = Lexicon("titles+")
    for row in base.entries.values():
        phrase = row["_phrase"]
        lex.add(phrase, row)
        for p in _PREFIXES:
            if not phrase.lower().startswith(p.lower()):
                lex.add(f"{p} {phrase}", dict(row, _base=phrase))
    lex.add("Phó ban", {"title": "Phó ban", "kind": "office", "complement": "domain"})
    return lex


def _base(row: dict) -> str:
    return key_of(row.get("_base") or row["_phrase"])


class PositionFinder:
    def __init__(self, ctx: Ctx, orgs: OrgFinder, org_spans: list[tuple[int, int]], persons: list[tuple[int, int]]):
        self.ctx = ctx
        self.persons = persons
        self.person_ends = {e for _, e in persons}
        self.pos_ends: set[int] = set()
        self.class_ends: set[int] = set()  # ends of titles used as a class, not an office held
        self.tail_bodies: list[tuple[int, int]] = []  # bodies that an apposition's lower-case tail completed
        self.orgs = orgs
        self.org_starts = {s: e for s, e in org_spans}
        self.person_starts = {s for s, _ in persons}
        self.lex = titles()
        self.domains = domains_by_head()

    def _org_at(self, j: int) -> int:
        if j in self.org_starts:
            return self.org_starts[j]
        return self.orgs.chain(j, in_position=True)

    def _delegation(self, j: int) -> int:
        """End of ``đại biểu Quốc hội tỉnh X`` / ``ĐBQH tỉnh X`` at token j, 0 if none: a
        provincial delegation is named by its province (``Trưởng đoàn đại biểu Quốc hội tỉnh
        Bắc Ninh``), though a national body alone never takes one.  ``chuyên trách`` (full-time)
        belongs to the title, before or after the body (``Phó trưởng đoàn chuyên trách Đoàn đại
        biểu Quốc hội TP.HCM``, ``Phó Trưởng đoàn ĐBQH chuyên trách TP. Đà Nẵng``); the body
        without a province ends the span unless the delegations in general are meant (``trưởng
        đoàn đại biểu Quốc hội của tỉnh``, ``... chuyên trách các tỉnh``)."""
        ctx, toks = self.ctx, self.ctx.toks
        k = j + 2 if self._full_time(j) else j
        b = k + 1 if ctx.fold(k) == _DOAN and ctx.adjacent(k + 1) else k  # "Đoàn đại biểu Quốc hội"
        n, _ = DELEGATION_BODY.longest(toks, b)
        if not n:
            return k if k > j and (k >= len(toks) or not toks[k].is_alpha) else 0  # "Phó trưởng đoàn chuyên trách,"
        k = b + n
        if self._full_time(k):
            k += 2
        seat = self.orgs.seat_at(k)
        if seat:
            return seat
        if k < len(toks) and toks[k].gap and (toks[k].fold in _GENERIC_SEAT or toks[k].fold in PLURAL_BEFORE):
            return 0
        return k  # "Trưởng đoàn ĐBQH khóa 14"

    def _full_time(self, k: int) -> bool:
        return self.ctx.fold(k) == _CHUYEN and self.ctx.fold(k + 1) == _TRACH and self.ctx.adjacent(k + 1)

    def complement(self, row: dict, j: int) -> int:
        """End token of the body written right after a title ending at token j (j if none)."""
        ctx, toks = self.ctx, self.ctx.toks
        if j >= len(toks) or toks[j].nl or not toks[j].gap:
            return j
        comp = row["complement"]
        if comp == "-":
            return j
        base = _base(row)
        if base in _DELEGATION_HEADS:
            d = self._delegation(j)
            if d:
                return d
        e = self._org_at(j)
        if e:
            return e
        if comp == "army" and toks[j].fold == fold_text("quân") and ctx.fold(j + 1) == fold_text("đội"):
            return j + 2  # "Phó tổng tham mưu trưởng quân đội"
        if comp == "number":
            return j + 1 if toks[j].is_num else j
        dhead = None
        if comp == "ministry":
            dhead = _MINISTRY_HEAD
        elif base in _DOMAIN_HEADS:
            dhead = _DOMAIN_HEADS[base]
        else:
            for k, v in _DOMAIN_HEADS.items():
                if base.endswith(k):
                    dhead = v
        if dhead == _BAN_HEAD and comp == "domain" and not toks[j].is_cap:
            e = self._lower_ban(j)
            if e:
                return e
        if dhead is not None:
            n, _ = self.domains[dhead].longest(toks, j) if dhead in self.domains else (0, None)
            if not n and comp == "domain" and toks[j].is_cap and not _full_name_at(ctx, j):
                n = generic_name(ctx, j)  # "Tổng cục trưởng [Nguyễn Văn Tuấn]" names the holder, not the body
            if not n and comp == "ministry":
                n = _portfolio_at(ctx, j)  # a foreign minister's portfolio: "Bộ trưởng Kinh tế", "Năng lượng"
                if not n:
                    c = _country_at(ctx, j)
                    if c:
                        return j + c  # "Bộ trưởng Ấn Độ": a minister of that country
            if n:
                k = j + n
                # "Trưởng ban Tổ chức Thành ủy", "Bộ trưởng Quốc phòng Việt Nam"
                if k < len(toks) and not toks[k].nl and toks[k].gap:
                    e = self._org_at(k)
                    if e:
                        return e
                    nc = self.orgs._central(k)
                    if nc:
                        return k + nc
                    if k in self.orgs.loc_starts:
                        return self.orgs.loc_starts[k]
                    c = _country_at(ctx, k)  # "Bộ trưởng Quốc phòng Mỹ James Mattis"
                    if c:
                        return k + c
                return k
        if base in _STATE_TITLES:
            # "Tổng thống Mỹ", "Đại sứ Nga tại Hàn Quốc": the country is the body
            c = _country_at(ctx, j)
            if c or (base in _ENVOY_TITLES and ctx.fold(j) == _TAI):
                k = j + c
                if base in _ENVOY_TITLES and ctx.fold(k) == _TAI and toks[k].gap:
                    c2 = _posting_at(ctx, k + 1)
                    if c2:
                        return k + 1 + c2
                if c:
                    return k
        # "Chủ tịch tỉnh Ninh Bình", "Chủ tịch xã", "đại biểu tỉnh Đồng Nai"
        if base in _ADMIN_TITLES:
            return admin_unit_at(ctx, j, _UNIT_WORDS) or self._province_named(j) or j
        # "Giám đốc công an tỉnh", "Trưởng công an xã": the local police named in lower case
        if comp == "org" and j + 2 <= len(toks) and key_of(ctx.surface(j, j + 2)) == _POLICE and not toks[j].is_cap:
            return admin_unit_at(ctx, j + 2, _UNIT_WORDS) or j
        return j

    def _province_named(self, j: int) -> int:
        """End of a province or a centrally-run city named right after the title, with no prefix:
        "Chủ tịch [Thừa Thiên - Huế]", "Bí thư [Hà Nội]" (the press's short form), else 0."""
        toks = self.ctx.toks
        if j >= len(toks) or toks[j].nl or not toks[j].gap:
            return 0
        n, row = load_lexicon("places").longest(toks, j)
        return j + n if n and row is not None and row.get("type") in ("province", "city") else 0

    def _lower_ban(self, j: int) -> int:
        """End of a committee's name written in lower case after ``Trưởng ban``/``Phó ban`` at
        token j, else 0: up to the body it belongs to (``Trưởng Ban công tác đặc biệt [Chính phủ
        Việt Nam]``, ``Trưởng Ban đại diện [HĐQT]``) or to a visible end (``Trưởng ban kiểm
        phiếu`` + ``,`` / a verb such as ``công bố`` / a name)."""
        ctx, toks = self.ctx, self.ctx.toks
        k = j
        while (k < len(toks) and k - j < 5 and toks[k].is_alpha and not toks[k].is_cap and toks[k].gap
               and not toks[k].nl and toks[k].fold not in FUNCTION_WORDS and toks[k].fold not in _TAIL_STOP
               and f"{toks[k].fold} {ctx.fold(k + 1)}" not in _TAIL_STOP_PAIRS):
            k += 1
        if k == j:
            return 0
        if k >= len(toks) or toks[k].nl or toks[k].text in _BAN_ENDS:
            return k
        if toks[k].gap and toks[k].is_cap:
            e = self._org_at(k)
            if e:
                return e
            if _full_name_at(ctx, k):
                return k  # "Trưởng ban kiểm phiếu [Bùi Văn Cường]"
            return 0
        return k if f"{toks[k].fold} {ctx.fold(k + 1)}" in _TAIL_STOP_PAIRS else 0

    def _name_cut(self, tend: int, end: int) -> int:
        """End of the body before a person's name it swallowed.

        ``Chủ tịch UBND tỉnh [Trần Văn Hưng]``: provinces and cities are a closed list, so an
        unknown three-syllable run opening with a family name after ``tỉnh``/``TP`` is a name;
        ``Bí thư Thành ủy TP.HCM [Nguyễn Văn Nam]``: a name run that starts right after a place
        and goes on past the body.
        """
        ctx, toks = self.ctx, self.ctx.toks
        sur = surnames()
        loc_ends = set(self.orgs.loc_starts.values())
        for k in range(tend + 1, end):
            t = toks[k]
            if not (t.is_alpha and t.is_cap) or t.is_upper or t.fold not in sur or t.nl or not t.gap:
                continue
            run = cap_run(ctx, k, 4)
            if run < 2:
                continue
            if k in loc_ends and k + run > end:
                return k
            p = next((n for n in (1, 2) if k - n >= tend and prefix_at(ctx, k - n) == n), 0)
            if (p and key_of(ctx.surface(k - p, k)) in _PROVINCE_PREFIXES and run >= 3
                    and not place_at(ctx, k) and not _fused_city(ctx, k, run)):
                return k
        return end

    def plural_before(self, i: int, end: int = -1, tend: int = -1) -> bool:
        """``các vị đại biểu``, ``7 uỷ viên``, ``50% Bí thư``, ``hai đồng chí Tư lệnh``."""
        toks = self.ctx.toks
        if i > 0 and toks[i - 1].text == "," and i - 1 in self.class_ends and end not in self.person_starts:
            return True  # "các chức danh bí thư, [phó bí thư], ...": the list goes on
        k = i - 1
        while k >= 0 and toks[k].fold in _SKIP_BACK and not toks[k + 1].nl:
            k -= 1
        if k < 0 or toks[k + 1].nl:
            return False
        t = toks[k]
        if t.fold == fold_text("là"):
            return end not in self.person_starts and self._plural_subject(k)
        if t.fold == fold_text("danh") and self.ctx.fold(k - 1) == fold_text("chức") and (
                self.ctx.fold(k - 2) in PLURAL_BEFORE) and end not in self.person_starts:
            return True  # "các chức danh bí thư"
        if t.fold in _KIND_BEFORE and not t.is_cap and end not in self.person_starts:
            return True  # "người Thẩm phán công minh", "đội ngũ Thẩm phán": the kind of office-holder
        if t.fold == _GROUP and end not in self.person_starts:
            return True  # "nhóm Nghị sĩ hữu nghị", "Nhóm nữ đại biểu Quốc hội": a group's name, no office
        if (t.fold == _MOT and not t.is_cap and end == tend and end not in self.person_starts
                and self.ctx.fold(k - 1) != fold_text("là")):
            return True  # "ủy quyền cho một Phó Thủ tướng": any one of them (not "đón một Phó chủ tịch tỉnh X")
        if t.fold == _SO and self.ctx.fold(k - 1) in _SOME and end not in self.person_starts:
            return True  # "một số (vị) đại biểu Quốc hội": some of them
        return t.fold in PLURAL_BEFORE or t.is_num or t.text == "%"

    def _plural_subject(self, k: int) -> bool:
        """``101 ứng viên là [Ủy viên ...]``, ``các ứng viên là``: a count or plural word in the
        subject of ``là`` (same clause, no name between) makes the title a class, not an office."""
        toks = self.ctx.toks
        for m in range(k - 1, max(k - 7, -1), -1):
            t = toks[m]
            if t.text in _CLAUSE_MARKS or toks[m + 1].nl or m + 1 in self.person_ends:
                return False
            if t.fold in _DATE_WORDS or self.ctx.fold(m - 1) in _DATE_WORDS:
                continue  # "năm 2020", "tháng 5"
            if t.is_num and (m + 1 == k or toks[m + 1].fold == fold_text("từng")):
                return False  # "Quân khu 9 từng là": a numbered body, not a count
            if t.fold == fold_text("từng") and m == k - 1:
                continue  # "từng là": once was
            if t.fold in PLURAL_BEFORE or t.is_num:
                return True
        return False

    def at(self, i: int) -> tuple[int, int] | None:
        """(title end, span end) of the position starting at token i, or None."""
        ctx, toks = self.ctx, self.ctx.toks
        cands = []
        parts = []
        for n in range(1, min(self.lex.maxlen, len(toks) - i) + 1):
            if n > 1 and toks[i + n - 1].nl:
                break
            parts.append(toks[i + n - 1].fold)
            row = self.lex.entries.get(" ".join(parts))
            if row is not None:
                cands.append((n, row))
        # a title whose last syllable makes one word with the next is no title: "Đại sứ" + "quán",
        # "Tổng Lãnh sự" + "quán"
        words = vietnamese_words()
        cands = [(n, row) for n, row in cands
                 if not (i + n < len(toks) and ctx.adjacent(i + n) and toks[i + n].gap and toks[i + n].is_alpha
                         and not toks[i + n].is_cap and toks[i + n].fold not in self.orgs.heads.firsts
                         and (f"{toks[i + n - 1].fold} {toks[i + n].fold}" in words or toks[i + n].fold == _QUAN))]
        if cands and i >= 2 and f"{ctx.fold(i - 2)} {ctx.fold(i - 1)}" in _OFFICE_OF and ctx.adjacent(i - 1) and ctx.adjacent(i):
            return None  # "Văn phòng Tùy viên Quốc phòng", "Cơ quan Tùy viên ...": the office, a body
        if (cands and toks[i].fold in _ENDS_A_WORD and ends_a_word(ctx, i)
                and not (toks[i].fold == _QUYEN and ctx.fold(i - 1) == fold_text("chức"))):
            return None  # "chính quyền" + "Tổng thống", "chức vụ" + "Phó Chủ tịch": the word, no title
        if not cands:
            return None
        # prefer the title after which an organisation opens that runs past a longer title:
        # "Phó trưởng [Ban Tổ chức ...]" rather than "Phó trưởng ban" + "Tổ chức ..."
        best = None
        for n, row in reversed(cands):
            e = self.complement(row, i + n)
            if best is None or e > best[1]:
                best = (i + n, e, row)
        tend, end, row = best
        end = self._name_cut(tend, end)
        end = self._apposition_tail(i, tend, end)
        if self.plural_before(i, end, tend):
            self.class_ends.add(end)
            return (tend, end, False)
        r = self._filter(i, tend, end, row)
        return (tend, end, False) if r is None else (r[0], r[1], True)

    def _filter(self, i: int, tend: int, end: int, row: dict):
        ctx, toks = self.ctx, self.ctx.toks
        first = toks[i]
        base = _base(row)
        has_body = end > tend
        name_after = tend < len(toks) and (end in self.person_starts) and toks[end].gap and not toks[end].nl
        cue = i > 0 and toks[i - 1].fold in _CUE_BEFORE and not first.nl
        if ctx.fold(end) in (fold_text("khóa"), fold_text("khoá")) and has_body:
            cue = True
        kind = row["kind"]
        if base in _NEEDS_BODY and not has_body:
            return None
        nxt = ctx.fold(end)
        if nxt == fold_text("cấp") or (ctx.fold(end + 1) == fold_text("cấp") and toks[end].is_upper):
            return None  # "Bí thư cấp ủy cấp huyện", "Chủ tịch UBND cấp xã": a level
        if ctx.fold(end) in (fold_text("khóa"), fold_text("khoá")) and has_body:
            cue = True
        if base == key_of("Trưởng") and not first.is_cap and not (cue and has_body):
            return None  # "Bộ" + "trưởng"; but "vị [trưởng Công an quận 2]"
        if kind == "deputy":
            # "ứng cử đại biểu Quốc hội", "bầu làm đại biểu": the seat being elected, no holder
            if i > 0 and not first.nl and (toks[i - 1].fold in _ELECTION_BEFORE or (
                    toks[i - 1].fold == fold_text("làm") and ctx.fold(i - 2) == fold_text("bầu"))):
                return None
            # "[đại biểu] Dương Trung Quốc"; "[đại biểu Quốc hội]" beside a name
            if name_after:
                return tend, end if has_body else tend
            if not has_body and self._given_name_at(end):
                return tend, tend  # "[đại biểu] Ngân chia sẻ": a deputy named in full before
            if has_body and (cue or self._apposition(i)):
                return tend, end
            return None
        if kind == "membership" and base == key_of("thành viên"):
            return (tend, end) if has_body and (cue or self._apposition(i)) else None
        if not first.is_cap:
            if not (has_body or name_after or cue or self._apposition(i)):
                return None
        return tend, end

    def _apposition_tail(self, i: int, tend: int, end: int) -> int:
        """End of a title in apposition whose body goes on in lower case up to the punctuation that
        closes the apposition: ``X, [Trưởng phòng Kế hoạch và Quản lý rủi ro], ...``,
        ``X ([hiệu trưởng trường mầm non Ban Mai])``. When the run meets a function word, a verb, a
        name or a second title before that punctuation, it ends at the last place it went through
        (``X - [Trưởng phòng Kinh tế huyện Hóc Môn] quả quyết rằng``), else nothing is added."""
        ctx, toks = self.ctx, self.ctx.toks
        j = i - 1 if i > 0 and toks[i - 1].fold in _TIME_MODIFIERS and not toks[i].nl else i
        if not (self._apposition(j) or self._office_named(j)):
            return end
        loc_ends = self.orgs.loc_ends
        if end in loc_ends:
            return end  # "Phó Giám đốc Công an tỉnh Đồng Nai" + "xác định": a place closes the body
        k = end
        place_end = 0  # the end of a place the tail went through: a clause after it ends the body there
        while k < len(toks) and k - end <= _APPOSITION_MAX:
            t = toks[k]
            if k > end and k in loc_ends:
                place_end = k
            if t.nl:
                break
            if t.text in _TAIL_CLOSE:
                if t.text == "." and toks[k - 1].is_upper:
                    return end  # "TP. Cần Thơ", "Bộ Q. P": an abbreviation, not the end
                return self._tail_end(tend, end, k) if k > end and toks[k - 1].is_word else end
            if t.text in ("-", "–"):
                if k == end or ctx.fold(k + 1) in HONORIFICS or not toks[k].gap:
                    return end
                k += 1
                continue
            if not t.is_word or not t.gap or k in self.person_starts or t.is_num:
                return end  # ... "hơn 1,8 triệu đồng": a figure is no body
            if t.is_cap and not t.is_upper and cap_run(ctx, k, 4) >= 3 and not place_at(ctx, k) and (
                    t.fold in surnames() or ctx.fold(k + 1) == _THI):
                return self._place_closed(tend, end, place_end)  # a full name the body runs into
            if t.fold == _VA and k > end and ctx.fold(k + 1) in HONORIFICS and toks[k - 1].is_word:
                return self._tail_end(tend, end, k)  # "... [Trưởng Ban Bồi thường giải phóng mặt bằng quận] và ông X"
            if t.fold in _TAIL_STOP or (t.fold in FUNCTION_WORDS and t.fold != _VA):
                # (not before "tại": "Trưởng Phái đoàn Việt Nam" + "tại Liên Hợp Quốc" names the posting)
                return end if t.fold == _TAI else self._place_closed(tend, end, place_end)
            if (ctx.fold(k + 1) and f"{t.fold} {ctx.fold(k + 1)}" in _TAIL_STOP_PAIRS
                    and not (k == tend and toks[k - 1].fold in self.orgs.heads.firsts)):
                return self._place_closed(tend, end, place_end)  # a verb; not the field of the title's unit ("Trưởng phòng" + "quản lý giáo dục")
            if t.is_cap and self._title_at(k):
                return self._place_closed(tend, end, place_end)  # "[Bộ trưởng Bộ Quốc phòng] và [Ủy viên Bộ Chính trị]": a second title
            k += 1
        return end

    def _title_at(self, k: int) -> bool:
        toks, parts = self.ctx.toks, []
        for n in range(min(self.lex.maxlen, len(toks) - k)):
            parts.append(toks[k + n].fold)
            if " ".join(parts) in self.lex.entries:
                return True
        return False

    def _place_closed(self, tend: int, end: int, place_end: int) -> int:
        return self._tail_end(tend, end, place_end) if place_end else end

    def _tail_end(self, tend: int, end: int, k: int) -> int:
        """``k``, the new end of a title's span; the body that opens right after the title (a
        capitalised unit), or with its last word (``Trưởng [Ban] Bồi thường``), is an ORG to ``k`` as well."""
        toks = self.ctx.toks
        if toks[tend].is_cap and (tend in self.org_starts or self.orgs.heads.longest(toks, tend)[0]):
            self.tail_bodies.append((tend, k))
        elif tend - 1 in self.org_starts:
            self.tail_bodies.append((tend - 1, k))  # "Trưởng Ban" + "Bồi thường ...": the title's last word opens the body
        return k

    def _given_name_at(self, k: int) -> bool:
        """One capitalised word at token k, alone, that ends a name found in the article: the
        short form of a person named in full before ("đại biểu [Ngân]" after "Trần Hoàng Ngân")."""
        toks = self.ctx.toks
        if k >= len(toks) or not toks[k].gap or toks[k].nl or not (toks[k].is_alpha and toks[k].is_cap) or toks[k].is_upper:
            return False
        if k + 1 < len(toks) and toks[k + 1].is_cap and toks[k + 1].is_alpha and self.ctx.adjacent(k + 1):
            return False
        return any(e - s >= 2 and toks[e - 1].fold == toks[k].fold for s, e in self.persons)

    def _office_named(self, i: int) -> bool:
        """The title follows "chức" or "cương vị": an office named as such (``nhận chức [Trưởng
        Ban ...]``, ``trên cương vị [Giám đốc ...]``)."""
        return i > 0 and not self.ctx.toks[i].nl and (
            self.ctx.fold(i - 1) == _CHUC or (self.ctx.fold(i - 2), self.ctx.fold(i - 1)) == _CUONG_VI)

    def _apposition(self, i: int) -> bool:
        """The title follows a comma, dash or semicolon after a person or another title."""
        toks = self.ctx.toks
        if not (i > 0 and toks[i - 1].text in (",", ";", "-", "–", "(") and not toks[i].nl):
            return False
        return (i - 1) in self.person_ends or (i - 1) in self.pos_ends


# the tail of a title in apposition: what closes it, what stops it
_TAIL_MAX = 8
_CHUC, _CUONG_VI = fold_text("chức"), (fold_text("cương"), fold_text("vị"))
_APPOSITION_MAX = 11  # words of a body's lower-case tail in apposition
_TAIL_CLOSE = frozenset(",;:.()\"“”")
_VA = fold_text("và")
_THI = fold_text("Thị")
_TIME_MODIFIERS = frozenset(fold_text(w) for w in "nguyên cựu tân".split())
_BAN_HEAD = key_of("Ban")
_BAN_ENDS = frozenset(",.;:()")
_TAIL_STOP = frozenset(fold_text(w) for w in "kiêm giai nhiệm sinh chuyển nghỉ thời".split())
_TAIL_STOP_PAIRS = verbs_after_names()  # "cho biết", "phát biểu" ... (data: verbs_after_names.tsv)
# "ứng cử", "bầu cử", "tranh cử", "bầu" right before a deputy title
_ELECTION_BEFORE = frozenset(fold_text(w) for w in "cử bầu".split())
# titles whose body may be a country: heads of state and government, envoys, lawmakers
_ENVOY_TITLES = frozenset(key_of(w) for w in [
    "Đại sứ", "Đại sứ đặc mệnh toàn quyền", "Tổng Lãnh sự", "Lãnh sự", "Tùy viên Quốc phòng", "Tùy viên Quân sự"])
_STATE_TITLES = _ENVOY_TITLES | frozenset(key_of(w) for w in [
    "Tổng thống", "Thủ tướng", "Chủ tịch", "Quốc vương", "Nhà vua", "Nữ hoàng", "Hoàng đế", "Ngoại trưởng",
    "Thượng nghị sĩ", "Hạ nghị sĩ", "Nghị sĩ", "Ủy viên Quốc vụ", "Quốc vụ khanh"])
_TAI = fold_text("tại")
_OFFICE_OF = frozenset(key_of(w) for w in ["văn phòng", "cơ quan"])
_CLAUSE_MARKS = frozenset(",;:.()–-\"“”")
_DATE_WORDS = frozenset(fold_text(w) for w in "năm tháng ngày".split())
_PROVINCE_PREFIXES = frozenset(key_of(w) for w in ["tỉnh", "thành phố", "TP", "Tp"])
_MOT = fold_text("một")
_SKIP_BACK = frozenset(fold_text(w) for w in "vị đồng chí Phó phó".split())
_SO = fold_text("số")
_SOME = frozenset(fold_text(w) for w in "một các những".split())


def _portfolio_at(ctx: Ctx, j: int) -> int:
    """Length of a minister's portfolio the lexicon does not list, at token j: one capitalised
    word of two syllables (``Kinh tế``, ``Năng lượng``, ``Nông nghiệp``), and another after
    ``và`` (``Giao thông và Nông nghiệp``), else 0."""
    toks = ctx.toks

    def word_at(k: int) -> bool:
        return (k + 1 < len(toks) and ctx.adjacent(k) and ctx.adjacent(k + 1) and toks[k].gap and toks[k + 1].gap
                and toks[k].is_alpha and toks[k].is_cap and not toks[k].is_upper and toks[k + 1].is_alpha
                and not toks[k + 1].is_cap and f"{toks[k].fold} {toks[k + 1].fold}" in vietnamese_words())

    if not word_at(j):
        return 0
    if toks[j + 2:j + 3] and toks[j + 2].fold == fold_text("và") and word_at(j + 3):
        return 5
    return 2


def _full_name_at(ctx: Ctx, j: int) -> bool:
    """A person's full name starts at token j: a surname and one to three more capitalised
    syllables, then no further capitalised word on the line."""
    toks = ctx.toks
    if toks[j].fold not in surnames():
        return False
    n = cap_run(ctx, j, 5)
    return 2 <= n <= 4 and not (j + n < len(toks) and ctx.adjacent(j + n) and toks[j + n].gap and ctx.is_title_word(j + n))


# "Trưởng đoàn đại biểu Quốc hội tỉnh X": the head of a province's delegation to the National Assembly
_DELEGATION_HEADS = frozenset(key_of(w) for w in ["Trưởng đoàn", "Phó trưởng đoàn", "Phó Trưởng đoàn"])
_DOAN, _CHUYEN, _TRACH = fold_text("đoàn"), fold_text("chuyên"), fold_text("trách")
_GENERIC_SEAT = frozenset(fold_text(w) for w in ["của", "ở", "tại"])  # "... của tỉnh, thành phố": any delegation
# a title after these names a kind of office-holder, not one: "người Thẩm phán", "đội ngũ Thẩm phán"
_KIND_BEFORE = frozenset(fold_text(w) for w in ["người", "ngũ", "cấp"])
_GROUP = fold_text("nhóm")
_ADMIN_TITLES = frozenset(key_of(w) for w in ["Chủ tịch", "Phó Chủ tịch", "đại biểu", "Bí thư", "Phó Bí thư",
                                                "Trưởng Công an"])
_UNIT_WORDS = frozenset(fold_text(w) for w in "xã huyện tỉnh phường quận".split())
_POLICE = key_of("công an")
_NEEDS_BODY = frozenset(
    key_of(w) for w in ["Trưởng", "Thư ký", "Trợ lý", "Trưởng Công an", "Phát ngôn viên", "Thủ trưởng"]
)


def _country_at(ctx: Ctx, k: int) -> int:
    """Length of a capitalised country name (places lexicon) at token k on the same line."""
    toks = ctx.toks
    if k >= len(toks) or toks[k].nl or not toks[k].gap or not toks[k].is_cap:
        return 0
    n, row = load_lexicon("places").longest(toks, k)
    if not n or row.get("type") != "country":
        return 0
    if not all(toks[k + m].is_cap and not toks[k + m].nl for m in range(n)):
        return 0
    return n


def _posting_at(ctx: Ctx, k: int) -> int:
    """Length of the country or city an envoy is posted to, at token k after ``tại``:
    ``Việt Nam``, ``TP Hồ Chí Minh``, ``TP.HCM``."""
    c = _country_at(ctx, k)
    if c:
        return c
    toks = ctx.toks
    if k >= len(toks) or toks[k].nl or not toks[k].gap:
        return 0
    p = prefix_at(ctx, k)
    if p and toks[k].fold in ("tp", "thành"):
        n = named_after_prefix(ctx, k + p) if k + p < len(toks) else 0
        return p + n if n else 0
    n, row = load_lexicon("places").longest(toks, k)
    return n if n and row.get("type") in ("city", "province") and toks[k].is_cap else 0


def _fused_city(ctx: Ctx, k: int, run: int) -> bool:
    """The run at k opens a city the lexicon lists only with a fused prefix (``TP.Hồ Chí Minh``)."""
    places = load_lexicon("places")
    return any(f"TP.{ctx.surface(k, k + n)}" in places for n in range(2, run + 1))


def find_positions(ctx: Ctx, orgs: OrgFinder, org_spans,
                   persons: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The POSITION token ranges, and the bodies inside them that a lower-case tail completed
    (ORG: ``Trưởng [Ban Bồi thường giải phóng mặt bằng quận]``)."""
    finder = PositionFinder(ctx, orgs, org_spans, persons)
    toks = ctx.toks
    first_words = finder.lex.firsts
    inside_org = set()
    for s, e in org_spans:
        inside_org.update(range(s + 1, e))
    out = []
    i = 0
    while i < len(toks):
        if toks[i].fold in first_words and i not in inside_org:
            r = finder.at(i)
            if r:
                if r[2]:
                    out.append((i, r[1]))
                    finder.pos_ends.add(r[1])
                i = r[0]
                continue
        i += 1
    ends = {e for _, e in out}
    return out, [b for b in finder.tail_bodies if b[1] in ends]
