"""The ACH matrix: every live evidence item against every scenario, with the column footers.

`ach_matrix` reads a situation once (one query for the grid, design section 4 for the
numbers) and returns arrays the matrix screen pages through lazily; `matrix_rows` fetches the
display text of the rows on screen; `with_rating` recomputes the matrix after one cell
edit without going back to the database, so the footers' probabilities follow an edit at
once. All the model maths is desktop.domain.likelihood's; this module only arranges arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

import numpy as np

from desktop.domain.estimative import estimative_words
from desktop.domain.grading import CREDIBILITY_WEIGHTS, RATING_SCORES, RATINGS, RELIABILITY_WEIGHTS, evidence_weight
from desktop.domain.likelihood import (
    DEFAULT_BASE, LikelihoodInputs, diagnosticity, inconsistency_scores, posterior, softmax_rows,
)
from desktop.services.errors import InputError
from desktop.store import changelog, matrix_queries, queries
from desktop.store.engine import Database

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# Lookup tables indexed by the store's rating codes ("" = unrated, then CC … NA).
_LABELS = np.array(matrix_queries.RATING_CODES, dtype="<U2")
_SCORES = np.array([math.nan] + [RATING_SCORES[v] for v in matrix_queries.RATING_CODES[1:]])


class MatrixScenario(NamedTuple):
    key: str
    name: str
    colour: str | None


@dataclass(frozen=True)
class MatrixFooter:
    """One scenario column's footer: PARC-ACH scores and the Bayesian probability."""

    key: str
    inconsistency: float
    weighted_inconsistency: float
    probability: float
    words: str


@dataclass(frozen=True, eq=False)
class AchMatrix:
    """A situation's evidence matrix as arrays, rows in display order.

    Row order: diagnosticity descending, then observed_at descending, then id descending.
    Arrays are read-only; `with_rating` returns a new matrix instead of changing this one.

    evidence_ids (N,) int64 · keys (N,) object · observed (N,) int64 day numbers (date.toordinal)
    weights (N,) w(e) · groups (N,) int64 group index (items of one group count once)
    scores (N, H) rating steps, NaN for NA and for unrated · ratings (N, H) "<U2", "" when unrated
    diagnosticity (N,) max s - min s · priors (H,) · footers: one per scenario, in column order
    """

    situation_id: int
    as_of: date | None
    scenarios: tuple[MatrixScenario, ...]
    evidence_ids: np.ndarray
    keys: np.ndarray
    observed: np.ndarray
    weights: np.ndarray
    groups: np.ndarray
    scores: np.ndarray
    ratings: np.ndarray
    diagnosticity: np.ndarray
    priors: np.ndarray
    footers: tuple[MatrixFooter, ...]
    base: float = DEFAULT_BASE

    @property
    def n_rows(self) -> int:
        return int(self.evidence_ids.shape[0])

    @property
    def n_scenarios(self) -> int:
        return len(self.scenarios)

    def rating(self, row: int, scenario_index: int) -> str | None:
        """The cell's rating, None when unrated."""
        return str(self.ratings[row, scenario_index]) or None

    def observed_date(self, row: int) -> date:
        return date.fromordinal(int(self.observed[row]))

    def row_of(self, evidence_id: int) -> int | None:
        """The display row of an item, None when it is not in this matrix."""
        hits = np.flatnonzero(self.evidence_ids == evidence_id)
        return int(hits[0]) if hits.size else None

    def inputs(self) -> LikelihoodInputs:
        return LikelihoodInputs(self.priors, self.weights, self.scores, self.groups, self.observed, self.base)


@dataclass(frozen=True)
class MatrixRowText:
    """What a matrix row shows besides its numbers, fetched a page at a time."""

    id: int
    quote: str
    summary: str
    observed_at: date
    source: str


def _readonly(*arrays: np.ndarray) -> None:
    for a in arrays:
        a.flags.writeable = False


def _footers(scenarios, inputs: LikelihoodInputs) -> tuple[MatrixFooter, ...]:
    p = posterior(inputs)
    if inputs.n_items:
        plain, weighted = inconsistency_scores(inputs.scores, inputs.weights)
    else:
        plain = weighted = np.zeros(inputs.n_scenarios)
    return tuple(
        MatrixFooter(s.key, float(plain[j]), float(weighted[j]), float(p[j]), estimative_words(float(p[j])))
        for j, s in enumerate(scenarios))


