"""The rating rule: the window's scale, docs/rating-guide.md and its shipped copy say the same, and the
"about 2× per step" the guide promises is what the model computes."""

from __future__ import annotations

import pytest

from desktop.domain.grading import RATING_SCORES, RATINGS
from desktop.domain.likelihood import LikelihoodInputs, posterior
from desktop.domain.rating_rule import GUIDE_POINTER, RATING_MEANINGS, RATING_QUESTION, rating_line, rating_scale_text
from desktop.services.shipped import rating_guide_text

from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "rating-guide.md"


def test_the_guide_states_the_question_and_each_rating_as_the_window_does():
    text = GUIDE.read_text(encoding="utf-8")
    assert RATING_QUESTION in text
    for value in RATINGS:
        assert f"| {value} | {RATING_MEANINGS[value]} |" in text, value


def test_the_shipped_copy_is_the_guide():
    """The window reads data/guide/rating-guide.md (docs/ is not installed); it must not drift from docs/."""
    assert rating_guide_text() == GUIDE.read_text(encoding="utf-8")


def test_the_tooltip_text_has_the_question_every_line_and_where_the_rest_is():
    lines = rating_scale_text().splitlines()
    scale = [rating_line(v) for v in RATINGS]
    start = lines.index(scale[0])
    assert " ".join(lines[:start]) == RATING_QUESTION and all(len(line) <= 100 for line in lines[:start])
    assert lines[start:start + len(scale)] == scale and lines[-1] == GUIDE_POINTER
    assert rating_line("CC").startswith("CC — very consistent")


@pytest.mark.parametrize("value, ratio, words", [("CC", 4.0, "about 4× as likely"), ("C", 2.0, "about 2× as likely"),
                                                 ("N", 1.0, "about as likely"), ("I", 0.5, "about half as likely"),
                                                 ("II", 0.25, "about a quarter as likely"),
                                                 ("NA", 1.0, "counted like N")])
def test_each_step_is_the_factor_the_guide_says(value, ratio, words):
    """Two scenarios with equal priors, one item of weight 1 rated `value` on the first and N on the second:
    the posterior odds are the likelihood ratio the rating's line names."""
    assert words in RATING_MEANINGS[value]
    inputs = LikelihoodInputs.build([0.5, 0.5], [1.0], [[RATING_SCORES[value], 0.0]], [None], [0])
    p = posterior(inputs)
    assert p[0] / p[1] == pytest.approx(ratio)
