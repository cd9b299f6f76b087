"""The ACH matrix screen on the seeded case: rows, colours, greying, in-place edits, footers, refresh."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QComboBox

from desktop.domain.estimative import estimative_words
from desktop.domain.grading import RATING_SCORES
from desktop.services import evidence as ev
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.matrix import ach_matrix, with_rating
from desktop.ui.commands import SetRatingCommand
from desktop.ui.common.theme import colours
from desktop.ui.matrix.delegate import CHOICES, RatingDelegate
from desktop.ui.matrix.model import (
    EVIDENCE_ID_ROLE, GREYED_ROLE, N_FIXED, MatrixFooterModel, MatrixModel, footer_text,
)
from desktop.ui.matrix.view import MatrixView

from tests.cli.test_cli import design_probabilities
from tests.conftest import SEED_BUNDLE

SID = 1


@pytest.fixture
def view(qtbot, seeded, monkeypatch):
    from desktop.ui.app import application

    application()
    monkeypatch.setattr(RatingDelegate, "open_popup", False)
    v = MatrixView()
    qtbot.addWidget(v)
    v.resize(1400, 800)
    v.show_situation(seeded, SID)
    v.show()
    qtbot.waitExposed(v)
    return v


def _footer_texts(v: MatrixView) -> list[list[str]]:
    fm = v.footer_model
    return [[fm.index(r, c).data() for c in range(N_FIXED, fm.columnCount())] for r in range(fm.rowCount())]


def _expected_texts(footers) -> list[list[str]]:
    return [[footer_text(f, kind) for f in footers] for kind in ("inconsistency", "weighted", "probability")]


def _report_texts(report) -> list[list[str]]:
    return [[f"Inconsistency {s.inconsistency:.{0 if float(s.inconsistency).is_integer() else 1}f}".replace("-", "−")
             for s in report.scenarios],
            [f"Weighted {s.weighted_inconsistency:.2f}".replace("-", "−") for s in report.scenarios],
            [f"P {s.probability:.0%} {s.words}" for s in report.scenarios]]


def _cell(v: MatrixView, row: int, scenario_index: int):
    return v.model.index(row, N_FIXED + scenario_index)


def test_shows_every_live_item_with_headers_and_footers(view, seeded):
    rows = ev.list_evidence(seeded, SID)
    model = view.model
    assert model.rowCount() == len(rows) == 54
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["Key", "Date", "Quote", "Weight", "Diag.", "Negotiation", "Escalation", "Status quo"]
    assert {model.index(r, 0).data(EVIDENCE_ID_ROLE) for r in range(model.rowCount())} == {r.id for r in rows}
    by_key = {r.key: r for r in rows}
    first = by_key[model.index(0, 0).data()]
    assert model.index(0, 1).data() == first.observed_at.isoformat()
    assert model.index(0, 2).data() == " ".join(first.quote.split())
    assert first.quote in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    # the bundle file read longhand: each row's spread in steps, the probabilities of design section 4
    seed = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    spreads = [max(steps) - min(steps) for steps in
               ([0.0 if r == "NA" else RATING_SCORES[r] for r in e["ratings"].values()] for e in seed["evidence"])]
    assert model.index(0, 4).data() == f"{max(spreads):g}"
    report = likelihoods_as_of(seeded, SID)
    assert _footer_texts(view) == _report_texts(report)
    expected = design_probabilities(seed)
    assert _footer_texts(view)[2] == [f"P {expected[s.key]:.0%} {estimative_words(expected[s.key])}"
                                      for s in report.scenarios]
    m = view.model.matrix
    assert "54 items" in view.summary.text() and f"{m.n_flat} non-diagnostic" in view.summary.text()
    assert m.n_flat >= int((m.diagnosticity == 0).sum()) == spreads.count(0)   # no spread moves nothing; some spread too


def test_a_digest_row_says_its_quote_is_not_the_outlets_wording(view, seeded):
    """Issue 12 §2: the matrix's quote tooltip marks items from digests, as the evidence table does."""
    from desktop.domain.bundle import DIGEST_NOTE

    digest = {r.id: r.is_digest for r in ev.list_evidence(seeded, SID)}
    model = view.model
    marked = {model.index(r, 0).data(EVIDENCE_ID_ROLE): DIGEST_NOTE in model.index(r, 2).data(Qt.ItemDataRole.ToolTipRole)
              for r in range(model.rowCount())}
    assert marked == digest and 0 < sum(marked.values()) < len(marked)
    row = next(r for r in range(model.rowCount()) if digest[model.index(r, 0).data(EVIDENCE_ID_ROLE)])
    assert "· digest · " in model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)


