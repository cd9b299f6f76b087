"""What makes an indicator definition or an observation acceptable, as problems per field.

Pure, so the editor can show each message beside its field while the analyst types
and the services refuse the same things from the command line and from CSV files.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.day_rules import after_today
from desktop.domain.evidence_rules import Problem
from desktop.domain.indicators import IndicatorKind

_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse_figure(text: str) -> float:
    """A figure as an analyst types it: "15000", "15,000", "1_500", "0.5". A comma is taken only as a
    thousands separator ("1,5" is refused, not read as 15). ValueError naming the text otherwise."""
    cleaned = text.strip().replace("_", "").replace(" ", "")
    if "," in cleaned:
        if not _THOUSANDS.fullmatch(cleaned):
            raise ValueError(f"{text!r} is not a number (a comma may only separate thousands)")
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value


def indicator_key(name: str, taken) -> str:
    """A key made from the indicator's name ("US troops" -> "us_troops"), numbered past those `taken`."""
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40] or "indicator"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


# How a figure was reported; the extraction's words for English and Spanish map onto these.
QUALIFIERS = ("at least", "more than", "approximately", "nearly", "up to", "at most", "less than", "fewer than")


@dataclass(frozen=True)
class IndicatorDraft:
    """An indicator as the analyst defines it (before it has a key)."""

    name: str
    unit: str = ""
    kind: str = "level"
    warn: float | None = None
    alert: float | None = None
    higher_is_worse: bool = True
    description: str = ""
    scenarios: dict[str, int] = field(default_factory=dict)   # scenario key -> +1 (a rise points to it) / -1
    trend_days: int = 14


@dataclass(frozen=True)
class ObservationDraft:
    observed_at: date | None
    value: float | None
    qualifier: str | None = None
    evidence_id: int | None = None
    note: str | None = None


def _finite(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def check_indicator(draft: IndicatorDraft, scenario_keys: list[str]) -> list[Problem]:
    """Every problem with `draft`; empty means it can be saved."""
    problems: list[Problem] = []
    if not draft.name.strip():
        problems.append(Problem("name", "The indicator needs a name."))
    if draft.kind not in {k.value for k in IndicatorKind}:
        problems.append(Problem("kind", f"Kind {draft.kind!r} is not level, cumulative or events."))
    for name in ("warn", "alert"):
        value = getattr(draft, name)
        if value is not None and not _finite(value):
            problems.append(Problem(name, f"The {name} threshold {value!r} is not a number."))
    warn, alert = draft.warn, draft.alert
    if _finite(warn) and _finite(alert):
        if draft.higher_is_worse and warn > alert:
            problems.append(Problem("alert", f"When higher is worse the alert ({alert:g}) cannot be below the "
                                             f"warning ({warn:g})."))
        elif not draft.higher_is_worse and warn < alert:
            problems.append(Problem("alert", f"When lower is worse the alert ({alert:g}) cannot be above the "
                                             f"warning ({warn:g})."))
    if not isinstance(draft.trend_days, int) or not 1 <= draft.trend_days <= 3650:
        problems.append(Problem("trend_days", f"The trend window {draft.trend_days!r} must be 1 to 3650 days."))
    for key, sign in draft.scenarios.items():
        if key not in scenario_keys:
            problems.append(Problem("scenarios", f"No scenario with key {key!r}."))
        elif sign not in (-1, 1):
            problems.append(Problem("scenarios", f"The sign for {key!r} must be +1 or -1, not {sign!r}."))
    return problems


# Figures that count things: whole and never below zero.
COUNT_KINDS = (IndicatorKind.CUMULATIVE.value, IndicatorKind.EVENTS.value)


def check_observation(draft: ObservationDraft, today: date, kind: str | None = None) -> list[Problem]:
    """Every problem with a figure; `kind` (the indicator's) adds the rules of counts."""
    problems: list[Problem] = []
    if draft.observed_at is None:
        problems.append(Problem("observed_at", "Give the date of the figure."))
    elif after_today(draft.observed_at, today):
        problems.append(Problem("observed_at", after_today(draft.observed_at, today)))
    if draft.value is None:
        problems.append(Problem("value", "Give a value."))
    elif not _finite(draft.value):
        problems.append(Problem("value", f"{draft.value!r} is not a finite number."))
    elif kind in COUNT_KINDS and draft.value < 0:
        problems.append(Problem("value", f"{draft.value:g} is below zero; a count cannot be."))
    elif kind in COUNT_KINDS and not float(draft.value).is_integer():
        problems.append(Problem("value", f"{draft.value:g} is not a whole number; a count is."))
    qualifier = (draft.qualifier or "").strip()
    if qualifier and qualifier not in QUALIFIERS:
        problems.append(Problem("qualifier", f"Unknown qualifier {qualifier!r} (use {', '.join(QUALIFIERS)})."))
    return problems
