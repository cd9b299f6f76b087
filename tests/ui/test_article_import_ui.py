"""Issue 4 through the window: File menu and drops import off the GUI thread with a cancellable
progress dialog; the clipboard makes a source; the suggestions panel accepts and rejects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog

from desktop.services.indicators import indicator_overview, observation_rows
from desktop.services.sources import get_source, list_sources
from desktop.services.suggestions import list_suggestions
from desktop.ui.commands import ImportSourcesCommand

from tests.ui.test_evidence_dialog import drive_modal

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"
UPI = DATA / "37-upi-feb9-strike-38-strikes-130-killed.html"


def _import(qtbot, window, paths):
    reports = []
    original = window.source_actions.articles_imported
    window.source_actions.articles_imported = lambda report: (reports.append(report), original(report))
    window.source_actions.import_articles([str(p) for p in paths])
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    return reports[0]


def test_file_menu_import_opens_the_source_with_its_suggestions(qtbot, window):
    before = {s.id for s in list_sources(window.database, 1)}
    report = _import(qtbot, window, [UPI, DATA / "27-elcolombiano-llamada-trump-maduro-ultimatum.html"])
    assert len(report.imported) == 2 and not report.problems
    assert window.tabs.currentWidget() is window.sources
    first = report.imported[0].source
    assert window.sources.reader.source_id == first.id and first.id not in before
    panel = window.sources.suggestions
    assert panel.tree.topLevelItemCount() == sum(r.kind == "evidence" for r in panel.rows) > 3
    assert isinstance(window.undo_stack.command(window.undo_stack.count() - 1), ImportSourcesCommand)
    window.undo_stack.undo()                            # the import is undoable: both sources hidden
    assert {s.id for s in list_sources(window.database, 1)} == before
    window.undo_stack.redo()
    assert first.id in {s.id for s in list_sources(window.database, 1)}


def test_import_never_blocks_and_cancel_stops_it(qtbot, window):
    before = len(list_sources(window.database, 1))
    reports = []
    window.source_actions.articles_imported = reports.append
    window.source_actions.import_articles([str(UPI), str(DATA / "09-rtve-trump-confirma-llamada-maduro.html")])
    dialog = window.findChild(QDialog, "articleImportProgress")
    assert dialog is not None and dialog.isVisible()
    dialog.canceled.emit()                              # Cancel pressed before the pool thread reads a file
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    assert reports[0].cancelled and len(list_sources(window.database, 1)) == before


def test_bad_file_and_near_duplicate_are_reported(qtbot, window, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    report = _import(qtbot, window, [empty, DATA / "37-upi-feb9-strike-38-strikes-130-killed.txt"])
    assert [p.origin for p in report.problems] == ["empty.txt"]
    dialog = window.source_actions.last_import_report
    assert dialog is not None and dialog.isVisible()
    assert "1 source imported, 1 refused" in dialog.summary.text()
    again = _import(qtbot, window, [UPI])          # the same story as the .txt, from the page
    assert again.imported[0].similar and again.imported[0].similar[0].key == report.imported[0].source.key
    dialog = window.source_actions.last_import_report
    assert dialog.group_buttons
    dialog.group_buttons[0].click()
    assert dialog.group_buttons[0].text().startswith("Grouped")
    dialog.close()


def test_drop_files_on_the_window_imports_them(qtbot, window):
    reports = []
    original = window.source_actions.articles_imported
    window.source_actions.articles_imported = lambda report: (reports.append(report), original(report))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(UPI))])
    event = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    assert reports[0].imported[0].source.title.startswith("U.S. strike on suspected drug-trafficking boat")


def test_new_source_from_clipboard(qtbot, window):
    QApplication.clipboard().setText("Ships seen off La Guaira\n\nAt least 3 warships were seen off La Guaira "
                                     "on Tuesday, according to fishermen.")

    def fill(dialog):
        dialog.outlet.setText("Local radio")
        dialog.accept()
    errors = drive_modal(qtbot, fill)
    assert window.paste_action.shortcut().toString() == "Ctrl+Shift+V"
    assert window.source_actions.paste_source() and not errors
    source = get_source(window.database, window.sources.reader.source_id)
    assert source.title == "Ships seen off La Guaira" and source.outlet == "Local radio"
    assert any(r.kind == "quantity" and r.value == 3 for r in window.sources.suggestions.rows)


def test_accept_reject_and_figure_to_indicator_from_the_panel(qtbot, window):
    report = _import(qtbot, window, [UPI])
    source_id = report.imported[0].source.id
    panel = window.sources.suggestions
    killed = next(r for r in panel.rows if r.kind == "quantity" and r.value == 130)
    assert panel.select_suggestion(killed.id)
    start, end = window.sources.reader.selection()
    assert get_source(window.database, source_id).text[start:end] == killed.text   # the reader shows it
    before = next(s for s in indicator_overview(window.database, 1) if s.key == "people_killed").count

    def rate(dialog):
        assert dialog.value().quote.startswith("At least 130 people")
        row = dialog.rating_rows["escalation"]
        qtbot.keyClick(row, Qt.Key.Key_2)
        dialog.save()
    errors = drive_modal(qtbot, rate)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)       # accept the figure: logs its sentence, then records it
    assert not errors
    rows = {r.id: r for r in list_suggestions(window.database, source_id)}
    assert rows[killed.id].status == "accepted"
    series = next(s for s in indicator_overview(window.database, 1) if s.key == "people_killed")
    assert series.count == before + 1
    window.show_view("indicators")
    assert window.indicators.select_indicator("people_killed")
    assert window.indicators.current.count == before + 1     # the chart and table have the new point
    assert window.indicators.model.rowCount() == before + 1
    window.show_view("sources")
    other = next(r for r in panel.rows if r.kind == "evidence" and r.status == "pending")
    panel.select_suggestion(other.id)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_R)
    assert {r.id: r for r in list_suggestions(window.database, source_id)}[other.id].status == "rejected"
    window.undo_stack.undo()
    assert {r.id: r for r in list_suggestions(window.database, source_id)}[other.id].status == "pending"


def test_imported_title_is_shown_as_text_not_markup(qtbot, window, tmp_path):
    page = tmp_path / "evil.html"
    page.write_text("<html><head><title><img src='http://example.invalid/x.png'>Boats</title></head><body>"
                    "<article><h1>&lt;b&gt;Boats&lt;/b&gt; struck</h1><p>US forces struck two boats on Monday, "
                    "killing 6 people, officials said in a statement on the operation.</p>"
                    "<script>alert(1)</script></article></body></html>", encoding="utf-8")
    report = _import(qtbot, window, [page])
    reader = window.sources.reader
    assert reader.title.textFormat() == Qt.TextFormat.PlainText
    assert "alert" not in reader.text.toPlainText()
    assert report.imported


def test_undated_article_is_flagged_and_its_day_set_in_source_details(qtbot, window, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Boats struck\n\nOn Monday, US forces struck two boats, killing 6 people, officials said.",
                    encoding="utf-8")
    report = _import(qtbot, window, [path])
    source_id = report.imported[0].source.id
    dialog = window.source_actions.last_import_report
    notes = [dialog.tree.topLevelItem(0).child(i).text(0) for i in range(dialog.tree.topLevelItem(0).childCount())]
    assert "no publication date found" in notes
    dialog.close()

    def set_day(d):
        d.known.setChecked(True)
        d.day.setDate(QDate(2026, 3, 4))
        d.reliability.setCurrentIndex(d.reliability.findData("B"))
        d.accept()
    errors = drive_modal(qtbot, set_day)
    window.sources.details_button.click()
    assert not errors
    assert get_source(window.database, source_id).published_at == date(2026, 3, 4)
    monday = next(r for r in window.sources.suggestions.rows if r.kind == "evidence")
    assert monday.observed == date(2026, 3, 2)
    window.undo_stack.undo()
    assert get_source(window.database, source_id).published_at is None


def test_edit_a_figure_before_recording_it(qtbot, window, monkeypatch):
    import desktop.ui.sources.actions as source_actions

    report = _import(qtbot, window, [UPI])
    source_id = report.imported[0].source.id
    panel = window.sources.suggestions
    killed = next(r for r in panel.rows if r.kind == "quantity" and r.value == 130)
    sentence = next(r for r in panel.rows if r.kind == "evidence" and (r.start, r.end) == killed.sentence)
    from dataclasses import replace as dc_replace

    from desktop.services.evidence import log_evidence
    from desktop.services.suggestions import evidence_draft_for
    log_evidence(window.database, 1, dc_replace(evidence_draft_for(sentence, source_id),
                                                ratings={"escalation": "C"}), suggestion_id=sentence.id)
    window.sources.refresh()
    asked = {}

    def get_item(parent, title, label, items, current, editable):
        asked["preselected"] = items[current]
        return next(i for i in items if i.startswith("People killed")), True
    monkeypatch.setattr(source_actions.QInputDialog, "getDouble", lambda *a, **k: (131.0, True))
    monkeypatch.setattr(source_actions.QInputDialog, "getItem", get_item)
    assert panel.select_suggestion(killed.id)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_E)
    assert asked["preselected"].startswith("People killed")      # the match is offered first
    series = next(s for s in indicator_overview(window.database, 1) if s.key == "people_killed")
    assert any(o.value == 131 and o.qualifier == "at least"
               for o in observation_rows(window.database, series.observation_ids))


def test_after_a_rejection_the_next_suggestion_is_current(qtbot, window):
    _import(qtbot, window, [UPI])
    panel = window.sources.suggestions
    items = list(panel._items())
    panel.tree.setCurrentItem(items[2])
    following = items[3].data(0, Qt.ItemDataRole.UserRole + 1)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_R)
    assert panel.current_row().id == following.id


def test_find_suggestions_for_a_source_from_the_bundle(qtbot, window):
    window.show_view("sources")
    s1 = next(s for s in list_sources(window.database, 1) if s.key == "s1")
    assert window.sources.open_source(s1.id)
    panel = window.sources.suggestions
    assert panel.rows == [] and panel.find_button.isEnabled()
    panel.find_button.click()
    assert panel.rows and panel.tree.topLevelItemCount() > 0


def test_panel_shows_a_running_total_and_a_range_of_days_and_no_boilerplate(qtbot, window, tmp_path):
    """Issue 12 §4 in the window: the flags extraction sets are what the analyst sees."""
    path = tmp_path / "ferry.txt"
    path.write_text("Ferry sinks\n\nA ferry sank on 3–4 March 2026 after drifting for nearly two weeks, officials said.\n\n"
                    "Rescuers found seven more bodies, raising the death toll to 41, officials said.\n\n"
                    "Read more: 40 years of ferry disasters\n\n"
                    "Digest of the reported article: facts and figures as reported.", encoding="utf-8")
    report = _import(qtbot, window, [path])
    source_id = report.imported[0].source.id
    panel = window.sources.suggestions
    tops = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    assert [t.text(1) for t in tops if "3–4 March" in t.text(0)] == ["3–4 Mar 2026"]
    children = [t.child(j).text(0) for t in tops for j in range(t.childCount())]
    assert any(c.startswith("41 death toll (running total)") for c in children)
    assert not any("Digest" in t.text(0) or "Read more" in t.text(0) for t in tops)
    assert {r.text for r in list_suggestions(window.database, source_id) if r.kind == "evidence"} == {
        "A ferry sank on 3–4 March 2026 after drifting for nearly two weeks, officials said.",
        "Rescuers found seven more bodies, raising the death toll to 41, officials said."}
