"""People records: one ``Person`` per distinct full name, with rank and positions.

A person's ``rank`` is the RANK written right before the name (``Trung tướng Dương
Đình Thông``; also ``Đại tướng, Bộ trưởng Ngô Xuân Lịch``).  ``positions`` are the
POSITION spans attached to the name: in apposition after it (``, Bí thư Đảng ủy,
Chính ủy Quân khu``, also after `` - `` or inside parentheses), or right before it
(``Thủ tướng Nguyễn Xuân Phúc``, ``Bộ trưởng Bộ Quốc phòng, Đại tướng Ngô Xuân Lịch``).
Offsets come from the mentions; the text is only read between mentions.
"""
from __future__ import annotations

import regex

from extract.records import Mention, Person

# what may separate two titles of one person, or a name from its first title
_APPOS_GAP = regex.compile(r"^\s*(?:[,;–\-(]|kiêm)\s*(?:nguyên\s+|cựu\s+|kiêm\s+|đồng thời là\s+)?$")
_NAME_TITLE_GAP = regex.compile(r"^\s*(?:[,–\-(]|là)?\s*(?:nguyên\s+|cựu\s+|hiện là\s+)?$")
_BEFORE_GAP = regex.compile(r"^\s*(?:,\s*)?$")
# a verb linking a name to an office in the same sentence: "X được bổ nhiệm làm [P]"
_VERB_GAP = regex.compile(
    r"^[^.;:!?\n“”\"]{0,50}?\b(?:làm|là|giữ chức(?: vụ| danh)?|chức(?: vụ| danh)?|đảm nhiệm(?: vị trí| chức vụ| cương vị)?"
    r"|lên làm|nhận nhiệm vụ|vị trí|cương vị|ghế)\s*(?:nguyên\s+|cựu\s+)?$"
)
# the person confers the office on someone else: "Thủ tướng X ký quyết định phê chuẩn ... chức vụ [P]"
_CONFER_GAP = regex.compile(r"\b(?:ký|phê chuẩn|miễn nhiệm|trao)\b")
# "Ông là", also after an opening time or place phrase: "Cuối năm 2007, ông làm", "Từ tháng 8/1963, ông là"
_PRONOUN_START = regex.compile(
    r"(?:^|[.!?\n]\s*)(?:(?:Ông|Bà|Đồng chí)|[^.;:!?\n,]{0,40}?,\s*(?:ông|bà|đồng chí))\s+(?:[^.;:!?\n]{0,30}?\s)?$"
)
_RANK_GAP = regex.compile(r"^\s*(?:,\s*)?$")
_HONORIFIC_GAP = regex.compile(r"^\s*(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)?\s*$")
# "chủ tịch UBND tỉnh Thái Bình, ông Nguyễn Hồng Diên": the title, then the honorific and the name
_TITLE_HONORIFIC_GAP = regex.compile(r"^\s*,?\s*(?:đồng chí|ông|bà)\s+$")


def link_people(text: str, mentions: list[Mention]) -> list[Person]:
    ms = sorted(mentions, key=lambda m: (m.start, -m.end))
    persons = [m for m in ms if m.label == "PERSON"]
    positions = [m for m in ms if m.label == "POSITION"]
    ranks = [m for m in ms if m.label == "RANK"]
    people: dict[str, Person] = {}
    order: list[str] = []
    for p in persons:
        if p.text not in people:
            people[p.text] = Person(p.text, None, [], p.start, p.end)
            order.append(p.text)
    # top-level chain elements in text order (names, short names, titles, ranks)
    chain = sorted(persons + _short_mentions(text, ms, persons) + positions + ranks, key=lambda m: m.start)
    shared = _shared_ranks(text, chain)
    for idx, p in enumerate(chain):
        if p.label != "PERSON":
            continue
        rec = people.get(p.text)
        if rec is None:
            rec = people[p.text] = Person(p.text, None, [], p.start, p.end)
            order.append(p.text)
        # backwards: "Thủ tướng [Chính phủ] X", "Bộ trưởng Quốc phòng, Đại tướng X", "Đại tướng, Bộ trưởng X"
        k = idx - 1
        right = p.start
        rank = None
        before: list[str] = []
        while k >= 0:
            m = chain[k]
            gap = text[m.end:right]
            if "\n" in gap:
                break  # a title or rank on the line above (a headline) is not this name's
            if m.label == "RANK" and rank is None and (_RANK_GAP.match(gap) or _HONORIFIC_GAP.match(gap)):
                rank = m.text
            elif m.label == "POSITION" and (_BEFORE_GAP.match(gap) or (right != p.start and _HONORIFIC_GAP.match(gap))
                                            or (right == p.start and _TITLE_HONORIFIC_GAP.match(gap))):
                if right != p.start and not rank and not _BEFORE_GAP.match(gap):
                    break
                before.insert(0, m.text)
            else:
                break
            right = m.start
            k -= 1
        if rank is None:
            rank = shared.get(p.start)
        if rank and rec.rank is None:
            rec.rank = rank
        # forward apposition: ", Bí thư Đảng ủy, Chính ủy Quân khu 9"
        after: list[str] = []
        k = idx + 1
        left = p.end
        while k < len(chain):
            m = chain[k]
            gap = text[left:m.start]
            if m.label != "POSITION":
                break
            ok = _NAME_TITLE_GAP.match(gap) if not after else _APPOS_GAP.match(gap)
            if not ok and _VERB_GAP.match(gap) and not _CONFER_GAP.search(gap):
                # no other name between the person and the office
                ok = not any(q.label == "PERSON" and left <= q.start < m.start for q in chain)
            if not ok or "\n" in gap:
                break
            # a title directly followed by another name belongs to that name
            nxt = chain[k + 1] if k + 1 < len(chain) else None
            if nxt is not None and nxt.label == "PERSON" and regex.match(r"^\s*$", text[m.end:nxt.start]):
                break
            after.append(m.text)
            left = m.end
            k += 1
        for t in before + after:
            if t not in rec.positions:
                rec.positions.append(t)
    _pronoun_positions(text, chain, people)
    return [people[n] for n in order]


