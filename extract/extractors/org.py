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

import re

from extract.extractors.context import (CLAUSE_OPENERS, FUNCTION_WORDS, HONORIFICS, PLURAL_BEFORE, Ctx, ends_a_word, is_foreign, title_ends_at,
                                        title_starts_at)
from extract.extractors.place import admin_unit_at, named_after_prefix, place_at, prefix_at
from extract.lexicons import Lexicon, domains_by_head, key_of, load_lexicon, surnames, verbs_after_names, vietnamese_words
from extract.normalise import fold_text

# heads that may open an ORG in lower case when a capitalised name follows
_LOWER_OK = frozenset(
    key_of(w)
    for w in [
        "công ty", "tổng công ty", "văn phòng", "ngân hàng", "bệnh viện", "sở", "tổng cục",
        "tập đoàn", "ban chấp hành", "ban thường vụ", "cục", "trường", "học viện", "tòa án",
        "viện kiểm sát", "bộ tư lệnh", "bộ đội biên phòng", "bộ đội", "quân đội nhân dân",
        "ủy ban", "hội đồng", "ban", "đảng ủy", "đảng bộ", "báo", "đài", "bộ", "tiệm vàng", "phòng", "tổ",
    ]
)
# lower-case heads that often end a common word ("Quốc phòng", "Trưởng phòng", "tổ tiên"): a head
# only when they do not
_LOWER_WORD_ENDS = frozenset(fold_text(w) for w in ["phòng", "tổ"])
# lower-case heads that are common words too ("bộ phim", "bộ Luật"): an ORG only with a
# name of the domain list ("bộ Công an", "bộ Quốc phòng")
_LOWER_DOMAIN_ONLY = frozenset(key_of(w) for w in ["bộ"])
# heads whose domain names are complete: lower-case words after "Bộ Tài chính" are the sentence's
# ("Bộ Tài chính nhấn mạnh, ...")
_CLOSED_NAMES = frozenset(key_of(w) for w in ["Bộ"])
# party committees named by their place: bare use is generic when the article names several
_PARTY_COMMITTEES = frozenset(key_of(w) for w in ["Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy"])
_CENTRAL = frozenset(key_of(w) for w in ["Trung ương", "T.Ư", "TW", "TƯ"])
_COMPANY_WORDS = frozenset(
    fold_text(w) for w in "cổ phần CP TNHH MTV TMCP một thành viên hữu hạn trách nhiệm JSC".split()
)
_THUONG, _TRUC = fold_text("thường"), fold_text("trực")
_VIEN = fold_text("viên")
_BAN = fold_text("ban")
_BAN_TITLE = frozenset(fold_text(w) for w in "trưởng phó".split())
# a body's name written on in lower case: at most this many syllables, ending at one of these
_TAIL_MAX = 8
_VA = fold_text("và")
_DOAN = fold_text("đoàn")
_SO = fold_text("số")
_PHONG, _CHONG = fold_text("phòng"), fold_text("chống")
_SEAT_ALONE = frozenset([fold_text("tỉnh")])  # a delegation's seat named by its prefix alone
_TRUONG = fold_text("trưởng")  # "Trưởng đoàn ...": the word is the title's
# the last words of a national body's name, written in lower case: "Viện Dinh dưỡng quốc gia"
_NATIONWIDE = frozenset(fold_text(w) for w in ["quốc gia", "quốc tế", "quân sự", "thế giới"])
_TAIL_END_PUNCT = frozenset("(),;:")
# verbs the press puts right after a body: "Bộ Giao thông chủ trì, ..." ends the name before them
# two-syllable verbs that end a name written on in lower case (data: verbs_after_names.tsv)
_TAIL_VERBS = verbs_after_names()
# lower-case words before a paper's, an agency's or a broadcaster's name ("tờ Korea Times", "báo Tin Tức", "đài NHK")
_MEDIA_WORDS = Lexicon("media_words")
for _w in ("tờ", "báo", "hãng tin", "hãng thông tấn", "tạp chí", "đài", "đài truyền hình", "kênh truyền hình"):
    _MEDIA_WORDS.add(_w, {})
# capitalised, these open the body's own name: "Báo Nhân Dân", "Đài Tiếng nói Việt Nam"
_NAME_OPENING_MEDIA_WORDS = frozenset(fold_text(w) for w in ("báo", "đài", "kênh"))
# a delegation to the National Assembly: "Trưởng đoàn [đại biểu Quốc hội tỉnh X]", "đoàn [ĐBQH TP. Đà Nẵng]"
DELEGATION_BODY = Lexicon("delegation_body")
for _w in ("đại biểu Quốc hội", "Đại biểu Quốc hội", "ĐBQH"):
    DELEGATION_BODY.add(_w, {})
# a reporter of a paper: "trao đổi với PV Người Đưa Tin" (the paper is ORG, "PV" nothing);
# a person's name after it is the reporter's ("PV Nguyễn An")
_REPORTER_WORDS = frozenset(key_of(w) for w in ["PV", "phóng viên"])
for _w in _REPORTER_WORDS:
    _MEDIA_WORDS.add(_w, {})
# a unit's number in Roman numerals: "Quân khu IV", "Quân đoàn II"
_ROMAN = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{0,3})")
# committees named in full once, then by their head alone: "Ban Chỉ đạo đã tập hợp ..."
_ELLIPTICAL_COMMITTEES = frozenset(key_of(w) for w in ["Ban Chỉ đạo"])
# heads whose number is a room, not a body: "phòng 301"
_NOT_NUMBERED = frozenset(key_of(w) for w in ["Phòng", "Tổ"])  # "Tổ 9": a discussion group of deputies
# "Chính phủ kiến tạo", "Chính phủ điện tử": a model of government, not the body
_MODEL_BODIES = frozenset(key_of(w) for w in ["Chính phủ"])
_MODEL_WORDS = frozenset(fold_text(w) for w in ["kiến tạo", "điện tử", "số", "số hóa", "số hoá"])  # (not "liêm chính": annotated as the body)
# "Nhà Quốc hội": the building
_BUILDING_BODIES = frozenset(key_of(w) for w in ["Quốc hội"])
_NHA = fold_text("nhà")
# bodies named by the building they sit in: after a preposition of place they are the building
_SEATS = frozenset(key_of(w) for w in ["Nhà Trắng", "Điện Kremlin", "Lầu Năm Góc"])
_AT_PLACE = frozenset(fold_text(w) for w in "tại ở tới đến vào".split())
_LIST_GOES_ON = frozenset(fold_text(w) for w in "và hoặc thuộc".split())
# national bodies: a province after them belongs to something else ("Đoàn ĐBQH tỉnh X")
_NATIONAL = frozenset(key_of(w) for w in ["Quốc hội", "QH"])
_TITLE_ENDS = frozenset(fold_text(w) for w in "thư tịch viên trưởng nhiệm tướng ban".split())
# "Thường trực Ban Bí thư": the standing member's title; the body is the Secretariat
_STANDING_MEMBER_OF = frozenset(key_of(w) for w in ["Ban Bí thư"])
_PROVINCES_WORDS = frozenset(fold_text(w) for w in ["tỉnh thành"])
_GENERIC_AFTER = frozenset(fold_text(w) for w in "tỉnh huyện xã quận đơn vị cấp thành phố".split())
# words a one-syllable head makes with the syllable after it: "Tổ quốc", "TỔ CHỨC"
_COMPOUND_AFTER = {
    fold_text("tổ"): frozenset(fold_text(w) for w in "chức quốc tiên tông ấm hợp ong dân".split()),
}
# common words ending in a lower-case head syllable: "cơ sở", "trụ sở" are not a "sở"
_COMPOUND_BEFORE = {
    fold_text("sở"): frozenset(fold_text(w) for w in "cơ trụ".split()),
    fold_text("tổ"): frozenset(fold_text(w) for w in "giỗ".split()),
    # "thông báo Kết luận", "cảnh báo", "nhà báo" (a journalist): not a paper
    fold_text("báo"): frozenset(fold_text(w) for w in "thông cảnh dự công tình họa họp nhà".split()),
    # "chiến trường Quảng Trị", "quảng trường Ba Đình", "thị trường": not a school
    fold_text("trường"): frozenset(fold_text(w) for w in "chiến quảng công thị môi hiện lập thương".split()),
}
# descriptive words inside a company name before its proper name:
# "Công ty cổ phần Phát triển đầu tư Thái Sơn", "công ty xây dựng Lũng Lô"
COUNT_NOUNS = frozenset(fold_text(w) for w in "người lần tháng năm ngày giờ tuần km tấn chiếc đơn vị cán bộ chiến sĩ".split())
_TRADE_WORDS = frozenset(
    fold_text(w)
    for w in """đầu tư phát triển xây dựng thương mại dịch vụ sản xuất xuất nhập khẩu công nghệ
    du lịch bất động sản kinh doanh vận tải năng lượng khoáng sản điện lực dược phẩm
    nhiệt điện thủy điện thuỷ điện xi măng đóng tàu cơ khí chế biến thép bia""".split()
)


def seat_as_place(key: str, word_before: str) -> bool:
    """A body named by the building it sits in (folded ``key``), after a preposition of place
    (folded ``word_before``): the building (``làm việc tại Nhà Trắng``), not the body (``Nhà
    Trắng từ chối``)."""
    return key in _SEATS and word_before in _AT_PLACE


def is_national(name: str) -> bool:
    """``Quốc hội``, ``QH``: a body of the whole country, so a province after it names something else."""
    return key_of(name) in _NATIONAL


