"""Record types shared by every stage: mentions (spans), people, documents, percents.

A ``Mention`` is the unit every extractor produces: character offsets into the
stored (NFC) article text, a label from the guideline, and label-specific
attributes (a percent's value, a date's ISO form).  Records are built from
mentions by ``extract.link`` and never search the text again for offsets.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

LABELS = ("PERSON", "RANK", "POSITION", "ORG", "LOC", "DOC", "DATE", "PERCENT")


@dataclass(frozen=True, order=True)
class Mention:
    start: int
    end: int
    label: str
    text: str
    attrs: dict = field(default_factory=dict, compare=False, hash=False)

    def to_span_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "label": self.label}


@dataclass
class Person:
    name: str
    rank: str | None = None
    positions: list[str] = field(default_factory=list)
    start: int = 0  # first mention of the name
    end: int = 0

    def to_gold(self) -> dict:
        return {"name": self.name, "rank": self.rank, "positions": list(self.positions)}


@dataclass
class Document:
    ref: str
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    start: int = 0  # first mention
    end: int = 0

    def to_gold(self) -> dict:
        return {"ref": self.ref, "type": self.type, "date": self.date, "issuer": self.issuer}


@dataclass
class Percent:
    text: str
    value: float
    kind: str = "level"  # "level" | "change"
    direction: str | None = None  # "up" | "down" | None
    subject: str | None = None
    start: int = 0
    end: int = 0
    check: str | None = None  # "ok" | "mismatch" when the article writes the ratio, else None

    def to_gold(self) -> dict:
        return {
            "text": self.text,
            "value": self.value,
            "kind": self.kind,
            "direction": self.direction,
            "subject": self.subject,
        }


def as_dict(record) -> dict:
    return asdict(record)
