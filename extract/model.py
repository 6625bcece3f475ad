"""The trained NER model (PERSON, ORG, LOC) and how its spans join the rules' spans.

The model is a spaCy ``tagger`` over entity tags (``B-ORG``, ``I-ORG``,
``O`` ... one per underthesea word) trained by ``extract.train`` (``make
model``) and committed under ``models/vnextract-ner-<version>/``: a tagger
costs its tok2vec and one softmax per word, where spaCy's ``ner`` adds a
transition system that cost about 9 µs per word more.  It runs on the same
``Doc`` as the rules (underthesea words from ``extract.tokenize``), after them;
``vnextract_model_mentions`` reads its tags into ``doc.ents`` (an ``I-`` tag
after ``O`` or another label opens an entity, as conlleval does) and joins
those entities to the article's mentions.  The combination rule (chosen by measuring variants, see
the README section "The model"):

* **The rules own RANK, POSITION, DOC, DATE, PERCENT and every span they
  find.**  A rule span is never moved or dropped, with one exception below.
* **The model adds LOC and PERSON spans** (and named ORGs, below) where they do not conflict with any
  rule span.  Two spans conflict when they overlap and are not a nesting the
  guideline allows (inner in outer: LOC in ORG, LOC or ORG in POSITION, LOC or
  ORG in DOC).  So a model span that crosses a rule span's boundary, overlaps
  a rule span of its own label, has the same boundaries as a rule span of
  another label, holds a rule span it may not hold (a LOC around an ORG) or
  sits inside one it may not sit in (a PERSON inside a LOC: ``TP Hồ Chí
  Minh``) is left out.
* **ORG: the model extends the rules' names and adds named bodies.**  A model ORG that strictly
  contains one or more rule ORGs (and conflicts with nothing else) replaces
  them: ``[Công ty cổ phần nghe nhìn Toàn Cầu AVG]`` for the rules'
  ``Công ty cổ phần nghe`` + ``AVG``, when it ends where one of them ends or
  on a capitalised word or a number, and, inside a rule POSITION, starts
  where one of them starts (the rules own the cut between a title and its
  body: ``Phó Bí thư Thường trực [Tỉnh uỷ]``).  A model ORG where the rules
  found no ORG is added only when it reads as a proper name (``named_org``:
  two capitalised syllables or more, ending on one: ``Hội đồng Anh``);
  measured, the others were mostly generic bodies (``Đoàn kiểm tra``), and
  with this test the addition gains ORG on every file the model never read.
* **PERSON: the model may mend a rule name** it overlaps: when it starts where
  the rule name starts and goes on (``[Phạm Minh] Chính``: the rules stopped
  at a word that also opens a body's name) or drops an abbreviated honorific
  the rules took in (``GS [Hoàng Minh Thảo]``); never by a shorter name inside
  it (``Mai [Hồng Quế]``).
* **A model span must look like a name** (``name_shape_ok``): it starts with a
  capital or a digit and ends with a letter or a digit, does not start with an
  office title or rank (``Tướng Căn``: those are POSITION and RANK, the
  rules' own), a LOC has two syllables or more, each capitalised, is not an
  acronym and not a Vietnamese full name (one-syllable places and abbreviations are the
  lexicon's, with its own ambiguity checks: ``Anh``, ``Nga``), an ORG right
  after a plural or a number is generic (``hai Bộ Quốc phòng``), a PERSON
  or LOC right after a street word or a house number names a street or a
  bridge (``số 5 Trần Thánh Tông``, ``cầu Việt Trì``), and a PERSON is a
  Vietnamese full name: two or more capitalised syllables, no acronym or
  digit, starting with a known surname (foreign-spelled names are the
  rules', ``person.foreign_runs``), and nothing the rules refuse as a name
  (a cycle year, two compass points, a credit or English word, a route stop).
* **What is written right before a span vets it** (``model_cues.tsv``, data):
  a model LOC is added only after a place word (``khu [Bờ Tây]``, ``biển [Hoa
  Đông]``) or a site named after its place (``căn cứ [Long Bình]``): on 300 unseen bench articles about three in four model LOCs
  without one were given names or teams (``Khánh Ngân``, ``West Ham``); a model
  PERSON is not added after a word for a vehicle, product, paper, project,
  team, award or site (``ôtô Range Rover``, ``tờ Evening Standard``).

The model folder is ``models/vnextract-ner-<version>/`` beside the package, or
the folder named by the environment variable ``VNEXTRACT_MODEL``.
"""
from __future__ import annotations

import os
from bisect import bisect_left
from functools import cache
from pathlib import Path