_HOI = fold_text("Hội")
_DANG = fold_text("đảng")
_CAC = fold_text("các")
_BO_HEAD = key_of("Bộ")
_COMMUNIST = key_of("Cộng sản")
# heads that are a body only before a named place: "Chính quyền Hoa Kỳ", not "Chính quyền tỉnh"
_NAMED_PLACE_ONLY = frozenset(key_of(w) for w in ["Chính quyền"])
_LAW_WORDS = frozenset(fold_text(w) for w in ["Luật", "lệnh"])  # "Luật", "Bộ luật", "Pháp lệnh"
_LAW_WORDS_BEFORE = frozenset(fold_text(w) for w in ["Bộ", "Pháp"])
# one-syllable names of village festivals ("Hội Lim", "Hội Gióng"): a festival, not an association
_FESTIVALS = frozenset(fold_text(w) for w in "Lim Gióng Xuân Làng".split())
_SOURCE_WORDS = frozenset(fold_text(w) for w in "Ảnh Nguồn".split())
_THEO = fold_text("theo")
_LOWER_HEADS = frozenset(fold_text(w) for w in "bộ ban".split())  # "bộ Chính trị", "ban Bí thư"


def _fixed_case_ok(row: dict, toks, i: int, n: int) -> bool:
    case = row.get("case", "cap")
    etoks = row["_tokens"]
    if case == "exact":
        return all(toks[i + k].text == etoks[k] for k in range(n))
    if case == "any":
        return True
    first = toks[i]
    if first.is_alpha and not first.is_cap and not (
            n >= 2 and first.fold in _LOWER_HEADS and etoks[1][:1].isupper()
            and all(toks[i + k].is_cap for k in range(1, n) if etoks[k][:1].isupper())):
        return False  # a lower-case head only before the name as the entry writes it: "bộ Chính trị"
    # every upper-case abbreviation inside the entry stays upper case (QĐND, T.Ư)
    for k in range(n):
        e = etoks[k]
        if len(e) > 1 and e.isupper() and not toks[i + k].text.isupper():
            return False
    return True


def _head_ok(row: dict, toks, i: int, n: int) -> bool:
    first = toks[i]
    if n == 1 and i + 1 < len(toks) and toks[i + 1].fold in _COMPOUND_AFTER.get(first.fold, ()):
        return False  # "Tổ chức", "Tổ quốc": a word, not the head "Tổ"
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


def _trade_bridge(toks, k: int, any_words: bool = False) -> int:
    """Lower-case trade words at token k followed by a capitalised name: their count, else 0.

    ``any_words``: any lower-case words but function words (right after the company's
    legal form: ``Công ty TNHH`` + ``vận tải thủy bộ`` + ``Hải Hà``).
    """
    n = 0
    while k + n < len(toks) and n <= (10 if any_words else 5):
        t = toks[k + n]
        if t.nl or not t.gap:
            return 0
        if t.is_alpha and t.is_cap:
            return n
        if n and t.fold == _VA and toks[k + n - 1].fold != _VA:
            n += 1  # "đầu tư xây dựng và phát triển"
            continue
        if not (t.fold in _TRADE_WORDS or (any_words and t.is_alpha and t.fold not in FUNCTION_WORDS)):
            return 0
        n += 1
    return 0


def _lower_tail(ctx: Ctx, k: int, place_at_k, end_dot: bool = False, line_end_only: bool = False,
                unit_at=None) -> int:
    """Lower-case words at token k that end a body's name: their count, else 0.

    The press writes the rest of a long name in lower case (``Viện Kỹ thuật`` +
    ``cơ giới quân sự``, ``Trường Đại học Kinh tế`` + ``quốc dân``).  The run is
    taken only when the name visibly ends after it: at a bracket, a comma, a
    semicolon, the end of the line, or a place (``... truyền máu Việt Nam``).
    ``line_end_only``: only the end of a line (or of a paragraph's last sentence) ends it.
    """
    toks = ctx.toks
    n = 0
    after_and = False  # "Cục Quản lý nợ" + "và" + "Tài chính đối ngoại": the name goes on
    while k + n < len(toks) and n < _TAIL_MAX:
        t = toks[k + n]
        if (t.text in ("-", "–") and n and not t.nl and toks[k + n - 1].is_alpha and k + n + 1 < len(toks)
                and toks[k + n + 1].is_alpha and not toks[k + n + 1].is_cap and not toks[k + n + 1].nl):
            n += 1  # "kinh tế - xã hội"
            continue
        if t.nl or not t.gap:
            break
        if t.fold == _VA and not after_and and k + n + 1 < len(toks) and toks[k + n + 1].is_alpha \
                and toks[k + n + 1].gap and not toks[k + n + 1].nl and toks[k + n + 1].fold not in FUNCTION_WORDS \
                and not toks[k + n + 1].is_upper \
                and not (unit_at is not None and toks[k + n + 1].is_cap and unit_at(k + n + 1)):
            after_and = True
            n += 1
            continue
        if not (t.is_alpha and (not t.is_cap or (after_and and n and toks[k + n - 1].fold == _VA) or
                                (after_and and toks[k + n - 1].is_cap and not t.is_upper))) \
                or t.fold in FUNCTION_WORDS:
            break
        if k + n + 1 < len(toks) and f"{t.fold} {toks[k + n + 1].fold}" in _TAIL_VERBS:
            return 0
        n += 1
        if (n >= 2 and f"{toks[k + n - 2].fold} {t.fold}" in _NATIONWIDE and k + n < len(toks)
                and toks[k + n].fold != _VA and not (toks[k + n].is_cap and toks[k + n].gap and not toks[k + n].nl)):
            return n  # "Viện Dinh dưỡng" + "quốc gia": a national body's name ends there
    if not n or toks[k + n - 1].fold == _VA or not toks[k + n - 1].is_alpha:
        return 0
    e = k + n
    if n >= 2 and f"{toks[e - 2].fold} {toks[e - 1].fold}" in _NATIONWIDE and not (e < len(toks) and toks[e].is_cap and toks[e].gap and not toks[e].nl):
        return n  # "Viện Dinh dưỡng" + "quốc gia": a national body's name ends there
    if e >= len(toks) or toks[e].nl:
        return n
    t = toks[e]
    if line_end_only and not (n <= 2 and t.text == "." and (e + 1 >= len(toks) or toks[e + 1].nl)):
        return 0  # at most two words, and only at the end of a paragraph
    if not t.is_word:
        if end_dot and t.text == "." and (e + 1 >= len(toks) or toks[e + 1].nl):
            return n  # the last words of a paragraph: "tạp chí Quân sự quốc phòng."
        return n if t.text in _TAIL_END_PUNCT else 0
    if t.is_cap and t.is_alpha and t.gap and place_at_k is not None and place_at_k(e):
        return n
    return 0


_PURPOSE_TAIL_MAX = 10
# heads that say what the committee does ("Ban Chỉ đạo", "Ban Quản lý"): what it steers or
# manages follows in lower case
_PURPOSE_HEADS = frozenset(key_of(w) for w in ["Ban Chỉ đạo", "Ban Quản lý"])
_STATE_LEVEL = frozenset(fold_text(w) for w in ["Nhà nước", "Trung ương", "quốc gia"])


def _purpose_tail(ctx: Ctx, k: int, object_only: bool = False) -> int:
    """Lower-case words at token k that go on naming what a body does (``Quỹ hỗ trợ`` +
    ``phát triển du lịch``, ``Đoàn kiểm tra`` + ``công vụ``), up to a function word, a verb
    that follows a name, punctuation, a capital or the end of the line; then ``số`` and a
    number (``Đoàn kiểm tra số 470``). ``object_only``: the head said what the body does and
    the words are what it steers or manages; a capital after them goes on naming it, so no
    name is read (``Ban Chỉ đạo thi`` + ``THPT quốc gia ...``)."""
    toks = ctx.toks
    n = 0
    while (k + n < len(toks) and n < _PURPOSE_TAIL_MAX and ctx.adjacent(k + n) and toks[k + n].gap
           and toks[k + n].is_alpha and not toks[k + n].is_cap and toks[k + n].fold not in FUNCTION_WORDS
           and toks[k + n].fold not in _OF and toks[k + n].fold != _SO
           and f"{toks[k + n].fold} {ctx.fold(k + n + 1)}" not in _TAIL_VERBS):
        n += 1
        if (k + n + 1 < len(toks) and toks[k + n].text == "," and toks[k + n - 1].fold == _PHONG
                and toks[k + n + 1].fold == _CHONG):
            n += 1  # "phòng, chống": one word
    if n == _PURPOSE_TAIL_MAX:
        return 0  # no visible end: the name is the head and its purpose
    m = k + n
    if m + 1 < len(toks) and toks[m].fold == _SO and ctx.adjacent(m + 1) and toks[m + 1].is_num:
        return n + 2
    if (n and m + 1 < len(toks) and ctx.adjacent(m) and toks[m].gap and toks[m].is_num
            and (toks[m + 1].text in _TAIL_END_PUNCT or toks[m + 1].text == ".")):
        return n + 1  # "Ban Quản lý dự án" + "46", then a comma
    if m + 1 < len(toks) and ctx.adjacent(m) and toks[m].gap and f"{toks[m].fold} {toks[m + 1].fold}" in _STATE_LEVEL:
        return n + 2  # "Hội đồng thẩm định" + "Nhà nước"
    if object_only and m < len(toks) and ctx.adjacent(m) and toks[m].gap and toks[m].is_cap:
        return 0
    return n


