"""What the window says as a situation's horizon comes near or goes by with the question still open.

A forecast is only checkable against its window: two weeks before the horizon the analyst should
be told to look at what would settle it, and after it that the question awaits a resolution (issue
13 §1; resolutions come with §3, until then every question counts as unresolved)."""

from __future__ import annotations

from datetime import date

NEAR_DAYS = 14
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    """22 Feb 2026 (the same in every locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def horizon_notice(horizon: date | None, today: date, resolved: bool = False) -> str | None:
    """One sentence when the horizon is within NEAR_DAYS or past and the question is open, else None."""
    if horizon is None or resolved:
        return None
    left = (horizon - today).days
    if left > NEAR_DAYS:
        return None
    if left > 1:
        when = f"is {left} days away"
    elif left == 1:
        when = "is tomorrow"
    elif left == 0:
        when = "is today"
    else:
        ago = -left
        return (f"Horizon passed on {day_text(horizon)} ({ago} day{'s' if ago != 1 else ''} ago) and the question "
                "is not resolved yet.")
    return f"Horizon {day_text(horizon)} {when} and the question is not resolved yet."
