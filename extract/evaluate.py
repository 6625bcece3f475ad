"""Score predictions against a gold file, exactly as ANNOTATION.md "Scoring" says.

>>> gold = load_gold("corpus/annotated/seeds.jsonl")
>>> print(format_report(score(gold, predict(gold))))          # doctest: +SKIP
>>> print(format_report(evaluate("dev.jsonl", baseline="underthesea")))  # doctest: +SKIP

Conventions shared by every score:

* Articles are matched by ``id``.  A gold article with no prediction counts
  every gold span and record as a false negative; a predicted article whose id
  is not in the gold file is ignored (the gold file is the universe scored).
* Spans and record tuples are compared as sets per article, so a predicted
  duplicate counts once (percents are the exception: a multiset, see below).
* Precision, recall and F1 are 0.0 when undefined (no prediction, no gold),
  and are rounded to 4 decimals; ``tp``/``fp``/``fn`` are exact counts summed
  over articles.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import regex

from extract.records import LABELS

DOC_ATTRIBUTES = ("type", "date", "issuer")
DECIMALS = 4


# --------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> list[dict]:
    """Read a gold JSON Lines file: one article per line, as ANNOTATION.md's "Gold file format".

    A line's ``text_file`` is resolved relative to the gold file's folder and
    replaced by ``text`` (NFC of the file's content, read byte-exact: no newline
    translation).  Inline texts are NFC-normalised too.  Blank lines are skipped.
    Raises ``ValueError`` naming the file and line for malformed JSON, a missing
    or unreadable text, a bad span (outside the text, empty, unknown label) or a
    bad record, and for a duplicate ``id``.
    """
    path = Path(path)
    articles: list[dict] = []
    seen: dict[str, int] = {}
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, 1):
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8").strip()
            except UnicodeDecodeError as exc:
                raise ValueError(f"{where}: not UTF-8: {exc}") from None
            if not line:
                continue
            article = _parse_article(line, path.parent, where)
            if article["id"] in seen:
                raise ValueError(f"{where}: duplicate id {article['id']!r} (first on line {seen[article['id']]})")
            seen[article["id"]] = lineno
            articles.append(article)
    return articles


def _parse_article(line: str, folder: Path, where: str) -> dict:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where}: not valid JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    if not isinstance(obj.get("id"), str) or not obj["id"]:
        raise ValueError(f"{where}: missing or empty string 'id'")
    text = _article_text(obj, folder, where)
    article = {
        "id": obj["id"],
        "text": text,
        "spans": _check_spans(obj.get("spans", []), len(text), where),
        "people": _check_records(obj.get("people", []), "people", ("name",), where),
        "documents": _check_records(obj.get("documents", []), "documents", ("ref",), where),
        "percents": _check_records(obj.get("percents", []), "percents", ("value",), where),
    }
    if "text_file" in obj:
        article["text_file"] = obj["text_file"]
    return article


def _article_text(obj: dict, folder: Path, where: str) -> str:
    if isinstance(obj.get("text"), str):
        return unicodedata.normalize("NFC", obj["text"])
    if isinstance(obj.get("text_file"), str):
        file = folder / obj["text_file"]
        try:
            content = file.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{where}: cannot read text_file {str(file)!r}: {exc}") from None
        return unicodedata.normalize("NFC", content)
    raise ValueError(f"{where}: needs a string 'text' or 'text_file'")


def _check_spans(spans, length: int, where: str) -> list[dict]:
    if not isinstance(spans, list):
        raise ValueError(f"{where}: 'spans' must be a list")
    checked = []
    for i, span in enumerate(spans):
        if not isinstance(span, dict):
            raise ValueError(f"{where}: span {i} is not an object")
        start, end, label = span.get("start"), span.get("end"), span.get("label")
        if not (_is_int(start) and _is_int(end)):
            raise ValueError(f"{where}: span {i} needs integer 'start' and 'end': {span}")
        if not 0 <= start < end <= length:
            raise ValueError(f"{where}: span {i} [{start}, {end}) is outside the text (length {length}) or empty")
        if label not in LABELS:
            raise ValueError(f"{where}: span {i} has unknown label {label!r} (expected one of {', '.join(LABELS)})")
        checked.append({"start": start, "end": end, "label": label})
    _check_no_same_label_overlap(checked, where)
    return checked


def _check_no_same_label_overlap(spans: list[dict], where: str) -> None:
    """The guideline: spans of the same label never overlap (identical duplicates aside)."""
    ordered = sorted({(s["label"], s["start"], s["end"]) for s in spans})
    for (label, start, end), (next_label, next_start, next_end) in zip(ordered, ordered[1:]):
        if label == next_label and next_start < end:
            raise ValueError(f"{where}: {label} spans [{start}, {end}) and [{next_start}, {next_end}) overlap")


def _check_records(records, key: str, required: tuple[str, ...], where: str) -> list[dict]:
    if not isinstance(records, list):
        raise ValueError(f"{where}: {key!r} must be a list")
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise ValueError(f"{where}: {key}[{i}] is not an object")
        for field in required:
            if field not in record:
                raise ValueError(f"{where}: {key}[{i}] has no {field!r}")
        if key == "people" and not isinstance(record.get("positions", []), list):
            raise ValueError(f"{where}: people[{i}] 'positions' must be a list")
    return list(records)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------- tuples


def span_set(article: dict | None) -> set[tuple[int, int, str]]:
    """``(start, end, label)`` of an article's spans, duplicates collapsed."""
    if article is None:
        return set()
    return {(s["start"], s["end"], s["label"]) for s in article.get("spans", [])}


