"""The evidence-matrix cache follows every kind of write, patched from the change log."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest
from sqlalchemy import event

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services import evidence as ev
from desktop.services.bundles import import_bundle
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.matrix import ach_matrix, quote_index
from desktop.services.sources import NewSource, add_source

from bench.fixtures import big_bundle


def _fresh(db, sid):
    db.caches.clear()
    return ach_matrix(db, sid)


def _same(a, b):
    order_a, order_b = np.argsort(a.evidence_ids), np.argsort(b.evidence_ids)
    assert a.evidence_ids[order_a].tolist() == b.evidence_ids[order_b].tolist()
    assert a.ratings[order_a].tolist() == b.ratings[order_b].tolist()
    assert np.allclose(a.weights[order_a], b.weights[order_b])
    assert [f.probability for f in a.footers] == pytest.approx([f.probability for f in b.footers])


def test_cache_follows_logs_edits_ratings_deletes_and_restores(seeded):
    rng = random.Random(5)
    first = ach_matrix(seeded, 1)
    statements = []
    listener = lambda _c, _cur, sql, *_a: statements.append(sql)  # noqa: E731
    event.listen(seeded.engine, "before_cursor_execute", listener)
    try:
        again = ach_matrix(seeded, 1)
    finally:
        event.remove(seeded.engine, "before_cursor_execute", listener)
    assert again is first                          # nothing written: the same matrix, served from the cache
    from desktop.services.matrix import MatrixCache

    cache = MatrixCache.of(seeded, 1)
    assert cache.matrix is first and cache.rows is not None and cache.mark > 0
    assert [q for q in statements if not q.startswith("BEGIN")] == [statements[-1]]   # one query: the watermark
    assert "change_log" in statements[-1]
    logged = []
    for step in range(30):
        action = rng.choice(["log", "rate", "delete", "restore", "edit"])
        items = ev.list_evidence(seeded, 1)
        if action == "log" or not items:
            logged.append(ev.log_evidence(seeded, 1, EvidenceDraft(
                quote=f"note {step}", paraphrase=True, observed_at=date(2025, 11, rng.randint(1, 24)),
                ratings={"escalation": rng.choice(["CC", "I"]), "negotiation": "C"},
                group=rng.choice([None, "g-test"]))).id)
        elif action == "rate":
            item = rng.choice(items)
            ev.set_rating(seeded, item.id, rng.choice(["negotiation", "escalation", "status_quo"]),
                          rng.choice(["CC", "C", "N", "I", "II", "NA", None]))
        elif action == "delete":
            ev.delete_evidence(seeded, rng.choice(items).id)
        elif action == "restore" and logged:
            ev.restore_evidence(seeded, rng.choice(logged))
        elif action == "edit":
            item = rng.choice(items)
            draft = ev.evidence_draft(seeded, item.id)
            changes = {"credibility": rng.randint(1, 6)}
            if rng.random() < 0.5:
                changes.update(quote=f"reworded {step}", paraphrase=True)
            ev.edit_evidence(seeded, item.id, EvidenceDraft(**{**draft.__dict__, **changes}))
        cached = ach_matrix(seeded, 1)
        quotes = dict(quote_index(seeded, 1))
        _same(cached, _fresh(seeded, 1))
        live = {e.id: e.quote for e in ev.list_evidence(seeded, 1)}
        assert {i: quotes[i] for i in live} == live
        # keep the cache warm for the next step's patch
        ach_matrix(seeded, 1)


def test_cache_reloads_on_source_and_situation_changes(seeded, empty_db):
    ach_matrix(seeded, 1)
    quote_index(seeded, 1)
    add_source(seeded, 1, NewSource(title="New statement", reliability="A", text="Something new."))
    item = ev.list_evidence(seeded, 1)[0]
    ev.edit_evidence(seeded, item.id, EvidenceDraft(**{**ev.evidence_draft(seeded, item.id).__dict__,
                                                       "quote": "said otherwise", "paraphrase": True}))
    cached = ach_matrix(seeded, 1)
    assert quote_index(seeded, 1)[item.id] == "said otherwise"
    _same(cached, _fresh(seeded, 1))
    sid = import_bundle(seeded, big_bundle(50, 3)).situation_id
    assert ach_matrix(seeded, sid).n_rows == 50
    p = {s.key: s.probability for s in likelihoods_as_of(seeded, 1).scenarios}
    seeded.caches.clear()
    assert {s.key: s.probability for s in likelihoods_as_of(seeded, 1).scenarios} == pytest.approx(p)