def generic_name(ctx: Ctx, j: int, company: bool = False, maxlen: int = 8, unit_at=None,
                 place_at_k=None, lower_tail: bool = False, end_dot: bool = False,
                 line_end_only: bool = False) -> int:
    """A capitalised name part at token j: ``Tác chiến điện tử``, ``Nhà báo Việt Nam``.

    ``unit_at(k)``: whether another organisation unit starts at token k; the name
    stops there so that the chain can add it (``Viện Chiến lược`` + ``Bộ Quốc phòng``).
    ``lower_tail``: the name may go on in lower case up to a visible end (``_lower_tail``);
    ``place_at_k(k)``: whether a place starts at token k (such an end).
    """
    toks = ctx.toks
    sur = surnames()
    k = j
    taken = 0
    lower = 0
    last_good = j
    bridged = False  # trade words were just taken: the capitalised name after them is the company's
    proper = 0  # capitalised words taken that are not a company's legal form (TNHH, CP)
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
            if taken and t.fold in CLAUSE_OPENERS:
                break  # "... Vĩnh Phúc" + "Theo ông ...": the next sentence
            if ((proper if company else taken) >= 1 and not bridged and t.fold in sur and k + 1 < len(toks)
                    and toks[k + 1].is_alpha and toks[k + 1].is_cap and toks[k + 1].gap
                    and load_lexicon("communes").longest(toks, k - 1)[0] < 2):
                break  # a person's name follows the body ("Công ty TNHH Trần Văn A" is the company's name;
                # "bệnh viện Bạch Mai": a ward's name goes on)
            taken += 1
            proper += t.fold not in _COMPANY_WORDS
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
            nb = _trade_bridge(toks, k, any_words=taken > 0 and not proper)
            if nb:
                k += nb
                lower = 0
                bridged = True
                continue
        if t.is_num and taken and not any(c.isdigit() for c in toks[k - 1].text):
            # "Vĩnh Tân 1"; not a count after a code ("phòng PA71" + "50 triệu đồng")
            k += 1
            last_good = k
            break
        if (t.is_alpha and taken and lower < 1 and t.fold not in FUNCTION_WORDS
                and not toks[k - 1].is_upper and not (k - 2 >= j and toks[k - 2].is_cap and toks[k - 2].is_alpha)
                and not (k + 1 < len(toks) and f"{t.fold} {toks[k + 1].fold}" in _TAIL_VERBS)
                and (not toks[k - 1].is_alpha or f"{toks[k - 1].fold} {t.fold}" in vietnamese_words()
                     or not is_foreign(toks[k - 1].text))):
            # "Tổ chức", "Giao thông": a lower-case syllable completes a one-capital word only
            # (not a foreign brand: "công ty Alibaba" + "tự nhận")
            lower += 1
            k += 1
            last_good = k
            continue
        if t.text in ("-", "–", "&") and taken and k + 1 < len(toks) and toks[k + 1].is_cap and toks[k + 1].is_alpha:
            k += 1
            continue
        if lower_tail and taken and t.is_alpha and not t.is_cap and not toks[k - 1].is_num:
            # a name closed by its number takes no lower-case tail ("Vĩnh Tân 1" + "nghiên cứu")
            nt = _lower_tail(ctx, k, place_at_k, end_dot, line_end_only, unit_at)
            if nt:
                k += nt
                last_good = k
                lower = 1  # the tail ended the name: no further lower-case syllable
                continue
        if (t.fold == "và" and taken and k + 1 < len(toks) and toks[k + 1].is_cap and toks[k + 1].is_alpha
                and not title_starts_at(ctx, k + 1)):
            k += 1  # "Kế hoạch và Đầu tư"; not "... Du lịch" + "và Bộ trưởng Bộ Y tế"
            continue
        break
    if not taken or (company and not proper and not any(t.is_num for t in toks[j:last_good])
                     and not (unit_at is not None and last_good < len(toks) and unit_at(last_good))):
        return 0  # a legal form alone is no company's name ("dưới hình thức công ty cổ phần"), unless
        # another body's name follows it ("Công ty CP" + "Tập đoàn Phúc Lộc")
    return last_good - j


def _without_abbreviations(names: set[str]) -> set[str]:
    """Place names, an abbreviation dropped where the set spells it out (``HCM``, ``Hồ Chí Minh``)."""
    full = {"".join(w[0] for w in n.split()).lower() for n in names if not n.isupper()}
    return {n.lower() for n in names if not (n.isupper() and n.lower() in full)}


