"""Analyst judgements, fragility, 7/30-day changes and side-by-side comparison."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.domain.judgements import check_judgement, disagreements, is_stale, rounded_round, spread_rest
from desktop.services import evidence as ev
from desktop.services.errors import ValidationFailed
from desktop.services.judgements import (
    delete_judgement_round, judgement_status, list_judgements, record_judgement,
)
from desktop.services.likelihoods import (
    compare_dates, compare_with_judgement, likelihoods_as_of, scenario_cards, situation_overview,
)
from desktop.domain.bundle import Bundle, BundleEvidence, BundleScenario, BundleSource
from desktop.services.bundles import import_bundle


def test_round_must_sum_to_one_and_big_moves_need_a_rationale():
    keys = ["a", "b"]
    assert check_judgement({"a": 0.5, "b": 0.5}, keys, {"a": 0.45, "b": 0.55}, "") == []
    assert [p.field for p in check_judgement({"a": 0.5, "b": 0.6}, keys, None, "")] == ["probabilities"]
    assert [p.field for p in check_judgement({"a": 0.8, "b": 0.2}, keys, {"a": 0.5, "b": 0.5}, "")] == ["rationale"]
    assert check_judgement({"a": 0.8, "b": 0.2}, keys, {"a": 0.5, "b": 0.5}, "new talks") == []
    assert [p.message for p in check_judgement({"a": 0.5, "b": 0.499}, keys, None, "")] == [
        "The probabilities sum to 99.9 %, not 100 %."]                  # ± 0.05 points, not half a point
    assert check_judgement({"a": 0.5, "b": 0.4996}, keys, None, "") == []
    assert [(p.field, p.message) for p in check_judgement({"a": 0.5, "b": 0.5}, keys, None, "",
                                                          date(2025, 12, 2), date(2025, 12, 1))] == [
        ("stated_on", "2025-12-02 is after today.")]
    assert disagreements({"a": 0.6, "b": 0.4}, {"a": 0.4, "b": 0.6}) == pytest.approx({"a": -0.2, "b": 0.2})
    now = datetime(2025, 12, 1, tzinfo=timezone.utc)
    assert is_stale(now - timedelta(days=15), now, 1) and not is_stale(now - timedelta(days=15), now, 0)
    assert not is_stale(now - timedelta(days=13), now, 3)


def test_spread_rest_fills_the_untyped_figures_in_proportion_and_never_a_typed_one():
    # 10 typed, b and c prefilled 30:20 -> they share the 40 points left: +24, +16
    assert spread_rest({"a": 0.1, "b": 0.3, "c": 0.2}, {"a"}) == pytest.approx({"a": 0.1, "b": 0.54, "c": 0.36})
    # over 100: the untyped give up the excess in proportion
    assert spread_rest({"a": 0.7, "b": 0.3, "c": 0.2}, {"a"}) == pytest.approx({"a": 0.7, "b": 0.18, "c": 0.12})
    # untyped all at zero: equal shares; every figure typed: all share in proportion
    assert spread_rest({"a": 0.4, "b": 0.0, "c": 0.0}, {"a"}) == pytest.approx({"a": 0.4, "b": 0.3, "c": 0.3})
    assert spread_rest({"a": 0.1, "b": 0.5, "c": 0.2}, {"a", "b", "c"}) == pytest.approx(
        {"a": 0.125, "b": 0.625, "c": 0.25})
    # typed ones alone pass 100: the untyped go to zero and the round stays over, for the analyst to lower
    assert spread_rest({"a": 0.6, "b": 0.5, "c": 0.05}, {"a", "b"}) == pytest.approx({"a": 0.6, "b": 0.5, "c": 0.0})
    # tenths of a point that sum to exactly 1000
    thirds = spread_rest({"a": 0.0, "b": 0.0, "c": 0.0}, set())
    assert thirds == pytest.approx({"a": 0.334, "b": 0.333, "c": 0.333}) and round(sum(thirds.values()) * 1000) == 1000
    assert rounded_round({"a": 0.668967, "b": 0.331033}) == pytest.approx({"a": 0.669, "b": 0.331})


def test_a_round_is_stated_for_a_day_and_stamped_when_entered(seeded):
    entered = datetime(2025, 12, 1, 9, 30, tzinfo=timezone.utc)
    p = {"negotiation": 0.2, "escalation": 0.5, "status_quo": 0.3}
    back = record_judgement(seeded, 1, p, "formed after the 20 Nov call", "ana", made_at=entered,
                            stated_on=date(2025, 11, 20), today=date(2025, 12, 1))
    assert (back.stated_on, back.made_at) == (date(2025, 11, 20), entered)
    plain = record_judgement(seeded, 1, p, "", "ana", made_at=entered + timedelta(days=1), today=date(2025, 12, 2))
    assert plain.stated_on == (entered + timedelta(days=1)).astimezone().date()   # default: the day it is entered
    assert [r.stated_on for r in list_judgements(seeded, 1)] == [date(2025, 11, 20), plain.stated_on]
    with pytest.raises(ValidationFailed, match=r"stated_on: 2025-12-03 is after today\."):
        record_judgement(seeded, 1, p, "", "ana", stated_on=date(2025, 12, 3), today=date(2025, 12, 2))
    assert len(list_judgements(seeded, 1)) == 2


def test_record_judgement_links_evidence_flags_disagreement_and_staleness(seeded):
    model = {s.key: s.probability for s in likelihoods_as_of(seeded, 1).scenarios}
    with pytest.raises(ValidationFailed, match="rationale"):
        record_judgement(seeded, 1, {"negotiation": 0.4, "escalation": 0.3, "status_quo": 0.3})
    first = record_judgement(seeded, 1, {"negotiation": 0.4, "escalation": 0.3, "status_quo": 0.3},
                             rationale="channel reopened", analyst="ana")
    assert len(first.basis) == len(ev.list_evidence(seeded, 1))  # everything logged before the first round
    later = first.made_at + timedelta(days=20)
    status = judgement_status(seeded, 1, now=later)
    assert status.latest.probabilities["negotiation"] == 0.4 and not status.stale  # old, but nothing new
    assert set(status.disagreements) == {k for k in model if abs(first.probabilities[k] - model[k]) > 0.15}
    logged = ev.log_evidence(seeded, 1, EvidenceDraft(
        quote="x", paraphrase=True, observed_at=date(2025, 11, 24), ratings={"escalation": "C"}))
    assert not judgement_status(seeded, 1).stale  # new evidence, but the round is recent
    status = judgement_status(seeded, 1, now=later)
    assert status.stale and status.evidence_since == 1
    second = record_judgement(seeded, 1, {"negotiation": 0.35, "escalation": 0.35, "status_quo": 0.3})
    assert second.basis == (logged.key,)
    assert len(list_judgements(seeded, 1)) == 2
    delete_judgement_round(seeded, second.judgement_ids)
    assert len(list_judgements(seeded, 1)) == 1


def _two_scenarios(db, items):
    # One A-graded source, credibility 1, relevance high: every item weighs exactly 1.
    bundle = Bundle("T", "", (BundleScenario("a", "A", "", 0.5), BundleScenario("b", "B", "", 0.5)),
                    sources=(BundleSource("s1", "Wire", reliability="A"),),
                    evidence=tuple(BundleEvidence(key=k, quote=k, observed_at=d, ratings=r, credibility=1,
                                                  relevance="high", source="s1") for k, d, r in items))
    return import_bundle(db, bundle).situation_id


def test_fragility_names_the_item_that_alone_holds_the_lead(empty_db):
    sid = _two_scenarios(empty_db, [("e1", date(2025, 1, 1), {"a": "C", "b": "N"}),
                                    ("e2", date(2025, 1, 2), {"a": "CC", "b": "I"}),
                                    ("e3", date(2025, 1, 3), {"a": "N", "b": "CC"})])
    # log odds a:b = ln2 (1 + 2 - 0) - ln2 (0 - 1 + 2) = ln2 (3 - 1) > 0: a leads;
    # without e2: ln2 (1 - 2) < 0 -> b leads; without e1: ln2 (2 - 1) > 0; without e3: a still.
    report = likelihoods_as_of(empty_db, sid)
    assert report.leader.key == "a"
    assert [(f.evidence, f.leader_without) for f in report.fragile] == [("e2", "b")]


def test_cards_change_over_7_and_30_days_and_as_of(empty_db):
    sid = _two_scenarios(empty_db, [("e1", date(2025, 1, 5), {"a": "C", "b": "N"}),
                                    ("e2", date(2025, 1, 25), {"a": "CC", "b": "N"}),
                                    ("e3", date(2025, 1, 31), {"a": "I", "b": "N"})])
    cards = {c.key: c for c in scenario_cards(empty_db, sid)}
    p = lambda steps: 2 ** steps / (2 ** steps + 1)  # noqa: E731 - P(a) with log-odds steps x ln2
    assert cards["a"].window_end == date(2025, 1, 31)
    assert cards["a"].probability == pytest.approx(p(1 + 2 - 1))
    assert cards["a"].change == pytest.approx(p(2) - p(1))        # 24 Jan held e1 alone
    assert cards["a"].change_30 == pytest.approx(p(2) - p(0))     # 1 Jan held nothing: the prior
    as_of = {c.key: c for c in scenario_cards(empty_db, sid, as_of=date(2025, 1, 26))}
    assert as_of["a"].probability == pytest.approx(p(3)) and as_of["a"].window_end == date(2025, 1, 26)
    overview = situation_overview(empty_db, sid, as_of=date(2025, 1, 26))
    assert overview.report.evidence_count == 2 and len(overview.history.markers) == 3


def test_compare_two_dates_explains_with_the_items_between(empty_db):
    sid = _two_scenarios(empty_db, [("e1", date(2025, 1, 1), {"a": "C", "b": "N"}),
                                    ("e2", date(2025, 1, 25), {"a": "CC", "b": "N"}),
                                    ("e3", date(2025, 1, 31), {"a": "I", "b": "N"})])
    cmp = compare_dates(empty_db, sid, date(2025, 1, 10), None)
    row = cmp.rows[0]
    assert row.before == pytest.approx(2 / 3) and row.after == pytest.approx(4 / 5)
    assert row.difference == pytest.approx(4 / 5 - 2 / 3)
    assert [i.evidence for i in cmp.explaining[0]] == ["e2", "e3"]  # by |impact|: CC then I
    assert cmp.explaining[0][0].impact > 0 > cmp.explaining[0][1].impact


def test_compare_with_a_judgement_uses_evidence_logged_since(seeded):
    made = datetime.now(timezone.utc)
    rnd = record_judgement(seeded, 1, {"negotiation": 0.3, "escalation": 0.4, "status_quo": 0.3},
                           rationale="baseline", made_at=made)
    logged = ev.log_evidence(seeded, 1, EvidenceDraft(quote="strike on land", paraphrase=True,
                                                      observed_at=date(2025, 11, 24),
                                                      ratings={"escalation": "CC", "status_quo": "II"}))
    cmp = compare_with_judgement(seeded, 1, rnd.probabilities, rnd.made_at, [logged.id])
    assert [r.before for r in cmp.rows] == [0.3, 0.4, 0.3]
    assert all(len(x) == 1 and x[0].evidence == logged.key for x in cmp.explaining)


def test_cards_carry_each_scenarios_prior_and_no_horizon_until_the_schema_has_one(empty_db):
    bundle = Bundle("T", "", (BundleScenario("a", "A", "the first", 0.25), BundleScenario("b", "B", "", 0.75)))
    sid = import_bundle(empty_db, bundle).situation_id
    cards = {c.key: c for c in situation_overview(empty_db, sid).cards}
    assert (cards["a"].prior, cards["a"].description, cards["b"].prior) == (0.25, "the first", 0.75)
    assert [c.prior for c in scenario_cards(empty_db, sid)] == [0.25, 0.75]
    assert all(c.horizon is None for c in cards.values())
