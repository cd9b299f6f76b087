"""Bayesian ACH against hand computations (design section 4's worked example and others)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.domain.grading import evidence_weight
from desktop.domain.likelihood import (
    LikelihoodInputs, diagnosticity, history, inconsistency_scores, posterior, posterior_with_impacts,
)

NA = math.nan
LN2 = math.log(2)


def _normalise(log_a: float, log_b: float) -> tuple[float, float]:
    a, b = math.exp(log_a), math.exp(log_b)
    return a / (a + b), b / (a + b)


@pytest.fixture
def worked():
    """Design section 4: a (0.6) and b (0.4); e1 B2 high a C b I; e2 no source 3 medium a II b NA group g;
    e3 B1 low a N b CC group g."""
    w = [evidence_weight("B", 2, "high"), evidence_weight(None, 3, "medium"), evidence_weight("B", 1, "low")]
    return LikelihoodInputs.build([0.6, 0.4], w, [[1, -1], [-2, NA], [0, 2]], [None, "g", "g"], [10, 20, 30])


def test_weights_follow_the_default_tables(worked):
    assert worked.weights.tolist() == pytest.approx([0.64, 0.21, 0.32])


def test_worked_example_probabilities(worked):
    # a: ln .6 + ln2 (0.64 + mean(-0.42, 0)); b: ln .4 + ln2 (-0.64 + 0.64) -- e2 is NA for b.
    expected_a, expected_b = _normalise(math.log(0.6) + LN2 * (0.64 - 0.21), math.log(0.4) + 0.0)
    p = posterior(worked)
    assert p.tolist() == pytest.approx([expected_a, expected_b], abs=1e-12)
    assert p.tolist() == pytest.approx([0.668967, 0.331033], abs=1e-6)


def test_worked_example_impacts_are_leave_one_out(worked):
    p, impacts = posterior_with_impacts(worked)
    # Without e1: a: ln .6 + ln2 * (-0.21); b: ln .4 + ln2 * 0.64
    without_e1 = _normalise(math.log(0.6) - 0.21 * LN2, math.log(0.4) + 0.64 * LN2)[0]
    # Without e2: group g is e3 alone: a: ln .6 + ln2 (0.64 + 0); b: ln .4 + ln2 (-0.64 + 0.64)
    without_e2 = _normalise(math.log(0.6) + 0.64 * LN2, math.log(0.4))[0]
    # Without e3: group g is e2 alone: a: ln .6 + ln2 (0.64 - 0.42); b: all NA -> 0: ln .4 - 0.64 ln2
    without_e3 = _normalise(math.log(0.6) + 0.22 * LN2, math.log(0.4) - 0.64 * LN2)[0]
    assert impacts[:, 0].tolist() == pytest.approx([p[0] - without_e1, p[0] - without_e2, p[0] - without_e3])
    assert impacts[:, 0].tolist() == pytest.approx([0.214766, -0.031407, -0.062400], abs=1e-6)
    # Two scenarios: what one gains the other loses.
    assert impacts[:, 1].tolist() == pytest.approx((-impacts[:, 0]).tolist())


def test_impacts_match_brute_force_on_random_matrices():
    rng = np.random.default_rng(7)
    n, h = 40, 4
    scores = rng.choice([-2, -1, 0, 1, 2, NA], size=(n, h))
    groups = [None if g < 3 else f"g{g}" for g in rng.integers(0, 8, n)]
    inputs = LikelihoodInputs.build([0.1, 0.2, 0.3, 0.4], rng.uniform(0.05, 1, n).tolist(), scores, groups,
                                    rng.integers(0, 100, n).tolist())
    p, impacts = posterior_with_impacts(inputs)
    for i in range(n):
        keep = np.ones(n, dtype=bool)
        keep[i] = False
        assert impacts[i].tolist() == pytest.approx((p - posterior(inputs, keep)).tolist(), abs=1e-12)


def test_history_equals_posterior_of_the_evidence_known_by_each_day(worked):
    days = np.array([0, 10, 15, 20, 25, 30, 99])
    got = history(worked, days)
    for row, day in zip(got, days):
        assert row.tolist() == pytest.approx(posterior(worked, worked.known <= day).tolist(), abs=1e-12)
    assert got[0].tolist() == pytest.approx([0.6, 0.4])  # before any evidence: the priors


def test_history_matches_brute_force_with_groups_spread_over_time():
    rng = np.random.default_rng(11)
    n = 60
    scores = rng.choice([-2, -1, 0, 1, 2, NA], size=(n, 3))
    groups = [f"g{g}" if g < 6 else None for g in rng.integers(0, 12, n)]
    inputs = LikelihoodInputs.build([0.5, 0.3, 0.2], rng.uniform(0.1, 1, n).tolist(), scores, groups,
                                    rng.integers(0, 50, n).tolist())
    days = np.arange(-1, 52)
    got = history(inputs, days)
    for row, day in zip(got, days):
        assert row.tolist() == pytest.approx(posterior(inputs, inputs.known <= day).tolist(), abs=1e-12)


def test_no_evidence_gives_normalised_priors():
    inputs = LikelihoodInputs.build([0.2, 0.2, 0.6], [], np.zeros((0, 3)), [], [])
    p, impacts = posterior_with_impacts(inputs)
    assert p.tolist() == pytest.approx([0.2, 0.2, 0.6])
    assert impacts.shape == (0, 3)
    assert np.allclose(history(inputs, np.array([1, 2])), [[0.2, 0.2, 0.6]] * 2)


def test_unnormalised_priors_are_normalised():
    inputs = LikelihoodInputs.build([1.0, 1.0], [], np.zeros((0, 2)), [], [])
    assert posterior(inputs).tolist() == pytest.approx([0.5, 0.5])


def test_base_sets_the_step_size():
    # One item, w = 1, CC for a and II for b: log odds move by (2 - (-2)) ln B.
    inputs = LikelihoodInputs.build([0.5, 0.5], [1.0], [[2, -2]], [None], [0], base=3.0)
    odds = 3.0 ** 4
    assert posterior(inputs).tolist() == pytest.approx([odds / (1 + odds), 1 / (1 + odds)])


def test_extreme_evidence_does_not_overflow():
    n = 2000
    inputs = LikelihoodInputs.build([0.5, 0.5], [1.0] * n, [[2, -2]] * n, [None] * n, list(range(n)))
    p = posterior(inputs)
    assert np.isfinite(p).all() and p[0] == pytest.approx(1.0)


def test_inconsistency_scores_of_the_worked_example(worked):
    """Design §4: group g counts once, as the mean over its members that rated the scenario (e2 is NA for b)."""
    plain, weighted = inconsistency_scores(worked.scores, worked.weights, worked.groups)
    assert plain.tolist() == [-1, -1]
    assert weighted.tolist() == pytest.approx([-0.21, -0.64])
    ungrouped, _ = inconsistency_scores(worked.scores, worked.weights)
    assert ungrouped.tolist() == [-2, -1]


def test_thirty_grouped_copies_count_as_one():
    scores = np.full((30, 2), [-2.0, 1.0])
    plain, weighted = inconsistency_scores(scores, np.full(30, 0.5), np.zeros(30, dtype=np.int64))
    assert plain.tolist() == [-2, 0] and weighted.tolist() == pytest.approx([-1.0, 0])


def test_diagnosticity_counts_na_as_zero_like_the_likelihood():
    scores = np.array([[2, -2, 0], [1, 1, 1], [NA, -1, 2], [NA, NA, 2], [1, 1, NA]], dtype=float)
    assert diagnosticity(scores).tolist() == [4, 0, 3, 2, 1]


def test_an_item_is_flat_when_leaving_it_out_moves_nothing():
    """Ten C/C/NA rows move the scenarios exactly like C/C/N: none of them is greyed; a C/C/C row is."""
    from desktop.domain.likelihood import moves_nothing, posterior_with_impacts

    rows = [[1.0, 1.0, NA]] * 10 + [[1.0, 1.0, 1.0]]
    inputs = LikelihoodInputs.build([1 / 3] * 3, [0.5] * 11, rows, [None] * 11, [0] * 11)
    p, impacts = posterior_with_impacts(inputs)
    assert p[2] < 0.05
    assert moves_nothing(impacts).tolist() == [False] * 10 + [True]


def test_scratch_arrays_never_leak_between_calls_of_other_sizes():
    """history and the impacts reuse work arrays between calls: results must not depend on what ran before."""
    import numpy as np

    from desktop.domain.likelihood import LikelihoodInputs, history, posterior, posterior_with_impacts

    rng = np.random.default_rng(11)

    def inputs(n):
        scores = rng.integers(-2, 3, (n, 3)).astype(float)
        scores[rng.random((n, 3)) < 0.2] = np.nan
        return LikelihoodInputs(np.array([0.2, 0.3, 0.5]), rng.uniform(0.1, 1, n), scores,
                                rng.integers(0, max(n // 3, 1), n), rng.integers(739000, 739100, n))
    big, small = inputs(300), inputs(40)
    days = np.arange(738990, 739110)
    first_h, first_i = history(big, days), posterior_with_impacts(big)[1].copy()
    history(small, days)
    posterior_with_impacts(small)
    np.testing.assert_array_equal(history(big, days), first_h)
    np.testing.assert_array_equal(posterior_with_impacts(big)[1], first_i)
    np.testing.assert_allclose(first_h[-1], posterior(big), rtol=1e-12)
    held = posterior_with_impacts(small)[1]
    before = held.copy()
    posterior_with_impacts(big)                        # a later call must not write into returned arrays
    np.testing.assert_array_equal(held, before)
