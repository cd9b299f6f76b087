"""The judgement dialog: typed figures stay as typed, the sum is shown, the rest is spread on request,
and the round has a stated date that may be back-dated but not put after today."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.services.judgements import list_judgements
from desktop.ui.judgements.dialog import JudgementDialog, RecordJudgementCommand, sum_text

TODAY = date(2025, 12, 1)
MODEL = [("a", "A", 0.5), ("b", "B", 0.3), ("c", "C", 0.2)]


@pytest.fixture
def dialog(qtbot):
    from desktop.ui.app import application

    application()
    d = JudgementDialog(MODEL, None, ["e1"], "ana", today=TODAY)
    qtbot.addWidget(d)
    d.show()
    return d


def _type(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def _save(d):
    return d.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_typed_figures_are_never_changed_and_the_sum_is_shown(qtbot, dialog):
    assert dialog.total.text() == "Sum: 100 %" and _save(dialog).isEnabled()
    assert not dialog.spread.isEnabled()                     # nothing to spread
    _type(qtbot, dialog.spins["a"], "10")
    _type(qtbot, dialog.spins["b"], "70")
    _type(qtbot, dialog.spins["c"], "20")
    assert [dialog.spins[k].value() for k in "abc"] == [10.0, 70.0, 20.0]   # as typed, not 12.9/67.1/20.0
    assert dialog.total.text() == "Sum: 100 %"
    assert dialog.value() == pytest.approx({"a": 0.1, "b": 0.7, "c": 0.2})
    qtbot.keyClicks(dialog.rationale, "talks stalled")
    assert _save(dialog).isEnabled() and dialog.problems.text() == ""


def test_save_waits_for_100_percent_and_says_why(qtbot, dialog):
    _type(qtbot, dialog.spins["a"], "40")
    assert [dialog.spins[k].value() for k in "abc"] == [40.0, 30.0, 20.0]
    assert dialog.total.text() == "Sum: 90 % — 10 points left"
    assert not _save(dialog).isEnabled()
    assert "sum to 90 %, not 100 %" in dialog.problems.text()
    assert "not 100 %" in _save(dialog).toolTip()
    _type(qtbot, dialog.spins["a"], "60.5")
    assert dialog.total.text() == "Sum: 110.5 % — 10.5 points over"
    assert sum_text(999) == "Sum: 99.9 % — 0.1 points left" and sum_text(1010) == "Sum: 101 % — 1 point over"


def test_spread_the_rest_shares_the_gap_among_the_figures_not_typed(qtbot, dialog):
    _type(qtbot, dialog.spins["a"], "20")                    # 20 + 30 + 20: 30 points left
    assert dialog.spread.isEnabled()
    qtbot.mouseClick(dialog.spread, Qt.MouseButton.LeftButton)
    # b and c were not typed: they share the 30 points in their proportions 30:20 -> +18, +12
    assert [dialog.spins[k].value() for k in "abc"] == [20.0, 48.0, 32.0]
    assert dialog.total.text() == "Sum: 100 %" and not dialog.spread.isEnabled()
    _type(qtbot, dialog.spins["b"], "60")                    # now a and b are typed: 12 over, c gives it
    qtbot.mouseClick(dialog.spread, Qt.MouseButton.LeftButton)
    assert [dialog.spins[k].value() for k in "abc"] == [20.0, 60.0, 20.0]


def test_spread_touches_typed_figures_only_once_all_are_typed(qtbot, dialog):
    for key, text in (("a", "10"), ("b", "50"), ("c", "20")):
        _type(qtbot, dialog.spins[key], text)
    qtbot.mouseClick(dialog.spread, Qt.MouseButton.LeftButton)   # 80 typed: all share 20 in proportion
    assert [dialog.spins[k].value() for k in "abc"] == [12.5, 62.5, 25.0]
    _type(qtbot, dialog.spins["a"], "60")                    # 60 + 62.5 + 25, all typed: all give in proportion
    qtbot.mouseClick(dialog.spread, Qt.MouseButton.LeftButton)
    assert [dialog.spins[k].value() for k in "abc"] == [40.7, 42.4, 16.9]
    assert dialog.total.text() == "Sum: 100 %"


def test_typed_figures_over_100_are_left_for_the_analyst_to_lower(qtbot, dialog):
    _type(qtbot, dialog.spins["a"], "60")
    _type(qtbot, dialog.spins["b"], "50")                    # typed alone: 110; c (not typed) can only go to 0
    qtbot.mouseClick(dialog.spread, Qt.MouseButton.LeftButton)
    assert [dialog.spins[k].value() for k in "abc"] == [60.0, 50.0, 0.0]
    assert dialog.total.text() == "Sum: 110 % — 10 points over"
    assert not dialog.spread.isEnabled() and not _save(dialog).isEnabled()


def test_prefill_sums_to_100_even_when_thirds_do_not(qtbot):
    from desktop.ui.app import application

    application()
    d = JudgementDialog([("a", "A", 1 / 3), ("b", "B", 1 / 3), ("c", "C", 1 / 3)], None, [], "ana", today=TODAY)
    qtbot.addWidget(d)
    assert [d.spins[k].value() for k in "abc"] == [33.4, 33.3, 33.3] and d.total.text() == "Sum: 100 %"
    assert _save(d).isEnabled()


def test_stated_date_defaults_to_the_as_of_date_and_refuses_a_day_after_today(qtbot):
    from desktop.ui.app import application

    application()
    d = JudgementDialog(MODEL, None, [], "ana", as_of=date(2025, 11, 10), today=TODAY)
    qtbot.addWidget(d)
    d.show()
    assert d.stated.text() == "2025-11-10" and d.stated_on() == date(2025, 11, 10)
    assert _save(d).isEnabled()
    d.stated.setFocus()
    d.stated.selectAll()
    qtbot.keyClicks(d.stated, "2025-12-02")
    assert d.stated_on() == date(2025, 12, 2)
    assert not _save(d).isEnabled() and "Stated date: 2025-12-02 is after today." in d.problems.text()
    plain = JudgementDialog(MODEL, None, [], "ana", today=TODAY)
    qtbot.addWidget(plain)
    assert plain.stated_on() == TODAY


def test_the_command_records_the_stated_date_and_undo_redo_keep_it(qtbot, seeded):
    from PySide6.QtGui import QUndoStack

    from desktop.ui.commands import push_guarded

    stack = QUndoStack()
    probabilities = {"negotiation": 0.2, "escalation": 0.5, "status_quo": 0.3}
    command = RecordJudgementCommand(seeded, 1, probabilities, "back-dated after a call", "ana",
                                     stated_on=date(2025, 11, 20))
    assert push_guarded(stack, command) is None
    (round_,) = list_judgements(seeded, 1)
    assert round_.stated_on == date(2025, 11, 20) and round_.made_at.date() >= date(2025, 11, 25)
    stack.undo()
    assert list_judgements(seeded, 1) == []
    stack.redo()
    (again,) = list_judgements(seeded, 1)
    assert (again.stated_on, again.made_at) == (round_.stated_on, round_.made_at)
    future = RecordJudgementCommand(seeded, 1, probabilities, "x", "ana", stated_on=date(2999, 1, 1))
    refusal = push_guarded(stack, future)
    assert refusal is not None and "stated_on: 2999-01-01 is after today." in str(refusal)


def test_a_back_dated_round_is_drawn_at_its_stated_date(window):
    from desktop.ui.charts.probability_history import judgement_label
    from desktop.ui.common.theme import epoch

    command = RecordJudgementCommand(window.database, 1, {"negotiation": 0.2, "escalation": 0.5, "status_quo": 0.3},
                                     "formed on the 10th", "ana", window.context.sync, stated_on=date(2025, 11, 10))
    assert window.context.push(command)
    (round_,) = list_judgements(window.database, 1)
    diamond = window.dashboard.history.judgements["escalation"].points()[0]
    assert diamond.pos().x() == epoch(date(2025, 11, 10)) and diamond.pos().y() == pytest.approx(50.0)
    assert judgement_label(round_).startswith("Analyst judgement 2025-11-10 (entered ")
    window.show_view("compare")
    window.compare.mode.setCurrentIndex(1)
    assert window.compare.judgement.itemText(0).startswith("2025-11-10 by ana (entered ")
    assert window.compare.table.horizontalHeaderItem(1).text() == "judged 2025-11-10"
