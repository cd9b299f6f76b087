"""Indicator status against thresholds, and trend over the last window."""

from __future__ import annotations

from datetime import date, timedelta

from desktop.domain.indicators import IndicatorKind, Point, Status, current_value, status_of, trend

D = date(2025, 11, 24)


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


def test_trend_of_a_running_total_over_14_days():
    pts = [Point(D - timedelta(days=30), 11), Point(D - timedelta(days=20), 43), Point(D - timedelta(days=5), 70),
           Point(D, 83)]
    # the window starts at D-14: the value then was 43
    assert trend(pts, IndicatorKind.CUMULATIVE) == 40
    assert current_value(pts, IndicatorKind.CUMULATIVE) == 83
    assert trend(pts, IndicatorKind.CUMULATIVE, window_days=60) == 83  # nothing before: from zero


def test_trend_of_a_level_needs_an_earlier_value():
    assert trend([Point(D, 15000)], IndicatorKind.LEVEL) is None
    assert trend([Point(D - timedelta(days=14), 10000), Point(D, 15000)], IndicatorKind.LEVEL) == 5000


def test_events_count_in_windows():
    pts = [Point(D - timedelta(days=20), 1), Point(D - timedelta(days=3), 2), Point(D, 1)]
    assert current_value(pts, IndicatorKind.EVENTS) == 3
    assert trend(pts, IndicatorKind.EVENTS) == 3 - 1
    assert trend([], IndicatorKind.EVENTS) is None
