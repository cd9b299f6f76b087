"""Rating scale, Admiralty grading and evidence weight (design section 4).

The tables live here once so the likelihood model, the ACH scores, the bundle
validator and the screens all agree on what a grade means.
"""

from __future__ import annotations

import math
from enum import Enum


class Rating(str, Enum):
    """How consistent one evidence item is with one scenario (ACH scale)."""

    CC = "CC"
    C = "C"
    N = "N"
    I = "I"  # noqa: E741 - the ACH scale's own letter
    II = "II"
    NA = "NA"

    @property
    def score(self) -> float:
        """Steps on the scale; NaN for NA so that it is skipped, not counted as 0."""
        return RATING_SCORES[self.value]

    @property
    def label(self) -> str:
        return RATING_LABELS[self.value]


RATING_SCORES: dict[str, float] = {"CC": 2.0, "C": 1.0, "N": 0.0, "I": -1.0, "II": -2.0, "NA": math.nan}
RATING_LABELS: dict[str, str] = {
    "CC": "very consistent",
    "C": "consistent",
    "N": "neutral",
    "I": "inconsistent",
    "II": "very inconsistent",
    "NA": "not applicable",
}
RATINGS: tuple[str, ...] = ("CC", "C", "N", "I", "II", "NA")

RELIABILITY_WEIGHTS: dict[str, float] = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
NO_SOURCE_RELIABILITY = 0.5
CREDIBILITY_WEIGHTS: dict[int, float] = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}
RELEVANCE_WEIGHTS: dict[str, float] = {"high": 1.0, "medium": 0.7, "low": 0.4}

RELIABILITY_LABELS: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_LABELS: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


def evidence_weight(reliability: str | None, credibility: int, relevance: str) -> float:
    """w = reliability(source) x credibility(evidence) x relevance(evidence).

    `reliability` is None when the item has no source (weighted 0.5 by design).
    """
    r = NO_SOURCE_RELIABILITY if reliability is None else RELIABILITY_WEIGHTS[reliability]
    return r * CREDIBILITY_WEIGHTS[credibility] * RELEVANCE_WEIGHTS[relevance]


def admiralty_code(reliability: str | None, credibility: int) -> str:
    """The usual two-character grade, e.g. "B2"; "-" stands in for a missing source."""
    return f"{reliability or '-'}{credibility}"