class OrgFinder:
    def __init__(self, ctx: Ctx, loc_starts: dict[int, int]):
        self.ctx = ctx
        self.loc_starts = loc_starts
        self.loc_ends = set(loc_starts.values())
        self.fixed = load_lexicon("orgs")
        self.heads = load_lexicon("org_heads")
        self.domains = domains_by_head()
        self.purposes = domains_by_head("purposes", "purpose")
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
                seen.setdefault(k, set()).add(self.ctx.surface(j + p, e))
        return {k: len(_without_abbreviations(v)) for k, v in seen.items()}

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
        if nh == 1 and self._name_after_body(i, head_key):
            return None  # "Chủ nhiệm Văn phòng Chính phủ" + "Đoàn Mạnh Giao": a person, not a delegation
        if not head_cap and i > 0 and ctx.adjacent(i) and toks[i].gap and (
                toks[i - 1].fold in _COMPOUND_BEFORE.get(toks[i].fold, ())
                or (toks[i].fold in _LOWER_WORD_ENDS and f"{toks[i - 1].fold} {toks[i].fold}" in vietnamese_words())):
            return None  # the head's syllable ends a word: "Quốc phòng", "Trưởng phòng", "giỗ tổ", "cơ sở"
        follows = hrow["follows"]
        j = i + nh
        if head_key in _NAMED_PLACE_ONLY and not (j in self.loc_starts and ctx.adjacent(j) and toks[j].gap):
            return None
        named = 0
        # a place with its prefix right after the head is not its name: "Bộ Tư lệnh TP.HCM"
        place_next = j in self.loc_starts and bool(prefix_at(ctx, j))
        if j < len(toks) and not toks[j].nl and toks[j].gap and not place_next:
            if follows == "domain" and head_cap and toks[j].is_alpha and not toks[j].is_cap:
                if head_key in _PURPOSE_HEADS:
                    named = _purpose_tail(ctx, j, object_only=True)  # "Ban Chỉ đạo" + "xây dựng quy hoạch cán bộ"
                else:
                    named = self._purpose_at(head_key, j)
                    if named:
                        named += _purpose_tail(ctx, j + named)  # "Quỹ hỗ trợ" + "phát triển du lịch"
            if follows == "domain" and not named:
                dl = self.domains.get(head_key)
                if dl is not None and (head_cap or toks[j].is_cap):
                    named, _ = dl.longest(toks, j)
                    if named and head_cap and head_key not in _CLOSED_NAMES:
                        # "Viện Kỹ thuật" + "cơ giới quân sự (KTCGQS)"
                        tail = _lower_tail(ctx, j + named, self.loc_starts.__contains__, unit_at=self._unit_starts)
                        k = j + named + tail
                        if tail and k < len(toks) and k in self.loc_starts:
                            # the place found there, whole: "tỉnh" + "An Giang" (+ "Ngô Hồng Yến")
                            tail += max(self.loc_starts[k] - k, generic_name(ctx, k))
                        named += tail
                if not named and not head_cap and toks[i].fold in _LOWER_WORD_ENDS:
                    # "phòng"/"tổ" in lower case name a unit by its field or its code only:
                    # "phòng Cảnh sát kinh tế", "tổ Biên tập", "phòng PA71"; not "phòng Bầu Dục"
                    named = self._purpose_at(head_key, j)
                    if not named and toks[j].is_upper and any(c.isdigit() for c in toks[j].text):
                        named = 1
                elif not named and (head_cap or head_key not in _LOWER_DOMAIN_ONLY):
                    named = generic_name(ctx, j, unit_at=self._unit_starts, lower_tail=head_cap,
                                         place_at_k=self.loc_starts.__contains__)
                if (not named and head_cap and toks[j].is_num and head_key not in _NOT_NUMBERED
                        and not (j + 1 < len(toks) and toks[j + 1].fold in _GENERIC_AFTER)):
                    named = 1  # "Tổng cục 2", "Ban chỉ đạo 1237": a body known by its number
                    k = j + 1
                    if (k < len(toks) and toks[k].gap and not toks[k].nl and toks[k].is_cap and toks[k].is_alpha
                            and k not in self.loc_starts and not self._unit_starts(k)):
                        named += generic_name(ctx, k, unit_at=self._unit_starts)  # "Đội 5" + "Biệt động"
            elif follows == "number":
                if toks[j].is_num or (head_cap and _ROMAN.fullmatch(toks[j].text)):
                    named = 1  # "Quân khu 9", "Quân khu IV"
                elif (head_cap and toks[j].is_alpha and toks[j].fold not in _BAN_TITLE
                      and (toks[j].is_cap or toks[j].fold not in FUNCTION_WORDS)):
                    # "Sư đoàn Không quân 370", "Tiểu đoàn Đặc công 1", "Lữ đoàn xe tăng 203":
                    # the arm, then the number (not a count: "Sư đoàn huấn luyện 3 tháng")
                    k = j + 1
                    while (k < j + 4 and k < len(toks) and ctx.adjacent(k) and toks[k].gap and toks[k].is_alpha
                           and (toks[k].is_cap or toks[k].fold not in FUNCTION_WORDS
                                or f"{toks[k - 1].fold} {toks[k].fold}" in vietnamese_words())):
                        k += 1
                    if (k < len(toks) and ctx.adjacent(k) and toks[k].gap and toks[k].is_num
                            and not (k + 1 < len(toks) and ctx.adjacent(k + 1) and toks[k + 1].fold in COUNT_NOUNS)):
                        named = k + 1 - j
                    elif toks[j].is_cap and k < len(toks) and self.bracket_abbreviation(k):
                        named = k - j  # "Trung đoàn Cảnh sát cơ động (PK20E)": the arm, then its code
            elif follows == "any":
                # "Tập đoàn Dầu khí" + "quốc gia Việt Nam"
                named = generic_name(ctx, j, company=True, lower_tail=head_cap,
                                     place_at_k=self.loc_starts.__contains__, unit_at=self._unit_starts)
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
        if follows == "domain" and nh >= 2 and j < len(toks) and toks[j].is_cap and self._unit_starts(j):
            return j, "bare"  # "Bảo tàng" + "Quân khu 4": the chain adds the body it belongs to
        if head_key in _ELLIPTICAL_COMMITTEES and self._committee_ends(j):
            return j, "bare"  # "Bộ Chính trị giao Ban Chỉ đạo thông báo ...": the committee named before
        if hrow["bare"] != "yes":
            return None
        if not _bare_ok(ctx, j, 2 if (nh > 1 or (toks[i].is_upper and len(toks[i].text) > 1)) else 1):
            return None
        if head_key in _PARTY_COMMITTEES and not in_position and self._party_places.get(head_key, 0) > 1:
            return None
        return j, "bare"

    def _purpose_at(self, head_key: str, j: int) -> int:
        """Length of what the head's body does (``purposes.tsv``) at token j, else 0."""
        pl = self.purposes.get(head_key)
        return pl.longest(self.ctx.toks, j)[0] if pl is not None else 0

    def _unit_starts(self, k: int) -> bool:
        """A fixed name or a capitalised multi-syllable head starts at token k."""
        toks = self.ctx.toks
        nf, _ = self.fixed.longest(toks, k, _fixed_case_ok)
        if nf >= 2:
            return True
        nh, row = self.heads.longest(toks, k, _head_ok)
        if nh >= 2 and row["follows"] == "place" and row["bare"] != "yes":
            return self._follows_body(k + nh)  # "Quân đội Mỹ" starts a unit, "Quân đội 108" does not
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
        if toks[i].fold == _THUONG and i + 2 < len(toks) and toks[i + 1].fold == _TRUC and toks[i].is_cap:
            nf, frow = self.fixed.longest(toks, i + 2, _fixed_case_ok)
            if nf and key_of(frow["_phrase"]) in _STANDING_MEMBER_OF:
                return 0  # "Thường trực Ban Bí thư Võ Văn A": a title
        if not toks[i].is_cap and toks[i].fold == _BAN and i > 0 and toks[i - 1].fold in _BAN_TITLE:
            return 0  # "Trưởng ban Tuyên giáo [Trung ương]": "ban ..." is the title, the body follows
        u = self.unit(i, in_position)
        if u is None:
            return 0
        end, kind = u
        if toks[i].is_cap and self.loc_starts.get(i, 0) >= end:
            return 0  # "Trường Sa", "Hội An": a place whose first syllable is a head
        if kind == "named" and self._person_named_like_head(i, end):
            return 0  # "Đại tá Đoàn Văn A": a surname, not the head "Đoàn"
        if self._concept(i, end):
            return 0
        if (kind == "bare" and end < len(toks) and toks[end].fold == _VIEN and not toks[end].is_cap
                and toks[end].gap and not toks[end].nl
                and not (end + 1 < len(toks) and toks[end + 1].fold == fold_text("chức"))):
            return 0  # "Đảng ủy viên", "Thành ủy viên": a member, not the committee
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
            if end in self.loc_starts and self.loc_starts[end] - end > 1 and prefix_at(ctx, end):
                end = self.loc_starts[end]  # a fused place with its prefix: "TP.HCM"
                continue
            # a place, with or without its prefix
            p = prefix_at(ctx, end)
            if p and units == 1 and key_of(ctx.surface(i, end)) in _NATIONAL:
                break
            if p and end + p < len(toks) and not toks[end + p].nl:
                n = named_after_prefix(ctx, end + p)
                if n and self._person_after_prefix(end + p, n):
                    end = end + p  # "Chủ tịch UBND tỉnh Trần Văn A": the name is the chairman's
                    break
                if n:
                    end = end + p + n
                    continue
                if toks[end + p].is_num and toks[end].fold in ("quận", "phường"):
                    end = end + p + 1
                    continue
                if kind in ("bare", "named") or self._wants_place(i):
                    # "UBND tỉnh", "HĐND TP", "Công an tỉnh", "Hội Nông dân tỉnh"
                    nxt = end + p
                    if nxt >= len(toks) or toks[nxt].nl or not (toks[nxt].is_alpha and toks[nxt].is_cap) or toks[nxt].fold in FUNCTION_WORDS:
                        if (nxt < len(toks) and ctx.adjacent(nxt) and not toks[nxt].is_cap
                                and f"{toks[end].fold} {toks[nxt].fold}" in _PROVINCES_WORDS):
                            return 0  # "UBND tỉnh thành": the provinces' committees, no one body
                        if self._levels_listed(nxt):
                            return 0  # "UBND xã, phường, thị trấn": a level of bodies, not one
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
        if kind == "bare" and units == 1 and self._listed_twice(i, end):
            return 0  # "Tư lệnh Quân chủng, Chính ủy Quân chủng": a kind of post, not one body
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
        return _whole_word_end(ctx, i, end, self.loc_ends)

    def _person_named_like_head(self, s: int, e: int) -> bool:
        """Tokens s..e are a person's name opening with a surname that is also a head.

        ``Đại tá Đoàn Trọng A``, ``ông Đoàn B``: after an honorific or a rank, a
        surname head followed by one or two capitalised syllables only.
        """
        toks = self.ctx.toks
        if s == 0 or toks[s].fold not in surnames() or not 2 <= e - s <= 3:
            return False
        if not all(t.is_alpha and t.is_cap and not t.is_upper and t.gap for t in toks[s + 1:e]):
            return False
        if toks[s - 1].fold in HONORIFICS:
            return True
        ranks = load_lexicon("ranks")
        return any(s - b >= 0 and ranks.longest(toks, s - b)[0] == b for b in (1, 2, 3))

    def _name_after_body(self, i: int, head_key: str) -> bool:
        """Token i, a head that is also a surname, opens a full name (after a body or a
        title: ``Văn phòng Chính phủ`` + ``Đoàn Mạnh Giao``).  Two capitalised syllables
        follow, then no third, and they are no name the head's domain list knows."""
        ctx, toks = self.ctx, self.ctx.toks
        if not (0 < i and i + 2 < len(toks) and toks[i].fold in surnames() and ctx.adjacent(i) and toks[i].gap):
            return False
        if not all(t.is_alpha and t.is_cap and not t.is_upper and t.gap and not t.nl for t in toks[i + 1:i + 3]):
            return False
        if i + 3 < len(toks) and ctx.adjacent(i + 3) and toks[i + 3].is_alpha and toks[i + 3].is_cap:
            return False
        dl = self.domains.get(head_key)
        return not (dl is not None and dl.longest(toks, i + 1)[0]) and not place_at(ctx, i + 1)

    def _committee_ends(self, j: int) -> bool:
        """Nothing of a committee's own name follows at token j: punctuation, a capital, a verb.

        ``Ban Chỉ đạo đã ...``, ``Ban Chỉ đạo, ...``, ``Ban Chỉ đạo chủ trì``; not
        ``Ban Chỉ đạo về ...`` or ``Ban chỉ đạo phòng, chống dịch`` (a longer name).
        """
        toks = self.ctx.toks
        if j >= len(toks) or toks[j].nl:
            return True
        t = toks[j]
        if not t.is_word:
            return t.text not in "-–&("
        if t.is_cap or t.fold == fold_text("về"):
            return False
        return t.fold in FUNCTION_WORDS or (j + 1 < len(toks) and f"{t.fold} {toks[j + 1].fold}" in _TAIL_VERBS)

    def _concept(self, s: int, e: int) -> bool:
        """The body at tokens s..e names a model or a building, not the body itself.

        ``Chính phủ kiến tạo``, ``Chính phủ điện tử``, ``Chính phủ số`` (a kind of
        government); ``Nhà Quốc hội``, ``tại Nhà Trắng`` (the building).
        """
        toks = self.ctx.toks
        key = key_of(self.ctx.surface(s, e))
        if key in _MODEL_BODIES and e < len(toks) and toks[e].gap and not toks[e].nl and not toks[e].is_cap:
            if e + 1 < len(toks) and toks[e + 1].is_num:
                return False  # "Nghị định của Chính phủ số 15/2020/NĐ-CP"
            if toks[e].fold in _MODEL_WORDS or (e + 1 < len(toks) and f"{toks[e].fold} {toks[e + 1].fold}" in _MODEL_WORDS):
                return True
        if s > 0 and seat_as_place(key, toks[s - 1].fold):
            return True
        return key in _BUILDING_BODIES and s > 0 and toks[s - 1].fold == _NHA and toks[s - 1].is_cap and toks[s].gap

    def bracket_abbreviation(self, e: int) -> bool:
        """``(PLA)`` right after a body ending at token e: an abbreviation the article defines.

        A known head or fixed name in the brackets (``(HĐND)``) is left to the grammar.
        """
        toks = self.ctx.toks
        if not (e + 2 < len(toks) and toks[e].text == "(" and toks[e + 2].text == ")"):
            return False
        a = toks[e + 1]
        if toks[e].nl or toks[e + 1].gap or toks[e + 2].gap:
            return False
        if a.is_alpha and a.is_upper and len(a.text) >= 2:
            return not _ROMAN.fullmatch(a.text)  # "(XII)": a term, no abbreviation
        # a code with digits or inner capitals: "(PC47)", "(PK20E)", "(VietA)"
        return bool(_BRACKET_CODE.fullmatch(a.text)) and not _ROMAN.fullmatch(a.text)

    def media_name(self, i: int) -> tuple[int, int] | None:
        """A paper or agency named after a lower-case media word at token i: its token range.

        ``tờ Korea Times``, ``báo Tin Tức``, ``hãng tin Yonhap``, ``tạp chí Quân huấn``: the
        word stays outside, the name runs over capitalised syllables and stops at a
        place (``tờ Korea Times Hàn Quốc``).
        """
        ctx, toks = self.ctx, self.ctx.toks
        n, _ = _MEDIA_WORDS.longest(toks, i)
        if not n or toks[i - 1].fold in _COMPOUND_BEFORE.get(toks[i].fold, ()):
            return None
        j = i + n
        if j >= len(toks) or toks[j].nl or not toks[j].gap or not (toks[j].is_alpha and toks[j].is_cap):
            return None
        if key_of(ctx.surface(i, j)) in _REPORTER_WORDS:
            if toks[i].fold == fold_text("PV") and not toks[i].is_upper:
                return None
            if (toks[j].fold in surnames() or key_of(toks[j].text) in _REPORTER_WORDS
                    or self.heads.longest(toks, j, _head_ok)[0] or self.fixed.longest(toks, j, _fixed_case_ok)[0]):
                return None  # "PV Nguyễn An"; "PV Báo Tin tức" is left to the grammar
            reporter = True
        else:
            reporter = False
            nf, _ = self.fixed.longest(toks, j, _fixed_case_ok)
            if nf:
                return j, j + nf  # a name the lexicon knows, whole: "tờ" + "The Washington Post"
        n = generic_name(ctx, j, maxlen=5, unit_at=self.loc_starts.__contains__, lower_tail=True,
                         place_at_k=self.loc_starts.__contains__, end_dot=True, line_end_only=True)
        if reporter and n >= 3 and not toks[j + n - 1].is_cap and toks[j + n - 2].is_cap:
            n -= 1  # "PV Pháp luật Plus" + "xung quanh": the sentence goes on
        if n and _words_at(ctx, j + n, _PEOPLES) and ctx.adjacent(j + n) and not toks[j + n].is_cap:
            n += len(_PEOPLES)  # "báo An ninh" + "nhân dân", "tờ Công an" + "nhân dân": the paper's name
        return (j, j + n) if n else None

    def party_name(self, i: int) -> tuple[int, int] | None:
        """A party named after a lower-case ``đảng`` at token i: its token range, the word left
        outside as with papers (``đảng [Bảo thủ]``, ``đảng [Hợp nhất Dân chủ]``, ``đảng [PSD]``),
        except a communist party, whose name is ``đảng Cộng sản`` and its country
        (``[đảng Cộng sản Trung Quốc]``)."""
        ctx, toks = self.ctx, self.ctx.toks
        j = i + 1
        if j >= len(toks) or toks[j].nl or not toks[j].gap or not (toks[j].is_alpha and toks[j].is_cap):
            return None
        if (toks[j].fold in surnames() and not toks[j].is_upper) or j in self.loc_starts or self._central(j):
            return None  # "đảng Nguyễn ...", "đảng Hà Nội", "các ban đảng Trung ương": no party's name
        if key_of(ctx.surface(j, j + 2)) == _COMMUNIST:
            return (i, self.place_after(j + 2))
        n = generic_name(ctx, j, maxlen=5, unit_at=self.loc_starts.__contains__)
        n = next((k for k in range(1, n) if toks[j + k].fold == _VA), n)  # "hai đảng [Dân chủ] và [Cộng hòa]"
        if n and toks[i].is_cap:
            return (j, self.place_after(j + n))  # "Đảng Hành động Nhân dân [Singapore]": the country is the name's
        return (j, j + n) if n else None

    def credit_agency(self, i: int) -> bool:
        """An upper-case agency glued to a photo credit's slash: ``Ảnh: VGP/Quang Hiếu``."""
        toks = self.ctx.toks
        t = toks[i]
        if not (t.is_alpha and t.is_upper and len(t.text) >= 2):
            return False
        slash_after = i + 1 < len(toks) and toks[i + 1].text == "/" and not toks[i + 1].gap
        if not slash_after:
            return False
        # "Ảnh:" just before, on the same line
        return i >= 2 and toks[i - 1].text == ":" and toks[i - 2].fold == fold_text("ảnh") and not t.nl

    def foreign_source(self, i: int) -> int:
        """End of a foreign-spelled source named after ``Ảnh:``/``Nguồn:`` or inside ``(theo ...)``:
        ``Ảnh: Forbes``, ``Nguồn: Reddit``, ``(theo Fars News)``; a paper, an agency or a site, not
        a person (one to three title-case words, none a Vietnamese syllable, closed by punctuation)."""
        ctx, toks = self.ctx, self.ctx.toks
        if i < 2 or not toks[i].gap:
            return 0
        credit = toks[i - 1].text == ":" and toks[i - 2].fold in _SOURCE_WORDS
        theo = toks[i - 1].fold == _THEO and toks[i - 2].text == "("
        if not (credit or theo):
            return 0
        k = i
        while (k < len(toks) and k - i < 3 and toks[k].is_alpha and toks[k].is_cap and not toks[k].is_upper
               and is_foreign(toks[k].text) and (k == i or (ctx.adjacent(k) and toks[k].gap))):
            k += 1
        if k == i:
            return 0
        if k + 1 < len(toks) and toks[k].text == "." and not toks[k].gap and not toks[k + 1].gap and toks[k + 1].is_alpha:
            return 0  # "Zing.vn": a site's domain, read as one name elsewhere
        if not (k >= len(toks) or toks[k].nl or toks[k].text in (".", ")", ",", ";", "/")):
            return 0
        if theo and not (k < len(toks) and toks[k].text == ")"):
            return 0
        return k

    def seat_at(self, k: int) -> int:
        """End of the province or city a delegation sits for, at token k on the same line (``tỉnh
        Bắc Ninh``, ``TP. Đà Nẵng``, a bare ``tỉnh``: "Trưởng Đoàn ĐBQH tỉnh"), else 0."""
        return admin_unit_at(self.ctx, k, _SEAT_ALONE) or self.loc_starts.get(k, 0)

    def delegation(self, i: int) -> int:
        """End of a province's delegation to the National Assembly written with a lower-case
        ``đoàn`` at token i (``đoàn ĐBQH TP. Đà Nẵng``, ``đoàn đại biểu Quốc hội tỉnh``), else 0;
        without its province it is any delegation (``đoàn đại biểu Quốc hội và ...``)."""
        n, _ = DELEGATION_BODY.longest(self.ctx.toks, i + 1)
        return self.seat_at(i + 1 + n) if n and self.ctx.adjacent(i + 1) else 0

    def place_after(self, k: int) -> int:
        """End of a place (with or without its prefix) starting at token k on the same line, else k."""
        ctx, toks = self.ctx, self.ctx.toks
        if k >= len(toks) or toks[k].nl or not toks[k].gap:
            return k
        if k in self.loc_starts:
            return self.loc_starts[k]
        p = prefix_at(ctx, k)
        if p and k + p < len(toks) and not toks[k + p].nl:
            if k + p in self.loc_starts:
                return self.loc_starts[k + p]
            n = named_after_prefix(ctx, k + p)
            if n:
                return k + p + n
        return k

    def _person_after_prefix(self, k: int, n: int) -> bool:
        """The n capitalised words at token k, after a prefix, are a person's name, not a place.

        Three or more words opening with a surname that the place lexicon does not know.
        """
        toks = self.ctx.toks
        return (n >= 3 and toks[k].fold in surnames() and not place_at(self.ctx, k)
                and self.loc_starts.get(k, k) < k + n)  # the places found it: "TP [Hồ Chí Minh]"

    def _levels_listed(self, k: int) -> bool:
        """``, phường`` at token k: another administrative prefix after a comma."""
        toks = self.ctx.toks
        if not (k + 1 < len(toks) and toks[k].text == "," and not toks[k + 1].nl and not toks[k + 1].is_cap):
            return False
        p = prefix_at(self.ctx, k + 1)
        # the list goes on ("xã, phường, thị trấn"), not a new clause ("HĐND TP, thành phố sẽ ...")
        return bool(p) and k + 1 + p < len(toks) and (toks[k + 1 + p].text == "," or toks[k + 1 + p].fold in _LIST_GOES_ON)

    def _listed_twice(self, s: int, e: int) -> bool:
        """The elliptical body at tokens s..e is named again after the next or previous comma.

        ``Tư lệnh Quân khu, Chính ủy Quân khu``: two titles of the same kind of body in a list.
        """
        toks = self.ctx.toks
        n = e - s
        key = [t.fold for t in toks[s:e]]

        def same_at(k: int) -> bool:
            return 0 <= k and k + n <= len(toks) and [t.fold for t in toks[k:k + n]] == key and toks[k].is_cap

        def title_between(a: int, b: int) -> bool:  # 1-3 capitalised words: "Chính ủy", "Phó Tư lệnh"
            return 1 <= b - a <= 3 and toks[a].is_cap and all(t.is_alpha and not t.nl for t in toks[a:b])

        if e < len(toks) and toks[e].text == ",":
            if any(same_at(k) and title_between(e + 1, k) for k in range(e + 2, min(e + 5, len(toks)))):
                return True
        for k in range(max(0, s - 5 - n), s - 1):
            if same_at(k) and k + n < len(toks) and toks[k + n].text == "," and title_between(k + n + 1, s):
                return True
        return False

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
                if n == 1 and not toks[j].is_upper:
                    continue  # "TƯ", "TW"; "Tư" is the first syllable of "Phó Tư lệnh"
                if (toks[j].is_cap or lower_ok) and not any(toks[j + k].nl for k in range(n)):
                    # "Trung ương Đảng"
                    if j + n < len(toks) and toks[j + n].fold == fold_text("Đảng") and toks[j + n].is_cap and toks[j + n].gap:
                        return n + 1
                    return n
        return 0


