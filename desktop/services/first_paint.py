"""The window's first paint: the dashboard as it was last drawn, while the database has not changed since.

Starting the window costs more in imports (the ORM above all) than in anything it reads. So the
window keeps what its cards and dashboard showed when it closed, with the change-log mark the
numbers were read at, beside the database (`desktop.store.quick_look`). The next start reads the
database's mark with the standard library's sqlite3 and, while it is still that mark, draws the
kept dashboard before the ORM has loaded. Every logged write, from any process, moves the mark;
then nothing kept is shown and the dashboard waits for the database. Either way the window reads
the database right after and draws what it reads.

Kept as JSON: the services' own frozen dataclasses (only those named in `_CLASSES`), numpy
arrays, dates, times and enums. This module imports no database layer: its classes come from
modules that do not either.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import Enum

import numpy as np

from desktop import __version__
from desktop.domain.indicators import IndicatorKind, Reading, Status, Trend
from desktop.domain.judgements import is_stale
from desktop.services.indicator_series import IndicatorSeries
from desktop.services.judgement_rounds import JudgementRound, JudgementStatus
from desktop.services.likelihoods import (
    Carrier, EvidenceMarkers, Fragility, Impact, LikelihoodReport, ProbabilityHistory, ScenarioCard, ScenarioLikelihood,
    ScenarioMeta, SituationOverview,
)
from desktop.store import quick_look
from desktop.store.migrate import SCHEMA_HEAD

FORMAT = 1
# desktop.services.situations.LAST_OPENED, read here without the ORM (a test keeps the two the same).
LAST_OPENED = "last_situation_id"


@dataclass(frozen=True)
class FirstPaint:
    """What the scenario cards and the dashboard showed, and the names the window's frame shows."""

    situation_id: int
    title: str
    situations: tuple[tuple[int, str], ...]     # (id, title) of every situation, for the situation box
    overview: SituationOverview
    rounds: tuple[JudgementRound, ...]
    status: JudgementStatus | None
    indicators: tuple[IndicatorSeries, ...]


_CLASSES = {cls.__name__: cls for cls in (
    FirstPaint, SituationOverview, LikelihoodReport, ScenarioLikelihood, Impact, Fragility, Carrier, ScenarioCard,
    ProbabilityHistory, ScenarioMeta, EvidenceMarkers, JudgementRound, JudgementStatus, IndicatorSeries, Reading,
    Trend)}
_ENUMS = {cls.__name__: cls for cls in (IndicatorKind, Status)}


def kept_first_paint(db: str | None, situation_id: int | None, now: datetime | None = None) -> FirstPaint | None:
    """The dashboard kept for the database `--db` names (as `signpost` resolves it) and the situation asked
    for (None: the one last opened), when the database is still exactly as it was drawn; else None."""
    path = quick_look.database_file(db)
    look = quick_look.glance(path, LAST_OPENED)
    if look is None:
        return None
    if situation_id is None and look.state is not None and look.state.isdigit():
        situation_id = int(look.state)
    if situation_id is None:
        return None
    kept = quick_look.read_first_paint(path)
    today = (now or datetime.now(timezone.utc)).astimezone().date()
    if kept is None or kept.get("key") != _key(look.mark, situation_id, today):
        return None
    try:
        paint = _decode(kept["paint"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if not isinstance(paint, FirstPaint) or paint.situation_id != situation_id:
        return None
    return _as_of_now(paint, now or datetime.now(timezone.utc))


def keep_first_paint(database, mark: int, paint: FirstPaint) -> bool:
    """Keep `paint`, read from `database` at change-log mark `mark` (read before the numbers were), for the
    next start. Only SQLite files keep one; an empty situation is not kept (its chart is dated by the clock)."""
    path = getattr(database, "path", None)
    if path is None or not paint.overview.report.evidence_count:
        return False
    at = quick_look.change_mark_at(path, mark)
    if at is None:
        return False
    key = _key(at, paint.situation_id, datetime.now(timezone.utc).astimezone().date())
    return quick_look.write_first_paint(path, {"key": key, "paint": _encode(paint)})


def _key(mark, situation_id: int, day: date) -> dict:
    """Good for one database state, one situation, and one day: indicator windows end today."""
    return {"format": FORMAT, "version": __version__, "schema": SCHEMA_HEAD, "mark": list(mark),
            "situation": situation_id, "day": day.isoformat()}


def _as_of_now(paint: FirstPaint, now: datetime) -> FirstPaint:
    """A judgement goes stale with the clock as well as with evidence: that flag is worked out again."""
    status = paint.status
    if status is None or status.latest is None:
        return paint
    stale = is_stale(status.latest.made_at, now, status.evidence_since)
    return dataclasses.replace(paint, status=dataclasses.replace(status, stale=stale))


# --- JSON ---------------------------------------------------------------------------------------
# Anything JSON has no word for is an object {"$": tag, …}; a dict whose keys are not all strings, or
# that holds "$" itself, is kept as a list of pairs.

def _encode(value):
    if isinstance(value, Enum):         # first: the domain's enums are str enums
        return {"$": "enum", "c": type(value).__name__, "v": value.value}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        kind = "object" if value.dtype == object else value.dtype.str
        return {"$": "array", "d": kind, "s": list(value.shape), "v": [_encode(x) for x in value.ravel().tolist()]
                if value.dtype == object else value.ravel().tolist()}
    if isinstance(value, datetime):
        return {"$": "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {"$": "date", "v": value.isoformat()}
    if dataclasses.is_dataclass(value) and type(value).__name__ in _CLASSES:
        return {"$": "class", "c": type(value).__name__,
                "v": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple) and hasattr(value, "_fields") and type(value).__name__ in _CLASSES:
        return {"$": "class", "c": type(value).__name__, "v": {f: _encode(getattr(value, f)) for f in value._fields}}
    if isinstance(value, tuple):
        return {"$": "tuple", "v": [_encode(x) for x in value]}
    if isinstance(value, list):
        return [_encode(x) for x in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and "$" not in value:
            return {k: _encode(v) for k, v in value.items()}
        return {"$": "dict", "v": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot keep a {type(value).__name__} in the first paint")


def _decode(value):
    if isinstance(value, list):
        return [_decode(x) for x in value]
    if not isinstance(value, dict):
        return value
    tag = value.get("$")
    if tag is None:
        return {k: _decode(v) for k, v in value.items()}
    v = value["v"]
    if tag == "class":
        cls = _CLASSES[value["c"]]
        return cls(**{name: _decode(field) for name, field in v.items()})
    if tag == "enum":
        return _ENUMS[value["c"]](v)
    if tag == "array":
        if value["d"] == "object":
            flat = np.empty(len(v), dtype=object)
            flat[:] = [_decode(x) for x in v]
        else:
            flat = np.array(v, dtype=np.dtype(value["d"]))
        return flat.reshape(value["s"])
    if tag == "datetime":
        return datetime.fromisoformat(v)
    if tag == "date":
        return date.fromisoformat(v)
    if tag == "tuple":
        return tuple(_decode(x) for x in v)
    if tag == "dict":
        return {_decode(k): _decode(x) for k, x in v}
    raise ValueError(f"unknown kind {tag!r} in the kept first paint")
