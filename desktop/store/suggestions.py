"""Reads and writes of extraction suggestions and of story groups."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.store.changelog import log_core
from desktop.store.rows import ComparableSourceRow, SourceDetailsRow
from desktop.store.models import Evidence, Observation, Source, Suggestion, utc_now


def insert_suggestions(session: Session, source_id: int, rows: Sequence[dict]) -> None:
    session.add_all(Suggestion(source_id=source_id, kind=r["kind"], start=r["start"], end=r["end"], text=r["text"],
                               payload=json.dumps(r["payload"], ensure_ascii=False)) for r in rows)
    session.flush()


def suggestions_of(session: Session, source_id: int) -> list[tuple]:
    """(id, kind, start, end, text, payload dict, status, evidence_id, observation_id, evidence key) in text order.

    An accepted suggestion whose evidence has since been deleted (or the logging undone) reads as pending again.
    """
    rows = session.execute(
        select(Suggestion.id, Suggestion.kind, Suggestion.start, Suggestion.end, Suggestion.text, Suggestion.payload,
               Suggestion.status, Suggestion.evidence_id, Suggestion.observation_id, Evidence.key,
               Evidence.deleted_at, Observation.id)
        .outerjoin(Evidence, Evidence.id == Suggestion.evidence_id)
        .outerjoin(Observation, Observation.id == Suggestion.observation_id)
        .where(Suggestion.source_id == source_id).order_by(Suggestion.start, Suggestion.kind, Suggestion.id))
    out = []
    for r in rows:
        status, evidence_id, key = r[6], r[7], r[9]
        gone = evidence_id is not None and (key is None or r[10] is not None)
        if status == "accepted" and (gone or (r[1] == "quantity" and r[11] is None)):
            status = "pending"
        if gone:
            evidence_id = key = None
        out.append((r[0], r[1], r[2], r[3], r[4], json.loads(r[5] or "{}"), status, evidence_id,
                    r[11], key))
    return out


def suggestion(session: Session, suggestion_id: int) -> tuple[str, str, dict] | None:
    """(kind, text, payload) of one suggestion."""
    row = session.execute(select(Suggestion.kind, Suggestion.text, Suggestion.payload)
                          .where(Suggestion.id == suggestion_id)).first()
    return (row[0], row[1], json.loads(row[2] or "{}")) if row else None


def decide(session: Session, suggestion_id: int, status: str, evidence_id: int | None = None,
           observation_id: int | None = None) -> None:
    row = session.get(Suggestion, suggestion_id)
    if row is None:
        raise LookupError(f"no suggestion with id {suggestion_id}")
    row.status = status
    row.evidence_id = evidence_id if evidence_id is not None else row.evidence_id
    row.observation_id = observation_id if observation_id is not None else row.observation_id
    row.decided_at = utc_now() if status != "pending" else None
    session.flush()


def comparable_sources(session: Session, situation_id: int) -> list[ComparableSourceRow]:
    """The live sources, for near-duplicate checks."""
    return [ComparableSourceRow(*r) for r in session.execute(
        select(Source.id, Source.key, Source.title, Source.outlet, Source.language, Source.text, Source.story)
        .where(Source.situation_id == situation_id, Source.deleted_at.is_(None)))]


def story_members(session: Session, situation_id: int, story: str, besides: int) -> list[tuple[str, str]]:
    """(key, outlet or title) of the live sources of a story, other than `besides`."""
    return [(r[0], r[1] or r[2]) for r in session.execute(
        select(Source.key, Source.outlet, Source.title)
        .where(Source.situation_id == situation_id, Source.story == story, Source.id != besides,
               Source.deleted_at.is_(None)).order_by(Source.id))]


def set_story(session: Session, source_ids: Sequence[int], story: str) -> None:
    session.execute(update(Source).where(Source.id.in_(list(source_ids))).values(story=story))
    log_core(session, "source", "update", source_ids, {"story": story})


def story_of(session: Session, source_id: int) -> str | None:
    return session.execute(select(Source.story).where(Source.id == source_id)).scalar()


def pending_rows(session: Session, source_id: int) -> list[dict]:
    """The pending suggestions of a source as `insert_suggestions` takes them."""
    return [{"kind": r[0], "start": r[1], "end": r[2], "text": r[3], "payload": json.loads(r[4] or "{}")}
            for r in session.execute(
                select(Suggestion.kind, Suggestion.start, Suggestion.end, Suggestion.text, Suggestion.payload)
                .where(Suggestion.source_id == source_id, Suggestion.status == "pending").order_by(Suggestion.id))]


def situation_of_source(session: Session, source_id: int) -> int | None:
    return session.execute(select(Source.situation_id).where(Source.id == source_id)).scalar()


def evidence_live(session: Session, evidence_id: int) -> bool:
    return session.execute(select(Evidence.id).where(Evidence.id == evidence_id,
                                                     Evidence.deleted_at.is_(None))).first() is not None


def replace_pending(session: Session, source_id: int, rows: Sequence[dict]) -> int:
    """Drop the source's pending suggestions and add `rows`, except those the analyst already decided."""
    decided = {(r[0], r[1], r[2]) for r in session.execute(
        select(Suggestion.kind, Suggestion.start, Suggestion.end)
        .where(Suggestion.source_id == source_id, Suggestion.status != "pending"))}
    dropped = list(session.execute(select(Suggestion.id).where(Suggestion.source_id == source_id,
                                                               Suggestion.status == "pending")).scalars())
    session.execute(Suggestion.__table__.delete().where(Suggestion.id.in_(dropped)))
    log_core(session, "suggestion", "delete", dropped)
    fresh = [r for r in rows if (r["kind"], r["start"], r["end"]) not in decided]
    insert_suggestions(session, source_id, fresh)
    return len(fresh)


def source_details(session: Session, source_id: int) -> SourceDetailsRow | None:
    row = session.execute(select(Source.situation_id, Source.text, Source.language, Source.published_at,
                                 Source.outlet, Source.reliability, Source.reliability_note)
                          .where(Source.id == source_id)).first()
    return SourceDetailsRow(*row) if row else None


def update_source_details(session: Session, source_id: int, fields: dict) -> None:
    session.execute(update(Source).where(Source.id == source_id).values(**fields))
    log_core(session, "source", "update", [source_id], {k: str(v) if v is not None else None for k, v in fields.items()})
