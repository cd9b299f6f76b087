"""Every field the window can change survives export → import → export byte for byte (issue 10, point 8).

Hypothesis makes random edits through the services (the window's own calls) on a copy of a
seeded database, then compares the two exports.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.domain.indicator_rules import IndicatorDraft, ObservationDraft
from desktop.services import evidence, indicators, judgements, sources, suggestions
from desktop.services.articles import SourceDetails, group_as_story, import_pasted_text, set_source_details
from desktop.services.bundles import export_bundle_file, import_bundle_file
from desktop.services.situations import resolve_situation
from desktop.services.workspace import open_workspace

ARTICLE = ("Navy moves\n\nOn 20 November 2025 the Pentagon said at least 15 vessels had been struck. "
           "Officials in Caracas said 83 people were killed since September. Talks were offered on 21 November.")
SCENARIOS = ("negotiation", "escalation", "status_quo")
RATINGS = ("CC", "C", "N", "I", "II", "NA")
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30) \
    .filter(lambda t: t.strip())

edits = st.one_of(
    st.tuples(st.just("trend"), st.integers(0, 8), st.integers(1, 3650)),
    st.tuples(st.just("archive"), st.integers(0, 8)),
    st.tuples(st.just("delete_source"), st.integers(0, 13)),
    st.tuples(st.just("story"), st.integers(0, 13), st.integers(0, 13)),
    st.tuples(st.just("details"), st.integers(0, 13), st.sampled_from("ABCDEF"), words),
    st.tuples(st.just("log"), words, st.sampled_from(SCENARIOS), st.sampled_from(RATINGS[:5]), words),
    st.tuples(st.just("delete_evidence"), st.integers(0, 53)),
    st.tuples(st.just("rate"), st.integers(0, 53), st.sampled_from(SCENARIOS), st.sampled_from(RATINGS + (None,))),
    st.tuples(st.just("observe"), st.integers(0, 8), st.integers(0, 10**6), st.integers(0, 60)),
    st.tuples(st.just("judge"), st.integers(1, 98), words),
    st.tuples(st.just("paste"), st.booleans()),
    st.tuples(st.just("indicator"), words, st.sampled_from(("level", "cumulative", "events")), st.integers(1, 90)),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "seed.db"
    open_workspace(str(path)).close()
    return path


def apply(db, sid: int, edit) -> None:
    kind = edit[0]
    keys = [s.key for s in indicators.indicator_overview(db, sid)]
    live_sources = sources.list_sources(db, sid)
    items = evidence.list_evidence(db, sid)
    if kind == "trend" and edit[1] < len(keys):
        d = indicators.find_indicator(db, sid, keys[edit[1]])
        from dataclasses import replace
        indicators.update_indicator(db, d.id, replace(d.draft, trend_days=edit[2]))
    elif kind == "archive" and edit[1] < len(keys):
        indicators.set_archived(db, indicators.find_indicator(db, sid, keys[edit[1]]).id, True)
    elif kind == "delete_source" and edit[1] < len(live_sources):
        sources.delete_source(db, live_sources[edit[1]].id)
    elif kind == "story" and max(edit[1], edit[2]) < len(live_sources) and edit[1] != edit[2]:
        group_as_story(db, [live_sources[edit[1]].id, live_sources[edit[2]].id])
    elif kind == "details" and edit[1] < len(live_sources):
        set_source_details(db, live_sources[edit[1]].id, SourceDetails(date(2025, 11, 20), edit[3], edit[2], edit[3]))
    elif kind == "log":
        evidence.log_evidence(db, sid, EvidenceDraft(edit[1], date(2025, 11, 22), {edit[2]: edit[3]},
                                                     summary=edit[4], paraphrase=True, group=edit[4][:10]))
    elif kind == "delete_evidence" and edit[1] < len(items):
        evidence.delete_evidence(db, items[edit[1]].id)
    elif kind == "rate" and edit[1] < len(items):
        item = items[edit[1]]
        if edit[3] is not None or len([v for v in item.ratings.values() if v != "NA"]) > 1:
            evidence.set_rating(db, item.id, edit[2], edit[3])
    elif kind == "observe" and edit[1] < len(keys):
        definition = indicators.find_indicator(db, sid, keys[edit[1]])
        if not definition.archived:
            indicators.add_observation(db, sid, keys[edit[1]],
                                       ObservationDraft(date(2025, 9, 1).fromordinal(date(2025, 9, 1).toordinal()
                                                                                     + edit[3]), edit[2]))
    elif kind == "judge":
        p = edit[1] / 100
        judgements.record_judgement(db, sid, {"negotiation": p / 2, "escalation": 1 - p, "status_quo": p / 2},
                                    edit[2])
    elif kind == "paste":
        imported = import_pasted_text(db, sid, ARTICLE + f" Run {len(live_sources)}.", title="Pasted")
        rows = suggestions.list_suggestions(db, imported.source.id)
        if rows:
            suggestions.set_status(db, rows[0].id, "rejected" if edit[1] else "accepted")
    elif kind == "indicator":
        indicators.create_indicator(db, sid, IndicatorDraft(edit[1], "things", edit[2], trend_days=edit[3],
                                                            scenarios={"escalation": 1}))


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                   HealthCheck.too_slow])
@given(st.lists(edits, max_size=8))
def test_export_import_export_is_byte_for_byte(template, tmp_path, steps):
    path = tmp_path / f"case-{abs(hash(tuple(map(str, steps))))}.db"
    shutil.copy(template, path)
    db = open_workspace(str(path))
    try:
        sid = resolve_situation(db).id
        for step in steps:
            try:
                apply(db, sid, step)
            except ValueError:
                pass   # an edit the services refuse (InputError is a ValueError) changes nothing: fine
        first = export_bundle_file(db, sid, path.with_suffix(".1.json"))
        again = import_bundle_file(db, first).situation_id
        second = export_bundle_file(db, again, path.with_suffix(".2.json"))
        assert first.read_bytes() == second.read_bytes()
    finally:
        db.close()


def test_the_round_trip_keeps_what_the_old_format_lost(template, tmp_path):
    """The three losses reported: trend window, archived indicators, removed sources."""
    import json

    path = tmp_path / "case.db"
    shutil.copy(template, path)
    db = open_workspace(str(path))
    try:
        sid = resolve_situation(db).id
        apply(db, sid, ("trend", 0, 30))
        apply(db, sid, ("archive", 1))
        removed = sources.list_sources(db, sid)[2].key
        apply(db, sid, ("delete_source", 2))
        out = export_bundle_file(db, sid, tmp_path / "a.json")
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert doc["indicators"][0]["trend_days"] == 30
        assert doc["indicators"][1]["archived_at"]
        assert next(s for s in doc["sources"] if s["key"] == removed)["deleted_at"]
        again = import_bundle_file(db, out).situation_id
        assert [s.key for s in sources.list_sources(db, again)] == [s.key for s in sources.list_sources(db, sid)]
        assert indicators.find_indicator(db, again, doc["indicators"][0]["key"]).draft.trend_days == 30
        assert indicators.find_indicator(db, again, doc["indicators"][1]["key"]).archived
    finally:
        db.close()


def test_judgements_keep_their_stated_date_and_old_bundles_get_the_day_they_were_entered(empty_db, tmp_path):
    import json

    from desktop.domain.bundle import parse_bundle
    from desktop.services.bundles import import_bundle

    doc = {"format": "signpost-bundle", "version": 1, "situation": {"title": "T", "description": ""},
           "scenarios": [{"key": "a", "name": "A", "description": "", "prior": 0.5},
                         {"key": "b", "name": "B", "description": "", "prior": 0.5}],
           "judgements": [{"scenario": "a", "probability": 0.7, "at": "2025-11-24T23:30:00-05:00"},
                          {"scenario": "b", "probability": 0.3, "at": "2025-11-24T23:30:00-05:00"},
                          {"scenario": "a", "probability": 0.6, "at": "2025-12-01T10:00:00+00:00",
                           "stated_on": "2025-11-28"},
                          {"scenario": "b", "probability": 0.4, "at": "2025-12-01T10:00:00+00:00",
                           "stated_on": "2025-11-28"}]}
    sid = import_bundle(empty_db, parse_bundle(doc)).situation_id
    rounds = judgements.list_judgements(empty_db, sid)
    # no stated_on: the day of `at` (in UTC, as `at` is stored: 04:30 on the 25th)
    assert [(r.stated_on, r.made_at.isoformat()) for r in rounds] == [
        (date(2025, 11, 25), "2025-11-25T04:30:00+00:00"), (date(2025, 11, 28), "2025-12-01T10:00:00+00:00")]
    written = json.loads(export_bundle_file(empty_db, sid, tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [j["stated_on"] for j in written["judgements"]] == ["2025-11-25", "2025-11-25", "2025-11-28", "2025-11-28"]
