"""The suggestions panel's service: list what extraction proposed, accept or reject it.

Nothing enters the evidence log unaccepted. Accepting an evidence suggestion logs it (through
the evidence service's validation, with the analyst's ratings) and marks it accepted in the
same transaction; accepting a quantity records an indicator observation linked to the evidence
its sentence became.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.domain.indicator_rules import ObservationDraft, check_observation, indicator_key
from desktop.services.errors import InputError, NotFound, ValidationFailed
from desktop.store import indicators as indicator_store
from desktop.store import suggestions as store
from desktop.store.engine import Database


@dataclass(frozen=True)
class SuggestionRow:
    id: int
    kind: str                  # "evidence" or "quantity"
    start: int
    end: int
    text: str
    status: str                # "pending", "accepted", "rejected"
    observed: date | None
    reasons: tuple[str, ...] = ()
    who: str | None = None
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    indicator: str | None = None
    sentence: tuple[int, int] | None = None
    evidence_id: int | None = None
    evidence_key: str | None = None
    observation_id: int | None = None
    measure: str = "count"          # a quantity's kind: "count" or "duration"
    cumulative: bool = False        # stated as a running total ("raising the toll to 96")
    elliptical: bool = False        # its noun came from the context ("two more on Tuesday")
    until: date | None = None       # an evidence sentence naming a range of days: its last day

    @property
    def label(self) -> str:
        if self.kind == "quantity":
            value = f"{self.value:,.0f}" if self.value is not None and float(self.value).is_integer() else self.value
            qual = f"{self.qualifier} " if self.qualifier else ""
            target = f" → {self.indicator}" if self.indicator else " → new indicator?"
            total = " (running total)" if self.cumulative else ""
            return f"{qual}{value} {self.unit}{total}{target}"
        return self.text


def list_suggestions(db: Database, source_id: int) -> list[SuggestionRow]:
    with db.reading() as session:
        rows = store.suggestions_of(session, source_id)
    out = []
    for sid, kind, start, end, text, p, status, evidence_id, observation_id, key in rows:
        observed = date.fromisoformat(p["date"]) if p.get("date") else None
        out.append(SuggestionRow(sid, kind, start, end, text, status, observed, tuple(p.get("reasons", ())),
                                 p.get("who"), p.get("value"), p.get("unit"), p.get("qualifier"), p.get("indicator"),
                                 tuple(p["sentence"]) if p.get("sentence") else None, evidence_id, key,
                                 observation_id, p.get("kind", "count"), bool(p.get("cumulative")),
                                 bool(p.get("elliptical")),
                                 date.fromisoformat(p["until"]) if p.get("until") else None))
    return out


def evidence_draft_for(row: SuggestionRow, source_id: int, tags: tuple[str, ...] = ()) -> EvidenceDraft:
    """The evidence dialog's starting point for an evidence suggestion: its sentence, offsets, source and day.

    Ratings are left for the analyst: a suggestion never rates a scenario.
    """
    if row.kind != "evidence":
        raise InputError(f"suggestion {row.id}: a {row.kind} is logged through its sentence")
    return EvidenceDraft(quote=row.text, ratings={}, start=row.start, end=row.end, source_id=source_id,
                         observed_at=row.observed, tags=tags,
                         summary=(f"According to {row.who}." if row.who else ""))


def sentence_of(rows: list[SuggestionRow], quantity: SuggestionRow) -> SuggestionRow | None:
    """The evidence suggestion whose sentence holds a quantity suggestion."""
    if quantity.sentence is None:
        return None
    return next((r for r in rows if r.kind == "evidence" and (r.start, r.end) == tuple(quantity.sentence)), None)


def set_status(db: Database, suggestion_id: int, status: str) -> None:
    """Reject a suggestion, or put it back to pending (undo)."""
    if status not in ("pending", "rejected"):
        raise InputError(f"status: {status!r} (accepting goes through accept_*)")
    with db.transaction() as session:
        try:
            store.decide(session, suggestion_id, status)
        except LookupError as exc:
            raise NotFound(str(exc)) from exc


@dataclass(frozen=True)
class FigureAccepted:
    """A suggested figure recorded: where, and the indicator made for it (None: an existing one)."""

    suggestion_id: int
    observation_id: int
    indicator_key: str
    created_indicator_id: int | None = None


def accept_figure(db: Database, situation_id: int, suggestion_id: int, evidence_id: int, observed_at: date,
                  indicator_key: str | None = None, new_indicator: str | None = None,
                  value: float | None = None, restore_indicator: int | None = None) -> FigureAccepted:
    """Record a suggested quantity as a figure linked to `evidence_id`, in one transaction.

    The figure goes to `indicator_key`, or to a new indicator named `new_indicator` (unit as the
    suggestion wrote it) made in the same transaction, so an undo takes both away. A redo passes the
    indicator it made before as `restore_indicator`: brought back, not made twice.
    """
    with db.transaction() as session:
        row = store.suggestion(session, suggestion_id)
        if row is None or row[0] != "quantity":
            raise NotFound(f"suggestion {suggestion_id}: no such quantity suggestion")
        _kind, text, payload = row
        created = None
        if restore_indicator is not None:
            indicator_store.set_archived(session, restore_indicator, False)
            created = restore_indicator
        elif new_indicator is not None:
            # a figure stated as a running total starts a cumulative series; any other, a level
            indicator_key = _insert_indicator(session, situation_id, payload.get("unit") or "", new_indicator,
                                              "cumulative" if payload.get("cumulative") else "level")
            created = indicator_store.indicator_id(session, situation_id, indicator_key)
        indicator_id = indicator_store.indicator_id(session, situation_id, indicator_key or "")
        if indicator_id is None:
            raise InputError(f"indicator: no indicator {indicator_key!r} in this situation")
        if not store.evidence_live(session, evidence_id):
            raise InputError(f"evidence: item {evidence_id} is not in the log (log the sentence first)")
        figure = float(payload["value"] if value is None else value)
        kind = indicator_store.definition(session, indicator_id)[5]
        problems = check_observation(ObservationDraft(observed_at, figure, payload.get("qualifier")), date.today(), kind)
        if problems:
            raise ValidationFailed(problems, "figure")
        observation = indicator_store.insert_observation(
            session, indicator_id, observed_at, figure, payload.get("qualifier"), evidence_id, note=text)
        store.decide(session, suggestion_id, "accepted", evidence_id=evidence_id, observation_id=observation)
        return FigureAccepted(suggestion_id, observation, indicator_key, created)


def undo_figure(db: Database, accepted: FigureAccepted) -> None:
    """Take a recorded suggestion back: the figure removed, the suggestion pending, a made indicator archived."""
    with db.transaction() as session:
        indicator_store.delete_observation(session, accepted.observation_id)
        store.decide(session, accepted.suggestion_id, "pending")
        if accepted.created_indicator_id is not None:
            indicator_store.set_archived(session, accepted.created_indicator_id, True)


def _insert_indicator(session, situation_id: int, unit: str, name: str, kind: str = "level") -> str:
    if kind not in ("level", "cumulative", "events"):
        raise InputError(f"kind: {kind!r} (expected level, cumulative or events)")
    name = name.strip()
    if not name:
        raise InputError("name: an indicator needs a name")
    key = indicator_key(name, set(indicator_store.indicator_keys(session, situation_id)))
    indicator_store.insert_indicator(session, situation_id, {"key": key, "name": name, "unit": unit, "kind": kind})
    return key


def new_indicator_for(db: Database, situation_id: int, unit: str, name: str | None = None,
                      kind: str = "level") -> str:
    """A new indicator for a quantity no indicator matches (unit as written; key from the name)."""
    with db.transaction() as session:
        return _insert_indicator(session, situation_id, unit, name or unit, kind)
