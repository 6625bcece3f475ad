"""RANK: military, police and border-guard ranks (``data/lexicons/ranks.tsv``).

Every specific rank word is a RANK, title case or not (``thăng quân hàm [Đại tướng]``);
the bare word ``tướng`` is not.  ``hạ sĩ quan`` (NCO, a category) is not a rank.
"""
from __future__ import annotations

from extract.extractors.context import Ctx
from extract.lexicons import load_lexicon, surnames
from extract.normalise import fold_text

_NOT_AFTER = {fold_text("quan")}  # hạ sĩ quan, sĩ quan


def find_ranks(ctx: Ctx) -> list[tuple[int, int]]:
    lex = load_lexicon("ranks")
    toks = ctx.toks
    out = []
    i = 0
    while i < len(toks):
        n, _ = lex.longest(toks, i)
        if n and _in_name(ctx, i, n):
            i += n
            continue
        if n and not (i + n < len(toks) and toks[i + n].fold in _NOT_AFTER and ctx.adjacent(i + n)):
            # "Thượng sĩ" inside "Thượng sĩ nhất" is covered by the lexicon (longest wins)
            out.append((i, i + n))
            i += n
            continue
        i += 1
    return out


def _in_name(ctx: Ctx, i: int, n: int) -> bool:
    """``Đỗ Trung Tá``: rank syllables all capitalised right after a family name are a given name."""
    toks = ctx.toks
    if i == 0 or not all(toks[i + k].is_cap for k in range(n)):
        return False
    prev = toks[i - 1]
    return prev.is_cap and prev.is_alpha and prev.fold in surnames() and ctx.adjacent(i) and toks[i].gap
