"""Charts (issue 11): the crosshair's reading stays inside the plot; date axes say the year and their
labels never run into each other ("31Aug", "Nov03") at any width (pytest-qt)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from desktop.ui.charts.date_axis import CalendarAxis, tick_days, tick_labels, x_of

YEAR = re.compile(r"\b\d{4}\b")


def _inside(outer: QRectF, inner: QRectF) -> bool:
    return (inner.left() >= outer.left() - 0.5 and inner.right() <= outer.right() + 0.5
            and inner.top() >= outer.top() - 0.5 and inner.bottom() <= outer.bottom() + 0.5)


def _strings_and_rects(axis: CalendarAxis, lo: date, hi: date, width: int):
    """The axis' own ticks and labels for `width` pixels, as rectangles centred on their ticks."""
    levels = axis.tickValues(x_of(lo), x_of(hi), width)
    assert len(levels) == 1                                    # one row of labels: nothing to collide with
    spacing, values = levels[0]
    strings = axis.tickStrings(values, 1, spacing)
    metrics = QFontMetricsF(axis.tick_font())
    scale = width / (x_of(hi) - x_of(lo))
    rects = [QRectF((v - x_of(lo)) * scale - metrics.horizontalAdvance(s) / 2, 0, metrics.horizontalAdvance(s), 10)
             for v, s in zip(values, strings)]
    return strings, rects


@pytest.mark.parametrize("lo, hi", [(date(2025, 8, 20), date(2025, 11, 30)),     # several months
                                    (date(2025, 11, 1), date(2025, 11, 24)),     # weeks
                                    (date(2025, 9, 1), date(2026, 3, 1)),        # across a new year
                                    (date(2019, 5, 1), date(2026, 1, 1))])       # years
@pytest.mark.parametrize("width", [110, 180, 320, 600, 1200])
def test_date_axis_labels_do_not_overlap_and_say_the_year(qapp, lo, hi, width):
    axis = CalendarAxis()
    strings, rects = _strings_and_rects(axis, lo, hi, width)
    assert strings, (lo, hi, width)
    for a, b in zip(rects, rects[1:]):
        assert a.right() < b.left(), (strings, width)          # a gap between every two labels
    whole = [s for s, r in zip(strings, rects) if r.left() >= 0 and r.right() <= width]
    assert any(YEAR.search(s) for s in whole), (strings, width)   # a year on a label shown whole


def test_date_axis_formats():
    days = tick_days("week", 1, date(2025, 12, 20), date(2026, 1, 12))
    assert days == [date(2025, 12, 22), date(2025, 12, 29), date(2026, 1, 5), date(2026, 1, 12)]
    assert tick_labels("week", days) == ["22 Dec 2025", "29 Dec", "5 Jan 2026", "12 Jan"]
    months = tick_days("month", 1, date(2025, 10, 2), date(2026, 2, 1))
    assert tick_labels("month", months) == ["Nov 2025", "Dec", "Jan 2026", "Feb"]
    assert tick_labels("month", months, with_year=1) == ["Nov", "Dec 2025", "Jan 2026", "Feb"]
    assert tick_labels("year", tick_days("year", 1, date(2023, 6, 1), date(2026, 1, 1))) == ["2024", "2025", "2026"]
    assert tick_days("month", 3, date(2025, 1, 1), date(2025, 12, 31)) == [date(2025, m, 1) for m in (1, 4, 7, 10)]


def test_the_drawn_axis_of_the_indicator_chart_has_no_colliding_labels(window, qtbot):
    window.show_view("indicators")
    view = window.indicators
    assert view.select_indicator("people_killed")           # 2 Sep to 24 Nov 2025
    plot = view.chart.widget
    for width in (260, 420, 900):
        plot.resize(width, 300)
        qtbot.wait(1)                                        # let the layout settle (no timing asserted)
        view.chart.fit_all()
        axis = plot.getPlotItem().getAxis("bottom")
        assert isinstance(axis, CalendarAxis)
        image = QImage(width, 300, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        _axis_spec, _ticks, texts = axis.generateDrawSpecs(painter)
        painter.end()
        rects = sorted((r for r, _flags, _s in texts), key=lambda r: r.left())
        assert len(rects) >= 2, width
        for a, b in zip(rects, rects[1:]):
            assert not a.intersects(b), [s for _r, _f, s in texts]
        assert any(YEAR.search(s) for _r, _f, s in texts), [s for _r, _f, s in texts]


def _chart(qtbot, seeded, width: int, height: int):
    """An indicator chart on its own at a given size, drawing people_killed (11 on 2 Sep to 83 on 24 Nov)."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from desktop.services.indicators import indicator_overview
    from desktop.ui.charts.indicator_chart import IndicatorChart

    chart = IndicatorChart()
    # In a plain parent, as in the window: pytest-qt closes the parent, never the PlotWidget itself
    # (pyqtgraph's GraphicsView.close drops its viewport, which crashes PySide at teardown).
    holder = QWidget()
    chart.holder = holder              # the test holds the chart, the chart its parent widget
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(chart.widget)
    qtbot.addWidget(holder)
    holder.resize(width, height)
    holder.show()
    qtbot.waitExposed(holder)
    chart.set_series(next(s for s in indicator_overview(seeded, 1) if s.key == "people_killed"))
    return chart


def _label_rect(chart) -> QRectF:
    chart.widget.grab()          # paint once: a TextItem settles its scale to the view's when painted
    return chart.label.sceneBoundingRect()


@pytest.mark.parametrize("width, height", [(420, 260), (900, 400)])
def test_crosshair_label_stays_inside_the_view_box(qtbot, seeded, width, height):
    chart = _chart(qtbot, seeded, width, height)
    plot = chart.widget.getPlotItem()
    plot.setYRange(0, 84, padding=0)                         # the last figure, 83, at the top edge
    box = plot.vb.sceneBoundingRect()
    last = len(chart.xs) - 1
    chart.show_crosshair(last)                               # the right and top edges
    assert _inside(box, _label_rect(chart)), (box, _label_rect(chart))
    chart.show_crosshair(0)                                  # the left and bottom edges (11 on 2 Sep)
    plot.setYRange(10.5, 90, padding=0)
    assert _inside(box, _label_rect(chart))                  # placed again when the view moves
    # the mouse at the top right corner of the box: the nearest point is the last, its reading inside
    plot.setYRange(0, 84, padding=0)
    chart._mouse_moved((QPointF(box.right() - 1, box.top() + 1),))
    assert chart.label.isVisible() and chart.hover_text.startswith("24 Nov 2025")
    assert _inside(box, _label_rect(chart))


def test_a_reading_wider_than_the_chart_wraps_to_it(qtbot, seeded):
    from types import SimpleNamespace

    chart = _chart(qtbot, seeded, 260, 150)
    note = "Reported by two outlets the same evening; the second gave a higher count, kept as a qualifier."
    row = SimpleNamespace(qualifier="at least", evidence="e20", evidence_id=None, note=note)
    chart.set_series(chart.series, details=lambda i: row)
    chart.show_crosshair(len(chart.xs) - 1)
    box = chart.widget.getPlotItem().vb.sceneBoundingRect()
    label = _label_rect(chart)
    assert chart.hover_text.splitlines()[-1] == note[:79] + "…"
    assert label.width() <= box.width() and label.height() > 60      # wrapped onto more lines
    assert _inside(box, label)
    chart.show_crosshair(0)
    assert _inside(box, _label_rect(chart))
