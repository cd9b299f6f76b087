"""Large synthetic situations for benchmarks (and the odd scale test): N items x H scenarios."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from desktop.domain.bundle import (
    Bundle, BundleEvidence, BundleIndicator, BundleObservation, BundleScenario, BundleSource,
)

WORDS = ("troops carrier strike vessel talks envoy sanctions oil border militia designation cartel "
         "negotiation channel release prisoners deployment bombers airspace embassy ultimatum").split()
RATINGS = ("CC", "C", "N", "I", "II", "NA")


def big_bundle(n_items: int, n_scenarios: int = 5, n_sources: int = 50, seed: int = 3) -> Bundle:
    rng = random.Random(seed)
    scenarios = tuple(BundleScenario(f"h{j}", f"Scenario {j}", "", 1.0 / n_scenarios) for j in range(n_scenarios))
    sources = []
    for s in range(n_sources):
        text = " ".join(rng.choice(WORDS) for _ in range(400)) + f" source number {s}."
        sources.append(BundleSource(key=f"s{s + 1}", title=f"Report {s + 1}", outlet=f"Outlet {s % 7}",
                                    published_at=date(2025, 1, 1) + timedelta(days=s), reliability="ABCDEF"[s % 6],
                                    text=text))
    evidence = []
    start = date(2025, 1, 1)
    for i in range(n_items):
        src = sources[i % n_sources]
        a = rng.randrange(0, len(src.text) - 60)
        quote = src.text[a:a + rng.randrange(20, 60)]
        while not quote.strip():
            quote = src.text[a:a + 30]
        evidence.append(BundleEvidence(
            key=f"e{i + 1}", quote=quote, source=src.key, start=a, end=a + len(quote),
            summary=" ".join(rng.choice(WORDS) for _ in range(8)),
            observed_at=start + timedelta(days=rng.randrange(0, 365)), credibility=rng.randint(1, 6),
            relevance=rng.choice(("high", "medium", "low")), group=f"g{i % 500}" if i % 10 == 0 else None,
            tags=tuple(rng.sample(("military", "diplomacy", "legal", "covert"), 2)),
            ratings={s.key: rng.choice(RATINGS) for s in scenarios}))
    indicator = BundleIndicator(
        key="x", name="Synthetic count", unit="events", kind="cumulative",
        observations=tuple(BundleObservation(start + timedelta(days=d), float(d)) for d in range(0, 365, 7)))
    return Bundle("Synthetic situation", "", scenarios, tuple(sources), tuple(evidence), (indicator,))


def big_database(path: Path, n_items: int, n_scenarios: int = 5):
    """An open database at `path` holding one big situation (no seed case); returns (db, situation_id)."""
    from desktop.services.bundles import import_bundle
    from desktop.services.workspace import open_workspace

    db = open_workspace(str(path), seed=False)
    summary = import_bundle(db, big_bundle(n_items, n_scenarios), remember=True)
    return db, summary.situation_id


_SHARED_DIR: Path | None = None


def shared_big_database(n_items: int, n_scenarios: int = 5):
    """(db, situation id, path, build ms or None when reused): one big file per size for the whole
    `make bench` run, so benchmarks on the same 100,000 items build them once.

    SIGNPOST_BENCH_DB_DIR keeps the files between runs (they are reused when present).
    """
    import os
    import tempfile
    import time

    from desktop.services.situations import list_situations
    from desktop.services.workspace import open_workspace

    global _SHARED_DIR
    if _SHARED_DIR is None:
        kept = os.environ.get("SIGNPOST_BENCH_DB_DIR")
        _SHARED_DIR = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="signpost-bench-"))
        _SHARED_DIR.mkdir(parents=True, exist_ok=True)
    path = _SHARED_DIR / f"big-{n_items}x{n_scenarios}.db"
    if path.exists():
        db = open_workspace(str(path), seed=False)
        situations = list_situations(db)
        if situations:
            return db, situations[0].id, path, None
        db.close()
        path.unlink()
    started = time.perf_counter()
    db, sid = big_database(path, n_items, n_scenarios)
    return db, sid, path, (time.perf_counter() - started) * 1000
