"""The evidence dialog: keyboard logging, inline validation, paraphrase, inline new source, date default."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services.evidence import evidence_draft, evidence_id, list_evidence
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.sources import delete_source, get_source, list_sources
from desktop.ui.commands import AddEvidenceCommand
from desktop.ui.evidence.dialog import (
    NO_SOURCE, EvidenceDialog, NewSourceDialog, edit_evidence_interactively, log_evidence_interactively,
)

SITUATION = 1
QUOTE = "President Trump is open to direct conversations with Venezuelan President"  # ASCII: QTest types no other


@pytest.fixture
def app():
    from desktop.ui.app import application

    return application()


@pytest.fixture
def scenarios(seeded):
    return [(s.key, s.name) for s in likelihoods_as_of(seeded, SITUATION).scenarios]


@pytest.fixture
def stack(app):
    s = QUndoStack()
    yield s
    s.clear()


def source_id(db, key: str) -> int:
    return next(s.id for s in list_sources(db, SITUATION) if s.key == key)


@pytest.fixture
def dialog(qtbot, app, seeded, scenarios, stack):
    d = EvidenceDialog(seeded, SITUATION, scenarios, stack)
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitExposed(d)
    return d


def pick_source(dialog: EvidenceDialog, sid: int | None) -> None:
    dialog.source.setCurrentIndex(dialog.source.findData(sid))


def rate_by_keys(qtbot, dialog: EvidenceDialog, keys) -> None:
    """Focus the first scenario row and type the rating keys; each moves focus to the next row."""
    first = next(iter(dialog.rating_rows.values()))
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget(), key)


def is_shown(widget) -> bool:
    return not widget.isHidden()


def assert_just_under(dialog, label, field) -> None:
    """The message sits directly below its field (in the same column, nothing else in between)."""
    field_bottom = field.mapTo(dialog, QPoint(0, field.height())).y()
    label_top = label.mapTo(dialog, QPoint(0, 0)).y()
    assert 0 <= label_top - field_bottom < 40, (label.objectName(), field_bottom, label_top)
    assert abs(label.mapTo(dialog, QPoint(0, 0)).x() - field.mapTo(dialog, QPoint(0, 0)).x()) < 5


def drive_modal(qtbot, action):
    """Run `action(dialog)` on the next modal dialog once it is shown; a failure rejects it instead of hanging."""
    errors: list[BaseException] = []

    def run():
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(10, run)
            return
        try:
            action(w)
        except BaseException as exc:  # reported by the test after exec() returns
            errors.append(exc)
            w.reject()

    QTimer.singleShot(0, run)
    return errors


# --- logging with the keyboard --------------------------------------------------------------------

def test_keyboard_logging_ctrl_enter_then_push_stores_row(qtbot, dialog, seeded, stack):
    s1 = source_id(seeded, "s1")
    qtbot.keyClicks(dialog.quote, QUOTE)
    pick_source(dialog, s1)
    dialog.credibility.setCurrentIndex(dialog.credibility.findData(2))
    dialog.relevance.setCurrentIndex(dialog.relevance.findData("high"))
    qtbot.keyClicks(dialog.tags, "diplomacy, Talks")
    rate_by_keys(qtbot, dialog, [Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_3])
    assert dialog.ratings() == {"negotiation": "CC", "escalation": "II", "status_quo": "N"}
    assert dialog.save_button.isEnabled() and dialog.problems == []
    assert QApplication.focusWidget() is dialog.save_button   # after the last scenario, Save has the focus
    dialog.quote.setFocus()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.quote, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    before = len(list_evidence(seeded, SITUATION))
    stack.push(AddEvidenceCommand(seeded, SITUATION, dialog.value()))
    rows = list_evidence(seeded, SITUATION)
    assert len(rows) == before + 1
    row = next(r for r in rows if r.quote == QUOTE)
    assert row.ratings == {"negotiation": "CC", "escalation": "II", "status_quo": "N"}
    assert row.credibility == 2 and row.relevance == "high" and row.tags == ("diplomacy", "talks")
    assert row.observed_at == date(2025, 11, 24)        # the source's publication date
    stored = evidence_draft(seeded, row.id)
    text = get_source(seeded, s1).text
    assert stored.source_id == s1 and text[stored.start:stored.end] == QUOTE


def test_log_evidence_interactively_end_to_end(qtbot, app, seeded, scenarios, stack):
    s1 = source_id(seeded, "s1")
    changes = []

    def fill(d: EvidenceDialog):
        qtbot.keyClicks(d.quote, QUOTE)
        pick_source(d, s1)
        d.credibility.setCurrentIndex(d.credibility.findData(3))
        rate_by_keys(qtbot, d, [Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_0])
        d.quote.setFocus()
        qtbot.keyClick(d.quote, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
        if d.isVisible():
            raise AssertionError(f"Ctrl+Enter did not save: {d.problems}")

    errors = drive_modal(qtbot, fill)
    assert log_evidence_interactively(None, seeded, SITUATION, scenarios, stack, on_change=lambda: changes.append(1))
    assert not errors, errors
    assert stack.count() == 1 and changes == [1]
    row = next(r for r in list_evidence(seeded, SITUATION) if r.quote == QUOTE)
    assert row.ratings == {"negotiation": "C", "escalation": "I", "status_quo": "NA"} and row.credibility == 3
    stack.undo()
    assert all(r.quote != QUOTE for r in list_evidence(seeded, SITUATION))


def test_cancel_logs_nothing(qtbot, app, seeded, scenarios, stack):
    errors = drive_modal(qtbot, lambda d: d.reject())
    assert not log_evidence_interactively(None, seeded, SITUATION, scenarios, stack)
    assert not errors and stack.count() == 0


def test_rating_keys_and_buttons(qtbot, dialog):
    rows = list(dialog.rating_rows.values())
    rate_by_keys(qtbot, dialog, [Qt.Key.Key_4])
    assert rows[0].value() == "I" and rows[1].hasFocus()
    qtbot.keyClick(rows[1], Qt.Key.Key_Up)
    assert rows[0].hasFocus()
    qtbot.keyClick(rows[0], Qt.Key.Key_Delete)
    assert rows[0].value() is None
    # buttons: exclusive within a row, and clicking the checked one leaves the row unrated
    qtbot.mouseClick(rows[2].buttons["CC"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(rows[2].buttons["II"], Qt.MouseButton.LeftButton)
    assert rows[2].value() == "II" and not rows[2].buttons["CC"].isChecked()
    qtbot.mouseClick(rows[2].buttons["II"], Qt.MouseButton.LeftButton)
    assert rows[2].value() is None
    # digits typed in a text field stay there
    dialog.quote.setFocus()
    qtbot.keyClicks(dialog.quote, "21 vessels")
    assert dialog.quote.toPlainText() == "21 vessels" and dialog.ratings() == {}
    assert "1 CC" in dialog.rating_hint.text() and "Ctrl+Enter" in dialog.rating_hint.text()


# --- validation at the field ----------------------------------------------------------------------

def test_each_problem_is_shown_under_its_field_and_blocks_save(qtbot, dialog, seeded):
    s1 = source_id(seeded, "s1")
    pick_source(dialog, s1)
    # fresh dialog: empty quote and no rating
    assert "empty" in dialog.errors["quote"].text() and is_shown(dialog.errors["quote"])
    assert "at least one scenario" in dialog.errors["ratings"].text() and is_shown(dialog.errors["ratings"])
    assert not dialog.save_button.isEnabled()

    qtbot.keyClicks(dialog.quote, "Maduro resigned this morning")
    assert "not in the source text" in dialog.errors["quote"].text()
    assert is_shown(dialog.paraphrase_button)
    assert not dialog.save_button.isEnabled()

    dialog.quote.clear()
    qtbot.keyClicks(dialog.quote, QUOTE)
    assert dialog.errors["quote"].isHidden() and dialog.paraphrase_button.isHidden()

    tomorrow = date.today() + timedelta(days=1)
    dialog.observed.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert "after today" in dialog.errors["observed_at"].text() and is_shown(dialog.errors["observed_at"])
    assert not dialog.save_button.isEnabled()
    dialog.observed.setDate(QDate(2025, 11, 24))
    assert dialog.errors["observed_at"].isHidden()

    rate_by_keys(qtbot, dialog, [Qt.Key.Key_0, Qt.Key.Key_0, Qt.Key.Key_0])
    assert is_shown(dialog.errors["ratings"]), "NA everywhere is not a rating"
    qtbot.keyClick(dialog.rating_rows["status_quo"], Qt.Key.Key_3)
    assert dialog.errors["ratings"].isHidden()
    assert dialog.save_button.isEnabled() and dialog.problems == []

    # where each message sits: directly under its own field
    dialog.quote.clear()
    dialog.observed.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    qtbot.keyClick(dialog.rating_rows["status_quo"], Qt.Key.Key_Delete)
    qtbot.wait(10)
    assert_just_under(dialog, dialog.errors["observed_at"], dialog.observed)
    assert_just_under(dialog, dialog.errors["ratings"], dialog.rating_rows["status_quo"])
    quote_error_row = dialog.errors["quote"].parentWidget()
    assert_just_under(dialog, quote_error_row, dialog.paraphrase)   # quote box, paraphrase tick, message
    assert_just_under(dialog, dialog.paraphrase, dialog.quote)


def test_ctrl_enter_with_problems_does_not_accept(qtbot, dialog):
    accepted = []
    dialog.accepted.connect(lambda: accepted.append(1))
    dialog.quote.setFocus()
    qtbot.keyClick(dialog.quote, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not accepted and dialog.isVisible()
    assert dialog.quote.hasFocus()   # sent to the first problem


def test_save_as_paraphrase(qtbot, dialog, seeded, stack):
    pick_source(dialog, source_id(seeded, "s1"))
    paraphrase = "Trump would be willing to talk to Maduro directly"
    qtbot.keyClicks(dialog.quote, paraphrase)
    rate_by_keys(qtbot, dialog, [Qt.Key.Key_2])
    assert is_shown(dialog.paraphrase_button) and not dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.paraphrase_button, Qt.MouseButton.LeftButton)
    draft = dialog.value()
    assert draft.paraphrase and draft.quote == paraphrase
    stack.push(AddEvidenceCommand(seeded, SITUATION, draft))
    row = next(r for r in list_evidence(seeded, SITUATION) if r.quote == paraphrase)
    stored = evidence_draft(seeded, row.id)
    assert stored.paraphrase and stored.start is None and stored.end is None


def test_paraphrase_button_keeps_dialog_open_while_other_problems_remain(qtbot, dialog, seeded):
    pick_source(dialog, source_id(seeded, "s1"))
    qtbot.keyClicks(dialog.quote, "not in the text at all")
    qtbot.mouseClick(dialog.paraphrase_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.paraphrase.isChecked()
    assert dialog.errors["quote"].isHidden() and is_shown(dialog.errors["ratings"])


# --- source and date ---------------------------------------------------------------------------

def test_date_defaults_to_source_publication_until_the_analyst_sets_it(qtbot, dialog, seeded):
    assert dialog.source.currentText() == NO_SOURCE
    assert dialog.observed.date().toPython() == date.today()
    pick_source(dialog, source_id(seeded, "s9"))
    assert dialog.observed.date().toPython() == date(2025, 9, 3)
    assert "publication date" in dialog.date_hint.text()
    pick_source(dialog, source_id(seeded, "s1"))
    assert dialog.observed.date().toPython() == date(2025, 11, 24)
    dialog.observed.setDate(QDate(2025, 11, 20))   # the analyst's own date now stays
    pick_source(dialog, source_id(seeded, "s9"))
    assert dialog.observed.date().toPython() == date(2025, 11, 20)


def test_inline_new_source_is_undoable(qtbot, dialog, seeded, stack):
    def fill(form: NewSourceDialog):
        assert not form.ok_button.isEnabled() and "title" in form.errors["title"].text()
        qtbot.keyClicks(form.title, "Maduro speaks to the nation")
        form.outlet.setText("VTV")
        form.published.setDate(QDate(2025, 11, 22))
        form.reliability.setCurrentIndex(form.reliability.findData("D"))
        assert "not usually reliable" in form.reliability.currentText()
        form.text.setPlainText("Maduro said Venezuela is ready for dialogue.")
        assert form.ok_button.isEnabled()
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)

    errors = drive_modal(qtbot, fill)
    added = dialog.new_source()
    assert not errors, errors
    assert added is not None and added.key == "s15" and added.reliability == "D"
    assert stack.count() == 1 and "Add source" in stack.undoText()
    assert dialog.source_id() == added.id
    assert dialog.observed.date().toPython() == date(2025, 11, 22)
    assert any(s.id == added.id for s in list_sources(seeded, SITUATION))
    # the new source's text is what quotes are checked against
    qtbot.keyClicks(dialog.quote, "Venezuela is ready for dialogue")
    assert dialog.errors["quote"].isHidden()

    stack.undo()
    assert dialog.source.findData(added.id) < 0
    assert all(s.id != added.id for s in list_sources(seeded, SITUATION))
    assert dialog.source_id() is None and dialog.source.currentText() == NO_SOURCE
    stack.redo()
    assert dialog.source.findData(added.id) >= 0


def test_new_source_with_duplicate_text_is_refused_in_the_form(qtbot, dialog, seeded, stack):
    s1_text = get_source(seeded, source_id(seeded, "s1")).text
    seen = {}

    def fill(form: NewSourceDialog):
        qtbot.keyClicks(form.title, "Copy of the seed article")
        form.text.setPlainText(s1_text)
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)

        def check_then_cancel():
            w = QApplication.activeModalWidget()
            seen["refusal"] = w.refusal.text()
            w.reject()
        QTimer.singleShot(50, check_then_cancel)

    errors = drive_modal(qtbot, fill)
    assert dialog.new_source() is None
    assert not errors, errors
    assert "already source s1" in seen["refusal"]
    assert stack.count() == 0


# --- prefill, edit, and a service that still refuses ---------------------------------------------

def test_prefilled_draft_keeps_offsets_until_the_quote_changes(qtbot, app, seeded, scenarios, stack):
    s1 = source_id(seeded, "s1")
    text = get_source(seeded, s1).text
    start = text.index("Recent developments")
    end = text.index("increases.") + len("increases")   # spans a sentence, as selected in the reader
    draft = EvidenceDraft(quote=text[start:end], observed_at=date(2025, 11, 24), ratings={}, source_id=s1,
                          start=start, end=end)
    d = EvidenceDialog(seeded, SITUATION, scenarios, stack, draft=draft)
    qtbot.addWidget(d)
    assert d.source_id() == s1 and d.quote.toPlainText() == draft.quote
    v = d.value()
    assert (v.quote, v.start, v.end, v.source_id) == (draft.quote, start, end, s1)
    assert "Alt+R" in d.rating_hint.text()
    d.quote.moveCursor(d.quote.textCursor().MoveOperation.End)
    qtbot.keyClicks(d.quote, "!")
    assert d.value().start is None and d.value().quote.endswith("!")


def test_prefilled_quote_with_crlf_stays_exact(qtbot, app, seeded, scenarios, stack):
    draft = EvidenceDraft(quote="line one\r\nline two", observed_at=date(2025, 11, 1), ratings={"escalation": "C"})
    d = EvidenceDialog(seeded, SITUATION, scenarios, stack, draft=draft)
    qtbot.addWidget(d)
    assert d.value().quote == "line one\r\nline two"
    assert d.rating_rows["escalation"].value() == "C"
    assert d.observed.date().toPython() == date(2025, 11, 1)


def test_edit_evidence_interactively_pushes_an_undoable_edit(qtbot, app, seeded, scenarios, stack):
    e1 = evidence_id(seeded, SITUATION, "e1")
    old = evidence_draft(seeded, e1)

    def change(d: EvidenceDialog):
        assert d.windowTitle() == "Edit evidence e1"
        assert d.value().quote == old.quote and d.value().start == old.start
        assert d.observed.date().toPython() == old.observed_at
        d.credibility.setCurrentIndex(d.credibility.findData(5))
        d.save()

    errors = drive_modal(qtbot, change)
    assert edit_evidence_interactively(None, seeded, SITUATION, scenarios, stack, e1, label="e1")
    assert not errors, errors
    assert evidence_draft(seeded, e1).credibility == 5
    stack.undo()
    assert evidence_draft(seeded, e1) == old


def test_a_refusal_from_the_service_brings_the_dialog_back(qtbot, app, seeded, scenarios, stack):
    s9 = source_id(seeded, "s9")
    text = get_source(seeded, s9).text
    quote = text[text.index("WASHINGTON"):text.index("WASHINGTON") + 40]
    draft = EvidenceDraft(quote=quote, observed_at=date(2025, 9, 3), ratings={"escalation": "CC"}, source_id=s9)
    seen = {}

    def save_after_source_vanishes(d: EvidenceDialog):
        assert d.save_button.isEnabled()
        delete_source(seeded, s9)          # someone else deletes the source meanwhile
        d.save()

        def look_then_cancel():
            w = QApplication.activeModalWidget()
            seen["refusal"] = w.refusal.text()
            seen["source"] = w.errors["source"].text()
            w.reject()
        QTimer.singleShot(50, look_then_cancel)

    errors = drive_modal(qtbot, save_after_source_vanishes)
    assert not log_evidence_interactively(None, seeded, SITUATION, scenarios, stack, draft=draft)
    assert not errors, errors
    assert seen["refusal"].startswith("Not saved:") and "source" in seen["refusal"].lower()
    assert "no longer exists" in seen["source"]
    assert stack.count() == 0   # the refused command was not left on the stack


def test_a_date_typed_over_the_observed_date_replaces_it_whole(qtbot, dialog):
    dialog.observed.setDate(date(2024, 12, 2))
    dialog.observed.setFocus()
    dialog.observed.selectAll()
    qtbot.keyClicks(dialog.observed, "2023-11-29")
    assert dialog.value().observed_at == date(2023, 11, 29)       # not 2024-11-29 (QDateEdit kept the year)
    assert dialog.errors["observed_at"].isHidden()
    dialog.observed.selectAll()
    qtbot.keyClicks(dialog.observed, "2023-13-01")
    assert dialog.errors["observed_at"].text() == "“2023-13-01” is not a date (YYYY-MM-DD)."
    assert "observed_at" in [p.field for p in dialog.problems] and not dialog.save_button.isEnabled()


def test_the_new_source_form_refuses_a_day_after_today_or_not_a_date(qtbot, app):
    form = NewSourceDialog(today=lambda: date(2025, 11, 24))
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.title, "Wire story")
    assert form.ok_button.isEnabled() and form.value().published_at == date(2025, 11, 24)
    form.published.selectAll()
    qtbot.keyClicks(form.published, "2025-11-25")
    assert form.errors["published_at"].text() == "2025-11-25 is after today." and not form.ok_button.isEnabled()
    form.published.selectAll()
    qtbot.keyClicks(form.published, "25.11.2025")
    assert "is not a date" in form.errors["published_at"].text() and not form.ok_button.isEnabled()
    form.has_date.setChecked(False)
    assert form.ok_button.isEnabled() and form.value().published_at is None


def test_a_copy_of_a_logged_item_is_flagged_at_the_quote_field(seeded, qtbot, scenarios, stack):
    """Issue 12 §1: the dialog says which item it repeats, at the quote, and will not save it; editing the
    item itself is no copy."""
    item = next(r for r in list_evidence(seeded, SITUATION) if r.source_title)
    draft = evidence_draft(seeded, item.id)
    d = EvidenceDialog(seeded, SITUATION, scenarios, stack, draft=draft)
    qtbot.addWidget(d)
    d.quote.setPlainText(draft.quote + " ")
    assert f"Already logged as {item.key}" in d.errors["quote"].text() and not d.save_button.isEnabled()
    edit = EvidenceDialog(seeded, SITUATION, scenarios, stack, draft=draft, evidence_id=item.id)
    qtbot.addWidget(edit)
    assert not edit.errors["quote"].text() and edit.save_button.isEnabled()


# --- when it became known (issue 13 §2) -----------------------------------------------------------

def test_reported_follows_its_default_until_set_and_is_stored(qtbot, dialog, seeded, stack):
    assert dialog.reported.day() == date.today()                      # no source, observed today
    pick_source(dialog, source_id(seeded, "s1"))                      # published 24 Nov
    assert dialog.reported.day() == date(2025, 11, 24)
    dialog.observed.setDate(QDate(2025, 11, 21))                      # the call, told on 24 Nov
    assert dialog.reported.day() == date(2025, 11, 24) and "reported = the source's" in dialog.date_hint.text()
    qtbot.keyClicks(dialog.quote, QUOTE)
    rate_by_keys(qtbot, dialog, [Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_3])
    # a reported date before the event is refused under the field, naming it; Save is off
    dialog.reported.setFocus()
    dialog.reported.selectAll()
    qtbot.keyClicks(dialog.reported, "2025-11-20")
    assert not dialog.save_button.isEnabled()
    assert is_shown(dialog.errors["reported_at"]) and "before the day observed" in dialog.errors["reported_at"].text()
    dialog.reported.selectAll()
    qtbot.keyClicks(dialog.reported, "2025-11-22")                  # the analyst's back-date: known on 22 Nov
    assert dialog.save_button.isEnabled(), dialog.problems
    pick_source(dialog, source_id(seeded, "s9"))                      # set by hand: a new source does not move it
    pick_source(dialog, source_id(seeded, "s1"))
    assert dialog.reported.day() == date(2025, 11, 22)
    stack.push(AddEvidenceCommand(seeded, SITUATION, dialog.value()))
    stored = evidence_draft(seeded, next(r.id for r in list_evidence(seeded, SITUATION) if r.quote == QUOTE))
    assert (stored.quote, stored.observed_at, stored.reported_at) == (QUOTE, date(2025, 11, 21), date(2025, 11, 22))


def test_editing_shows_the_stored_reported_date(qtbot, app, seeded, scenarios, stack):
    e11 = evidence_draft(seeded, evidence_id(seeded, SITUATION, "e11"))
    d = EvidenceDialog(seeded, SITUATION, scenarios, stack, draft=e11,
                       evidence_id=evidence_id(seeded, SITUATION, "e11"))
    qtbot.addWidget(d)
    assert d.observed.day() == date(2025, 10, 15) and d.reported.day() == date(2025, 10, 15)   # not s1's 24 Nov
    assert d.value().reported_at == date(2025, 10, 15)
