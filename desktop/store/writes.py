"""Row-level writes for one user action each, inside the caller's transaction.

The ORM path is used on purpose here (one item at a time) so that the change
log listener records every insert, update and delete with who and when.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from desktop.store.changelog import log_core
from desktop.store.rows import SourceTextRow
from desktop.store.models import (
    Evidence, Judgement, JudgementEvidence, Rating, Scenario, Source,
)
from desktop.store.types import utc_now


def get_row(session: Session, model, row_id: int):
    """The ORM row (soft-deleted ones too), or None."""
    return session.get(model, row_id)


def scenario_ids(session: Session, situation_id: int) -> dict[str, int]:
    """The scenarios not archived, key -> id, in display order."""
    return dict(session.execute(
        select(Scenario.key, Scenario.id).where(Scenario.situation_id == situation_id, Scenario.archived_at.is_(None))
        .order_by(Scenario.position, Scenario.id)).all())


def keys_in_use(session: Session, model, situation_id: int) -> list[str]:
    return list(session.execute(select(model.key).where(model.situation_id == situation_id)).scalars())


def hold_key_lock(session: Session, model, situation_id: int) -> None:
    """Serialise choosing a new key for `model` rows of a situation until the transaction ends.

    SQLite write transactions already start with BEGIN IMMEDIATE (one writer at a time); PostgreSQL
    runs writers side by side, so there a transaction-scoped advisory lock does the same."""
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"),
                        {"a": zlib.crc32(model.__tablename__.encode()) & 0x7FFFFFFF, "b": situation_id})


def free_key(session: Session, model, situation_id: int, prefix: str, next_key) -> str:
    """An unused generated key: one past the row count is usually free (an indexed lookup or two);
    when a bundle's own keys keep colliding, one past the highest in use."""
    hold_key_lock(session, model, situation_id)
    count = session.execute(select(func.count()).select_from(model).where(model.situation_id == situation_id)).scalar()
    for n in range(count + 1, count + 6):
        candidate = f"{prefix}{n}"
        if session.execute(select(model.id).where(model.situation_id == situation_id, model.key == candidate)
                           ).first() is None:
            return candidate
    return next_key(prefix, keys_in_use(session, model, situation_id))


def source_text(session: Session, source_id: int) -> SourceTextRow | None:
    """A live source's situation and text."""
    row = session.execute(select(Source.situation_id, Source.text)
                          .where(Source.id == source_id, Source.deleted_at.is_(None))).first()
    return SourceTextRow(*row) if row else None


def source_published(session: Session, source_id: int | None):
    """A source's publication date (None: no source, or it has no date)."""
    if source_id is None:
        return None
    return session.execute(select(Source.published_at).where(Source.id == source_id)).scalar()


def insert_evidence(session: Session, situation_id: int, key: str, fields: dict,
                    ratings: dict[int, str]) -> Evidence:
    ev = Evidence(situation_id=situation_id, key=key, logged_at=utc_now(), **fields)
    session.add(ev)
    session.flush()
    for scenario_id, value in ratings.items():
        session.add(Rating(evidence_id=ev.id, scenario_id=scenario_id, value=value))
    return ev


def update_evidence(session: Session, evidence_id: int, fields: dict, ratings: dict[int, str]) -> Evidence:
    ev = session.get(Evidence, evidence_id)
    if ev is None:
        raise LookupError(f"no evidence with id {evidence_id}")
    for name, value in fields.items():
        setattr(ev, name, value)
    current = {r.scenario_id: r for r in session.execute(     # an archived scenario's ratings are kept
        select(Rating).join(Scenario, Scenario.id == Rating.scenario_id)
        .where(Rating.evidence_id == evidence_id, Scenario.archived_at.is_(None))).scalars()}
    for scenario_id, row in current.items():
        if scenario_id not in ratings:
            session.delete(row)
        elif row.value != ratings[scenario_id]:
            row.value = ratings[scenario_id]
    for scenario_id, value in ratings.items():
        if scenario_id not in current:
            session.add(Rating(evidence_id=evidence_id, scenario_id=scenario_id, value=value))
    return ev