def person_names(article: dict | None) -> set[str]:
    return {p["name"] for p in _records(article, "people")}


def person_ranks(article: dict | None) -> set[tuple[str, str | None]]:
    """One ``(name, rank)`` per person, the rank as written; a null rank is the tuple ``(name, None)``."""
    return {(p["name"], p.get("rank")) for p in _records(article, "people")}


def person_positions(article: dict | None) -> set[tuple[str, str]]:
    """One ``(name, position)`` per position of each person."""
    return {(p["name"], pos) for p in _records(article, "people") for pos in p.get("positions") or []}


def document_refs(article: dict | None) -> dict[str, dict]:
    """``ref`` -> its first document record (a repeated ref counts once)."""
    refs: dict[str, dict] = {}
    for d in _records(article, "documents"):
        refs.setdefault(d["ref"], d)
    return refs


def percent_tuples(article: dict | None) -> Counter:
    """Multiset of ``(value rounded to 4 decimals, kind, direction)``: duplicates count."""
    return Counter(
        (_round_value(p.get("value")), p.get("kind"), p.get("direction")) for p in _records(article, "percents")
    )


def _records(article: dict | None, key: str) -> list[dict]:
    return [] if article is None else list(article.get(key) or [])


def _round_value(value):
    return round(float(value), DECIMALS) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


# --------------------------------------------------------------------------- scoring


def prf(tp: int, fp: int, fn: int) -> dict:
    """``{"p","r","f1","tp","fp","fn"}``; p, r, f1 are 0.0 when undefined, rounded to 4 decimals."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, DECIMALS), "r": round(r, DECIMALS), "f1": round(f1, DECIMALS), "tp": tp, "fp": fp, "fn": fn}


def accuracy(correct: int, n: int) -> dict:
    return {"accuracy": round(correct / n, DECIMALS) if n else 0.0, "n": n}


def _set_counts(gold: set, pred: set) -> tuple[int, int, int]:
    tp = len(gold & pred)
    return tp, len(pred) - tp, len(gold) - tp


def _multiset_counts(gold: Counter, pred: Counter) -> tuple[int, int, int]:
    tp = sum((gold & pred).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp


class _Tally:
    """tp/fp/fn summed over articles."""

    def __init__(self) -> None:
        self.counts = [0, 0, 0]

    def add(self, counts: tuple[int, int, int]) -> None:
        for i, c in enumerate(counts):
            self.counts[i] += c

    def result(self) -> dict:
        return prf(*self.counts)


def pair_articles(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each gold article with its prediction (by ``id``), or None when there is none."""
    by_id = {p["id"]: p for p in predicted}
    return [(g, by_id.get(g["id"])) for g in gold]


