"""Issue 13 §1: the analyst's situation and scenarios — one transaction per edit, archived scenarios out of
the model with their ratings kept, and bundles carrying question, dates and `archived` both ways."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from desktop.domain.bundle import BundleError, parse_bundle
from desktop.services import scenario_edits as edits
from desktop.services.bundles import export_bundle_file, import_bundle
from desktop.services.errors import InputError
from desktop.services.evidence import edit_evidence, evidence_draft, list_evidence
from desktop.services.likelihoods import likelihoods_as_of, scenario_cards
from desktop.services.matrix import ach_matrix
from desktop.services.situations import resolve_situation
from tests.conftest import SEED_BUNDLE


def test_the_seed_opens_with_its_question_and_horizon_on_the_cards(seeded):
    sid = resolve_situation(seeded).id
    spec = edits.situation_spec(seeded, sid)
    assert spec.opened_at == date(2025, 11, 24) and spec.horizon == date(2026, 2, 22)
    assert {c.horizon for c in scenario_cards(seeded, sid)} == {date(2026, 2, 22)}


def test_archiving_drops_a_scenario_from_model_matrix_and_cards_and_an_edit_keeps_its_ratings(seeded):
    sid = resolve_situation(seeded).id
    item = list_evidence(seeded, sid)[0]
    assert "negotiation" in item.ratings
    before = edits.situation_spec(seeded, sid)
    edits.archive_scenario(seeded, sid, "negotiation")
    assert [s.key for s in likelihoods_as_of(seeded, sid).scenarios] == ["escalation", "status_quo"]
    assert [s.key for s in ach_matrix(seeded, sid).scenarios] == ["escalation", "status_quo"]
    assert [c.key for c in scenario_cards(seeded, sid)] == ["escalation", "status_quo"]
    # editing the item in the window (its dialog knows only the live scenarios) must not drop the hidden rating
    draft = evidence_draft(seeded, item.id)
    assert set(draft.ratings) <= {"escalation", "status_quo"}
    edit_evidence(seeded, item.id, replace(draft, summary="edited"))
    edits.save_situation_spec(seeded, sid, before)      # as the window's undo does
    assert edits.situation_spec(seeded, sid) == before
    assert list_evidence(seeded, sid)[0].ratings["negotiation"] == item.ratings["negotiation"]


def test_a_failed_edit_writes_nothing(seeded):
    sid = resolve_situation(seeded).id
    before = edits.situation_spec(seeded, sid)
    bad = replace(before, question="new", scenarios=before.scenarios + (edits.ScenarioSpec("x", "X", 0.5),))
    with pytest.raises(InputError, match="prior: the priors sum to 1.5"):
        edits.save_situation_spec(seeded, sid, bad)
    assert edits.situation_spec(seeded, sid) == before


def test_bundles_carry_question_dates_and_archived_both_ways(seeded, tmp_path):
    sid = resolve_situation(seeded).id
    edits.archive_scenario(seeded, sid, "status_quo")
    out = export_bundle_file(seeded, sid, tmp_path / "a.signpost.json")
    doc = json.loads(out.read_text("utf-8"))
    assert doc["situation"]["opened_at"] == "2025-11-24" and doc["situation"]["horizon"] == "2026-02-22"
    assert doc["situation"]["question"].startswith("In the 90 days")
    archived = [s for s in doc["scenarios"] if s.get("archived")]
    assert [s["key"] for s in archived] == ["status_quo"]
    assert "archived" not in doc["scenarios"][0]
    # the archived prior is not in the sum: the live two sum to 1 and the bundle is accepted as it is
    assert sum(s["prior"] for s in doc["scenarios"] if not s.get("archived")) == pytest.approx(1.0)
    again = import_bundle(seeded, parse_bundle(doc, today=date(2026, 12, 1))).situation_id
    assert edits.situation_spec(seeded, again) == edits.situation_spec(seeded, sid)
    second = json.loads(export_bundle_file(seeded, again, tmp_path / "b.signpost.json").read_text("utf-8"))
    assert second["situation"] == doc["situation"] and second["scenarios"] == doc["scenarios"]


def test_a_bundle_with_every_scenario_archived_or_a_horizon_before_opening_is_refused():
    doc = json.loads(SEED_BUNDLE.read_text("utf-8"))
    for s in doc["scenarios"]:
        s["archived"] = True
    with pytest.raises(BundleError, match="at least one scenario that is not archived"):
        parse_bundle(doc, today=date(2026, 12, 1))
    doc = json.loads(SEED_BUNDLE.read_text("utf-8"))
    doc["situation"]["horizon"] = "2025-11-01"
    with pytest.raises(BundleError, match="situation.horizon"):
        parse_bundle(doc, today=date(2026, 12, 1))
    doc = json.loads(SEED_BUNDLE.read_text("utf-8"))
    doc["scenarios"][0]["archived"] = "yes"
    with pytest.raises(BundleError, match=r"scenarios\[0\] \(negotiation\)\.archived: expected true or false"):
        parse_bundle(doc, today=date(2026, 12, 1))


def test_a_new_situation_has_no_scenarios_and_the_model_says_so(empty_db):
    sid = edits.new_situation(empty_db, "Fresh", "Will it?", date(2026, 1, 1), date(2026, 2, 1))
    assert resolve_situation(empty_db).id == sid
    report = likelihoods_as_of(empty_db, sid)
    assert report.scenarios == () and report.leader is None
    assert scenario_cards(empty_db, sid) == []


def test_an_indicator_linked_to_an_archived_scenario_can_still_be_edited_and_keeps_the_hidden_link(seeded):
    from desktop.services.indicators import find_indicator, update_indicator

    sid = resolve_situation(seeded).id
    before = edits.situation_spec(seeded, sid)
    edits.archive_scenario(seeded, sid, "negotiation")
    troops = find_indicator(seeded, sid, "troops_deployed")
    assert troops.draft.scenarios == {"escalation": 1}          # the dialog sees the live scenarios only
    update_indicator(seeded, troops.id, replace(troops.draft, name="US troops in the region"))
    edits.save_situation_spec(seeded, sid, before)
    assert find_indicator(seeded, sid, "troops_deployed").draft.scenarios == {"escalation": 1, "negotiation": -1}
