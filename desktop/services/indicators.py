"""Indicators: their definitions, observations, status and trend, and the CSV way in and out.

Series are handed over as numpy arrays (day ordinals, values, observation ids), never as one
object per observation: an indicator may hold a million of them, and the charts draw arrays.
The details of a point (qualifier, evidence, note) are read by id when someone looks at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import numpy as np

from desktop.domain.crossings import crossing_draft
from desktop.domain.evidence_rules import EvidenceDraft, Problem
from desktop.domain.indicator_rules import (
    IndicatorDraft, ObservationDraft, check_indicator, check_observation, indicator_key,
)
from desktop.domain.indicators import IndicatorKind, Reading, Status, crossed, read_series, status_of
from desktop.domain.observation_csv import CsvProblem, observations_csv, parse_observations_csv
from desktop.domain.text_safety import clean_fields
from desktop.services.errors import InputError, NotFound, ValidationFailed
from desktop.services.indicator_series import IndicatorSeries
from desktop.services.output_files import write_text_output
from desktop.store import indicators as store
from desktop.store import queries, writes
from desktop.store.engine import Database, current_user

MAX_CSV_BYTES = 200 * 1024 * 1024


class IndicatorName(NamedTuple):
    """An indicator in a pick list."""

    id: int
    key: str
    name: str
    unit: str


class ArchivedIndicator(NamedTuple):
    id: int
    key: str
    name: str


class EvidenceChoice(NamedTuple):
    """An evidence item a figure may cite: its key and the start of its quote."""

    id: int
    key: str
    quote: str


@dataclass(frozen=True)
class ObservationRow:
    id: int
    indicator_id: int
    at: date
    value: float
    qualifier: str | None
    evidence_id: int | None
    evidence: str | None      # the evidence item's key
    note: str | None
    reported_at: date | None = None   # when the figure became known (design §4)


@dataclass(frozen=True)
class IndicatorDefinition:
    id: int
    key: str
    situation_id: int
    archived: bool
    draft: IndicatorDraft


@dataclass(frozen=True)
class ObservationAdded:
    id: int
    indicator: str              # key
    indicator_name: str
    before: Status
    after: Status
    latest: float | None
    scenarios: dict[str, int]   # the indicator's linked scenarios (key -> sign)
    # A running total recorded below the figure before it: stored as reported, flagged as a correction.
    corrects: float | None = None
    end: date | None = None     # the day the status was read at: an event count's window ends there

    @property
    def crossed(self) -> bool:
        return crossed(self.before, self.after)


# --- reading --------------------------------------------------------------------------------

def window_end(as_of: date | None = None, today: date | None = None) -> date:
    """The day every indicator window ends at: the As-of date when one is set, else today."""
    return as_of if as_of is not None else (today or date.today())


def indicator_overview(db: Database, situation_id: int, as_of: date | None = None,
                       today: date | None = None) -> list[IndicatorSeries]:
    """Every live indicator of the situation, in display order, from observations made by `as_of`, read
    over windows ending at `as_of`, else at `today` (the real today unless a test gives one)."""
    end = window_end(as_of, today)
    with db.reading() as session:
        rows = queries.indicators(session, situation_id)
        links: dict[int, dict[str, int]] = {}
        for ind_id, key, sign in queries.indicator_links(session, situation_id):
            links.setdefault(ind_id, {})[key] = sign
        owners, days, values, ids = store.observation_columns(session, situation_id, as_of)
        # Rows come sorted by indicator: each indicator's observations are one slice.
        bounds = {int(i): (int(a), int(b)) for i, a, b in zip(*_runs(owners))}
        last_ids = [int(ids[b - 1]) for a, b in bounds.values()]
        qualifier = store.qualifiers(session, last_ids) if last_ids else {}
    out = []
    for ind_id, key, name, unit, kind, warn, alert, higher, description, trend_days in rows:
        a, b = bounds.get(ind_id, (0, 0))
        out.append(_series(ind_id, key, name, unit, IndicatorKind(kind), warn, alert, higher, description,
                           trend_days, links.get(ind_id, {}), days[a:b], values[a:b], ids[a:b], qualifier, end))
    return out


def _runs(owners: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value, start, end) of each run of equal values in a sorted array."""
    if not len(owners):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts = np.flatnonzero(np.diff(owners)) + 1
    starts = np.concatenate(([0], starts))
    ends = np.concatenate((starts[1:], [len(owners)]))
    return owners[starts], starts, ends


