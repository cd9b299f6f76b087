"""Reading the change log as a feed: what was written after a mark, and in which situations.

The window learns of every write, its own or another process's, from here only. Rows
are placed in their situation at read time (through the row, or the row it belongs to),
so writers pay nothing extra; a row that is gone (a hard delete) cannot be placed and
says so, and readers then treat it as touching every situation.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import (
    ChangeLog, Evidence, Indicator, Judgement, Observation, Scenario, Source, Suggestion,
)


class ChangeEntry(NamedTuple):
    id: int
    table: str
    row_id: int | None
    action: str
    detail: dict | None


class FeedPage(NamedTuple):
    """Entries after a mark, the mark they reach, and where they belong."""

    entries: list[ChangeEntry]
    mark: int
    situations: frozenset[int]
    unplaced: bool          # some entry's situation could not be found (a hard-deleted row, a bulk write)
    truncated: bool         # more entries than asked for: readers should redraw everything


# Tables whose rows name their situation directly, and how the others reach one.
_DIRECT = {"scenario": Scenario, "source": Source, "evidence": Evidence, "indicator": Indicator}
_GLOBAL = {"app_state"}


def read_after(session: Session, after: int, limit: int = 5000) -> FeedPage:
    """Up to `limit` entries after `after`, oldest first, placed in their situations."""
    rows = session.execute(
        select(ChangeLog.id, ChangeLog.table_name, ChangeLog.row_id, ChangeLog.action, ChangeLog.detail)
        .where(ChangeLog.id > after).order_by(ChangeLog.id).limit(limit + 1)).all()
    truncated = len(rows) > limit
    entries = [ChangeEntry(*r) for r in rows[:limit]]
    if truncated:
        return FeedPage(entries, entries[-1].id, frozenset(), True, True)
    situations, unplaced = _place(session, entries)
    return FeedPage(entries, entries[-1].id if entries else after, frozenset(situations), unplaced, False)


def _place(session: Session, entries: list[ChangeEntry]) -> tuple[set[int], bool]:
    wanted: dict[str, set[int]] = {}
    evidence_ids: set[int] = set()
    unplaced = False
    found: set[int] = set()
    for e in entries:
        if e.table in _GLOBAL:
            continue
        if e.table == "situation" and e.row_id is not None:
            found.add(e.row_id)
        elif e.table in ("rating", "judgement_evidence") and e.detail and "evidence_id" in e.detail:
            evidence_ids.add(int(e.detail["evidence_id"]))
        elif e.table in ("indicator_scenario",) and e.detail and "indicator_id" in e.detail:
            wanted.setdefault("indicator", set()).add(int(e.detail["indicator_id"]))
        elif e.row_id is not None and e.table in (*_DIRECT, "observation", "suggestion", "judgement"):
            wanted.setdefault(e.table, set()).add(e.row_id)
        else:
            unplaced = True
    if evidence_ids:
        wanted.setdefault("evidence", set()).update(evidence_ids)
    for table, ids in wanted.items():
        placed = _situations_of(session, table, ids)
        found.update(placed.values())
        if len(placed) < len(ids):
            unplaced = True         # deleted since (or in the same batch): cannot tell where it was
    return found, unplaced


def _situations_of(session: Session, table: str, ids: set[int]) -> dict[int, int]:
    """{row id: situation id} of the rows of `table` that still exist, read in chunks of 500."""
    out: dict[int, int] = {}
    chunk = sorted(ids)
    for start in range(0, len(chunk), 500):
        out.update(dict(session.execute(_placing(table, chunk[start:start + 500])).all()))
    return out


def _placing(table: str, ids: list[int]):
    if table in _DIRECT:
        model = _DIRECT[table]
        return select(model.id, model.situation_id).where(model.id.in_(ids))
    if table == "observation":
        return (select(Observation.id, Indicator.situation_id)
                .join(Indicator, Indicator.id == Observation.indicator_id).where(Observation.id.in_(ids)))
    if table == "suggestion":
        return (select(Suggestion.id, Source.situation_id)
                .join(Source, Source.id == Suggestion.source_id).where(Suggestion.id.in_(ids)))
    return (select(Judgement.id, Scenario.situation_id)
            .join(Scenario, Scenario.id == Judgement.scenario_id).where(Judgement.id.in_(ids)))


def file_signature(path: Path | None) -> tuple | None:
    """What a commit to a SQLite file changes (size and time of the file and its WAL), read without opening
    it: the window polls this and reads the log only when it moved. None when there is no file."""
    if path is None:
        return None
    out = []
    for name in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(name)
            out.append((st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            out.append(None)
    return tuple(out)
