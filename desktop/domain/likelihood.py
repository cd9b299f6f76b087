"""Bayesian ACH: scenario probabilities, leave-one-out impacts and history.

Design section 4: each step on the rating scale multiplies the likelihood by B;
log L(e|h) = w(e) * s(e,h) * ln B; the items of one group count once, as the mean
of their members' w*s per scenario (NA members left out, an all-NA group adds 0);
log P(h|E) = ln prior(h) + sum log L(e|h), normalised with log-sum-exp.

Everything works on numpy arrays so that 10,000 items x 5 scenarios, with all
leave-one-out impacts and a year of daily history, stays in tens of milliseconds.
Scores are floats with NaN standing for NA.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np

DEFAULT_BASE = 2.0


@dataclass(frozen=True)
class LikelihoodInputs:
    """The evidence matrix of one situation, as arrays.

    priors:   (H,) prior of each scenario, each in (0, 1]
    weights:  (N,) evidence weight w(e)
    scores:   (N, H) rating steps, NaN where the item is NA for the scenario
    groups:   (N,) int group id; items that share an id report one fact
    known:    (N,) int day number (date.toordinal()) from which the item counts: when it became known
              (its reported date, design §4 "Knowledge time"), not when the fact happened
    """

    priors: np.ndarray
    weights: np.ndarray
    scores: np.ndarray
    groups: np.ndarray
    known: np.ndarray
    base: float = DEFAULT_BASE

    @classmethod
    def build(
        cls,
        priors: list[float],
        weights: list[float],
        scores,
        group_keys: list[str | None],
        known: list[int],
        base: float = DEFAULT_BASE,
    ) -> "LikelihoodInputs":
        """Arrays from lists (scores: (N, H) array-like, NaN for NA); an ungrouped item is a group of its own."""
        n = len(weights)
        ids: dict[str, int] = {}
        groups = np.empty(n, dtype=np.int64)
        for i, key in enumerate(group_keys):
            groups[i] = ids.setdefault(f"g:{key}" if key is not None else f"i:{i}", len(ids))
        score_array = np.asarray(scores, dtype=float).reshape(n, len(priors))
        return cls(
            priors=np.asarray(priors, dtype=float),
            weights=np.asarray(weights, dtype=float),
            scores=score_array,
            groups=groups,
            known=np.asarray(known, dtype=np.int64),
            base=base,
        )

    @property
    def n_items(self) -> int:
        return int(self.weights.shape[0])

    @property
    def n_scenarios(self) -> int:
        return int(self.priors.shape[0])


# A note on speed: numpy's reductions along a short last axis (max or sum over 5 scenarios of
# 10,000 rows) run an inner loop per row and cost ~10x a matrix-vector product. Row sums here are
# products with a vector of ones, column sums products with one on the left, and row maxima a loop
# over the few columns.

def _row_max(x: np.ndarray) -> np.ndarray:
    """Maximum of each row of a 2-D array, by a pass per column (H is small)."""
    out = x[:, 0].copy()
    for j in range(1, x.shape[1]):
        np.maximum(out, x[:, j], out=out)
    return out


def softmax_rows(log_p: np.ndarray) -> np.ndarray:
    """Normalise log-probabilities along the last axis (log-sum-exp, stable)."""
    if log_p.shape[-1] == 0:  # a situation with no scenario yet: nothing to normalise
        return np.zeros(log_p.shape)
    if log_p.ndim != 2:
        shifted = log_p - log_p.max(axis=-1, keepdims=True)
        p = np.exp(shifted)
        return p / p.sum(axis=-1, keepdims=True)
    p = log_p - _row_max(log_p)[:, None]
    np.exp(p, out=p)
    p /= (p @ np.ones(p.shape[1]))[:, None]
    return p


def _weighted_scores(inputs: LikelihoodInputs) -> tuple[np.ndarray, np.ndarray]:
    """w*s with NA as 0, and the mask of rated (non-NA) cells."""
    valid = ~np.isnan(inputs.scores)
    ws = np.where(valid, inputs.scores, 0.0)
    ws *= inputs.weights[:, None]
    return ws, valid


def _group_sums(inputs: LikelihoodInputs, ws: np.ndarray, valid: np.ndarray, mask: np.ndarray | None):
    """Per group and scenario: sum of w*s and number of rated members (one bincount over group x scenario)."""
    n_groups = int(inputs.groups.max()) + 1 if inputs.n_items else 0
    h = inputs.n_scenarios
    if n_groups == 0:
        return np.zeros((0, h)), np.zeros((0, h))
    if mask is not None:
        ws = ws * mask[:, None]
        valid = valid & mask[:, None]
    cell = (inputs.groups[:, None] * h + np.arange(h)[None, :]).ravel()
    sums = np.bincount(cell, weights=ws.ravel(), minlength=n_groups * h).reshape(n_groups, h)
    counts = np.bincount(cell, weights=valid.ravel().astype(float), minlength=n_groups * h).reshape(n_groups, h)
    return sums, counts


def _means(sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
    return np.divide(sums, counts, out=np.zeros(sums.shape), where=counts > 0)


def _column_sums(x: np.ndarray) -> np.ndarray:
    return np.ones(x.shape[0]) @ x if x.shape[0] else np.zeros(x.shape[1])


def posterior(inputs: LikelihoodInputs, mask: np.ndarray | None = None) -> np.ndarray:
    """P(h | E) for every scenario; `mask` (N,) bool keeps a subset of the items."""
    ws, valid = _weighted_scores(inputs)
    sums, counts = _group_sums(inputs, ws, valid, mask)
    total = _column_sums(_means(sums, counts))
    return softmax_rows(np.log(inputs.priors) + math.log(inputs.base) * total)


def posterior_with_impacts(inputs: LikelihoodInputs) -> tuple[np.ndarray, np.ndarray]:
    """P(h | E) and the (N, H) impacts P(h|E) - P(h|E without item), all at once.

    Removing one item changes only its own group's mean, so every leave-one-out
    posterior follows from the group sums and counts without a second pass.
    The leave-one-out log-odds differ from the full ones by one group's mean at most,
    so they are shifted by the full set's maximum before exp (no per-row maximum needed).
    """
    if inputs.n_scenarios == 0:  # no scenario yet: no probability and nothing for an item to move
        return np.zeros(0), np.zeros((inputs.n_items, 0))
    ws, valid = _weighted_scores(inputs)
    sums, counts = _group_sums(inputs, ws, valid, None)
    means = _means(sums, counts)
    total = _column_sums(means)
    log_b = math.log(inputs.base)
    logits = np.log(inputs.priors) + log_b * total
    p = softmax_rows(logits)
    if inputs.n_items == 0:
        return p, np.zeros((0, inputs.n_scenarios))
    g = inputs.groups
    n, h = inputs.n_items, inputs.n_scenarios
    rest_counts = np.take(counts, g, axis=0, out=_scratch("rest_counts", n, h))
    rest_counts -= 1.0
    group_means = np.take(means, g, axis=0, out=_scratch("group_means", n, h))
    # change of the item's group mean when it leaves: (rest mean or 0) - mean, 0 for an NA cell
    delta = np.take(sums, g, axis=0)               # returned (as the impacts): a fresh array
    delta -= ws
    np.divide(delta, rest_counts, out=delta, where=rest_counts > 0)
    delta[rest_counts <= 0] = 0.0
    delta -= group_means
    delta[~valid] = 0.0
    delta *= log_b
    delta += logits - logits.max()
    np.exp(delta, out=delta)
    delta /= (delta @ np.ones(inputs.n_scenarios))[:, None]
    np.subtract(p[None, :], delta, out=delta)
    return p, delta


def history(inputs: LikelihoodInputs, days: np.ndarray) -> np.ndarray:
    """(D, H) probabilities as of each day number in `days` (evidence known on or before).

    Each item's arrival changes its group's mean by a delta; within a group those
    deltas telescope, so the total at day d is the cumulative sum of the deltas of
    the items known by d. One sort, one cumsum, one searchsorted.
    The (N, H) intermediates live in scratch arrays kept between calls (see `_scratch`).
    """
    days = np.asarray(days, dtype=np.int64)
    log_prior = np.log(inputs.priors)
    if inputs.n_items == 0:
        return softmax_rows(np.broadcast_to(log_prior, (len(days), inputs.n_scenarios)).copy())
    n, h = inputs.n_items, inputs.n_scenarios
    valid = ~np.isnan(inputs.scores)
    ws = _scratch("ws", n, h)
    np.copyto(ws, inputs.scores)
    ws[~valid] = 0.0
    ws *= inputs.weights[:, None]
    order = _by_group_then_day(inputs.groups, inputs.known)
    g_sorted = inputs.groups[order]
    ws_sorted = np.take(ws, order, axis=0, out=_scratch("ws_sorted", n, h))
    valid_sorted = _scratch("valid_sorted", n, h)
    np.copyto(valid_sorted, valid[order])
    cum_ws = np.cumsum(ws_sorted, axis=0, out=_scratch("cum_ws", n, h))
    cum_n = np.cumsum(valid_sorted, axis=0, out=_scratch("cum_n", n, h))
    starts = np.ones(n, dtype=bool)
    starts[1:] = g_sorted[1:] != g_sorted[:-1]
    start_idx = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    first_group = start_idx == 0
    previous = np.maximum(start_idx - 1, 0)
    base = np.take(cum_ws, previous, axis=0, out=_scratch("base", n, h))
    base[first_group] = 0.0
    s_after = cum_ws
    s_after -= base                                    # sums of the group's members up to each item
    np.take(cum_n, previous, axis=0, out=base)
    base[first_group] = 0.0
    n_after = cum_n
    n_after -= base
    after = _means_into(s_after, n_after, _scratch("after", n, h))
    s_before = np.subtract(s_after, ws_sorted, out=ws_sorted)
    n_before = np.subtract(n_after, valid_sorted, out=valid_sorted)
    after -= _means_into(s_before, n_before, _scratch("before", n, h))    # delta, in group order
    delta = base
    delta[order] = after
    by_day = np.argsort(inputs.known, kind="stable")
    running = _scratch("running", n + 1, h)
    running[0] = 0.0
    np.cumsum(np.take(delta, by_day, axis=0, out=after), axis=0, out=running[1:])
    upto = np.searchsorted(inputs.known[by_day], days, side="right")
    return softmax_rows(log_prior[None, :] + math.log(inputs.base) * running[upto])


def _means_into(sums: np.ndarray, counts: np.ndarray, out: np.ndarray) -> np.ndarray:
    out.fill(0.0)
    return np.divide(sums, counts, out=out, where=counts > 0)


_SCRATCH = threading.local()


def _scratch(name: str, rows: int, columns: int) -> np.ndarray:
    """A (rows, columns) float array kept per thread between calls, grown by a quarter when too small.

    Each redraw recomputes the model over arrays of a few hundred kB; fresh ones are fresh pages
    from the kernel each time (glibc maps blocks that large and unmaps them on free), and those page
    faults were half the time of a redraw on a virtual machine. Callers never return these arrays.
    """
    store = getattr(_SCRATCH, "arrays", None)
    if store is None:
        store = _SCRATCH.arrays = {}
    array = store.get(name)
    if array is None or array.shape[0] < rows or array.shape[1] != columns:
        array = store[name] = np.empty((rows + rows // 4 + 16, columns))
    return array[:rows]


def _by_group_then_day(groups: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Stable order by group, then day: one argsort of a packed key when the numbers fit, else lexsort."""
    if groups.size and groups.min() >= 0 and days.min() >= 0 and groups.max() < 1 << 40 \
            and days.max() < 1 << 22:
        return np.argsort((groups << 22) | days, kind="stable")
    return np.lexsort((days, groups))


