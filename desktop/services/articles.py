"""Importing articles as sources, with the evidence and figures extraction suggests from them.

Each article is one transaction: the source and its suggestions are stored together or not
at all, so a failure halfway through a batch leaves the earlier articles in and nothing of
the failed one. The same text twice is refused (naming the earlier source); the same story
from another outlet is flagged, and the analyst may group the two as one story.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.bundle import text_sha256
from desktop.domain.evidence_rules import next_key
from desktop.domain.grading import RELIABILITY_WEIGHTS
from desktop.domain.similarity import NEAR_DUPLICATE, content_words, similarity
from desktop.domain.text_safety import clean_fields
from desktop.services.errors import InputError
from desktop.services.sources import SourceSummary
from desktop.store import queries, suggestions as suggestion_store, writes
from desktop.store.engine import Database
from desktop.store.models import Source

if TYPE_CHECKING:
    # The extraction machinery (dateparser, pysbd, feeds) is imported when an article is read, not before:
    # the window and the other commands use this module's stories and source details without it.
    from desktop.domain.extraction import Extraction, IndicatorRef
    from desktop.services.article_files import ArticleDraft


@dataclass(frozen=True)
class SimilarSource:
    id: int
    key: str
    title: str
    outlet: str | None
    score: float


@dataclass(frozen=True)
class ImportedArticle:
    source: SourceSummary
    extraction: Extraction
    similar: tuple[SimilarSource, ...] = ()
    origin: str = ""

    def to_json(self) -> dict:
        x = self.extraction
        return {
            "source": self.source.key,
            "source_id": self.source.id,
            "title": self.source.title,
            "near_duplicates": [{"source": s.key, "title": s.title, "similarity": round(s.score, 3)}
                                for s in self.similar],
            "suggestions": {
                "evidence": [{"quote": e.quote, "start": e.start, "end": e.end,
                              "observed": e.observed.isoformat() if e.observed else None, "reasons": list(e.reasons),
                              **({"until": e.until.isoformat()} if e.until else {})}
                             for e in x.evidence],
                "quantities": [{"text": q.quantity.text, "value": _num(q.quantity.value), "unit": q.quantity.unit,
                                "qualifier": q.quantity.qualifier, "start": q.quantity.start, "end": q.quantity.end,
                                "indicator": q.indicator, **_quantity_flags(q.quantity)} for q in x.quantities],
                "dates": [{"text": d.text, "date": d.date.isoformat() if d.date else None, "start": d.start,
                           "end": d.end, **({"until": d.until.isoformat()} if d.until else {})} for d in x.dates],
                "attributions": [{"text": a.text, "who": a.who, "start": a.start, "end": a.end}
                                 for a in x.attributions],
            },
        }


@dataclass(frozen=True)
class ImportProblem:
    origin: str
    message: str


@dataclass
class ImportReport:
    imported: list[ImportedArticle] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    cancelled: bool = False


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _quantity_flags(q) -> dict:
    """What sets a figure apart, kept only when it does: a duration, a running total, a noun from the context."""
    flags: dict = {}
    if q.kind != "count":
        flags["kind"] = q.kind
    if q.cumulative:
        flags["cumulative"] = True
    if q.elliptical:
        flags["elliptical"] = True
    return flags


def import_article(db: Database, situation_id: int, draft: ArticleDraft, reliability: str = "F") -> ImportedArticle:
    """Store one article as a source with its suggestions, in one transaction."""
    from desktop.domain.extraction import extract

    if reliability not in RELIABILITY_WEIGHTS:
        raise InputError(f"reliability: unknown grade {reliability!r} (expected A-F)")
    draft = clean_fields(draft)   # no ESC sequence or search-highlight marker from a file reaches the log
    text = draft.text.strip()
    if not text:
        raise InputError(f"{draft.origin or 'article'}: no text to import")
    digest = text_sha256(text)
    # The article is read before the write transaction: other writers wait for the lock only while rows
    # are written, not while sentences and figures are found (four writers at once saw "database is busy").
    with db.reading() as session:
        indicators = _indicator_refs(session, situation_id)
    extraction = extract(text, draft.language, draft.published_at, indicators)
    words = content_words(text)
    with db.transaction() as session:
        twin = queries.source_with_digest(session, situation_id, digest)
        if twin is not None:
            raise InputError(f"{draft.origin or 'article'}: the same text is already source {twin[0]} "
                             f"(“{twin[1]}”)")
        similar = []
        for sid_, key, title, outlet, language, other_text, _story in suggestion_store.comparable_sources(
                session, situation_id):
            if language and extraction.language and language != extraction.language:
                continue
            score = similarity(words, content_words(other_text or ""))
            if score >= NEAR_DUPLICATE:
                similar.append(SimilarSource(sid_, key, title, outlet, score))
        similar.sort(key=lambda s: -s.score)
        key = writes.free_key(session, Source, situation_id, "s", next_key)
        src = writes.insert_source(session, situation_id, key, {
            "title": draft.title.strip()[:500] or key, "outlet": draft.outlet, "author": draft.author,
            "url": draft.url, "published_at": draft.published_at, "reliability": reliability,
            "kind": draft.kind, "language": extraction.language, "text": text, "sha256": digest})
        suggestion_store.insert_suggestions(session, src.id, _suggestion_rows(extraction))
        summary = SourceSummary(src.id, key, src.title, src.outlet, src.published_at, src.reliability)
    return ImportedArticle(summary, extraction, tuple(similar), draft.origin)


def _suggestion_rows(x: Extraction) -> list[dict]:
    rows = []
    for e in x.evidence:
        rows.append({"kind": "evidence", "start": e.start, "end": e.end, "text": e.quote, "payload": {
            "date": e.observed.isoformat() if e.observed else None, "reasons": list(e.reasons), "who": e.who,
            **({"until": e.until.isoformat()} if e.until else {})}})
    for q in x.quantities:
        sentence = x.evidence[q.sentence]
        rows.append({"kind": "quantity", "start": q.quantity.start, "end": q.quantity.end, "text": q.quantity.text,
                     "payload": {"value": q.quantity.value, "unit": q.quantity.unit,
                                 "qualifier": q.quantity.qualifier, "indicator": q.indicator,
                                 "sentence": [sentence.start, sentence.end],
                                 "date": sentence.observed.isoformat() if sentence.observed else None,
                                 **_quantity_flags(q.quantity)}})
    return rows


def import_files(db: Database, situation_id: int, paths, published: date | None = None, reliability: str = "F",
                 progress: Callable[[int, int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Every article of every file; a bad file or article is reported and the rest go on.

    `progress(done, total, label)` is called before each file; `cancelled()` is asked between
    articles, and stops the batch there (what is already imported stays: each article is whole).
    """
    from desktop.services.article_files import read_article_file

    report = ImportReport()
    paths = [Path(p) for p in paths]
    for i, path in enumerate(paths):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if progress is not None:
            progress(i, len(paths), path.name)
        try:
            drafts = read_article_file(path, published)
        except InputError as exc:
            report.problems.append(ImportProblem(path.name, str(exc)))
            continue
        for draft in drafts:
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            try:
                report.imported.append(import_article(db, situation_id, draft, reliability))
            except InputError as exc:
                report.problems.append(ImportProblem(draft.origin, str(exc)))
        if report.cancelled:
            break
    if progress is not None and not report.cancelled:
        progress(len(paths), len(paths), "")
    return report