def score_spans(pairs: list[tuple[dict, dict | None]]) -> dict:
    """Exact ``(start, end, label)`` P/R/F1 per label (every guideline label, plus any
    other label predicted) and micro-averaged over all labels."""
    labels = list(LABELS)
    tallies = {label: _Tally() for label in labels}
    micro = _Tally()
    for gold, pred in pairs:
        g, p = span_set(gold), span_set(pred)
        for label in sorted({s[2] for s in p} - set(tallies)):
            tallies[label] = _Tally()
        for label, tally in tallies.items():
            tally.add(_set_counts({s for s in g if s[2] == label}, {s for s in p if s[2] == label}))
        micro.add(_set_counts(g, p))
    result = {label: tally.result() for label, tally in tallies.items()}
    result["micro"] = micro.result()
    return result


def score_people(pairs: list[tuple[dict, dict | None]]) -> dict:
    """P/R/F1 over ``(name)``, ``(name, rank)`` and ``(name, position)`` tuple sets per article.

    A gold person is matched by exact name.  ``name_rank`` has one tuple per
    person with the rank as written, a null rank included: a gold null rank
    is matched only by a predicted null rank for that name.  ``name_position``
    has one tuple per position string (exact match).
    """
    extractors: dict[str, Callable] = {
        "name": person_names,
        "name_rank": person_ranks,
        "name_position": person_positions,
    }
    tallies = {key: _Tally() for key in extractors}
    for gold, pred in pairs:
        for key, tuples in extractors.items():
            tallies[key].add(_set_counts(tuples(gold), tuples(pred)))
    return {key: tally.result() for key, tally in tallies.items()}


def score_documents(pairs: list[tuple[dict, dict | None]]) -> dict:
    """P/R/F1 over the set of ``ref`` per article; accuracy of ``type``, ``date`` and
    ``issuer`` (exact, null equals null) over the matched refs, ``n`` = matched refs."""
    refs = _Tally()
    correct = dict.fromkeys(DOC_ATTRIBUTES, 0)
    matched = 0
    for gold, pred in pairs:
        g, p = document_refs(gold), document_refs(pred)
        refs.add(_set_counts(set(g), set(p)))
        for ref in set(g) & set(p):
            matched += 1
            for attribute in DOC_ATTRIBUTES:
                correct[attribute] += g[ref].get(attribute) == p[ref].get(attribute)
    result = {"ref": refs.result()}
    result.update({attribute: accuracy(correct[attribute], matched) for attribute in DOC_ATTRIBUTES})
    return result


def score_percents(pairs: list[tuple[dict, dict | None]]) -> dict:
    """P/R/F1 over the multiset of ``(value, kind, direction)`` per article; values
    compared rounded to 4 decimals; a duplicate tuple counts as often as it occurs."""
    tally = _Tally()
    for gold, pred in pairs:
        tally.add(_multiset_counts(percent_tuples(gold), percent_tuples(pred)))
    return {"value_kind_direction": tally.result()}


def score(gold: list[dict], predicted: list[dict]) -> dict:
    """All scores of ANNOTATION.md "Scoring" (see the module docstring for the conventions).

    Shape: ``{"articles": n, "spans": {LABEL: prf, ..., "micro": prf},
    "people": {"name", "name_rank", "name_position"}, "documents": {"ref": prf,
    "type"|"date"|"issuer": {"accuracy", "n"}}, "percents": {"value_kind_direction": prf}}``
    where ``prf`` is ``{"p","r","f1","tp","fp","fn"}``.
    """
    pairs = pair_articles(gold, predicted)
    return {
        "articles": len(gold),
        "spans": score_spans(pairs),
        "people": score_people(pairs),
        "documents": score_documents(pairs),
        "percents": score_percents(pairs),
    }


