"""Why PARC ACH and the Bayesian model can rank the scenarios differently, in one sentence.

ACH ranks by how little evidence contradicts a scenario; the probability also counts the evidence
for it and how much each item weighs. An analyst who sees ACH put one scenario first and the model
another deserves the reason beside the numbers, not a puzzle (design section 4, `ach_leader`).
"""

from __future__ import annotations


def _score(x: float) -> str:
    """An ACH score as the matrix shows it: whole, or one decimal when a group's mean made a fraction."""
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def disagreement(names: list[str], probabilities: list[float], plain: list[float],
                 ach_leader: int | None) -> str | None:
    """The sentence saying ACH and the model rank different scenarios first, or None when they agree
    (or ACH ranks none first: a tie)."""
    if ach_leader is None or not probabilities:
        return None
    top = max(range(len(probabilities)), key=lambda j: probabilities[j])
    if top == ach_leader:
        return None
    return (f"ACH ranks {names[ach_leader]} first (least contradicted: inconsistency {_score(plain[ach_leader])} "
            f"against {_score(plain[top])} for {names[top]}), while the model gives {names[top]} "
            f"{probabilities[top]:.0%}: ACH counts only the evidence against each scenario, the model also "
            f"counts the evidence for it and how much each item weighs.")
