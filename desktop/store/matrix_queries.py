"""Reads for the ACH matrix: the whole evidence x scenario grid of a situation in one query,
and the display text of a page of rows.

The grid read is built for 100,000 items x 5 scenarios. What the candidates cost, measured
on the synthetic 100k situation against a bare sqlite3 read of the rating table (1.0x):
- evidence rows, then the 500k (evidence, scenario, value) rating rows as SQLAlchemy Rows,
  scattered with numpy: ~8x; the half-million Row objects are most of it;
- evidence LEFT JOIN rating GROUP BY evidence, each item's ratings packed into one integer
  (3 bits per scenario), through the index on (situation_id, observed_at): ~5x, as that
  index hands rows out in date order and every row is a random page read;
- the same as a scan in id order: ~1.4x; without the join to source (its grade comes from a
  second query over the situation's few sources) and with relevance as a small code:
  ~1.1-1.2x, one Python tuple per item (this module).
Rows come from the DBAPI cursor behind the SQLAlchemy result (the statement is still
SQLAlchemy Core, compiled and bound for the dialect), which saves a Row object per item;
no column here needs a result processor (the date is read as the stored ISO text, or on
PostgreSQL as the driver's date).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import String, case, func, select, type_coerce
from sqlalchemy.orm import Session

from desktop.store.models import Evidence, Rating, Source
from desktop.store.rows import MatrixTextRow

# Rating value -> code in the packed column; 0 means "not rated". Index i holds code i.
RATING_CODES: tuple[str, ...] = ("", "CC", "C", "N", "I", "II", "NA")
# Relevance value -> code (its index): a small int costs nothing to fetch, a str is an allocation per row.
RELEVANCE_CODES: tuple[str, ...] = ("high", "medium", "low")
_BITS = 3                 # codes 0..6 fit in 3 bits
_PER_COLUMN = 20          # 20 x 3 = 60 bits: stays inside SQLite's and PostgreSQL's 64-bit integers


@dataclass(frozen=True)
class MatrixColumns:
    """Live evidence of one situation in id order, as columns (all of length N).

    observed, reported: ISO text (SQLite) or date (PostgreSQL): when the fact happened, when it became known
    (the day it counts from, design §4; an item whose reported date was never set reads its observed date);
    relevance: index into RELEVANCE_CODES;
    source_id: 0 when the item has no source; reliability: Admiralty grade of each cited source;
    rating_codes: (N, H) int8, index into RATING_CODES, columns in the order of the scenario ids asked for.
    """

    ids: tuple[int, ...]
    keys: tuple[str, ...]
    observed: tuple
    reported: tuple
    credibility: tuple[int, ...]
    relevance: tuple[int, ...]
    group_key: tuple[str | None, ...]
    source_id: tuple[int, ...]
    reliability: dict[int, str]
    rating_codes: np.ndarray


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a big result is built: 100k row tuples of ints and strings
    hold no cycles, yet each batch of new objects sets off a collection that walks the whole heap
    (about a tenth of the read, measured in a running window)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _packed_ratings(scenario_ids: Sequence[int]) -> list:
    """One SUM per block of 20 scenarios: each rating's code shifted into its scenario's 3 bits."""
    code = case({v: i for i, v in enumerate(RATING_CODES) if v}, value=Rating.value, else_=0)
    out = []
    for start in range(0, len(scenario_ids), _PER_COLUMN):
        block = scenario_ids[start:start + _PER_COLUMN]
        shift = case({sid: 1 << (_BITS * j) for j, sid in enumerate(block)}, value=Rating.scenario_id, else_=0)
        out.append(func.coalesce(func.sum(code * shift), 0))
    return out


def _unpack(packed: Sequence[tuple], n: int, h: int) -> np.ndarray:
    codes = np.zeros((n, h), dtype=np.int8)
    mask = (1 << _BITS) - 1
    for b, column in enumerate(packed):
        width = min(_PER_COLUMN, h - b * _PER_COLUMN)
        values = np.fromiter(column, dtype=np.int64, count=n)
        shifts = _BITS * np.arange(width, dtype=np.int64)
        codes[:, b * _PER_COLUMN:b * _PER_COLUMN + width] = (values[:, None] >> shifts) & mask
    return codes


def matrix_columns(session: Session, situation_id: int, scenario_ids: Sequence[int],
                   as_of: date | None = None, ids: Sequence[int] | None = None) -> MatrixColumns:
    """The live evidence matrix of a situation (reported on or before `as_of`, among `ids`, when given),
    in id order."""
    scenario_ids = list(scenario_ids)
    relevance = case({v: i for i, v in enumerate(RELEVANCE_CODES)}, value=Evidence.relevance)
    conn = session.connection()
    situation = Evidence.situation_id
    if conn.dialect.name == "sqlite":
        # No ANALYZE statistics: SQLite would pick the (situation_id, observed_at) index and read the
        # rows in date order, a random page per row; a scan in id order is ~4x faster for a large
        # situation and costs a few ms more for a small one. `+ 0` keeps the planner off that index.
        situation = situation + 0
    stmt = (
        select(Evidence.id, Evidence.key, type_coerce(Evidence.observed_at, String),
               type_coerce(func.coalesce(Evidence.reported_at, Evidence.observed_at), String), Evidence.credibility,
               relevance, Evidence.group_key, func.coalesce(Evidence.source_id, 0),
               *_packed_ratings(scenario_ids))
        .outerjoin(Rating, Rating.evidence_id == Evidence.id)
        .where(situation == situation_id, Evidence.deleted_at.is_(None))
        .group_by(Evidence.id)
        .order_by(Evidence.id)
    )
    if as_of is not None:
        stmt = stmt.where(func.coalesce(Evidence.reported_at, Evidence.observed_at) <= as_of)
    if ids is not None:
        stmt = stmt.where(Evidence.id.in_(list(ids)))
    with _collector_paused():
        result = conn.execute(stmt)
        try:
            rows = result.cursor.fetchall()  # plain DBAPI tuples: no Row object per item
        finally:
            result.close()
        cols = list(zip(*rows))
        del rows
    n, h = len(cols[0]) if cols else 0, len(scenario_ids)
    if n == 0:
        return MatrixColumns((), (), (), (), (), (), (), (), {}, np.zeros((0, h), dtype=np.int8))
    return MatrixColumns(ids=cols[0], keys=cols[1], observed=cols[2], reported=cols[3], credibility=cols[4],
                         relevance=cols[5], group_key=cols[6], source_id=cols[7],
                         reliability=_reliability(session, situation_id, set(cols[7]) - {0}),
                         rating_codes=_unpack(cols[8:], n, h))


def _reliability(session: Session, situation_id: int, cited: set[int]) -> dict[int, str]:
    """Admiralty grade of each cited source (joining source in the big query cost a fifth of it)."""
    grades = {i: g for i, g in session.execute(
        select(Source.id, Source.reliability).where(Source.situation_id == situation_id))}
    missing = sorted(cited - grades.keys())   # a source of another situation: not expected, still honoured
    if missing:
        grades.update((i, g) for i, g in session.execute(
            select(Source.id, Source.reliability).where(Source.id.in_(missing))))
    return grades


def matrix_row_text(session: Session, ids: Sequence[int]) -> list[MatrixTextRow]:
    """The text of the given evidence ids with their source's outlet, title and kind, any order."""
    if not ids:
        return []
    return [MatrixTextRow(*r) for r in session.execute(
        select(Evidence.id, Evidence.quote, Evidence.summary, Evidence.observed_at, Source.outlet, Source.title,
               Source.kind)
        .outerjoin(Source, Source.id == Evidence.source_id)
        .where(Evidence.id.in_(list(ids)))
    )]
