"""ORG: named bodies (``orgs.tsv`` fixed names, ``org_heads.tsv`` + ``domains.tsv`` grammar).

An organisation is built from *units* chained without punctuation:

    unit  := fixed name                       Bộ Chính trị, TTXVN, Quân đội nhân dân Việt Nam
           | head + name part                  Bộ + Quốc phòng, Cục + Quân lực, Quân khu + 9
           | head alone (elliptical, if allowed) Quân khu, Đảng ủy, Bộ
    org   := unit (unit | place | prefix place | "Trung ương")*
             Ban Tổ chức + Tỉnh ủy + Bắc Giang;  UBND + tỉnh + Quảng Nam

Generic or plural bodies are not ORG: ``các Tỉnh ủy``, ``Ban Tổ chức Tỉnh ủy 6 tỉnh``,
``Thường trực Tỉnh ủy, Thành ủy``.
"""
from __future__ import annotations

from extract.extractors.context import FUNCTION_WORDS, PLURAL_BEFORE, Ctx
from extract.extractors.place import named_after_prefix, place_at, prefix_at
from extract.lexicons import domains_by_head, key_of, load_lexicon, surnames
from extract.normalise import fold_text

# heads that may open an ORG in lower case when a capitalised name follows
_LOWER_OK = frozenset(
    key_of(w)
    for w in [
        "công ty", "tổng công ty", "văn phòng", "ngân hàng", "bệnh viện", "sở", "tổng cục",
        "tập đoàn", "ban chấp hành", "ban thường vụ", "cục", "trường", "học viện", "tòa án",
        "viện kiểm sát", "bộ tư lệnh", "bộ đội biên phòng", "bộ đội", "quân đội nhân dân",
        "ủy ban", "hội đồng", "ban", "đảng ủy", "đảng bộ", "báo", "đài", "bộ",
    ]
)
# lower-case heads that are common words too ("bộ phim", "bộ Luật"): an ORG only with a
# name of the domain list ("bộ Công an", "bộ Quốc phòng")
_LOWER_DOMAIN_ONLY = frozenset(key_of(w) for w in ["bộ"])
# party committees named by their place: bare use is generic when the article names several
_PARTY_COMMITTEES = frozenset(key_of(w) for w in ["Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy"])
_CENTRAL = frozenset(key_of(w) for w in ["Trung ương", "T.Ư", "TW", "TƯ"])
_COMPANY_WORDS = frozenset(
    fold_text(w) for w in "cổ phần CP TNHH MTV TMCP một thành viên hữu hạn trách nhiệm JSC".split()
)
_THUONG, _TRUC = fold_text("thường"), fold_text("trực")
_VIEN = fold_text("viên")
# national bodies: a province after them belongs to something else ("Đoàn ĐBQH tỉnh X")
_NATIONAL = frozenset(key_of(w) for w in ["Quốc hội", "QH"])
_TITLE_ENDS = frozenset(fold_text(w) for w in "thư tịch viên trưởng nhiệm".split())
_GENERIC_AFTER = frozenset(fold_text(w) for w in "tỉnh huyện xã quận đơn vị cấp thành phố".split())
# common words ending in a lower-case head syllable: "cơ sở", "trụ sở" are not a "sở"
_COMPOUND_BEFORE = {fold_text("sở"): frozenset(fold_text(w) for w in "cơ trụ".split())}
# descriptive words inside a company name before its proper name:
# "Công ty cổ phần Phát triển đầu tư Thái Sơn", "công ty xây dựng Lũng Lô"
_TRADE_WORDS = frozenset(
    fold_text(w)
    for w in """đầu tư phát triển xây dựng thương mại dịch vụ sản xuất xuất nhập khẩu công nghệ
    du lịch bất động sản kinh doanh vận tải năng lượng khoáng sản điện lực dược phẩm""".split()
)


def is_national(name: str) -> bool:
    """``Quốc hội``, ``QH``: a body of the whole country, so a province after it names something else."""
    return key_of(name) in _NATIONAL