def test_cells_are_coloured_and_non_diagnostic_rows_greyed(view):
    model = view.model
    m = view.matrix
    row = 0
    for j in range(m.n_scenarios):
        value = m.rating(row, j)
        brush = _cell(view, row, j).data(Qt.ItemDataRole.BackgroundRole)
        assert brush.color() == QColor(colours().rating_fill[value])
        assert _cell(view, row, j).data(GREYED_ROLE) is False
    flat = m.n_rows - 1
    assert m.diagnosticity[flat] == 0
    assert model.index(flat, 0).data(GREYED_ROLE) is True
    assert model.index(flat, 2).data(Qt.ItemDataRole.ForegroundRole).color() == QColor(colours().greyed_text)
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    value = m.rating(flat, 1)
    grey_bg = _cell(view, flat, 1).data(Qt.ItemDataRole.BackgroundRole).color()
    fill = QColor(colours().rating_fill[value])
    assert grey_bg != fill and grey_bg.lightness() >= fill.lightness()
    # and it is what gets painted: sample the first row's first rating cell away from its text
    view.table.scrollToTop()
    rect = view.table.visualRect(_cell(view, 0, 0))
    image = view.table.viewport().grab().toImage()
    painted = image.pixelColor(rect.topLeft() + QPoint(4, rect.height() // 2))
    assert painted == QColor(colours().rating_fill[m.rating(0, 0)])


def test_editing_through_the_delegate_emits_and_updates_footers_at_once(view, qtbot, seeded):
    m = view.matrix
    row, j = 3, 1
    index = _cell(view, row, j)
    old = m.rating(row, j)
    new = "II" if old != "II" else "CC"
    expected = with_rating(m, row, j, new).footers
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    combo = view.table.viewport().findChild(QComboBox, "ratingEditor")
    assert combo is not None and combo.currentText() == old
    with qtbot.waitSignal(view.rating_edited) as signal:
        combo.setCurrentIndex(CHOICES.index(new))
        combo.activated.emit(combo.currentIndex())
    assert signal.args == [int(m.evidence_ids[row]), m.scenarios[j].key, old, new]
    assert _footer_texts(view) == _expected_texts(expected)
    assert _footer_texts(view) != _expected_texts(m.footers)
    assert index.data() == new
    assert view.model.evidence_id(row) == int(m.evidence_ids[row])  # rows keep their places
    # the database was not touched by the view: the window's command does that
    assert likelihoods_as_of(seeded, SID).scenarios[1].probability == pytest.approx(m.footers[1].probability)
    ev.set_rating(seeded, int(m.evidence_ids[row]), m.scenarios[j].key, new)
    assert _footer_texts(view) == _report_texts(likelihoods_as_of(seeded, SID))


def test_clear_through_the_delegate(view, qtbot):
    m = view.matrix
    index = _cell(view, 0, 2)
    view.table.edit(index)
    combo = view.table.viewport().findChild(QComboBox, "ratingEditor")
    with qtbot.waitSignal(view.rating_edited) as signal:
        combo.setCurrentIndex(CHOICES.index("—"))
        combo.activated.emit(combo.currentIndex())
    assert signal.args[2:] == [m.rating(0, 2), None]
    assert index.data() == ""


@pytest.mark.parametrize("key, value", [(Qt.Key.Key_1, "CC"), (Qt.Key.Key_2, "C"), (Qt.Key.Key_3, "N"),
                                        (Qt.Key.Key_4, "I"), (Qt.Key.Key_5, "II"), (Qt.Key.Key_0, "NA"),
                                        (Qt.Key.Key_Delete, None)])
def test_keys_rate_the_selected_cell(view, qtbot, key, value):
    m = view.matrix
    # a cell whose value differs from the key's
    row = next(r for r in range(m.n_rows) if m.rating(r, 0) != value)
    index = _cell(view, row, 0)
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    with qtbot.waitSignal(view.rating_edited) as signal:
        qtbot.keyClick(view.table, key)
    assert signal.args == [int(m.evidence_ids[row]), "negotiation", m.rating(row, 0), value]
    assert index.data() == (value or "")
    assert _footer_texts(view) == _expected_texts(with_rating(m, row, 0, value).footers)


def test_keys_do_nothing_outside_rating_cells(view, qtbot):
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 2))
    with qtbot.assertNotEmitted(view.rating_edited):
        qtbot.keyClick(view.table, Qt.Key.Key_1)
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)