def _series(ind_id, key, name, unit, kind, warn, alert, higher, description, trend_days, links, days, values, ids,
            qualifier, end: date) -> IndicatorSeries:
    reading = read_series(days, values, kind, trend_days, end=end)
    return IndicatorSeries(
        id=ind_id, key=key, name=name, unit=unit, kind=kind, warn=warn, alert=alert, higher_is_worse=higher,
        description=description, scenarios=dict(links), days=days, values=values, observation_ids=ids,
        latest_at=reading.latest_at, latest=reading.value,
        latest_qualifier=qualifier.get(int(ids[-1])) if len(ids) else None,
        trend=None if reading.trend is None else reading.trend.change,
        status=status_of(reading.value, warn, alert, higher), trend_days=trend_days, end=end,
        trend_span=None if reading.trend is None else reading.trend.days, stale=reading.stale, reading=reading)


def indicator_names(db: Database, situation_id: int) -> list[IndicatorName]:
    """The live indicators, in display order: for pick lists (no figures read)."""
    with db.reading() as session:
        return [IndicatorName(r[0], r[1], r[2], r[3]) for r in queries.indicators(session, situation_id)]


def find_indicator(db: Database, situation_id: int, ref: str) -> IndicatorDefinition:
    """An indicator named by its key or its id (the command line accepts either)."""
    with db.reading() as session:
        found = store.indicator_id(session, situation_id, ref)
        if found is None and str(ref).isdigit():
            row = store.definition(session, int(ref))
            found = int(ref) if row and row[0] == situation_id else None
    if found is None:
        raise NotFound(f"indicator: no indicator {ref!r} in situation {situation_id}")
    return get_indicator(db, found)


def get_indicator(db: Database, indicator_id: int) -> IndicatorDefinition:
    with db.reading() as session:
        row = store.definition(session, indicator_id)
        if row is None:
            raise NotFound(f"indicator {indicator_id}: no such indicator")
        signs = store.links(session, indicator_id)
    situation_id, is_archived, key, name, unit, kind, warn, alert, higher, description, trend_days = row
    return IndicatorDefinition(indicator_id, key, situation_id, bool(is_archived), IndicatorDraft(
        name=name, unit=unit, kind=kind, warn=warn, alert=alert, higher_is_worse=bool(higher),
        description=description, scenarios=signs, trend_days=trend_days))


def archived_indicators(db: Database, situation_id: int) -> list[ArchivedIndicator]:
    with db.reading() as session:
        return [ArchivedIndicator(*r) for r in store.archived(session, situation_id)]


def evidence_choices(db: Database, situation_id: int, limit: int = 500,
                     include: int | None = None) -> list[EvidenceChoice]:
    """The newest live evidence items, for the figure dialog's pick list, with
    `include` (the item a figure already cites) added when it is older than those."""
    with db.reading() as session:
        rows = queries.recent_evidence(session, situation_id, limit)
        if include is not None and include not in {r[0] for r in rows}:
            key = store.evidence_key(session, include)
            if key is not None:
                rows.append((include, key[0], key[1]))
    return [EvidenceChoice(i, k, " ".join(q.split())[:60]) for i, k, q in rows]


def observation_rows(db: Database, observation_ids) -> list[ObservationRow]:
    """The observations with these ids, in the order asked (a table page, a hovered point)."""
    ids = [int(i) for i in observation_ids]
    with db.reading() as session:
        found = {r[0]: ObservationRow(*r) for r in store.observation_rows(session, ids)}
    return [found[i] for i in ids if i in found]


