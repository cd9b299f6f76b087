"""ICD 203 words, Admiralty tables and evidence weight."""

from __future__ import annotations

import pytest

from desktop.domain.estimative import estimative_words
from desktop.domain.grading import Rating, admiralty_code, evidence_weight


@pytest.mark.parametrize("p, words", [
    (0.0, "almost no chance"), (0.03, "almost no chance"), (0.05, "very unlikely"), (0.19, "very unlikely"),
    (0.20, "unlikely"), (0.331033, "unlikely"), (0.45, "roughly even chance"), (0.55, "roughly even chance"),
    (0.551, "likely"), (0.668967, "likely"), (0.80, "very likely"), (0.949, "very likely"),
    (0.95, "almost certain"), (1.0, "almost certain"),
])
def test_icd203_bands(p, words):
    assert estimative_words(p) == words


@pytest.mark.parametrize("p", [-0.01, 1.01, float("nan")])
def test_impossible_probability_is_refused(p):
    with pytest.raises(ValueError, match="outside"):
        estimative_words(p)


def test_weight_multiplies_the_three_tables():
    assert evidence_weight("A", 1, "high") == 1.0
    assert evidence_weight("E", 5, "low") == pytest.approx(0.2 * 0.2 * 0.4)
    assert evidence_weight("F", 6, "medium") == pytest.approx(0.5 * 0.5 * 0.7)
    assert evidence_weight(None, 2, "medium") == pytest.approx(0.5 * 0.8 * 0.7)


def test_rating_scores_and_na():
    assert [Rating(r).score for r in ("CC", "C", "N", "I", "II")] == [2, 1, 0, -1, -2]
    assert Rating.NA.score != Rating.NA.score  # NaN: skipped, never counted as 0


def test_admiralty_code():
    assert admiralty_code("B", 2) == "B2"
    assert admiralty_code(None, 3) == "-3"
