"""Issue 4, point 4: the extraction rules measured on the labelled set of 20 real articles."""

from __future__ import annotations

import pytest

from bench.extraction_quality import labelled_articles, score

ALLOWED_QUALIFIERS = {None, "at least", "more than", "approximately", "nearly", "up to", "less than"}


def test_labelled_set_is_whole_and_every_span_is_exact():
    articles = list(labelled_articles())
    assert len(articles) == 20
    assert {labels["language"] for labels, _ in articles} == {"en", "es"}
    for labels, text in articles:
        for item in labels["quantities"] + labels["dates"]:
            assert text[item["start"]:item["end"]] == item["text"], (labels["slug"], item)
        for q in labels["quantities"]:
            assert isinstance(q["value"], (int, float)) and q["qualifier"] in ALLOWED_QUALIFIERS


@pytest.fixture(scope="module")
def scores():
    return score()


def test_quantities_precision_and_recall_at_least_0_9(scores):
    assert scores.quantities >= 60
    assert scores.quantity_precision >= 0.9
    assert scores.quantity_recall >= 0.9


def test_qualifiers_right_at_least_0_9(scores):
    assert scores.qualifier_accuracy >= 0.9


def test_resolved_dates_precision_and_recall_at_least_0_85(scores):
    assert scores.dates >= 40
    assert scores.date_precision >= 0.85
    assert scores.date_recall >= 0.85
