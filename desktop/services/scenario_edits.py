"""The analyst's own situation: its question and dates, its scenarios and their priors.

Every edit, from the command line or the window, is a change of one `SituationSpec` into another,
read, checked and written in one transaction: the window's undo writes the spec it saw before, and
the rules (priors of the scenarios not archived sum to 1, keys unique, a horizon after the opening)
live in one place. Rescaling the others when one prior moves is desktop.domain.priors'.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from desktop.domain.bundle import PRIOR_SUM_TOLERANCE
from desktop.domain.priors import PriorError, all_set, with_added, with_prior, without
from desktop.domain.text_safety import clean_text
from desktop.services.errors import InputError, NotFound
from desktop.store import queries, situation_writes
from desktop.store.engine import Database

_KEY_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")     # as bundles' keys


@dataclass(frozen=True)
class ScenarioSpec:
    key: str
    name: str
    prior: float
    description: str = ""
    prior_rationale: str = ""
    archived: bool = False


@dataclass(frozen=True)
class SituationSpec:
    title: str
    question: str = ""
    opened_at: date | None = None
    horizon: date | None = None
    scenarios: tuple[ScenarioSpec, ...] = ()
    description: str = ""

    @property
    def live(self) -> tuple[ScenarioSpec, ...]:
        return tuple(s for s in self.scenarios if not s.archived)

    def priors(self) -> dict[str, float]:
        return {s.key: s.prior for s in self.live}

    def with_priors(self, priors: dict[str, float]) -> "SituationSpec":
        return replace(self, scenarios=tuple(replace(s, prior=priors[s.key]) if s.key in priors else s
                                             for s in self.scenarios))

    def scenarios_json(self) -> list[dict]:
        """design §5: the `scenario …` commands' list (the scenarios not archived)."""
        return [{"key": s.key, "name": s.name, "prior": s.prior} for s in self.live]


def _read(session, situation_id: int) -> SituationSpec:
    fields = situation_writes.situation_fields(session, situation_id)
    if fields is None:
        raise NotFound(f"--situation: no situation with id {situation_id}")
    return SituationSpec(
        title=fields.title, question=fields.question or "", opened_at=fields.opened_at, horizon=fields.horizon,
        description=fields.description or "",
        scenarios=tuple(ScenarioSpec(r.key, r.name, r.prior, r.description, r.prior_rationale, r.archived)
                        for r in situation_writes.scenario_states(session, situation_id)))


def situation_spec(db: Database, situation_id: int) -> SituationSpec:
    with db.reading() as session:
        return _read(session, situation_id)


def checked(spec: SituationSpec) -> SituationSpec:
    """`spec` cleaned and with its priors normalised, or InputError naming the first problem."""
    title = clean_text(spec.title).strip()
    if not title:
        raise InputError("title: a situation needs a title")
    if spec.opened_at and spec.horizon and spec.horizon < spec.opened_at:
        raise InputError(f"horizon: {spec.horizon.isoformat()} is before the opening date "
                         f"{spec.opened_at.isoformat()}")
    seen: set[str] = set()
    scenarios = []
    for s in spec.scenarios:
        if not _KEY_RE.match(s.key or ""):
            raise InputError(f"key: {s.key!r} is not a key (letters, digits, _ . : - and at most 64 characters)")
        if s.key in seen:
            raise InputError(f"key: two scenarios have the key {s.key!r}")
        seen.add(s.key)
        name = clean_text(s.name).strip()
        if not name:
            raise InputError(f"name: scenario {s.key} needs a name")
        if not isinstance(s.prior, (int, float)) or math.isnan(s.prior) or not 0.0 < s.prior <= 1.0:
            raise InputError(f"prior: {s.key} {s.prior} is outside (0, 1]")
        scenarios.append(replace(s, name=name, description=clean_text(s.description).strip(),
                                 prior_rationale=clean_text(s.prior_rationale).strip(), prior=float(s.prior)))
    spec = replace(spec, title=title, question=clean_text(spec.question).strip(),
                   description=clean_text(spec.description), scenarios=tuple(scenarios))
    if spec.scenarios and not spec.live:
        raise InputError("archived: a situation needs at least one scenario that is not archived")
    if spec.live:
        total = math.fsum(s.prior for s in spec.live)
        if abs(total - 1.0) > PRIOR_SUM_TOLERANCE:
            raise InputError(f"prior: the priors sum to {total:.6g}, not 1")
        spec = spec.with_priors({s.key: s.prior / total for s in spec.live})
    return spec


def _write(session, situation_id: int, spec: SituationSpec) -> None:
    situation_writes.update_situation(session, situation_id, {
        "title": spec.title, "description": spec.description, "question": spec.question,
        "opened_at": spec.opened_at, "horizon": spec.horizon})
    situation_writes.save_scenarios(session, situation_id, [
        {"key": s.key, "name": s.name, "description": s.description, "prior": s.prior,
         "prior_rationale": s.prior_rationale, "archived": s.archived} for s in spec.scenarios])