import numpy
import regex
from spacy.attrs import SENT_START, TAG
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from extract import spans
from extract.extractors.context import PLURAL_BEFORE, cue_before
from extract.extractors.org import COUNT_NOUNS, is_national, seat_as_place
from extract.extractors.people_spans import shaped_like_a_name
from extract.extractors.person import CREDIT_WORDS, NOT_A_NAME_ALONE, ward_name_alone
from extract.lexicons import english_words, key_of, load_lexicon, surnames
from extract.normalise import fold_text
from extract.records import Mention

MODEL_NAME = "vnextract-ner"
MODEL_VERSION = "0.5.0"
MODEL_ENV = "VNEXTRACT_MODEL"
MODEL_LABELS = ("PERSON", "ORG", "LOC")
NER_COMPONENT = "vnextract_ner"  # the model's component in the extraction pipeline
TAGGER = "entity_tagger"  # its name in the saved model
TAGGER_COMPONENT = "vnextract_tagger"  # the saved tagger in the pipeline, disabled: NER_COMPONENT runs it
# a long article is tagged piece by piece, whole sentences of at most this many words each:
# the tagger's memory grows with the words it sees at once (a 400,000-character line in one
# piece took 415 MB more than the rules alone); the tagger sees two words either side of
# a word, so a cut between sentences changes nothing but the words next to it
PIECE_WORDS = 1000
# tag hash -> (IOB prefix, label); "O" and anything else is outside an entity
_TAG_KINDS = {hash_string(f"{iob}-{label}"): (iob, label) for label in MODEL_LABELS for iob in "BI"}
_OUTSIDE = hash_string("O")
SOURCE = "model"  # Mention.attrs["source"] of a span the model added

ADDS = frozenset({"PERSON", "LOC", "ORG"})  # labels the model may add where the rules found nothing (ORG: named_org)
EXTENDS = frozenset({"ORG"})  # labels whose rule spans a longer model span may replace

# (inner label, outer label) pairs that may nest (ANNOTATION.md: different labels nest)
ALLOWED_NESTING = frozenset(
    {("LOC", "ORG"), ("LOC", "POSITION"), ("ORG", "POSITION"), ("LOC", "DOC"), ("ORG", "DOC")}
)

_BARE_WORD_TITLES = ("tướng",)  # "Tướng Căn": the bare word is no rank (ANNOTATION.md) but a title
# a name right after these words (or after a house number) names a street or a bridge: no PERSON, no LOC
_STREET_BEFORE = frozenset({"đường", "phố", "cầu", "ngõ", "hẻm", "số"})


class ModelNotFoundError(FileNotFoundError):
    """The model folder is missing or is not a spaCy pipeline."""


# --------------------------------------------------------------------------- loading


def models_dir() -> Path:
    """``models/`` of the repository the ``extract`` package lives in."""
    return Path(__file__).resolve().parents[1] / "models"


def default_model_path() -> Path:
    """``$VNEXTRACT_MODEL`` when set, else ``models/vnextract-ner-<version>``."""
    override = os.environ.get(MODEL_ENV)
    return Path(override) if override else models_dir() / f"{MODEL_NAME}-{MODEL_VERSION}"


def check_model_path(path: Path) -> Path:
    if not (path / "config.cfg").is_file() or not (path / TAGGER).is_dir():
        raise ModelNotFoundError(
            f"no NER model at {path}: build it with `make model` (needs ../shared/corpus), "
            f"point {MODEL_ENV} at a model folder, or run with --no-model (rules alone)"
        )
    return path


def load_model(path: Path | None = None) -> Language:
    """The saved model pipeline at ``path`` (default ``default_model_path()``), loaded once per process."""
    return _load(check_model_path(Path(path) if path else default_model_path()).resolve())


@cache
def _load(path: Path) -> Language:
    import spacy

    return spacy.load(path)


def piece_bounds(doc: Doc, most: int = PIECE_WORDS) -> list[tuple[int, int]]:
    """``doc`` cut into ``(start, end)`` word ranges of at most ``most`` words, between
    sentences where one ends within reach, else after ``most`` words."""
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(doc):
        end = min(start + most, len(doc))
        if end < len(doc):
            i = bisect_left(starts, end + 1) - 1  # the last sentence start <= end
            if i >= 0 and starts[i] > start:
                end = starts[i]
        bounds.append((start, end))
        start = end
    return bounds


