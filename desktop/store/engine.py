"""Where the database is, how it is opened, and how its schema is brought up to date.

Location: `--db` > `SIGNPOST_DB` > platformdirs user data dir (design section 3),
resolved here once and passed down. SQLite gets WAL, foreign keys, busy_timeout
and synchronous=NORMAL on every connection; PostgreSQL needs none of that.
The schema is Alembic's: every open upgrades to head, after a backup copy of a
SQLite file whose schema is about to change.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import platformdirs
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.changelog import install_change_log

MIGRATIONS = Path(__file__).with_name("migrations")
ENV_VAR = "SIGNPOST_DB"
# The newest migration. Checked against Alembic's own head by a test; kept here so that
# opening an up-to-date database does not pay Alembic's import (half a second).
SCHEMA_HEAD = "0004"


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message names the database."""


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("signpost", appauthor=False)) / "signpost.db"


def resolve_location(cli_value: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The SQLAlchemy URL to use: `--db` > SIGNPOST_DB > the per-user default file."""
    environ = os.environ if environ is None else environ
    value = cli_value or environ.get(ENV_VAR) or str(default_database_path())
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def describe_location(url: str) -> str:
    """What to show a user: the file path for SQLite, the URL without password otherwise."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


@dataclass
class Database:
    """An open, migrated database: hands out sessions, one transaction per user action."""

    url: str
    engine: Engine
    _sessions: sessionmaker
    # Per-database caches that services keep (e.g. the evidence matrix), dropped with the database.
    caches: dict = field(default_factory=dict)

    @property
    def location(self) -> str:
        return describe_location(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (no commit needed)."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def current_user() -> str:
    try:
        return os.environ.get("SIGNPOST_ANALYST") or getpass.getuser()
    except Exception:  # no login name in some containers
        return ""


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """A consistent copy (SQLite's online backup, WAL included) beside the file, named by revision and time."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{revision or 'unversioned'}.{stamp}.bak")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


def open_database(url: str) -> Database:
    """Open (creating if needed) and migrate the database at `url`.

    Raises StoreError with a message naming the database when the file is not a
    database, belongs to a newer Signpost, or cannot be reached.
    """
    where = describe_location(url)
    u = make_url(url)
    sqlite_path: Path | None = None
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        sqlite_path = Path(u.database)
        try:
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{where}: cannot create its folder ({exc.strerror})") from None
        if sqlite_path.is_dir():
            raise StoreError(f"{where}: is a folder, not a database file")
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        _migrate(engine, sqlite_path)
    except StoreError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise StoreError(f"{where}: not a usable Signpost database ({reason})") from None
    sessions = sessionmaker(engine, expire_on_commit=False)
    install_change_log(sessions, current_user)
    return Database(url, engine, sessions)


def schema_revision(engine: Engine) -> tuple[str | None, bool]:
    """(the Alembic revision stamped in the database or None, whether it has any table)."""
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        if "alembic_version" not in tables:
            return None, bool(tables)
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar(), True


def _migrate(engine: Engine, sqlite_path: Path | None) -> None:
    current, has_tables = schema_revision(engine)
    if current == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    if current is not None:
        try:
            ScriptDirectory(str(MIGRATIONS)).get_revision(current)
        except Exception:
            raise StoreError(
                f"{describe_location(str(engine.url))}: its schema ({current}) is newer than this Signpost; update Signpost"
            ) from None
    elif has_tables:
        raise StoreError(f"{describe_location(str(engine.url))}: holds tables that are not Signpost's")
    if sqlite_path is not None and current is not None and sqlite_path.exists():
        backup_sqlite(sqlite_path, current)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
