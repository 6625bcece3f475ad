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


def segment_words(text: str) -> list[str]:
    """underthesea's word segmentation, characters left as they are where it can."""
    from underthesea import word_tokenize  # imported lazily: loading it costs ~1 s

    return word_tokenize(text, use_token_normalize=False)


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
