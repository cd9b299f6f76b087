"""The analyst's judgement rounds and their status beside the model, as the screens show them.

Apart from `desktop.services.judgements` (which re-exports them) so that the window's first paint
can rebuild the dashboard from what it kept (`desktop.services.first_paint`) without importing the
database layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class JudgementRound:
    made_at: datetime               # when it was entered: staleness and scoring go by this
    analyst: str
    rationale: str
    probabilities: dict[str, float]
    judgement_ids: tuple[int, ...]
    basis: tuple[str, ...]          # keys of the evidence logged since the round before
    stated_on: date                 # the day the analyst states it for (charts place it there)


@dataclass(frozen=True)
class JudgementStatus:
    latest: JudgementRound | None
    stale: bool
    evidence_since: int
    disagreements: dict[str, float]  # scenario key -> analyst minus model, when beyond 15 points
