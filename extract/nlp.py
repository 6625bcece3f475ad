"""The only place the spaCy pipeline is assembled.

``build_nlp()`` returns a blank Vietnamese ``Language`` whose tokenizer is
underthesea (aligned to the text) followed by the extractor components, in
this order: chrome (where the article body ends), people (PERSON, RANK,
POSITION, ORG, LOC), documents (DOC), dates (DATE), percents (PERCENT).  Each
component calls its extractor's pure finder on the text (``doc_text``) and adds the
mentions through ``extract.spans.add_mentions``.  With ``use_model`` (the
default) the trained model follows (``vnextract_ner``, which runs the entity
tagger sourced from the saved model, a long article piece by piece, see
``extract.model``) and ``vnextract_model_mentions`` reads its tags into
``doc.ents`` and joins them to the rules' mentions.
"""
from __future__ import annotations

from pathlib import Path

from spacy import attrs
from spacy.language import Language
from spacy.tokens import Doc

from extract import chrome, spans
from extract.tokenize import UndertheseaTokenizer

COMPONENTS = (
    "vnextract_chrome",
    "vnextract_people",
    "vnextract_documents",
    "vnextract_dates",
    "vnextract_percents",
)


TEXT = "vnextract_text"
# the lexical attributes a new word gets: the model's features (NORM, PREFIX, SUFFIX,
# SHAPE, from LOWER) and IS_SPACE.  The rules read the text, not spaCy's lexical flags;
# every article's new words are created again in its memory zone, and spaCy's other
# getters (like_url, like_num, is_stop ...) doubled that cost (3 us per word).
LEXICAL_ATTRIBUTES = frozenset({attrs.LOWER, attrs.NORM, attrs.PREFIX, attrs.SUFFIX, attrs.SHAPE, attrs.IS_SPACE})


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per ``Doc`` and kept in ``doc.user_data`` (spaCy joins the
    tokens again on every ``doc.text``: eleven times per article cost 15 % of the run)."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


@Language.component("vnextract_chrome", assigns=["doc.user_data"])
def chrome_component(doc: Doc) -> Doc:
    doc.user_data[spans.BODY_END] = chrome.body_end(doc_text(doc))
    return doc


@Language.component("vnextract_people", assigns=["doc.spans"])
def people_component(doc: Doc) -> Doc:
    from extract.extractors.people_spans import find_people_spans

    spans.add_mentions(doc, find_people_spans(doc_text(doc)))
    return doc


@Language.component("vnextract_documents", assigns=["doc.spans"])
def documents_component(doc: Doc) -> Doc:
    from extract.extractors.document import find_documents

    spans.add_mentions(doc, find_documents(doc_text(doc)))
    return doc


@Language.component("vnextract_dates", assigns=["doc.spans"])
def dates_component(doc: Doc) -> Doc:
    from extract.extractors.date import find_dates

    spans.add_mentions(doc, find_dates(doc_text(doc), year=doc.user_data.get(spans.YEAR)))
    return doc


@Language.component("vnextract_percents", assigns=["doc.spans"])
def percents_component(doc: Doc) -> Doc:
    from extract.extractors.percent import find_percents

    spans.add_mentions(doc, find_percents(doc_text(doc)))
    return doc


def build_nlp(use_model: bool = True, model_path: Path | None = None) -> Language:
    """Blank Vietnamese pipeline: underthesea tokenizer + the rule components, then
    (``use_model``) the NER model from ``model_path`` (default
    ``extract.model.default_model_path()``) and the component that combines them.
    Raises ``extract.model.ModelNotFoundError`` when the model folder is missing."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.vocab.lex_attr_getters = {
        attr: getter for attr, getter in nlp.vocab.lex_attr_getters.items() if attr in LEXICAL_ATTRIBUTES
    }
    nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    if use_model:
        from extract import model

        trained = model.load_model(model_path)
        nlp.add_pipe(model.TAGGER, name=model.TAGGER_COMPONENT, source=trained)
        nlp.disable_pipe(model.TAGGER_COMPONENT)  # run by the next one, piece by piece
        nlp.add_pipe("vnextract_tag_in_pieces", name=model.NER_COMPONENT)
        nlp.add_pipe("vnextract_model_mentions")
        keep_known_words(nlp)
    return nlp


def keep_known_words(nlp: Language) -> int:
    """Create a lexeme, outside any memory zone, for every string of the vocabulary (the
    sourced model brings the words it was trained on: about 89,000); the count created.

    ``Pipeline.extract`` runs each article in a memory zone, where a word the vocabulary
    has no lexeme for is built again for every article that uses it, then freed.  Built
    once here, the common words are shared by all articles: on 200 bench articles the
    pipeline took 8.6 s instead of 10.0 s, for 0.8 s at load and about 30 MB.
    """
    vocab = nlp.vocab
    before = len(vocab)
    for string in list(vocab.strings):
        vocab[string]
    return len(vocab) - before
