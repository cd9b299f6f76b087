"""The rating rule in one place: what each letter of the ACH scale claims about an item.

The window's tooltips (the matrix's scenario columns, the evidence dialog's rating buttons) and
docs/rating-guide.md say the same sentences, and a test holds them to it, so the scale an analyst
reads while rating is the one the guide explains and the one the model computes with: each step
multiplies the likelihood by the model's base (2), so "about twice as likely" is one step.
"""

from __future__ import annotations

import textwrap

from desktop.domain.grading import RATINGS

RATING_QUESTION = ("Rate each cell by how much more or less likely the item is if that scenario, "
                   "as its definition reads, is the true one, compared with the other scenarios.")

# One line per rating, in scale order. "The others" are the cells the row leaves at N.
RATING_MEANINGS: dict[str, str] = {
    "CC": "very consistent: about 4× as likely under this scenario; only a costly, hard-to-reverse act earns it",
    "C": "consistent: about 2× as likely under this scenario; the most a statement, leak, plan or offer earns",
    "N": "neutral: about as likely under this scenario as under the others; what every scenario expects is N",
    "I": "inconsistent: about half as likely under this scenario",
    "II": "very inconsistent: about a quarter as likely; only a costly, hard-to-reverse act earns it",
    "NA": "not applicable: the scenario predicts nothing about it; counted like N",
}

GUIDE_POINTER = "The whole rule: Help ▸ Rating guide…"

assert tuple(RATING_MEANINGS) == RATINGS, "the rule must explain every rating, in scale order"


def rating_line(value: str) -> str:
    """"C — consistent: about 2× as likely …", the line for one rating."""
    return f"{value} — {RATING_MEANINGS[value]}"


def rating_scale_text() -> str:
    """The question (wrapped: a tooltip does not wrap plain text), the six lines and where the rest is."""
    return "\n".join([*textwrap.wrap(RATING_QUESTION, 96), *(rating_line(v) for v in RATINGS), "", GUIDE_POINTER])
