"""Sources: the texts evidence is quoted from, with where each logged quote sits in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.bundle import text_sha256
from desktop.domain.evidence_rules import next_key
from desktop.domain.grading import RELIABILITY_WEIGHTS
from desktop.domain.text_safety import clean_fields
from desktop.services.errors import InputError, NotFound
from desktop.store import suggestions as suggestion_store
from desktop.store import queries, writes
from desktop.store.engine import Database
from desktop.store.models import Source


@dataclass(frozen=True)
class SourceSummary:
    id: int
    key: str
    title: str
    outlet: str | None
    published_at: date | None
    reliability: str

    @property
    def label(self) -> str:
        when = f", {self.published_at.isoformat()}" if self.published_at else ""
        return f"{self.title} — {self.outlet or 'unknown outlet'}{when} [{self.reliability}]"


@dataclass(frozen=True)
class QuoteSpan:
    evidence_id: int
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class SourceDocument:
    id: int
    key: str
    situation_id: int
    title: str
    outlet: str | None
    author: str | None
    url: str | None
    published_at: date | None
    reliability: str
    reliability_note: str | None
    kind: str
    text: str
    spans: tuple[QuoteSpan, ...]   # logged (live) quotes, by start
    same_story: tuple[tuple[str, str], ...] = ()   # (key, outlet or title) of the others telling its story


@dataclass(frozen=True)
class NewSource:
    title: str
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published_at: date | None = None
    reliability: str = "F"
    reliability_note: str | None = None
    kind: str = "article"
    language: str | None = None
    text: str = ""


def list_sources(db: Database, situation_id: int) -> list[SourceSummary]:
    with db.reading() as session:
        return [SourceSummary(*row) for row in queries.sources(session, situation_id)]


def find_source(db: Database, situation_id: int, ref: str) -> SourceSummary:
    """A live source named by its key (s1) or its id (12), as the command line accepts either."""
    for source in list_sources(db, situation_id):
        if source.key == ref or (ref.isdigit() and source.id == int(ref)):
            return source
    raise NotFound(f"--source: no source {ref!r} in situation {situation_id}")


def get_source(db: Database, source_id: int) -> SourceDocument:
    with db.reading() as session:
        s = writes.get_row(session, Source, source_id)
        if s is None or s.deleted_at is not None:
            raise NotFound(f"no source with id {source_id}")
        spans = tuple(QuoteSpan(*row) for row in queries.quote_spans(session, source_id))
        story = tuple(suggestion_store.story_members(session, s.situation_id, s.story, s.id)) if s.story else ()
        return SourceDocument(s.id, s.key, s.situation_id, s.title, s.outlet, s.author, s.url, s.published_at,
                              s.reliability, s.reliability_note, s.kind, s.text, spans, story)


def add_source(db: Database, situation_id: int, new: NewSource) -> SourceSummary:
    """A new source with the next free key (s15…); the same text twice is refused, naming the first."""
    new = clean_fields(new)
    if not new.title.strip():
        raise InputError("title: a source needs a title")
    if new.reliability not in RELIABILITY_WEIGHTS:
        raise InputError(f"reliability: unknown grade {new.reliability!r} (expected A-F)")
    digest = text_sha256(new.text) if new.text else None
    with db.transaction() as session:
        if digest:
            twin = queries.source_with_digest(session, situation_id, digest)
            if twin is not None:
                raise InputError(f"text: the same text is already source {twin[0]} ({twin[1]})")
        key = writes.free_key(session, Source, situation_id, "s", next_key)
        fields = {k: getattr(new, k) for k in NewSource.__dataclass_fields__}
        fields["title"] = new.title.strip()
        src = writes.insert_source(session, situation_id, key, {**fields, "sha256": digest})
        return SourceSummary(src.id, key, src.title, src.outlet, src.published_at, src.reliability)


def delete_source(db: Database, source_id: int) -> None:
    with db.transaction() as session:
        writes.set_deleted(session, Source, source_id, True)


def restore_source(db: Database, source_id: int) -> None:
    with db.transaction() as session:
        writes.set_deleted(session, Source, source_id, False)