# --------------------------------------------------------------------------- errors


def errors(gold: list[dict], predicted: list[dict], context: int = 40) -> list[dict]:
    """Every false positive and false negative, sorted by article (gold order) and offset.

    Each item is ``{"id", "kind", "label", "start", "end", "text", "context"}``.
    Span errors: ``kind`` ``fp``/``fn``, ``label`` the span label, ``context`` the
    text around the span with the span marked ``⟦...⟧`` (newlines shown as ``⏎``).
    Record errors: ``label`` names the score (``people.name``, ``people.name_rank``,
    ``people.name_position``, ``documents.ref``, ``percents``), ``text`` the tuple
    written ``a | b``; ``kind`` ``fp``/``fn``, or ``mismatch`` for a matched
    document ref whose ``type``/``date``/``issuer`` differs (label
    ``documents.date`` ..., text ``ref | gold → predicted``).  A record error is
    placed at the first occurrence of its name, ref or percent text in the
    article, or after the spans (``start``/``end`` null) when it is not found.
    """
    found: list[tuple[tuple, dict]] = []
    for order, (g, p) in enumerate(pair_articles(gold, predicted)):
        items = span_errors(g, p, context) + record_errors(g, p, context)
        found.extend((_error_sort_key(order, item), item) for item in items)
    found.sort(key=lambda pair: pair[0])
    return [item for _, item in found]


def _error_sort_key(order: int, item: dict) -> tuple:
    start = item["start"]
    return (order, start is None, start or 0, item["end"] or 0, item["kind"], item["label"], item["text"])


def span_errors(gold: dict, pred: dict | None, context: int = 40) -> list[dict]:
    text = gold["text"]
    g, p = span_set(gold), span_set(pred)
    out = []
    for kind, spans in (("fp", p - g), ("fn", g - p)):
        for start, end, label in spans:
            out.append(_error(gold["id"], kind, label, text, start, end, text[start:end], context))
    return out


def record_errors(gold: dict, pred: dict | None, context: int = 40) -> list[dict]:
    text, article_id = gold["text"], gold["id"]
    out = []
    tuple_sets = (
        ("people.name", person_names, lambda name: name),
        ("people.name_rank", person_ranks, lambda t: t[0]),
        ("people.name_position", person_positions, lambda t: t[0]),
    )
    for label, tuples, anchor in tuple_sets:
        g, p = tuples(gold), tuples(pred)
        for kind, items in (("fp", p - g), ("fn", g - p)):
            out += [_record_error(article_id, kind, label, text, anchor(t), _render(t), context) for t in items]
    out += _document_errors(gold, pred, context)
    out += _percent_errors(gold, pred, context)
    return out


def _document_errors(gold: dict, pred: dict | None, context: int) -> list[dict]:
    text, article_id = gold["text"], gold["id"]
    g, p = document_refs(gold), document_refs(pred)
    out = []
    for kind, refs in (("fp", set(p) - set(g)), ("fn", set(g) - set(p))):
        out += [_record_error(article_id, kind, "documents.ref", text, ref, ref, context) for ref in refs]
    for ref in set(g) & set(p):
        for attribute in DOC_ATTRIBUTES:
            want, got = g[ref].get(attribute), p[ref].get(attribute)
            if want != got:
                shown = f"{ref} | {want} → {got}"
                out.append(_record_error(article_id, "mismatch", f"documents.{attribute}", text, ref, shown, context))
    return out


