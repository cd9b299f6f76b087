"""Every dialog where a past day is typed uses the one date field: a whole date typed over a selected one
replaces it, and a day after today (or text that is not a date) keeps OK disabled with the message shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.domain.indicator_rules import ObservationDraft
from desktop.services.articles import SourceDetails
from desktop.ui.articles.paste import PasteSourceDialog
from desktop.ui.common.date_field import DateField
from desktop.ui.indicators.dialogs import ObservationDialog
from desktop.ui.sources.details_dialog import SourceDetailsDialog

TODAY = date(2025, 11, 24)


@pytest.fixture(autouse=True)
def app():
    from desktop.ui.app import application

    return application()


def _type_over(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_paste_dialog_takes_a_typed_day_and_refuses_one_after_today(qtbot):
    d = PasteSourceDialog("Boats struck\n\nUS forces struck two boats.", today=TODAY)
    qtbot.addWidget(d)
    d.show()
    assert isinstance(d.published, DateField) and d.published_on() == TODAY and d.import_button.isEnabled()
    _type_over(qtbot, d.published, "2024-11-29")
    assert d.published_on() == date(2024, 11, 29) and d.problem.isHidden()
    _type_over(qtbot, d.published, "2025-11-25")
    assert d.problem.text() == "Published: 2025-11-25 is after today." and not d.import_button.isEnabled()
    d.known_date.setChecked(False)
    assert d.import_button.isEnabled() and d.published_on() is None


def test_source_details_take_a_typed_day_and_refuse_one_after_today(qtbot):
    d = SourceDetailsDialog("A story", SourceDetails(date(2025, 11, 20), "Wire", "B", None), today=TODAY)
    qtbot.addWidget(d)
    d.show()
    assert d.day.text() == "2025-11-20"
    _type_over(qtbot, d.day, "2024-10-02")
    assert d.value().published_at == date(2024, 10, 2) and d.ok_button.isEnabled()
    _type_over(qtbot, d.day, "2025-12-01")
    assert d.problem.text() == "Published: 2025-12-01 is after today." and not d.ok_button.isEnabled()
    _type_over(qtbot, d.day, "2025-11-31")
    assert d.problem.text() == "Published: “2025-11-31” is not a date (YYYY-MM-DD)."


def test_observation_dialog_date_has_a_calendar_and_the_same_rule(qtbot):
    d = ObservationDialog([("troops", "Troops", "soldiers")], [], ObservationDraft(date(2025, 11, 1), 15000.0),
                          today=TODAY)
    qtbot.addWidget(d)
    d.show()
    assert isinstance(d.at, DateField) and d.at.text() == "2025-11-01"
    _type_over(qtbot, d.at, "2025-11-25")
    ok = d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert d.errors["observed_at"].text() == "2025-11-25 is after today." and not ok.isEnabled()
    d.at.pick_action.trigger()
    d.at.calendar.clicked.emit(d.at.calendar.maximumDate())
    assert d.value().observed_at == TODAY and d.errors["observed_at"].text() == "" and ok.isEnabled()
