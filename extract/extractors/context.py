"""Shared per-article state for the rule extractors: the tokens and small word classes.

All extractors work on token indices (``Ctx.toks``); ``Ctx.span`` turns a token range
into character offsets of the original text (never re-searching the text).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from extract.lexicons import Token, load_lexicon, tokenize, vietnamese_words
from extract.normalise import fold_text

# words that end an organisation or title name when they follow it in lower case
# words that, capitalised right after a name, open the next sentence (its full stop is missing:
# "Chi cục Kiểm lâm tỉnh Vĩnh Phúc | Theo ông ..."); never a syllable of a name
CLAUSE_OPENERS = frozenset(fold_text(w) for w in "theo tại khi để với nhưng nếu dù".split())
# words that open a photo or source credit ("Ảnh: ...", "Nguồn: ...")
CREDIT_OPENERS = frozenset(fold_text(w) for w in "Ảnh Nguồn Clip Video".split())
FUNCTION_WORDS = frozenset(
    fold_text(w)
    for w in """sẽ đang đã cũng vẫn không chưa có là và với của cho tại trong về để theo từ
    đến thì mà này đó nên phải cần được bị nói nêu ký tiếp thăm gửi trình giao gồm vừa
    mới luôn đều hay hoặc như khi sau trước ngày tháng năm lúc nay hiện còn chỉ rất do
    bởi nhằm trên dưới giữa qua vào ra lên xuống cùng ông bà anh chị các những một hai
    ba lần thứ khóa khoá họp dự làm bàn rằng nhưng""".split()
)

PLURAL_BEFORE = frozenset(fold_text(w) for w in "các những mọi nhiều từng mỗi vài hai ba bốn năm sáu".split())

HONORIFICS = frozenset(
    fold_text(w) for w in "ông bà anh chị đồng chí ngài cô chú bác em cụ".split()
)

SENTENCE_END = frozenset(".!?…:;\"“”'")


@dataclass
class Ctx:
    text: str
    folded: str
    toks: list[Token]
    # filled by the extractors, as token ranges (i, j) = toks[i:j]
    ranks: list = field(default_factory=list)
    locs: list = field(default_factory=list)
    orgs: list = field(default_factory=list)
    positions: list = field(default_factory=list)
    persons: list = field(default_factory=list)

    @classmethod
    def build(cls, text: str) -> "Ctx":
        folded = fold_text(text)
        return cls(text, folded, tokenize(text, folded))

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.toks[i].start, self.toks[j - 1].end

    def surface(self, i: int, j: int) -> str:
        s, e = self.span(i, j)
        return self.text[s:e]

    def fold(self, i: int) -> str:
        return self.toks[i].fold if 0 <= i < len(self.toks) else ""

    def is_title_word(self, i: int) -> bool:
        """A capitalised letter syllable (``Nguyễn``, ``HẢI``), not a digit or mark."""
        if not (0 <= i < len(self.toks)):
            return False
        t = self.toks[i]
        return t.is_alpha and t.is_cap

    def sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        t = self.toks[i]
        if t.nl:
            return True
        return self.toks[i - 1].text in SENTENCE_END

    def adjacent(self, i: int) -> bool:
        """token i follows token i-1 on the same line (spaces allowed)."""
        return 0 < i < len(self.toks) and not self.toks[i].nl


def cap_run(ctx: Ctx, i: int, maxlen: int = 4) -> int:
    """Number of consecutive capitalised letter syllables from token i (same line, spaces only)."""
    n = 0
    toks = ctx.toks
    while i + n < len(toks) and n < maxlen:
        t = toks[i + n]
        if not (t.is_alpha and t.is_cap):
            break
        if n > 0 and (t.nl or not t.gap):
            break
        n += 1
    return n


# one Vietnamese syllable with its marks stripped: initial consonant, vowels, final consonant
_VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)


def bare_syllable(word: str) -> str:
    """Lower case, ``đ`` as ``d``, marks stripped: ``Nguyễn`` → ``nguyen``."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_foreign(word: str) -> bool:
    """Not a possible Vietnamese syllable (``Gabriel``, ``Kucka``, ``Trump``)."""
    return not _VIETNAMESE_SYLLABLE.fullmatch(bare_syllable(word))


def title_starts_at(ctx: Ctx, i: int) -> bool:
    """An office title of ``titles.tsv`` starts at token i: "Bộ trưởng ...", "Bí thư ..."."""
    return bool(load_lexicon("titles").longest(ctx.toks, i)[0])


def title_ends_at(ctx: Ctx, i: int) -> bool:
    """An office title of ``titles.tsv`` ends right before token i: "Tổng thống" + "Syria ...",
    "Trưởng" + "Ban ..."."""
    titles = load_lexicon("titles")
    return any(titles.longest(ctx.toks, k)[0] == i - k for k in range(max(0, i - 4), i))


def ends_a_word(ctx: Ctx, i: int) -> bool:
    """The lower-case syllable at token i ends a common word with the word before it ("nông
    thôn", "Hội trường", "chính quyền"): it opens no prefix, head or title there."""
    toks = ctx.toks
    if i == 0 or toks[i].is_cap or not toks[i].gap or not ctx.adjacent(i):
        return False
    prev = toks[i - 1]
    return (prev.is_alpha and prev.fold not in FUNCTION_WORDS
            and f"{prev.fold} {toks[i].fold}" in vietnamese_words())


def cue_before(text: str, start: int) -> str | None:
    """The kind (``place``, ``thing``) of the ``model_cues`` entry written right before
    ``start`` (one to three words, the longest first), else None."""
    cues = load_lexicon("model_cues")
    words = text[max(0, start - 40) : start].split()
    if not words or text[start - 1 : start] not in (" ", "\u00a0"):
        return None
    for n in range(min(cues.maxlen, len(words)), 0, -1):
        row = cues.get(" ".join(words[-n:]))
        if row is not None:
            return row["cue"]
    return None
