"""Explanations that add up (issue 13 §4): contributions, ACH against the model, one item carrying a lead."""

from __future__ import annotations

import math
from datetime import date

import pytest

from desktop.domain.bundle import Bundle, BundleEvidence, BundleScenario, BundleSource
from desktop.services.bundles import import_bundle
from desktop.services.errors import InputError
from desktop.services.likelihoods import compare_dates, contributions_between, likelihoods_as_of


def _p(steps: float) -> float:
    """P(a) with equal priors and a log-odds of `steps` x ln 2 over b."""
    return 2 ** steps / (2 ** steps + 1)


def _case(db, items, priors=(0.5, 0.5)):
    # One A-graded source, credibility 1, relevance high: every item weighs exactly 1.
    bundle = Bundle("T", "", (BundleScenario("a", "Alpha", "", priors[0]), BundleScenario("b", "Beta", "", priors[1])),
                    sources=(BundleSource("s1", "Wire", reliability="A"),),
                    evidence=tuple(BundleEvidence(key=k, quote=k, observed_at=d, ratings=r, credibility=1,
                                                  relevance="high", source="s1", group=g)
                                   for k, d, r, g in items))
    return import_bundle(db, bundle).situation_id


ITEMS = [("e1", date(2025, 1, 1), {"a": "C", "b": "N"}, None),
         ("e2", date(2025, 1, 25), {"a": "CC", "b": "N"}, None),
         ("e3", date(2025, 1, 25), {"a": "II", "b": "N"}, "g"),    # same day as e2, logged after it
         ("e4", date(2025, 1, 31), {"a": "N", "b": "N"}, "g")]     # joins g: its mean for a goes -2 -> -1


def test_contributions_between_two_dates_add_up_to_the_change(empty_db):
    sid = _case(empty_db, ITEMS)
    report = contributions_between(empty_db, sid, date(2025, 1, 10), date(2025, 1, 31))
    a = report.scenarios[0]
    assert [c.evidence for c in a.contributions] == ["e2", "e3", "e4"]
    # log-odds of a in ln2 steps: e1 1; + e2 3; + e3 (group g: -2) 1; + e4 (g's mean -1) 2
    assert [c.change for c in a.contributions] == pytest.approx([_p(3) - _p(1), _p(1) - _p(3), _p(2) - _p(1)])
    assert (a.before, a.after) == pytest.approx((_p(1), _p(2)))
    assert math.fsum(c.change for c in a.contributions) == pytest.approx(a.change, abs=1e-15)
    doc = report.to_json()
    assert (doc["from"], doc["to"]) == ("2025-01-10", "2025-01-31")
    assert doc["scenarios"][1]["key"] == "b"
    assert [c["evidence"] for c in doc["scenarios"][1]["contributions"]] == ["e2", "e3", "e4"]
    assert doc["scenarios"][1]["change"] == pytest.approx(-a.change)


def test_contributions_refuse_a_to_date_not_after_the_from_date(empty_db):
    sid = _case(empty_db, ITEMS)
    with pytest.raises(InputError, match="--to 2025-01-10 must be after --from 2025-01-10"):
        contributions_between(empty_db, sid, date(2025, 1, 10), date(2025, 1, 10))


def test_the_compare_tab_gets_contributions_beside_the_impacts_now(empty_db):
    sid = _case(empty_db, ITEMS)
    cmp = compare_dates(empty_db, sid, date(2025, 1, 10), None)     # "now": to the latest evidence
    for row, added in zip(cmp.rows, cmp.contributions):
        assert sum(c.change for c in added) == pytest.approx(row.difference, abs=1e-12)
    assert {i.evidence for i in cmp.explaining[0]} == {c.evidence for c in cmp.contributions[0]}
    # e3's contribution when it arrived (-2 steps) and its impact now (without it g is e4 alone: 0) differ
    now = {i.evidence: i.impact for i in cmp.explaining[0]}
    assert now["e3"] == pytest.approx(_p(2) - _p(3))
    backwards = compare_dates(empty_db, sid, date(2025, 1, 31), date(2025, 1, 10))
    assert backwards.contributions == ()          # no arrival order backwards: the impacts alone


def test_ach_leader_and_the_sentence_when_it_differs_from_the_model(empty_db):
    # a: CC then I -> plain -1, log-odds +1 step; b: nothing against it -> plain 0. ACH ranks b, the model a.
    sid = _case(empty_db, [("e1", date(2025, 1, 1), {"a": "CC", "b": "N"}, None),
                           ("e2", date(2025, 1, 2), {"a": "I", "b": "N"}, None)])
    report = likelihoods_as_of(empty_db, sid)
    assert report.leader.key == "a" and report.to_json()["ach_leader"] == "b"
    sentence = report.ach_disagreement()
    assert sentence.startswith("ACH ranks Beta first") and "inconsistency 0 against -1 for Alpha" in sentence
    assert "model gives Alpha 67%" in sentence and "only the evidence against" in sentence
    # the day before e2 nothing contradicts either: tied, no ACH leader and nothing to say
    early = likelihoods_as_of(empty_db, sid, date(2025, 1, 1))
    assert early.to_json()["ach_leader"] is None and early.ach_disagreement() is None


def test_ach_leader_agreeing_with_the_model_says_nothing(empty_db):
    sid = _case(empty_db, [("e1", date(2025, 1, 1), {"a": "C", "b": "I"}, None)])
    report = likelihoods_as_of(empty_db, sid)
    assert report.ach_leader == "a" == report.leader.key and report.ach_disagreement() is None


def test_one_item_moving_a_scenario_more_than_25_points_carries_the_lead(empty_db):
    # e1 alone: a CC, b II -> 4 steps: P(a) = 16/17; without it 2 small items: e2 C on a, e3 C on b -> 0.5
    sid = _case(empty_db, [("e1", date(2025, 1, 1), {"a": "CC", "b": "II"}, None),
                           ("e2", date(2025, 1, 2), {"a": "C", "b": "N"}, None),
                           ("e3", date(2025, 1, 3), {"a": "N", "b": "C"}, None)])
    report = likelihoods_as_of(empty_db, sid)
    carriers = [(c.evidence, c.scenario, round(c.impact, 6)) for c in report.carriers]
    assert carriers == [("e1", "a", round(_p(4) - _p(0), 6)), ("e1", "b", round(_p(0) - _p(4), 6))]
    # e2 alone moves a by p(4) - p(3) (about 2.5 points): not flagged
    assert all(c.evidence == "e1" for c in report.carriers)