def _foreign_word(t) -> bool:
    """A capitalised word that is no Vietnamese syllable: ``Online``, ``Land``, ``Daily``."""
    if not (t.is_alpha and t.is_cap) or t.is_upper or len(t.text) < 3:
        return False
    return is_foreign(t.text)


def _foreign_suffix(ctx: Ctx, e: int) -> int:
    """One foreign word right after a body's name ending at token e, ending it: 1, else 0.

    ``Tuổi Trẻ`` + ``Online``, ``Sabeco`` + ``Land``, ``PLA`` + ``Daily``.  A second
    capitalised word after it makes it a person's name (``CIA Mike Pompeo``): 0.
    """
    toks = ctx.toks
    if e >= len(toks) or toks[e].nl or not toks[e].gap or not _foreign_word(toks[e]):
        return 0
    nxt = toks[e + 1] if e + 1 < len(toks) else None
    if nxt is not None and not nxt.nl and nxt.gap and nxt.is_alpha and nxt.is_cap:
        return 0
    return 1


_SCHOOL = fold_text("trường")
_BO, _LUAT, _NGANH = fold_text("bộ"), fold_text("luật"), fold_text("ngành")
_SCHOOL_LEVELS = Lexicon("school_levels")
for _w in ("THPT", "THCS", "PTTH", "PTCS", "PTDTNT", "tiểu học", "mầm non", "trung học cơ sở", "trung học phổ thông",
           "phổ thông", "phổ thông dân tộc nội trú", "chuyên", "THPT chuyên", "tiểu học và THCS", "TH và THCS"):
    _SCHOOL_LEVELS.add(_w, {})


