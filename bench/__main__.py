"""`python -m bench`: speed of the likelihood model against a bare numpy pass over the same matrix.

Figures are medians of repeated runs, printed with their ratio to the baseline so that
they mean the same on a slow or a fast machine.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from desktop.domain.likelihood import LikelihoodInputs, history, posterior_with_impacts


def _median_ms(fn, repeat: int = 15) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _matrix(n: int, h: int, seed: int = 1) -> LikelihoodInputs:
    rng = np.random.default_rng(seed)
    scores = rng.choice([-2.0, -1.0, 0.0, 1.0, 2.0, np.nan], size=(n, h))
    groups = [f"g{g}" if g < n // 10 else None for g in rng.integers(0, n, n)]
    return LikelihoodInputs.build(list(rng.uniform(0.1, 1, h)), list(rng.uniform(0.05, 1, n)), scores, groups,
                                  list(rng.integers(738000, 738365, n)))


def main() -> None:
    n, h = 10_000, 5
    inputs = _matrix(n, h)
    ws = np.nan_to_num(inputs.scores) * inputs.weights[:, None]
    baseline = _median_ms(lambda: np.exp(ws.sum(axis=0) - ws.sum(axis=0).max()))
    days = np.arange(738000, 738365)
    rows = [
        ("posterior + all leave-one-out impacts, 10,000 x 5", _median_ms(lambda: posterior_with_impacts(inputs)), 50),
        ("history at 365 dates, 10,000 x 5", _median_ms(lambda: history(inputs, days)), 200),
    ]
    print(f"baseline: bare numpy pass over the 10,000 x 5 matrix: {baseline:.3f} ms")
    for name, ms, target in rows:
        print(f"{name}: {ms:.2f} ms  ({ms / baseline:.1f}x baseline; target < {target} ms: "
              f"{'ok' if ms < target else 'MISSED'})")


if __name__ == "__main__":
    main()
