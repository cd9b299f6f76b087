"""What changed in the database since a reader last looked: the window's only source of truth about change.

Every write, the window's own or another process's (a second window, the command line, a
team member), lands in the change log in the same transaction. A `ChangeWatcher` remembers
how far it has read; `catch_up()` turns the new entries into one `ChangeSet` that views read
to decide what to redraw. Polling is cheap: on SQLite the file's size and time are compared
first (no open), and the log is read only when they moved.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # the database layer is imported where it is read: screens import ChangeSet before it loads
    from desktop.store.engine import Database

# Tables whose changes move the scenario probabilities (and so the cards, dashboard, matrix, compare).
EVIDENCE_TABLES = frozenset({"evidence", "rating", "scenario", "situation", "source"})
INDICATOR_TABLES = frozenset({"indicator", "indicator_scenario", "observation"})
JUDGEMENT_TABLES = frozenset({"judgement", "judgement_evidence"})


@dataclass(frozen=True)
class ChangeSet:
    """The entries of the change log between two marks, summed up for views."""

    after: int
    mark: int
    rows: dict[str, frozenset[int]] = field(default_factory=dict)   # table -> row ids (None ids left out)
    tables: frozenset[str] = frozenset()
    situations: frozenset[int] = frozenset()
    unplaced: bool = False      # some change could not be placed in a situation: it may touch any
    everything: bool = False    # too many to list (a big import): redraw all

    @property
    def empty(self) -> bool:
        return not self.tables and not self.everything

    def touches(self, tables) -> bool:
        """Whether any of `tables` changed (always, when the set is too big to list)."""
        return self.everything or not self.tables.isdisjoint(tables)

    def concerns(self, situation_id: int | None) -> bool:
        """Whether a view of `situation_id` may have to redraw."""
        if self.empty:
            return False
        return self.everything or self.unplaced or situation_id in self.situations

    def ids(self, table: str) -> frozenset[int]:
        return self.rows.get(table, frozenset())


def changes_after(db: Database, after: int, limit: int = 5000) -> ChangeSet:
    """The changes logged after mark `after` (an empty set reaching the same mark when there are none)."""
    from desktop.store import change_feed

    with db.reading() as session:
        page = change_feed.read_after(session, after, limit)
    rows: dict[str, set[int]] = defaultdict(set)
    for entry in page.entries:
        ids = rows[entry.table]
        if entry.row_id is not None:
            ids.add(entry.row_id)
        elif entry.detail and "evidence_id" in entry.detail:
            ids.add(int(entry.detail["evidence_id"]))     # a rating: the item it rates
    return ChangeSet(after, page.mark, {t: frozenset(i) for t, i in rows.items()}, frozenset(rows),
                     page.situations, page.unplaced, page.truncated)


def change_mark(db: Database) -> int:
    from desktop.store import changelog

    with db.reading() as session:
        return changelog.watermark(session)


class ChangeWatcher:
    """Follows one database's change log from the moment it is made."""

    def __init__(self, db: Database):
        self.db = db
        self.mark = change_mark(db)
        self._signature = _signature(db)

    def catch_up(self) -> ChangeSet | None:
        """The changes since the last call (None: nothing new). Reads past a big batch in one go."""
        self._signature = _signature(self.db)
        changes = changes_after(self.db, self.mark)
        if changes.empty:
            return None
        self.mark = changes.mark
        if changes.everything:          # a big batch: skip to the end, the readers redraw everything anyway
            self.mark = change_mark(self.db)
        return changes

    def poll(self) -> ChangeSet | None:
        """Like `catch_up`, but without opening a SQLite file whose size and time have not moved."""
        signature = _signature(self.db)
        if signature is not None and signature == self._signature:
            return None
        return self.catch_up()


def _signature(db: Database):
    from desktop.store import change_feed

    return change_feed.file_signature(db.path)
