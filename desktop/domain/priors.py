"""Priors of a situation's scenarios (those not archived) always sum to 1.

Scenarios are mutually exclusive and exhaustive (design §4), so giving one scenario more weight
must take it from the others. Each change here returns the whole new set, keeping the others'
proportions to each other: what the analyst said about them still holds, only their share of
what is left changes. The window shows that set before saving, the command line prints it.
"""

from __future__ import annotations

import math

from desktop.domain.bundle import PRIOR_SUM_TOLERANCE


class PriorError(ValueError):
    """A change that would leave the priors invalid; the message names the field."""


def _check_prior(key: str, p: float) -> None:
    if not isinstance(p, (int, float)) or isinstance(p, bool) or math.isnan(p):
        raise PriorError(f"prior: {key} needs a number between 0 and 1, not {p!r}")
    if not 0.0 < p <= 1.0:
        raise PriorError(f"prior: {key} {p:g} is outside (0, 1]: a scenario needs some chance, and at most certainty")


def _others_scaled(priors: dict[str, float], to: float) -> dict[str, float]:
    total = math.fsum(priors.values())
    if not priors:
        return {}
    if total <= 0:      # cannot happen with valid priors; share equally rather than divide by zero
        return {k: to / len(priors) for k in priors}
    return {k: v * to / total for k, v in priors.items()}


def with_added(priors: dict[str, float], key: str, p: float) -> dict[str, float]:
    """The set after adding `key` with prior `p`: the others scaled to 1 − p (a first scenario gets 1)."""
    if key in priors:
        raise PriorError(f"key: a scenario {key!r} exists already")
    _check_prior(key, p)
    if not priors:
        return {key: 1.0}
    if p >= 1.0:
        raise PriorError(f"prior: {key} {p:g} leaves nothing for the other {len(priors)} scenario(s); "
                         "archive them instead")
    return {**_others_scaled(priors, 1.0 - p), key: float(p)}


def with_prior(priors: dict[str, float], key: str, p: float) -> dict[str, float]:
    """The set after giving `key` prior `p`: the others rescaled proportionally to 1 − p."""
    if key not in priors:
        raise PriorError(f"key: no scenario {key!r} (expected one of {', '.join(priors) or 'none'})")
    _check_prior(key, p)
    others = {k: v for k, v in priors.items() if k != key}
    if not others:
        if abs(p - 1.0) > 1e-12:
            raise PriorError(f"prior: {key} is the only scenario, so its prior is 1, not {p:g}")
        return {key: 1.0}
    if p >= 1.0:
        raise PriorError(f"prior: {key} {p:g} leaves nothing for the other {len(others)} scenario(s); "
                         "archive them instead")
    scaled = _others_scaled(others, 1.0 - p)
    return {k: (float(p) if k == key else scaled[k]) for k in priors}


def without(priors: dict[str, float], key: str) -> dict[str, float]:
    """The set after archiving `key`: the remaining scaled to sum to 1. The last scenario cannot go."""
    if key not in priors:
        raise PriorError(f"key: no scenario {key!r} (expected one of {', '.join(priors) or 'none'})")
    others = {k: v for k, v in priors.items() if k != key}
    if not others:
        raise PriorError(f"key: {key} is the last scenario; a situation needs at least one")
    return _others_scaled(others, 1.0)


def all_set(priors: dict[str, float], given: dict[str, float]) -> dict[str, float]:
    """`given` as the new set: every scenario named once, each in (0, 1], summing to 1 (within ± 0.01,
    then normalised, as bundles are); refused otherwise, naming the sum."""
    unknown = [k for k in given if k not in priors]
    if unknown:
        raise PriorError(f"key: no scenario {unknown[0]!r} (expected one of {', '.join(priors)})")
    missing = [k for k in priors if k not in given]
    if missing:
        raise PriorError(f"key: no prior given for {', '.join(missing)}: set every scenario's at once")
    for k, p in given.items():
        _check_prior(k, p)
    total = math.fsum(given.values())
    if abs(total - 1.0) > PRIOR_SUM_TOLERANCE:
        listed = ", ".join(f"{k} {p:g}" for k, p in given.items())
        raise PriorError(f"prior: the priors sum to {total:.6g}, not 1 ({listed})")
    return {k: given[k] / total for k in priors}