def inconsistency_scores(scores: np.ndarray, weights: np.ndarray,
                         groups: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """PARC-ACH scores per scenario, plain and weighted: -1 per I, -2 per II (C, CC, N count 0).

    A group counts once, as the mean of the term over its members that rated the scenario (NA left
    out; an all-NA group adds 0), as the likelihood counts it: 30 grouped copies of one II give -2,
    not -60. `groups` None: every item is a group of its own. The weighted score takes w(e)·term.
    """
    n, h = scores.shape
    if n == 0:
        return np.zeros(h), np.zeros(h)
    valid = ~np.isnan(scores)
    negative = np.where(valid, np.minimum(np.nan_to_num(scores), 0.0), 0.0)
    weighted = negative * np.asarray(weights, dtype=float)[:, None]
    if groups is None:
        return _column_sums(negative), _column_sums(weighted)
    n_groups = int(groups.max()) + 1
    cell = (np.asarray(groups)[:, None] * h + np.arange(h)[None, :]).ravel()
    counts = np.bincount(cell, weights=valid.ravel().astype(float), minlength=n_groups * h).reshape(n_groups, h)

    def group_total(x: np.ndarray) -> np.ndarray:
        sums = np.bincount(cell, weights=x.ravel(), minlength=n_groups * h).reshape(n_groups, h)
        return _column_sums(_means(sums, counts)) + 0.0     # + 0.0: no "−0" for a scenario nothing contradicts
    return group_total(negative), group_total(weighted)


def diagnosticity(scores: np.ndarray) -> np.ndarray:
    """max s - min s over the scenarios, NA counting 0 as it does in the likelihood (C/C/NA moves the
    scenarios as C/C/N does, so it is as diagnostic)."""
    n, h = scores.shape
    if h == 0:
        return np.zeros(n)
    filled = np.nan_to_num(scores, nan=0.0)
    return _row_max(filled) - (-_row_max(-filled))


# An item moves nothing when leaving it out changes no scenario by this much (0.05 percentage points).
FLAT_IMPACT = 0.0005


def moves_nothing(impacts: np.ndarray) -> np.ndarray:
    """(N,) bool: the items whose leave-one-out impact is below FLAT_IMPACT on every scenario (greyed as
    non-diagnostic; inside a group a spread of ratings alone cannot tell)."""
    if impacts.shape[0] == 0 or impacts.shape[1] == 0:
        return np.ones(impacts.shape[0], dtype=bool)
    return _row_max(np.abs(impacts)) < FLAT_IMPACT


def known_on(inputs: LikelihoodInputs) -> np.ndarray:
    """(N,) day number from which each item counts: "as of d" keeps the items known on or before d.

    Design section 4 counts an item from its reported date (`reported_at`, when it became known).
    """
    return inputs.known


def contributions(inputs: LikelihoodInputs, start: int, end: int,
                  logged: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What each item known in (start, end] did when it arrived: (p_start, p_end, items, changes).

    The items are added one at a time, by the day they became known and then by `logged` (the order
    they were logged, e.g. evidence ids); an item's change is P after it minus P before it, so the
    changes telescope: their column sums equal p_end - p_start to float precision (design section 4).
    `items` (K,) are indexes into `inputs` in arrival order, `changes` (K, H) their changes.

    An item that joins a group moves that group's mean, not the total by its own w*s, so each item's
    step in log-odds is the change of its group's mean: the group's sums and counts start from its
    members known by `start` and grow by a cumulative sum within the group, in arrival order.
    One sort and two cumulative sums: O(N*H) however many items arrive.
    """
    h = inputs.n_scenarios
    day = known_on(inputs)
    log_b = math.log(inputs.base)
    if h == 0:
        return np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros((0, 0))
    ws, valid = _weighted_scores(inputs)
    before_start = day <= start
    sums, counts = _group_sums(inputs, ws, valid, before_start)
    logits0 = np.log(inputs.priors) + log_b * _column_sums(_means(sums, counts))
    p_start = softmax_rows(logits0[None, :])[0]
    arriving = np.flatnonzero((day > start) & (day <= end))
    items = arriving[np.lexsort((np.asarray(logged)[arriving], day[arriving]))]
    k = len(items)
    if k == 0:
        return p_start, p_start.copy(), items, np.zeros((0, h))
    g = inputs.groups[items]
    by_group = np.argsort(g, kind="stable")          # arrival order kept inside each group
    g_sorted = g[by_group]
    ws_sorted = ws[items][by_group]
    valid_sorted = valid[items][by_group].astype(float)
    cum_ws = np.cumsum(ws_sorted, axis=0)
    cum_n = np.cumsum(valid_sorted, axis=0)
    first = np.ones(k, dtype=bool)
    first[1:] = g_sorted[1:] != g_sorted[:-1]
    first_idx = np.maximum.accumulate(np.where(first, np.arange(k), 0))
    # cumulative sums restart at each group: subtract what came before the group's first arrival
    offset_ws = np.where(first_idx[:, None] > 0, cum_ws[np.maximum(first_idx - 1, 0)], 0.0)
    offset_n = np.where(first_idx[:, None] > 0, cum_n[np.maximum(first_idx - 1, 0)], 0.0)
    s_after = sums[g_sorted] + cum_ws - offset_ws
    n_after = counts[g_sorted] + cum_n - offset_n
    step_sorted = _means(s_after, n_after) - _means(s_after - ws_sorted, n_after - valid_sorted)
    step = np.empty_like(step_sorted)
    step[by_group] = step_sorted                      # back to arrival order
    logits = logits0[None, :] + log_b * np.cumsum(step, axis=0)
    p = softmax_rows(np.vstack([logits0[None, :], logits]))
    return p_start, p[-1].copy(), items, np.diff(p, axis=0)


def ach_leader(plain: np.ndarray, weighted: np.ndarray, tolerance: float = 1e-9) -> int | None:
    """The scenario PARC ACH ranks first: the least negative plain inconsistency score, a tie broken by
    the weighted score, None while still tied (design section 4, `ach_leader`).

    Group means make thirds and sevenths, so scores within `tolerance` count as equal.
    """
    plain = np.asarray(plain, dtype=float)
    if plain.size == 0:
        return None
    tied = np.flatnonzero(plain >= plain.max() - tolerance)
    if len(tied) > 1:
        w = np.asarray(weighted, dtype=float)[tied]
        tied = tied[w >= w.max() - tolerance]
    return int(tied[0]) if len(tied) == 1 else None


# An item whose leave-one-out impact on some scenario exceeds this carries the lead alone (25 points).
CARRIES_LEAD = 0.25
