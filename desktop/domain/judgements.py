"""Rules for the analyst's own stated probabilities (judgements), beside the model's.

A round states a probability for every scenario at once; they must sum to 100 % (within
± 0.05 points, what figures typed to a tenth of a point can leave). A typed figure is never
changed: the analyst sees the sum and may "spread the rest" (`spread_rest`). A round has a
stated date (the day it speaks for, which may be back-dated but not after today) and the
moment it was entered (`made_at`, what staleness and scoring use).
A round that moves any scenario more than 10 points needs a rationale; a round
older than 14 days with evidence logged since is stale; a scenario where model
and analyst differ by more than 15 points is flagged as a disagreement.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from desktop.domain.day_rules import after_today
from desktop.domain.evidence_rules import Problem

SUM_TOLERANCE = 0.0005   # ± 0.05 points
UNITS = 1000             # figures are typed and spread to a tenth of a point
RATIONALE_MOVE = 0.10
DISAGREEMENT = 0.15
STALE_AFTER = timedelta(days=14)


def check_judgement(probabilities: dict[str, float], scenario_keys: list[str], reference: dict[str, float] | None,
                    rationale: str, stated_on: date | None = None, today: date | None = None) -> list[Problem]:
    """Problems with a round; `reference` is the previous round (or the model when there is none).
    `stated_on`, when given with `today`, may not be after it."""
    problems: list[Problem] = []
    if stated_on is not None and today is not None and after_today(stated_on, today):
        problems.append(Problem("stated_on", after_today(stated_on, today)))
    missing = [k for k in scenario_keys if k not in probabilities]
    if missing:
        problems.append(Problem("probabilities", f"Give a probability for {missing[0]}."))
    for key, p in probabilities.items():
        if key not in scenario_keys:
            problems.append(Problem("probabilities", f"No scenario with key {key!r}."))
        elif not 0.0 <= p <= 1.0:
            problems.append(Problem("probabilities", f"{key}: {p:.0%} is outside 0-100 %."))
    total = sum(probabilities.values())
    if abs(total - 1.0) > SUM_TOLERANCE:
        shown = f"{total * 100:.1f}".removesuffix(".0")      # 95 %, 99.9 %: as the dialog shows the sum
        problems.append(Problem("probabilities", f"The probabilities sum to {shown} %, not 100 %."))
    if reference and not rationale.strip():
        moved = largest_move(probabilities, reference)
        if moved is not None and moved[1] > RATIONALE_MOVE:
            problems.append(Problem(
                "rationale", f"{moved[0]} moves {moved[1] * 100:.0f} points: say why in the rationale."))
    return problems


def largest_move(new: dict[str, float], old: dict[str, float]) -> tuple[str, float] | None:
    moves = [(k, abs(new[k] - old[k])) for k in new if k in old]
    return max(moves, key=lambda m: m[1]) if moves else None


def spread_rest(probabilities: dict[str, float], typed: set[str] | frozenset[str]) -> dict[str, float]:
    """The round with what is left to 100 % (or what is over it) spread, to a tenth of a point, so it sums to 1.

    The rest goes to the scenarios the analyst has not typed (`typed` names those typed), in
    proportion to their current figures (the model's or the last round's, as prefilled), equally
    when those are all zero. A typed figure is never touched, unless every figure was typed (then
    all share the rest in proportion). When the typed figures alone pass 100 %, the untyped ones
    go to zero and the round is left over 100 %: only the analyst lowers a typed figure.
    """
    tenths = {k: round(v * UNITS) for k, v in probabilities.items()}
    rest = UNITS - sum(tenths.values())
    if rest == 0 or not tenths:
        return {k: t / UNITS for k, t in tenths.items()}
    targets = [k for k in tenths if k not in typed] or list(tenths)
    base = sum(tenths[k] for k in targets)
    if base + rest < 0:
        tenths.update({k: 0 for k in targets})
        return {k: t / UNITS for k, t in tenths.items()}
    wanted = {k: tenths[k] * (base + rest) / base if base > 0 else (base + rest) / len(targets) for k in targets}
    tenths.update(_apportion(wanted, base + rest))
    return {k: t / UNITS for k, t in tenths.items()}


def rounded_round(probabilities: dict[str, float]) -> dict[str, float]:
    """Probabilities to a tenth of a point summing to exactly 1, in their proportions (equal if all are zero):
    what a round is prefilled with, so that an untouched round can be saved as it stands."""
    total = sum(probabilities.values())
    wanted = {k: (v / total if total > 0 else 1 / len(probabilities)) * UNITS for k, v in probabilities.items()}
    return {k: t / UNITS for k, t in _apportion(wanted, UNITS).items()}


def _apportion(wanted: dict[str, float], total: int) -> dict[str, int]:
    """Whole tenths summing to `total`: each share rounded down, then one more to the largest fractions
    (ties: the first listed)."""
    out = {k: math.floor(w + 1e-9) for k, w in wanted.items()}
    keys = list(wanted)
    for k in sorted(keys, key=lambda k: (-(wanted[k] - out[k]), keys.index(k)))[:max(total - sum(out.values()), 0)]:
        out[k] += 1
    return out


def is_stale(made_at: datetime, now: datetime, evidence_since: int) -> bool:
    return now - made_at > STALE_AFTER and evidence_since > 0


def disagreements(model: dict[str, float], analyst: dict[str, float]) -> dict[str, float]:
    """Scenarios where analyst minus model exceeds 15 points either way."""
    return {k: analyst[k] - model[k] for k in analyst if k in model and abs(analyst[k] - model[k]) > DISAGREEMENT}
