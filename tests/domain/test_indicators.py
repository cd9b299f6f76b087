"""Indicator status against thresholds, and current value, trend and staleness over windows ending at
an explicit day (the As-of date or today), never at the series' last figure."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from desktop.domain.indicators import (
    IndicatorKind, Point, Status, Trend, current_value, is_stale, latest_and_trend, read_series, status_of, trend,
)
from desktop.domain.units import singular, unit_for

D = date(2025, 11, 24)
LEVEL, TOTAL, EVENTS = IndicatorKind.LEVEL, IndicatorKind.CUMULATIVE, IndicatorKind.EVENTS


def ago(days: int) -> date:
    return D - timedelta(days=days)


def arrays(points):
    return np.array([p.at.toordinal() for p in points], np.int64), np.array([p.value for p in points], float)


def test_status_higher_is_worse():
    assert status_of(5, warn=10, alert=20, higher_is_worse=True) is Status.GREEN
    assert status_of(10, 10, 20, True) is Status.AMBER
    assert status_of(19.9, 10, 20, True) is Status.AMBER
    assert status_of(20, 10, 20, True) is Status.RED


def test_status_lower_is_worse_is_mirrored():
    assert status_of(5, warn=3, alert=1, higher_is_worse=False) is Status.GREEN
    assert status_of(3, 3, 1, False) is Status.AMBER
    assert status_of(0, 3, 1, False) is Status.RED


def test_status_without_thresholds_or_value():
    assert status_of(5, None, None, True) is Status.NONE
    assert status_of(None, 1, 2, True) is Status.NONE
    assert status_of(7, None, 5, True) is Status.RED


def test_trend_of_a_running_total_is_the_change_between_the_first_and_last_figure_in_the_window():
    pts = [Point(ago(30), 11), Point(ago(20), 43), Point(ago(5), 70), Point(D, 83)]
    # window (D-14, D]: figures of D-5 and D, five days apart
    assert trend(pts, TOTAL, end=D) == Trend(13, 5)
    assert current_value(pts, TOTAL, end=D) == 83
    # a 60-day window holds all four: 72 over the 30 days between the first and the last (not "from zero")
    assert trend(pts, TOTAL, window_days=60, end=D) == Trend(72, 30)


def test_a_trend_spanning_26_days_is_not_told_as_14():
    # Issue 11: "+21 in 14 days" spanned 26 days (the value before the window was 26 days old).
    pts = [Point(ago(26), 10), Point(ago(10), 20), Point(D, 31)]
    assert trend(pts, LEVEL, end=D) == Trend(11, 10)
    assert trend(pts[::2], LEVEL, end=D) is None         # only D inside the window: no trend at all


def test_a_single_figure_has_no_trend():
    # Issue 11: "+6 in 14 days" from a single figure of Jan 2025 (a running total assumed to start at 0).
    one = [Point(date(2025, 1, 31), 6)]
    for kind in IndicatorKind:
        for end in (date(2025, 2, 3), D):
            assert trend(one, kind, end=end) is None, (kind, end)
    assert trend([Point(ago(3), 4), Point(ago(3), 6)], LEVEL, end=D) is None   # two figures of one day: one day
    assert trend([], EVENTS, end=D) is None


def test_windows_end_at_the_given_day_not_at_the_last_figure():
    pts = [Point(ago(40), 100), Point(ago(30), 120), Point(ago(20), 150)]
    # as of D-25: the figures of D-40 and D-30 are in (D-39, D-25]? only D-30 is: no trend; value 120
    assert current_value(pts, LEVEL, end=ago(25)) == 120 and trend(pts, LEVEL, end=ago(25)) is None
    assert trend(pts, LEVEL, window_days=20, end=ago(25)) == Trend(20, 10)
    # figures after the end are not read
    assert current_value(pts, LEVEL, end=ago(35)) == 100
    assert current_value(pts, LEVEL, end=ago(41)) is None


def test_a_level_whose_latest_figure_is_older_than_its_window_is_stale():
    pts = [Point(date(2025, 1, 12), 3), Point(date(2025, 1, 20), 5)]
    assert is_stale(pts, LEVEL, end=D) and is_stale(pts, TOTAL, end=D)
    assert current_value(pts, LEVEL, end=D) == 5                  # still the latest figure, shown as stale
    assert not is_stale(pts, LEVEL, end=date(2025, 2, 2))          # 13 days old: inside (end-14, end]
    assert is_stale(pts, LEVEL, end=date(2025, 2, 3))              # 14 days old: just outside
    assert not is_stale([], LEVEL, end=D)
    reading = read_series(*arrays(pts), LEVEL, end=D)
    assert reading.stale and reading.latest_at == date(2025, 1, 20) and reading.figures == 0


def test_an_event_count_reads_zero_after_a_month_without_events_and_its_status_follows():
    # Issue 11: "no contacts for a month" never turned red, the window being anchored on the last figure.
    contacts = [Point(ago(60), 1), Point(ago(45), 2), Point(ago(31), 1)]
    assert current_value(contacts, EVENTS, end=D) == 0
    assert status_of(current_value(contacts, EVENTS, end=D), warn=1, alert=0, higher_is_worse=False) is Status.RED
    assert not is_stale(contacts, EVENTS, end=D)                   # silence is the reading, not a stale one
    assert current_value(contacts, EVENTS, end=ago(30)) == 1       # as of the day after the last contact


def test_event_count_trend_compares_two_windows_when_figures_support_it():
    pts = [Point(ago(40), 1), Point(ago(20), 1), Point(ago(3), 2), Point(D, 1)]
    assert current_value(pts, EVENTS, end=D) == 3
    assert trend(pts, EVENTS, end=D) == Trend(3 - 1, 14)           # (D-14, D] against (D-28, D-14]
    # the series began inside the window: the earlier window's 0 is only the time before counting began
    assert trend(pts[2:], EVENTS, end=D) is None
    # one figure in the 28 days compared: no movement to speak of
    assert trend([Point(ago(40), 1), Point(ago(20), 5)], EVENTS, end=D) is None
    # two figures, both in the earlier window, none since: a fall to zero
    assert trend([Point(ago(40), 1), Point(ago(20), 5), Point(ago(16), 2)], EVENTS, end=D) == Trend(-7, 14)
    # one day's reports add up and count as one day
    assert current_value([Point(ago(1), 2), Point(ago(1), 3)], EVENTS, end=D) == 5


@pytest.mark.parametrize("kind", list(IndicatorKind))
def test_array_reading_agrees_with_the_point_rules(kind):
    import random
    rng = random.Random(11)
    for _ in range(60):
        days = sorted(rng.choice(range(0, 120)) for _ in range(rng.randint(1, 30)))   # repeats: several a day
        pts = [Point(date(2025, 9, 1) + timedelta(days=d), float(rng.randint(0, 50))) for d in days]
        window = rng.choice((7, 14, 30))
        end = date(2025, 9, 1) + timedelta(days=rng.randint(-5, 140))
        r = read_series(*arrays(pts), kind, window, end=end)
        assert (r.value, r.trend, r.stale) == (current_value(pts, kind, window, end=end),
                                               trend(pts, kind, window, end=end),
                                               is_stale(pts, kind, window, end=end))
        assert latest_and_trend(*arrays(pts), kind, window, end=end) == (
            r.value, None if r.trend is None else r.trend.change)
    empty = read_series(np.zeros(0, np.int64), np.zeros(0), kind, end=D)
    assert (empty.value, empty.trend, empty.stale, empty.latest_at) == (None, None, False, None)


@pytest.mark.parametrize("unit, one", [
    ("carriers", "carrier"), ("people", "person"), ("people killed", "person killed"),
    ("vessels destroyed", "vessel destroyed"), ("tons of fuel", "ton of fuel"),
    ("days without talks", "day without talks"), ("barrels per day", "barrel per day"),
    ("US soldiers", "US soldier"), ("Americans", "American"), ("casualties", "casualty"),
    ("boxes", "box"), ("launches", "launch"), ("clashes", "clash"), ("losses", "loss"), ("cases", "case"),
    ("embargoes", "embargo"), ("lives lost", "life lost"), ("children", "child"), ("crises", "crisis"),
    ("IDPs", "IDP"), ("news reports", "news report"), ("contacts with Caracas", "contact with Caracas"),
    # left alone: not plural, uncountable, or not a word
    ("personnel", "personnel"), ("news", "news"), ("series", "series"), ("status", "status"), ("%", "%"),
    ("km", "km"), ("USD", "USD"), ("aircraft", "aircraft"), ("", ""),
])
def test_units_take_the_singular_for_one(unit, one):
    assert singular(unit) == one


def test_unit_for_a_value():
    assert unit_for(1, "carriers") == "carrier" and unit_for(1.0, "people") == "person"
    assert unit_for(-1, "vessels") == "vessel"
    assert unit_for(0, "carriers") == "carriers" and unit_for(2, "carriers") == "carriers"
    assert unit_for(1.5, "tons") == "tons" and unit_for(None, "carriers") == "carriers"
