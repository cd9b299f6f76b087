"""The ACH matrix service: row order, footers against the likelihood report, local recompute after an edit."""

from __future__ import annotations

import json
import math
from datetime import date

import numpy as np
import pytest

from desktop.domain.bundle import Bundle, BundleEvidence, BundleScenario, BundleSource
from desktop.domain.grading import RATING_SCORES, evidence_weight
from desktop.domain.likelihood import diagnosticity, inconsistency_scores
from desktop.services import evidence as ev
from desktop.services.bundles import import_bundle
from desktop.services.errors import InputError
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.matrix import ach_matrix, matrix_rows, with_rating

from tests.conftest import SEED_BUNDLE

SID = 1


def _by_id(matrix) -> dict[int, int]:
    return {int(i): r for r, i in enumerate(matrix.evidence_ids)}


def _assert_footers_match_report(matrix, report):
    assert [f.key for f in matrix.footers] == [s.key for s in report.scenarios]
    for f, s in zip(matrix.footers, report.scenarios):
        assert f.probability == pytest.approx(s.probability, abs=1e-12)
        assert f.words == s.words
        # group means over three members are thirds, summed in another order by the edited footers
        assert f.inconsistency == pytest.approx(s.inconsistency, abs=1e-12)
        assert f.weighted_inconsistency == pytest.approx(s.weighted_inconsistency, abs=1e-9)


def test_every_live_item_once_with_its_ratings_and_weight(seeded):
    m = ach_matrix(seeded, SID)
    rows = ev.list_evidence(seeded, SID)
    assert m.n_rows == len(rows) == 54
    assert sorted(m.evidence_ids.tolist()) == sorted(r.id for r in rows)
    assert [s.key for s in m.scenarios] == ["negotiation", "escalation", "status_quo"]
    where = _by_id(m)
    for r in rows:
        i = where[r.id]
        assert m.keys[i] == r.key
        assert m.observed_date(i) == r.observed_at
        assert m.weights[i] == pytest.approx(evidence_weight(r.reliability, r.credibility, r.relevance))
        for j, s in enumerate(m.scenarios):
            assert m.rating(i, j) == r.ratings.get(s.key)
            expected = RATING_SCORES[r.ratings[s.key]] if s.key in r.ratings else math.nan
            assert m.scores[i, j] == pytest.approx(expected, nan_ok=True)


def test_rows_by_diagnosticity_then_newest(seeded):
    m = ach_matrix(seeded, SID)
    assert np.array_equal(m.diagnosticity, diagnosticity(m.scores))
    assert np.all(np.diff(m.diagnosticity) <= 0)
    # From the bundle file: a row's spread in rating steps. The seed has no CC or II since the rating
    # guide's re-rating (no costly act the other scenarios would rarely produce), so the widest rows
    # set C against I (e14, the rejected offer), two steps; flat rows are the tallies and background.
    steps = [[0.0 if r == "NA" else RATING_SCORES[r] for r in e["ratings"].values()]
             for e in json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))["evidence"]]
    spreads = [max(row) - min(row) for row in steps]
    assert max(spreads) == 2
    assert m.diagnosticity[0] == max(spreads) and m.diagnosticity[-1] == 0
    for d in np.unique(m.diagnosticity):
        observed = m.observed[m.diagnosticity == d]
        assert np.all(np.diff(observed) <= 0)
    assert (m.diagnosticity == 0).sum() == spreads.count(0)


@pytest.mark.parametrize("as_of", [None, date(2025, 11, 24), date(2025, 11, 16), date(2025, 10, 1)])
def test_footers_equal_likelihoods_as_of_and_the_domain_scores(seeded, as_of):
    m = ach_matrix(seeded, SID, as_of)
    report = likelihoods_as_of(seeded, SID, as_of)
    assert m.n_rows == report.evidence_count
    if as_of is not None:
        assert all(m.observed_date(i) <= as_of for i in range(m.n_rows))
    _assert_footers_match_report(m, report)
    plain, weighted = inconsistency_scores(m.scores, m.weights, m.groups)     # a group counts once
    assert [f.inconsistency for f in m.footers] == plain.tolist()
    assert [f.weighted_inconsistency for f in m.footers] == pytest.approx(weighted.tolist())


def test_as_of_before_any_evidence_leaves_the_priors(seeded):
    m = ach_matrix(seeded, SID, date(2000, 1, 1))
    report = likelihoods_as_of(seeded, SID, date(2000, 1, 1))
    assert m.n_rows == 0 and m.scores.shape == (0, 3)
    _assert_footers_match_report(m, report)
    assert [f.inconsistency for f in m.footers] == [0, 0, 0]


def test_deleted_items_are_left_out(seeded):
    m = ach_matrix(seeded, SID)
    gone = int(m.evidence_ids[0])
    ev.delete_evidence(seeded, gone)
    after = ach_matrix(seeded, SID)
    assert after.n_rows == m.n_rows - 1 and gone not in after.evidence_ids
    _assert_footers_match_report(after, likelihoods_as_of(seeded, SID))


def _grouped_row(m) -> int:
    counts = np.bincount(m.groups)
    return int(np.flatnonzero(counts[m.groups] > 1)[0])


