"""Lexicons for the rule-based extractors, loaded once from ``extract/data/lexicons``.

Every lexicon entry is tokenised with the same syllable tokenizer as the article
text (``tokenize``) and keyed by the folded syllables joined with one space, so a
lookup is a dict probe per n-gram: no per-entry scan of the text.  Folding uses
``normalise.fold_text`` (lower case, canonical tone placement), so ``Uỷ ban`` and
``Ủy ban`` are the same key, and ``TP. HCM`` and ``TP.HCM`` give the same tokens.

>>> lex = load_lexicon("ranks")
>>> toks = tokenize("Thiếu tướng Hồ Văn Thái")
>>> lex.longest(toks, 0)[0]
2
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from typing import NamedTuple
from pathlib import Path

import regex

from extract.normalise import fold_text

DATA_DIR = Path(__file__).parent / "data" / "lexicons"

# a token is a run of letters/digits (one syllable, a number, an abbreviation) or one
# other non-space character; "T.Ư" (Trung ương) is one abbreviation, like "TƯ"
_TOKEN = regex.compile(r"T\.Ư(?![\p{L}\p{M}\p{N}])|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    fold: str
    nl: bool  # a line break between the previous token and this one
    gap: bool  # any whitespace between the previous token and this one
    is_word: bool  # letters or digits
    is_alpha: bool  # starts with a letter
    is_cap: bool  # starts with an upper-case letter
    is_upper: bool  # all upper case (``HĐND``, ``QUỐC``)
    is_num: bool  # starts with a digit


def tokenize(text: str, folded: str | None = None) -> list[Token]:
    """Syllable tokens with offsets into ``text`` (``folded`` = ``fold_text(text)``)."""
    if folded is None:
        folded = fold_text(text)
    out: list[Token] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        between = text[prev_end:s]
        w = m.group()
        c = w[0]
        out.append(Token(s, e, w, folded[s:e], "\n" in between, bool(between), c.isalnum(),
                         c.isalpha(), c.isupper(), w.isupper(), c.isdigit()))
        prev_end = e
    return out


@functools.lru_cache(maxsize=65536)
def key_of(phrase: str) -> str:
    return " ".join(t.fold for t in tokenize(phrase))


@dataclass
class Lexicon:
    """Phrases keyed by folded syllables; ``longest`` finds the longest entry at a token."""

    name: str
    entries: dict[str, dict] = field(default_factory=dict)
    maxlen: int = 0
    firsts: set = field(default_factory=set)

    def add(self, phrase: str, row: dict) -> None:
        toks = tokenize(phrase)
        if not toks:
            return
        k = " ".join(t.fold for t in toks)
        row = dict(row)
        row["_phrase"] = phrase
        row["_tokens"] = [t.text for t in toks]
        kept = self.entries.setdefault(k, row)
        # every spelling of one key, the first row kept ("Châu Âu" and "châu Âu")
        kept.setdefault("_variants", [kept["_tokens"]])
        if kept is not row:
            kept["_variants"].append(row["_tokens"])
        self.maxlen = max(self.maxlen, len(toks))
        self.firsts.add(toks[0].fold)

    def __contains__(self, phrase: str) -> bool:
        return key_of(phrase) in self.entries

    def get(self, phrase: str) -> dict | None:
        return self.entries.get(key_of(phrase))

    def longest(self, toks: list[Token], i: int, check=None, maxlen: int | None = None):
        """(n, row) of the longest entry starting at token i, or (0, None).

        ``check(row, toks, i, n)`` may reject a candidate (e.g. a case rule).
        Matches never cross a line break.
        """
        if i >= len(toks) or toks[i].fold not in self.firsts:
            return 0, None
        limit = min(self.maxlen if maxlen is None else maxlen, len(toks) - i)
        parts = [toks[i].fold]
        best = (0, None)
        for n in range(1, limit + 1):
            if n > 1:
                t = toks[i + n - 1]
                if t.nl:
                    break
                # "TP.HCM" and "TP. HCM" share tokens; a multi-word entry must not
                # glue words that the text separates by nothing at all, and vice versa
                parts.append(t.fold)
            row = self.entries.get(" ".join(parts))
            if row is not None and (check is None or check(row, toks, i, n)):
                best = (n, row)
        return best


def lexicon_rows(name: str):
    """The rows of ``data/lexicons/<name>.tsv`` as dicts (comment lines starting with ``#`` skipped)."""
    path = DATA_DIR / f"{name}.tsv"
    with path.open(encoding="utf-8") as f:
        lines = [l for l in f if l.strip() and not l.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    yield from reader


@functools.cache
def load_lexicon(name: str, column: str | None = None) -> Lexicon:
    """The lexicon ``data/lexicons/<name>.tsv`` keyed by its first column (or ``column``)."""
    lex = Lexicon(name)
    for row in lexicon_rows(name):
        col = column or next(iter(row))
        phrase = (row.get(col) or "").strip()
        if phrase:
            lex.add(phrase, row)
    return lex


@functools.cache
def surnames() -> frozenset:
    return frozenset(fold_text(r["surname"].strip()) for r in lexicon_rows("surnames"))


@functools.cache
def english_words() -> frozenset:
    """Lower-case common English words of brand, project and place names (``english_words.tsv``)."""
    return frozenset(r["word"].strip().lower() for r in lexicon_rows("english_words"))


@functools.cache
def vietnamese_words() -> frozenset:
    """Folded multi-syllable words (``"cảnh giác"``) of underthesea's word-segmentation
    dictionary, read from the installed package (no download): 63,330 of its 72,547 entries."""
    import pickle
    from importlib.resources import files

    path = files("underthesea") / "pipeline" / "word_tokenize" / "models" / "ws_crf_vlsp2013_20230727" / "dictionary.bin"
    with path.open("rb") as f:
        words = pickle.load(f)
    return frozenset(fold_text(w) for w in words if " " in w)


@functools.cache
def verbs_after_names() -> frozenset:
    """Folded two-syllable verbs (``"cho biet"``) that end a body's or an office's name."""
    return frozenset(key_of(r["verb"]) for r in lexicon_rows("verbs_after_names"))


@functools.cache
def domains_by_head(name: str = "domains", column: str = "domain") -> dict[str, Lexicon]:
    """Name parts that may follow an organisation head: head fold -> Lexicon, from the
    ``column`` of ``data/lexicons/<name>.tsv`` and its ``heads``; ``("purposes", "purpose")``:
    what a commission, team or fund does, written in lower case after its head (``Đoàn`` +
    ``kiểm tra``, ``Quỹ`` + ``hỗ trợ``)."""
    out: dict[str, Lexicon] = {}
    for row in lexicon_rows(name):
        for head in row["heads"].split("|"):
            k = key_of(head)
            out.setdefault(k, Lexicon(f"{name}:" + head)).add(row[column].strip(), row)
    return out
