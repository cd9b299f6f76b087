"""Dashboard, as-of replay, judgements, comparison and undo, driven through the main window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services.evidence import evidence_draft, list_evidence
from desktop.services.judgements import list_judgements
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.sources import list_sources
from desktop.ui.commands import AddEvidenceCommand, SetRatingCommand, push_guarded
from desktop.ui.judgements.dialog import JudgementDialog


def _probabilities(window):
    return {s.key: s.probability for s in likelihoods_as_of(window.database, window.situation.id).scenarios}


def test_what_moved_it_lists_the_top_impacts_per_scenario(window):
    tree = window.dashboard.moved
    assert tree.topLevelItemCount() == 3
    report = likelihoods_as_of(window.database, window.situation.id)
    leader = report.leader
    top = tree.topLevelItem(0)
    assert top.text(0).startswith(leader.name)
    assert top.childCount() == len(leader.impacts)
    first = leader.impacts[0]
    assert top.child(0).text(0).startswith(first.evidence) and f"{first.impact * 100:+.1f} pts" == top.child(0).text(1)


def test_history_chart_has_a_marker_per_item_and_clicking_one_opens_it(window, qtbot, monkeypatch):
    chart = window.dashboard.history
    assert len(chart.markers.points()) == len(list_evidence(window.database, window.situation.id))
    opened = []
    monkeypatch.setattr("desktop.ui.evidence.actions.edit_evidence_interactively",
                        lambda *args, **_kw: opened.append(args[5]))
    point = chart.markers.points()[0]
    chart._clicked(chart.markers, [point])
    assert opened == [chart.marker_evidence_id(point.data())]
    assert opened[0] in [r.id for r in list_evidence(window.database, window.situation.id)]


def test_as_of_slider_replays_cards_and_dashboard(window, qtbot):
    latest = {c.name.text(): c.probability.text() for c in window.cards.cards}
    bar = window.as_of_bar
    with qtbot.waitSignal(bar.as_of_changed, timeout=2000):
        bar.set_value(date(2025, 10, 1))
    assert window.as_of == date(2025, 10, 1)
    report = likelihoods_as_of(window.database, window.situation.id, date(2025, 10, 1))
    shown = {c.name.text(): c.probability.text() for c in window.cards.cards}
    assert shown == {s.name: f"{s.probability:.0%}" for s in report.scenarios}
    assert shown != latest
    assert window.dashboard.history.shows_as_of and window.dashboard.history.as_of_line.isVisible()
    assert "as of 2025-10-01" in window.statusBar().currentMessage()
    window.show_view("evidence")
    shown = window.evidence.model.rowCount()
    assert 0 < shown == sum(1 for r in list_evidence(window.database, 1) if r.observed_at <= date(2025, 10, 1))
    window.show_view("dashboard")
    with qtbot.waitSignal(bar.as_of_changed, timeout=2000):
        bar.latest.click()
    assert window.as_of is None and not window.dashboard.history.shows_as_of
    assert {c.name.text(): c.probability.text() for c in window.cards.cards} == latest
    window.show_view("evidence")
    assert window.evidence.model.rowCount() == len(list_evidence(window.database, 1))


def test_as_of_slider_replays_sources_and_compare(window, qtbot):
    day = date(2025, 11, 10)
    every = list_sources(window.database, 1)
    published_by = [s for s in every if s.published_at is None or s.published_at <= day]
    assert 0 < len(published_by) < len(every)
    with qtbot.waitSignal(window.as_of_bar.as_of_changed, timeout=2000):
        window.as_of_bar.set_value(day)
    window.show_view("sources")
    assert window.sources.model.rowCount() == len(published_by)
    assert "published by" in window.sources.count.text()
    assert f"{len(every) - len(published_by)} later not listed" in window.sources.count.text()
    window.show_view("compare")
    assert window.compare.after.date().toPython() == day and not window.compare.after_now.isChecked()
    assert window.compare.before.date().toPython() < day
    expected = likelihoods_as_of(window.database, 1, day)
    shown = {window.compare.table.item(r, 0).text(): window.compare.table.item(r, 2).text()
             for r in range(window.compare.table.rowCount())}
    assert shown == {s.name: f"{s.probability:.1%}" for s in expected.scenarios}
    with qtbot.waitSignal(window.as_of_bar.as_of_changed, timeout=2000):
        window.as_of_bar.latest.click()
    window.show_view("sources")
    assert window.sources.model.rowCount() == len(every)
    window.show_view("compare")
    assert window.compare.after_now.isChecked()


def test_rating_change_is_undoable_and_moves_every_probability(window):
    before = _probabilities(window)
    item = list_evidence(window.database, 1)[0]
    old = item.ratings.get("escalation")
    new = "II" if old != "II" else "CC"
    assert push_guarded(window.undo_stack, SetRatingCommand(window.database, item.id, item.key, "escalation", old,
                                                            new, window.context.sync)) is None
    after = _probabilities(window)
    assert after != before
    assert {c.name.text(): c.probability.text() for c in window.cards.cards} == {
        s.name: f"{s.probability:.0%}" for s in likelihoods_as_of(window.database, 1).scenarios}
    window.undo_action.trigger()
    assert _probabilities(window) == pytest.approx(before)
    window.redo_action.trigger()
    assert _probabilities(window) == pytest.approx(after)


def test_logging_then_undo_and_redo_through_the_edit_menu(window):
    n = len(list_evidence(window.database, 1))
    draft = EvidenceDraft(quote="A paraphrased report", paraphrase=True, observed_at=date(2025, 11, 20),
                          ratings={"negotiation": "CC"})
    command = AddEvidenceCommand(window.database, 1, draft, window.context.sync)
    assert push_guarded(window.undo_stack, command) is None
    assert len(list_evidence(window.database, 1)) == n + 1
    assert window.undo_action.text().startswith("&Undo Log evidence") or "Log evidence" in window.undo_action.text()
    window.undo_action.trigger()
    assert len(list_evidence(window.database, 1)) == n
    window.redo_action.trigger()
    assert evidence_draft(window.database, command.logged.id).quote == "A paraphrased report"


def test_refused_command_leaves_nothing_on_the_stack(window):
    bad = EvidenceDraft(quote="  ", observed_at=date(2025, 11, 20), ratings={"negotiation": "CC"})
    refusal = push_guarded(window.undo_stack, AddEvidenceCommand(window.database, 1, bad, window.context.sync))
    assert refusal is not None and "quote" in str(refusal)
    assert window.undo_stack.count() == 0


def test_delete_is_soft_and_undo_restores(window):
    item = list_evidence(window.database, 1)[0]
    window.evidence_actions.delete(item.id)
    assert item.id not in [r.id for r in list_evidence(window.database, 1)]
    window.undo_action.trigger()
    assert item.id in [r.id for r in list_evidence(window.database, 1)]


def test_recorded_judgement_appears_on_the_chart_and_flags_disagreement(window, monkeypatch):
    def fake_exec(dialog):
        for key, spin in dialog.spins.items():
            spin.blockSignals(True)
            spin.setValue({"negotiation": 50.0, "escalation": 20.0, "status_quo": 30.0}[key])
            spin.blockSignals(False)
        dialog.rationale.setPlainText("The channel matters more than the carrier")
        dialog._validate()
        return True

    monkeypatch.setattr(JudgementDialog, "exec", fake_exec)
    assert window.judgement_actions.record()
    rounds = list_judgements(window.database, 1)
    assert len(rounds) == 1 and rounds[0].probabilities["negotiation"] == pytest.approx(0.5)
    diamonds = window.dashboard.history.judgements
    assert set(diamonds) == {"negotiation", "escalation", "status_quo"}
    assert [len(diamonds[k].points()) for k in diamonds] == [1, 1, 1]
    assert diamonds["negotiation"].points()[0].pos().y() == pytest.approx(50.0)
    assert window.dashboard.judgement_notice.isVisible() or not window.dashboard.judgement_notice.isHidden()
    assert "disagree" in window.dashboard.judgement_notice.text()
    window.undo_action.trigger()
    assert list_judgements(window.database, 1) == []
    assert [len(diamonds[k].points()) for k in diamonds] == [0, 0, 0]


def test_compare_view_dates_and_judgement(window, qtbot):
    window.show_view("compare")
    view = window.compare
    view.before.setDate(view.before.date().addDays(-60))
    assert view.table.rowCount() == 3
    diffs = [view.table.item(i, 3).text() for i in range(3)]
    assert all(d.endswith("pts") for d in diffs)
    assert view.explain.topLevelItemCount() == 3 and view.explain.topLevelItem(0).childCount() > 0
    view.mode.setCurrentIndex(1)
    assert "Record a judgement" in view.note.text()
