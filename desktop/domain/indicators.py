"""Indicator status and trend (design section 4).

Status compares the latest value with the thresholds: green below warn, amber from
warn, red from alert; mirrored when lower is worse. Trend is the change over the
last `window_days` ending at the latest observation, so a case that is read long
after the fact still shows how it was moving when the last figure came in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

import numpy as np


class IndicatorKind(str, Enum):
    LEVEL = "level"            # a stock: troops present, carriers in the region
    CUMULATIVE = "cumulative"  # a running total: people killed since 2 Sep
    EVENTS = "events"          # a count of events on the day it is observed

    @property
    def label(self) -> str:
        return {"level": "level", "cumulative": "cumulative count", "events": "event count"}[self.value]


class Status(str, Enum):
    NONE = "none"   # no thresholds, or no observation yet
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


DEFAULT_TREND_DAYS = 14


@dataclass(frozen=True)
class Point:
    at: date
    value: float


def status_of(value: float | None, warn: float | None, alert: float | None, higher_is_worse: bool) -> Status:
    """Where a value stands against the warn and alert thresholds."""
    if value is None or (warn is None and alert is None):
        return Status.NONE
    sign = 1.0 if higher_is_worse else -1.0
    if alert is not None and sign * value >= sign * alert:
        return Status.RED
    if warn is not None and sign * value >= sign * warn:
        return Status.AMBER
    return Status.GREEN


def _value_on(points: list[Point], day: date) -> float | None:
    """The last value observed on or before `day`, for a level or running total."""
    found = None
    for p in points:
        if p.at <= day:
            found = p.value
        else:
            break
    return found


def _events_in(points: list[Point], start: date, end: date) -> float:
    """Sum of event counts with start < at <= end."""
    return sum(p.value for p in points if start < p.at <= end)


def current_value(points: list[Point], kind: IndicatorKind, window_days: int = DEFAULT_TREND_DAYS) -> float | None:
    """The figure shown as "latest": the last level or total, or the events in the window."""
    pts = sorted(points, key=lambda p: p.at)
    if not pts:
        return None
    if kind is IndicatorKind.EVENTS:
        end = pts[-1].at
        return _events_in(pts, end - timedelta(days=window_days), end)
    return pts[-1].value


def trend(points: list[Point], kind: IndicatorKind, window_days: int = DEFAULT_TREND_DAYS) -> float | None:
    """Change over the last window ending at the latest observation.

    Levels and totals: latest value minus the value at the window's start (a
    running total starts from 0; a level with nothing earlier has no trend).
    Event counts: events in this window minus events in the window before.
    """
    pts = sorted(points, key=lambda p: p.at)
    if not pts:
        return None
    end = pts[-1].at
    start = end - timedelta(days=window_days)
    if kind is IndicatorKind.EVENTS:
        return _events_in(pts, start, end) - _events_in(pts, start - timedelta(days=window_days), start)
    before = _value_on(pts, start)
    if before is None:
        return pts[-1].value if kind is IndicatorKind.CUMULATIVE else None
    return pts[-1].value - before


SEVERITY = {Status.NONE: 0, Status.GREEN: 0, Status.AMBER: 1, Status.RED: 2}


def crossed(before: Status, after: Status) -> bool:
    """A new figure took the indicator past a threshold it was below (green to amber, anything to red)."""
    return SEVERITY[after] > SEVERITY[before]


def latest_and_trend(days: np.ndarray, values: np.ndarray, kind: IndicatorKind,
                     window_days: int = DEFAULT_TREND_DAYS) -> tuple[float | None, float | None]:
    """`current_value` and `trend` of a series held as arrays (day ordinals ascending, values): what the
    grid and the command line need of an indicator with a million observations, without a Point each."""
    n = len(days)
    if n == 0:
        return None, None
    end = int(days[-1])
    start = end - window_days
    if kind is IndicatorKind.EVENTS:
        cum = np.concatenate(([0.0], np.cumsum(values, dtype=float)))

        def events(lo: int, hi: int) -> float:   # sum of values with lo < day <= hi
            return float(cum[np.searchsorted(days, hi, "right")] - cum[np.searchsorted(days, lo, "right")])
        now = events(start, end)
        return now, now - events(start - window_days, start)
    latest = float(values[-1])
    i = int(np.searchsorted(days, start, "right"))   # values on or before the window's start: [:i]
    if i == 0:
        return latest, (latest if kind is IndicatorKind.CUMULATIVE else None)
    return latest, latest - float(values[i - 1])


def corrections(values: np.ndarray, kind: IndicatorKind) -> np.ndarray:
    """(n,) bool: the figures of a running total (in date order) that are lower than the one before.

    A running total cannot fall; a lower figure is a source revising its count, kept as reported
    and flagged so the analyst sees the revision rather than a fall."""
    values = np.asarray(values, dtype=float)
    mask = np.zeros(len(values), dtype=bool)
    if kind is IndicatorKind.CUMULATIVE and len(values) > 1:
        mask[1:] = values[1:] < values[:-1]
    return mask
