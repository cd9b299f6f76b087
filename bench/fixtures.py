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


def _shared_dir() -> Path:
    """The folder of the run's shared big files (SIGNPOST_BENCH_DB_DIR keeps them between runs)."""
    import os
    import tempfile

    global _SHARED_DIR
    if _SHARED_DIR is None:
        kept = os.environ.get("SIGNPOST_BENCH_DB_DIR")
        _SHARED_DIR = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="signpost-bench-"))
        _SHARED_DIR.mkdir(parents=True, exist_ok=True)
    return _SHARED_DIR


def shared_big_database(n_items: int, n_scenarios: int = 5):
    """(db, situation id, path, build ms or None when reused): one big file per size for the whole
    `make bench` run, so benchmarks on the same 100,000 items build them once.

    SIGNPOST_BENCH_DB_DIR keeps the files between runs (they are reused when present).
    """
    import time

    from desktop.services.situations import list_situations
    from desktop.services.workspace import open_workspace

    path = _shared_dir() / f"big-{n_items}x{n_scenarios}.db"
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


# --- evidence that states facts (figures, days, names), for the grouping proposal --------------

_SYLLABLES = "ba ca da fe ga li mo ne ra so tu vi ze lo ri na ma te qui ro pe du sa".split()
_EN_MONTHS = ("January February March April May June July August September October November December").split()
_ES_MONTHS = ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre").split()


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def fact_quote(rng: random.Random, people: list[str], places: list[str], start: date, days: int) -> tuple[str, date]:
    """One quote as wire reports write them, in English or Spanish: who, how many, where, which day; with the
    situation's backdrop ("US", "Venezuela") in most. Returns (quote, observed day)."""
    day = start + timedelta(days=rng.randrange(days))
    n = rng.choice((rng.randint(2, 12), rng.randint(2, 12), rng.randint(13, 400), rng.randint(1000, 20000)))
    who, where = rng.choice(people), rng.choice(places)
    if rng.random() < 0.6:
        quote = rng.choice((
            f"A US strike killed {n} people off {where} on {day.day} {_EN_MONTHS[day.month - 1]}",
            f"{who} said {n:,} troops were deployed near {where} on {_EN_MONTHS[day.month - 1]} {day.day}",
            f"Venezuela detained {n} people in {where}, {who} told reporters on {day.day} {_EN_MONTHS[day.month - 1]}",
        ))
    else:
        figure = f"{n:,}".replace(",", ".")
        quote = rng.choice((
            f"Un ataque de EE.UU. mató a {figure} personas frente a {where} el {day.day} de {_ES_MONTHS[day.month - 1]}",
            f"{who} dijo que {figure} efectivos fueron desplegados en {where} el {day.day} de {_ES_MONTHS[day.month - 1]}",
        ))
    return quote, day


def fact_bundle(n_items: int, n_scenarios: int = 3, seed: int = 5) -> Bundle:
    """A situation of `n_items` paraphrased items stating facts over three years: 2,000 people and 400 places
    (so a name is carried by about 50 items of 100,000 and a day by about 90, as in a long crisis)."""
    rng = random.Random(seed)
    scenarios = tuple(BundleScenario(f"h{j}", f"Scenario {j}", "", 1.0 / n_scenarios) for j in range(n_scenarios))
    people = sorted({f"{_surname(rng)}" for _ in range(2600)})[:2000]
    places = sorted({f"{_surname(rng)}" for _ in range(500)} - set(people))[:400]
    start = date(2023, 1, 1)
    evidence = []
    for i in range(n_items):
        quote, day = fact_quote(rng, people, places, start, 3 * 365)
        evidence.append(BundleEvidence(key=f"e{i + 1}", quote=quote, observed_at=day, paraphrase=True,
                                       credibility=rng.randint(1, 6), relevance="medium",
                                       ratings={s.key: rng.choice(RATINGS) for s in scenarios}))
    return Bundle("Synthetic facts", "", scenarios, (), tuple(evidence))


def shared_fact_database(n_items: int):
    """(db, big situation id, empty situation id, path, build ms or None when reused): `fact_bundle(n_items)` and,
    beside it in the same file, a situation with the same scenarios and no evidence (a fair baseline: same
    engine, same file). Kept like `shared_big_database`."""
    import time

    from desktop.services.bundles import import_bundle
    from desktop.services.situations import list_situations
    from desktop.services.workspace import open_workspace

    folder = _shared_dir()
    path = folder / f"facts-{n_items}.db"
    if path.exists():
        db = open_workspace(str(path), seed=False)
        situations = list_situations(db)
        if len(situations) == 2:
            return db, situations[0].id, situations[1].id, path, None
        db.close()
        path.unlink()
    started = time.perf_counter()
    db = open_workspace(str(path), seed=False)
    bundle = fact_bundle(n_items)
    big = import_bundle(db, bundle).situation_id
    empty = import_bundle(db, Bundle("Empty", "", bundle.scenarios)).situation_id
    return db, big, empty, path, (time.perf_counter() - started) * 1000
