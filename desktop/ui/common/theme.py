"""Colours and small formatting helpers shared by every screen, so they agree."""

from __future__ import annotations

from datetime import date, datetime, timezone

from PySide6.QtGui import QColor

STATUS_COLOURS = {"green": "#2e7d32", "amber": "#ef8f00", "red": "#c62828", "none": "#9e9e9e"}
STATUS_TEXT = {"green": "below warning", "amber": "past warning", "red": "past alert", "none": "no thresholds"}

RATING_COLOURS = {
    "CC": "#1b7f3b", "C": "#8fd19e", "N": "#eeeeee", "I": "#f4a3a3", "II": "#c62828", "NA": "#ffffff",
}
RATING_TEXT_COLOURS = {"CC": "#ffffff", "II": "#ffffff"}

FALLBACK_SCENARIO_COLOURS = ["#1f77b4", "#d62728", "#7f7f7f", "#2ca02c", "#9467bd", "#8c564b"]
INK = "#263238"
MUTED = "#607d8b"


def scenario_colour(colour: str | None, index: int) -> QColor:
    return QColor(colour or FALLBACK_SCENARIO_COLOURS[index % len(FALLBACK_SCENARIO_COLOURS)])


def epoch(d: date) -> float:
    """Seconds since the epoch at UTC midnight: the x of every date axis."""
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp()


def format_day(d: date | None) -> str:
    return d.strftime("%d %b %Y").lstrip("0") if d else "—"


def format_number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def format_points(change: float) -> str:
    """A probability change in percentage points, e.g. "+12 pts"."""
    pts = change * 100
    if abs(pts) < 0.5:
        return "no change"
    return f"{pts:+.0f} pts"
