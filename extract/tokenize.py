"""Underthesea word segmentation, aligned to the stored text, as spaCy ``Doc``s.

underthesea's words are not substrings of the text: a multi-syllable word comes
back with its syllables joined by one space whatever separated them, and a few
characters are rewritten.  So the words are aligned syllable by syllable against
the text and every token is a slice ``text[start:end]``; whitespace that spaCy's
one-space ``spaces`` flag cannot carry becomes a whitespace token, exactly as
spaCy's own tokenizer does.  The invariant is ``doc.text == text``.
"""
from __future__ import annotations

import regex
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extract.normalise import fold_text

_SPACE = regex.compile(r"\s+")
_NON_SPACE = regex.compile(r"\S+")
_SENTENCE_END = frozenset({".", "!", "?", "…", "..."})


# Two costs of underthesea grow faster than the text, so long texts are given to
# it in bounded pieces (the words are aligned to the unchanged text afterwards,
# so offsets and ``doc.text`` are not affected):
# - its regex tokenizer backtracks over a whole run of non-space characters at
#   every token in it (its URL and hyphenated-word patterns): a run of n
#   characters such as "12-12-12-..." costs O(n²) (64,000 characters took 29 s).
#   The longest run in 10,000 press articles is 202 characters; a longer run is
#   given to it with a space every LONG_RUN characters.
# - its CRF holds the features of the whole text at once, about 4.5 kB a token:
#   400,000 characters of one-character tokens peaked at 2 GB.  A text longer
#   than SEGMENT_CHARS (the longest of those articles has 23,418) is segmented
#   SEGMENT_CHARS at a time, cut after a line break where there is one.
LONG_RUN = 256
SEGMENT_CHARS = 50_000
_LONG_RUN = regex.compile(rf"\S{{{LONG_RUN}}}(?=\S)")


def _pieces(text: str) -> list[str]:
    """``text`` in consecutive pieces of at most SEGMENT_CHARS, cut after a line
    break, else after a space, else anywhere."""
    pieces = []
    start = 0
    while len(text) - start > SEGMENT_CHARS:
        limit = start + SEGMENT_CHARS
        cut = text.rfind("\n", start + 1, limit) + 1 or text.rfind(" ", start + 1, limit) + 1 or limit
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def segment_words(text: str) -> list[str]:
    """underthesea's word segmentation, characters left as they are where it can."""
    from underthesea import word_tokenize  # imported lazily: loading it costs ~1 s

    words: list[str] = []
    for piece in _pieces(text):
        words.extend(word_tokenize(_LONG_RUN.sub(r"\g<0> ", piece), use_token_normalize=False))
    return words


def _same(a: str, b: str) -> bool:
    return a == b or fold_text(a) == fold_text(b)


def align_words(words: list[str], text: str) -> list[tuple[int, int]]:
    """Character spans of ``words`` in ``text``; the spans cover every non-space character.

    A syllable that cannot be found where expected (the segmenter rewrote it)
    is taken as the same number of characters when they fold alike, else the
    text up to the next space; text the segmenter dropped becomes its own token.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    pos = 0

    def skip_space(p: int) -> int:
        m = _SPACE.match(text, p)
        return m.end() if m else p

    for word in words:
        word_start = None
        word_end = pos
        for syllable in word.split():
            pos = skip_space(pos)
            if pos >= n:
                break
            end = pos + len(syllable)
            if not _same(text[pos:end], syllable):
                found = text.find(syllable, pos, pos + 200)
                if found > pos and not text[pos:found].isspace():
                    # the segmenter dropped text: keep it as tokens of its own
                    if word_start is not None:
                        spans.append((word_start, word_end))
                        word_start = None
                    for m in _NON_SPACE.finditer(text[pos:found]):
                        spans.append((pos + m.start(), pos + m.end()))
                    pos = found
                    end = pos + len(syllable)
                elif found < 0:
                    m = _NON_SPACE.match(text, pos)
                    end = m.end() if m else pos + 1
            if word_start is None:
                word_start = pos
            word_end = end
            pos = end
        if word_start is not None:
            spans.append((word_start, word_end))
    # anything left at the end that the segmenter did not return
    for m in _NON_SPACE.finditer(text[pos:]):
        spans.append((pos + m.start(), pos + m.end()))
    return spans


def doc_from_spans(vocab: Vocab, text: str, spans: list[tuple[int, int]]) -> Doc:
    """A Doc whose tokens are ``text[start:end]`` for each span, whitespace kept exactly."""
    words: list[str] = []
    spaces: list[bool] = []
    cursor = 0

    def add_gap(gap: str) -> None:
        if not gap:
            return
        if words and not spaces[-1] and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)

    for start, end in spans:
        add_gap(text[cursor:start])
        words.append(text[start:end])
        spaces.append(False)
        cursor = end
    add_gap(text[cursor:])
    return Doc(vocab, words=words, spaces=spaces, sent_starts=_sentence_starts(words))


def _sentence_starts(words: list[str]) -> list[bool]:
    """A sentence starts after a line break, or after . ! ? … before a capital letter."""
    starts = []
    previous = ""
    for word in words:
        if not starts:
            starts.append(True)
        elif word.isspace():
            starts.append(False)
        elif previous.isspace():
            starts.append("\n" in previous)
        else:
            starts.append(previous in _SENTENCE_END and (word[:1].isupper() or word.isspace()))
        previous = word
    return starts


class UndertheseaTokenizer:
    """spaCy tokenizer: ``nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)``."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return doc_from_spans(self.vocab, text, align_words(segment_words(text), text))

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "UndertheseaTokenizer":
        return self
