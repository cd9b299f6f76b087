"""Where the database is, how it is opened, and how it stays whole.

Location: `--db` > `SIGNPOST_DB` > platformdirs user data dir (design section 3),
resolved here once and passed down.

SQLite, three rules (../shared/stack.md, "Data safety"):
- No connection outlives its transaction (NullPool). SQLite's POSIX advisory locks
  belong to the process: anything else in it that opens and closes the database
  file (a file dialog sniffing file types, a user picking the file to import) drops
  them all, and another process may then checkpoint and delete the -wal this one is
  still writing into. A process that holds no connection between actions has no
  locks to lose; each action opens the file afresh.
- Write transactions start with BEGIN IMMEDIATE: a key chosen by a read inside the
  transaction cannot race another writer. pysqlite's own transaction handling is
  off (it would BEGIN late, and commit before DDL), which also makes migrations
  transactional.
- A file that fails SQLite's checks is marked and refused for writes until
  restored (`desktop.store.health`).
"""

from __future__ import annotations

import getpass
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from desktop.store import backups, health
from desktop.store.changelog import install_change_log
from desktop.store.errors import BadLocation, DatabaseDamaged, StoreError
from desktop.store.failures import first_line, install_failure_messages, sqlite_failure
from desktop.store.files import ensure_private_file
from desktop.store.migrate import MIGRATIONS, SCHEMA_HEAD, migrate
from desktop.store.quick_look import ENV_VAR, default_database_path

__all__ = ["Database", "StoreError", "DatabaseDamaged", "BadLocation", "MIGRATIONS", "SCHEMA_HEAD", "open_database",
           "sqlite_file",
           "resolve_location", "describe_location", "default_database_path", "current_user"]

# Test-only: SIGKILL this process at the k-th SQL statement (kill tests land inside the work, not in imports).
KILL_AT_STATEMENT = "SIGNPOST_TEST_KILL_AT_STATEMENT"


def resolve_location(cli_value: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The SQLAlchemy URL to use: `--db` > SIGNPOST_DB > the per-user default file."""
    environ = os.environ if environ is None else environ
    value = cli_value or environ.get(ENV_VAR) or str(default_database_path())
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def describe_location(url: str) -> str:
    """What to show a user: the file path for SQLite, the URL without password otherwise."""
    try:
        u = make_url(url)
    except ArgumentError:
        return url.split("@")[-1]
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


def _sqlite_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # the "begin" hook below emits BEGIN; pysqlite emits nothing
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


def _sqlite_begin(conn) -> None:
    """BEGIN IMMEDIATE for writes (the write lock first, then the reads a key is chosen by); BEGIN for reads."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("signpost_write") else "BEGIN")


def _install_kill_hook(engine: Engine) -> None:
    target = int(os.environ[KILL_AT_STATEMENT])

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_args) -> None:
        _KILL_COUNT[0] += 1
        if _KILL_COUNT[0] >= target:
            os.kill(os.getpid(), signal.SIGKILL)


_KILL_COUNT = [0]


