"""Scenario likelihoods now, as of a date, over time, and what moved them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from desktop.domain.estimative import estimative_words
from desktop.domain.grading import RATING_SCORES, evidence_weight
from desktop.domain.likelihood import (
    LikelihoodInputs, history, inconsistency_scores, posterior, posterior_with_impacts,
)
from desktop.store import queries
from desktop.store.engine import Database

MAX_IMPACTS = 10


@dataclass(frozen=True)
class Impact:
    evidence: str
    impact: float


@dataclass(frozen=True)
class ScenarioLikelihood:
    key: str
    name: str
    colour: str | None
    probability: float
    words: str
    inconsistency: float
    weighted_inconsistency: float
    impacts: tuple[Impact, ...] = ()


@dataclass(frozen=True)
class LikelihoodReport:
    situation_id: int
    as_of: date | None
    scenarios: tuple[ScenarioLikelihood, ...]
    evidence_count: int = 0

    def to_json(self) -> dict:
        return {
            "situation_id": self.situation_id,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "scenarios": [
                {"key": s.key, "name": s.name, "probability": round(s.probability, 6), "words": s.words,
                 "inconsistency": _num(s.inconsistency), "weighted_inconsistency": round(s.weighted_inconsistency, 6),
                 "impacts": [{"evidence": i.evidence, "impact": round(i.impact, 6)} for i in s.impacts]}
                for s in self.scenarios
            ],
        }


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 6)


@dataclass(frozen=True)
class ScenarioMeta:
    key: str
    name: str
    description: str
    colour: str | None


@dataclass
class _Matrix:
    """The situation's evidence as model inputs, plus the keys to name rows and columns."""

    scenarios: list[ScenarioMeta]
    evidence_keys: list[str]
    inputs: LikelihoodInputs
    observed: list[date] = field(default_factory=list)


def _load_matrix(db: Database, situation_id: int) -> _Matrix:
    with db.reading() as session:
        scen = queries.scenarios(session, situation_id)
        ev = queries.evidence_for_model(session, situation_id)
        rates = queries.ratings(session, situation_id)
    col = {row[0]: j for j, row in enumerate(scen)}
    row_of = {row[0]: i for i, row in enumerate(ev)}
    scores = np.full((len(ev), len(scen)), math.nan)
    for ev_id, sc_id, value in rates:
        if ev_id in row_of and sc_id in col:
            scores[row_of[ev_id], col[sc_id]] = RATING_SCORES[value]
    inputs = LikelihoodInputs.build(
        priors=[r[4] for r in scen],
        weights=[evidence_weight(r[6], r[3], r[4]) for r in ev],
        scores=scores,
        group_keys=[r[5] for r in ev],
        observed=[r[2].toordinal() for r in ev],
    )
    return _Matrix(
        scenarios=[ScenarioMeta(r[1], r[2], r[3], r[5]) for r in scen],
        evidence_keys=[r[1] for r in ev],
        inputs=inputs,
        observed=[r[2] for r in ev],
    )


def _subset(inputs: LikelihoodInputs, mask: np.ndarray) -> LikelihoodInputs:
    return LikelihoodInputs(inputs.priors, inputs.weights[mask], inputs.scores[mask], inputs.groups[mask],
                            inputs.observed[mask], inputs.base)


def likelihoods_as_of(db: Database, situation_id: int, as_of: date | None = None) -> LikelihoodReport:
    """Probabilities, ICD 203 words, ACH scores and top impacts, from evidence observed by `as_of`."""
    return _report(_load_matrix(db, situation_id), situation_id, as_of)


def _report(m: _Matrix, situation_id: int, as_of: date | None) -> LikelihoodReport:
    inputs = m.inputs
    keys = np.array(m.evidence_keys, dtype=object)
    if as_of is not None and inputs.n_items:
        mask = inputs.observed <= as_of.toordinal()
        inputs, keys = _subset(inputs, mask), keys[mask]
    p, impacts = posterior_with_impacts(inputs)
    plain, weighted = inconsistency_scores(inputs.scores, inputs.weights) if inputs.n_items else (
        np.zeros(inputs.n_scenarios), np.zeros(inputs.n_scenarios))
    out = []
    for j, meta in enumerate(m.scenarios):
        top = np.argsort(-np.abs(impacts[:, j]), kind="stable")[:MAX_IMPACTS] if inputs.n_items else []
        out.append(ScenarioLikelihood(
            key=meta.key, name=meta.name, colour=meta.colour, probability=float(p[j]),
            words=estimative_words(float(p[j])), inconsistency=float(plain[j]),
            weighted_inconsistency=float(weighted[j]),
            impacts=tuple(Impact(str(keys[i]), float(impacts[i, j])) for i in top),
        ))
    return LikelihoodReport(situation_id, as_of, tuple(out), inputs.n_items)


@dataclass(frozen=True)
class ProbabilityHistory:
    """Probabilities on each day (rows) per scenario (columns), for the history chart."""

    scenarios: tuple[ScenarioMeta, ...]
    days: tuple[date, ...]
    probabilities: np.ndarray
    evidence_days: tuple[date, ...] = ()


def probability_history(db: Database, situation_id: int, start: date | None = None,
                        end: date | None = None) -> ProbabilityHistory:
    """Daily probabilities from the day before the first evidence (the priors) to the last, or [start, end]."""
    return _history(_load_matrix(db, situation_id), start, end)


def _history(m: _Matrix, start: date | None = None, end: date | None = None) -> ProbabilityHistory:
    if m.observed:
        first, last = min(m.observed), max(m.observed)
    else:
        first = last = date.today()
    start = start or first - timedelta(days=1)
    end = end or last
    n = max((end - start).days + 1, 1)
    days = [start + timedelta(days=i) for i in range(n)]
    probs = history(m.inputs, np.array([d.toordinal() for d in days]))
    return ProbabilityHistory(tuple(m.scenarios), tuple(days), probs, tuple(sorted(set(m.observed))))


@dataclass(frozen=True)
class ScenarioCard:
    key: str
    name: str
    description: str
    colour: str | None
    probability: float
    words: str
    change: float          # probability points gained over the last `window_days`
    window_end: date | None


def scenario_cards(db: Database, situation_id: int, window_days: int = 7) -> list[ScenarioCard]:
    """Each scenario now, with its change over the week up to the latest evidence."""
    return _cards(_load_matrix(db, situation_id), window_days)


def _cards(m: _Matrix, window_days: int) -> list[ScenarioCard]:
    p = posterior(m.inputs)
    end = max(m.observed) if m.observed else None
    if end is not None:
        before = history(m.inputs, np.array([(end - timedelta(days=window_days)).toordinal()]))[0]
    else:
        before = p
    return [
        ScenarioCard(s.key, s.name, s.description, s.colour, float(p[j]), estimative_words(float(p[j])),
                     float(p[j] - before[j]), end)
        for j, s in enumerate(m.scenarios)
    ]


@dataclass(frozen=True)
class SituationOverview:
    """What the window's cards and dashboard show, computed from one read of the evidence."""

    report: LikelihoodReport
    cards: list[ScenarioCard]
    history: ProbabilityHistory


def situation_overview(db: Database, situation_id: int) -> SituationOverview:
    m = _load_matrix(db, situation_id)
    return SituationOverview(_report(m, situation_id, None), _cards(m, 7), _history(m))
