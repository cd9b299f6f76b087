"""The shared date field: a whole date typed over a selected one replaces it; no day after today."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit

from desktop.ui.common.date_field import DateField, parse_day

TODAY = date(2026, 12, 20)


@pytest.fixture(autouse=True)
def app():
    from desktop.ui.app import application

    return application()


def _type_over_all(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)   # select all, as a user does
    qtbot.keyClicks(widget, text)


def test_qdateedit_keeps_the_old_year_when_a_date_is_typed_over_it(qtbot):
    """The bug as users met it, kept as a test so that a Qt that fixes it is noticed."""
    edit = QDateEdit(QDate(2026, 12, 2))
    edit.setDisplayFormat("yyyy-MM-dd")
    qtbot.addWidget(edit)
    edit.show()
    _type_over_all(qtbot, edit, "2025-11-29")
    assert edit.date() == QDate(2026, 11, 29)


def test_a_date_typed_over_a_selected_date_replaces_it_whole(qtbot):
    field = DateField(date(2026, 12, 2), today=TODAY)
    qtbot.addWidget(field)
    field.show()
    changes = []
    field.dateChanged.connect(changes.append)
    _type_over_all(qtbot, field, "2025-11-29")
    assert field.text() == "2025-11-29"
    assert field.day() == date(2025, 11, 29) and field.date() == QDate(2025, 11, 29)
    assert changes[-1] == QDate(2025, 11, 29)
    assert field.problem() is None


def test_a_day_after_today_is_refused_with_the_rule_of_the_cli_and_bundles(qtbot):
    field = DateField(date(2026, 12, 2), today=TODAY, label="Stated date")
    qtbot.addWidget(field)
    field.show()
    _type_over_all(qtbot, field, "2026-12-21")
    assert field.day() == date(2026, 12, 21)              # the typed day is kept as typed …
    assert field.problem() == "Stated date: 2026-12-21 is after today."   # … and refused, naming the field
    assert "after today" in field.toolTip() and "c62828" in field.styleSheet()
    _type_over_all(qtbot, field, "2026-12-20")
    assert field.problem() is None and field.styleSheet() == ""
    horizon = DateField(date(2027, 6, 1), today=TODAY, allow_future=True)
    qtbot.addWidget(horizon)
    assert horizon.problem() is None


def test_text_that_is_not_a_date_is_named_and_the_last_date_kept_for_views(qtbot):
    field = DateField(date(2025, 11, 24), today=TODAY)
    qtbot.addWidget(field)
    field.show()
    _type_over_all(qtbot, field, "2025-02-30")
    assert field.day() is None and field.problem() == "“2025-02-30” is not a date (YYYY-MM-DD)."
    assert field.date() == QDate(2025, 11, 24)
    field.clear()
    assert field.problem() == "Give a date (YYYY-MM-DD)."
    assert parse_day("20251129") == date(2025, 11, 29) and parse_day(" 2025-11-29 ") == date(2025, 11, 29)
    assert parse_day("2025-11-2") is None            # half typed: not 2 November while 29 is on its way
    assert parse_day("29/11/2025") is None and parse_day("2025-W48-6") is None


def test_short_forms_are_written_out_on_leaving_and_arrows_step_a_day(qtbot):
    field = DateField(date(2025, 11, 24), today=TODAY)
    qtbot.addWidget(field)
    field.show()
    changes = []
    field.dateChanged.connect(changes.append)
    _type_over_all(qtbot, field, "20250109")
    assert changes == [QDate(2025, 1, 9)]            # once, when the date was whole
    field.editingFinished.emit()
    assert field.text() == "2025-01-09"
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.day() == date(2025, 1, 10)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.day() == date(2025, 1, 8)


def test_the_calendar_picks_a_date_and_stops_at_today(qtbot):
    field = DateField(date(2025, 11, 24), today=TODAY)
    qtbot.addWidget(field)
    field.show()
    field.pick_action.trigger()
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2025, 11, 24) and calendar.maximumDate() == QDate(2026, 12, 20)
    calendar.clicked.emit(QDate(2025, 10, 3))
    assert field.text() == "2025-10-03" and not calendar.isVisible()


def test_a_date_set_with_signals_blocked_is_still_the_fields_date(qtbot):
    field = DateField(date(2025, 11, 24), today=TODAY, allow_future=True)
    qtbot.addWidget(field)
    field.blockSignals(True)
    field.setDate(QDate(2025, 11, 10))
    field.blockSignals(False)
    assert field.date() == QDate(2025, 11, 10) and field.day() == date(2025, 11, 10)
