"""Change log: every ORM insert, update and delete, with who and when.

Recorded after each flush from the session's own bookkeeping, in the same
transaction as the change, so a rolled-back action leaves no trace either.
Bulk paths (bundle import) write their own rows through `log_bulk`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.models import AppState, ChangeLog
from desktop.store.rows import ChangeRow
from desktop.store.types import utc_now

_SKIP = (ChangeLog, AppState)


def _row_id(obj) -> int | None:
    """The integer primary key, once the flush has assigned it (composite keys: None)."""
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    if len(key) == 1 and isinstance(key[0], int):
        return key[0]
    return None


def _key_detail(obj) -> dict | None:
    """For rows keyed by several columns (a rating: evidence x scenario), the key itself, so readers
    of the log (the likelihood cache) know which item changed."""
    mapper = inspect(obj).mapper
    if len(mapper.primary_key) < 2:
        return None
    return {col.key: getattr(obj, col.key) for col in mapper.primary_key}


def _with_key(obj, detail: dict | None) -> dict | None:
    key = _key_detail(obj)
    return detail if key is None else {**key, **(detail or {})}


def _changed_fields(obj) -> dict:
    state = inspect(obj)
    out = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            out[attr.key] = [_plain(old), _plain(hist.added[0] if hist.added else None)]
    return out


def _plain(value):
    if value is None or isinstance(value, (int, float, str, bool, list, dict)):
        return value
    return str(value)


def install_change_log(sessions: sessionmaker, who: Callable[[], str]) -> None:
    """Attach the flush listeners to every session `sessions` makes."""
    pending: dict[int, list[dict]] = {}

    @event.listens_for(sessions, "before_flush")
    def _collect(session: Session, _ctx, _instances) -> None:
        rows = pending.setdefault(id(session), [])
        for obj in session.dirty:
            if not isinstance(obj, _SKIP) and session.is_modified(obj):
                rows.append({"obj": obj, "action": "update", "detail": _with_key(obj, _changed_fields(obj))})
        for obj in session.deleted:
            if not isinstance(obj, _SKIP):
                rows.append({"obj": obj, "action": "delete", "detail": _with_key(obj, None), "id": _row_id(obj)})
        for obj in session.new:
            if not isinstance(obj, _SKIP):
                rows.append({"obj": obj, "action": "insert", "detail": None})  # key added after the flush

    @event.listens_for(sessions, "after_flush")
    def _write(session: Session, _ctx) -> None:
        rows = pending.pop(id(session), [])
        if not rows:
            return
        now, user = utc_now(), who()
        session.connection().execute(insert(ChangeLog), [
            {"at": now, "who": user, "table_name": r["obj"].__tablename__,
             "row_id": r.get("id") or _row_id(r["obj"]), "action": r["action"],
             "detail": _with_key(r["obj"], r["detail"]) if r["action"] == "insert" else r["detail"]}
            for r in rows
        ])


def log_bulk(session: Session, who: str, table_name: str, action: str, row_ids: Iterable[int],
             detail: dict | None = None) -> None:
    """Change-log rows for a Core bulk write that the ORM listeners do not see."""
    from desktop.store.bulk import insert_rows

    now = utc_now()
    insert_rows(session, ChangeLog, [
        {"at": now, "who": who, "table_name": table_name, "row_id": rid, "action": action, "detail": detail}
        for rid in row_ids])


def log_core(session: Session, table_name: str, action: str, row_ids: Iterable[int | None],
             detail: dict | None = None) -> None:
    """Change-log rows, written by the current analyst, for a Core `update`/`delete` the listeners do not
    see: every write must reach the log, which is how open windows learn of it."""
    from desktop.store.engine import current_user

    log_bulk(session, current_user(), table_name, action, list(row_ids), detail)


def watermark(session: Session) -> int:
    """The newest change's id: any write anywhere moves it (0 for an empty log)."""
    from sqlalchemy import func, select

    return session.execute(select(func.coalesce(func.max(ChangeLog.id), 0))).scalar_one()


def changes_since(session: Session, mark: int, limit: int) -> list[ChangeRow]:
    """Up to `limit` changes after `mark`, oldest first."""
    from sqlalchemy import select

    return [ChangeRow(*r) for r in session.execute(
        select(ChangeLog.table_name, ChangeLog.row_id, ChangeLog.detail)
        .where(ChangeLog.id > mark).order_by(ChangeLog.id).limit(limit))]