_BRACKET_CODE = re.compile(r"(?=(?:\w*[A-ZĐ]){2}|\w*\d)[A-ZĐ][A-Za-zĐđ\d]+")
_TAI = fold_text("tại")
_MISSIONS = frozenset(key_of(w) for w in ["Đại sứ quán", "Sứ quán", "Tổng Lãnh sự quán", "Lãnh sự quán"])
_VUNG = fold_text("vùng")
_PEOPLES = tuple(fold_text("nhân dân").split())
_SERVICES = [tuple(fold_text(w).split()) for w in ("Hải quân", "Cảnh sát biển")]
_COMMAND = tuple(fold_text("Bộ Tư lệnh").split())


def _words_at(ctx: Ctx, k: int, words: tuple[str, ...]) -> bool:
    """The folded words ``words`` at token k, on one line."""
    return all(ctx.fold(k + n) == w and (n == 0 or ctx.adjacent(k + n)) for n, w in enumerate(words))


def _naval_region_at(ctx: Ctx, i: int) -> int:
    """End of a naval or coast-guard region at token i (0 if none), with its command before it:
    ``Vùng 3 Hải quân``, ``vùng cảnh sát biển 4``, ``Bộ Tư lệnh Vùng 2``.

    A lower-case ``vùng`` and a number are a region only beside the service or the command
    (``lương tối thiểu vùng 1`` is a wage zone)."""
    toks = ctx.toks
    if toks[i].fold not in (_VUNG, _COMMAND[0]):
        return 0  # a region or its command opens here, or nothing does
    k = i + len(_COMMAND) if _words_at(ctx, i, _COMMAND) and ctx.adjacent(i + len(_COMMAND)) else i
    if ctx.fold(k) != _VUNG or k + 1 >= len(toks) or not ctx.adjacent(k + 1):
        return 0
    commanded = k > i or (i > 0 and ctx.adjacent(i) and ctx.fold(i - 1) == _COMMAND[-1] and ctx.fold(i - 2) == _COMMAND[-2])
    if toks[k + 1].is_num:
        e = k + 2
        for words in _SERVICES:
            if _words_at(ctx, e, words) and ctx.adjacent(e):
                return e + len(words)
        return e if commanded or toks[k].is_cap else 0
    for words in _SERVICES:
        e = k + 1 + len(words)
        if _words_at(ctx, k + 1, words) and e < len(toks) and ctx.adjacent(e) and toks[e].is_num:
            return e + 1
    return 0


def _school_at(ctx: Ctx, i: int) -> int:
    """End of ``Trường THPT Hoàng Văn Thụ``, ``trường tiểu học Điện Biên``, ``Trường Mầm non
    Đại Mỗ A`` at token i (0 if none): a school level, then its capitalised name, which may be
    a person's or a place's."""
    toks = ctx.toks
    if toks[i].fold != _SCHOOL or i + 2 >= len(toks) or toks[i + 1].nl:
        return 0
    n, _ = _SCHOOL_LEVELS.longest(toks, i + 1)
    if not n:
        return 0
    k = j = i + 1 + n
    while k < len(toks) and k - j < 9 and ctx.adjacent(k) and toks[k].gap and (
            (toks[k].is_alpha and toks[k].is_cap) or (toks[k].is_num and k > j)):
        k += 1
    # "Trường THPT Chu Văn An" + "Nguyễn Văn Hùng": a full name after the school's own is its head's
    sur = surnames()
    for p in range(j + 2, k - 1):
        if toks[p].fold in sur and 2 <= k - p <= 4:
            return p
    return min(k, j + 5) if k > j else 0


_AGE_TEAM = re.compile(r"U(?:1[5-9]|2[0-3])")
_MODEL_CODE = re.compile(r"(?=\w*\d)(?=\w*[A-Za-z])[A-Za-z\d]{2,}")  # LX570, S8, A350
_PRODUCT_BEFORE = frozenset(fold_text(w) for w in ["xe", "ôtô", "chiếc", "mẫu", "dòng", "thoại"])
_COMPANY_HEADS = frozenset(key_of(w) for w in ["công ty", "cty", "tổng công ty", "tập đoàn", "ngân hàng", "liên danh"])
_LOOKBACK = 14


def _title_syllable(t) -> bool:
    return t.is_alpha and t.is_cap and not t.is_upper


def _whole_word_end(ctx: Ctx, s: int, e: int, loc_ends: set[int]) -> int:
    """A name never ends inside a word: ``Báo Đầu tư Bất động [sản]``, ``Cục Đăng [ký]``.
    While a word of the dictionary opened by one of the body's last two syllables, in title
    case, goes on in lower case after the body, the body takes that syllable too."""
    toks, words = ctx.toks, vietnamese_words()
    while e < len(toks) and e - s >= 2 and ctx.adjacent(e) and toks[e].gap and toks[e].is_alpha and not toks[e].is_cap:
        last, before = toks[e - 1], toks[e - 2]
        if e in loc_ends:
            break  # "UBND TP. Cần Thơ [mới]": a place ends the name, the sentence goes on
        two = (f"{last.fold} {toks[e].fold}"
               if _title_syllable(last) and f"{before.fold} {last.fold}" not in words else "")
        three = (f"{before.fold} {last.fold} {toks[e].fold}"
                 if _title_syllable(before) and last.is_alpha and last.gap else "")
        if (two and two in words) or (three and three in words):
            e += 1
        else:
            break
    return e


def _company_head_at(toks, k: int) -> bool:
    return any(k + n <= len(toks) and key_of(" ".join(t.text for t in toks[k:k + n])) in _COMPANY_HEADS for n in (2, 3))


def _company_abbreviations(ctx: Ctx, finder: "OrgFinder") -> list[int]:
    """Tokens of ``(VEC)`` after a company written in words the grammar does not close
    (``tổng công ty Đầu tư phát triển đường cao tốc Việt Nam (VEC)``): a company head
    within the words before it, in the same sentence, and no other bracket between."""
    toks = ctx.toks
    out = []
    for e in range(1, len(toks) - 2):
        if not (toks[e].text == "(" and toks[e + 2].text == ")" and finder.bracket_abbreviation(e)):
            continue
        a = toks[e + 1]
        if len(a.text) < 3 or place_at(ctx, e + 1) or finder.heads.longest(toks, e + 1)[0]:
            continue
        for k in range(e - 1, max(-1, e - _LOOKBACK), -1):
            if toks[k].text in ("(", ")", ".", ";", ":") or toks[k + 1].nl:
                break
            if _company_head_at(toks, k):
                out.append(e + 1)
                break
    return out


def _common_noun_abbreviations(ctx: Ctx) -> set[str]:
    """Upper-case abbreviations the article defines in brackets right after the lower-case words
    they abbreviate, letter for syllable: ``nhập hộ khẩu (NHK)``, ``khu công nghiệp (KCN)``."""
    toks = ctx.toks
    out: set[str] = set()
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if not (toks[k - 1].text == "(" and toks[k + 1].text == ")" and t.is_upper and 2 <= len(t.text) <= 5):
            continue
        words = toks[k - 1 - len(t.text) : k - 1] if k - 1 >= len(t.text) else []
        if (words and all(w.is_alpha and not w.is_cap for w in words)
                and fold_text("".join(w.text[0] for w in words)) == fold_text(t.text)):
            out.add(t.text)
    return out


