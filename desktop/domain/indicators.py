"""Indicator status and trend (design section 4).

Status compares the current value with the thresholds: green below warn, amber from warn, red
from alert; mirrored when lower is worse.

Every reading is taken over a window that ends at a given day `end` (the As-of date, else
today), never at the series' last figure: anchored on the last figure, a month without contacts
still read as the contacts of the last report, and a case read long after the fact looked current.
With N = `window_days`, the window is the N days (end − N, end]:

- **Level or running total**: the current value is the latest figure on or before `end`, however
  old; the trend is the change between the first and the last day with figures inside the window,
  and it spans the days between those two, which is what its label states (two figures 11 days
  apart make "+13 in 11 days", never "in 14 days"). One day with figures, or none, is no trend: a
  single figure says nothing about movement (a running total is not assumed to start from 0).
  A series with no figure inside its window is **stale**: its value is still the latest figure,
  but it is shown as stale with that figure's date rather than as a current status.
- **Event count** (each figure is the number of events on its day): the current value is the sum
  of the events inside the window, so a month without reports reads 0 and its status follows
  (a "no contacts" count goes red when lower is worse). Silence is the reading, so an event count
  is never stale. Its trend compares the window with the N days before it, (end − 2N, end − N],
  and is shown only when the figures support the comparison: the series began on or before the
  window's start (before that, the earlier window's 0 is only the time before anyone counted) and
  at least two days with figures fall in the 2N days compared (one report is not a movement).

Figures of one day: a level's or total's value of the day is its last figure (as the chart shows
it); an event count's day adds its reports up. Figures after `end` are not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import NamedTuple

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


class Trend(NamedTuple):
    """A change and the days it spans: between the two days compared (levels, totals), or the
    window's length (event counts, each window against the one before)."""
    change: float
    days: int


@dataclass(frozen=True)
class Reading:
    """What an indicator reads at `end` over its window of `window_days` (see the module's rules)."""
    end: date
    window_days: int
    value: float | None        # None: no figure on or before `end`
    latest_at: date | None     # the day of the latest figure on or before `end`
    trend: Trend | None
    stale: bool                # a level or total with no figure inside its window
    figures: int               # days with figures in the days the trend looks at
    trend_window: int          # the days the trend looks at: the window, or two windows for an event count
    first_at: date | None      # the day of the series' first figure


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


def _by_day(points: list[Point], end: date, kind: IndicatorKind) -> list[Point]:
    """One point per day on or before `end`, in date order: a day's last figure, or its events added up."""
    days: dict[date, float] = {}
    for p in sorted(points, key=lambda p: p.at):       # stable: a day's figures keep their order
        if p.at <= end:
            days[p.at] = days.get(p.at, 0.0) + p.value if kind is IndicatorKind.EVENTS else p.value
    return [Point(d, v) for d, v in days.items()]


def _events_in(points: list[Point], start: date, end: date) -> float:
    """Sum of event counts with start < at <= end."""
    return sum(p.value for p in points if start < p.at <= end)


def current_value(points: list[Point], kind: IndicatorKind, window_days: int = DEFAULT_TREND_DAYS, *,
                  end: date) -> float | None:
    """The figure shown as current at `end`: the latest level or total on or before it, or the events
    in the window (end − window_days, end]; None when nothing was observed by `end`."""
    pts = _by_day(points, end, kind)
    if not pts:
        return None
    if kind is IndicatorKind.EVENTS:
        return _events_in(pts, end - timedelta(days=window_days), end)
    return pts[-1].value


def trend(points: list[Point], kind: IndicatorKind, window_days: int = DEFAULT_TREND_DAYS, *,
          end: date) -> Trend | None:
    """The change over the window ending at `end`, with the days it spans, or None when the figures
    do not support one (the module's docstring gives the rule and why)."""
    pts = _by_day(points, end, kind)
    if not pts:
        return None
    start = end - timedelta(days=window_days)
    if kind is IndicatorKind.EVENTS:
        earlier = start - timedelta(days=window_days)
        if pts[0].at > start or sum(1 for p in pts if p.at > earlier) < 2:
            return None
        return Trend(_events_in(pts, start, end) - _events_in(pts, earlier, start), window_days)
    inside = [p for p in pts if p.at > start]
    if len(inside) < 2:
        return None
    return Trend(inside[-1].value - inside[0].value, (inside[-1].at - inside[0].at).days)


