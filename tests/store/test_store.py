"""The store: migrations on open, pragmas, constraints, change log, bad database files."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop.store.engine import SCHEMA_HEAD, StoreError, open_database, resolve_location
from desktop.store.models import Evidence, Rating, Scenario, Situation

DESIGN_TABLES = {"situation", "scenario", "source", "evidence", "rating", "indicator", "indicator_scenario",
                 "observation", "judgement", "change_log"}


def test_baseline_migration_creates_every_design_table(empty_db, db_path):
    con = sqlite3.connect(db_path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert DESIGN_TABLES <= tables
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(SCHEMA_HEAD,)]


def test_schema_head_constant_matches_alembic():
    from alembic.script import ScriptDirectory

    from desktop.store.engine import MIGRATIONS

    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == SCHEMA_HEAD


def test_sqlite_pragmas_on_every_connection(empty_db):
    with empty_db.reading() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def _situation(db) -> int:
    with db.transaction() as s:
        sit = Situation(title="T")
        s.add(sit)
        s.flush()
        s.add(Scenario(situation_id=sit.id, key="a", name="A", prior=0.5))
        return sit.id


@pytest.mark.parametrize("bad", [
    dict(prior=0.0), dict(prior=1.5), dict(resolution="maybe"),
])
def test_scenario_check_constraints(empty_db, bad):
    sid = _situation(empty_db)
    with pytest.raises(IntegrityError):
        with empty_db.transaction() as s:
            s.add(Scenario(**{"situation_id": sid, "key": "b", "name": "B", "prior": 0.5, **bad}))


def test_evidence_constraints_and_foreign_keys(empty_db):
    sid = _situation(empty_db)
    for bad in (dict(quote="  "), dict(credibility=9), dict(relevance="huge"), dict(situation_id=999)):
        with pytest.raises(IntegrityError):
            with empty_db.transaction() as s:
                s.add(Evidence(**{"situation_id": sid, "key": "e1", "quote": "q", "observed_at": date(2025, 1, 1),
                                  **bad}))
    with empty_db.transaction() as s:
        ev = Evidence(situation_id=sid, key="e1", quote="q", observed_at=date(2025, 1, 1))
        s.add(ev)
    with pytest.raises(IntegrityError):
        with empty_db.transaction() as s:
            scenario_id = s.execute(text("SELECT id FROM scenario")).scalar()
            s.add(Rating(evidence_id=ev.id, scenario_id=scenario_id, value="XX"))
    with pytest.raises(IntegrityError):  # keys are unique within a situation
        with empty_db.transaction() as s:
            s.add(Evidence(situation_id=sid, key="e1", quote="other", observed_at=date(2025, 1, 1)))


def test_a_failed_action_leaves_nothing(empty_db):
    sid = _situation(empty_db)
    with pytest.raises(IntegrityError):
        with empty_db.transaction() as s:
            s.add(Evidence(situation_id=sid, key="e1", quote="fine", observed_at=date(2025, 1, 1)))
            s.flush()
            s.add(Scenario(situation_id=sid, key="bad", name="Bad", prior=2.0))
    with empty_db.reading() as s:
        assert s.execute(text("SELECT count(*) FROM evidence")).scalar() == 0


def test_change_log_records_inserts_updates_deletes_with_who(empty_db, monkeypatch):
    monkeypatch.setenv("SIGNPOST_ANALYST", "ana")
    sid = _situation(empty_db)
    with empty_db.transaction() as s:
        sit = s.get(Situation, sid)
        sit.title = "Renamed"
    with empty_db.transaction() as s:
        s.delete(s.get(Situation, sid))
    with empty_db.reading() as s:
        rows = s.execute(text("SELECT table_name, action, who, row_id FROM change_log ORDER BY id")).all()
    assert ("situation", "insert", "ana", sid) in rows
    assert ("scenario", "insert", "ana", 1) in rows
    assert ("situation", "update", "ana", sid) in rows
    assert ("situation", "delete", "ana", sid) in rows


def test_garbage_file_is_refused_with_its_path(tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"not-a-db\.db: not a usable Signpost database"):
        open_database(resolve_location(str(bad)))
    assert bad.read_bytes() == b"this is not sqlite at all" * 100


def test_foreign_tables_are_not_adopted(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE stuff (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="holds tables that are not Signpost's"):
        open_database(resolve_location(str(path)))


def test_newer_schema_is_refused(empty_db, db_path):
    empty_db.close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match=r"schema \(9999\) is newer than this Signpost"):
        open_database(resolve_location(str(db_path)))


def test_location_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNPOST_DB", str(tmp_path / "env.db"))
    assert resolve_location(str(tmp_path / "cli.db")) == f"sqlite:///{tmp_path / 'cli.db'}"
    assert resolve_location(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_location("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    monkeypatch.delenv("SIGNPOST_DB")
    assert resolve_location(None).endswith("/signpost/signpost.db")


def test_backup_copy_holds_committed_rows_including_the_wal(seeded, db_path):
    from desktop.store.backups import make_backup

    copy = make_backup(db_path, "0004", "manual")  # WAL mode: recent commits may still sit in signpost.db-wal
    assert copy.parent == db_path.parent / "signpost.db.backups" and copy.name.endswith(".0004.manual.db")
    con = sqlite3.connect(copy)
    assert con.execute("SELECT count(*) FROM evidence").fetchone()[0] >= 12
    con.close()


def test_old_schema_is_backed_up_then_upgraded_with_its_rows(tmp_path):
    from tests.store.sqlite_files import make_revision_0001

    path = tmp_path / "old.db"
    make_revision_0001(path, items=1)
    db = open_database(resolve_location(str(path)))
    backups = list((tmp_path / "old.db.backups").glob("*.0001.upgrade.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    old.close()
    with db.reading() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        assert s.execute(text("SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH 'carrier'")).all() == [(1,)]
    db.close()


def test_migration_0005_states_old_judgements_on_the_day_they_were_entered(tmp_path):
    from desktop.services.judgements import list_judgements, record_judgement
    from tests.store.sqlite_files import make_revision_0004_with_judgements, scalar

    path = tmp_path / "old.db"
    make_revision_0004_with_judgements(path)
    db = open_database(resolve_location(str(path)))
    try:
        (old,) = list_judgements(db, 1)
        assert old.stated_on == date(2025, 11, 24) and old.made_at.isoformat() == "2025-11-24T23:30:00+00:00"
        assert old.probabilities == {"a": 0.5, "b": 0.5} and old.rationale == "why"
        record_judgement(db, 1, {"a": 0.45, "b": 0.55}, stated_on=date(2025, 11, 20))
    finally:
        db.close()
    schema = scalar(path, "SELECT sql FROM sqlite_master WHERE name = 'judgement'")
    assert "stated_on DATE NOT NULL" in schema and "probability_in_range" in schema   # the check survived the rebuild
    assert scalar(path, "SELECT count(*) FROM judgement WHERE stated_on IS NULL") == 0


def test_migration_0006_gives_old_scenarios_an_empty_prior_rationale(tmp_path):
    """A scenario written before priors had rationales opens with "" (the window says none is written)."""
    from desktop.services.likelihoods import scenario_cards
    from tests.store.sqlite_files import make_revision_0004_with_judgements, scalar

    path = tmp_path / "old.db"
    make_revision_0004_with_judgements(path)
    assert "prior_rationale" not in scalar(path, "SELECT sql FROM sqlite_master WHERE name = 'scenario'")
    db = open_database(resolve_location(str(path)))
    try:
        assert {c.key: c.prior_rationale for c in scenario_cards(db, 1)} == {"a": "", "b": ""}
    finally:
        db.close()
    assert scalar(path, "SELECT count(*) FROM scenario WHERE prior_rationale = ''") == 2
