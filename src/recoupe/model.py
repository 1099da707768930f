"""Typed records for everything Recoupe reads and writes.

One model, many producers and consumers (see docs/architecture.md). Every record is a dataclass with
`to_dict()` / `from_dict()` that follow ../shared/schema/dossier.schema.json field for field, so that
`from_dict(to_dict(x)) == x` holds (tested). Fields beyond the schema are additions, never renames.

Offsets are Python code points into the *cleaned* article text: `article.text[start:end] == span.text`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union

T = TypeVar("T", bound="Record")

EntityType = Literal["PER", "ORG", "LOC", "GPE", "MISC"]
QuoteKind = Literal["direct", "partial", "indirect"]
EventStatus = Literal["asserted", "alleged", "denied", "expected", "hypothetical"]
PublishedBasis = Literal["stated", "metadata", "inferred", "unknown"]


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A short deterministic id: the same parts always give the same id."""
    h = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode("utf-8"), digest_size=16).hexdigest()
    return f"{prefix}_{h[:length]}"


def _convert(tp: Any, value: Any) -> Any:
    """Rebuild `value` (plain JSON data) as type `tp` (dataclasses, lists, optionals)."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        for a in args:
            if dataclasses.is_dataclass(a) and isinstance(value, dict):
                return _convert(a, value)
        return _convert(args[0], value) if len(args) == 1 else value
    if origin in (list, tuple):
        (inner, *_) = typing.get_args(tp) or (Any,)
        return [_convert(inner, v) for v in value]
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return tp.from_dict(value)
    return value


class Record:
    """Mixin: dict round-trip for dataclass records."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.metadata.get("internal"):
                continue
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        hints = typing.get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _convert(hints[f.name], data[f.name])
        return cls(**kwargs)


def _plain(v: Any) -> Any:
    if isinstance(v, Record):
        return v.to_dict()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


@dataclass
class Span(Record):
    article: str
    start: int
    end: int
    text: str


@dataclass
class DateValue(Record):
    """A normalised date (TIMEX3 value) with the inclusive day range it covers."""

    value: str | None
    start: str | None
    end: str | None
    text: str | None = None
    type: str | None = None
    mod: str | None = None
    evidence: Span | None = None
    anchor: str | None = None
    basis: str | None = None


@dataclass
class Timex(Record):
    """One date/time expression found by the tagger, offsets into the text it was given."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    mod: str | None = None
    range: list[str | None] | None = None  # inclusive [first_day, last_day], ISO days
    anchor: str | None = None  # reference day a relative expression was resolved against
    basis: str | None = None  # explicit | relative


@dataclass
class Published(Record):
    value: str | None
    basis: str  # PublishedBasis
    not_before: str | None = None
    evidence: Span | None = None
    updated: bool | None = None


@dataclass
class Removed(Record):
    kind: str
    text: str
    raw_start: int | None = None
    raw_end: int | None = None
    reason: str | None = None


@dataclass
class Article(Record):
    id: str
    source: str
    title: str | None
    language: str
    published: Published
    text: str
    url: str | None = None
    outlet: str | None = None
    raw_offsets: list[list[int]] | None = None
    removed: list[Removed] = field(default_factory=list)
    wire: str | None = None
    duplicate_of: str | None = None
    dateline: str | None = None
    story: str | None = None
    content_hash: str | None = None  # hash of the raw bytes (store key)


@dataclass
class EntityMention(Record):
    article: str
    start: int
    end: int
    text: str
    type: str | None = None
    role: str | None = None


@dataclass
class Entity(Record):
    id: str
    name: str
    type: str  # EntityType
    aliases: list[str]
    mentions: list[EntityMention]
    description: str | None = None
    merge_reasons: list[str] = field(default_factory=list)  # why aliases were merged (explain-entity)


@dataclass
class Quote(Record):
    id: str
    article: str
    start: int
    end: int
    text: str
    kind: str  # QuoteKind
    speaker: str | None
    speaker_span: Span | None = None
    cue: Span | None = None
    date: DateValue | None = None
    same_as: list[str] = field(default_factory=list)
    conflict: bool = False
    segments: list[Span] = field(default_factory=list)
    speaker_description: str | None = None  # e.g. "un responsable américain" for an anonymous source


@dataclass
class EventMention(Record):
    article: str
    start: int
    end: int
    text: str
    trigger: Span | None = None
    status: str | None = None
    claimed_by: list[str] = field(default_factory=list)


@dataclass
class Sources(Record):
    articles: list[str]
    independent: int
    outlets: list[str] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)


@dataclass
class Event(Record):
    id: str
    type: str
    summary: str
    date: DateValue
    status: str
    mentions: list[EventMention]
    sources: Sources
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    claimed_by: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)
    denies: str | None = None


@dataclass
class Conflict(Record):
    id: str
    kind: str
    items: list[str]
    note: str | None = None


@dataclass
class ErrorRecord(Record):
    source: str
    code: str
    message: str
    stage: str | None = None


@dataclass
class Story(Record):
    id: str
    title: str | None
    articles: list[str]
    events: list[str] = field(default_factory=list)


@dataclass
class Dossier(Record):
    generated_at: str
    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timeline: list[str] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    schema_version: int = 1