def test_same_value_is_not_an_edit(view, qtbot):
    m = view.matrix
    view.table.setFocus()
    view.table.setCurrentIndex(_cell(view, 0, 0))
    key = {v: k for k, v in {Qt.Key.Key_1: "CC", Qt.Key.Key_2: "C", Qt.Key.Key_3: "N", Qt.Key.Key_4: "I",
                             Qt.Key.Key_5: "II"}.items()}[m.rating(0, 0)]
    with qtbot.assertNotEmitted(view.rating_edited):
        qtbot.keyClick(view.table, key)


def test_undoable_command_flow_refreshes_and_keeps_the_selection(view, qtbot, seeded):
    """What the main window does: push SetRatingCommand on rating_edited, refresh every view after it."""
    stack = QUndoStack()

    def push(evidence_id, key, old, new):
        stack.push(SetRatingCommand(seeded, evidence_id, view.key_of(evidence_id), key, old, new, view.refresh))

    view.rating_edited.connect(push)
    m = view.matrix
    # the most diagnostic item alone in its group: rating all three N makes it non-diagnostic (greyed: in a
    # group an N/N/N member still dilutes the group's mean), so it moves down on refresh
    row = next(r for r in range(m.n_rows) if (m.groups == m.groups[r]).sum() == 1)
    evidence_id = int(m.evidence_ids[row])
    view.table.setFocus()
    for j in range(3):
        view.table.setCurrentIndex(_cell(view, view.model.row_of(evidence_id), j))
        qtbot.keyClick(view.table, Qt.Key.Key_3)
    changed = sum(m.rating(row, j) != "N" for j in range(3))
    assert stack.count() == changed >= 2
    assert view.selected_evidence_id() == evidence_id
    assert view.model.row_of(evidence_id) > row
    assert view.table.currentIndex().column() == N_FIXED + 2
    assert view.matrix.diagnosticity[view.model.row_of(evidence_id)] == 0
    assert view.model.index(view.model.row_of(evidence_id), 0).data(GREYED_ROLE) is True
    assert _footer_texts(view) == _report_texts(likelihoods_as_of(seeded, SID))
    for _ in range(changed):
        stack.undo()
    assert view.model.row_of(evidence_id) == row and view.selected_evidence_id() == evidence_id
    assert _footer_texts(view) == _expected_texts(m.footers)


def test_set_as_of_counts_only_earlier_evidence(view, seeded):
    day = date(2025, 11, 16)
    view.set_as_of(day)
    report = likelihoods_as_of(seeded, SID, day)
    assert view.model.rowCount() == report.evidence_count < 54
    assert _footer_texts(view) == _report_texts(report)
    assert "as of 2025-11-16" in view.footer_model.index(2, 0).data()
    view.set_as_of(None)
    assert view.model.rowCount() == 54


def test_footer_follows_column_widths_and_horizontal_scroll(view, qtbot):
    view.resize(700, 500)
    qtbot.wait(10)
    header = view.table.horizontalHeader()
    view.table.setColumnWidth(N_FIXED + 1, 233)
    for i in range(view.model.columnCount()):
        assert view.footer.columnWidth(i) == header.sectionSize(i)
    bar = view.table.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert view.footer.horizontalScrollBar().value() == bar.value()
    assert view.footer.columnViewportPosition(N_FIXED) == view.table.columnViewportPosition(N_FIXED)


