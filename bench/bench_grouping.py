"""Logging one item with its grouping proposal into a 100,000-item situation, against the same into an empty one.

The whole action as `log-evidence` does it (issue 12 §1): validation, the exact-duplicate check, the
grouping proposal (capped counts of the item's fact tokens, candidates counted in SQL on the uncommon
ones, their tokens scored by the rule), joining the earlier item's group when one is found, the insert
with its ratings and fact tokens, and the commit. Half the items logged restate an item already there
(a proposal is found and applied), half are new facts. Baseline: the same items logged into a situation
of the same file that has no evidence (same engine, same file size), so the ratio is what 100,000 items
cost. The lookup alone is timed too, and the naive way against it: every item's signature read and scored.
"""

from __future__ import annotations

import random
import time
from datetime import date

from bench.fixtures import fact_quote, shared_fact_database
from bench.timing import median_ms

N_ITEMS = 100_000
RUNS = 30
WARMUP = 3      # the first logs after opening the file read its pages from disk


def _drafts(db, situation_id: int, count: int, seed: int):
    from desktop.domain.evidence_rules import EvidenceDraft
    from desktop.services.evidence import list_evidence

    rng = random.Random(seed)
    existing = [r for r in list_evidence(db, situation_id)] if situation_id else []
    people = [f"Zq{rng.randrange(10**6)}" for _ in range(50)]
    places = [f"Vx{rng.randrange(10**6)}" for _ in range(50)]
    drafts = []
    for i in range(count):
        if i % 2 == 0 and existing:
            earlier = rng.choice(existing)                       # a restatement: the same facts, other words
            quote, day = f"Reports said: {earlier.quote}", earlier.observed_at
        else:
            quote, day = fact_quote(rng, people, places, date(2023, 1, 1), 3 * 365)
        drafts.append(EvidenceDraft(quote=f"{quote} [{seed}.{i}]", observed_at=day, ratings={"h0": "C", "h1": "I"},
                                    credibility=2, relevance="high", paraphrase=True))
    return drafts


def run():
    from desktop.domain.fact_signature import fact_signature, from_tokens
    from desktop.domain.near_duplicates import FactItem, best_match, generic_tokens
    from desktop.services.evidence import log_evidence
    from desktop.services.grouping import propose_group
    from desktop.store import fact_index

    db, big, empty, _path, build_ms = shared_fact_database(N_ITEMS)
    try:
        drafts = _drafts(db, big, 2 * (RUNS + WARMUP), seed=int(time.time()))
        fact_signature("warm up 3 people on 1 May", date(2025, 5, 2))
        joined = []

        def log_into(situation_id, queue):
            def once():
                logged = log_evidence(db, situation_id, queue.pop())
                joined.append(logged.joined)
            return once
        big_ms = median_ms(log_into(big, list(drafts[:RUNS + WARMUP])), repeat=RUNS, warmup=WARMUP)
        found = sum(joined)                     # (the warm-up runs included)
        empty_ms = median_ms(log_into(empty, list(drafts[RUNS + WARMUP:])), repeat=RUNS, warmup=WARMUP)

        probe = drafts[0]
        lookup_ms = median_ms(lambda: propose_group(db, big, probe.quote, probe.observed_at, None), repeat=RUNS)
        lookup_empty_ms = median_ms(lambda: propose_group(db, empty, probe.quote, probe.observed_at, None),
                                    repeat=RUNS)

        def naive():
            with db.reading() as session:
                tokens = fact_index.situation_tokens(session, big)
                rows = fact_index.fact_items(session, big, tokens)
            items = [FactItem(r.id, from_tokens(tokens[r.id]), r.observed_at, r.source_id, r.group_key)
                     for r in rows.values()]
            counts: dict[str, int] = {}
            for item in items:
                for t in item.signature.facts():
                    counts[t] = counts.get(t, 0) + 1
            signature = fact_signature(probe.quote, probe.observed_at)
            return best_match(FactItem(-1, signature, probe.observed_at), items, generic_tokens(counts, len(items)))
        t = time.perf_counter()
        naive()
        naive_ms = (time.perf_counter() - t) * 1000
    finally:
        db.close()
    rows = [
        ("log one item with its grouping proposal, 100,000 items present "
         f"({found} of {len(joined) // 2} joined an earlier item's group)", big_ms,
         "the same into an empty situation", empty_ms, 50),
        ("the proposal lookup alone, 100,000 items (the fact index)", lookup_ms,
         "the same lookup in the empty situation", lookup_empty_ms, 20),
        ("the same proposal by a naive pass over every item's signature", naive_ms,
         "the lookup through the fact index", lookup_ms, None),
    ]
    if build_ms is not None:
        rows.append(("figure", f"(built the 100,000-item situation and its index in {build_ms / 1000:.0f} s)",
                     None, None, None))
    return rows