def _fixed_case_ok(row: dict, toks, i: int, n: int) -> bool:
    case = row.get("case", "cap")
    etoks = row["_tokens"]
    if case == "exact":
        return all(toks[i + k].text == etoks[k] for k in range(n))
    if case == "any":
        return True
    first = toks[i]
    if first.is_alpha and not first.is_cap:
        return False
    # every upper-case abbreviation inside the entry stays upper case (QĐND, T.Ư)
    for k in range(n):
        e = etoks[k]
        if len(e) > 1 and e.isupper() and not toks[i + k].text.isupper():
            return False
    return True


def _head_ok(row: dict, toks, i: int, n: int) -> bool:
    first = toks[i]
    if first.is_cap:
        etoks = row["_tokens"]
        for k in range(1, n):
            e = etoks[k]
            if len(e) > 1 and e.isupper() and not toks[i + k].text.isupper():
                return False
        return True
    return key_of(row["_phrase"]) in _LOWER_OK


def _bare_ok(ctx: Ctx, j: int, head_len: int = 1) -> bool:
    """An elliptical head ends at token j: nothing name-like may follow.

    A one-syllable head (``Bộ``, ``Quỹ``) may be the first half of a common word
    (``Bộ đội``, ``Bộ luật``), so only a function word or punctuation may follow it.
    """
    toks = ctx.toks
    if j >= len(toks) or toks[j].nl:
        return True
    t = toks[j]
    if not t.is_word:
        return t.text not in "-–&"
    if t.is_num:
        return False
    if t.is_cap:
        return True
    return head_len > 1 or t.fold in FUNCTION_WORDS


def _trade_bridge(toks, k: int) -> int:
    """Lower-case trade words at token k followed by a capitalised name: their count, else 0."""
    n = 0
    while k + n < len(toks) and n < 4:
        t = toks[k + n]
        if t.nl or not t.gap:
            return 0
        if t.is_alpha and t.is_cap:
            return n
        if t.fold not in _TRADE_WORDS:
            return 0
        n += 1
    return 0


def generic_name(ctx: Ctx, j: int, company: bool = False, maxlen: int = 8, unit_at=None) -> int:
    """A capitalised name part at token j: ``Tác chiến điện tử``, ``Nhà báo Việt Nam``.

    ``unit_at(k)``: whether another organisation unit starts at token k; the name
    stops there so that the chain can add it (``Viện Chiến lược`` + ``Bộ Quốc phòng``).
    """
    toks = ctx.toks
    sur = surnames()
    k = j
    taken = 0
    lower = 0
    last_good = j
    bridged = False  # trade words were just taken: the capitalised name after them is the company's
    while k < len(toks) and taken < maxlen:
        t = toks[k]
        if t.nl or (k > j and not t.gap and t.is_word and toks[k - 1].is_word):
            break
        if taken and unit_at is not None and t.is_cap and unit_at(k):
            break
        if taken and prefix_at(ctx, k):
            p = prefix_at(ctx, k)
            if k + p < len(toks) and named_after_prefix(ctx, k + p):
                break
        if t.is_alpha and t.is_cap:
            if taken >= 1 and not bridged and t.fold in sur and k + 1 < len(toks) and toks[k + 1].is_alpha and toks[k + 1].is_cap and toks[k + 1].gap:
                break  # a person's name follows the body
            taken += 1
            lower = 0
            k += 1
            last_good = k
            continue
        if company and (t.fold in _COMPANY_WORDS or t.is_num):
            taken += 1
            k += 1
            last_good = k
            continue
        if company and t.is_alpha and not t.is_cap:
            nb = _trade_bridge(toks, k)
            if nb:
                k += nb
                lower = 0
                bridged = True
                continue
        if t.is_num and taken:
            k += 1
            last_good = k
            break
        if (t.is_alpha and taken and lower < 1 and t.fold not in FUNCTION_WORDS
                and not toks[k - 1].is_upper and not (k - 2 >= j and toks[k - 2].is_cap and toks[k - 2].is_alpha)):
            # "Tổ chức", "Giao thông": a lower-case syllable completes a one-capital word only
            lower += 1
            k += 1
            last_good = k
            continue
        if t.text in ("-", "–", "&") and taken and k + 1 < len(toks) and toks[k + 1].is_cap and toks[k + 1].is_alpha:
            k += 1
            continue
        if t.fold == "và" and taken and k + 1 < len(toks) and toks[k + 1].is_cap and toks[k + 1].is_alpha:
            k += 1
            continue
        break
    if not taken:
        return 0
    return last_good - j