def _percent_errors(gold: dict, pred: dict | None, context: int) -> list[dict]:
    text, article_id = gold["text"], gold["id"]
    g, p = percent_tuples(gold), percent_tuples(pred)
    anchors = {}
    for record in _records(pred, "percents") + _records(gold, "percents"):
        key = (_round_value(record.get("value")), record.get("kind"), record.get("direction"))
        anchors.setdefault(key, record.get("text"))
    out = []
    for kind, items in (("fp", p - g), ("fn", g - p)):
        for t, count in items.items():
            error = _record_error(article_id, kind, "percents", text, anchors.get(t), _render(t), context)
            out += [dict(error) for _ in range(count)]
    return out


def _render(item) -> str:
    if isinstance(item, tuple):
        return " | ".join("null" if x is None else str(x) for x in item)
    return str(item)


def _record_error(article_id: str, kind: str, label: str, text: str, anchor, shown: str, context: int) -> dict:
    start = text.find(anchor) if isinstance(anchor, str) and anchor else -1
    if start < 0:
        return {"id": article_id, "kind": kind, "label": label, "start": None, "end": None, "text": shown, "context": ""}
    end = start + len(anchor)
    return _error(article_id, kind, label, text, start, end, shown, context)


def _error(article_id: str, kind: str, label: str, text: str, start: int, end: int, shown: str, context: int) -> dict:
    return {
        "id": article_id,
        "kind": kind,
        "label": label,
        "start": start,
        "end": end,
        "text": shown,
        "context": mark_context(text, start, end, context),
    }