def _weights(cols: matrix_queries.MatrixColumns) -> np.ndarray:
    """w(e) per item: evidence_weight once per distinct grade (at most 7 x 6 x 3), then a lookup per item."""
    n = len(cols.ids)
    grades: tuple[str | None, ...] = (*RELIABILITY_WEIGHTS, None)      # None: no source
    credibilities = np.array(sorted(CREDIBILITY_WEIGHTS))
    table = np.array([[[evidence_weight(g, int(c), r) for r in matrix_queries.RELEVANCE_CODES]
                       for c in credibilities] for g in grades])
    sources = np.fromiter(cols.source_id, dtype=np.int64, count=n)
    grade_of = np.full(int(sources.max(initial=0)) + 1, len(grades) - 1, dtype=np.int64)   # 0: no source
    for source_id, grade in cols.reliability.items():
        if source_id < len(grade_of):
            grade_of[source_id] = grades.index(grade)
    credibility = np.fromiter(cols.credibility, dtype=np.int64, count=n)
    cred_index = np.searchsorted(credibilities, credibility)
    relevance = np.fromiter(cols.relevance, dtype=np.int64, count=n)
    return table[grade_of[sources], cred_index, relevance]


def _groups(group_keys: tuple) -> np.ndarray:
    """Group index per item: a shared key is one group, an item without a key is a group of its own."""
    seen: dict[str, int] = {}
    g = np.fromiter((-1 if k is None else seen.setdefault(k, len(seen)) for k in group_keys),
                    dtype=np.int64, count=len(group_keys))
    alone = g < 0
    g[alone] = len(seen) + np.arange(int(alone.sum()))
    return g


def _observed(values: tuple) -> np.ndarray:
    """Day numbers (date.toordinal) from ISO text or dates."""
    if not values:
        return np.zeros(0, dtype=np.int64)
    days = np.array(values, dtype="datetime64[D]").astype(np.int64)
    return days + _EPOCH_ORDINAL


def _display_order(ids: np.ndarray, observed: np.ndarray, diag: np.ndarray) -> np.ndarray:
    """Rows by diagnosticity, then observed_at, then id, all descending.

    One argsort of a packed int64 key (diagnosticity 0–4 in 3 bits, day number in 21, id in 31
    bits) when the values fit, which they do until the year 5700 or two billion items; lexsort otherwise.
    """
    if ids.size and (ids.min() < 0 or ids.max() >= 1 << 31 or observed.min() < 0 or observed.max() >= 1 << 21
                     or diag.max() >= 8 or not np.array_equal(diag, np.floor(diag))):
        return np.lexsort((-ids, -observed, -diag))
    key = (diag.astype(np.int64) << 52) | (observed << 31) | ids
    return np.argsort(-key)


def ach_matrix(db: Database, situation_id: int, as_of: date | None = None) -> AchMatrix:
    """The evidence matrix of a situation (items observed on or before `as_of` when given).

    Served from a per-database cache kept in step with the change log: an unchanged
    database costs one query, a few changed items cost a read of those items only.
    """
    scen, cols = _cached_columns(db, situation_id)
    built = db.caches.get(("ach_matrix", situation_id))
    if built is not None and built[0] is cols and built[1] == as_of:
        return built[2]  # nothing written since: the same (read-only) matrix
    source = cols
    if as_of is not None and cols.ids:
        keep = [i for i, day in enumerate(_observed(cols.observed)) if day <= as_of.toordinal()]
        cols = _take(cols, keep)
    matrix = _matrix_from_columns(situation_id, scen, cols, as_of)
    db.caches[("ach_matrix", situation_id)] = (source, as_of, matrix)
    return matrix


# Changes to these tables can move every row (priors, source grades, whole situations): re-read all.
_FULL_RELOAD_TABLES = {"situation", "scenario", "source"}
_MAX_PATCH = 2000


