"""Reading and writing a situation's own fields and its scenarios (archived ones too), for the
analyst's edits. ORM rows, so that the change log records every field that changed."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import Scenario, Situation
from desktop.store.types import utc_now


class SituationFieldsRow(NamedTuple):
    title: str
    description: str
    question: str
    opened_at: date | None
    horizon: date | None


class ScenarioStateRow(NamedTuple):
    id: int
    key: str
    name: str
    description: str
    prior: float
    prior_rationale: str
    archived: bool


def situation_fields(session: Session, situation_id: int) -> SituationFieldsRow | None:
    row = session.execute(select(Situation.title, Situation.description, Situation.question, Situation.opened_at,
                                 Situation.horizon).where(Situation.id == situation_id)).first()
    return SituationFieldsRow(*row) if row else None


def scenario_states(session: Session, situation_id: int) -> list[ScenarioStateRow]:
    """Every scenario, archived ones too, in display order."""
    return [ScenarioStateRow(r[0], r[1], r[2], r[3] or "", r[4], r[5] or "", r[6] is not None)
            for r in session.execute(
                select(Scenario.id, Scenario.key, Scenario.name, Scenario.description, Scenario.prior,
                       Scenario.prior_rationale, Scenario.archived_at)
                .where(Scenario.situation_id == situation_id).order_by(Scenario.position, Scenario.id))]


def insert_situation(session: Session, fields: dict) -> int:
    now = utc_now()
    row = Situation(created_at=now, updated_at=now, **fields)
    session.add(row)
    session.flush()
    return row.id


def update_situation(session: Session, situation_id: int, fields: dict) -> None:
    row = session.get(Situation, situation_id)
    if row is None:
        raise LookupError(f"no situation with id {situation_id}")
    changed = False
    for name, value in fields.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        row.updated_at = utc_now()


def save_scenarios(session: Session, situation_id: int, wanted: list[dict]) -> None:
    """Make the situation's scenarios `wanted` (dicts: key, name, description, prior, prior_rationale,
    archived), in that order: existing keys are updated, new ones inserted, keys not listed deleted
    (only undo removes a scenario; the analyst archives)."""
    rows = {s.key: s for s in session.execute(select(Scenario).where(Scenario.situation_id == situation_id)).scalars()}
    listed = {w["key"] for w in wanted}
    for key, row in rows.items():
        if key not in listed:
            session.delete(row)
    session.flush()
    now = utc_now()
    for position, w in enumerate(wanted):
        row = rows.get(w["key"])
        if row is None:
            row = Scenario(situation_id=situation_id, key=w["key"], name=w["name"], prior=w["prior"])
            session.add(row)
        for name in ("name", "description", "prior", "prior_rationale"):
            if getattr(row, name) != w[name]:
                setattr(row, name, w[name])
        if row.position != position:
            row.position = position
        if w["archived"] and row.archived_at is None:
            row.archived_at = now
        elif not w["archived"] and row.archived_at is not None:
            row.archived_at = None
