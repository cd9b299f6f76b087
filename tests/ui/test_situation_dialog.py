"""Issue 13 §1 in the window: the situation-and-scenarios dialog (priors rescaled before saving, one undo
step per save), File → New situation…, the horizon line on the history chart and the dashboard's notice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.scenario_edits import edit_situation, situation_spec
from desktop.ui.common.theme import epoch
from desktop.ui.situation.dialog import PRIOR, SituationDialog


def _dialog(qtbot, window) -> SituationDialog:
    c = window.context
    d = SituationDialog(situation_spec(c.database, c.situation_id), window)
    qtbot.addWidget(d)
    d.show()
    return d


def _shown_priors(d: SituationDialog) -> dict[str, float]:
    return {d.table.item(r, 0).text(): float(d.table.item(r, PRIOR).text()) for r in range(d.table.rowCount())}


def test_adding_a_scenario_shows_the_rescaled_priors_before_saving_and_undo_restores(qtbot, window):
    c = window.context
    before = situation_spec(c.database, c.situation_id)
    old = before.priors()
    d = _dialog(qtbot, window)
    qtbot.keyClicks(d.new_key, "coup")
    qtbot.keyClicks(d.new_name, "Military coup in Caracas")
    d.new_prior.setValue(10.0)
    qtbot.mouseClick(d.add_button, Qt.MouseButton.LeftButton)
    shown = _shown_priors(d)
    # before saving: the table shows the others scaled to 90 % in their old proportions
    for key, p in old.items():
        assert shown[key] == pytest.approx(round(p * 0.9 * 100, 1))
    assert shown["coup"] == 10.0
    assert "Military coup in Caracas 10.0 %" in d.priors_note.text()
    assert situation_spec(c.database, c.situation_id) == before      # nothing written yet

    assert window.situation_actions.edit(d)
    saved = situation_spec(c.database, c.situation_id)
    assert saved.priors() == pytest.approx({**{k: p * 0.9 for k, p in old.items()}, "coup": 0.1})
    assert [s.key for s in likelihoods_as_of(c.database, c.situation_id).scenarios][-1] == "coup"
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Edit situation and scenarios"
    assert len(window.cards.cards) == 4          # the cards follow at once (the context synced after the command)

    window.undo_stack.undo()
    assert situation_spec(c.database, c.situation_id) == before
    window.undo_stack.redo()
    assert situation_spec(c.database, c.situation_id).priors() == pytest.approx(saved.priors())


def test_editing_a_prior_rescales_the_others_and_archive_reorder_and_question_save_as_one_step(qtbot, window):
    c = window.context
    before = situation_spec(c.database, c.situation_id)
    d = _dialog(qtbot, window)
    d.table.item(0, PRIOR).setText("50")                 # negotiation to 50 %
    shown = _shown_priors(d)
    assert shown["negotiation"] == 50.0
    rest = {k: p for k, p in before.priors().items() if k != "negotiation"}
    for key, p in rest.items():
        assert shown[key] == pytest.approx(round(50 * p / sum(rest.values()), 1))
    d.table.selectRow(2)
    qtbot.mouseClick(d.up_button, Qt.MouseButton.LeftButton)   # status_quo above escalation
    d.table.selectRow(0)
    assert d.archive_selected()                          # negotiation archived: the other two share 100 %
    assert sum(_shown_priors(d).values()) == pytest.approx(100.0, abs=0.11)
    d.question.setPlainText("A sharper question?")
    d.horizon.setText("2026-03-01")
    assert window.situation_actions.edit(d)
    saved = situation_spec(c.database, c.situation_id)
    assert [s.key for s in saved.live] == ["status_quo", "escalation"]
    assert [s.key for s in saved.scenarios if s.archived] == ["negotiation"]
    assert saved.question == "A sharper question?" and saved.horizon == date(2026, 3, 1)
    assert [s.key for s in likelihoods_as_of(c.database, c.situation_id).scenarios] == ["status_quo", "escalation"]
    window.undo_stack.undo()
    assert situation_spec(c.database, c.situation_id) == before


def test_archiving_the_last_scenario_is_refused_in_the_dialog(qtbot, window):
    d = _dialog(qtbot, window)
    d.table.selectRow(0)
    assert d.archive_selected()
    d.table.selectRow(0)
    assert d.archive_selected()
    d.table.selectRow(0)
    assert not d.archive_selected()
    assert "last scenario" in d.problem.text()


def test_the_history_chart_draws_the_horizon(window):
    chart = window.dashboard.history
    assert chart.horizon_line is not None and chart.horizon_line.isVisible()
    assert chart.horizon_line.value() == pytest.approx(epoch(date(2026, 2, 22)))
    assert chart.horizon_line.label.toPlainText() == "horizon"
    c = window.context
    edit_situation(c.database, c.situation_id, horizon=None)
    c.sync()
    assert not chart.horizon_line.isVisible()


def test_the_dashboard_says_when_the_horizon_is_near_or_past(qtbot, window):
    c = window.context
    notice = window.dashboard.horizon_notice
    # the seed's horizon (22 Feb 2026) is past by the time this runs on any machine after it
    today = date.today()
    if today > date(2026, 2, 22):
        assert notice.isVisible() and "passed on 22 Feb 2026" in notice.text()
    edit_situation(c.database, c.situation_id, opened_at=today - timedelta(days=60),
                   horizon=today + timedelta(days=5))
    c.sync()
    assert notice.isVisible() and "is 5 days away" in notice.text()
    edit_situation(c.database, c.situation_id, horizon=today + timedelta(days=40))
    c.sync()
    assert not notice.isVisible()


def test_a_new_situation_opens_empty_and_the_window_says_it_has_no_scenarios(qtbot, window, monkeypatch):
    from desktop.ui.situation import actions

    class Filled(actions.NewSituationDialog):
        def exec(self):
            self.title.setText("Strait closure")
            self.question.setPlainText("Is the strait closed by June?")
            self.horizon.setText("2027-06-30")
            return True

    monkeypatch.setattr(actions, "NewSituationDialog", Filled)
    sid = window.situation_actions.new()
    assert window.context.situation_id == sid
    assert window.windowTitle().startswith("Strait closure")
    assert window.dashboard.scenario_notice.isVisible()
    assert "No scenarios yet" in window.dashboard.scenario_notice.text()
    spec = situation_spec(window.context.database, sid)
    assert spec.scenarios == () and spec.horizon == date(2027, 6, 30)


def test_the_menu_item_opens_the_dialog(qtbot, window, monkeypatch):
    """Through the menu's action, as the analyst does (its `triggered(bool)` must not reach the dialog argument)."""
    from desktop.ui.situation import actions

    opened = []

    class Seen(actions.SituationDialog):
        def exec(self):
            opened.append(self.table.rowCount())
            return False

    monkeypatch.setattr(actions, "SituationDialog", Seen)
    window.situation_action.trigger()
    assert opened == [3]
