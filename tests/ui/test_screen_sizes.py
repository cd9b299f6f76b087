"""The window on 1280×720 and 1366×768 screens: it opens inside the screen, and what the issue found cut
(the as-of slider and Latest, the matrix's key and quote columns, its footers and last scenario, the
Sources list's titles) is there in full."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton

from desktop.ui.common.appearance import first_size
from desktop.ui.matrix.model import N_FIXED
from desktop.ui.matrix.view import QUOTE_MIN_WIDTH
from desktop.ui.sources.view import READER_MIN_WIDTH, TITLE_CHARACTERS
from tests.conftest import ROOT

SIZES = [(1280, 720), (1366, 768)]
MARGINS = 2 * 4     # a cell's text margins, both sides, in the default delegate and the grid's painter


def test_first_size_fits_the_available_area():
    assert first_size(QRect(0, 0, 1280, 720)) == QSize(1216, 684)
    assert first_size(QRect(0, 32, 1366, 736)) == QSize(1297, 699)        # a panel takes 32 px
    assert first_size(QRect(0, 0, 1920, 1080)) == QSize(1440, 900)        # room enough: the usual size
    assert first_size(QRect(0, 0, 2560, 1440)) == QSize(1440, 900)


FIRST_LAUNCH = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QRect
    from desktop.services.workspace import open_workspace
    from desktop.ui import settings
    from desktop.ui.app import application
    from desktop.ui.main_window import MainWindow

    app = application()
    available = app.primaryScreen().availableGeometry()
    db = open_workspace(sys.argv[1])
    out = {"available": available.getRect()}
    window = MainWindow(db)                      # nothing saved yet: the first launch
    window.show()
    app.processEvents()
    out["first"] = window.frameGeometry().getRect()
    out["as_of_visible"] = window.as_of_bar.latest.isVisible()
    window.resize(1440, 900)                     # saved larger than this screen (another monitor, say)
    window.close()                               # saves the geometry
    again = MainWindow(db)
    again.show()
    app.processEvents()
    out["restored"] = again.frameGeometry().getRect()
    print(json.dumps(out))
""")


@pytest.mark.parametrize("width,height", SIZES)
def test_first_launch_fits_a_small_screen(tmp_path, width, height):
    """A real offscreen screen of that size, in a process of its own (Qt has one screen set-up per process)."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-c", FIRST_LAUNCH, str(tmp_path / "t.db")], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    available = QRect(*out["available"])
    assert available.size() == QSize(width, height)
    first, restored = QRect(*out["first"]), QRect(*out["restored"])
    assert available.contains(first), (first, available)
    assert first.width() >= 0.9 * width and first.height() >= 0.9 * height    # and uses the screen
    assert out["as_of_visible"]
    assert available.contains(restored), (restored, available)


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def small(request, window):
    window.resize(*request.param)
    QApplication.processEvents()
    assert (window.width(), window.height()) == request.param
    return window


def _in_window(window, widget) -> bool:
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and rect.width() > 0 and window.rect().contains(rect)


def test_the_as_of_slider_and_latest_stay_in_the_toolbar(small):
    bar = small.findChild(QToolBar, "situationBar")
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()     # nothing pushed into the >> menu
    as_of = small.as_of_bar
    for widget in (as_of, as_of.slider, as_of.label, as_of.latest, small.situation_box):
        assert _in_window(small, widget), widget.objectName()
    assert as_of.slider.width() >= 150
    label = as_of.label
    assert label.fontMetrics().horizontalAdvance("latest (all evidence)") <= label.contentsRect().width()


def test_matrix_columns_and_footers_read_in_full(small):
    small.show_view("matrix")
    QApplication.processEvents()
    view = small.matrix
    table, header, model = view.table, view.table.horizontalHeader(), view.model
    columns = model.columnCount()
    assert columns == N_FIXED + 3
    # every column, the last scenario included, inside the grid: nothing to scroll to
    last = columns - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    titles = header.fontMetrics()
    cells = table.fontMetrics()
    for col in range(columns):
        title = model.headerData(col, Qt.Orientation.Horizontal)
        assert titles.horizontalAdvance(title) + MARGINS <= header.sectionSize(col), title
    for row in range(model.rowCount()):            # keys, dates, weights in full (the quote is elided)
        for col in (0, 1, 3, 4):
            text = model.index(row, col).data()
            assert cells.horizontalAdvance(text) + MARGINS <= header.sectionSize(col), text
    assert header.sectionSize(2) >= QUOTE_MIN_WIDTH
    quote = model.index(0, 2).data()
    shown = cells.elidedText(quote, Qt.TextElideMode.ElideRight, header.sectionSize(2) - MARGINS)
    assert len(shown.rstrip("…")) >= 30
    # footers: "Inconsistency −6", "P 24% unlikely" … in full, even in bold (the leading figure is)
    footer, footer_model = view.footer, view.footer_model
    bold = QFont(footer.font())
    bold.setBold(True)
    wide = QFontMetrics(bold)
    texts = []
    for row in range(footer_model.rowCount()):
        label = footer_model.index(row, 0).data()
        span = sum(footer.columnWidth(c) for c in range(N_FIXED))
        assert footer.fontMetrics().horizontalAdvance(label) + MARGINS <= span, label
        for col in range(N_FIXED, columns):
            text = footer_model.index(row, col).data()
            texts.append(text)
            assert footer.columnWidth(col) == header.sectionSize(col)
            assert wide.horizontalAdvance(text) + MARGINS <= footer.columnWidth(col), text
    assert any(t.startswith("Inconsistency") for t in texts) and any(t.startswith("P ") for t in texts)
    # and the footer is as wide as the grid, under it
    assert footer.viewport().width() == table.viewport().width()


def test_sources_list_shows_readable_titles(small):
    small.show_view("sources")
    QApplication.processEvents()
    view = small.sources
    header = view.table.horizontalHeader()
    width = header.sectionSize(1) - MARGINS
    metrics = view.table.fontMetrics()
    titles = [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())]
    assert titles
    for title in titles:
        shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, width)
        assert len(shown.rstrip("…")) >= min(len(title), TITLE_CHARACTERS), shown
    # the other columns in full, the reader and the suggestions still there
    for col, text in ((0, "2025-11-24"), (3, "Grade")):
        assert header.fontMetrics().horizontalAdvance(text) + MARGINS <= header.sectionSize(col)
    assert header.sectionViewportPosition(3) + header.sectionSize(3) <= view.table.viewport().width()
    assert view.reader.width() >= READER_MIN_WIDTH
    assert view.suggestions.width() >= view.suggestions.minimumSizeHint().width()
    for button in (view.suggestions.accept_button, view.suggestions.reject_button, view.suggestions.find_button):
        assert _in_window(small, button)
