"""Every text the app paints reads on its background (WCAG AA, 4.5:1) in the light and the dark palette.

The palettes are set with QPalette (CI has no desktop theme). Besides the theme module's own list of
pairs, the pairs are read back from what the window shows: every visible label (its resolved text
colour, and any colour inline in its rich text, against the background actually painted under
it), every item view's cells (their foreground and background roles, or the view's palette),
the matrix and its footers, and the charts' ink against their background.
"""

from __future__ import annotations

import re
from collections import Counter
from types import SimpleNamespace

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.ui import settings
from desktop.ui.common import appearance
from desktop.ui.common.appearance import choose_theme, dark_palette, light_palette
from desktop.ui.common.theme import (
    AA, colours, contrast_ratio, ensure_contrast, readable_on, relative_luminance, text_pairs,
)
from desktop.ui.main_window import TABS

PALETTES = {"light": light_palette, "dark": dark_palette}


# --- the arithmetic ---------------------------------------------------------------------------------

def test_wcag_formula_gives_the_published_figures():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)
    assert relative_luminance("#ffffff") == pytest.approx(1.0) and relative_luminance("#000000") == 0
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)   # the usual AA grey
    assert contrast_ratio("#777777", "#ffffff") < AA
    assert contrast_ratio("#ffffff", "#c62828") == pytest.approx(5.62, abs=0.01)


def test_ensure_contrast_keeps_a_readable_colour_and_fixes_one_that_is_not():
    assert ensure_contrast("#1b5e20", "#ffffff") == "#1b5e20"
    fixed = QColor(ensure_contrast("#ef8f00", "#ffffff"))         # amber on white: 2.3:1
    assert contrast_ratio(fixed, "#ffffff") >= AA
    assert abs(fixed.hslHue() - QColor("#ef8f00").hslHue()) <= 3  # still amber, darker
    lighter = QColor(ensure_contrast("#1f77b4", "#1d2023"))       # blue on a dark base, lightened
    assert contrast_ratio(lighter, "#1d2023") >= AA and lighter.lightness() > QColor("#1f77b4").lightness()
    assert readable_on("#1b7f3b", "#000000") == "#ffffff"           # black on dark green fails: white
    assert readable_on("#eeeeee", "#000000") == "#000000"


# --- palettes set for a test ------------------------------------------------------------------------

@pytest.fixture(params=list(PALETTES))
def palette(request, qapp):
    """The application in the light or the dark palette for one test, then as it was."""
    before = QPalette(qapp.palette())
    qapp.setPalette(PALETTES[request.param]())
    yield request.param
    qapp.setPalette(before)


def test_the_palettes_are_what_they_say(palette):
    c = colours()
    assert c.dark is (palette == "dark")
    assert relative_luminance(c.window) > 0.5 if palette == "light" else relative_luminance(c.window) < 0.05


def test_the_palettes_own_pairs_read(palette):
    p, r = QApplication.palette(), QPalette.ColorRole
    for fg, bg in ((r.WindowText, r.Window), (r.Text, r.Base), (r.Text, r.AlternateBase), (r.ButtonText, r.Button),
                   (r.HighlightedText, r.Highlight), (r.ToolTipText, r.ToolTipBase), (r.PlaceholderText, r.Base),
                   (r.Link, r.Base)):
        ratio = contrast_ratio(p.color(fg), p.color(bg))
        assert ratio >= AA, f"{fg.name} on {bg.name}: {ratio:.2f}"


def test_every_listed_pair_reaches_aa(palette):
    pairs = text_pairs(colours())
    assert len(pairs) > 60
    failing = [f"{p.what}: {p.text} on {p.background} = {contrast_ratio(p.text, p.background):.2f}"
               for p in pairs if contrast_ratio(p.text, p.background) < AA]
    assert not failing


# --- what the window paints ---------------------------------------------------------------------

def _colour(value, fallback: QColor) -> QColor:
    if isinstance(value, QBrush):
        return value.color() if value.style() != Qt.BrushStyle.NoBrush else fallback
    if isinstance(value, QColor):
        return value
    return fallback


