"""Bulk inserts for imports: many rows, one statement, inside the caller's transaction."""

from __future__ import annotations

from operator import itemgetter

from sqlalchemy.orm import Session


def insert_rows(session: Session, model, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys) without ORM bookkeeping and without RETURNING.

    RETURNING with insertmanyvalues re-splices every earlier batch's results (a
    10,000-item import took 20 s), so callers look ids up by key afterwards.
    On SQLite the rows go straight to the driver's executemany, each value passed
    through its column type's own bind processor (the conversion SQLAlchemy would
    apply, without its per-row overhead: half the import time). Elsewhere, Core.
    """
    if not rows:
        return
    conn = session.connection()
    table = model.__table__
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), rows)
        return
    names = list(rows[0])
    get = itemgetter(*names)
    processors = [(i, table.c[n].type._cached_bind_processor(conn.dialect)) for i, n in enumerate(names)]
    processors = [(i, p) for i, p in processors if p is not None]
    if len(names) == 1:
        values = [(r[names[0]],) for r in rows]
    else:
        values = [get(r) for r in rows]
    if processors:
        # Imports repeat values (one timestamp for every row): convert each distinct object once.
        last_in = [object()] * len(names)
        last_out: list = [None] * len(names)
        converted = []
        for row in values:
            row = list(row)
            for i, proc in processors:
                value = row[i]
                if value is None:
                    continue
                if value is not last_in[i]:
                    last_in[i], last_out[i] = value, proc(value)
                row[i] = last_out[i]
            converted.append(tuple(row))
        values = converted
    quote = conn.dialect.identifier_preparer.quote
    sql = f"INSERT INTO {table.name} ({', '.join(quote(n) for n in names)}) VALUES ({', '.join('?' * len(names))})"
    conn.exec_driver_sql(sql, values)
