"""How good were the numbers: a resolved situation's scores, and calibration across situations.

Design section 4 ("Scoring"), JSON in section 5 (`score`, `calibration`). The resolution (which scenario
happened, and when) and the opened date are arguments for now: the situation row does not store them
yet. Once it does, `Resolution` is read from the row (`resolution_of`) and the arguments become
optional; nothing else here changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from desktop.domain.scoring import (
    CalibrationBin, NothingToScore, Score, Stepwise, calibration_bins, calibration_pairs, constant_score, mean_score,
    scored_days, stepwise_forecast,
)
from desktop.services.errors import InputError, NotFound
from desktop.services.judgements import list_judgements
from desktop.services.likelihoods import daily_probabilities
from desktop.store import queries
from desktop.store.engine import Database


class CannotScore(InputError):
    """The situation cannot be scored as asked (no day to score, a resolution after today): one line, exit 2."""


@dataclass(frozen=True)
class Resolution:
    """Which scenario happened and on what day, and the day the question was opened (scoring starts there)."""

    scenario: str
    at: date
    opened_at: date


@dataclass(frozen=True)
class ScoreReport:
    """Scores of one resolved situation; `probabilities` (D, H) is the model's, one row per scored day."""

    situation_id: int
    resolved: str
    resolved_at: date
    opened_at: date
    scenario_keys: tuple[str, ...]
    scenario_names: tuple[str, ...]
    day_numbers: np.ndarray
    probabilities: np.ndarray
    model: Score
    uniform: Score
    prior: Score
    record: Score | None
    analyst: Score | None
    analyst_forecast: Stepwise | None = None
    scenario_colours: tuple[str | None, ...] = ()

    @property
    def days(self) -> int:
        return int(self.day_numbers.shape[0])

    @property
    def resolved_index(self) -> int:
        return self.scenario_keys.index(self.resolved)

    def dates(self) -> list[date]:
        return [date.fromordinal(int(d)) for d in self.day_numbers]

    def to_json(self) -> dict:
        return {
            "situation_id": self.situation_id,
            "resolved": self.resolved,
            "resolved_at": self.resolved_at.isoformat(),
            "opened_at": self.opened_at.isoformat(),
            "days": self.days,
            "model": self.model.to_json(with_days=False),
            "uniform": self.uniform.to_json(with_days=False),
            "prior": self.prior.to_json(with_days=False),
            "record": self.record.to_json() if self.record else None,
            "analyst": self.analyst.to_json() if self.analyst else None,
            "series": [{"date": day.isoformat(),
                        "probabilities": {k: float(p) for k, p in zip(self.scenario_keys, row)}}
                       for day, row in zip(self.dates(), self.probabilities)],
        }


def score_situation(db: Database, situation_id: int, resolved_key: str, resolved_at: date, opened_at: date,
                    today: date | None = None) -> ScoreReport:
    """Score the model, the uniform and prior baselines and the analyst's rounds on every day from
    `opened_at` to the day before `resolved_at` (the record: none is kept yet, so null)."""
    return _score(db, situation_id, Resolution(resolved_key, resolved_at, opened_at), today or date.today())


def _score(db: Database, situation_id: int, resolution: Resolution, today: date) -> ScoreReport:
    with db.reading() as session:
        if queries.situation(session, situation_id) is None:
            raise NotFound(f"no situation has the id {situation_id}")
        scenarios = queries.scenarios(session, situation_id)
    keys = tuple(s.key for s in scenarios)
    if resolution.scenario not in keys:
        raise NotFound(f"resolution: situation {situation_id} has no scenario {resolution.scenario!r} "
                       f"(its scenarios: {', '.join(keys) or 'none'})")
    if resolution.at > today:
        raise CannotScore(f"resolution: {resolution.at.isoformat()} is after today ({today.isoformat()}); "
                          "a situation is scored once it has resolved")
    try:
        days = scored_days(resolution.opened_at, resolution.at)
    except NothingToScore as exc:
        raise CannotScore(str(exc)) from None
    daily = daily_probabilities(db, situation_id, date.fromordinal(int(days[0])), date.fromordinal(int(days[-1])))
    p = daily.probabilities
    resolved = keys.index(resolution.scenario)
    priors = [s.prior for s in scenarios]
    total = sum(priors)
    analyst = _analyst_forecast(db, situation_id, keys, days)
    return ScoreReport(
        situation_id=situation_id, resolved=resolution.scenario, resolved_at=resolution.at,
        opened_at=resolution.opened_at, scenario_keys=keys, scenario_names=tuple(s.name for s in scenarios),
        day_numbers=days, probabilities=p,
        model=mean_score(p, resolved),
        uniform=constant_score([1.0 / len(keys)] * len(keys), resolved, len(days)),
        prior=constant_score([x / total for x in priors], resolved, len(days)),
        record=None,
        analyst=mean_score(analyst.probabilities, resolved) if analyst.days else None,
        analyst_forecast=analyst if analyst.days else None,
        scenario_colours=tuple(s.colour for s in scenarios),
    )


def _analyst_forecast(db: Database, situation_id: int, keys: tuple[str, ...], days: np.ndarray) -> Stepwise:
    """The analyst's rounds as a stepwise forecast keyed by when each was entered (a scenario a round
    left out counts 0 before normalising)."""
    rounds = list_judgements(db, situation_id)
    return stepwise_forecast([r.made_at for r in rounds],
                             [[r.probabilities.get(k, 0.0) for k in keys] for r in rounds], days)


@dataclass(frozen=True)
class CalibrationReport:
    """The model's (and, separately, the analyst's) daily probabilities of every scenario, pooled over
    the resolved situations given, against what happened."""

    situations: int
    bins: tuple[CalibrationBin, ...]
    analyst_bins: tuple[CalibrationBin, ...]

    def to_json(self) -> dict:
        return {"situations": self.situations, "bins": [b.to_json() for b in self.bins],
                "analyst_bins": [b.to_json() for b in self.analyst_bins]}


def calibration(db: Database, resolutions: dict[int, Resolution], today: date | None = None) -> CalibrationReport:
    """Calibration over the situations given with their resolutions (until the rows store them)."""
    model_f, model_o, analyst_f, analyst_o = [], [], [], []
    for situation_id, resolution in resolutions.items():
        report = _score(db, situation_id, resolution, today or date.today())
        f, o = calibration_pairs(report.probabilities, report.resolved_index)
        model_f.append(f)
        model_o.append(o)
        if report.analyst_forecast is not None:
            f, o = calibration_pairs(report.analyst_forecast.probabilities, report.resolved_index)
            analyst_f.append(f)
            analyst_o.append(o)

    def pooled(parts):
        return np.concatenate(parts) if parts else np.zeros(0)
    return CalibrationReport(len(resolutions),
                             tuple(calibration_bins(pooled(model_f), pooled(model_o))),
                             tuple(calibration_bins(pooled(analyst_f), pooled(analyst_o))))