# --- indicator definitions ------------------------------------------------------------------

def _definition_fields(session, situation_id: int, draft: IndicatorDraft) -> tuple[dict, dict[int, int]]:
    draft = clean_fields(draft)
    scenarios = writes.scenario_ids(session, situation_id)
    problems = check_indicator(draft, list(scenarios))
    if problems:
        raise ValidationFailed(problems, "indicator")
    fields = {"name": draft.name.strip(), "unit": draft.unit.strip(), "kind": draft.kind,
              "warn": None if draft.warn is None else float(draft.warn),
              "alert": None if draft.alert is None else float(draft.alert),
              "higher_is_worse": bool(draft.higher_is_worse), "description": draft.description.strip(),
              "trend_days": int(draft.trend_days)}
    return fields, {scenarios[k]: int(sign) for k, sign in draft.scenarios.items()}


def create_indicator(db: Database, situation_id: int, draft: IndicatorDraft) -> IndicatorDefinition:
    """A new indicator (key made from the name); one transaction."""
    with db.transaction() as session:
        fields, signs = _definition_fields(session, situation_id, draft)
        key = indicator_key(fields["name"], set(store.indicator_keys(session, situation_id)))
        indicator_id = store.insert_indicator(session, situation_id, {"key": key, **fields})
        store.set_links(session, indicator_id, signs)
    return get_indicator(db, indicator_id)


def update_indicator(db: Database, indicator_id: int, draft: IndicatorDraft) -> IndicatorDefinition:
    with db.transaction() as session:
        row = store.definition(session, indicator_id)
        if row is None:
            raise NotFound(f"indicator {indicator_id}: no such indicator")
        fields, signs = _definition_fields(session, row[0], draft)
        store.update_indicator(session, indicator_id, fields)
        store.set_links(session, indicator_id, signs)
    return get_indicator(db, indicator_id)


def set_archived(db: Database, indicator_id: int, archived: bool) -> None:
    """Archive (hide, keeping every observation) or restore an indicator."""
    with db.transaction() as session:
        if store.definition(session, indicator_id) is None:
            raise NotFound(f"indicator {indicator_id}: no such indicator")
        store.set_archived(session, indicator_id, archived)


# --- observations ---------------------------------------------------------------------------

def _status_of_one(session, situation_id: int, indicator_id: int, end: date
                   ) -> tuple[Status, float | None, int | None]:
    """(status, current value, id of the latest figure) of one indicator, read at `end`."""
    row = store.definition(session, indicator_id)
    _sid, _arch, _key, _name, _unit, kind, warn, alert, higher, _desc, trend_days = row
    kind = IndicatorKind(kind)
    # The status needs only the latest figure (levels, totals) or the window (events): read no more.
    last = store.last_day(session, indicator_id, on_or_before=end)
    if last is None:
        return status_of(None, warn, alert, higher), None, None
    since = end - timedelta(days=trend_days) if kind is IndicatorKind.EVENTS else last
    _owners, days, values, ids = store.observation_columns(session, situation_id, as_of=end,
                                                           indicator_id=indicator_id, since=since)
    # An event count with no figure in its window counts 0 events (it has figures, older ones).
    latest = read_series(days, values, kind, trend_days, end=end).value if len(days) else 0.0
    return status_of(latest, warn, alert, higher), latest, (int(ids[-1]) if len(ids) else None)


def _checked_observation(session, situation_id: int, draft: ObservationDraft, today: date | None,
                         kind: str | None) -> None:
    problems = check_observation(draft, today or date.today(), kind)
    if draft.evidence_id is not None:
        found = store.evidence_of(session, draft.evidence_id)
        if found is None or found[0] != situation_id or not found[2]:
            problems.append(Problem("evidence", f"Evidence item {draft.evidence_id} is not in this situation's log."))
    if problems:
        raise ValidationFailed(problems, "observation")


