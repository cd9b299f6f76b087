"""Bringing a database's schema up to date in one transaction.

On SQLite, DDL is transactional once pysqlite's own transaction handling is off
(the engine emits BEGIN itself): a kill at any statement leaves the file at its old
revision, never half upgraded. Foreign keys are switched off before BEGIN (the
pragma does nothing inside a transaction, and a batch table rebuild with them on
deletes child rows) and checked with `foreign_key_check` before COMMIT.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store.backups import quick_check, upgrade_backup
from desktop.store.errors import DatabaseDamaged, StoreError
from desktop.store.failures import first_line
from desktop.store.health import mark_damaged

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Checked against Alembic's own head by a test; kept here so that
# opening an up-to-date database does not pay Alembic's import (half a second). This module
# imports SQLAlchemy only inside its functions: the window's first paint reads SCHEMA_HEAD
# (desktop.store.quick_look) before the ORM is loaded.
SCHEMA_HEAD = "0009"
UPGRADE_LOCK = 0x5169_0001  # PostgreSQL advisory lock key held while upgrading


def schema_revision(conn: Connection) -> tuple[str | None, bool]:
    """(the Alembic revision stamped in the database or None, whether it has any table)."""
    from sqlalchemy import inspect, text

    tables = inspect(conn).get_table_names()
    if "alembic_version" not in tables:
        return None, bool(tables)
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar(), True


def _alembic_config(connection: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def known_revision(revision: str) -> bool:
    """Whether this Signpost's migrations know `revision` (an older or the current schema)."""
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory(str(MIGRATIONS)).get_revision(revision) is not None
    except Exception:
        return False


def _refuse_unknown(current: str | None, has_tables: bool, where: str) -> None:
    if current is not None:
        if not known_revision(current):
            raise StoreError(f"{where}: its schema ({current}) is newer than this Signpost; update Signpost")
    elif has_tables:
        raise StoreError(f"{where}: holds tables that are not Signpost's")


def migrate(engine: Engine, sqlite_path: Path | None, where: str) -> str | None:
    """Upgrade to SCHEMA_HEAD if needed; returns the revision it started from (None: new or current)."""
    with engine.connect() as conn:
        current, has_tables = schema_revision(conn)
    if current == SCHEMA_HEAD:
        return None
    _refuse_unknown(current, has_tables, where)
    backup = None
    if sqlite_path is not None and current is not None:
        problem = quick_check(sqlite_path)
        if problem:
            raise mark_damaged(sqlite_path, problem)
        backup = upgrade_backup(sqlite_path, current)
    try:
        _upgrade(engine)
    except DatabaseDamaged:
        raise
    except Exception as exc:
        kept = f"; its backup is {backup}" if backup else ""
        raise StoreError(f"{where}: upgrading the schema from {current} to {SCHEMA_HEAD} failed "
                         f"({first_line(exc)}); the file is unchanged at {current}{kept}") from None
    return current


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from sqlalchemy import text

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # before BEGIN, or it is ignored
        conn = conn.execution_options(signpost_write=True)
        try:
            with conn.begin():
                if not sqlite:  # one upgrader at a time; SQLite's BEGIN IMMEDIATE already is that
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": UPGRADE_LOCK})
                # Read again under the write lock: another process may have upgraded meanwhile.
                current, has_tables = schema_revision(conn)
                if current == SCHEMA_HEAD:
                    return
                command.upgrade(_alembic_config(conn), "head")
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"it would leave {len(broken)} row(s) whose parent is missing "
                                         f"(first in table {broken[0][0]})")
        finally:
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
