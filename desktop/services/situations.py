"""Which situation is open, and the seed case an empty database starts with."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.errors import NotFound
from desktop.services.shipped import data_file
from desktop.store import queries
from desktop.store.engine import Database

SEED_BUNDLE = ("cases", "us-venezuela-2025-11.signpost.json")   # in data/, wherever Signpost is installed
LAST_OPENED = "last_situation_id"


@dataclass(frozen=True)
class SituationInfo:
    id: int
    title: str
    description: str


def ensure_seeded(db: Database) -> int | None:
    """Import the seed case into a database with no situation; returns its id, or None if not empty.

    Checked again under the write lock, so two processes opening a new file seed it once."""
    with db.reading() as session:
        if queries.count_situations(session):
            return None
    from desktop.services.bundles import load_bundle_file
    from desktop.store.bundle_io import write_bundle
    from desktop.store.engine import current_user

    bundle = load_bundle_file(data_file(*SEED_BUNDLE))
    with db.transaction() as session:
        if queries.count_situations(session):
            return None
        return write_bundle(session, bundle, current_user())["situation_id"]


def list_situations(db: Database) -> list[SituationInfo]:
    with db.reading() as session:
        return [SituationInfo(i, t, "") for i, t in queries.situations(session)]


def resolve_situation(db: Database, situation_id: int | None = None, remember: bool = True) -> SituationInfo:
    """The situation asked for, else the one last opened, else the first; remembered as last opened."""
    with (db.transaction() if remember else db.reading()) as session:
        if situation_id is None:
            last = queries.get_state(session, LAST_OPENED)
            row = queries.situation(session, int(last)) if last and last.isdigit() else None
            if row is None:
                ids = queries.situations(session)
                if not ids:
                    raise NotFound("this database holds no situation; import a bundle first")
                row = queries.situation(session, ids[0][0])
        else:
            row = queries.situation(session, situation_id)
            if row is None:
                raise NotFound(f"--situation: no situation with id {situation_id}")
        if remember:
            queries.set_state(session, LAST_OPENED, str(row[0]))
        return SituationInfo(*row)
