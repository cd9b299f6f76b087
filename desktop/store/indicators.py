"""Indicator definitions and their observations: row writes for one user action, and column reads.

Writes go through the ORM (one row at a time) so the change log records them; a CSV import
goes through the bulk path and logs its rows itself. Reads hand back plain tuples, and the
observations of a whole situation as columns (ISO text on SQLite), since an indicator may hold
a million of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
from sqlalchemy import Integer, String, cast, delete, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from desktop.domain.day_rules import default_reported
from desktop.store.bulk import insert_rows
from desktop.store.changelog import log_bulk
from desktop.store.rows import (
    ArchivedIndicatorRow, EvidenceKeyRow, EvidenceStateRow, IndicatorDefinitionRow, ObservationExportRow, ObservationRow,
)
from desktop.store.models import Evidence, Indicator, IndicatorScenario, Observation, Scenario
from desktop.store.types import utc_now
from desktop.store.writes import hold_key_lock

_CHUNK = 50_000
_IN_CHUNK = 10_000
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
DEFINITION = ("key", "name", "unit", "kind", "warn", "alert", "higher_is_worse", "description", "trend_days")


def indicator_id(session: Session, situation_id: int, key: str) -> int | None:
    return session.execute(select(Indicator.id).where(Indicator.situation_id == situation_id,
                                                      Indicator.key == key)).scalar()


def indicator_keys(session: Session, situation_id: int) -> list[str]:
    """The keys in use, read under the key lock: a new key is chosen from them in this transaction."""
    hold_key_lock(session, Indicator, situation_id)
    return list(session.execute(select(Indicator.key).where(Indicator.situation_id == situation_id)).scalars())


def definition(session: Session, indicator_id: int) -> IndicatorDefinitionRow | None:
    row = session.execute(select(Indicator.situation_id, Indicator.archived_at.is_not(None),
                                 *(getattr(Indicator, c) for c in DEFINITION))
                          .where(Indicator.id == indicator_id)).first()
    return IndicatorDefinitionRow(*row) if row else None


def links(session: Session, indicator_id: int) -> dict[str, int]:
    """Scenario key -> sign, for the scenarios not archived (an archived one's link is kept, unseen)."""
    return dict(session.execute(
        select(Scenario.key, IndicatorScenario.sign).join(Scenario, Scenario.id == IndicatorScenario.scenario_id)
        .where(IndicatorScenario.indicator_id == indicator_id, Scenario.archived_at.is_(None))).all())


def insert_indicator(session: Session, situation_id: int, fields: dict) -> int:
    last = session.execute(select(Indicator.position).where(Indicator.situation_id == situation_id)
                           .order_by(Indicator.position.desc()).limit(1)).scalar()
    row = Indicator(situation_id=situation_id, position=(last or 0) + 1, **fields)
    session.add(row)
    session.flush()
    return row.id


def _update(session: Session, model, row_id: int, fields: dict) -> None:
    """Set `fields` on one row through the ORM (so the change log records old and new values)."""
    row = session.get(model, row_id)
    for name, value in fields.items():
        setattr(row, name, value)
    session.flush()


def update_indicator(session: Session, indicator_id: int, fields: dict) -> None:
    _update(session, Indicator, indicator_id, fields)


def set_links(session: Session, indicator_id: int, signs: dict[int, int]) -> None:
    """Replace the indicator's links to the scenarios not archived with `signs` (scenario id -> +1 / -1)."""
    for row in session.execute(select(IndicatorScenario).join(Scenario, Scenario.id == IndicatorScenario.scenario_id)
                               .where(IndicatorScenario.indicator_id == indicator_id,
                                      Scenario.archived_at.is_(None))).scalars():
        if row.scenario_id not in signs:
            session.delete(row)
        elif row.sign != signs[row.scenario_id]:
            row.sign = signs[row.scenario_id]
    have = set(session.execute(select(IndicatorScenario.scenario_id)
                               .where(IndicatorScenario.indicator_id == indicator_id)).scalars())
    for scenario_id, sign in signs.items():
        if scenario_id not in have:
            session.add(IndicatorScenario(indicator_id=indicator_id, scenario_id=scenario_id, sign=sign))
    session.flush()


def set_archived(session: Session, indicator_id: int, archived: bool) -> None:
    row = session.get(Indicator, indicator_id)
    row.archived_at = utc_now() if archived else None
    session.flush()


def archived(session: Session, situation_id: int) -> list[ArchivedIndicatorRow]:
    return [ArchivedIndicatorRow(*r) for r in session.execute(
        select(Indicator.id, Indicator.key, Indicator.name)
        .where(Indicator.situation_id == situation_id, Indicator.archived_at.is_not(None))
        .order_by(Indicator.position, Indicator.id))]


# --- observations ---------------------------------------------------------------------------

def _known() -> object:
    """The day a figure counts from: its reported date (a row no write path has set yet: its own day)."""
    return func.coalesce(Observation.reported_at, Observation.observed_at)


def last_day(session: Session, indicator_id: int, on_or_before: date | None = None) -> date | None:
    """The day of the indicator's latest figure (among those reported on or before `on_or_before`, when given:
    a figure made known later was not there to read then)."""
    stmt = select(func.max(Observation.observed_at)).where(Observation.indicator_id == indicator_id)
    if on_or_before is not None:
        stmt = stmt.where(_known() <= on_or_before)
    return session.execute(stmt).scalar()


def value_on_or_before(session: Session, indicator_id: int, day) -> float | None:
    """The latest figure dated on or before `day` (the newest entered among that day's)."""
    return session.execute(select(Observation.value).where(Observation.indicator_id == indicator_id,
                                                           Observation.observed_at <= day)
                           .order_by(Observation.observed_at.desc(), Observation.id.desc()).limit(1)).scalar()


def observation_columns(session: Session, situation_id: int, as_of: date | None = None,
                        indicator_id: int | None = None, since: date | None = None
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(indicator ids, day ordinals, values, observation ids) of every observation of the situation's live
    indicators (or of one indicator), by indicator, then day, then id, as int64 / float64 arrays; with
    `as_of`, only the figures reported on or before it (replays and crossings use no hindsight, design §4).

    Read in chunks straight into the arrays: a million rows as Python tuples would cost several
    hundred MB for a moment, the arrays 32 MB."""
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    # SQLite hands the day over as its ordinal (julianday of 0001-01-01 is 1721425.5): no text to parse.
    day = (cast(func.julianday(Observation.observed_at) - literal_column("1721424.5"), Integer) if sqlite
           else type_coerce(Observation.observed_at, String))
    stmt = (select(Observation.indicator_id, day, Observation.value, Observation.id)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(Indicator.situation_id == situation_id, Indicator.archived_at.is_(None))
            # Indicator.id, not Observation.indicator_id: the same order, read straight off the
            # (indicator_id, observed_at) index instead of sorted in a temporary B-tree (1.7 -> 1.0 s at 1M).
            .order_by(Indicator.id, Observation.observed_at, Observation.id))
    if as_of is not None:
        stmt = stmt.where(_known() <= as_of)
    if indicator_id is not None:
        stmt = stmt.where(Observation.indicator_id == indicator_id)
    if since is not None:
        stmt = stmt.where(Observation.observed_at >= since)
    parts: list[tuple[np.ndarray, ...]] = []
    result = conn.execute(stmt)
    try:
        while rows := result.cursor.fetchmany(_CHUNK):     # plain DBAPI tuples, no Row per observation
            if sqlite:       # all numbers: one float array per chunk (ids and days are exact below 2**53)
                block = np.array(rows, dtype=np.float64)
                parts.append((block[:, 0].astype(np.int64), block[:, 1].astype(np.int64), block[:, 2].copy(),
                              block[:, 3].astype(np.int64)))
            else:
                owners, days, values, ids = zip(*rows)
                parts.append((np.array(owners, dtype=np.int64),
                              np.array(days, dtype="datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL,
                              np.array(values, dtype=np.float64), np.array(ids, dtype=np.int64)))
            del rows
    finally:
        result.close()
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0, dtype=np.float64), empty.copy()
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(4))


def qualifiers(session: Session, observation_ids: Sequence[int]) -> dict[int, str | None]:
    return dict(session.execute(select(Observation.id, Observation.qualifier)
                                .where(Observation.id.in_(list(observation_ids)))).all())


def observation_rows(session: Session, observation_ids: Sequence[int]) -> list[ObservationRow]:
    """The figures with the key of the evidence each cites, any order."""
    ids = list(observation_ids)
    out: list[ObservationRow] = []
    for start in range(0, len(ids), _IN_CHUNK):        # SQLite takes at most 250,000 values in an IN list
        out += [ObservationRow(*r) for r in session.execute(
            select(Observation.id, Observation.indicator_id, Observation.observed_at, Observation.value,
                   Observation.qualifier, Observation.evidence_id, Evidence.key, Observation.note,
                   Observation.reported_at)
            .outerjoin(Evidence, Evidence.id == Observation.evidence_id)
            .where(Observation.id.in_(ids[start:start + _IN_CHUNK])))]
    return out


def all_observation_rows(session: Session, indicator_id: int) -> list[ObservationExportRow]:
    """One indicator's figures, oldest first (for export)."""
    return [ObservationExportRow(*r) for r in session.execute(
        select(Observation.observed_at, Observation.value, Observation.qualifier, Evidence.key, Observation.note)
        .outerjoin(Evidence, Evidence.id == Observation.evidence_id)
        .where(Observation.indicator_id == indicator_id)
        .order_by(Observation.observed_at, Observation.id))]


def _evidence_reported(session: Session, evidence_ids) -> dict[int, date]:
    ids = sorted({i for i in evidence_ids if i is not None})
    out: dict[int, date] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        out.update(session.execute(select(Evidence.id, Evidence.reported_at)
                                   .where(Evidence.id.in_(ids[start:start + _IN_CHUNK]))).all())
    return out


def figure_reported(session: Session, observed_at: date, evidence_id: int | None) -> date:
    """When a figure became known, if not given (design §4): its evidence's reported date, else its own day;
    never before its own day."""
    known = _evidence_reported(session, [evidence_id]).get(evidence_id) if evidence_id is not None else None
    return default_reported(observed_at, known)


def follow_evidence_reported(session: Session, evidence_id: int, old: date | None, new: date) -> None:
    """An item's reported date changed: its figures that held the default (its old date, or their own day
    when later) take the new default; a figure given a reported date of its own (a bundle's) keeps it."""
    rows = session.execute(select(Observation).where(Observation.evidence_id == evidence_id)).scalars().all()
    for row in rows:
        if row.reported_at is None or row.reported_at == default_reported(row.observed_at, old):
            fresh = default_reported(row.observed_at, new)
            if fresh != row.reported_at:
                row.reported_at = fresh
    session.flush()


def insert_observation(session: Session, indicator_id: int, observed_at, value: float, qualifier: str | None,
                       evidence_id: int | None, note: str | None = None, observation_id: int | None = None,
                       reported_at: date | None = None) -> int:
    """A new observation (`observation_id` puts back one that an undo removed, under its old id)."""
    row = Observation(id=observation_id, indicator_id=indicator_id, observed_at=observed_at, value=value,
                      qualifier=qualifier, evidence_id=evidence_id, note=note,
                      reported_at=reported_at or figure_reported(session, observed_at, evidence_id))
    session.add(row)
    session.flush()
    return row.id


def update_observation(session: Session, observation_id: int, fields: dict) -> None:
    """An edit; without a reported date in `fields`, the figure's is derived again from its day and evidence."""
    if fields.get("reported_at") is None:
        row = session.get(Observation, observation_id)
        fields = {**fields, "reported_at": figure_reported(session, fields.get("observed_at", row.observed_at),
                                                           fields.get("evidence_id", row.evidence_id))}
    _update(session, Observation, observation_id, fields)


def delete_observation(session: Session, observation_id: int) -> None:
    row = session.get(Observation, observation_id)
    if row is not None:
        session.delete(row)
        session.flush()


def insert_observations(session: Session, indicator_id: int, rows: list[dict], who: str, via: str) -> list[int]:
    """Many observations in one statement (a CSV import), logged as one batch; returns their ids.
    Rows that carry an "id" are put back under it (the redo of an undone import)."""
    before = session.execute(select(Observation.id).order_by(Observation.id.desc()).limit(1)).scalar() or 0
    known = _evidence_reported(session, (r.get("evidence_id") for r in rows if r.get("reported_at") is None))
    insert_rows(session, Observation, [
        {"indicator_id": indicator_id, **r,
         "reported_at": r.get("reported_at") or default_reported(r["observed_at"], known.get(r.get("evidence_id")))}
        for r in rows])
    ids = [r["id"] for r in rows] if rows and "id" in rows[0] else list(session.execute(select(Observation.id).where(Observation.indicator_id == indicator_id,
                                                            Observation.id > before)
                               .order_by(Observation.id)).scalars())
    log_bulk(session, who, "observation", "insert", ids, {"via": via})
    return ids


def delete_observations(session: Session, observation_ids: Sequence[int], who: str, via: str) -> None:
    ids = list(observation_ids)
    for start in range(0, len(ids), _IN_CHUNK):
        session.execute(delete(Observation).where(Observation.id.in_(ids[start:start + _IN_CHUNK])))
    log_bulk(session, who, "observation", "delete", ids, {"via": via})


def evidence_by_keys(session: Session, situation_id: int, keys: Sequence[str]) -> dict[str, int]:
    return dict(session.execute(select(Evidence.key, Evidence.id).where(
        Evidence.situation_id == situation_id, Evidence.key.in_(list(keys)), Evidence.deleted_at.is_(None))).all())


def evidence_of(session: Session, evidence_id: int) -> EvidenceStateRow | None:
    row = session.execute(select(Evidence.situation_id, Evidence.observed_at, Evidence.deleted_at.is_(None))
                          .where(Evidence.id == evidence_id)).first()
    return EvidenceStateRow(*row) if row else None



def evidence_source(session: Session, evidence_id: int) -> int | None:
    """The source an evidence item cites (None: none, or no such item)."""
    return session.execute(select(Evidence.source_id).where(Evidence.id == evidence_id)).scalar()


def evidence_key(session: Session, evidence_id: int) -> EvidenceKeyRow | None:
    """A live evidence item's key and quote."""
    row = session.execute(select(Evidence.key, Evidence.quote)
                          .where(Evidence.id == evidence_id, Evidence.deleted_at.is_(None))).first()
    return EvidenceKeyRow(*row) if row else None