def _cached_columns(db: Database, situation_id: int):
    """(scenario rows, MatrixColumns) of the live evidence, patched from the change log since the last read."""
    key = ("ach_columns", situation_id)
    with db.reading() as session:
        mark = changelog.watermark(session)
        cached = db.caches.get(key)
        if cached is not None and cached[0] == mark:
            return cached[1], cached[2]
        changed = None
        if cached is not None:
            changes = changelog.changes_since(session, cached[0], _MAX_PATCH + 1)
            changed = _changed_items(changes)
        scen = queries.scenarios(session, situation_id)
        scenario_ids = [r[0] for r in scen]
        if changed is None or cached[1] != scen:
            cols = matrix_queries.matrix_columns(session, situation_id, scenario_ids)
        else:
            fresh = matrix_queries.matrix_columns(session, situation_id, scenario_ids, ids=sorted(changed))
            cols = _merge(cached[2], changed, fresh)
    db.caches[key] = (mark, scen, cols)
    return scen, cols


def _changed_items(changes) -> set[int] | None:
    """Evidence ids touched by `changes`, or None when a full re-read is simpler or needed."""
    if len(changes) > _MAX_PATCH:
        return None
    items: set[int] = set()
    for table, row_id, detail in changes:
        if table in _FULL_RELOAD_TABLES:
            return None
        if table == "evidence" and row_id is not None:
            items.add(row_id)
        elif table == "rating":
            if not detail or "evidence_id" not in detail:
                return None
            items.add(int(detail["evidence_id"]))
    return items


def _take(cols: matrix_queries.MatrixColumns, rows) -> matrix_queries.MatrixColumns:
    rows = list(rows)
    pick = lambda column: tuple(column[i] for i in rows)  # noqa: E731
    return matrix_queries.MatrixColumns(
        ids=pick(cols.ids), keys=pick(cols.keys), observed=pick(cols.observed), credibility=pick(cols.credibility),
        relevance=pick(cols.relevance), group_key=pick(cols.group_key), source_id=pick(cols.source_id),
        reliability=cols.reliability, rating_codes=cols.rating_codes[rows] if rows else cols.rating_codes[:0])


def _without(cols: matrix_queries.MatrixColumns, drop: list[int]) -> matrix_queries.MatrixColumns:
    """`cols` minus a few rows, by tuple slicing (C speed) rather than a pass per row."""
    def cut(column: tuple) -> tuple:
        out, start = (), 0
        for i in drop:
            out += column[start:i]
            start = i + 1
        return out + column[start:]
    keep = np.setdiff1d(np.arange(len(cols.ids)), drop)
    return matrix_queries.MatrixColumns(
        ids=cut(cols.ids), keys=cut(cols.keys), observed=cut(cols.observed), credibility=cut(cols.credibility),
        relevance=cut(cols.relevance), group_key=cut(cols.group_key), source_id=cut(cols.source_id),
        reliability=cols.reliability, rating_codes=cols.rating_codes[keep])


def _merge(old: matrix_queries.MatrixColumns, changed: set[int],
           fresh: matrix_queries.MatrixColumns) -> matrix_queries.MatrixColumns:
    """`old` without the changed items, plus their fresh rows (deleted ones simply do not come back)."""
    present = changed.intersection(old.ids)
    if not present:          # only new items: append
        kept = old
    else:                    # a few edited or deleted: cut them out by position
        drop = sorted(old.ids.index(eid) for eid in present)
        keep = np.setdiff1d(np.arange(len(old.ids)), drop)
        kept = _take(old, keep) if len(drop) > 50 else _without(old, drop)
    if not fresh.ids:
        return kept
    return matrix_queries.MatrixColumns(
        ids=kept.ids + fresh.ids, keys=kept.keys + fresh.keys, observed=kept.observed + fresh.observed,
        credibility=kept.credibility + fresh.credibility, relevance=kept.relevance + fresh.relevance,
        group_key=kept.group_key + fresh.group_key, source_id=kept.source_id + fresh.source_id,
        reliability={**kept.reliability, **fresh.reliability},
        rating_codes=np.vstack([kept.rating_codes, fresh.rating_codes]))