def import_pasted_text(db: Database, situation_id: int, text: str, title: str | None = None,
                       published: date | None = None, reliability: str = "F",
                       outlet: str | None = None) -> ImportedArticle:
    """A new source from text pasted in (the clipboard)."""
    from desktop.services.article_files import read_article_bytes

    drafts = read_article_bytes(text.encode("utf-8"), "pasted text.txt", published)
    draft = replace(drafts[0], kind="pasted text")
    if title and title.strip():
        draft = replace(draft, title=title.strip())
    if outlet and outlet.strip():
        draft = replace(draft, outlet=outlet.strip())
    return import_article(db, situation_id, draft, reliability)


def group_as_story(db: Database, source_ids) -> str:
    """Mark sources as one story told by several outlets; returns the story's key (the first source's)."""
    ids = [int(i) for i in source_ids]
    if len(ids) < 2:
        raise InputError("story: pick at least two sources to group")
    with db.transaction() as session:
        rows = {r[0]: r for r in suggestion_store.comparable_sources(session, _situation_of(session, ids[0]))}
        missing = [i for i in ids if i not in rows]
        if missing:
            raise InputError(f"story: no live source with id {missing[0]} in this situation")
        story = next((rows[i][6] for i in ids if rows[i][6]), None) or f"story-{rows[ids[0]][1]}"
        suggestion_store.set_story(session, ids, story)
    return story


