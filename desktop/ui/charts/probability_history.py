"""Scenario probabilities over time: a line per scenario on a date axis, a clickable mark per
evidence item, the analyst's judgements as points, and the as-of date as a vertical line."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal

from desktop.ui.charts.base import new_plot
from desktop.ui.common.theme import epoch, scenario_colour

DAY = 86400.0
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class _Signals(QObject):
    evidence_clicked = Signal(int)


class ProbabilityHistoryChart:
    """Owns a PlotWidget; `set_data` redraws from the services' history and judgement rounds."""

    DEFAULT_SPAN_DAYS = 120

    def __init__(self):
        self.signals = _Signals()
        self.evidence_clicked = self.signals.evidence_clicked
        self.widget = new_plot(with_dates=True)
        self.widget.setObjectName("probabilityHistory")
        plot = self.widget.getPlotItem()
        plot.setLabel("left", "probability", units="%")
        plot.setYRange(0, 100, padding=0.02)
        plot.setLimits(yMin=-5, yMax=105)
        self.legend = plot.addLegend(offset=(10, 10), labelTextSize="9pt")
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.markers: pg.ScatterPlotItem | None = None
        self.judgements: dict[str, pg.ScatterPlotItem] = {}
        self.as_of_line: pg.InfiniteLine | None = None
        self._x_span: tuple[float, float] | None = None

    def set_data(self, history, rounds=(), as_of=None) -> None:
        plot = self.widget.getPlotItem()
        plot.clear()
        self.legend.clear()
        self.curves, self.judgements = {}, {}
        xs = np.array([epoch(d) for d in history.days])
        ys = history.probabilities * 100
        later = max((epoch(r.made_at.date()) for r in rounds), default=None)
        if later is not None and len(xs) and later > xs[-1]:
            # Judged after the last evidence: the model stands where it was, so carry its lines on to there.
            xs, ys = np.append(xs, later), np.vstack([ys, ys[-1:]])
        for j, meta in enumerate(history.scenarios):
            pen = pg.mkPen(scenario_colour(meta.colour, j), width=2.5)
            self.curves[meta.key] = plot.plot(xs, ys[:, j], pen=pen, name=meta.name)
        self._draw_markers(plot, history.markers)
        self._draw_judgements(plot, history.scenarios, rounds)
        plot.addItem(pg.InfiniteLine(pos=50, angle=0, pen=pg.mkPen("#b0bec5", style=Qt.PenStyle.DashLine)))
        self.as_of_line = None
        if as_of is not None:
            self.as_of_line = pg.InfiniteLine(pos=epoch(as_of), angle=90, label="as of", pen=pg.mkPen(
                "#37474f", width=1.5, style=Qt.PenStyle.DashDotLine), labelOpts={"position": 0.95})
            plot.addItem(self.as_of_line)
        if len(xs):
            end = xs[-1]
            if rounds:
                end = max(end, max(epoch(r.made_at.date()) for r in rounds))
            # Open on the recent past, where an analyst looks first; the rest is a pan away.
            span = (max(xs[0], end - self.DEFAULT_SPAN_DAYS * DAY), end)
            if span != self._x_span:
                pad = max((span[1] - span[0]) * 0.02, DAY)
                plot.setXRange(span[0] - pad, span[1] + pad, padding=0)
                self._x_span = span

    # Above this many items one mark per item is unreadable (and slow): one mark per day instead.
    MAX_ITEM_MARKS = 1500

    def _draw_markers(self, plot, markers) -> None:
        """A triangle per item along the bottom, stacked when a day has several (capped at 20 high);
        for a large log, one per day, its tooltip counting the day's items."""
        n = len(markers) if markers is not None else 0
        days = markers.days if n else np.zeros(0, dtype=np.int64)
        order = np.argsort(days, kind="stable")
        sorted_days = days[order]
        self._markers = markers
        if n > self.MAX_ITEM_MARKS:
            unique, first, counts = np.unique(sorted_days, return_index=True, return_counts=True)
            xs, ys, data = (unique - EPOCH_ORDINAL) * DAY, np.full(len(unique), 1.5), order[first]
            count_of = dict(zip(order[first].tolist(), counts.tolist()))
            tip = lambda x, y, data: (f"{count_of.get(int(data), 1)} items observed that day; e.g. "  # noqa: E731
                                      f"{self._markers.keys[data]}: {self._markers.quotes[data][:120]}\n(click to open)")
        else:
            first_of_day = np.searchsorted(sorted_days, sorted_days, side="left")
            stack = np.empty(n)
            stack[order] = np.minimum(np.arange(n) - first_of_day, 20)
            xs, ys, data = (days - EPOCH_ORDINAL) * DAY, 1.5 + 2.2 * stack, np.arange(n)
            tip = lambda x, y, data: (f"{self._markers.keys[data]}: {self._markers.quotes[data][:160]}"  # noqa: E731
                                      "\n(click to open)")
        self.markers = pg.ScatterPlotItem(symbol="t1", size=9, brush=pg.mkBrush("#546e7a"), pen=pg.mkPen(None),
                                          hoverable=True, hoverBrush=pg.mkBrush("#ff6f00"), hoverSize=13, tip=tip)
        self.markers.setData(x=xs, y=ys, data=data)
        self.markers.sigClicked.connect(self._clicked)
        plot.addItem(self.markers)

    def marker_evidence_id(self, index: int) -> int:
        return int(self._markers.ids[index])

    def _clicked(self, _item, points, _event=None) -> None:
        if len(points):
            self.evidence_clicked.emit(self.marker_evidence_id(int(points[0].data())))

    def _draw_judgements(self, plot, scenarios, rounds) -> None:
        for j, meta in enumerate(scenarios):
            pts = [(epoch(r.made_at.date()), r.probabilities[meta.key] * 100, r) for r in rounds
                   if meta.key in r.probabilities]
            if not pts:
                continue
            colour = scenario_colour(meta.colour, j)
            item = pg.ScatterPlotItem(
                [p[0] for p in pts], [p[1] for p in pts], symbol="d", size=13, brush=pg.mkBrush(colour),
                pen=pg.mkPen("w", width=1.5), hoverable=True, data=[p[2] for p in pts],
                tip=lambda x, y, data, name=meta.name: (
                    f"Analyst judgement {data.made_at:%Y-%m-%d}: {name} {y:.0f}%\n{data.rationale[:200]}"))
            plot.addItem(item)
            self.judgements[meta.key] = item