def find_orgs(ctx: Ctx, locs: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], OrgFinder]:
    loc_starts = {s: e for s, e in locs}
    finder = OrgFinder(ctx, loc_starts)
    toks = ctx.toks
    out = []
    abbrs: set[str] = set()  # abbreviations the article defines in brackets after a body's name
    company_abbrs = _company_abbreviations(ctx, finder)
    for k in company_abbrs:
        abbrs.add(toks[k].text)
        out.append((k, k + 1))
    i = 0
    while i < len(toks):
        t = toks[i]
        if (i > 1 and not t.gap and toks[i - 1].text in ("-", "/") and t.is_upper
                and not (toks[i - 1].text == "/" and toks[i - 2].is_alpha and not toks[i - 2].is_upper
                         and not (i + 1 < len(toks) and not toks[i + 1].gap and toks[i + 1].text == "-"))
                and not (toks[i - 1].text == "/" and toks[i - 2].is_alpha and i > 2 and toks[i - 3].text == ":")):
            i += 1  # inside a document code: "936/QĐ-UBND", "02/CĐ-UBND" (not a credit "Trọng Đức/TTXVN", "Ảnh: AFP/TTXVN")
            continue
        nav = _naval_region_at(ctx, i)
        if nav:
            out.append((i, nav))  # "Bộ Tư lệnh Vùng 3 Hải quân", "vùng cảnh sát biển 4"
            i = nav
            continue
        sch = _school_at(ctx, i)
        if sch:
            out.append((i, sch))  # "Trường THPT Hoàng Văn Thụ": a school named after a person is a school
            i = sch
            continue
        if _AGE_TEAM.fullmatch(t.text) and i + 1 < len(toks) and ctx.adjacent(i + 1) and toks[i + 1].gap and i + 1 in loc_starts:
            out.append((i, loc_starts[i + 1]))  # "U20 Việt Nam", "U23 Thái Lan": a national age-group team
            i = loc_starts[i + 1]
            continue
        if finder.credit_agency(i):
            out.append((i, i + 1))  # "Ảnh: VGP/Quang Hiếu"
            i += 1
            continue
        src = finder.foreign_source(i)
        if src:
            out.append((i, src))  # "Ảnh: Forbes", "(theo Fars News)"
            i = src
            continue
        if t.fold == _DANG and not t.is_cap:
            p = finder.party_name(i)
            if p:
                out.append(p)  # "đảng [Bảo thủ]", "đảng [DUP]", "[đảng Cộng sản Trung Quốc]"
                i = p[1]
                if finder.bracket_abbreviation(i):
                    abbrs.add(toks[i + 1].text)  # "đảng Hợp nhất Dân chủ ([DUP])", then "DUP" again
                    out.append((i + 1, i + 2))
                    i += 3
                elif i < len(toks) and toks[i].fold == _VA and ctx.adjacent(i + 1):
                    q = finder.party_name(i)
                    if q:
                        out.append(q)  # "hai đảng Dân chủ và [Cộng hòa]"
                        i = q[1]
                continue
        if t.is_word and (not t.is_cap or t.fold not in _NAME_OPENING_MEDIA_WORDS) and i > 0:
            m = finder.media_name(i)
            if m:
                out.append(m)  # "tờ [Korea Times]", "báo [Tin Tức]", "hãng tin [Yonhap]"
                i = m[1]
                continue
        if t.fold == _DOAN and not t.is_cap and ctx.fold(i - 1) != _TRUONG and (d := finder.delegation(i)):
            out.append((i, d))  # "đoàn [ĐBQH TP. Đà Nẵng]": the lower-case word is the name's too
            i = d
            continue
        if t.fold == _BO and (ctx.fold(i + 2) == _NGANH or ctx.fold(i + 1) == _NGANH) and ctx.adjacent(i + 1):
            i += 1  # "Bộ, ngành, địa phương", "các Bộ ngành": ministries in general
            continue
        if t.fold == _BO and ctx.fold(i + 1) == _LUAT and ctx.adjacent(i + 1):
            i += 2  # "Bộ Luật hình sự": a code of law, no ministry
            continue
        if (i in loc_starts and loc_starts[i] - i >= 2 and t.is_cap
                and finder.fixed.longest(toks, i, _fixed_case_ok)[0] < loc_starts[i] - i):
            i = loc_starts[i]  # "xẻ dọc Trường Sơn": a place that opens like a head ("Trường") is the place
            continue
        if ends_a_word(ctx, i):
            i += 1  # "hội trường", "cán bộ": the head's syllable ends a common word
            continue
        if t.is_word and (t.is_cap or t.fold in finder.heads.firsts or t.fold in finder.fixed.firsts):
            e = finder.chain(i)
            if e:
                a = finder.bracket_abbreviation(e)
                if a:
                    abbrs.add(toks[e + 1].text)
                    pe = finder.place_after(e + 3)
                    if pe > e + 3:
                        # "Hội đồng Nhân dân (HĐND) tỉnh Hà Tĩnh": one body
                        out.append((i, pe))
                        i = pe
                        continue
                    out.append((i, e))
                    out.append((e + 1, e + 2))
                    i = e + 3
                    continue
                out.append((i, e))
                i = e
                continue
        if (t.fold == _DANG and t.is_cap and not t.is_upper and i > 0 and ctx.adjacent(i) and toks[i - 1].is_alpha
                and not toks[i - 1].is_cap):
            p = finder.party_name(i)
            if p and p[0] == i + 1:
                out.append((i, p[1]))  # "thuộc [Đảng Xã hội]": capitalised in mid-sentence, the word is the name's
                i = p[1]
                continue
        if t.is_upper and t.text in abbrs and (i == 0 or toks[i - 1].text != "("):
            # a later mention of an abbreviation defined in brackets: "PLA", "BVĐK tỉnh Lạng Sơn"
            e = finder.place_after(i + 1)
            out.append((i, e))
            i = e
            continue
        i += 1
    # an abbreviation the article defines for lower-case words is no body's: "nhập hộ khẩu (NHK)"
    common = _common_noun_abbreviations(ctx)
    out = [(s, e) for s, e in out if not (e == s + 1 and toks[s].text in common and toks[s].text not in abbrs)]
    # a foreign word after a name ("Tuổi Trẻ Online"), not after a place ending it ("Ủy ban châu Âu" + "Juncker")
    out = [(s, e + (e not in loc_starts and e not in finder.loc_ends and _foreign_suffix(ctx, e))) for s, e in out]
    # "xe Lexus", "điện thoại Samsung", "Lexus LX570": the brand names a product there, not the company
    out = [(s, e) for s, e in out
           if not (s > 0 and ctx.adjacent(s) and toks[s].gap and toks[s - 1].fold in _PRODUCT_BEFORE and not toks[s - 1].is_cap)
           and not (e < len(toks) and ctx.adjacent(e) and toks[e].gap and _MODEL_CODE.fullmatch(toks[e].text))]
    # a mission names the country it is in: "Đại sứ quán Úc" + "tại Việt Nam"
    out = [(s, loc_starts[e + 1]) if (e + 1 in loc_starts and ctx.fold(e) == _TAI and ctx.adjacent(e + 1)
                                       and finder.heads.longest(toks, s, _head_ok)[1] is not None
                                       and key_of(finder.heads.longest(toks, s, _head_ok)[1]["_phrase"]) in _MISSIONS)
           else (s, e) for s, e in out]
    # the company's name runs on to the bracket that abbreviates it
    for k in company_abbrs:
        for n, (s, e) in enumerate(out):
            if k - 1 - _LOOKBACK < s and e < k - 1 and _company_head_at(toks, s):
                out[n] = (s, k - 1)
    # "Hội" and the place it is held in is a festival, no body: "Hội Lim", "Hội Gióng"
    out = [(s, e) for s, e in out if not (toks[s].fold == _HOI and e - s >= 2 and (
        loc_starts.get(s + 1) == e or load_lexicon("communes").longest(toks, s + 1)[0] == e - s - 1
        or (e - s == 2 and toks[s + 1].fold in _FESTIVALS)))]
    # the councils being elected, without a place: "bầu cử HĐND", "ứng cử viên HĐND" (all of them)
    out = [(s, e) for s, e in out if not (key_of(ctx.surface(s, e)) in _COUNCILS and _elected_before(ctx, s))]
    # a law named after a body names no body: "Luật Cảnh sát biển", "Luật Công an xã" (but
    # "Luật Tổ chức [Quốc hội]": a body further inside the name is one)
    out = [(s, e) for s, e in out if not (s > 0 and ctx.adjacent(s) and toks[s].gap and toks[s - 1].fold in _LAW_WORDS
                                          and (toks[s - 1].is_cap or ctx.fold(s - 2) in _LAW_WORDS_BEFORE))]
    # a body's name that stops inside a place goes on to the place's end: "Ban Chỉ đạo [Tây Nam bộ]"
    out = [(s, max((e2 for s2, e2 in locs if s <= s2 < e < e2), default=e)) for s, e in out]
    out = _heads_over_lower_words(ctx, finder, out)
    out = _boards_of_companies(ctx, out)
    out = [_without_delegation_word(ctx, finder, span) for span in out]
    out = [(s, e - 1) if e - s > 1 and toks[e - 1].text == "." else (s, e) for s, e in out]  # "HĐND TP." + "Ông Lâm"
    seen = set(out)
    out = out + [x for x in _listed_ministries(ctx, finder) if x not in seen]
    return out + _elliptic_mentions(ctx, finder, out), finder


