"""One indicator as the screens draw it: its definition, its figures as arrays, status and trend.

Apart from `desktop.services.indicators` (which re-exports it) so that the window's first paint can
rebuild the dashboard's tiles from what it kept (`desktop.services.first_paint`) without importing
the database layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from desktop.domain.indicators import IndicatorKind, Reading, Status


@dataclass(frozen=True, eq=False)
class IndicatorSeries:
    id: int
    key: str
    name: str
    unit: str
    kind: IndicatorKind
    warn: float | None
    alert: float | None
    higher_is_worse: bool
    description: str
    scenarios: dict[str, int]
    days: np.ndarray               # (n,) int64 day ordinals (date.toordinal), ascending
    values: np.ndarray             # (n,) float64
    observation_ids: np.ndarray    # (n,) int64, in the same order
    latest_at: date | None
    latest: float | None
    latest_qualifier: str | None
    trend: float | None
    status: Status               # the current value against the thresholds (shown only when not stale)
    trend_days: int
    # The day the window ends at (the As-of date, else today), and what was read there (domain rules):
    # the days the trend spans, whether the series is stale, and what a missing trend lacked.
    end: date | None = None
    trend_span: int | None = None
    stale: bool = False
    reading: Reading | None = None

    @property
    def count(self) -> int:
        return len(self.values)

    def day(self, i: int) -> date:
        return date.fromordinal(int(self.days[i]))

    def to_json(self) -> dict:
        return {
            "key": self.key, "name": self.name, "unit": self.unit, "kind": self.kind.value,
            "status": self.status.value,
            "latest": None if self.latest is None else {"at": self.latest_at.isoformat(), "value": _n(self.latest),
                                                        "qualifier": self.latest_qualifier},
            "trend": None if self.trend is None else _n(self.trend),
            "trend_days": self.trend_days, "observations": self.count,
            "warn": self.warn, "alert": self.alert, "higher_is_worse": self.higher_is_worse,
            "end": None if self.end is None else self.end.isoformat(), "trend_span_days": self.trend_span,
            "stale": self.stale,
        }


def _n(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x