class OrgFinder:
    def __init__(self, ctx: Ctx, loc_starts: dict[int, int]):
        self.ctx = ctx
        self.loc_starts = loc_starts
        self.fixed = load_lexicon("orgs")
        self.heads = load_lexicon("org_heads")
        self.domains = domains_by_head()
        self._party_places = self._count_party_places()

    def _count_party_places(self) -> dict[str, int]:
        """Distinct places written after each party-committee head in the article."""
        toks = self.ctx.toks
        seen: dict[str, set] = {}
        for i, t in enumerate(toks):
            if not t.is_cap:
                continue
            n, row = self.heads.longest(toks, i, _head_ok)
            if not n:
                continue
            k = key_of(row["_phrase"])
            if k not in _PARTY_COMMITTEES:
                continue
            j = i + n
            p = prefix_at(self.ctx, j) if j < len(toks) else 0
            e = self.loc_starts.get(j + p) if j + p < len(toks) else None
            if e and not toks[j].nl:
                seen.setdefault(k, set()).add(self.ctx.surface(j + p, e).lower())
        return {k: len(v) for k, v in seen.items()}

    def unit(self, i: int, in_position: bool = False) -> tuple[int, str] | None:
        """(end, kind) of one organisation unit at token i; kind: fixed|named|bare."""
        ctx, toks = self.ctx, self.ctx.toks
        if i >= len(toks) or not toks[i].is_word:
            return None
        nf, frow = self.fixed.longest(toks, i, _fixed_case_ok)
        nh, hrow = self.heads.longest(toks, i, _head_ok)
        if nf and nf >= nh:
            # a head with a longer field than the fixed name: "Tổng cục Hậu cần - Kỹ thuật"
            dl = self.domains.get(key_of(hrow["_phrase"])) if nh and hrow["follows"] == "domain" else None
            nd = dl.longest(toks, i + nh)[0] if dl is not None and i + nh < len(toks) and toks[i + nh].gap else 0
            return (i + nh + nd, "named") if nh + nd > nf else (i + nf, "fixed")
        if not nh:
            if in_position:
                # "uỷ viên trung ương": lower case right after a membership title
                nc = self._central(i, lower_ok=i > 0 and toks[i - 1].fold == _VIEN)
                if nc:
                    return i + nc, "fixed"
            return None
        head_cap = any(toks[i + k].is_cap for k in range(nh))
        head_key = key_of(hrow["_phrase"])
        if not head_cap and nh == 1 and i > 0 and toks[i - 1].fold in _COMPOUND_BEFORE.get(toks[i].fold, ()):
            return None
        follows = hrow["follows"]
        j = i + nh
        named = 0
        if j < len(toks) and not toks[j].nl and toks[j].gap:
            if follows == "domain":
                dl = self.domains.get(head_key)
                if dl is not None and (head_cap or toks[j].is_cap):
                    named, _ = dl.longest(toks, j)
                if not named and (head_cap or head_key not in _LOWER_DOMAIN_ONLY):
                    named = generic_name(ctx, j, unit_at=self._unit_starts)
            elif follows == "number":
                if toks[j].is_num:
                    named = 1
            elif follows == "any":
                named = generic_name(ctx, j, company=True)
        if named:
            return j + named, "named"
        if j < len(toks) and not toks[j].nl and prefix_at(ctx, j) and head_cap and hrow["bare"] != "yes":
            return j, "bare"  # "Đoàn xã", "Công an tỉnh": the chain adds the place
        if in_position and head_cap and follows in ("place", "org"):
            return j, "bare"  # "Giám đốc [Công an]", "Phó Chính ủy [bộ đội Biên phòng]"
        if not head_cap:
            # a lower-case head is an ORG only with its name ("công ty Tân Thuận")
            if follows in ("place", "org") and self._follows_body(j):
                return j, "bare"
            return None
        if follows in ("place", "org") and self._follows_body(j):
            return j, "bare"
        if hrow["bare"] != "yes":
            return None
        if not _bare_ok(ctx, j, 2 if (nh > 1 or (toks[i].is_upper and len(toks[i].text) > 1)) else 1):
            return None
        if head_key in _PARTY_COMMITTEES and not in_position and self._party_places.get(head_key, 0) > 1:
            return None
        return j, "bare"

    def _unit_starts(self, k: int) -> bool:
        """A fixed name or a capitalised multi-syllable head starts at token k."""
        toks = self.ctx.toks
        nf, _ = self.fixed.longest(toks, k, _fixed_case_ok)
        if nf >= 2:
            return True
        nh, _ = self.heads.longest(toks, k, _head_ok)
        return nh >= 2

    def _follows_body(self, j: int) -> bool:
        """A place, a prefix or another unit follows at token j (same line)."""
        toks = self.ctx.toks
        if j >= len(toks) or toks[j].nl or not toks[j].gap:
            return False
        if j in self.loc_starts or prefix_at(self.ctx, j) or self._central(j, lower_ok=True):
            return True  # "Công an tỉnh", "Công an Trung ương" (press writes "trung ương" too)
        nf, _ = self.fixed.longest(toks, j, _fixed_case_ok)
        nh, _ = self.heads.longest(toks, j, _head_ok)
        return bool(nf or (nh and toks[j].is_cap))

    def chain(self, i: int, in_position: bool = False) -> int:
        """End token of the organisation starting at token i, or 0."""
        ctx, toks = self.ctx, self.ctx.toks
        if i > 0 and toks[i - 1].fold in PLURAL_BEFORE and not toks[i].nl:
            return 0
        if toks[i].fold == _THUONG and i + 1 < len(toks) and toks[i + 1].fold == _TRUC and i > 0 and toks[i - 1].fold in _TITLE_ENDS:
            return 0  # "Phó Bí thư Thường trực Thành ủy": part of the title
        u = self.unit(i, in_position)
        if u is None:
            return 0
        end, kind = u
        units = 1
        while end < len(toks):
            t = toks[end]
            if t.nl or not t.gap:
                break
            if t.fold == "cấp":
                return 0  # "UBND cấp xã": a level, not a body
            if kind == "bare" and t.is_alpha and not t.is_cap:
                nh2, hrow2 = self.heads.longest(toks, end, _head_ok)
                if nh2 and key_of(hrow2["_phrase"]) in _LOWER_OK and hrow2["follows"] == "any":
                    u3 = self.unit(end, True)
                    end = u3[0] if u3 else end + nh2
                    kind = "named"
                    continue
            if t.fold in ("các", "những"):
                # "Ban Tổ chức các Tỉnh ủy": a generic body
                nxt = end + 1
                if nxt < len(toks) and (toks[nxt].is_cap or toks[nxt].fold in _GENERIC_AFTER):
                    return 0
                break
            if t.is_num and end + 1 < len(toks) and toks[end + 1].fold in _GENERIC_AFTER:
                return 0  # "Bộ CHQS 6 tỉnh"
            u2 = self.unit(end, in_position) if toks[end].is_cap else None
            if u2 is None and toks[end].is_cap:
                nh, hrow = self.heads.longest(toks, end, _head_ok)
                if nh and key_of(hrow["_phrase"]) in _PARTY_COMMITTEES:
                    return 0  # "Ban Tổ chức Tỉnh ủy" of several provinces: generic
            if u2 is not None:
                if u2[1] == "bare" and not self._chain_bare_ok(end, u2[0]):
                    return 0
                end = u2[0]
                kind = u2[1]
                units += 1
                continue
            # a place, with or without its prefix
            p = prefix_at(ctx, end)
            if p and units == 1 and key_of(ctx.surface(i, end)) in _NATIONAL:
                break
            if p and end + p < len(toks) and not toks[end + p].nl:
                n = named_after_prefix(ctx, end + p)
                if n:
                    end = end + p + n
                    continue
                if toks[end + p].is_num and toks[end].fold in ("quận", "phường"):
                    end = end + p + 1
                    continue
                if kind == "bare" or self._wants_place(i):
                    # "UBND tỉnh", "HĐND TP", "Công an tỉnh"
                    nxt = end + p
                    if nxt >= len(toks) or toks[nxt].nl or not (toks[nxt].is_alpha and toks[nxt].is_cap) or toks[nxt].fold in FUNCTION_WORDS:
                        end = end + p
                        break
                break
            if end in self.loc_starts:
                end = self.loc_starts[end]
                continue
            n = self._central(end, lower_ok=True)
            if n:
                end += n
                continue
            break
        # coordinated bare committees: "Thường trực Tỉnh ủy, Thành ủy" (generic)
        if kind == "bare" and end + 1 < len(toks) and toks[end].text == ",":
            nh, hrow = self.heads.longest(toks, end + 1, _head_ok)
            if nh and key_of(hrow["_phrase"]) in _PARTY_COMMITTEES:
                return 0
        if kind == "bare" and i >= 2 and toks[i - 1].text == ",":
            nh, hrow = self.heads.longest(toks, i - 2, _head_ok) if i >= 3 else (0, None)
            for back in (2, 3):
                if i - back >= 0:
                    nh, hrow = self.heads.longest(toks, i - back, _head_ok)
                    if nh and i - back + nh == i - 1 and key_of(hrow["_phrase"]) in _PARTY_COMMITTEES:
                        u0 = self.unit(i, in_position)
                        if u0 and u0[1] == "bare" and key_of(ctx.surface(i, u0[0])) in _PARTY_COMMITTEES:
                            return 0
        return end

    def _chain_bare_ok(self, s: int, e: int) -> bool:
        toks = self.ctx.toks
        if e < len(toks) and toks[e].text == "," and e + 1 < len(toks):
            nh, hrow = self.heads.longest(toks, e + 1, _head_ok)
            if nh and key_of(hrow["_phrase"]) in _PARTY_COMMITTEES:
                return False
        return True

    def _wants_place(self, i: int) -> bool:
        nh, hrow = self.heads.longest(self.ctx.toks, i, _head_ok)
        return bool(nh) and hrow["follows"] == "place"

    def _central(self, j: int, lower_ok: bool = False) -> int:
        toks = self.ctx.toks
        for n in (3, 2, 1):
            if j + n <= len(toks) and key_of(self.ctx.surface(j, j + n)) in _CENTRAL:
                if (toks[j].is_cap or lower_ok) and not any(toks[j + k].nl for k in range(n)):
                    # "Trung ương Đảng"
                    if j + n < len(toks) and toks[j + n].fold == fold_text("Đảng") and toks[j + n].is_cap and toks[j + n].gap:
                        return n + 1
                    return n
        return 0


def find_orgs(ctx: Ctx, locs: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], OrgFinder]:
    loc_starts = {s: e for s, e in locs}
    finder = OrgFinder(ctx, loc_starts)
    toks = ctx.toks
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if i > 0 and not t.gap and toks[i - 1].text in ("-", "/") and t.is_upper:
            i += 1  # inside a document code: "936/QĐ-UBND", "02/CĐ-UBND"
            continue
        if t.is_word and (t.is_cap or t.fold in finder.heads.firsts or t.fold in finder.fixed.firsts):
            e = finder.chain(i)
            if e:
                out.append((i, e))
                i = e
                continue
        i += 1
    return out, finder
