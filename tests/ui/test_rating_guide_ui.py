"""The rating rule in the window: the scale on the rating columns' and buttons' tooltips, the guide under Help."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QToolButton

from desktop.domain.grading import RATINGS
from desktop.domain.rating_rule import GUIDE_POINTER, RATING_MEANINGS, RATING_QUESTION, rating_line
from desktop.ui.matrix.model import N_FIXED
from desktop.ui.rating_guide import RatingGuideDialog

from tests.conftest import ROOT


def test_a_matrix_scenario_column_explains_the_scale_and_a_cell_its_own_rating(window):
    window.show_view("matrix")
    model = window.matrix.model
    m = model.matrix
    for j, scenario in enumerate(m.scenarios):
        tip = model.headerData(N_FIXED + j, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith(scenario.name) and RATING_QUESTION in " ".join(tip.split())
        for value in RATINGS:                                   # CC … NA, one line each
            assert rating_line(value) in tip.splitlines(), value
    row, j = 0, 0
    value = m.rating(row, j)
    tip = model.index(row, N_FIXED + j).data(Qt.ItemDataRole.ToolTipRole)
    assert f"{m.keys[row]} against “{m.scenarios[j].name}”: {value} — {RATING_MEANINGS[value]}" in tip
    assert GUIDE_POINTER in tip
    # the fixed columns say nothing about ratings
    assert rating_line("CC") not in (model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or "")


def test_the_evidence_dialog_rating_buttons_say_what_each_letter_claims(qtbot, seeded):
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QLabel

    from desktop.ui.app import application
    from desktop.ui.evidence.dialog import EvidenceDialog

    application()
    stack = QUndoStack()
    dialog = EvidenceDialog(seeded, 1, [("negotiation", "Negotiated settlement"), ("escalation", "Military escalation")],
                            stack)
    qtbot.addWidget(dialog)
    row = dialog.rating_rows["escalation"]
    for value in RATINGS:
        button = row.findChild(QToolButton, f"rating:escalation:{value}")
        assert button.toolTip().startswith(rating_line(value)), value
    assert RATING_QUESTION in " ".join(row.toolTip().split())
    label = dialog.findChild(QLabel, "ratingsLabel")
    assert all(rating_line(v) in label.toolTip() for v in RATINGS)


def test_help_opens_the_rating_guide_rendered(window, qtbot):
    help_menu = window.menuBar().findChild(QMenu, "helpMenu")
    assert window.rating_guide_action in help_menu.actions()
    assert window.rating_guide_action.text().replace("&", "") == "Rating guide…"
    window.rating_guide_action.trigger()
    dialog = window.findChild(RatingGuideDialog, "ratingGuideDialog")
    assert dialog is not None and dialog.isVisible()
    shown = dialog.browser.toPlainText()
    assert "CC" in shown and RATING_MEANINGS["CC"] in shown and "Seed re-rating, 2026-12" in shown
    # rendered, not the raw Markdown: headings and table rules are gone, the table's cells are there
    source = (ROOT / "docs" / "rating-guide.md").read_text(encoding="utf-8")
    assert "## 1." in source and "## 1." not in shown and "|---|" not in shown
    window.rating_guide_action.trigger()                   # a second time: the same window, raised
    assert window.findChildren(RatingGuideDialog) == [dialog]


def test_the_modal_evidence_dialog_opens_the_guide_itself(qtbot, seeded):
    """Help is out of reach behind a modal dialog: its link opens the guide as the dialog's own child."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QLabel

    from desktop.ui.app import application
    from desktop.ui.evidence.dialog import EvidenceDialog

    application()
    dialog = EvidenceDialog(seeded, 1, [("escalation", "Military escalation")], QUndoStack())
    qtbot.addWidget(dialog)
    dialog.show()
    link = dialog.findChild(QLabel, "ratingGuideLink")
    assert link.isVisible() and "Rating guide" in link.text()
    link.linkActivated.emit("rating-guide")
    guide = dialog.findChild(RatingGuideDialog)
    assert guide is not None and guide.isVisible() and RATING_MEANINGS["II"] in guide.browser.toPlainText()