def test_text_is_fetched_a_page_at_a_time(seeded, monkeypatch):
    from desktop.ui.matrix import model as model_module

    monkeypatch.setattr(model_module, "PAGE_ROWS", 10)
    m = ach_matrix(seeded, SID)
    asked: list[list[int]] = []
    model = MatrixModel()
    model.set_matrix(m, lambda ids: asked.append(list(ids)) or [])
    assert asked == [] and model.rowCount() == 54   # a reset asks for nothing
    model.index(0, 2).data()
    model.index(9, 2).data()
    model.index(9, 6).data(Qt.ItemDataRole.BackgroundRole)
    assert asked == [[int(i) for i in m.evidence_ids[:10]]]
    model.index(53, 2).data()
    assert asked[-1] == [int(i) for i in m.evidence_ids[50:]]
    assert model.pages_fetched == 2


def test_models_pass_the_qt_model_tester(qtmodeltester, seeded):
    m = ach_matrix(seeded, SID)
    model = MatrixModel()
    model.set_matrix(m, lambda ids: [])
    qtmodeltester.check(model)
    footer = MatrixFooterModel()
    footer.set_footers(m.footers, tuple(s.name for s in m.scenarios))
    qtmodeltester.check(footer)
    empty = MatrixModel()
    qtmodeltester.check(empty)


def test_delegate_edit_with_a_window_that_refreshes_at_once(view, qtbot, seeded):
    """The window reads everything again inside rating_edited (a model reset under the open editor)."""
    stack = QUndoStack()
    view.rating_edited.connect(lambda i, k, old, new: stack.push(
        SetRatingCommand(seeded, i, view.key_of(i) or "", k, old, new, view.refresh)))
    m = view.matrix
    evidence_id = int(m.evidence_ids[0])
    index = _cell(view, 0, 0)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    combo = view.table.viewport().findChild(QComboBox, "ratingEditor")
    combo.setCurrentIndex(CHOICES.index("N"))
    combo.activated.emit(combo.currentIndex())
    qtbot.wait(20)   # deferred deletes run
    assert stack.count() == 1
    assert view.table.viewport().findChild(QComboBox, "ratingEditor") is None
    assert view.table.state() != view.table.State.EditingState
    row = view.model.row_of(evidence_id)
    assert view.matrix.rating(row, 0) == "N" and view.selected_evidence_id() == evidence_id
    assert _footer_texts(view) == _report_texts(likelihoods_as_of(seeded, SID))


def test_as_of_before_any_evidence_shows_an_empty_grid_and_the_priors(view, seeded):
    view.set_as_of(date(2000, 1, 1))
    assert view.model.rowCount() == 0
    assert _footer_texts(view) == _report_texts(likelihoods_as_of(seeded, SID, date(2000, 1, 1)))
    view.table.viewport().repaint()
    view.set_as_of(None)
    assert view.model.rowCount() == 54


def _visible_rows(v: MatrixView) -> range:
    top = v.table.rowAt(0)
    bottom = v.table.rowAt(v.table.viewport().height() - 1)
    return range(top, (bottom if bottom >= 0 else v.model.rowCount() - 1) + 1)


def test_refresh_keeps_the_top_row_and_follows_a_visible_current_item(view, seeded):
    view.resize(1200, 400)
    view.table.scrollTo(view.model.index(20, 0), view.table.ScrollHint.PositionAtTop)
    current_id = view.model.evidence_id(22)
    view.table.setCurrentIndex(_cell(view, 22, 1))
    ev.set_rating(seeded, current_id, "negotiation", "II")   # more diagnostic now: it moves up, out of sight
    view.refresh()
    assert view.selected_evidence_id() == current_id
    assert view.model.row_of(current_id) < 20
    assert view.model.row_of(current_id) in _visible_rows(view)   # followed
    assert view.table.currentIndex().column() == N_FIXED + 1

    # an off-screen current item does not pull the view away from where the reader is
    view.table.scrollToBottom()
    top_id = view.model.evidence_id(view.table.rowAt(0))
    ev.set_rating(seeded, current_id, "negotiation", "CC")
    view.refresh()
    assert view.model.evidence_id(view.table.rowAt(0)) == top_id
    assert view.selected_evidence_id() == current_id
