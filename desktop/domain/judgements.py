"""Rules for the analyst's own stated probabilities (judgements), beside the model's.

A round states a probability for every scenario at once; they must sum to 100 %.
A round that moves any scenario more than 10 points needs a rationale; a round
older than 14 days with evidence logged since is stale; a scenario where model
and analyst differ by more than 15 points is flagged as a disagreement.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.evidence_rules import Problem

SUM_TOLERANCE = 0.005
RATIONALE_MOVE = 0.10
DISAGREEMENT = 0.15
STALE_AFTER = timedelta(days=14)


def check_judgement(probabilities: dict[str, float], scenario_keys: list[str], reference: dict[str, float] | None,
                    rationale: str) -> list[Problem]:
    """Problems with a round; `reference` is the previous round (or the model when there is none)."""
    problems: list[Problem] = []
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
        problems.append(Problem("probabilities", f"The probabilities sum to {total:.1%}, not 100 %."))
    if reference and not rationale.strip():
        moved = largest_move(probabilities, reference)
        if moved is not None and moved[1] > RATIONALE_MOVE:
            problems.append(Problem(
                "rationale", f"{moved[0]} moves {moved[1] * 100:.0f} points: say why in the rationale."))
    return problems


def largest_move(new: dict[str, float], old: dict[str, float]) -> tuple[str, float] | None:
    moves = [(k, abs(new[k] - old[k])) for k in new if k in old]
    return max(moves, key=lambda m: m[1]) if moves else None


def balance(probabilities: dict[str, float], changed: str) -> dict[str, float]:
    """Keep a round summing to 1 after `changed` was set: the others share the rest in their proportions."""
    fixed = min(max(probabilities[changed], 0.0), 1.0)
    others = [k for k in probabilities if k != changed]
    rest = sum(probabilities[k] for k in others)
    out = {changed: fixed}
    for k in others:
        out[k] = (1.0 - fixed) * (probabilities[k] / rest if rest > 0 else 1.0 / len(others))
    return out


def is_stale(made_at: datetime, now: datetime, evidence_since: int) -> bool:
    return now - made_at > STALE_AFTER and evidence_since > 0


def disagreements(model: dict[str, float], analyst: dict[str, float]) -> dict[str, float]:
    """Scenarios where analyst minus model exceeds 15 points either way."""
    return {k: analyst[k] - model[k] for k in analyst if k in model and abs(analyst[k] - model[k]) > DISAGREEMENT}