@pytest.mark.parametrize("value", ["CC", "II", "NA", None])
@pytest.mark.parametrize("which", ["top", "grouped", "flat"])
def test_with_rating_equals_a_full_read_after_set_rating(seeded, value, which):
    m = ach_matrix(seeded, SID)
    row = {"top": 0, "grouped": _grouped_row(m), "flat": m.n_rows - 1}[which]
    j = 1
    evidence_id = int(m.evidence_ids[row])
    local = with_rating(m, row, j, value)

    old = ev.set_rating(seeded, evidence_id, m.scenarios[j].key, value)
    assert old == m.rating(row, j)
    full = ach_matrix(seeded, SID)
    _assert_footers_match_report(local, likelihoods_as_of(seeded, SID))
    for a, b in zip(local.footers, full.footers):
        assert a.probability == pytest.approx(b.probability, abs=1e-12)
        assert a.inconsistency == b.inconsistency
        assert a.weighted_inconsistency == pytest.approx(b.weighted_inconsistency, abs=1e-9)
    # same cells, same diagnosticity per item; rows kept their places in the local one
    assert np.array_equal(local.evidence_ids, m.evidence_ids)
    where = _by_id(full)
    order = [where[int(i)] for i in local.evidence_ids]
    assert np.array_equal(local.ratings, full.ratings[order])
    assert np.array_equal(local.diagnosticity, full.diagnosticity[order])
    assert local.rating(row, j) == value
    # the original is untouched (arrays are read-only and copied on edit)
    assert m.rating(row, j) == old
    with pytest.raises(ValueError):
        m.scores[0, 0] = 1.0


def test_many_local_edits_stay_equal_to_a_full_recompute(seeded):
    rng = np.random.default_rng(7)
    m = ach_matrix(seeded, SID)
    for _ in range(40):
        row, j = int(rng.integers(m.n_rows)), int(rng.integers(m.n_scenarios))
        value = [None, "CC", "C", "N", "I", "II", "NA"][int(rng.integers(7))]
        m = with_rating(m, row, j, value)
        ev.set_rating(seeded, int(m.evidence_ids[row]), m.scenarios[j].key, value)
    _assert_footers_match_report(m, likelihoods_as_of(seeded, SID))


def test_with_rating_as_of_recomputes_within_the_dated_rows(seeded):
    as_of = date(2025, 11, 16)
    m = ach_matrix(seeded, SID, as_of)
    row = _grouped_row(m) if (np.bincount(m.groups) > 1).any() else 0
    local = with_rating(m, row, 0, "II")
    ev.set_rating(seeded, int(m.evidence_ids[row]), m.scenarios[0].key, "II")
    _assert_footers_match_report(local, likelihoods_as_of(seeded, SID, as_of))


def test_with_rating_refuses_bad_values_and_cells(seeded):
    m = ach_matrix(seeded, SID)
    with pytest.raises(InputError):
        with_rating(m, 0, 0, "XX")
    with pytest.raises(IndexError):
        with_rating(m, m.n_rows, 0, "C")
    with pytest.raises(IndexError):
        with_rating(m, 0, 3, "C")


def test_matrix_rows_text_in_the_order_asked(seeded):
    m = ach_matrix(seeded, SID)
    rows = {r.id: r for r in ev.list_evidence(seeded, SID)}
    ids = [int(i) for i in m.evidence_ids[[5, 0, 40]]] + [10**9]
    texts = matrix_rows(seeded, ids)
    assert [t.id for t in texts] == ids[:3]
    for t in texts:
        r = rows[t.id]
        assert (t.quote, t.summary, t.observed_at, t.source) == (r.quote, r.summary, r.observed_at, r.source_label)
    assert matrix_rows(seeded, []) == []


def test_many_scenarios_and_unrated_cells(empty_db):
    """More scenarios than one packed column holds (20), NA, and cells left unrated."""
    keys = [f"h{j}" for j in range(23)]
    scenarios = tuple(BundleScenario(k, f"Scenario {k}", "", 1 / 23) for k in keys)
    source = BundleSource("s1", "Report", outlet="Wire", reliability="B", text="alpha beta gamma delta")
    values = ("CC", "C", "N", "I", "II", "NA")
    evidence = tuple(
        BundleEvidence(f"e{i}", "alpha beta", {k: values[(i + j) % 6] for j, k in enumerate(keys) if (i + j) % 7},
                       date(2025, 1, 1 + i), source="s1", credibility=2, relevance="high",
                       group="g" if i < 2 else None)
        for i in range(5))
    sid = import_bundle(empty_db, Bundle("Many", "", scenarios, (source,), evidence)).situation_id
    m = ach_matrix(empty_db, sid)
    where = _by_id(m)
    for row in ev.list_evidence(empty_db, sid):
        i = where[row.id]
        assert {k: m.rating(i, j) for j, k in enumerate(keys) if m.rating(i, j)} == row.ratings
    _assert_footers_match_report(m, likelihoods_as_of(empty_db, sid))
    local = with_rating(m, where[min(where)], 22, "II")
    ev.set_rating(empty_db, min(where), "h22", "II")
    _assert_footers_match_report(local, likelihoods_as_of(empty_db, sid))