class TagInPieces:
    """Run the saved tagger (the disabled component ``tagger_name``) on a doc, piece by piece
    when it is longer than ``piece_words`` (see ``PIECE_WORDS``)."""

    def __init__(self, nlp: Language, tagger_name: str, piece_words: int) -> None:
        self.nlp = nlp
        self.tagger_name = tagger_name
        self.piece_words = piece_words

    def __call__(self, doc: Doc) -> Doc:
        tagger = self.nlp.get_pipe(self.tagger_name)
        if len(doc) <= self.piece_words:
            return tagger(doc)
        bounds = piece_bounds(doc, self.piece_words)
        tags = numpy.zeros((len(doc), 1), dtype="uint64")
        pieces = (doc[start:end].as_doc() for start, end in bounds)
        for (start, end), piece in zip(bounds, tagger.pipe(pieces, batch_size=1)):
            tags[start:end, 0] = piece.to_array(TAG)
        doc.from_array([TAG], tags)
        return doc


@Language.factory(
    "vnextract_tag_in_pieces",
    assigns=["token.tag"],
    default_config={"tagger_name": TAGGER_COMPONENT, "piece_words": PIECE_WORDS},
)
def make_tag_in_pieces(nlp: Language, name: str, tagger_name: str, piece_words: int) -> TagInPieces:
    return TagInPieces(nlp, tagger_name, piece_words)


# --------------------------------------------------------------------------- name shapes


def is_acronym(word: str) -> bool:
    """Two or more capitals and no lower-case letter (``BBC``, ``HĐND``, ``CV-BCĐ``)."""
    return sum(c.isupper() for c in word) >= 2 and not any(c.islower() for c in word)


def _starts_with_surname(text: str) -> bool:
    return fold_text(text.split()[0]) in surnames()


def is_full_name(text: str) -> bool:
    """ANNOTATION.md's PERSON, as the model may add it: a Vietnamese family and given name,
    starting with a known surname. Foreign-spelled names are the rules' (``person.foreign_runs``);
    the model's were half brands, clubs, ships and projects (``The Diamond Park``)."""
    syllables = text.split()
    if len(syllables) < 2 or not all(s[:1].isupper() and s.isalpha() and not is_acronym(s) for s in syllables):
        return False
    return _starts_with_surname(text)


@cache
def _title_keys() -> tuple[frozenset, int]:
    keys = set(load_lexicon("titles").entries) | set(load_lexicon("ranks").entries)
    keys |= {key_of(w) for w in _BARE_WORD_TITLES}
    return frozenset(keys), max(len(k.split()) for k in keys)


def starts_with_title(text: str) -> bool:
    keys, longest = _title_keys()
    syllables = key_of(text).split()
    return any(" ".join(syllables[:n]) in keys for n in range(1, min(longest, len(syllables)) + 1))


def _word_before(text: str, start: int) -> str:
    before = text[max(0, start - 20) : start].split()
    return fold_text(before[-1]) if before else ""


def _after_plural(text: str, start: int) -> bool:
    return _word_before(text, start) in PLURAL_BEFORE


# a later item of a list of streets: "các tuyến đường Mai Chí Thọ, Đồng Văn Cống, [Nguyễn Thị Định]"
_STREET_LIST_BEFORE = regex.compile(
    r"(?:đường|phố)\s+(?:như\s+)?(?:\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3}\s*[,–-]\s*)+$")


def _after_street_word(text: str, start: int) -> bool:
    word = _word_before(text, start)
    return word in _STREET_BEFORE or word[:1].isdigit() or bool(_STREET_LIST_BEFORE.search(text[max(0, start - 120):start]))


_DASHED = (" - ", " – ")


def _vetoed_by_the_rules(mention: Mention, text: str) -> bool:
    """What the rules refuse as a name, the model may not add back: a cycle year or two
    compass points (Đinh Dậu, Đông Nam), a credit word or a common English word inside
    (Internet Ảnh, Under Armour, Old City), a name between two spaced dashes (a stop on a
    route of streets), Hồ Chí Minh (the man only after the words the rules know: tư tưởng
    Hồ Chí Minh, not phong cách Hồ Chí Minh)."""
    words = [fold_text(w) for w in mention.text.split()]
    if key_of(mention.text) in NOT_A_NAME_ALONE:
        return True
    if ward_name_alone(mention.text, text[mention.end:mention.end + 8]):
        return True  # two syllables naming a ward, as the rules judge them (person.surname_runs)
    if shaped_like_a_name(words) or any(w in CREDIT_WORDS or w in english_words() for w in words):
        return True
    return text[max(0, mention.start - 3):mention.start] in _DASHED and text[mention.end:mention.end + 3] in _DASHED


