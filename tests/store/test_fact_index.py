"""The fact-token index follows the evidence it is derived from, and is read through its index.

Issue 12 §1: near-duplicates are found among 100,000 items by index lookups, so the table must hold
exactly the live items' signatures after every write (log, edit, delete, restore, import, migration).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from sqlalchemy import text

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.domain.fact_signature import fact_signature
from desktop.services import evidence as ev
from desktop.store.engine import open_database, resolve_location
from desktop.store.migrate import SCHEMA_HEAD

DAY = date(2025, 9, 16)


def _tokens(path, evidence_id: int) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT token FROM evidence_fact_token WHERE evidence_id = ?",
                                          (evidence_id,))}
    finally:
        con.close()


def _draft(quote: str, day: date = DAY) -> EvidenceDraft:
    return EvidenceDraft(quote=quote, observed_at=day, ratings={"escalation": "C"}, paraphrase=True)


def test_the_index_follows_logs_edits_deletes_and_restores(seeded, db_path):
    logged = ev.log_evidence(seeded, 1, _draft("Grenell met Maduro in Caracas on 31 January"))
    assert _tokens(db_path, logged.id) == set(fact_signature("Grenell met Maduro in Caracas on 31 January",
                                                             DAY).tokens())
    assert {"p:grenell", "p:caracas", "d:2025-01-31"} <= _tokens(db_path, logged.id)
    edited = "Grenell se reunió con Maduro en Miraflores el 1 de febrero"
    ev.edit_evidence(seeded, logged.id, _draft(edited))
    tokens = _tokens(db_path, logged.id)
    assert tokens == set(fact_signature(edited, DAY).tokens())
    assert "p:caracas" not in tokens and {"p:miraflores", "d:2025-02-01"} <= tokens
    # the observed day anchors a relative day: editing it alone changes the tokens
    ev.edit_evidence(seeded, logged.id, _draft("Grenell met Maduro on Monday", date(2025, 11, 26)))
    assert "d:2025-11-24" in _tokens(db_path, logged.id)
    ev.delete_evidence(seeded, logged.id)
    assert _tokens(db_path, logged.id) == set()
    ev.restore_evidence(seeded, logged.id)
    assert "d:2025-11-24" in _tokens(db_path, logged.id)


def test_a_failed_log_leaves_no_tokens(seeded, db_path):
    con = sqlite3.connect(db_path)
    before = con.execute("SELECT count(*) FROM evidence_fact_token").fetchone()[0]
    con.close()
    try:
        ev.log_evidence(seeded, 1, EvidenceDraft(quote="Grenell met Maduro", observed_at=DAY, ratings={"nope": "C"},
                                                 paraphrase=True))
    except Exception:
        pass
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM evidence_fact_token").fetchone()[0] == before
    con.close()


def test_lookups_read_the_index_not_the_table(seeded):
    """The candidate count and the capped token count are index range reads (SQLite's plan says so)."""
    from desktop.store import fact_index

    with seeded.reading() as session:
        conn = session.connection()
        for statement in (
            "SELECT evidence_id, count(*) AS shared FROM evidence_fact_token WHERE situation_id = 1 AND token IN "
            "('p:grenell', 'n:6') GROUP BY evidence_id ORDER BY shared DESC, evidence_id LIMIT 50",
            "SELECT evidence_id FROM evidence_fact_token WHERE situation_id = 1 AND token = 'p:us' LIMIT 1001",
        ):
            plan = " ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + statement)))
            assert "USING COVERING INDEX ix_fact_token_lookup" in plan, plan
        # counting live items reads the live index, not the group index and every row's deleted_at
        plan = " ".join(str(r[-1]) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM (SELECT id FROM evidence WHERE situation_id = 1 AND "
            "deleted_at IS NULL LIMIT 10000)")))
        assert "ix_evidence_live" in plan, plan
        # and the store's functions give what the SQL above means
        assert fact_index.token_counts(session, 1, ["p:us", "p:nobody"], 5) == {"p:us": 5, "p:nobody": 0}


def test_migration_indexes_the_live_items_of_an_old_database(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from desktop.store.engine import MIGRATIONS

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    quotes = {"e1": ("Un ataque de EE.UU. mató a tres personas el 15 de septiembre", None),
              "e2": ("US strike killed 3 people on 15 September", None),
              "e3": ("Deleted: 200,000 troops", "2025-10-01 00:00:00")}
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
        conn.execute(text("INSERT INTO situation (title, description, created_at, updated_at) "
                          "VALUES ('Old', '', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"))
        for key, (quote, deleted) in quotes.items():
            conn.execute(text("INSERT INTO evidence (situation_id, key, quote, paraphrase, summary, observed_at, "
                              "logged_at, credibility, relevance, tags, deleted_at) VALUES (1, :k, :q, 1, '', "
                              "'2025-09-16', '2025-09-16 00:00:00', 2, 'high', '[]', :d)"),
                         {"k": key, "q": quote, "d": deleted})
    engine.dispose()
    db = open_database(resolve_location(str(path)))
    db.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    rows = con.execute("SELECT e.key, t.token FROM evidence_fact_token t JOIN evidence e ON e.id = t.evidence_id "
                       "WHERE t.situation_id = 1").fetchall()
    con.close()
    by_key: dict[str, set[str]] = {}
    for key, token in rows:
        by_key.setdefault(key, set()).add(token)
    assert set(by_key) == {"e1", "e2"}                       # the deleted item is not indexed
    assert by_key["e1"] - {t for t in by_key["e1"] if t.startswith("q:")} == {"n:3", "d:2025-09-15", "p:us"}
    assert by_key["e1"] == set(fact_signature(quotes["e1"][0], DAY).tokens())