def _observation_fields(draft: ObservationDraft) -> dict:
    draft = clean_fields(draft)
    return {"observed_at": draft.observed_at, "value": float(draft.value),
            "qualifier": (draft.qualifier or "").strip() or None, "evidence_id": draft.evidence_id,
            "note": (draft.note or "").strip() or None}


def indicator_status(db: Database, situation_id: int, indicator_ref: str, today: date | None = None) -> Status:
    """Where the indicator stands now (`today`, the real today unless given), read from its last figures only."""
    definition = find_indicator(db, situation_id, indicator_ref)
    with db.reading() as session:
        return _status_of_one(session, situation_id, definition.id, window_end(None, today))[0]


class Crossing(NamedTuple):
    """A figure that took an indicator past a threshold, and the figure itself."""

    added: ObservationAdded
    figure: ObservationDraft


def crossing_since(db: Database, situation_id: int, indicator_ref: str, before: Status,
                   today: date | None = None) -> Crossing | None:
    """When figures recorded some other way (a suggestion accepted, a CSV file) left the indicator
    worse off than `before` (read at `today`): the crossing, told of its latest figure, as
    `add_observation` tells it."""
    definition = find_indicator(db, situation_id, indicator_ref)
    end = window_end(None, today)
    with db.reading() as session:
        after, latest, last_id = _status_of_one(session, situation_id, definition.id, end)
        if not crossed(before, after) or last_id is None:
            return None
    row = observation_rows(db, [last_id])[0]
    added = ObservationAdded(row.id, definition.key, definition.draft.name, before, after, latest,
                             dict(definition.draft.scenarios), end=end)
    return Crossing(added, as_draft(row))


def crossing_evidence(db: Database, situation_id: int, crossing: Crossing) -> EvidenceDraft:
    """The evidence item a crossing offers to log, citing the source of the evidence the figure came from."""
    definition = find_indicator(db, situation_id, crossing.added.indicator).draft
    source_id = None
    if crossing.figure.evidence_id is not None:
        with db.reading() as session:
            source_id = store.evidence_source(session, crossing.figure.evidence_id)
    return crossing_draft(crossing.added, crossing.figure, definition, source_id)


def add_observation(db: Database, situation_id: int, indicator_ref: str, draft: ObservationDraft,
                    today: date | None = None, observation_id: int | None = None) -> ObservationAdded:
    """Record one figure; the result says whether it took the indicator past a threshold, as read at
    `today` (the real today unless given): a figure of long ago moves a level only if it is the
    latest, and an event count only if it falls in the window ending today."""
    definition = find_indicator(db, situation_id, indicator_ref)
    end = window_end(None, today)
    if definition.archived:
        raise InputError(f"indicator {definition.key}: archived (restore it first)")
    kind = definition.draft.kind
    with db.transaction() as session:
        _checked_observation(session, situation_id, draft, today, kind)
        before, _latest, _id = _status_of_one(session, situation_id, definition.id, end)
        previous = store.value_on_or_before(session, definition.id, draft.observed_at) \
            if kind == IndicatorKind.CUMULATIVE.value else None
        new_id = store.insert_observation(session, definition.id, observation_id=observation_id,
                                          **_observation_fields(draft))
        after, latest, _id = _status_of_one(session, situation_id, definition.id, end)
    corrects = previous if previous is not None and draft.value < previous else None
    return ObservationAdded(new_id, definition.key, definition.draft.name, before, after, latest,
                            dict(definition.draft.scenarios), corrects, end)


def edit_observation(db: Database, observation_id: int, draft: ObservationDraft, today: date | None = None) -> None:
    with db.transaction() as session:
        rows = store.observation_rows(session, [observation_id])
        if not rows:
            raise NotFound(f"observation {observation_id}: no such observation")
        row = store.definition(session, rows[0][1])
        _checked_observation(session, row[0], draft, today, row[5])
        store.update_observation(session, observation_id, _observation_fields(draft))