def source_stories(db: Database, source_ids) -> dict[int, str | None]:
    """The story each source belongs to now (None: its own), so a grouping can be undone."""
    with db.reading() as session:
        return {int(i): suggestion_store.story_of(session, int(i)) for i in source_ids}


def set_stories(db: Database, stories: dict[int, str | None]) -> None:
    """Put sources back in the stories they belonged to (the undo of `group_as_story`)."""
    with db.transaction() as session:
        for story in set(stories.values()):
            suggestion_store.set_story(session, [i for i, s in stories.items() if s == story], story)


def _situation_of(session, source_id: int) -> int:
    situation = suggestion_store.situation_of_source(session, source_id)
    if situation is None:
        raise InputError(f"story: no source with id {source_id}")
    return situation


@dataclass(frozen=True)
class SourceDetails:
    """What the analyst may correct after an import: the day, the outlet and the Admiralty grade."""

    published_at: date | None
    outlet: str | None
    reliability: str
    reliability_note: str | None = None


def source_details(db: Database, source_id: int) -> SourceDetails:
    with db.reading() as session:
        row = suggestion_store.source_details(session, source_id)
    if row is None:
        raise InputError(f"source: no source with id {source_id}")
    return SourceDetails(row[3], row[4], row[5], row[6])


def set_source_details(db: Database, source_id: int, details: SourceDetails) -> int:
    """Store corrected details in one transaction; a new publication day re-reads the pending suggestions
    (relative dates resolve against it). Returns how many suggestions are pending afterwards for it."""
    if details.reliability not in RELIABILITY_WEIGHTS:
        raise InputError(f"reliability: unknown grade {details.reliability!r} (expected A-F)")
    details = clean_fields(details)
    with db.transaction() as session:
        row = suggestion_store.source_details(session, source_id)
        if row is None:
            raise InputError(f"source: no source with id {source_id}")
        situation_id, text, language, old_day = row[0], row[1], row[2], row[3]
        suggestion_store.update_source_details(session, source_id, {
            "published_at": details.published_at, "outlet": (details.outlet or "").strip() or None,
            "reliability": details.reliability, "reliability_note": (details.reliability_note or "").strip() or None})
        if details.published_at == old_day:
            return -1
        return _read_again(session, source_id, situation_id, text, language, details.published_at)


def suggest_again(db: Database, source_id: int) -> int:
    """Read a source for suggestions again (one imported before extraction existed, from a bundle,
    or after the indicators changed); decided suggestions stay. Returns how many are pending now."""
    with db.transaction() as session:
        row = suggestion_store.source_details(session, source_id)
        if row is None:
            raise InputError(f"source: no source with id {source_id}")
        return _read_again(session, source_id, row[0], row[1], row[2], row[3])


def pending_suggestions(db: Database, source_id: int) -> list[dict]:
    """A source's pending suggestions as rows `restore_pending` takes back (the undo of `suggest_again`)."""
    with db.reading() as session:
        return suggestion_store.pending_rows(session, source_id)


def restore_pending(db: Database, source_id: int, rows: list[dict]) -> None:
    with db.transaction() as session:
        suggestion_store.replace_pending(session, source_id, rows)


def _indicator_refs(session, situation_id: int) -> tuple[IndicatorRef, ...]:
    from desktop.domain.extraction import IndicatorRef

    return tuple(IndicatorRef(r[1], r[2], r[3], r[8] or "") for r in queries.indicators(session, situation_id))


def _read_again(session, source_id: int, situation_id: int, text: str | None, language: str | None,
                published: date | None) -> int:
    """Replace a source's pending suggestions by a fresh reading, leaving out sentences already logged
    as evidence; returns how many are pending now."""
    from desktop.domain.extraction import extract

    extraction = extract(text or "", language, published, _indicator_refs(session, situation_id))
    logged = [(r[2], r[3]) for r in queries.quote_spans(session, source_id) if r[2] is not None]

    def already_logged(start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in logged)
    rows = [r for r in _suggestion_rows(extraction)
            if not already_logged(*(r["payload"]["sentence"] if r["kind"] == "quantity" else (r["start"], r["end"])))]
    return suggestion_store.replace_pending(session, source_id, rows)