@dataclass
class Database:
    """An open, migrated database: hands out sessions, one transaction per user action."""

    url: str
    engine: Engine
    _writes: sessionmaker
    _reads: sessionmaker
    path: Path | None = None  # the SQLite file; None for a server
    # Per-database caches that services keep (e.g. the evidence matrix), dropped with the database.
    caches: dict = field(default_factory=dict)

    @property
    def location(self) -> str:
        return describe_location(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one write transaction: committed on success, rolled back on any error."""
        reason = health.damage_reason(self.path) if self.path is not None else None
        if reason is not None:
            raise health.damaged_error(self.path, reason)
        with self._translated(), self._writes() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (no commit needed)."""
        with self._translated(), self._reads() as session:
            yield session

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Driver errors raised inside a session's block that bypassed the engine's hook (rows fetched straight
        from the DBAPI cursor) get the same one-line StoreError, and damage its marker."""
        try:
            yield
        except StoreError:
            raise
        except Exception as exc:
            failure = self._failure_for(exc)
            if failure is None:
                raise
            raise failure from None

    def _failure_for(self, exc: BaseException) -> StoreError | None:
        """The one-line StoreError for a database error that escaped the engine's own hook (a row fetched
        straight from the driver's cursor), marking a damaged file as the hook would; None for others."""
        orig = getattr(exc, "orig", None) or exc
        if self.engine.dialect.name == "sqlite":
            return sqlite_failure(orig, self.path, self.location)
        return None

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None and not health.is_marked(self.path):
            health.remember_as_closed(self.path)


def current_user() -> str:
    try:
        return os.environ.get("SIGNPOST_ANALYST") or getpass.getuser()
    except Exception:  # no login name in some containers
        return ""


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for a server, an in-memory database or a `file:` URI."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:" \
            and not u.database.startswith("file:"):
        return Path(u.database)
    return None


def _make_engine(url: str, path: Path | None, where: str) -> Engine:
    try:
        if path is not None:
            engine = create_engine(url, poolclass=NullPool)
        else:
            engine = create_engine(url)
    except NoSuchModuleError:
        raise BadLocation(f"{where}: unknown kind of database (use a file path, sqlite:///PATH or "
                         f"postgresql+psycopg://…)") from None
    except ImportError as exc:
        raise StoreError(f"{where}: its driver is not installed ({exc.name or first_line(exc)}); for PostgreSQL "
                         f"install Signpost with the [postgres] extra") from None
    except ArgumentError as exc:
        raise BadLocation(f"{where}: not a database URL ({first_line(exc)})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    install_failure_messages(engine, path, where)
    if os.environ.get(KILL_AT_STATEMENT):
        _install_kill_hook(engine)
    return engine


def _prepare_file(path: Path, where: str) -> bool:
    """Refuse a folder or a damaged file; create a new file 0600 (its -wal and -shm inherit the mode).
    True when the file was created here."""
    if path.is_dir():
        raise BadLocation(f"{where}: is a folder, not a database file")
    reason = health.damage_reason(path)
    if reason is not None:
        raise health.damaged_error(path, reason)
    try:
        return ensure_private_file(path)
    except PermissionError:
        raise StoreError(f"folder is read-only: {path.parent} (cannot create {path.name})") from None
    except OSError as exc:
        raise StoreError(f"{where}: cannot create it ({exc.strerror})") from None


def _check_and_back_up(path: Path, fresh: bool) -> None:
    """quick_check when the file changed since a Signpost process left it, and before the day's backup
    (`fresh`: just created or just upgraded, which has checked and copied it already)."""
    checked = False
    if not fresh and health.changed_since_closed(path):
        problem = backups.quick_check(path)
        if problem:
            raise health.mark_damaged(path, problem)
        checked = True
    if fresh or backups.made_today(path):
        return
    if not checked:
        problem = backups.quick_check(path)
        if problem:
            raise health.mark_damaged(path, problem)
    try:
        backups.make_backup(path, SCHEMA_HEAD, "daily")
    except OSError:
        pass  # no room or no write access for the copy: the database itself is still usable


def open_database(url: str, create_folder: bool = True) -> Database:
    """Open (creating if needed) and migrate the database at `url`.

    Raises StoreError with one line naming the database when it is not a database,
    is damaged, belongs to a newer Signpost, or cannot be reached.
    """
    where = describe_location(url)
    try:
        path = sqlite_file(url)
    except ArgumentError as exc:
        raise BadLocation(f"{where}: not a database URL ({first_line(exc)})") from None
    created = False
    if path is not None:
        if not path.parent.is_dir():
            if not create_folder:
                raise BadLocation(f"folder does not exist: {path.parent} (create it first, or check the path)")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{where}: cannot create its folder ({exc.strerror})") from None
        created = _prepare_file(path, where)
    engine = _make_engine(url, path, where)
    try:
        upgraded_from = migrate(engine, path, where)  # an upgrade has checked and backed the file up
        if path is not None:
            _check_and_back_up(path, created or upgraded_from is not None)
    except StoreError:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        reason = first_line(getattr(exc, "orig", exc))
        raise StoreError(f"{where}: not a usable Signpost database ({reason})") from None
    writes = sessionmaker(engine.execution_options(signpost_write=True), expire_on_commit=False)
    reads = sessionmaker(engine, expire_on_commit=False)
    install_change_log(writes, current_user)
    return Database(url, engine, writes, reads, path)