def is_stale(points: list[Point], kind: IndicatorKind, window_days: int = DEFAULT_TREND_DAYS, *,
             end: date) -> bool:
    """A level or total whose latest figure (on or before `end`) is outside the window ending at `end`."""
    pts = _by_day(points, end, kind)
    return kind is not IndicatorKind.EVENTS and bool(pts) and pts[-1].at <= end - timedelta(days=window_days)


def _distinct(days: np.ndarray) -> int:
    return int(np.count_nonzero(np.diff(days))) + 1 if len(days) else 0


def read_series(days: np.ndarray, values: np.ndarray, kind: IndicatorKind, window_days: int = DEFAULT_TREND_DAYS,
                *, end: date) -> Reading:
    """`current_value`, `trend` and `is_stale` of a series held as arrays (day ordinals ascending, a day's
    figures in the order recorded; values), at `end`: what the grid and the command line need of an
    indicator with a million observations, without a Point each."""
    e = end.toordinal()
    n = int(np.searchsorted(days, e, "right"))            # figures after `end` are not read
    days, values = days[:n], values[:n]
    events = kind is IndicatorKind.EVENTS
    looked = window_days * 2 if events else window_days
    if n == 0:
        return Reading(end, window_days, None, None, None, False, 0, looked, None)
    start = e - window_days
    latest_at, first_at = date.fromordinal(int(days[-1])), date.fromordinal(int(days[0]))
    if events:
        cum = np.concatenate(([0.0], np.cumsum(values, dtype=float)))

        def between(lo: int, hi: int) -> float:   # sum of values with lo < day <= hi
            return float(cum[np.searchsorted(days, hi, "right")] - cum[np.searchsorted(days, lo, "right")])
        now = between(start, e)
        figures = _distinct(days[np.searchsorted(days, start - window_days, "right"):])
        change = None
        if days[0] <= start and figures >= 2:
            change = Trend(now - between(start - window_days, start), window_days)
        return Reading(end, window_days, now, latest_at, change, False, figures, looked, first_at)
    i = int(np.searchsorted(days, start, "right"))        # the first figure inside the window
    figures = _distinct(days[i:])
    change = None
    if figures >= 2:
        first_day = int(days[i])
        j = int(np.searchsorted(days, first_day, "right")) - 1     # that day's last figure
        change = Trend(float(values[-1]) - float(values[j]), int(days[-1]) - first_day)
    return Reading(end, window_days, float(values[-1]), latest_at, change, figures == 0, figures, looked, first_at)


def latest_and_trend(days: np.ndarray, values: np.ndarray, kind: IndicatorKind,
                     window_days: int = DEFAULT_TREND_DAYS, *, end: date) -> tuple[float | None, float | None]:
    """(current value, change) of `read_series`, for callers that need no more."""
    r = read_series(days, values, kind, window_days, end=end)
    return r.value, (None if r.trend is None else r.trend.change)


SEVERITY = {Status.NONE: 0, Status.GREEN: 0, Status.AMBER: 1, Status.RED: 2}


def crossed(before: Status, after: Status) -> bool:
    """A new figure took the indicator past a threshold it was below (green to amber, anything to red)."""
    return SEVERITY[after] > SEVERITY[before]


def corrections(values: np.ndarray, kind: IndicatorKind) -> np.ndarray:
    """(n,) bool: the figures of a running total (in date order) that are lower than the one before.

    A running total cannot fall; a lower figure is a source revising its count, kept as reported
    and flagged so the analyst sees the revision rather than a fall."""
    values = np.asarray(values, dtype=float)
    mask = np.zeros(len(values), dtype=bool)
    if kind is IndicatorKind.CUMULATIVE and len(values) > 1:
        mask[1:] = values[1:] < values[:-1]
    return mask
