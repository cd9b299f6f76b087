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

from desktop.domain.ach_agreement import disagreement
from desktop.domain.bundle import DIGEST
from desktop.domain.estimative import estimative_words
from desktop.domain.grading import CREDIBILITY_WEIGHTS, RATING_SCORES, RATINGS, RELIABILITY_WEIGHTS, evidence_weight
from desktop.domain.likelihood import (
    DEFAULT_BASE, LikelihoodInputs, ach_leader, diagnosticity, inconsistency_scores, moves_nothing, posterior,
    posterior_with_impacts, softmax_rows,
)
from desktop.services.errors import InputError
from desktop.services.evidence import source_label
from desktop.store import changelog, matrix_queries, queries, situation_writes
from desktop.store.engine import Database

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# Lookup tables indexed by the store's rating codes ("" = unrated, then CC … NA).
_LABELS = np.array(matrix_queries.RATING_CODES, dtype="<U2")
_SCORES = np.array([math.nan] + [RATING_SCORES[v] for v in matrix_queries.RATING_CODES[1:]])


class MatrixScenario(NamedTuple):
    key: str
    name: str
    colour: str | None
    description: str = ""


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

    evidence_ids (N,) int64 · keys (N,) object · observed (N,) int64 day numbers (date.toordinal), shown
    reported (N,) int64 day numbers: when each item became known, the day it counts from (as_of filters on it)
    weights (N,) w(e) · groups (N,) int64 group index (items of one group count once)
    scores (N, H) rating steps, NaN for NA and for unrated · ratings (N, H) "<U2", "" when unrated
    diagnosticity (N,) max s - min s, NA as 0 · priors (H,) · footers: one per scenario, in column order
    flat (N,) the items greyed as non-diagnostic: their leave-one-out impact is under 0.05 points everywhere
    """

    situation_id: int
    as_of: date | None
    scenarios: tuple[MatrixScenario, ...]
    evidence_ids: np.ndarray
    keys: np.ndarray
    observed: np.ndarray
    reported: np.ndarray
    weights: np.ndarray
    groups: np.ndarray
    scores: np.ndarray
    ratings: np.ndarray
    diagnosticity: np.ndarray
    priors: np.ndarray
    footers: tuple[MatrixFooter, ...]
    base: float = DEFAULT_BASE
    flat: np.ndarray | None = None     # (N,) bool: leaving the item out moves no scenario by 0.05 points

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

    def reported_date(self, row: int) -> date:
        return date.fromordinal(int(self.reported[row]))

    def is_flat(self, row: int) -> bool:
        return bool(self.flat[row]) if self.flat is not None else float(self.diagnosticity[row]) == 0.0

    @property
    def n_flat(self) -> int:
        return int(self.flat.sum()) if self.flat is not None else int((self.diagnosticity == 0).sum())

    def ach_disagreement(self) -> str | None:
        """One sentence when PARC ACH (the footers' scores) ranks another scenario first than the model."""
        f = self.footers
        leader = ach_leader(np.array([x.inconsistency for x in f]), np.array([x.weighted_inconsistency for x in f]))
        return disagreement([s.name for s in self.scenarios], [x.probability for x in f],
                            [x.inconsistency for x in f], leader)

    def row_of(self, evidence_id: int) -> int | None:
        """The display row of an item, None when it is not in this matrix."""
        hits = np.flatnonzero(self.evidence_ids == evidence_id)
        return int(hits[0]) if hits.size else None


@dataclass(frozen=True)
class MatrixRowText:
    """What a matrix row shows besides its numbers, fetched a page at a time."""

    id: int
    quote: str
    summary: str
    observed_at: date
    source: str
    digest: bool = False     # the quote retells the outlet's report in other words


def _readonly(*arrays: np.ndarray) -> None:
    for a in arrays:
        a.flags.writeable = False


def _footers(scenarios, inputs: LikelihoodInputs, p: np.ndarray | None = None) -> tuple[MatrixFooter, ...]:
    p = posterior(inputs) if p is None else p
    plain, weighted = inconsistency_scores(inputs.scores, inputs.weights, inputs.groups)
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


def _days(values: tuple) -> np.ndarray:
    """Day numbers (date.toordinal) from ISO text or dates."""
    if not values:
        return np.zeros(0, dtype=np.int64)
    days = np.array(values, dtype="datetime64[D]").astype(np.int64)
    return days + _EPOCH_ORDINAL


@dataclass(frozen=True, eq=False)
class _Rows:
    """The live items as the arrays the model needs, in the order read (id order, patched items last).

    Kept per database and patched from the change log, so that logging one item converts one
    row from the database's tuples to arrays instead of all of them. `group_index` numbers the
    shared group keys; it only grows, so the numbers of older snapshots stay valid.
    group_codes: that number, or -1 for an item without a group key (a group of its own).
    """

    ids: np.ndarray          # (N,) int64
    keys: np.ndarray         # (N,) object
    observed: np.ndarray     # (N,) int64 day numbers: when it happened (shown, sorts the matrix)
    reported: np.ndarray     # (N,) int64 day numbers: when it became known (counts from then, design §4)
    weights: np.ndarray      # (N,) w(e)
    group_codes: np.ndarray  # (N,) int64
    codes: np.ndarray        # (N, H) int8 rating codes
    group_index: dict

    def take(self, which: np.ndarray) -> _Rows:
        return _Rows(self.ids[which], self.keys[which], self.observed[which], self.reported[which],
                     self.weights[which], self.group_codes[which], self.codes[which], self.group_index)

    def plus(self, other: _Rows) -> _Rows:
        return _Rows(*(np.concatenate([a, b]) for a, b in (
            (self.ids, other.ids), (self.keys, other.keys), (self.observed, other.observed),
            (self.reported, other.reported), (self.weights, other.weights), (self.group_codes, other.group_codes), (self.codes, other.codes))),
            self.group_index)

    def groups(self) -> np.ndarray:
        """Group index per item: a shared key is one group, an item without a key is a group of its own."""
        g = self.group_codes.copy()
        alone = g < 0
        g[alone] = len(self.group_index) + np.arange(int(alone.sum()))
        return g


def _prepare(cols: matrix_queries.MatrixColumns, group_index: dict) -> _Rows:
    n = len(cols.ids)
    codes = np.fromiter((-1 if k is None else group_index.setdefault(k, len(group_index)) for k in cols.group_key),
                        dtype=np.int64, count=n)
    return _Rows(ids=np.fromiter(cols.ids, dtype=np.int64, count=n), keys=np.fromiter(cols.keys, dtype=object, count=n),
                 observed=_days(cols.observed), reported=_days(cols.reported),
                 weights=_weights(cols) if n else np.zeros(0),
                 group_codes=codes, codes=cols.rating_codes, group_index=group_index)


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


class ModelInputs(NamedTuple):
    """What the likelihood services need of the live items, in the cache's own order."""

    scenarios: list
    ids: np.ndarray
    keys: np.ndarray
    inputs: LikelihoodInputs
    unrated: np.ndarray      # (N, H) bool: the cell has no rating at all (not even NA)
    observed: np.ndarray     # (N,) day numbers the facts happened (shown; `inputs.known` is what counts)


@dataclass(eq=False)
class MatrixCache:
    """One situation's live evidence columns, kept in step with the change log.

    `rows` is replaced (never changed in place) whenever the log moves, so everything derived
    from it (the sorted matrix, the likelihood inputs, the quotes) remembers which `rows` it was
    built from and is rebuilt only when that is no longer the current one.
    """

    mark: int = -1
    scenarios: list | None = None
    situation: tuple | None = None              # its title, question, dates (store.situation_writes row)
    rows: _Rows | None = None
    quotes: dict[int, str] | None = None        # of `rows` (None: read again when next asked for)
    matrix: AchMatrix | None = None
    matrix_of: tuple = (None, None)              # (rows, as_of) the matrix was built from
    inputs: ModelInputs | None = None
    inputs_of: tuple = (None, None)              # (rows, scenarios)

    @classmethod
    def of(cls, db: Database, situation_id: int) -> MatrixCache:
        return db.caches.setdefault(("matrix", situation_id), cls())

    def refresh(self, db: Database, situation_id: int) -> None:
        """Bring `rows` up to the change log: unchanged costs one query, a few changed items a read of those."""
        with db.reading() as session:
            mark = changelog.watermark(session)
            if self.rows is not None and self.mark == mark:
                return
            changed = None
            if self.rows is not None:
                changed = _changed_items(changelog.changes_since(session, self.mark, _MAX_PATCH + 1))
            scen = queries.scenarios(session, situation_id)
            scenario_ids = [r[0] for r in scen]
            if changed is None or self.scenarios != scen:
                # a change to the situation row always lands here (_FULL_RELOAD_TABLES): its fields are read
                # once per reload, not on every redraw
                self.situation = situation_writes.situation_fields(session, situation_id)
                rows = _prepare(matrix_queries.matrix_columns(session, situation_id, scenario_ids), {})
                self.quotes = None        # any quote may have changed: read again when next asked for
            else:
                old = rows = self.rows
                if changed:
                    fresh = matrix_queries.matrix_columns(session, situation_id, scenario_ids, ids=sorted(changed))
                    stale = np.isin(old.ids, np.fromiter(changed, dtype=np.int64, count=len(changed)))
                    if stale.any():          # edited or deleted: cut out (deleted ones simply do not come back)
                        rows = old.take(~stale)
                    rows = rows.plus(_prepare(fresh, old.group_index))
                    if self.quotes is not None:   # keep the quotes in step, in the same read
                        for evidence_id in changed:
                            self.quotes.pop(evidence_id, None)
                        self.quotes.update(queries.quotes(session, list(fresh.ids)))
        self.mark, self.scenarios, self.rows = mark, scen, rows


def ach_matrix(db: Database, situation_id: int, as_of: date | None = None) -> AchMatrix:
    """The evidence matrix of a situation (items reported on or before `as_of` when given: what was known).

    Served from a per-database cache kept in step with the change log: an unchanged
    database costs one query, a few changed items cost a read of those items only.
    """
    cache = MatrixCache.of(db, situation_id)
    cache.refresh(db, situation_id)
    if cache.matrix is not None and cache.matrix_of[0] is cache.rows and cache.matrix_of[1] == as_of:
        return cache.matrix  # nothing written since: the same (read-only) matrix
    rows = cache.rows
    if as_of is not None and len(rows.ids):
        rows = rows.take(rows.reported <= as_of.toordinal())
    cache.matrix = _matrix_from_rows(situation_id, cache.scenarios, rows, as_of)
    cache.matrix_of = (cache.rows, as_of)
    return cache.matrix


# Changes to these tables can move every row (priors, source grades, whole situations): re-read all.
_FULL_RELOAD_TABLES = {"situation", "scenario", "source"}
_MAX_PATCH = 2000


def model_inputs(db: Database, situation_id: int) -> ModelInputs:
    """The live items' likelihood inputs in the cache's own order.

    The likelihood services need no display order, so they skip the sort and the copies of
    `ach_matrix`: after logging one item this is a lookup of its scores and a group renumbering.
    """
    cache = MatrixCache.of(db, situation_id)
    cache.refresh(db, situation_id)
    rows, scen = cache.rows, cache.scenarios
    if cache.inputs is not None and cache.inputs_of[0] is rows and cache.inputs_of[1] == scen:
        return cache.inputs
    inputs = LikelihoodInputs(priors=np.array([r[4] for r in scen], dtype=float), weights=rows.weights,
                              scores=_SCORES[rows.codes], groups=rows.groups(), known=rows.reported)
    cache.inputs = ModelInputs(scen, rows.ids, rows.keys, inputs, rows.codes == 0, rows.observed)
    cache.inputs_of = (rows, scen)
    return cache.inputs


def quote_index(db: Database, situation_id: int) -> dict[int, str]:
    """The quote of every live item by id, as of the last refresh.

    Read once and then kept in step by the same change-log patch as the matrix, so a redraw
    after logging one item reads one quote, not ten thousand.
    """
    cache = MatrixCache.of(db, situation_id)
    if cache.rows is None:
        cache.refresh(db, situation_id)
    by_id = cache.quotes if cache.quotes is not None else {}
    missing = set(cache.rows.ids.tolist()).difference(by_id)
    if missing:
        with db.reading() as session:
            by_id.update(queries.quotes(session, sorted(missing)))
    cache.quotes = by_id
    return by_id


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


def _matrix_from_rows(situation_id: int, scen, rows: _Rows, as_of: date | None) -> AchMatrix:
    scores = _SCORES[rows.codes]
    diag = diagnosticity(scores) if len(rows.ids) else np.zeros(0)
    order = _display_order(rows.ids, rows.observed, diag)
    scores = scores[order]
    inputs = LikelihoodInputs(
        priors=np.array([r[4] for r in scen], dtype=float), weights=rows.weights[order], scores=scores,
        groups=rows.groups()[order], known=rows.reported[order])
    scenarios = tuple(MatrixScenario(r[1], r[2], r[5], r[3] or "") for r in scen)
    p, impacts = posterior_with_impacts(inputs)
    m = AchMatrix(
        situation_id=situation_id, as_of=as_of, scenarios=scenarios, evidence_ids=rows.ids[order],
        keys=rows.keys[order], observed=rows.observed[order], reported=inputs.known, weights=inputs.weights,
        groups=inputs.groups, scores=scores, ratings=_LABELS[rows.codes[order]], diagnosticity=diag[order],
        priors=inputs.priors, footers=_footers(scenarios, inputs, p), base=inputs.base,
        flat=moves_nothing(impacts))
    _readonly(m.evidence_ids, m.keys, m.observed, m.reported, m.weights, m.groups, m.scores, m.ratings, m.diagnosticity,
              m.priors, m.flat)
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
    # every item's impact moves a little with the new probabilities: which rows move nothing, read again
    _p, impacts = posterior_with_impacts(LikelihoodInputs(matrix.priors, matrix.weights, scores, matrix.groups,
                                                          matrix.reported, matrix.base))
    flat = moves_nothing(impacts)
    _readonly(scores, ratings, diag, flat)
    footers = _footers_after_edit(matrix, scores, row)
    return replace(matrix, scores=scores, ratings=ratings, diagnosticity=diag, footers=footers, flat=flat)


def _footers_after_edit(matrix: AchMatrix, scores: np.ndarray, row: int) -> tuple[MatrixFooter, ...]:
    members = np.flatnonzero(matrix.groups == matrix.groups[row])
    weights = matrix.weights[members]
    one_group = np.zeros(len(members), dtype=np.int64)

    def group_posterior(s: np.ndarray) -> np.ndarray:
        return posterior(LikelihoodInputs(matrix.priors, weights, s, one_group, matrix.reported[members],
                                          matrix.base))

    old_p = np.array([f.probability for f in matrix.footers])
    with np.errstate(divide="ignore"):  # a probability that underflowed to 0 stays 0
        log_p = (np.log(old_p) + np.log(group_posterior(scores[members]))
                 - np.log(group_posterior(matrix.scores[members])))
    p = softmax_rows(log_p)
    # a group counts as its members' mean: the edited group's share is taken out and put back
    group = np.zeros(len(members), dtype=np.int64)
    before = inconsistency_scores(matrix.scores[members], weights, group)
    after = inconsistency_scores(scores[members], weights, group)
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
            out.append(MatrixRowText(r.id, r.quote, r.summary or "", r.observed_at,
                                     source_label(r.outlet, r.title, r.kind), r.kind == DIGEST))
    return out