def mark_context(text: str, start: int, end: int, width: int = 40) -> str:
    """``width`` characters either side of ``text[start:end]``, the span marked ``⟦...⟧``, on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    shown = ("…" if start > width else "") + left + "⟦" + text[start:end] + "⟧" + right
    shown += "…" if end + width < len(text) else ""
    return shown.replace("\r", "").replace("\n", "⏎")


# --------------------------------------------------------------------------- predicting


def predict(gold: list[dict], pipeline=None, use_model: bool = True) -> list[dict]:
    """The project's pipeline on every gold text (``year=None``), in the gold format.

    Without ``pipeline``, a ``Pipeline(use_model=use_model)``: the rules and the
    trained model, or (``use_model=False``) the rules alone."""
    if pipeline is None:
        from extract.pipeline import Pipeline

        pipeline = Pipeline(use_model=use_model)
    return [pipeline.extract(article["text"]).to_gold(article["id"]) for article in gold]


def predict_underthesea(gold: list[dict]) -> list[dict]:
    """Baseline: ``underthesea.ner`` sentence by sentence; PER/LOC/ORG become
    PERSON/LOC/ORG spans at exact character offsets; no records."""
    return [
        {"id": a["id"], "text": a["text"], "spans": underthesea_spans(a["text"]), "people": [], "documents": [], "percents": []}
        for a in gold
    ]


UNDERTHESEA_LABELS = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}


def underthesea_spans(text: str) -> list[dict]:
    """underthesea's PER/LOC/ORG entities in ``text`` as gold-format spans.

    ``underthesea.ner`` is called once per sentence (see ``sentences``): on a
    whole article it is several times slower and tags differently.  Its tokens
    are aligned to the sentence with ``extract.tokenize.align_words``.
    """
    from underthesea import ner

    spans: list[dict] = []
    for offset, sentence in sentences(text):
        tagged = ner(sentence)
        words = [item[0] for item in tagged]
        tags = [item[-1] for item in tagged]
        offsets = word_offsets(words, sentence)
        for start, end, label in bio_entities(tags, offsets):
            if label in UNDERTHESEA_LABELS:
                spans.append({"start": offset + start, "end": offset + end, "label": UNDERTHESEA_LABELS[label]})
    return spans


def word_offsets(words: list[str], text: str) -> list[tuple[int, int] | None]:
    """One ``(start, end)`` per word of ``words`` in ``text``.

    ``align_words`` gives one span per word unless the segmenter dropped or
    rewrote text beyond recognition (about one sentence in 5,000); then each
    word is aligned on its own from where the previous one ended, and a word
    that cannot be placed gets None.
    """
    from extract.tokenize import align_words

    spans = align_words(words, text)
    if len(spans) == len(words):
        return list(spans)
    out: list[tuple[int, int] | None] = []
    cursor = 0
    for word in words:
        found = align_words([word], text[cursor:])
        if not found:
            out.append(None)
            continue
        start, end = found[0]
        out.append((cursor + start, cursor + end))
        cursor += end
    return out


def bio_entities(tags: list[str], offsets: list[tuple[int, int] | None]) -> list[tuple[int, int, str]]:
    """Entities ``(start, end, type)`` from BIO tags; an ``I-`` after ``O`` or
    another type starts an entity (conlleval); a word with no offset ends one."""
    entities: list[tuple[int, int, str]] = []
    current: list | None = None
    for tag, span in zip(tags, offsets):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and current is not None and current[2] == kind
        if span is None or prefix not in ("B", "I"):
            current = _close(entities, current)
        elif continues:
            current[1] = span[1]
        else:
            _close(entities, current)
            current = [span[0], span[1], kind]
    _close(entities, current)
    return entities


def _close(entities: list, current: list | None) -> None:
    if current is not None:
        entities.append(tuple(current))
    return None


_LINE = regex.compile(r"[^\n]+")
_SENTENCE_BREAK = regex.compile(r"(?<=[.!?…])\s+(?=[\p{Lu}\"“‘'(])")


def sentences(text: str) -> Iterable[tuple[int, str]]:
    """``(offset, sentence)`` for each non-blank line of ``text``, lines split
    after ``. ! ? …`` followed by space and a capital letter or opening quote."""
    for line in _LINE.finditer(text):
        previous = 0
        body = line.group()
        for brk in _SENTENCE_BREAK.finditer(body):
            yield from _non_blank(line.start() + previous, body[previous : brk.start()])
            previous = brk.end()
        yield from _non_blank(line.start() + previous, body[previous:])


def _non_blank(offset: int, sentence: str) -> Iterable[tuple[int, str]]:
    if sentence.strip():
        yield offset, sentence


# --------------------------------------------------------------------------- end to end


def evaluate(gold_path: str | Path, baseline: str | None = None, use_model: bool = True) -> dict:
    """Load the gold file, predict with the pipeline (rules + model, or the rules alone
    with ``use_model=False``) or with ``baseline="underthesea"``, and score."""
    gold = load_gold(gold_path)
    if baseline is None:
        predicted = predict(gold, use_model=use_model)
    elif baseline == "underthesea":
        predicted = predict_underthesea(gold)
    else:
        raise ValueError(f"unknown baseline {baseline!r} (expected None or 'underthesea')")
    return score(gold, predicted)


NAME_WIDTH = 32


def format_report(scores: dict) -> str:
    """A compact fixed-width table: spans per label and micro, then records."""
    header = f"{'label':<{NAME_WIDTH}}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}"
    lines = [f"articles: {scores['articles']}", header, "-" * len(header)]
    lines += [_prf_line(label, s) for label, s in scores["spans"].items() if label != "micro"]
    lines += ["-" * len(header), _prf_line("micro", scores["spans"]["micro"]), ""]
    lines += [_prf_line(f"people {key}", s) for key, s in scores["people"].items()]
    documents = scores["documents"]
    lines.append(_prf_line("documents ref", documents["ref"]))
    lines += [_accuracy_line(f"documents {key}", documents[key]) for key in DOC_ATTRIBUTES if key in documents]
    lines += [_prf_line(f"percents {key}", s) for key, s in scores["percents"].items()]
    return "\n".join(lines)


def _prf_line(name: str, s: dict) -> str:
    return f"{name:<{NAME_WIDTH}}{s['p']:>8.4f}{s['r']:>8.4f}{s['f1']:>8.4f}{s['tp']:>7}{s['fp']:>7}{s['fn']:>7}"


def _accuracy_line(name: str, s: dict) -> str:
    return f"{name:<{NAME_WIDTH}}{s['accuracy']:>8.4f}{'(accuracy)':>16}{'n=' + str(s['n']):>7}"