_PLURAL_BEFORE_RANK = regex.compile(r"(?:^|\s)(?:các|Các|những|Những|hai|Hai|ba|Ba|bốn|Bốn|năm|\d+)\s+$")
_NAME_LIST_GAP = regex.compile(r"^\s*(?:\([^()\n]{0,20}\))?\s*(?:,|và)\s*$")


def _shared_ranks(text: str, chain: list[Mention]) -> dict[int, str]:
    """``Các trung tướng A, B và C``, ``hai thượng tướng A (trái) và B``: the rank of every listed name."""
    out: dict[int, str] = {}
    for k, m in enumerate(chain):
        if m.label != "RANK" or not _PLURAL_BEFORE_RANK.search(text[max(0, m.start - 12):m.start]):
            continue
        left = m.end
        k2 = k + 1
        first = True
        while k2 < len(chain) and chain[k2].label == "PERSON":
            gap = text[left:chain[k2].start]
            if not (first and regex.match(r"^[ \t]+$", gap)) and not (not first and _NAME_LIST_GAP.match(gap)):
                break
            out.setdefault(chain[k2].start, m.text)
            first = False
            left = chain[k2].end
            k2 += 1
    return out


def _pronoun_positions(text: str, chain: list[Mention], people: dict[str, Person]) -> None:
    """``Ông từng là [P], [P]``: offices of the last named person, in a sentence opened by a pronoun."""
    last: Person | None = None
    k = 0
    while k < len(chain):
        m = chain[k]
        if m.label == "PERSON":
            if not _in_brackets(text, m.start):  # "(cùng Trung tướng X)": an aside, not the subject
                last = people.get(m.text)
            k += 1
            continue
        if m.label == "POSITION" and last is not None:
            head = text[max(0, m.start - 60):m.start]
            pm = _PRONOUN_START.search(head)
            if pm and regex.search(r"\b(?:là|làm|giữ chức(?: vụ)?|đảm nhiệm(?: chức vụ| vị trí)?)\s*(?:nguyên\s+)?$", head):
                left = m.end
                titles = [m.text]
                k2 = k + 1
                while k2 < len(chain) and chain[k2].label in ("POSITION", "RANK") and _APPOS_GAP.match(
                        text[left:chain[k2].start]):
                    if chain[k2].label == "POSITION":  # "Ông là [P], Thượng tướng, [P]": a rank between titles
                        titles.append(chain[k2].text)
                    left = chain[k2].end
                    k2 += 1
                for t in titles:
                    if t not in last.positions:
                        last.positions.append(t)
                k = k2
                continue
        k += 1


def _in_brackets(text: str, start: int) -> bool:
    """The mention at ``start`` is inside a bracket opened earlier on its line."""
    line = text[text.rfind("\n", 0, start) + 1:start]
    return line.rfind("(") > line.rfind(")")


_SHORT_NAME = regex.compile(r"(?<![\w.])(\p{Lu}\p{Ll}*)(?![\w.]|\s+\p{Lu})")
_SHORT_LEFT = regex.compile(r"(?:\b(?:ông|Ông|bà|Bà|đồng chí|Đồng chí)|^)\s+$")


def _short_mentions(text: str, mentions: list[Mention], persons: list[Mention]) -> list[Mention]:
    """``Bí thư Thăng``, ``ông Hệ làm ...``: a lone given name (the last syllable of exactly one
    full name of the article) right after a title or an honorific stands for that person; the
    mention carries the full name, so it links like the name itself."""
    by_last: dict[str, set[str]] = {}
    for p in persons:
        if " " in p.text:
            by_last.setdefault(p.text.rsplit(" ", 1)[1], set()).add(p.text)
    taken = [(m.start, m.end) for m in mentions]
    title_ends = {m.end for m in mentions if m.label in ("POSITION", "RANK")}
    out = []
    for m in _SHORT_NAME.finditer(text):
        names = by_last.get(m.group(1))
        if not names or len(names) != 1:
            continue
        s, e = m.span(1)
        if any(a < e and s < b for a, b in taken):
            continue
        left = text[max(0, s - 12):s]
        after_title = any(text[t:s].isspace() and "\n" not in text[t:s] for t in title_ends if s - 3 <= t < s)
        if after_title or _SHORT_LEFT.search(left):
            out.append(Mention(s, e, "PERSON", next(iter(names))))
    return out
