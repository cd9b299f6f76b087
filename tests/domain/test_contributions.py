"""Contributions that add up (design section 4) and the scenario PARC ACH ranks first."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.domain.grading import evidence_weight
from desktop.domain.likelihood import LikelihoodInputs, ach_leader, contributions, inconsistency_scores, posterior

NA = math.nan
LN2 = math.log(2)
JAN1, JAN2 = 739252, 739253          # date(2025, 1, 1).toordinal(), date(2025, 1, 2).toordinal()


def _worked() -> LikelihoodInputs:
    """Design section 4's example. The example orders by reported date (e1 and e3 with their source on
    2025-01-01, e2 on 2025-01-02); evidence has only observed dates yet, so those are set to the reported ones."""
    w = [evidence_weight("B", 2, "high"), evidence_weight(None, 3, "medium"), evidence_weight("B", 1, "low")]
    return LikelihoodInputs.build([0.6, 0.4], w, [[1, -1], [-2, NA], [0, 2]], [None, "g", "g"],
                                  [JAN1, JAN2, JAN1])


def test_the_worked_example_contributions():
    inputs = _worked()
    p_start, p_end, items, changes = contributions(inputs, JAN1 - 1, JAN2, np.array([1, 2, 3]))
    assert p_start.tolist() == pytest.approx([0.6, 0.4], abs=1e-12)
    assert items.tolist() == [0, 2, 1]          # e1, e3 (same day, logged before e2), then e2
    # e1 alone: a = ln .6 + 0.64 ln2, b = ln .4 - 0.64 ln2
    after_e1 = 1 / (1 + 0.4 / 0.6 * math.exp(-1.28 * LN2))
    assert changes[0, 0] == pytest.approx(after_e1 - 0.6, abs=1e-12)
    assert changes[:, 0].tolist() == pytest.approx([0.184603, -0.084229, -0.031407], abs=1e-6)
    assert changes[:, 0].sum() == pytest.approx(0.068967, abs=1e-6)
    assert np.abs(changes.sum(axis=0) - (p_end - p_start)).max() < 1e-12
    assert np.abs(p_end - posterior(inputs)).max() < 1e-12


def test_e2_joining_its_group_moves_the_group_mean_not_its_own_score():
    # After e1 and e3, group g is e3 alone (a: 0); e2 makes its mean for a (-0.42 + 0) / 2 = -0.21,
    # and leaves b alone (NA), so its step in log-odds on a is -0.21 ln2, not -0.42 ln2.
    inputs = _worked()
    _, _, _, changes = contributions(inputs, JAN1 - 1, JAN2, np.array([1, 2, 3]))
    # log-odds a over b: before ln 1.5 + 0.64 ln2 (b: -0.64 + 0.64 = 0); after ln 1.5 + (0.64 - 0.21) ln2
    before = 1 / (1 + 0.4 / 0.6 * math.exp(-0.64 * LN2))
    after = 1 / (1 + 0.4 / 0.6 * math.exp(-(0.64 - 0.21) * LN2))
    assert changes[2, 0] == pytest.approx(after - before, abs=1e-12)


def test_a_start_after_some_evidence_counts_it_in_the_starting_point():
    inputs = _worked()
    p_start, p_end, items, changes = contributions(inputs, JAN1, JAN2, np.array([1, 2, 3]))
    assert items.tolist() == [1]
    assert np.abs(p_start - posterior(inputs, np.array([True, False, True]))).max() < 1e-12
    assert changes[0].tolist() == pytest.approx((p_end - p_start).tolist(), abs=1e-15)


def test_ties_in_day_go_by_the_order_logged():
    inputs = _worked()
    _, _, items, _ = contributions(inputs, JAN1 - 1, JAN2, np.array([3, 2, 1]))   # e3 logged before e1
    assert items.tolist() == [2, 0, 1]


def _random_case(seed: int, n: int = 60, h: int = 4):
    rng = np.random.default_rng(seed)
    scores = rng.choice([-2.0, -1.0, 0.0, 1.0, 2.0, NA], size=(n, h))
    groups = [None if g < 0 else f"g{g}" for g in rng.integers(-10, 8, size=n)]
    days = rng.integers(100, 130, size=n)
    inputs = LikelihoodInputs.build(rng.dirichlet(np.ones(h)).tolist(), rng.uniform(0.1, 1.0, n).tolist(),
                                    scores, groups, days.tolist())
    return inputs, rng.permutation(n) + 1


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("start,end", [(99, 129), (105, 115), (110, 111), (120, 140), (90, 95)])
def test_each_change_is_the_posterior_after_minus_before_and_they_sum_to_the_difference(seed, start, end):
    inputs, logged = _random_case(seed)
    p_start, p_end, items, changes = contributions(inputs, start, end, logged)
    day = inputs.known
    expected_items = [i for i in sorted(range(inputs.n_items), key=lambda i: (day[i], logged[i]))
                      if start < day[i] <= end]
    assert items.tolist() == expected_items
    mask = day <= start
    before = posterior(inputs, mask)
    assert np.abs(p_start - before).max() < 1e-12
    for row, i in enumerate(items):          # brute force: the whole posterior again after each arrival
        mask = mask.copy()
        mask[i] = True
        after = posterior(inputs, mask)
        assert np.abs(changes[row] - (after - before)).max() < 1e-12
        before = after
    assert np.abs(p_end - posterior(inputs, day <= end)).max() < 1e-12
    assert np.abs(changes.sum(axis=0) - (p_end - p_start)).max() < 1e-12


def test_the_worked_example_ach_leader_is_tied_on_plain_and_broken_by_weight():
    inputs = _worked()
    plain, weighted = inconsistency_scores(inputs.scores, inputs.weights, inputs.groups)
    assert plain.tolist() == [-1, -1]
    assert weighted.tolist() == pytest.approx([-0.21, -0.64])
    assert ach_leader(plain, weighted) == 0      # a: contradicted as often as b, but by lighter evidence


def test_ach_leader_is_the_least_negative_and_none_when_still_tied():
    assert ach_leader(np.array([-3.0, -1.0, -2.0]), np.array([0.0, -0.9, 0.0])) == 1
    assert ach_leader(np.array([-1.0, -1.0, -2.0]), np.array([-0.5, -0.5, 0.0])) is None
    assert ach_leader(np.array([-1 / 3, -1.0 / 3.0 + 1e-15]), np.array([-0.2, -0.1])) == 1
    assert ach_leader(np.array([]), np.array([])) is None