def _without_delegation_word(ctx: Ctx, finder: "OrgFinder", span: tuple[int, int]) -> tuple[int, int]:
    """A delegation named by the body it comes from is that body: "Đoàn [Ủy ban Quân vụ Hạ viện Hoa
    Kỳ]" (not "Đoàn Thanh niên", "Đoàn đại biểu ...", longer heads of their own)."""
    s, e = span
    toks = ctx.toks
    if e - s < 3 or toks[s].fold != _DOAN or not toks[s].is_cap or not toks[s + 1].is_cap or not ctx.adjacent(s + 1):
        return span
    if finder.heads.longest(toks, s, _head_ok)[0] != 1:
        return span
    if finder.heads.longest(toks, s + 1, _head_ok)[0] or finder.fixed.longest(toks, s + 1, _fixed_case_ok)[0] >= 2:
        return (s + 1, e)
    return span


# a company's board, written before the company: "HĐTV [VEC]", "HĐQT Tập đoàn"
_BOARDS = frozenset(key_of(w) for w in ["HĐQT", "HĐTV", "Hội đồng quản trị", "Hội đồng thành viên"])


def _boards_of_companies(ctx: Ctx, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A board and the company's name right after it, found apart, are one body: ``[HĐTV VEC]``
    (the article abbreviated the company before), as ``[HĐQT Sabeco]`` is."""
    toks = ctx.toks
    starts = dict(spans)
    merged: dict[int, int] = {}  # board's start -> company's end
    for s, e in spans:
        if e in starts and key_of(ctx.surface(s, e)) in _BOARDS and ctx.adjacent(e) and toks[e].gap and toks[e].is_upper:
            merged[s] = starts[e]
    absorbed = {e for s, e in spans if s in merged}
    return [(s, merged.get(s, e)) for s, e in spans if s not in absorbed]


_ELLIPTIC_HEADS = frozenset(key_of(w) for w in ["Hội", "Bệnh viện", "Đại sứ quán", "Báo", "Văn phòng", "Hội đồng", "Ban liên lạc",
                                                "Đoàn", "Tổ"])
# measured one by one on the files read for errors: Đảng bộ, Bộ, Cục, Ủy ban, Đoàn, Trung tâm, Sở lost
# ... except after a team named by its purpose ("Đoàn kiểm tra số 470 ... Đoàn sẽ ..."):
_ELLIPTIC_AFTER_PURPOSE = frozenset(key_of(w) for w in ["Đoàn", "Tổ"])


def _elliptic_mentions(ctx: Ctx, finder: "OrgFinder", spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A capitalised head of ``_ELLIPTIC_HEADS`` ("Hội", "Báo", "Hội đồng" ...) alone in mid-sentence, in an
    article that named one in full before: that body named elliptically (``tổ chức [Hội] vững mạnh``)."""
    toks = ctx.toks
    covered = {k for s, e in spans for k in range(s, e)}
    words = vietnamese_words()
    out = []
    for head in _ELLIPTIC_HEADS:
        parts = head.split()  # folded syllables
        n = len(parts)

        def head_at(k: int) -> bool:
            return [t.fold for t in toks[k:k + n]] == parts

        purposes = finder.purposes.get(head) if head in _ELLIPTIC_AFTER_PURPOSE else None
        named = min((s for s, e in spans if e - s > n and toks[s].is_cap and head_at(s)
                     and (purposes is None or purposes.longest(toks, s + n)[0])), default=None)
        if named is None:
            continue
        for i in range(named + 1, len(toks) - n + 1):
            t = toks[i]
            if (toks[i].fold != parts[0] or not t.is_cap or t.is_upper or t.nl or not t.gap or not head_at(i)
                    or any(k in covered for k in range(i, i + n))):
                continue
            prev = toks[i - 1]
            if not (prev.is_alpha and not prev.is_cap) and not (
                    purposes is not None and i + n < len(toks) and toks[i + n].fold in FUNCTION_WORDS):
                continue  # "Theo đó, Đoàn sẽ ...": after a team named by its purpose, also after a comma
            j = i + n
            if j < len(toks) and not toks[j].nl and toks[j].gap and (
                    (toks[j].is_cap and toks[j].is_alpha) or toks[j].is_num or f"{toks[j - 1].fold} {toks[j].fold}" in words):
                continue
            out.append((i, j))
    return out


def _ministry_item(ctx: Ctx, finder: "OrgFinder", k: int) -> int:
    """Length of one ministry in a list after "các Bộ:" at token k: its domain (``Tài chính``,
    ``Kế hoạch và Đầu tư``), its initials (``GTVT``, ``KH&ĐT``) or a body's name, else 0."""
    toks = ctx.toks
    if k >= len(toks) or toks[k].nl or not (toks[k].is_alpha and toks[k].is_cap):
        return 0
    n, _ = finder.domains[_BO_HEAD].longest(toks, k)
    if n:
        return n
    if toks[k].is_upper and len(toks[k].text) >= 2:
        m = 1
        while (k + m + 1 < len(toks) and toks[k + m].text in ("&", "-") and not toks[k + m].gap
               and not toks[k + m + 1].gap and toks[k + m + 1].is_upper):
            m += 2
        return m
    e = finder.chain(k)
    return e - k if e else 0


def _listed_ministries(ctx: Ctx, finder: "OrgFinder") -> list[tuple[int, int]]:
    """Each ministry of a list after "các Bộ:" (capitalised) or "các bộ, ngành:" is an ORG: "các Bộ: [KH&ĐT],
    [Tài chính], [Xây dựng] và [Ngân hàng Nhà nước]" (a list ends at the first item that is none)."""
    toks = ctx.toks
    out = []
    for i in range(len(toks) - 3):
        if toks[i].fold != _CAC or toks[i + 1].fold != _BO or not ctx.adjacent(i + 1):
            continue
        k = i + 2
        if toks[k].text == "," and ctx.fold(k + 1) == _NGANH:
            k += 2
        elif not toks[i + 1].is_cap:
            continue  # "các bộ: Quốc phòng, ..." in lower case lists kinds of ministry as often as ministries
        if k >= len(toks) or toks[k].text != ":":
            continue
        k += 1
        while True:
            n = _ministry_item(ctx, finder, k)
            if not n:
                break
            out.append((k, k + n))
            k += n
            if k < len(toks) and not toks[k].nl and (toks[k].text == "," or toks[k].fold == _VA):
                k += 1
                continue
            break
    return out


_COUNCILS = frozenset(key_of(w) for w in ["HĐND", "Hội đồng nhân dân"])
_ELECTION_WORDS = frozenset(key_of(w) for w in ["bầu cử", "ứng cử", "ứng cử viên", "ứng viên"])


def _elected_before(ctx: Ctx, s: int) -> bool:
    """An election word right before token s, with or without "đại biểu": "bầu cử [HĐND]"."""
    k = s - 2 if ctx.fold(s - 1) == fold_text("biểu") and ctx.fold(s - 2) == fold_text("đại") else s
    return any(k - n >= 0 and key_of(ctx.surface(k - n, k)) in _ELECTION_WORDS for n in (2, 3))


# heads whose own name the press writes in lower case before the body they belong to
_NAMED_IN_LOWER_CASE = frozenset(key_of(w) for w in ["Ban", "Hội đồng", "Trung tâm", "Ủy ban", "Cục", "Vụ", "Viện"])
_OF = frozenset(fold_text(w) for w in "thuộc của".split())


def _heads_over_lower_words(ctx: Ctx, finder: "OrgFinder", spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A capitalised head that needs a name, lower-case words, then a body the rules found: one
    body (``Ban công tác đặc biệt [Chính phủ Việt Nam]``, ``Ban đại diện [HĐQT]``); the head's
    own name is written in lower case and ends where the body it belongs to starts."""
    toks = ctx.toks
    starts = {s: n for n, (s, e) in enumerate(spans)}
    inside = {k for s, e in spans for k in range(s, e)}
    for i, t in enumerate(toks):
        if not (t.is_cap and t.is_alpha) or i in inside or title_starts_at(ctx, i):
            continue  # "Cục trưởng ...": a title, not a head
        if i > 0 and ctx.is_title_word(i - 1) and ctx.adjacent(i) and not title_ends_at(ctx, i):
            continue
        n, row = finder.heads.longest(toks, i, _head_ok)
        if not n or key_of(row["_phrase"]) not in _NAMED_IN_LOWER_CASE:
            continue
        if i > 0 and (toks[i - 1].fold in PLURAL_BEFORE or toks[i - 1].is_num or toks[i - 1].text == "%"):
            continue  # "100% Ban đại diện ... cấp tỉnh": such committees in general
        k = i + n
        while (k < len(toks) and k - i - n < 6 and ctx.adjacent(k) and toks[k].gap and toks[k].is_alpha
               and not toks[k].is_cap and toks[k].fold not in FUNCTION_WORDS and toks[k].fold not in _OF
               and f"{toks[k].fold} {ctx.fold(k + 1)}" not in _TAIL_VERBS):
            k += 1
        if k > i + n and k in starts and ctx.adjacent(k) and toks[k].gap:
            m = starts[k]
            spans[m] = (i, spans[m][1])
        elif k > i + n and k < len(toks) and ctx.adjacent(k) and toks[k].gap and not toks[k].nl:
            e = finder.place_after(k)
            if e > k and not any(s < e and i < t for s, t in spans):
                spans.append((i, e))  # "Hội đồng bầu cử [Hà Nội]", "Trung tâm điện lực [tỉnh Bình Thuận]"
    return sorted(spans)