def name_shape_ok(mention: Mention, text: str) -> bool:
    """A model span that may be a name of its label (see the module docstring)."""
    t = mention.text
    if not (t[:1].isupper() or t[:1].isdigit()) or not t[-1:].isalnum() or starts_with_title(t):
        return False
    if mention.label in ("PERSON", "LOC") and _after_street_word(text, mention.start):
        return False
    if mention.label == "PERSON":
        return (is_full_name(t) and cue_before(text, mention.start) not in ("thing", "site")
                and not _vetoed_by_the_rules(mention, text))
    if mention.label == "LOC" and cue_before(text, mention.start) not in ("place", "site"):
        return False
    if mention.label == "LOC":
        # one-syllable places (Nga, Anh, Pháp) and abbreviations are the lexicon's, with its
        # own ambiguity checks; a Vietnamese full name is a person, not a place
        syllables = t.split()
        return (
            len(syllables) >= 2
            and all(s[:1].isupper() or s[:1].isdigit() for s in syllables)
            and not is_acronym(t.replace(".", ""))
            and not (len(syllables) >= 3 and _starts_with_surname(t))
        )
    if mention.label == "ORG":
        # a body's name has balanced brackets ("TP) Rạch Giá" has not); after a site word the
        # name is the place's ("khu kinh tế [Chân Mây - Lăng Cô]")
        return (not _after_plural(text, mention.start) and not seat_as_place(key_of(t), _word_before(text, mention.start))
                and t.count("(") == t.count(")") and cue_before(text, mention.start) != "site")
    return True


# --------------------------------------------------------------------------- combination


def conflicts(a: Mention, b: Mention) -> bool:
    """True when the two spans overlap in a way the guideline does not allow."""
    if a.end <= b.start or b.end <= a.start:
        return False
    if (a.start, a.end) == (b.start, b.end):
        return True
    if b.start <= a.start and a.end <= b.end:
        return (a.label, b.label) not in ALLOWED_NESTING
    if a.start <= b.start and b.end <= a.end:
        return (b.label, a.label) not in ALLOWED_NESTING
    return True  # crossing boundaries


