"""Migration 0008 (issue 13 §2): existing items and figures get the day they became known, and the
evidence table keeps its full-text triggers (a SQLite table rebuild would have dropped them)."""

from __future__ import annotations

from desktop.store.engine import open_database, resolve_location
from desktop.store.migrate import SCHEMA_HEAD
from tests.store.sqlite_files import make_revision_0007_with_dates, revision, scalar


def _rows(path, sql):
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_backfill_takes_the_sources_date_never_before_the_event(tmp_path):
    path = tmp_path / "old.db"
    make_revision_0007_with_dates(path)
    triggers = scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'evidence'")
    assert triggers > 0
    db = open_database(resolve_location(str(path)))
    db.close()
    assert revision(path) == SCHEMA_HEAD     # 0008 and every migration after it
    assert dict(_rows(path, "SELECT key, reported_at FROM evidence")) == {
        "e1": "2025-11-24",     # its source, published after the event
        "e2": "2025-11-20",     # its source is dated before the event: the event's own day
        "e3": "2025-11-19",     # no source: its own day
    }
    assert sorted(_rows(path, "SELECT observed_at, reported_at FROM observation")) == [
        ("2025-11-18", "2025-11-18"),      # cites nothing: its own day
        ("2025-11-20", "2025-11-24"),      # cites e1: known when e1 was
    ]
    assert scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'evidence'") \
        == triggers
