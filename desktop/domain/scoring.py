"""Scores for a resolved situation: Brier and log per day, baselines, stepwise forecasters, calibration.

Design section 4 ("Scoring"). A forecast is only worth something if it can be checked: each day D from
the situation's opened date to the day before its resolution, a forecaster's probabilities are scored
against what happened, and the figures reported are the means over those days. The same days score the
model, the uniform forecast and the priors alone, so the figures compare like with like; forecasters
that speak only on some days (the analyst's rounds, the forecast record) are scored on the days they
cover and say how many.

Pure: dates and arrays in, numbers out (no Qt, no SQL). Days are day numbers (`date.toordinal`), as in
`desktop.domain.likelihood.history`, so a model history computed once feeds every score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Sequence

import numpy as np

# A log score of -ln 0 would be infinite and swamp every other day: a forecast of 0 for what happened
# scores as if it were 1e-12 (about 27.6), still far worse than any forecast that left some room.
LOG_FLOOR = 1e-12

CALIBRATION_BINS = 10
# Lower edges as the literals 0.0, 0.1, …, 0.9 (i / 10 rounds to the nearest float, as the literal does),
# so that a forecast of 0.3 falls in [0.3, 0.4) however it was computed to be exactly that float.
_BIN_LOWS = np.array([i / CALIBRATION_BINS for i in range(CALIBRATION_BINS)])


class NothingToScore(ValueError):
    """No day lies between the opened date and the resolution: there is no forecast to score."""


def scored_days(opened_at: date, resolved_at: date) -> np.ndarray:
    """Day numbers from `opened_at` to the day before `resolved_at`, both included.

    The resolution day itself is not scored: on that day the outcome is news, not a forecast.
    """
    start, stop = opened_at.toordinal(), resolved_at.toordinal()
    if stop <= start:
        raise NothingToScore(
            f"no day to score: the resolution ({resolved_at.isoformat()}) is not after the opened date "
            f"({opened_at.isoformat()}); scores need at least one day from the opened date to the day before "
            "the resolution")
    return np.arange(start, stop, dtype=np.int64)


def brier_scores(probabilities: np.ndarray, resolved: int) -> np.ndarray:
    """(D,) Σ_k (p_k − o_k)² per row, o = 1 for the scenario that happened (column `resolved`), 0 else."""
    p = np.asarray(probabilities, dtype=float)
    outcome = np.zeros(p.shape[-1])
    outcome[resolved] = 1.0
    return ((p - outcome) ** 2).sum(axis=-1)


def log_scores(probabilities: np.ndarray, resolved: int) -> np.ndarray:
    """(D,) −ln max(p_resolved, 1e-12) per row (lower is better, 0 for certainty that came true)."""
    p = np.asarray(probabilities, dtype=float)[..., resolved]
    return -np.log(np.maximum(p, LOG_FLOOR))


@dataclass(frozen=True)
class Score:
    """Mean Brier and log scores over `days` scored days."""

    brier: float
    log: float
    days: int

    def to_json(self, with_days: bool = True) -> dict:
        out = {"brier": self.brier, "log": self.log}
        if with_days:
            out["days"] = self.days
        return out


def mean_score(probabilities: np.ndarray, resolved: int) -> Score:
    """The mean of the daily Brier and log scores of (D, H) daily probabilities (D ≥ 1)."""
    p = np.asarray(probabilities, dtype=float)
    if p.ndim != 2 or p.shape[0] == 0:
        raise NothingToScore("no day to score")
    return Score(float(brier_scores(p, resolved).mean()), float(log_scores(p, resolved).mean()), int(p.shape[0]))


def uniform_forecast(n_scenarios: int, n_days: int) -> np.ndarray:
    """(D, H) 1/n every day: what knowing nothing scores."""
    return np.full((n_days, n_scenarios), 1.0 / n_scenarios)


def constant_forecast(probabilities: Sequence[float], n_days: int) -> np.ndarray:
    """(D, H) the same probabilities every day (the priors alone: what the evidence added is the difference)."""
    p = np.asarray(probabilities, dtype=float)
    return np.broadcast_to(p, (n_days, p.shape[0])).copy()


def constant_score(probabilities: Sequence[float], resolved: int, n_days: int) -> Score:
    """The score of the same forecast every day: its one-day score (a mean of equal terms is that term,
    kept exact rather than summed and divided back, so 1/n scores exactly (1 − 1/n)² + (n − 1)/n²)."""
    if n_days < 1:
        raise NothingToScore("no day to score")
    row = np.asarray(probabilities, dtype=float)[None, :]
    return Score(float(brier_scores(row, resolved)[0]), float(log_scores(row, resolved)[0]), int(n_days))


def utc_day(moment: datetime) -> int:
    """The UTC day number of a moment; a naive datetime is taken as UTC (how the store keeps stamps)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.date().toordinal()


