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
