"""The one rule for a day the analyst states: an item observed, a source published, a figure's
day, a judgement's stated date. None of them can be after today (the machine's local date); a
situation's horizon, a day still to come, is the one exception.

The dialogs, the services behind the command line and the date field all word it the same way.
"""

from __future__ import annotations

from datetime import date


def after_today(day: date, today: date) -> str | None:
    """The message refusing `day`, or None when it is today or earlier."""
    return f"{day.isoformat()} is after today." if day > today else None


def before_observed(reported: date, observed: date) -> str | None:
    """The message refusing a reported date before the day the thing happened, or None."""
    if reported < observed:
        return (f"Reported {reported.isoformat()} is before the day observed ({observed.isoformat()}): "
                f"nothing is known before it happens.")
    return None


def default_reported(observed: date, published: date | None) -> date:
    """When an item became known, if the analyst does not say: its source's publication date, else the day
    it happened; never before that day (a source dated earlier than its event carries a wrong or coarse date)."""
    return max(observed, published) if published is not None else observed