def delete_observation(db: Database, observation_id: int) -> ObservationRow:
    """Remove one figure; returns it as it was, so an undo can put it back under the same id."""
    with db.transaction() as session:
        rows = store.observation_rows(session, [observation_id])
        if not rows:
            raise NotFound(f"observation {observation_id}: no such observation")
        store.delete_observation(session, observation_id)
    return ObservationRow(*rows[0])


def restore_observation(db: Database, row: ObservationRow) -> None:
    with db.transaction() as session:
        store.insert_observation(session, row.indicator_id, row.at, row.value, row.qualifier, row.evidence_id,
                                 row.note, observation_id=row.id, reported_at=row.reported_at)


def as_draft(row: ObservationRow) -> ObservationDraft:
    return ObservationDraft(row.at, row.value, row.qualifier, row.evidence_id, row.note)


# --- CSV --------------------------------------------------------------------------------------

def _read_text(path: Path) -> str:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size > MAX_CSV_BYTES:
        raise InputError(f"{path}: larger than {MAX_CSV_BYTES // (1024 * 1024)} MB")
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path}: not a text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def import_observations_csv(db: Database, situation_id: int, indicator_ref: str, path: str | Path,
                            today: date | None = None) -> list[int]:
    """Every row of `date,value[,note]` (or a header naming date, value, note, qualifier, evidence), all or
    nothing: one bad row refuses the file, naming each bad line. Returns the new observations' ids."""
    path = Path(path)
    text = _read_text(path)
    definition = find_indicator(db, situation_id, indicator_ref)
    if definition.archived:
        raise InputError(f"indicator {definition.key}: archived (restore it first)")
    rows, problems = parse_observations_csv(text, today or date.today(), definition.draft.kind)
    with db.transaction() as session:
        keys = sorted({r.evidence for r in rows if r.evidence})
        evidence = store.evidence_by_keys(session, situation_id, keys) if keys else {}
        problems += [CsvProblem(r.line, f"no evidence item {r.evidence!r} in this situation")
                     for r in rows if r.evidence and r.evidence not in evidence]
        if problems:
            problems.sort(key=lambda p: p.line)
            shown = "; ".join(f"line {p.line}: {p.message}" if p.line else p.message for p in problems[:10])
            more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
            raise InputError(f"{path.name}: nothing imported, {len(problems)} bad row"
                             f"{'s' if len(problems) != 1 else ''}: {shown}{more}")
        return store.insert_observations(session, definition.id, [
            {"observed_at": r.observed_at, "value": r.value, "qualifier": r.qualifier,
             "evidence_id": evidence.get(r.evidence), "note": r.note} for r in rows],
            current_user(), f"CSV import of {path.name}")


def remove_observations(db: Database, observation_ids: list[int], via: str = "undo of a CSV import"
                        ) -> list[ObservationRow]:
    """Remove many figures in one transaction; returns them as they were (for a redo)."""
    rows = observation_rows(db, observation_ids)
    with db.transaction() as session:
        store.delete_observations(session, observation_ids, current_user(), via)
    return rows


def restore_observations(db: Database, rows: list[ObservationRow], via: str = "redo of a CSV import") -> None:
    """Put back figures `remove_observations` took out, under their old ids."""
    by_indicator: dict[int, list[dict]] = {}
    for r in rows:
        by_indicator.setdefault(r.indicator_id, []).append(
            {"id": r.id, "observed_at": r.at, "value": r.value, "qualifier": r.qualifier,
             "evidence_id": r.evidence_id, "note": r.note, "reported_at": r.reported_at})
    with db.transaction() as session:
        for indicator_id, dicts in by_indicator.items():
            store.insert_observations(session, indicator_id, dicts, current_user(), via)


def export_observations_csv(db: Database, situation_id: int, indicator_ref: str, path: str | Path) -> Path:
    definition = find_indicator(db, situation_id, indicator_ref)
    with db.reading() as session:
        rows = store.all_observation_rows(session, definition.id)
    return write_text_output(path, observations_csv(rows))

