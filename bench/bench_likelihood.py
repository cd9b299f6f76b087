"""Likelihood model on 10,000 items x 5 scenarios, against a bare numpy pass over the same matrix."""

from __future__ import annotations

import numpy as np

from bench.timing import median_ms
from desktop.domain.likelihood import LikelihoodInputs, contributions, history, posterior_with_impacts


def matrix(n: int, h: int, seed: int = 1) -> LikelihoodInputs:
    rng = np.random.default_rng(seed)
    scores = rng.choice([-2.0, -1.0, 0.0, 1.0, 2.0, np.nan], size=(n, h))
    groups = [f"g{g}" if g < n // 10 else None for g in rng.integers(0, n, n)]
    return LikelihoodInputs.build(list(rng.uniform(0.1, 1, h)), list(rng.uniform(0.05, 1, n)), scores, groups,
                                  list(rng.integers(738000, 738365, n)))


def run():
    inputs = matrix(10_000, 5)
    ws = np.nan_to_num(inputs.scores) * inputs.weights[:, None]
    baseline = median_ms(lambda: np.exp(ws.sum(axis=0) - ws.sum(axis=0).max()))
    days = np.arange(738000, 738365)
    name = "bare numpy pass"
    return [
        ("probabilities + all leave-one-out impacts", median_ms(lambda: posterior_with_impacts(inputs)), name,
         baseline, 50),
        ("history at 365 dates", median_ms(lambda: history(inputs, days)), name, baseline, 200),
        # the Compare tab over the whole year: every item added in turn, each with its change per scenario
        ("contributions of 10,000 items over a year", median_ms(
            lambda: contributions(inputs, 737999, 738365, np.arange(inputs.n_items))), name, baseline, 400),
    ]