@dataclass(frozen=True)
class Stepwise:
    """A forecaster that speaks on some days: `probabilities` (C, H) on the `day_numbers` (C,) it covers."""

    day_numbers: np.ndarray
    probabilities: np.ndarray

    @property
    def days(self) -> int:
        return int(self.day_numbers.shape[0])


def stepwise_forecast(entered: Sequence[datetime], rows: Sequence[Sequence[float]],
                      days: np.ndarray) -> Stepwise:
    """Each day D of `days`, the last row entered by the end of D (UTC), normalised to sum 1.

    Rows are keyed by when they were *entered*, never by the date they claim to speak for: a round
    back-dated to 1 January but entered on 10 January scores from 10 January, so back-dating cannot
    improve a score. Days before the first row are not covered (not scored); a row whose figures sum
    to 0 says nothing and is passed over. Used for the analyst's rounds and the forecast record.
    """
    days = np.asarray(days, dtype=np.int64)
    width = None
    kept_days, kept_rows, kept_moments = [], [], []
    for moment, row in zip(entered, rows):
        p = np.asarray(row, dtype=float)
        width = p.shape[0] if width is None else width
        if p.shape[0] != width:
            raise ValueError("every row needs one probability per scenario")
        total = float(p.sum())
        if not total > 0.0 or not math.isfinite(total):
            continue
        kept_days.append(utc_day(moment))
        kept_rows.append(p / total)
        kept_moments.append(moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc))
    if not kept_rows:
        return Stepwise(np.zeros(0, dtype=np.int64), np.zeros((0, width or 0)))
    order = sorted(range(len(kept_rows)), key=lambda i: kept_moments[i])     # stable: equal stamps keep their order
    row_days = np.array([kept_days[i] for i in order], dtype=np.int64)
    matrix = np.array([kept_rows[i] for i in order])
    latest = np.searchsorted(row_days, days, side="right") - 1          # last row entered on or before D
    covered = latest >= 0
    return Stepwise(days[covered], matrix[latest[covered]])


@dataclass(frozen=True)
class CalibrationBin:
    """Forecasts in [low, high) (the last bin includes 1.0): how many, their mean, how often it happened."""

    low: float
    high: float
    n: int
    mean_forecast: float | None
    observed: float | None

    def to_json(self) -> dict:
        return {"low": self.low, "high": self.high, "n": self.n, "mean_forecast": self.mean_forecast,
                "observed": self.observed}


def calibration_pairs(probabilities: np.ndarray, resolved: int) -> tuple[np.ndarray, np.ndarray]:
    """Every scenario's probability on every scored day, with 1 where that scenario happened, else 0."""
    p = np.asarray(probabilities, dtype=float)
    outcome = np.zeros(p.shape)
    outcome[:, resolved] = 1.0
    return p.ravel(), outcome.ravel()


def calibration_bins(forecasts: np.ndarray, outcomes: np.ndarray) -> list[CalibrationBin]:
    """Pooled (forecast, outcome) pairs in ten bins [0, 0.1), …, [0.9, 1]; an empty bin has no mean."""
    f = np.asarray(forecasts, dtype=float).ravel()
    o = np.asarray(outcomes, dtype=float).ravel()
    if f.shape != o.shape:
        raise ValueError("one outcome per forecast")
    if f.size and (np.nanmin(f) < 0.0 or np.nanmax(f) > 1.0 or np.isnan(f).any()):
        raise ValueError("forecasts must lie in [0, 1]")
    index = np.searchsorted(_BIN_LOWS, f, side="right") - 1          # 1.0 lands in the last bin
    out = []
    for b in range(CALIBRATION_BINS):
        members = index == b
        n = int(members.sum())
        high = (b + 1) / CALIBRATION_BINS
        out.append(CalibrationBin(float(_BIN_LOWS[b]), high, n,
                                  float(f[members].mean()) if n else None,
                                  float(o[members].mean()) if n else None))
    return out