def _painted_background(image: QImage, rect: QRect) -> QColor:
    """The colour most of the rectangle is painted in (text covers the lesser part of a label)."""
    counts = Counter(image.pixel(x, y) for y in range(rect.top(), rect.bottom() + 1, 2)
                     for x in range(rect.left(), rect.right() + 1, 2))
    return QColor.fromRgb(counts.most_common(1)[0][0])


INLINE_COLOUR = re.compile(r"color:\s*(#[0-9a-fA-F]{6})")
HTML_COLOUR = re.compile(r"color:\s*#(?:[0-9a-fA-F]{2})?([0-9a-fA-F]{6})\b")


def label_pairs(window: QWidget) -> list[tuple[str, QColor, QColor]]:
    """(what, text colour, painted background) for every visible label with text."""
    image = window.grab().toImage()
    pairs = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip():
            continue
        seen = label.visibleRegion().boundingRect()
        if seen.width() < 4 or seen.height() < 4:
            continue
        rect = QRect(label.mapTo(window, seen.topLeft()), seen.size()) & image.rect()
        background = _painted_background(image, rect)
        what = f"label {label.objectName() or label.text()[:30]!r}"
        pairs.append((what, label.palette().color(label.foregroundRole()), background))
        for inline in INLINE_COLOUR.findall(label.text()):
            pairs.append((f"{what} inline", QColor(inline), background))
    return pairs


def _indexes(model, parent=QModelIndex(), limit=200):
    for row in range(min(model.rowCount(parent), limit)):
        col = 0
        while (index := model.index(row, col, parent)).isValid():    # (a list model hides columnCount)
            yield index
            if col == 0 and model.rowCount(index):
                yield from _indexes(model, index, limit)
            col += 1


def view_pairs(view: QAbstractItemView) -> list[tuple[str, QColor, QColor]]:
    """(what, text, background) for every cell with text: its own colours, or the view's palette."""
    model, palette = view.model(), view.palette()
    text = palette.color(QPalette.ColorRole.Text)
    plain = [palette.color(QPalette.ColorRole.Base)]
    if view.alternatingRowColors():
        plain.append(palette.color(QPalette.ColorRole.AlternateBase))
    pairs = []
    for index in _indexes(model):
        if not str(index.data() or "").strip():
            continue
        fg = _colour(index.data(Qt.ItemDataRole.ForegroundRole), text)
        own = index.data(Qt.ItemDataRole.BackgroundRole)
        for bg in ([_colour(own, plain[0])] if own is not None else plain):
            pairs.append((f"{view.objectName()} ({index.row()}, {index.column()}) {index.data()!s:.20}", fg, bg))
    return pairs


def chart_pairs(window: QWidget) -> list[tuple[str, QColor, QColor]]:
    pairs = []
    for plot in window.findChildren(pg.PlotWidget):
        name = plot.objectName()
        background = plot.backgroundBrush().color()
        item = plot.getPlotItem()
        for axis in ("left", "bottom"):
            pairs.append((f"{name} {axis} axis", item.getAxis(axis).textPen().color(), background))
        if item.legend is not None:       # the colour in the text as laid out, not the option
            for _sample, label in item.legend.items:
                for colour in HTML_COLOUR.findall(label.item.toHtml()):
                    pairs.append((f"{name} legend {label.text}", QColor("#" + colour), background))
        for child in item.items:
            if isinstance(child, pg.TextItem) and child.isVisible() and child.toPlainText():
                pairs.append((f"{name} text {child.toPlainText()}", child.textItem.defaultTextColor(), background))
            label = getattr(child, "label", None)
            if isinstance(child, pg.InfiniteLine) and label is not None and child.isVisible():
                pairs.append((f"{name} line label {label.toPlainText()}", label.textItem.defaultTextColor(),
                              background))
    return pairs


def failing(pairs) -> list[str]:
    return [f"{what}: {fg.name()} on {bg.name()} = {contrast_ratio(fg, bg):.2f}"
            for what, fg, bg in pairs if contrast_ratio(fg, bg) < AA]


