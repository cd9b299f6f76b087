"""Scenario likelihoods now, as of a date, over time, and what moved them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from desktop.domain.ach_agreement import disagreement
from desktop.domain.estimative import estimative_words
from desktop.domain.likelihood import (
    CARRIES_LEAD, LikelihoodInputs, ach_leader, contributions, history, inconsistency_scores, known_on, posterior,
    posterior_with_impacts,
)

if TYPE_CHECKING:   # the window's first paint rebuilds these classes before the database layer is imported
    from desktop.store.engine import Database

MAX_IMPACTS = 10


@dataclass(frozen=True)
class Impact:
    evidence: str
    impact: float
    evidence_id: int = 0
    quote: str = ""
    observed_at: date | None = None
    reported_at: date | None = None     # when it became known: from then on it counts


@dataclass(frozen=True)
class ScenarioLikelihood:
    key: str
    name: str
    colour: str | None
    probability: float
    words: str
    inconsistency: float
    weighted_inconsistency: float
    impacts: tuple[Impact, ...] = ()


@dataclass(frozen=True)
class Fragility:
    """An item whose removal alone would hand first place to another scenario."""

    evidence: str
    evidence_id: int
    quote: str
    leader_without: str   # scenario key that would rank first without it


@dataclass(frozen=True)
class Carrier:
    """An item that alone moves a scenario by more than CARRIES_LEAD (leave-one-out): the lead rests on it."""

    evidence: str
    evidence_id: int
    scenario: str          # the scenario's key
    scenario_name: str
    impact: float


@dataclass(frozen=True)
class LikelihoodReport:
    situation_id: int
    as_of: date | None
    scenarios: tuple[ScenarioLikelihood, ...]
    evidence_count: int = 0
    fragile: tuple[Fragility, ...] = ()
    # (scenario key, items it has no rating for): typically a scenario added after the evidence was
    # rated. Those cells count as NA, so its probability rests on fewer items than the others'.
    unrated: tuple[tuple[str, int], ...] = ()
    ach_leader: str | None = None       # the scenario PARC ACH ranks first (None: a tie)
    carriers: tuple[Carrier, ...] = ()  # largest first

    @property
    def leader(self) -> ScenarioLikelihood | None:
        return max(self.scenarios, key=lambda s: s.probability) if self.scenarios else None

    def to_json(self) -> dict:
        return {
            "situation_id": self.situation_id,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "scenarios": [
                {"key": s.key, "name": s.name, "probability": s.probability, "words": s.words,
                 "inconsistency": _num(s.inconsistency), "weighted_inconsistency": s.weighted_inconsistency,
                 "impacts": [{"evidence": i.evidence, "impact": i.impact} for i in s.impacts]}
                for s in self.scenarios
            ],
            "fragile": [{"evidence": f.evidence, "leader_without": f.leader_without} for f in self.fragile],
            "unrated": {key: count for key, count in self.unrated},
            "ach_leader": self.ach_leader,
        }

    def ach_disagreement(self) -> str | None:
        """One sentence when ACH ranks another scenario first than the model, saying why; else None."""
        keys = [s.key for s in self.scenarios]
        return disagreement([s.name for s in self.scenarios], [s.probability for s in self.scenarios],
                            [s.inconsistency for s in self.scenarios],
                            keys.index(self.ach_leader) if self.ach_leader in keys else None)

    def unrated_warning(self) -> str | None:
        """One sentence naming each scenario with unrated items and how many, or None."""
        if not self.unrated:
            return None
        names = {s.key: s.name for s in self.scenarios}
        parts = [f"{names.get(key, key)} has no rating for {count} of {self.evidence_count} items"
                 for key, count in self.unrated]
        return "; ".join(parts) + ": they count as NA until rated (the matrix shows the empty cells)."



def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


@dataclass(frozen=True)
class ScenarioMeta:
    key: str
    name: str
    description: str
    colour: str | None
    prior_rationale: str = ""


@dataclass
class _Matrix:
    """The situation's live evidence as model inputs, with what names and shows each row.

    Quotes are looked up by id in a cache shared with later reads, only for the rows shown
    (a list of every quote would cost a pass over all items on each redraw).
    """

    scenarios: list[ScenarioMeta]
    ids: np.ndarray
    keys: np.ndarray
    quote_by_id: dict[int, str]
    inputs: LikelihoodInputs     # inputs.known: the day each item became known, the one replays count from
    unrated: np.ndarray          # (N, H) bool: no rating at all (counted like NA, but nobody decided so)
    observed: np.ndarray         # (N,) day numbers the facts happened, for display

    def day(self, row: int) -> date:
        """observed_at of one row (dates are made only for the rows shown, not for every item)."""
        return date.fromordinal(int(self.observed[row]))

    def known_day(self, row: int) -> date:
        """reported_at of one row: the day it counts from."""
        return date.fromordinal(int(self.inputs.known[row]))

    def impact(self, row: int, value: float) -> Impact:
        return Impact(self.keys[row], value, int(self.ids[row]), self.quote(row), self.day(row),
                      self.known_day(row))

    def quote(self, row: int) -> str:
        return self.quote_by_id.get(int(self.ids[row]), "")

    def subset(self, mask: np.ndarray) -> "_Matrix":
        i = self.inputs
        idx = np.flatnonzero(mask)
        return _Matrix(self.scenarios, self.ids[idx], self.keys[idx], self.quote_by_id,
                       LikelihoodInputs(i.priors, i.weights[idx], i.scores[idx], i.groups[idx], i.known[idx],
                                        i.base), self.unrated[idx], self.observed[idx])

    def as_of(self, day: date | None) -> "_Matrix":
        """The items known on `day`: reported on or before it (design §4), whenever they happened."""
        if day is None or not len(self.ids):
            return self
        return self.subset(self.inputs.known <= day.toordinal())


def _load_matrix(db: Database, situation_id: int) -> _Matrix:
    """The live evidence as model inputs, from the matrix service's change-log-synced cache."""
    from desktop.services.matrix import model_inputs, quote_index

    loaded = model_inputs(db, situation_id)
    return _Matrix(
        scenarios=[ScenarioMeta(r.key, r.name, r.description or "", r.colour, r.prior_rationale)
                   for r in loaded.scenarios],
        ids=loaded.ids,
        keys=loaded.keys,
        quote_by_id=quote_index(db, situation_id),
        inputs=loaded.inputs,
        unrated=loaded.unrated,
        observed=loaded.observed,
    )


