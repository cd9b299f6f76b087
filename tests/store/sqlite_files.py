"""Reading SQLite files straight (as a user's sqlite3 would) and making old-schema ones, for store tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def scalar(path: Path, sql: str):
    """The first column of the first row of `sql`, on a connection of its own."""
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def count(path: Path, sql: str) -> int:
    return scalar(path, sql)


def integrity(path: Path) -> str:
    return scalar(path, "PRAGMA integrity_check")


def revision(path: Path) -> str:
    return scalar(path, "SELECT version_num FROM alembic_version")


def make_revision_0001(path: Path, items: int = 2) -> None:
    """A database as Signpost's first release left it, holding a situation and `items` evidence items."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from desktop.store.engine import MIGRATIONS

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO situation (title, description, created_at, updated_at) "
                          "VALUES ('Old', '', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"))
        for i in range(1, items + 1):
            conn.execute(text("INSERT INTO evidence (situation_id, key, quote, paraphrase, summary, observed_at, "
                              "logged_at, credibility, relevance, tags) VALUES (1, :k, 'carrier arrives', 0, '', "
                              "'2025-01-02', '2025-01-02 00:00:00', 2, 'high', '[]')"), {"k": f"e{i}"})
    engine.dispose()


def make_revision_0004_with_judgements(path: Path) -> None:
    """A database at schema 0004 (before stated dates) holding one judgement round of two scenarios,
    entered at 23:30 UTC on 24 November 2025."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from desktop.store.engine import MIGRATIONS

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        conn.execute(text("INSERT INTO situation (title, description, created_at, updated_at) "
                          "VALUES ('Old', '', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"))
        for i, key in enumerate(("a", "b"), start=1):
            conn.execute(text("INSERT INTO scenario (situation_id, key, name, description, prior, position, "
                              "resolution) VALUES (1, :k, :k, '', 0.5, :i, 'open')"), {"k": key, "i": i})
            conn.execute(text("INSERT INTO judgement (scenario_id, probability, made_at, analyst, rationale) "
                              "VALUES (:i, 0.5, '2025-11-24 23:30:00.000000', 'ana', 'why')"), {"i": i})
    engine.dispose()


def make_revision_0007_with_dates(path: Path) -> None:
    """A database at schema 0007 (before reported dates): a source published 24 Nov 2025 and one dated
    1 Jan 2025, items from each and one with no source, all observed 20 Nov except the last (19 Nov), and
    figures: one citing the first item (observed 20 Nov), one citing nothing (18 Nov)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from desktop.store.engine import MIGRATIONS

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        conn.execute(text("INSERT INTO situation (title, description, created_at, updated_at) "
                          "VALUES ('Old', '', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"))
        for key, day in (("s1", "2025-11-24"), ("s2", "2025-01-01")):
            conn.execute(text("INSERT INTO source (situation_id, key, title, published_at, reliability, kind, text, "
                              "imported_at) VALUES (1, :k, :k, :d, 'B', 'article', '', '2025-11-24 00:00:00')"),
                         {"k": key, "d": day})
        for key, source, day in (("e1", 1, "2025-11-20"), ("e2", 2, "2025-11-20"), ("e3", None, "2025-11-19")):
            conn.execute(text("INSERT INTO evidence (situation_id, key, source_id, quote, paraphrase, summary, "
                              "observed_at, logged_at, credibility, relevance, tags) VALUES (1, :k, :s, :q, 1, '', "
                              ":d, '2025-11-24 00:00:00', 2, 'high', '[]')"),
                         {"k": key, "s": source, "d": day, "q": f"quote of {key}"})
        conn.execute(text("INSERT INTO indicator (situation_id, key, name, unit, kind, higher_is_worse, description, "
                          "trend_days, position) VALUES (1, 'troops', 'Troops', 'soldiers', 'level', 1, '', 14, 0)"))
        conn.execute(text("INSERT INTO observation (indicator_id, observed_at, value, evidence_id) VALUES "
                          "(1, '2025-11-20', 15000, 1), (1, '2025-11-18', 12000, NULL)"))
    engine.dispose()
