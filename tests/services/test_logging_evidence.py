"""Logging, editing, rating, deleting and restoring evidence through the services."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from desktop.domain.evidence_rules import QUOTE_NOT_IN_SOURCE, EvidenceDraft
from desktop.services import evidence as ev
from desktop.services.errors import InputError, ValidationFailed
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.sources import NewSource, add_source, find_source, get_source, list_sources

QUOTE = "Caine is also scheduled to travel to Trinidad and Tobago"


def _s1(db):
    return find_source(db, 1, "s1")


def _draft(db, **kw):
    base = dict(quote=QUOTE, observed_at=date(2025, 11, 24), ratings={"escalation": "C", "negotiation": "N"},
                source_id=_s1(db).id, credibility=2, relevance="low", tags=("Military", "travel", "military"))
    return EvidenceDraft(**{**base, **kw})


def _count(db, sql):
    with db.reading() as s:
        return s.execute(text(sql)).scalar()


def test_log_evidence_stores_item_offsets_ratings_and_next_key(seeded):
    before = _count(seeded, "SELECT count(*) FROM evidence")
    logged = ev.log_evidence(seeded, 1, _draft(seeded))
    assert logged.key == f"e{before + 1}"
    row = next(r for r in ev.list_evidence(seeded, 1) if r.id == logged.id)
    article = get_source(seeded, _s1(seeded).id).text
    draft = ev.evidence_draft(seeded, logged.id)
    assert article[draft.start:draft.end] == QUOTE
    assert row.ratings == {"escalation": "C", "negotiation": "N"} and row.grade == "F2"   # s1: unknown outlet, F
    assert row.tags == ("military", "travel")
    assert _count(seeded, f"SELECT count(*) FROM change_log WHERE table_name='evidence' AND row_id={logged.id}") == 1


@pytest.mark.parametrize("changes, field, code", [
    (dict(quote="   "), "quote", ""),
    (dict(quote="words that are not in the article"), "quote", QUOTE_NOT_IN_SOURCE),
    (dict(observed_at=date(2999, 1, 1)), "observed_at", ""),
    (dict(ratings={}), "ratings", ""),
    (dict(ratings={"escalation": "NA"}), "ratings", ""),
    (dict(ratings={"nope": "C"}), "ratings", ""),
    (dict(credibility=8), "credibility", ""),
])
def test_invalid_drafts_are_refused_at_their_field_and_write_nothing(seeded, changes, field, code):
    before = _count(seeded, "SELECT count(*) FROM evidence")
    with pytest.raises(ValidationFailed) as info:
        ev.log_evidence(seeded, 1, _draft(seeded, **changes))
    assert field in [p.field for p in info.value.problems]
    if code:
        assert code in [p.code for p in info.value.problems]
    assert _count(seeded, "SELECT count(*) FROM evidence") == before


def test_paraphrase_is_accepted_without_offsets(seeded):
    logged = ev.log_evidence(seeded, 1, _draft(seeded, quote="Caine will go to Trinidad", paraphrase=True))
    draft = ev.evidence_draft(seeded, logged.id)
    assert draft.paraphrase and draft.start is None


def test_edit_rating_delete_restore_move_the_probabilities(seeded):
    base = {s.key: s.probability for s in likelihoods_as_of(seeded, 1).scenarios}
    logged = ev.log_evidence(seeded, 1, _draft(seeded, ratings={"escalation": "CC", "negotiation": "II"},
                                               credibility=1, relevance="high"))
    up = {s.key: s.probability for s in likelihoods_as_of(seeded, 1).scenarios}
    assert up["escalation"] > base["escalation"]
    assert ev.set_rating(seeded, logged.id, "escalation", "II") == "CC"
    down = {s.key: s.probability for s in likelihoods_as_of(seeded, 1).scenarios}
    assert down["escalation"] < base["escalation"]
    ev.delete_evidence(seeded, logged.id)
    assert {s.key: s.probability for s in likelihoods_as_of(seeded, 1).scenarios} == pytest.approx(base)
    assert logged.id not in [r.id for r in ev.list_evidence(seeded, 1)]
    ev.restore_evidence(seeded, logged.id)
    assert {s.key: s.probability for s in likelihoods_as_of(seeded, 1).scenarios} == pytest.approx(down)
    old = ev.evidence_draft(seeded, logged.id)
    ev.edit_evidence(seeded, logged.id, _draft(seeded, summary="edited", ratings={"status_quo": "C"}))
    edited = ev.evidence_draft(seeded, logged.id)
    assert edited.summary == "edited" and edited.ratings == {"status_quo": "C"}
    ev.edit_evidence(seeded, logged.id, old)
    assert ev.evidence_draft(seeded, logged.id) == old


def test_set_rating_refuses_unknown_values(seeded):
    logged = ev.log_evidence(seeded, 1, _draft(seeded))
    with pytest.raises(InputError, match="unknown rating 'X'"):
        ev.set_rating(seeded, logged.id, "escalation", "X")
    assert ev.set_rating(seeded, logged.id, "status_quo", None) is None  # clearing an unrated cell is harmless


def test_add_source_keys_and_refuses_the_same_text_twice(seeded):
    new = add_source(seeded, 1, NewSource(title="Statement", outlet="MPPRE", reliability="D", text="Venezuela rejects."))
    assert new.key == "s15" and new.id in [s.id for s in list_sources(seeded, 1)]
    with pytest.raises(InputError, match="already source s15"):
        add_source(seeded, 1, NewSource(title="Again", text="Venezuela rejects."))
    with pytest.raises(InputError, match="title"):
        add_source(seeded, 1, NewSource(title="  "))
