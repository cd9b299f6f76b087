"""Issue 4, point 3: suggestions are accepted, edited or rejected; nothing is logged unaccepted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop.services.article_files import read_article_file
from desktop.services.articles import import_article
from desktop.services.errors import InputError
from desktop.services.evidence import delete_evidence, list_evidence, log_evidence
from desktop.services.indicators import indicator_overview, observation_rows
from desktop.services.suggestions import (
    FigureAccepted, accept_figure, evidence_draft_for, list_suggestions, new_indicator_for, set_status, undo_figure,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"
SID = 1


@pytest.fixture
def imported(seeded):
    [draft] = read_article_file(DATA / "37-upi-feb9-strike-38-strikes-130-killed.html")
    return import_article(seeded, SID, draft, reliability="B")


def test_import_logs_nothing_by_itself(seeded, imported):
    assert len(list_suggestions(seeded, imported.source.id)) > 5
    assert not [e for e in list_evidence(seeded, SID) if e.source_title == imported.source.title]


def test_accept_evidence_then_quantity_records_a_linked_observation(seeded, imported):
    rows = list_suggestions(seeded, imported.source.id)
    killed = next(r for r in rows if r.kind == "quantity" and r.value == 130)
    sentence = next(r for r in rows if r.kind == "evidence" and (r.start, r.end) == killed.sentence)
    draft = replace(evidence_draft_for(sentence, imported.source.id), ratings={"escalation": "C"})
    assert draft.quote == sentence.text and draft.observed_at == sentence.observed
    logged = log_evidence(seeded, SID, draft, suggestion_id=sentence.id)
    after = {r.id: r for r in list_suggestions(seeded, imported.source.id)}
    assert after[sentence.id].status == "accepted" and after[sentence.id].evidence_key == logged.key
    before = next(s for s in indicator_overview(seeded, SID) if s.key == "people_killed")
    obs = accept_figure(seeded, SID, killed.id, logged.id, sentence.observed, killed.indicator).observation_id
    series = next(s for s in indicator_overview(seeded, SID) if s.key == "people_killed")
    assert series.count == before.count + 1
    new = next(o for o in observation_rows(seeded, series.observation_ids) if o.evidence == logged.key)
    assert new.value == 130 and new.qualifier == "at least" and new.at == sentence.observed
    assert {r.id: r for r in list_suggestions(seeded, imported.source.id)}[killed.id].status == "accepted"
    undo_figure(seeded, FigureAccepted(killed.id, obs, killed.indicator))
    assert {r.id: r for r in list_suggestions(seeded, imported.source.id)}[killed.id].status == "pending"
    assert next(s for s in indicator_overview(seeded, SID) if s.key == "people_killed").count == before.count
    delete_evidence(seeded, logged.id)         # undoing the logging puts the suggestion back
    assert {r.id: r for r in list_suggestions(seeded, imported.source.id)}[sentence.id].status == "pending"


def test_reject_and_restore(seeded, imported):
    row = list_suggestions(seeded, imported.source.id)[0]
    set_status(seeded, row.id, "rejected")
    assert list_suggestions(seeded, imported.source.id)[0].status == "rejected"
    set_status(seeded, row.id, "pending")
    assert list_suggestions(seeded, imported.source.id)[0].status == "pending"
    with pytest.raises(InputError):
        set_status(seeded, row.id, "accepted")


def test_quantity_needs_logged_evidence_and_a_known_indicator(seeded, imported):
    q = next(r for r in list_suggestions(seeded, imported.source.id) if r.kind == "quantity")
    with pytest.raises(InputError, match="not in the log"):
        accept_figure(seeded, SID, q.id, 999_999, q.observed, "people_killed")
    with pytest.raises(InputError, match="no indicator"):
        accept_figure(seeded, SID, q.id, 1, q.observed, "no_such")


def test_new_indicator_for_an_unmatched_quantity(seeded):
    key = new_indicator_for(seeded, SID, "survivors", "Survivors of boat strikes")
    assert key == "survivors_of_boat_strikes"
    assert new_indicator_for(seeded, SID, "survivors", "Survivors of boat strikes") == "survivors_of_boat_strikes_2"
    assert any(s.key == key and s.unit == "survivors" for s in indicator_overview(seeded, SID))


def test_flags_of_a_figure_and_a_range_reach_the_panel_and_a_running_total_starts_a_cumulative_series(seeded):
    """Issue 12 §4: the running-total flag, a duration and a range's last day travel from extraction
    through the stored suggestion to the panel's rows; accepting the total as a new indicator makes it
    cumulative."""
    from datetime import date

    from desktop.services.articles import import_pasted_text

    text = ("Ferry sinks off the coast\n\n"
            "A ferry sank on 3–4 March after drifting for nearly two weeks, the coast guard said.\n\n"
            "Rescuers found seven more bodies on Monday, raising the death toll to 41, the coast guard said.")
    article = import_pasted_text(seeded, SID, text, published=date(2026, 3, 10))
    rows = list_suggestions(seeded, article.source.id)
    quantities = {r.value: r for r in rows if r.kind == "quantity"}
    assert quantities[41].cumulative and quantities[41].label.startswith("41 death toll (running total)")
    assert not quantities[7].cumulative
    assert quantities[2].measure == "duration" and quantities[2].unit == "weeks" and quantities[2].qualifier == "nearly"
    ranged = next(r for r in rows if r.kind == "evidence" and "3–4 March" in r.text)
    assert (ranged.observed, ranged.until) == (date(2026, 3, 3), date(2026, 3, 4))
    sentence = next(r for r in rows if r.kind == "evidence" and (r.start, r.end) == quantities[41].sentence)
    logged = log_evidence(seeded, SID, replace(evidence_draft_for(sentence, article.source.id),
                                               ratings={"escalation": "N"}), suggestion_id=sentence.id)
    made = accept_figure(seeded, SID, quantities[41].id, logged.id, sentence.observed,
                         new_indicator="Ferry death toll")
    series = next(s for s in indicator_overview(seeded, SID) if s.key == made.indicator_key)
    assert series.kind.value == "cumulative" and series.count == 1
    assert sentence.observed == date(2026, 3, 9)        # "on Monday" before a Tuesday's publication
    json_doc = article.to_json()["suggestions"]
    assert next(q for q in json_doc["quantities"] if q["value"] == 41)["cumulative"] is True
    assert next(d for d in json_doc["dates"] if d["text"] == "3–4 March")["until"] == "2026-03-04"
