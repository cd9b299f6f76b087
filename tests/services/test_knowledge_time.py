"""Issue 13 §2, design §4 "Knowledge time": as of a date only the evidence reported by then counts, so
logging an old event today cannot rewrite what the model said on an earlier day; a reported date the
analyst sets on purpose (a back-date) does. Every write path stores a reported date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services.articles import SourceDetails, import_article, set_source_details, source_details
from desktop.services.article_files import read_article_file
from desktop.services.errors import ValidationFailed
from desktop.services.evidence import edit_evidence, evidence_draft, log_evidence
from desktop.services.indicators import ObservationDraft, add_observation, indicator_overview
from desktop.services.likelihoods import likelihoods_as_of, situation_overview
from desktop.services.sources import NewSource, add_source
from desktop.services.suggestions import accept_figure, evidence_draft_for, list_suggestions
from tests.conftest import SEED_BUNDLE

SID = 1
NOV_21, NOV_24 = date(2025, 11, 21), date(2025, 11, 24)
# the 21 Nov phone call, rated as the example moves the case: away from escalation
CALL = EvidenceDraft(quote="Trump and Maduro spoke by phone on 21 November.", observed_at=NOV_21,
                     ratings={"negotiation": "CC", "escalation": "II", "status_quo": "C"}, credibility=2,
                     relevance="high")


def _probabilities(db, day):
    return {s.key: s.probability for s in likelihoods_as_of(db, SID, day).scenarios}


def _nulls(db, table: str) -> int:
    with db.reading() as session:
        return session.execute(text(f"SELECT count(*) FROM {table} WHERE reported_at IS NULL")).scalar()


def test_logging_an_old_event_today_leaves_the_past_as_it_was(seeded):
    """The issue's case: today's article tells of the 21 Nov call. Before, logging it at its event date moved
    "as of 24 Nov" (66.2 % to 55.6 % for escalation): history could be rewritten."""
    before = _probabilities(seeded, NOV_24)
    article = add_source(seeded, SID, NewSource(title="Today's wire", published_at=date.today(), reliability="B",
                                                text=f"Washington. {CALL.quote} More later."))
    logged = log_evidence(seeded, SID, replace(CALL, source_id=article.id))
    assert evidence_draft(seeded, logged.id).reported_at == date.today()   # the default: its source's date
    assert _probabilities(seeded, NOV_24) == before          # exactly: the item was not known on 24 Nov
    yesterday = _probabilities(seeded, date.today() - timedelta(days=1))
    assert _probabilities(seeded, date.today())["escalation"] < yesterday["escalation"]   # it counts from today


def test_a_deliberate_back_date_changes_the_past(seeded):
    before = _probabilities(seeded, NOV_24)
    log_evidence(seeded, SID, replace(CALL, reported_at=NOV_21))
    after = _probabilities(seeded, NOV_24)
    assert after["escalation"] < before["escalation"] - 0.01      # rated II for escalation, known since 21 Nov
    assert after["negotiation"] > before["negotiation"]


def test_the_cli_takes_reported(seeded, capsys):
    from desktop.cli import main

    before = _probabilities(seeded, NOV_24)
    db = str(seeded.path)
    seeded.close()
    args = ["--db", db, "log-evidence", "--quote", CALL.quote, "--observed", "2025-11-21", "--credibility", "2",
            "--relevance", "high", "--rate", "negotiation=CC", "--rate", "escalation=II", "--rate", "status_quo=C"]
    # no source: the default would be the observed day; the analyst says it became known today
    assert main(args + ["--reported", date.today().isoformat(), "--json"]) == 0
    from desktop.services.workspace import open_workspace
    reopened = open_workspace(db)
    try:
        assert _probabilities(reopened, NOV_24) == before
    finally:
        reopened.close()
    assert main(args[:4] + ["A second call, reported at once."] + args[5:] + ["--reported", "2025-11-21"]) == 0
    reopened = open_workspace(db)
    try:
        assert _probabilities(reopened, NOV_24)["escalation"] < before["escalation"] - 0.01
    finally:
        reopened.close()
    assert main(args[:4] + ["A third."] + args[5:] + ["--reported", "2025-11-20"]) == 2
    assert "reported_at" in capsys.readouterr().err


@pytest.mark.parametrize("reported, says", [
    (date(2025, 11, 20), "before the day observed (2025-11-21)"),
    (date.today() + timedelta(days=1), "after today"),
])
def test_a_reported_date_before_the_event_or_after_today_is_refused_naming_the_field(seeded, reported, says):
    with pytest.raises(ValidationFailed) as caught:
        log_evidence(seeded, SID, replace(CALL, reported_at=reported))
    assert [p.field for p in caught.value.problems] == ["reported_at"]
    assert says in caught.value.problems[0].message


def test_the_default_is_the_sources_date_stored_when_logged(seeded):
    source = add_source(seeded, SID, NewSource(title="Wire", published_at=date(2025, 11, 23), reliability="B",
                                               text=CALL.quote))
    logged = log_evidence(seeded, SID, replace(CALL, source_id=source.id))
    assert evidence_draft(seeded, logged.id).reported_at == date(2025, 11, 23)
    # a later correction of the source's day does not move what was known when
    set_source_details(seeded, source.id, replace(source_details(seeded, source.id), published_at=date(2025, 11, 25)))
    assert evidence_draft(seeded, logged.id).reported_at == date(2025, 11, 23)
    # a source dated before the event: the item was known from its own day, not before
    early = add_source(seeded, SID, NewSource(title="Early", published_at=date(2025, 11, 1), text=f"{CALL.quote} "))
    logged = log_evidence(seeded, SID, replace(CALL, source_id=early.id))
    assert evidence_draft(seeded, logged.id).reported_at == NOV_21


def test_an_edit_keeps_the_stored_reported_date_and_can_change_it(seeded):
    logged = log_evidence(seeded, SID, replace(CALL, reported_at=NOV_24))
    draft = evidence_draft(seeded, logged.id)
    edit_evidence(seeded, logged.id, replace(draft, summary="a call"))
    assert evidence_draft(seeded, logged.id).reported_at == NOV_24
    edit_evidence(seeded, logged.id, replace(draft, reported_at=date(2025, 11, 22)))
    assert evidence_draft(seeded, logged.id).reported_at == date(2025, 11, 22)
    with pytest.raises(ValidationFailed) as caught:            # moving the event past its reported day
        edit_evidence(seeded, logged.id, replace(draft, observed_at=date(2025, 11, 25)))
    assert caught.value.problems[0].field == "reported_at"
    assert _nulls(seeded, "evidence") == 0


def test_every_write_path_leaves_no_reported_date_unset(seeded):
    assert _nulls(seeded, "evidence") == 0 and _nulls(seeded, "observation") == 0      # the seed's import
    logged = log_evidence(seeded, SID, CALL)                                            # log
    edit_evidence(seeded, logged.id, replace(evidence_draft(seeded, logged.id), reported_at=None))   # edit
    assert evidence_draft(seeded, logged.id).reported_at == NOV_21      # no source: the default is its own day
    [article] = read_article_file(SEED_BUNDLE.parents[2] / "tests" / "data" / "articles" /
                                  "37-upi-feb9-strike-38-strikes-130-killed.html")
    imported = import_article(seeded, SID, article, reliability="B")
    rows = list_suggestions(seeded, imported.source.id)
    killed = next(r for r in rows if r.kind == "quantity" and r.value == 130)
    sentence = next(r for r in rows if r.kind == "evidence" and (r.start, r.end) == killed.sentence)
    accepted = log_evidence(seeded, SID, replace(evidence_draft_for(sentence, imported.source.id),    # accept
                                                 ratings={"escalation": "C"}), suggestion_id=sentence.id)
    accept_figure(seeded, SID, killed.id, accepted.id, sentence.observed, killed.indicator)          # figure
    add_observation(seeded, SID, "troops_deployed", ObservationDraft(NOV_21, 16000))                          # observe
    assert _nulls(seeded, "evidence") == 0 and _nulls(seeded, "observation") == 0


def test_a_figure_reported_later_is_not_shown_as_of_an_earlier_day(seeded):
    logged = log_evidence(seeded, SID, replace(CALL, reported_at=date(2025, 11, 26)))
    add_observation(seeded, SID, "troops_deployed", ObservationDraft(NOV_21, 99000, evidence_id=logged.id))
    def troops(day):
        return next(s for s in indicator_overview(seeded, SID, as_of=day) if s.key == "troops_deployed")
    assert 99000 not in troops(NOV_24).values.tolist()          # its evidence was reported on 26 Nov
    assert 99000 in troops(date(2025, 11, 26)).values.tolist()


def test_the_history_steps_on_reported_days(seeded):
    logged = log_evidence(seeded, SID, replace(CALL, reported_at=NOV_24))
    hist = situation_overview(seeded, SID).history
    days = list(hist.day_numbers)
    on = {d: hist.probabilities[days.index(d.toordinal())] for d in (date(2025, 11, 22), date(2025, 11, 23), NOV_24)}
    # the item happened on 21 Nov but was known on 24 Nov: nothing it did shows before then
    assert on[date(2025, 11, 22)].tolist() == on[date(2025, 11, 23)].tolist()
    assert on[NOV_24][1] < on[date(2025, 11, 23)][1]
    mark = hist.markers.ids.tolist().index(logged.id)
    assert int(hist.markers.days[mark]) == NOV_24.toordinal()


def test_the_bundle_carries_reported_dates_that_are_not_the_default_and_round_trips(seeded, tmp_path):
    import json

    from desktop.services.bundles import export_bundle_file, import_bundle_file

    logged = log_evidence(seeded, SID, replace(CALL, reported_at=NOV_24))
    add_observation(seeded, SID, "troops_deployed", ObservationDraft(NOV_21, 16000, evidence_id=logged.id))
    first = export_bundle_file(seeded, SID, tmp_path / "a.signpost.json")
    doc = json.loads(first.read_text(encoding="utf-8"))
    stated = {e["key"]: e["reported_at"] for e in doc["evidence"] if "reported_at" in e}
    # e11 (public on 15 Oct, retold on 24 Nov, the seed says so) and the back-dated call; the other items
    # hold their default (their source's day or their own) and are not written
    assert stated == {"e11": "2025-10-15", logged.key: "2025-11-24"}
    figures = [o for x in doc["indicators"] for o in x["observations"] if o.get("evidence") == logged.key]
    assert len(figures) == 1 and "reported_at" not in figures[0]     # its evidence's day: the default
    # a figure known later than its evidence, stated in the file, survives the trip
    figures[0]["reported_at"] = "2025-11-30"
    first.write_text(json.dumps(doc), encoding="utf-8")
    other = import_bundle_file(seeded, first).situation_id
    second = export_bundle_file(seeded, other, tmp_path / "b.signpost.json")
    again = json.loads(second.read_text(encoding="utf-8"))
    assert {e["key"]: e["reported_at"] for e in again["evidence"] if "reported_at" in e} == stated
    assert [o.get("reported_at") for x in again["indicators"] for o in x["observations"]
            if o.get("evidence") == logged.key] == ["2025-11-30"]
    with seeded.reading() as session:
        assert session.execute(text("SELECT count(*) FROM evidence WHERE situation_id = :s AND key = 'e1' AND "
                                    "reported_at = '2025-11-24'"), {"s": other}).scalar() == 1


def test_a_bundle_refuses_a_reported_date_before_the_event(tmp_path):
    import json

    from desktop.domain.bundle import BundleError, parse_bundle

    doc = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    doc["evidence"][0]["reported_at"] = "2000-01-01"
    with pytest.raises(BundleError, match=r"evidence\[0\] \(e1\)\.reported_at: Reported 2000-01-01 is before"):
        parse_bundle(doc, today=date(2026, 1, 1))


def test_changing_an_items_reported_date_moves_its_figures_that_followed_it(seeded):
    from desktop.services.indicators import observation_rows

    logged = log_evidence(seeded, SID, replace(CALL, reported_at=date(2025, 11, 26)))
    added = add_observation(seeded, SID, "troops_deployed", ObservationDraft(NOV_21, 99000, evidence_id=logged.id))
    assert observation_rows(seeded, [added.id])[0].reported_at == date(2025, 11, 26)
    edit_evidence(seeded, logged.id, replace(evidence_draft(seeded, logged.id), reported_at=date(2025, 11, 22)))
    assert observation_rows(seeded, [added.id])[0].reported_at == date(2025, 11, 22)
    troops = next(s for s in indicator_overview(seeded, SID, as_of=NOV_24) if s.key == "troops_deployed")
    assert 99000 in troops.values.tolist()        # known on 22 Nov with its item, so read as of 24 Nov
