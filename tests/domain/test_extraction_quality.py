"""Extraction quality against labelled articles (issue 4, point 4; issue 12 §4).

The tuning set (tests/data/extraction/) is what the rules were written against; the held-out set
(tests/data/extraction-heldout/) was written and frozen by someone else before the rules were
changed, so only it says how the rules do on articles they have never seen. Both must reach 0.9.
"""

from __future__ import annotations

from datetime import date

import pytest

from bench.extraction_quality import BLIND, HELDOUT, TUNING, labelled_articles, score

ALLOWED_QUALIFIERS = {None, "at least", "more than", "approximately", "nearly", "up to", "less than"}
HAS_HELDOUT = HELDOUT.is_dir() and any(HELDOUT.glob("*.json"))
needs_heldout = pytest.mark.skipif(not HAS_HELDOUT, reason=f"no held-out set in {HELDOUT} (issue 12 §4 adds it)")


def _check_labels(articles):
    assert {labels["language"] for labels, _ in articles} == {"en", "es"}
    for labels, text in articles:
        for item in labels["quantities"] + labels["dates"]:
            assert text[item["start"]:item["end"]] == item["text"], (labels["slug"], item)
        for q in labels["quantities"]:
            assert isinstance(q["value"], (int, float)) and q["qualifier"] in ALLOWED_QUALIFIERS, (labels["slug"], q)
            assert q.get("kind", "count") in ("count", "duration"), (labels["slug"], q)
        for d in labels["dates"]:
            if d.get("until"):
                assert d["date"] and date.fromisoformat(d["until"]) > date.fromisoformat(d["date"]), (labels["slug"], d)


def test_tuning_set_is_whole_and_every_span_is_exact():
    articles = list(labelled_articles(TUNING))
    assert len(articles) == 20
    _check_labels(articles)


@needs_heldout
def test_heldout_set_is_whole_and_every_span_is_exact():
    articles = list(labelled_articles(HELDOUT))
    assert len(articles) >= 20
    _check_labels(articles)


@pytest.fixture(scope="module")
def scores():
    return score(TUNING)


def test_quantities_precision_and_recall_at_least_0_9(scores):
    assert scores.quantities >= 60
    assert scores.quantity_precision >= 0.9
    assert scores.quantity_recall >= 0.9


def test_qualifiers_right_at_least_0_9(scores):
    assert scores.qualifier_accuracy >= 0.9


def test_resolved_dates_precision_and_recall_at_least_0_9(scores):
    assert scores.dates >= 40
    assert scores.date_precision >= 0.9
    assert scores.date_recall >= 0.9


@needs_heldout
@pytest.mark.parametrize("language", [None, "en", "es"])
def test_heldout_quantities_and_dates_at_least_0_9(language):
    """The issue's goal, on unseen articles in English and Spanish, each language on its own too."""
    s = score(HELDOUT, language)
    assert s.articles > 0
    assert s.quantity_precision >= 0.9, s
    assert s.quantity_recall >= 0.9, s
    assert s.date_precision >= 0.9, s
    assert s.date_recall >= 0.9, s


@pytest.mark.skipif(not (BLIND.is_dir() and any(BLIND.glob("*.json"))), reason=f"no blind held-out set in {BLIND}")
@pytest.mark.parametrize("language", [None, "en", "es"])
def test_blind_heldout_quantities_and_dates_at_least_0_9(language):
    """The issue's goal on the second held-out set, whose misses no rule was written against."""
    s = score(BLIND, language)
    assert s.articles >= 10
    assert s.quantity_precision >= 0.9, s
    assert s.quantity_recall >= 0.9, s
    assert s.date_precision >= 0.9, s
    assert s.date_recall >= 0.9, s
