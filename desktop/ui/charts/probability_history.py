"""Scenario probabilities over time: a line per scenario on a date axis, a clickable mark per
evidence item on the day it was reported (when it started to count), the analyst's judgements as
points, and the as-of date and the situation's horizon as vertical lines."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal

from desktop.ui.charts.base import new_plot
from desktop.ui.charts.export import add_export_menu
from desktop.ui.common.theme import Colours, colours, epoch, follow_palette

DAY = 86400.0
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class _Signals(QObject):
    evidence_clicked = Signal(int)


def judgement_label(round_) -> str:
    """"Analyst judgement 2025-11-20", and when it was entered on another day, "(entered 2025-12-01 09:30)"."""
    entered = round_.made_at.astimezone()
    label = f"Analyst judgement {round_.stated_on.isoformat()}"
    return label if entered.date() == round_.stated_on else f"{label} (entered {entered:%Y-%m-%d %H:%M})"


class ProbabilityHistoryChart:
    """Owns a PlotWidget; `set_data` redraws from the services' history and judgement rounds."""

    DEFAULT_SPAN_DAYS = 120

    def __init__(self):
        self.signals = _Signals()
        self.evidence_clicked = self.signals.evidence_clicked
        self.widget = new_plot(with_dates=True)
        add_export_menu(self.widget, "probabilities")
        self.widget.setObjectName("probabilityHistory")
        plot = self.widget.getPlotItem()
        plot.setLabel("left", "probability", units="%")
        plot.setYRange(0, 100, padding=0.02)
        plot.setLimits(yMin=-5, yMax=105)
        # Only the days in view are stroked (the chart opens on the last 120 of a year or more);
        # antialiased wide lines are most of what a refresh paints.
        plot.setClipToView(True)
        self.legend = plot.addLegend(offset=(10, 10), labelTextSize="9pt", labelTextColor=colours().chart_foreground)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.markers: pg.ScatterPlotItem | None = None
        self.judgements: dict[str, pg.ScatterPlotItem] = {}
        self.as_of_line: pg.InfiniteLine | None = None
        self.horizon_line: pg.InfiniteLine | None = None
        self.shows_as_of = False
        self._x_span: tuple[float, float] | None = None
        self._markers = None
        self._day_counts: dict[int, int] = {}
        self._scenarios: list = []
        self.reference_line: pg.InfiniteLine | None = None
        follow_palette(self.widget, self._recolour, now=False)

    def set_data(self, history, rounds=(), as_of=None, horizon: date | None = None) -> None:
        """Update the lines, marks and judgements in place (items are made once per set of scenarios:
        re-creating them repainted the axes too, the slowest part of a refresh)."""
        plot = self.widget.getPlotItem()
        scenario_keys = [m.key for m in history.scenarios]
        if list(self.curves) != scenario_keys or self.as_of_line is None:
            self._rebuild(plot, history.scenarios)
        xs = (history.day_numbers - EPOCH_ORDINAL) * DAY
        ys = history.probabilities * 100
        later = max((epoch(r.stated_on) for r in rounds), default=None)
        if later is not None and len(xs) and later > xs[-1]:
            # Judged after the last evidence: the model stands where it was, so carry its lines on to there.
            xs, ys = np.append(xs, later), np.vstack([ys, ys[-1:]])
        for j, key in enumerate(scenario_keys):
            self.curves[key].setData(xs, ys[:, j])
        self._update_markers(history.markers)
        self._update_judgements(history.scenarios, rounds)
        if as_of is None:
            self.as_of_line.hide()
        else:
            self.as_of_line.setValue(epoch(as_of))
            self.as_of_line.show()
        self.shows_as_of = as_of is not None
        if horizon is None:
            self.horizon_line.hide()
        else:
            self.horizon_line.setValue(epoch(horizon))
            self.horizon_line.show()
        if len(xs):
            end = xs[-1]
            # Open on the recent past, where an analyst looks first; the rest is a pan away.
            span = (max(xs[0], end - self.DEFAULT_SPAN_DAYS * DAY), end)
            if horizon is not None and end < epoch(horizon) <= end + self.DEFAULT_SPAN_DAYS * DAY:
                span = (span[0], epoch(horizon))     # and how far there is still to go
            if span != self._x_span:
                pad = max((span[1] - span[0]) * 0.02, DAY)
                plot.setXRange(span[0] - pad, span[1] + pad, padding=0)
                self._x_span = span

    def _recolour(self, c: Colours) -> None:
        """Lines, marks, the 50 % line and the as-of line in the palette's colours (items stay; the legend and
        the axes follow in desktop.ui.charts.base)."""
        for j, meta in enumerate(self._scenarios):
            colour = c.scenario(meta.colour, j)
            self.curves[meta.key].setPen(pg.mkPen(colour, width=2.5))
            self.judgements[meta.key].setBrush(pg.mkBrush(colour))
            self.judgements[meta.key].setPen(pg.mkPen(c.chart_background, width=1.5))
        if self.markers is not None:
            self.markers.setBrush(pg.mkBrush(c.chart_marker))
            self.markers.opts["hoverBrush"] = pg.mkBrush(c.chart_marker_hover)
        if self.reference_line is not None:
            self.reference_line.setPen(pg.mkPen(c.chart_reference, style=Qt.PenStyle.DashLine))
        if self.as_of_line is not None:
            self.as_of_line.setPen(pg.mkPen(c.chart_foreground, width=1.5, style=Qt.PenStyle.DashDotLine))
            self.as_of_line.label.setColor(c.chart_foreground)
        if self.horizon_line is not None:
            self.horizon_line.setPen(pg.mkPen(c.chart_foreground, width=1.5, style=Qt.PenStyle.DotLine))
            self.horizon_line.label.setColor(c.chart_foreground)

    def _rebuild(self, plot, scenarios) -> None:
        c = colours()
        self._scenarios = list(scenarios)
        plot.clear()
        self.legend.clear()
        self.curves, self.judgements = {}, {}
        for j, meta in enumerate(scenarios):
            colour = c.scenario(meta.colour, j)
            self.curves[meta.key] = plot.plot([], [], pen=pg.mkPen(colour, width=2.5), name=meta.name)
            # Separate segments, not one path: Qt strokes an antialiased wide path ~4x slower, and at
            # one point a day the overlap at the joints does not show.
            self.curves[meta.key].curve.setSegmentedLineMode("on")
            item = pg.ScatterPlotItem(symbol="d", size=13, brush=pg.mkBrush(colour),
                                      pen=pg.mkPen(c.chart_background, width=1.5),
                                      hoverable=True, tip=lambda x, y, data, name=meta.name: (
                                          f"{judgement_label(data)}: {name} {y:.0f}%\n{data.rationale[:200]}"))
            plot.addItem(item)
            self.judgements[meta.key] = item
        self.markers = pg.ScatterPlotItem(symbol="t1", size=9, brush=pg.mkBrush(c.chart_marker), pen=pg.mkPen(None),
                                          hoverable=True, hoverBrush=pg.mkBrush(c.chart_marker_hover), hoverSize=13,
                                          tip=self._marker_tip)
        self.markers.sigClicked.connect(self._clicked)
        plot.addItem(self.markers)
        self.reference_line = pg.InfiniteLine(pos=50, angle=0, pen=pg.mkPen(c.chart_reference,
                                                                            style=Qt.PenStyle.DashLine))
        plot.addItem(self.reference_line)
        self.as_of_line = pg.InfiniteLine(pos=0, angle=90, label="as of", pen=pg.mkPen(
            c.chart_foreground, width=1.5, style=Qt.PenStyle.DashDotLine),
            labelOpts={"position": 0.95, "color": c.chart_foreground})
        self.as_of_line.hide()
        plot.addItem(self.as_of_line)
        self.horizon_line = pg.InfiniteLine(pos=0, angle=90, label="horizon", pen=pg.mkPen(
            c.chart_foreground, width=1.5, style=Qt.PenStyle.DotLine),
            labelOpts={"position": 0.85, "color": c.chart_foreground})
        self.horizon_line.hide()
        plot.addItem(self.horizon_line)
        self._x_span = None

    def _update_judgements(self, scenarios, rounds) -> None:
        """A round is drawn at its stated date (a back-dated round where the analyst put it)."""
        for meta in scenarios:
            pts = [(epoch(r.stated_on), r.probabilities[meta.key] * 100, r) for r in rounds
                   if meta.key in r.probabilities]
            self.judgements[meta.key].setData(x=[p[0] for p in pts], y=[p[1] for p in pts], data=[p[2] for p in pts])

    # Above this many items one mark per item is unreadable (and slow): one mark per day instead.
    MAX_ITEM_MARKS = 1500

    def _update_markers(self, markers) -> None:
        """A triangle per item along the bottom, stacked when a day has several (capped at 20 high);
        for a large log, one per day, its tooltip counting the day's items."""
        n = len(markers) if markers is not None else 0
        days = markers.days if n else np.zeros(0, dtype=np.int64)
        order = np.argsort(days, kind="stable")
        sorted_days = days[order]
        self._markers = markers
        self._day_counts = {}
        if n > self.MAX_ITEM_MARKS:
            unique, first, counts = np.unique(sorted_days, return_index=True, return_counts=True)
            xs, ys, data = (unique - EPOCH_ORDINAL) * DAY, np.full(len(unique), 1.5), order[first]
            self._day_counts = dict(zip(order[first].tolist(), counts.tolist()))
        else:
            first_of_day = np.searchsorted(sorted_days, sorted_days, side="left")
            stack = np.empty(n)
            stack[order] = np.minimum(np.arange(n) - first_of_day, 20)
            xs, ys, data = (days - EPOCH_ORDINAL) * DAY, 1.5 + 2.2 * stack, np.arange(n)
        self.markers.setData(x=xs, y=ys, data=data)

    def _marker_tip(self, x, y, data) -> str:
        i = int(data)
        reported = date.fromordinal(int(self._markers.days[i])).isoformat()
        text = f"{self._markers.keys[i]}: {self._markers.quote(i)[:160]}"
        if self._day_counts:
            return f"{self._day_counts.get(i, 1)} items reported {reported}; e.g. {text}\n(click to open)"
        text = f"{text}\nreported {reported}: it counts from that day"
        return text + "\n(click to open)"

    def marker_evidence_id(self, index: int) -> int:
        return int(self._markers.ids[index])

    def _clicked(self, _item, points, _event=None) -> None:
        if len(points):
            self.evidence_clicked.emit(self.marker_evidence_id(int(points[0].data())))
