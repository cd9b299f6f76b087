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


def step_series(points: list[Point]) -> tuple[list[date], list[float]]:
    """Points sorted by date, the latest value per day kept (several sources may report one day)."""
    by_day: dict[date, float] = {}
    for p in sorted(points, key=lambda p: p.at):
        by_day[p.at] = p.value
    days = list(by_day)
    return days, [by_day[d] for d in days]