def _matrix_from_columns(situation_id: int, scen, cols, as_of: date | None) -> AchMatrix:
    n = len(cols.ids)
    ids = np.fromiter(cols.ids, dtype=np.int64, count=n)
    weights = _weights(cols)
    observed = _observed(cols.observed)
    codes = cols.rating_codes
    scores = _SCORES[codes]
    diag = diagnosticity(scores) if n else np.zeros(0)
    order = _display_order(ids, observed, diag)
    scores = scores[order]
    inputs = LikelihoodInputs(
        priors=np.array([r[4] for r in scen], dtype=float), weights=weights[order], scores=scores,
        groups=_groups(cols.group_key)[order], observed=observed[order])
    scenarios = tuple(MatrixScenario(r[1], r[2], r[5]) for r in scen)
    m = AchMatrix(
        situation_id=situation_id, as_of=as_of, scenarios=scenarios, evidence_ids=ids[order],
        keys=np.fromiter(cols.keys, dtype=object, count=n)[order], observed=inputs.observed, weights=inputs.weights,
        groups=inputs.groups, scores=scores, ratings=_LABELS[codes[order]], diagnosticity=diag[order],
        priors=inputs.priors, footers=_footers(scenarios, inputs), base=inputs.base)
    _readonly(m.evidence_ids, m.keys, m.observed, m.weights, m.groups, m.scores, m.ratings, m.diagnosticity,
              m.priors)
    return m


def with_rating(matrix: AchMatrix, row: int, scenario_index: int, value: str | None) -> AchMatrix:
    """The matrix after setting one cell (None clears it), footers recomputed; nothing is read or written.

    Rows keep their order (the screen re-sorts on its next full read); unchanged arrays are shared.
    Only the edited item's group changes, so instead of a pass over every item the footers follow
    from the old ones: the probabilities by Bayes' rule with the ratio of that group's likelihoods
    after and before (each from desktop.domain.likelihood.posterior of the group's members alone),
    and the ACH sums by that row's scores after minus before. Tests check it against a full read.
    """
    if value is not None and value not in RATINGS:
        raise InputError(f"rating: unknown rating {value!r} (expected one of {', '.join(RATINGS)})")
    if not (0 <= row < matrix.n_rows and 0 <= scenario_index < matrix.n_scenarios):
        raise IndexError(f"cell ({row}, {scenario_index}) is outside the {matrix.n_rows} x "
                         f"{matrix.n_scenarios} matrix")
    scores = matrix.scores.copy()
    ratings = matrix.ratings.copy()
    scores[row, scenario_index] = math.nan if value is None else RATING_SCORES[value]
    ratings[row, scenario_index] = value or ""
    diag = matrix.diagnosticity.copy()
    diag[row] = diagnosticity(scores[row:row + 1])[0]
    _readonly(scores, ratings, diag)
    footers = _footers_after_edit(matrix, scores, row)
    return replace(matrix, scores=scores, ratings=ratings, diagnosticity=diag, footers=footers)


def _footers_after_edit(matrix: AchMatrix, scores: np.ndarray, row: int) -> tuple[MatrixFooter, ...]:
    members = np.flatnonzero(matrix.groups == matrix.groups[row])
    weights = matrix.weights[members]
    one_group = np.zeros(len(members), dtype=np.int64)

    def group_posterior(s: np.ndarray) -> np.ndarray:
        return posterior(LikelihoodInputs(matrix.priors, weights, s, one_group, matrix.observed[members],
                                          matrix.base))

    old_p = np.array([f.probability for f in matrix.footers])
    with np.errstate(divide="ignore"):  # a probability that underflowed to 0 stays 0
        log_p = (np.log(old_p) + np.log(group_posterior(scores[members]))
                 - np.log(group_posterior(matrix.scores[members])))
    p = softmax_rows(log_p)
    before = inconsistency_scores(matrix.scores[row:row + 1], matrix.weights[row:row + 1])
    after = inconsistency_scores(scores[row:row + 1], matrix.weights[row:row + 1])
    out = []
    for j, f in enumerate(matrix.footers):
        prob = float(p[j])
        out.append(MatrixFooter(f.key, f.inconsistency + float(after[0][j] - before[0][j]),
                                f.weighted_inconsistency + float(after[1][j] - before[1][j]), prob,
                                estimative_words(prob)))
    return tuple(out)


def matrix_rows(db: Database, ids) -> list[MatrixRowText]:
    """Quote, summary, date and source label of the given items, in the order asked (unknown ids left out)."""
    ids = [int(i) for i in ids]
    with db.reading() as session:
        found = {r[0]: r for r in matrix_queries.matrix_row_text(session, ids)}
    out = []
    for i in ids:
        r = found.get(i)
        if r is not None:
            out.append(MatrixRowText(r[0], r[1], r[2] or "", r[3], r[4] or r[5] or "(no source)"))
    return out
