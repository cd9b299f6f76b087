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
from desktop.store.types import utc_now

_SKIP = (ChangeLog, AppState)


def _row_id(obj) -> int | None:
    """The integer primary key, once the flush has assigned it (composite keys: None)."""
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    if len(key) == 1 and isinstance(key[0], int):
        return key[0]
    return None


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
                rows.append({"obj": obj, "action": "update", "detail": _changed_fields(obj)})
        for obj in session.deleted:
            if not isinstance(obj, _SKIP):
                rows.append({"obj": obj, "action": "delete", "detail": None, "id": _row_id(obj)})
        for obj in session.new:
            if not isinstance(obj, _SKIP):
                rows.append({"obj": obj, "action": "insert", "detail": None})

    @event.listens_for(sessions, "after_flush")
    def _write(session: Session, _ctx) -> None:
        rows = pending.pop(id(session), [])
        if not rows:
            return
        now, user = utc_now(), who()
        session.connection().execute(insert(ChangeLog), [
            {"at": now, "who": user, "table_name": r["obj"].__tablename__,
             "row_id": r.get("id") or _row_id(r["obj"]), "action": r["action"], "detail": r["detail"]}
            for r in rows
        ])


def log_bulk(session: Session, who: str, table_name: str, action: str, row_ids: Iterable[int],
             detail: dict | None = None) -> None:
    """Change-log rows for a Core bulk write that the ORM listeners do not see."""
    now = utc_now()
    rows = [{"at": now, "who": who, "table_name": table_name, "row_id": rid, "action": action, "detail": detail}
            for rid in row_ids]
    if rows:
        session.execute(insert(ChangeLog), rows)