def _announce_crossing(window) -> None:
    added = SimpleNamespace(after=SimpleNamespace(value="red"), scenarios={"escalation": 1},
                            indicator_name="People killed in US boat strikes")
    draft = EvidenceDraft(quote="People killed: at least 90 people on 2025-11-25, past the alert threshold of 80.",
                          observed_at=None, ratings={})
    window.threshold_notice.announce(added, draft, dict(window.context.scenarios))


def test_everything_the_window_paints_reads(palette, window, qtbot):
    window.resize(1280, 720)
    _announce_crossing(window)
    pairs = []
    for tab in TABS:
        window.show_view(tab)
        QApplication.processEvents()
        pairs += label_pairs(window)
        pairs += chart_pairs(window)
        for view in window.tabs.currentWidget().findChildren(QAbstractItemView):
            if view.isVisible() and view.model() is not None:
                pairs += view_pairs(view)
    names = " ".join(what for what, _fg, _bg in pairs)
    # the pairs the issue found unreadable are among those checked
    for expected in ("Military escalation", "likely", "matrixFooter", "matrixTable", "compareNote",
                     "thresholdNoticeText", "probabilityHistory legend", "probabilityBars text", "tileName",
                     "sourceTable", "indicatorList"):
        assert expected in names, expected
    assert len(pairs) > 500
    assert not failing(pairs)


def test_the_check_fails_on_a_hard_coded_colour(palette, window):
    """A label given a fixed white (the old cards did this kind of thing) must be caught in the light palette,
    and a fixed dark grey in the dark one."""
    window.resize(1280, 720)
    label = window.cards.cards[0].words
    label.setStyleSheet("color: #ffffff;" if palette == "light" else "color: #263238;")
    QApplication.processEvents()
    what = f"label {label.objectName() or label.text()[:30]!r}"     # as label_pairs names it
    assert any(line.startswith(what) for line in failing(label_pairs(window)))


def test_switching_the_theme_recolours_without_a_restart(window, qtbot):
    window.resize(1280, 720)
    window.show_view("matrix")
    menu = window.findChild(QWidget, "themeMenu")
    actions = {a.objectName(): a for a in menu.actions()}
    assert actions["theme_system"].isChecked()
    card = window.cards.cards[0]
    try:
        actions["theme_dark"].trigger()
        QApplication.processEvents()
        c = colours()
        assert c.dark and settings.THEME.read() == "dark" and actions["theme_dark"].isChecked()
        image = window.grab().toImage()
        inside = card.mapTo(window, QPoint(card.width() - 4, card.height() // 2))
        assert QColor(image.pixel(inside)).name() == c.card        # the card repainted dark
        assert relative_luminance(c.card) < 0.05
        assert not failing(label_pairs(window) + view_pairs(window.matrix.table) + view_pairs(window.matrix.footer))
        window.show_view("dashboard")
        QApplication.processEvents()
        charts = chart_pairs(window)
        assert any("legend" in what for what, _fg, _bg in charts) and not failing(charts)
        window.show_view("matrix")
        cell = window.matrix.model.index(0, 5)
        assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == c.rating_fill[cell.data()]
        actions["theme_light"].trigger()
        QApplication.processEvents()
        assert not colours().dark and settings.THEME.read() == "light"
        assert QColor(window.grab().toImage().pixel(inside)).name() == colours().card
    finally:
        choose_theme("system")
    assert appearance.current_theme() == "system" and settings.THEME.read() == "system"


def test_the_saved_theme_applies_at_start_and_system_gives_the_desktop_back(qapp):
    from desktop.ui.common.appearance import apply_saved_theme

    desktop = QPalette(qapp.palette())
    try:
        settings.THEME.write("dark")
        assert apply_saved_theme(qapp) == "dark"
        assert colours().dark and qapp.style().name().lower() == "fusion"
        settings.THEME.write("no such theme")
        assert apply_saved_theme(qapp) == "system"
        assert qapp.palette().color(QPalette.ColorRole.Window) == desktop.color(QPalette.ColorRole.Window)
        assert not colours().dark
    finally:
        choose_theme("system")
