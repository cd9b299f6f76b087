"""Indicators with their observations, status and trend."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from desktop.domain.indicators import IndicatorKind, Point, Status, current_value, status_of, trend
from desktop.store import queries
from desktop.store.engine import Database


@dataclass(frozen=True)
class ObservationRow:
    at: date
    value: float
    qualifier: str | None
    evidence: str | None
    note: str | None


@dataclass(frozen=True)
class IndicatorSeries:
    key: str
    name: str
    unit: str
    kind: IndicatorKind
    warn: float | None
    alert: float | None
    higher_is_worse: bool
    description: str
    scenarios: dict[str, int]
    observations: tuple[ObservationRow, ...]
    latest_at: date | None
    latest: float | None
    trend: float | None
    status: Status
    trend_days: int

    def to_json(self) -> dict:
        return {
            "key": self.key, "name": self.name, "unit": self.unit, "kind": self.kind.value,
            "status": self.status.value,
            "latest": None if self.latest is None else {"at": self.latest_at.isoformat(), "value": _n(self.latest)},
            "trend": None if self.trend is None else _n(self.trend),
        }


def _n(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def indicator_overview(db: Database, situation_id: int, as_of: date | None = None) -> list[IndicatorSeries]:
    """Every live indicator of the situation, in display order, from observations made by `as_of`."""
    with db.reading() as session:
        rows = queries.indicators(session, situation_id)
        links: dict[int, dict[str, int]] = defaultdict(dict)
        for ind_id, key, sign in queries.indicator_links(session, situation_id):
            links[ind_id][key] = sign
        obs: dict[int, list[ObservationRow]] = defaultdict(list)
        for ind_id, at, value, qualifier, ev_key, note in queries.observations(session, situation_id):
            if as_of is not None and at > as_of:
                continue
            obs[ind_id].append(ObservationRow(at, value, qualifier, ev_key, note))
    out = []
    for ind_id, key, name, unit, kind, warn, alert, higher, description, trend_days in rows:
        kind = IndicatorKind(kind)
        points = [Point(o.at, o.value) for o in obs[ind_id]]
        latest = current_value(points, kind, trend_days)
        out.append(IndicatorSeries(
            key=key, name=name, unit=unit, kind=kind, warn=warn, alert=alert, higher_is_worse=higher,
            description=description, scenarios=dict(links[ind_id]), observations=tuple(obs[ind_id]),
            latest_at=points[-1].at if points else None, latest=latest, trend=trend(points, kind, trend_days),
            status=status_of(latest, warn, alert, higher), trend_days=trend_days,
        ))
    return out