def set_rating(session: Session, evidence_id: int, scenario_id: int, value: str | None) -> str | None:
    """Set (or clear, with None) one rating; returns the value it had."""
    row = session.get(Rating, (evidence_id, scenario_id))
    old = row.value if row else None
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Rating(evidence_id=evidence_id, scenario_id=scenario_id, value=value))
    else:
        row.value = value
    return old


def set_deleted(session: Session, model, row_id: int, deleted: bool) -> None:
    row = session.get(model, row_id)
    if row is None:
        raise LookupError(f"no {model.__tablename__} with id {row_id}")
    row.deleted_at = utc_now() if deleted else None


def insert_source(session: Session, situation_id: int, key: str, fields: dict) -> Source:
    src = Source(situation_id=situation_id, key=key, imported_at=utc_now(), **fields)
    session.add(src)
    session.flush()
    return src


def update_source(session: Session, source_id: int, fields: dict) -> Source:
    src = session.get(Source, source_id)
    if src is None:
        raise LookupError(f"no source with id {source_id}")
    for name, value in fields.items():
        setattr(src, name, value)
    return src


def insert_judgements(session: Session, made_at: datetime, analyst: str, rationale: str,
                      probabilities: dict[int, float], basis: list[int], stated_on: date) -> list[int]:
    ids = []
    for scenario_id, p in probabilities.items():
        j = Judgement(scenario_id=scenario_id, probability=p, made_at=made_at, stated_on=stated_on, analyst=analyst,
                      rationale=rationale)
        session.add(j)
        session.flush()
        ids.append(j.id)
        for evidence_id in basis:
            session.add(JudgementEvidence(judgement_id=j.id, evidence_id=evidence_id))
    return ids


def delete_judgements(session: Session, judgement_ids: list[int]) -> None:
    basis = session.execute(select(JudgementEvidence.judgement_id, JudgementEvidence.evidence_id)
                            .where(JudgementEvidence.judgement_id.in_(judgement_ids))).all()
    session.execute(delete(JudgementEvidence).where(JudgementEvidence.judgement_id.in_(judgement_ids)))
    for judgement_id, evidence_id in basis:
        log_core(session, "judgement_evidence", "delete", [None],
                 {"judgement_id": judgement_id, "evidence_id": evidence_id})
    for j in session.execute(select(Judgement).where(Judgement.id.in_(judgement_ids))).scalars():
        session.delete(j)


def evidence_logged_since(session: Session, situation_id: int, since: datetime | None,
                          until: datetime | None = None) -> list[int]:
    """Ids of live evidence logged in (since, until]."""
    q = select(Evidence.id).where(Evidence.situation_id == situation_id, Evidence.deleted_at.is_(None))
    if since is not None:
        q = q.where(Evidence.logged_at > since)
    if until is not None:
        q = q.where(Evidence.logged_at <= until)
    return list(session.execute(q.order_by(Evidence.id)).scalars())



def set_group(session: Session, evidence_id: int, group: str | None) -> str | None:
    """Put one item in `group` (None: in none), through the ORM so the change log has it; the old group."""
    ev = session.get(Evidence, evidence_id)
    if ev is None:
        raise LookupError(f"no evidence with id {evidence_id}")
    old = ev.group_key
    ev.group_key = group
    return old


def group_members(session: Session, situation_id: int, group: str) -> list[tuple[int, str]]:
    """(id, key) of the live items in `group`, oldest first (the group index)."""
    return [(r[0], r[1]) for r in session.execute(
        select(Evidence.id, Evidence.key).where(Evidence.situation_id == situation_id, Evidence.group_key == group,
                                                Evidence.deleted_at.is_(None)).order_by(Evidence.id))]


def group_in_use(session: Session, situation_id: int, group: str) -> bool:
    """Whether any item of the situation, deleted ones too (an undo brings them back), is in `group`."""
    return session.execute(select(Evidence.id).where(Evidence.situation_id == situation_id,
                                                     Evidence.group_key == group).limit(1)).first() is not None