def change_situation(db: Database, situation_id: int, change: Callable[[SituationSpec], SituationSpec]
                     ) -> SituationSpec:
    """Read the situation, apply `change`, check and write the result, in one transaction."""
    with db.transaction() as session:
        try:
            spec = checked(change(_read(session, situation_id)))
        except PriorError as exc:
            raise InputError(str(exc)) from None
        _write(session, situation_id, spec)
        return spec


def save_situation_spec(db: Database, situation_id: int, spec: SituationSpec) -> SituationSpec:
    """Write `spec` as the whole situation (the window's save, and its undo)."""
    return change_situation(db, situation_id, lambda _old: spec)


def new_situation(db: Database, title: str, question: str = "", opened_at: date | None = None,
                  horizon: date | None = None) -> int:
    """A situation with no scenarios yet; it becomes the one last opened (the default of every command)."""
    from desktop.services.situations import LAST_OPENED

    spec = checked(SituationSpec(title=title, question=question, opened_at=opened_at, horizon=horizon))
    with db.transaction() as session:
        situation_id = situation_writes.insert_situation(session, {
            "title": spec.title, "description": "", "question": spec.question, "opened_at": spec.opened_at,
            "horizon": spec.horizon})
        queries.set_state(session, LAST_OPENED, str(situation_id))
    return situation_id


UNSET = object()


def edit_situation(db: Database, situation_id: int, title=None, question=None, opened_at=UNSET,
                   horizon=UNSET) -> SituationSpec:
    """Change the fields given (None leaves a text alone; a date may be set to None to clear it)."""
    def change(spec: SituationSpec) -> SituationSpec:
        return replace(spec, title=spec.title if title is None else title,
                       question=spec.question if question is None else question,
                       opened_at=spec.opened_at if opened_at is UNSET else opened_at,
                       horizon=spec.horizon if horizon is UNSET else horizon)
    return change_situation(db, situation_id, change)


def _scenario(spec: SituationSpec, key: str) -> ScenarioSpec:
    for s in spec.scenarios:
        if s.key == key:
            return s
    known = ", ".join(s.key for s in spec.live) or "none yet"
    raise NotFound(f"key: no scenario {key!r} in this situation (expected one of {known})")


def add_scenario(db: Database, situation_id: int, key: str, name: str, prior: float, description: str = "",
                 rationale: str = "") -> SituationSpec:
    """Add a scenario with prior `prior`; the others are scaled to 1 − prior (a first one gets 1)."""
    def change(spec: SituationSpec) -> SituationSpec:
        if any(s.key == key for s in spec.scenarios):
            archived = " (archived)" if _scenario(spec, key).archived else ""
            raise InputError(f"key: a scenario {key!r} exists already{archived}")
        priors = with_added(spec.priors(), key, prior)
        added = ScenarioSpec(key, name, priors[key], description, rationale)
        return replace(spec, scenarios=spec.scenarios + (added,)).with_priors(priors)
    return change_situation(db, situation_id, change)


def edit_scenario(db: Database, situation_id: int, key: str, name: str | None = None, prior: float | None = None,
                  description: str | None = None, rationale: str | None = None) -> SituationSpec:
    """Change the fields given; a new prior rescales the others proportionally."""
    def change(spec: SituationSpec) -> SituationSpec:
        old = _scenario(spec, key)
        if old.archived and prior is not None:
            raise InputError(f"prior: {key} is archived; its prior counts for nothing")
        new = replace(old, name=old.name if name is None else name,
                      description=old.description if description is None else description,
                      prior_rationale=old.prior_rationale if rationale is None else rationale)
        spec = replace(spec, scenarios=tuple(new if s.key == key else s for s in spec.scenarios))
        return spec.with_priors(with_prior(spec.priors(), key, prior)) if prior is not None else spec
    return change_situation(db, situation_id, change)


def archive_scenario(db: Database, situation_id: int, key: str) -> SituationSpec:
    """Retire a scenario (its ratings stay in the database); the others are rescaled to sum to 1."""
    def change(spec: SituationSpec) -> SituationSpec:
        if _scenario(spec, key).archived:
            raise InputError(f"key: {key} is archived already")
        priors = without(spec.priors(), key)
        spec = replace(spec, scenarios=tuple(replace(s, archived=True) if s.key == key else s
                                             for s in spec.scenarios))
        return spec.with_priors(priors)
    return change_situation(db, situation_id, change)


def set_priors(db: Database, situation_id: int, given: dict[str, float]) -> SituationSpec:
    """Every scenario's prior at once; refused unless they sum to 1 (± 0.01, then normalised)."""
    return change_situation(db, situation_id, lambda spec: spec.with_priors(all_set(spec.priors(), given)))