def combine(text: str, rule_mentions: list[Mention], model_mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """``(rule mentions replaced, model mentions added)`` by the rule of the module docstring.

    ``model_mentions`` never overlap one another (they are ``doc.ents``).
    """
    ordered = sorted(rule_mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    longest = max((m.end - m.start for m in ordered), default=0)
    replaced: list[Mention] = []
    added: list[Mention] = []
    for m in model_mentions:
        if not name_shape_ok(m, text):
            continue
        # rule spans that may overlap m start in [m.start - longest, m.end)
        near = ordered[bisect_left(starts, m.start - longest) : bisect_left(starts, m.end)]
        overlapping = [r for r in near if r.start < m.end and m.start < r.end]
        same = [r for r in overlapping if r.label == m.label]
        if any(conflicts(m, r) for r in overlapping if r.label != m.label):
            continue
        if not same:
            if m.label in ADDS and (m.label != "ORG" or (named_org(m.text) and not _places_only(m, overlapping))):
                added.append(m)
        elif m.label in EXTENDS and _extends(m, same, overlapping, text):
            replaced.extend(same)
            added.append(m)
        elif m.label == "PERSON" and _completes_name(m, same):
            replaced.extend(same)
            added.append(m)
    return replaced, added


_PLACE_JOINERS = regex.compile(r"[\s\-–,]|\bvà\b")


def _places_only(m: Mention, overlapping: list[Mention]) -> bool:
    """The rules read every word of ``m`` as a place: a pair or list of places ("Việt Nam-Lào",
    "Chân Mây - Lăng Cô") is no body."""
    rest = list(m.text)
    for r in overlapping:
        if r.label == "LOC":
            for k in range(max(r.start, m.start), min(r.end, m.end)):
                rest[k - m.start] = " "
    return not _PLACE_JOINERS.sub("", "".join(rest))


def named_org(text: str) -> bool:
    """A model ORG the rules did not find is added only when it reads as a proper name: two
    syllables or more, two of them capitalised, the last one too (``Hội đồng Anh``,
    ``Diễn đàn Kinh tế Thế Giới``); not a capitalised head with a lower-case purpose (``Đoàn kiểm
    tra``, ``Hội đồng thẩm định``), which the press uses for generic bodies as often as for
    named ones.  Measured: dropping the last-syllable test gained on held-out 9 and the
    measuring split but lost on held-out 11."""
    words = text.split()
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 2 and words[-1][:1].isupper()


def _completes_name(m: Mention, rule_persons: list[Mention]) -> bool:
    """The model's full name ``m`` (already shape-checked) mends the one rule PERSON it
    overlaps: it starts where the rule name starts and goes on (``[Phạm Minh] Chính``, where
    the rules stopped at a word that also opens a body's name), or it ends where the rule
    name ends and leaves out an abbreviated honorific the rules took in (``GS [Hoàng Minh
    Thảo]``).  A model name inside a longer rule name is not taken (``Mai [Hồng Quế]``)."""
    if len(rule_persons) != 1:
        return False
    r = rule_persons[0]
    if r.start == m.start:
        return m.end > r.end
    if r.end == m.end and r.start < m.start:
        return all(is_acronym(w.rstrip(".")) for w in r.text[: m.start - r.start].split())
    return False


_SENTENCE_BREAK = regex.compile(r"\.\s")


def _extends(m: Mention, rule_spans: list[Mention], overlapping: list[Mention], text: str) -> bool:
    """``m`` strictly holds every one of ``rule_spans`` (same label); it ends where one of them
    ends or on a capitalised word or a number (a name does not end in a trailing verb: ``UBND
    thành phố H bắt cóc``); inside a rule POSITION it starts where one of them starts (there
    the rules own the cut between title and body: ``Phó Bí thư Thường trực [Tỉnh uỷ]``); a
    national body is never extended by a place after it (``Đại biểu [Quốc hội] tỉnh Phú Thọ``:
    the province belongs to the delegation, as ``extractors.org`` decides); it does not run on
    past the end of a sentence (``[Công an TP.HCM]. Ảnh``; an initial's period is no end:
    ``Bộ Q. P``); a number it ends on is no count (``[Văn phòng UBND tỉnh] 1 chiếc``)."""
    if any(is_national(r.text) for r in rule_spans) and m.start == min(r.start for r in rule_spans):
        return False
    if not all(m.start <= r.start and r.end <= m.end and (r.start, r.end) != (m.start, m.end) for r in rule_spans):
        return False
    in_position = any(p.label == "POSITION" and p.start <= m.start and m.end <= p.end for p in overlapping)
    if in_position and all(r.start != m.start for r in rule_spans):
        return False
    if any(r.end == m.end for r in rule_spans):
        return True
    cut = max(r.end for r in rule_spans) - m.start
    if _SENTENCE_BREAK.match(m.text, cut) and len(m.text[:cut].split()[-1]) > 1:
        return False  # the rule name ended a sentence: [Công an TP.HCM]. Ảnh: ... (not an initial's dot)
    last = m.text.split()[-1]
    if last[:1].isdigit():
        after = regex.match(r"\s+(\w+)", text[m.end:m.end + 16])
        return not (after and fold_text(after.group(1)) in COUNT_NOUNS)  # "Văn phòng UBND tỉnh" + "1 chiếc": a count
    return last[:1].isupper()


def tag_entities(doc: Doc) -> list[Span]:
    """The entities spelled by the model's tags (``token.tag_``) in ``doc``."""
    tags = doc.to_array(TAG)
    found: list[list] = []
    current = None
    for i in numpy.flatnonzero(tags != _OUTSIDE).tolist():
        kind = _TAG_KINDS.get(int(tags[i]))
        if kind is None:
            current = None
        elif kind[0] == "I" and current is not None and current[2] == kind[1] and current[1] == i:
            current[1] = i + 1
        else:
            current = [i, i + 1, kind[1]]
            found.append(current)
    return [Span(doc, start, end, label=label) for start, end, label in found]


def doc_model_mentions(doc: Doc) -> list[Mention]:
    """The model's entities in ``doc`` as mentions (``attrs["source"] == "model"``)."""
    return [
        Mention(e.start_char, e.end_char, e.label_, e.text, {"source": SOURCE})
        for e in doc.ents
        if e.label_ in MODEL_LABELS
    ]


@Language.component("vnextract_model_mentions", assigns=["doc.ents", "doc.spans"], requires=["token.tag"])
def model_mentions_component(doc: Doc) -> Doc:
    """The model's tags as ``doc.ents``, joined to the rules' mentions (``combine``)."""
    from extract.nlp import doc_text

    doc.ents = tag_entities(doc)
    replaced, added = combine(doc_text(doc), spans.doc_mentions(doc), doc_model_mentions(doc))
    if replaced:
        gone = {(m.start, m.end, m.label) for m in replaced}
        doc.user_data[spans.MENTIONS] = [m for m in spans.doc_mentions(doc) if (m.start, m.end, m.label) not in gone]
        if spans.SPANS_KEY in doc.spans:
            doc.spans[spans.SPANS_KEY] = [
                s for s in doc.spans[spans.SPANS_KEY] if (s.start_char, s.end_char, s.label_) not in gone
            ]
    spans.add_mentions(doc, added)
    return doc