def _largest(values: np.ndarray, k: int, known: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Indexes of the k largest values, largest first; ties go to the later known, then the newer item
    (a partition, not a full sort)."""
    if len(values) > k:
        candidates = np.argpartition(-values, k - 1)[:k]
        threshold = values[candidates].min()
        candidates = np.flatnonzero(values >= threshold)   # keep every tie at the edge, then order
    else:
        candidates = np.arange(len(values))
    order = np.lexsort((-ids[candidates], -known[candidates], -values[candidates]))
    return candidates[order][:k]


def likelihoods_as_of(db: Database, situation_id: int, as_of: date | None = None) -> LikelihoodReport:
    """Probabilities, ICD 203 words, ACH scores, top impacts and fragility, from the evidence known on `as_of`:
    reported on or before it, so that logging an old event today does not rewrite the past (design §4)."""
    return _report(_load_matrix(db, situation_id), situation_id, as_of)


def _report(m: _Matrix, situation_id: int, as_of: date | None) -> LikelihoodReport:
    m = m.as_of(as_of)
    inputs = m.inputs
    p, impacts = posterior_with_impacts(inputs)
    n = inputs.n_items
    plain, weighted = inconsistency_scores(inputs.scores, inputs.weights, inputs.groups) if n else (
        np.zeros(inputs.n_scenarios), np.zeros(inputs.n_scenarios))
    out = []
    for j, meta in enumerate(m.scenarios):
        top = _largest(np.abs(impacts[:, j]), MAX_IMPACTS, inputs.known, m.ids) if n else []
        out.append(ScenarioLikelihood(
            key=meta.key, name=meta.name, colour=meta.colour, probability=float(p[j]),
            words=estimative_words(float(p[j])), inconsistency=float(plain[j]),
            weighted_inconsistency=float(weighted[j]),
            impacts=tuple(m.impact(i, float(impacts[i, j])) for i in top),
        ))
    fragile = ()
    if n and len(m.scenarios) > 1:
        leader = int(np.argmax(p))
        without = np.argmax(p[None, :] - impacts, axis=1)
        flips = np.flatnonzero(without != leader)
        flips = flips[np.lexsort((-m.ids[flips], -inputs.known[flips]))]     # latest known first
        fragile = tuple(Fragility(m.keys[i], int(m.ids[i]), m.quote(i), m.scenarios[int(without[i])].key)
                        for i in flips)
    missing = m.unrated.sum(axis=0) if n else np.zeros(len(m.scenarios), dtype=np.int64)
    unrated = tuple((meta.key, int(missing[j])) for j, meta in enumerate(m.scenarios) if missing[j])
    leader_ach = ach_leader(plain, weighted)
    rows, cols = np.nonzero(np.abs(impacts) > CARRIES_LEAD) if n else ((), ())
    carriers = sorted((Carrier(m.keys[i], int(m.ids[i]), m.scenarios[j].key, m.scenarios[j].name,
                               float(impacts[i, j])) for i, j in zip(rows, cols)), key=lambda c: -abs(c.impact))
    return LikelihoodReport(situation_id, as_of, tuple(out), n, fragile, unrated,
                            m.scenarios[leader_ach].key if leader_ach is not None else None, tuple(carriers))


@dataclass(frozen=True)
class EvidenceMarkers:
    """One mark per live item for the history chart, as arrays (10,000 marks cost no Python loop)."""

    ids: np.ndarray        # evidence ids
    days: np.ndarray       # reported_at as day numbers (date.toordinal): the day each item started to count
    keys: np.ndarray       # evidence keys (object)
    quote_by_id: dict[int, str]

    def __len__(self) -> int:
        return len(self.ids)

    def quote(self, index: int) -> str:
        return self.quote_by_id.get(int(self.ids[index]), "")


@dataclass(frozen=True)
class ProbabilityHistory:
    """Probabilities on each day (rows) per scenario (columns), for the history chart.

    Days are kept as day numbers (date.toordinal); `days` and `evidence_days` make date
    objects only when asked (a redraw after each logged item needs neither).
    """

    scenarios: tuple[ScenarioMeta, ...]
    day_numbers: np.ndarray
    probabilities: np.ndarray
    markers: EvidenceMarkers | None = None

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(date.fromordinal(int(d)) for d in self.day_numbers)

    @property
    def evidence_days(self) -> tuple[date, ...]:
        if self.markers is None or not len(self.markers):
            return ()
        return tuple(date.fromordinal(int(d)) for d in np.unique(self.markers.days))


def _history(m: _Matrix, start: date | None = None, end: date | None = None) -> ProbabilityHistory:
    if len(m.ids):
        first, last = int(m.inputs.known.min()), int(m.inputs.known.max())
    else:
        first = last = date.today().toordinal()
    start_n = start.toordinal() if start else first - 1
    end_n = end.toordinal() if end else last
    day_numbers = np.arange(start_n, max(end_n, start_n) + 1, dtype=np.int64)
    probs = history(m.inputs, day_numbers)
    markers = EvidenceMarkers(m.ids, m.inputs.known, m.keys, m.quote_by_id)
    return ProbabilityHistory(tuple(m.scenarios), day_numbers, probs, markers)


def daily_probabilities(db: Database, situation_id: int, start: date, end: date) -> ProbabilityHistory:
    """The probabilities as of each day from `start` to `end` (both included), from one read and one pass
    of the model over day numbers (scoring needs every day of a range; asking day by day would redo it)."""
    return _history(_load_matrix(db, situation_id), start, end)


@dataclass(frozen=True)
class ScenarioCard:
    key: str
    name: str
    description: str
    colour: str | None
    probability: float
    words: str
    change: float          # probability points gained over the last 7 days
    window_end: date | None
    change_30: float = 0.0  # … over the last 30 days
    prior: float | None = None      # before any evidence
    horizon: date | None = None     # the situation's, when it has one (shown with each card's definition)
    prior_rationale: str = ""       # why that prior (base rate, reference class)


def scenario_cards(db: Database, situation_id: int, as_of: date | None = None) -> list[ScenarioCard]:
    """Each scenario as of `as_of` (default: all evidence), with its change over 7 and 30 days to then."""
    m = _load_matrix(db, situation_id)
    return _cards(m, as_of, horizon=_situation_fields(db, situation_id)[0])


def _situation_fields(db: Database, situation_id: int) -> tuple[date | None, str]:
    """(horizon, question), as the matrix cache read them with the scenarios (no statement of its own);
    call after `_load_matrix`, which brings the cache up to date."""
    from desktop.services.matrix import MatrixCache

    fields = MatrixCache.of(db, situation_id).situation
    return (fields.horizon, fields.question or "") if fields else (None, "")


def _cards(m: _Matrix, as_of: date | None, daily: ProbabilityHistory | None = None,
           horizon: date | None = None) -> list[ScenarioCard]:
    """`daily`, when given, is the history already computed: its rows are looked up instead of recomputed."""
    end = as_of or (date.fromordinal(int(m.inputs.known.max())) if len(m.ids) else None)
    if end is None:
        p = posterior(m.inputs)
        p7 = p30 = p
    else:
        wanted = [end, end - timedelta(days=7), end - timedelta(days=30)]
        numbers = daily.day_numbers if daily is not None else ()
        if len(numbers) and numbers[0] <= end.toordinal() <= numbers[-1]:
            start = int(numbers[0])
            rows = [daily.probabilities[min(max(d.toordinal() - start, 0), len(numbers) - 1)] for d in wanted]
            p, p7, p30 = rows
        else:
            p, p7, p30 = history(m.inputs, np.array([d.toordinal() for d in wanted]))
    return [
        ScenarioCard(s.key, s.name, s.description, s.colour, float(p[j]), estimative_words(float(p[j])),
                     float(p[j] - p7[j]), end, float(p[j] - p30[j]), float(m.inputs.priors[j]), horizon,
                     s.prior_rationale)
        for j, s in enumerate(m.scenarios)
    ]


@dataclass(frozen=True)
class SituationOverview:
    """What the window's cards and dashboard show, computed from one read of the evidence."""

    report: LikelihoodReport
    cards: list[ScenarioCard]
    history: ProbabilityHistory
    horizon: date | None = None     # the situation's: the history chart marks it, the dashboard warns near it
    question: str = ""


def situation_overview(db: Database, situation_id: int, as_of: date | None = None) -> SituationOverview:
    m = _load_matrix(db, situation_id)
    history_ = _history(m)
    horizon, question = _situation_fields(db, situation_id)
    return SituationOverview(_report(m, situation_id, as_of), _cards(m, as_of, history_, horizon), history_,
                             horizon, question)


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    name: str
    before: float
    after: float

    @property
    def difference(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    before_label: str
    after_label: str
    rows: tuple[ComparisonRow, ...]
    explaining: tuple[tuple[Impact, ...], ...]   # per scenario (same order as rows): items between, by |impact|
    # per scenario (same order as rows): every item between, in arrival order, with what it did when it
    # arrived; empty for a judgement (its items were logged since, not known between two dates)
    contributions: tuple[tuple[Contribution, ...], ...] = ()
    # evidence id -> its leave-one-out impact now on each scenario (rows' order), for every item between
    impact_now: dict[int, tuple[float, ...]] | None = None


def compare_dates(db: Database, situation_id: int, before: date, after: date | None) -> Comparison:
    """Probabilities as of two dates; the evidence reported between them with what each item did when it
    arrived (contributions, which add up to the difference) and its impact now (leave-one-out at `after`)."""
    m = _load_matrix(db, situation_id)
    p_before = _report(m, situation_id, before)
    p_after = _report(m, situation_id, after)
    m_after = m.as_of(after)
    between = known_on(m_after.inputs) > before.toordinal()
    result = _comparison(m_after, between, p_before, p_after, before.isoformat(),
                         after.isoformat() if after else "now")
    end = after or _last_day(m)
    if end is None or end <= before:
        return result
    added = _contributions(m, situation_id, before, end)
    return replace(result, contributions=tuple(s.contributions for s in added.scenarios))


@dataclass(frozen=True)
class Contribution:
    """What one item did to a scenario when it arrived: P after it minus P before it."""

    evidence: str
    change: float
    evidence_id: int = 0
    quote: str = ""
    known_at: date | None = None      # the day it counts from (observed_at until reported_at lands)


@dataclass(frozen=True)
class ScenarioContributions:
    key: str
    name: str
    before: float
    after: float
    contributions: tuple[Contribution, ...]     # in arrival order; they sum to `change`

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class ContributionReport:
    situation_id: int
    start: date
    end: date
    scenarios: tuple[ScenarioContributions, ...]

    def to_json(self) -> dict:
        return {"situation_id": self.situation_id, "from": self.start.isoformat(), "to": self.end.isoformat(),
                "scenarios": [{"key": s.key, "from": s.before, "to": s.after, "change": s.change,
                               "contributions": [{"evidence": c.evidence, "change": c.change}
                                                 for c in s.contributions]}
                              for s in self.scenarios]}


def contributions_between(db: Database, situation_id: int, start: date, end: date) -> ContributionReport:
    """What each item known in (start, end] did when it arrived, per scenario (design section 4): items in
    order of the day they became known, then the order they were logged; the changes sum to P(end) - P(start)."""
    if end <= start:
        from desktop.services.errors import InputError

        raise InputError(f"--to {end.isoformat()} must be after --from {start.isoformat()}")
    return _contributions(_load_matrix(db, situation_id), situation_id, start, end)


def _last_day(m: _Matrix) -> date | None:
    return date.fromordinal(int(known_on(m.inputs).max())) if len(m.ids) else None


def _contributions(m: _Matrix, situation_id: int, start: date, end: date) -> ContributionReport:
    p_start, p_end, items, changes = contributions(m.inputs, start.toordinal(), end.toordinal(), m.ids)
    known = known_on(m.inputs)
    arrived = [(m.keys[i], int(m.ids[i]), m.quote(i), date.fromordinal(int(known[i]))) for i in items]
    scenarios = tuple(
        ScenarioContributions(meta.key, meta.name, float(p_start[j]), float(p_end[j]), tuple(
            Contribution(key, float(changes[row, j]), evidence_id, quote, day)
            for row, (key, evidence_id, quote, day) in enumerate(arrived)))
        for j, meta in enumerate(m.scenarios))
    return ContributionReport(situation_id, start, end, scenarios)


def compare_with_judgement(db: Database, situation_id: int, judgement: dict[str, float], made_at,
                           logged_since: list[int], stated_on: date | None = None) -> Comparison:
    """A judgement round against the model now; the evidence logged since the round explains the gap.
    The round is named by its stated date when given, else by when it was entered."""
    m = _load_matrix(db, situation_id)
    now = _report(m, situation_id, None)
    stated = LikelihoodReport(situation_id, None, tuple(
        ScenarioLikelihood(s.key, s.name, s.colour, judgement.get(s.key, 0.0), "", 0, 0) for s in now.scenarios))
    since = np.isin(m.ids, np.array(logged_since, dtype=np.int64))
    label = f"judged {stated_on.isoformat()}" if stated_on else f"judgement of {made_at:%Y-%m-%d %H:%M}"
    return _comparison(m, since, stated, now, label, "model now")


def _comparison(m: _Matrix, mask: np.ndarray, before: LikelihoodReport, after: LikelihoodReport,
                before_label: str, after_label: str) -> Comparison:
    _, impacts = posterior_with_impacts(m.inputs)
    idx = np.flatnonzero(mask)
    rows, explaining = [], []
    for j, (b, a) in enumerate(zip(before.scenarios, after.scenarios)):
        rows.append(ComparisonRow(a.key, a.name, b.probability, a.probability))
        order = idx[_largest(np.abs(impacts[idx, j]), MAX_IMPACTS, m.inputs.known[idx], m.ids[idx])] \
            if len(idx) else []
        explaining.append(tuple(m.impact(i, float(impacts[i, j])) for i in order))
    impact_now = {int(m.ids[i]): tuple(float(x) for x in impacts[i]) for i in idx}
    return Comparison(before_label, after_label, tuple(rows), tuple(explaining), impact_now=impact_now)
