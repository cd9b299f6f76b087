"""Scores view: how good the numbers were once the situation resolved (design §4 "Scoring").

The resolved scenario's probability over the scored days (the model, and the analyst's rounds as they
stood each day by when they were entered), the mean Brier and log scores beside the uniform and
prior baselines (a score means little without them), and a calibration chart. Fed by the scoring
service's dataclasses; not yet a tab of the main window (the resolution is not stored yet, so there
is nothing to open it on).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.ui.charts.base import new_plot
from desktop.ui.charts.probability_history import DAY, EPOCH_ORDINAL
from desktop.ui.common.theme import Colours, colours, follow_palette, format_day, muted_style, themed_style

ROWS = (("model", "Model"), ("uniform", "Uniform (1/n)"), ("prior", "Priors alone"),
        ("record", "Forecast record"), ("analyst", "Analyst"))


def score_cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


class ScoresView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scoresView")
        self.heading = QLabel()
        self.heading.setObjectName("scoresHeading")
        self.heading.setWordWrap(True)
        self.note = QLabel("Lower is better for both scores. Brier: 0 is a perfect forecast, 2 the worst; "
                           "the baselines show what knowing nothing, or only the priors, would have scored.")
        self.note.setWordWrap(True)
        themed_style(self.note, muted_style())

        self.history = new_plot(with_dates=True)
        self.history.setObjectName("scoresHistory")
        item = self.history.getPlotItem()
        item.setLabel("left", "probability of what happened", units="%")
        item.setYRange(0, 100, padding=0.02)
        self.history_legend = item.addLegend(offset=(10, 10), labelTextSize="9pt",
                                             labelTextColor=colours().chart_foreground)
        # Each day's forecast stands for the whole day: steps, not ramps between days.
        self.model_curve = item.plot([], [], name="Model", stepMode="left")
        self.analyst_curve = item.plot([], [], name="Analyst (as entered)", stepMode="left")

        self.table = QTableWidget(len(ROWS), 3)
        self.table.setObjectName("scoresTable")
        self.table.setHorizontalHeaderLabels(["Brier", "log", "days"])
        self.table.setVerticalHeaderLabels([label for _, label in ROWS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumWidth(280)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.calibration = new_plot(with_dates=False)
        self.calibration.setObjectName("calibrationChart")
        cal = self.calibration.getPlotItem()
        cal.setLabel("bottom", "forecast probability (bin mean)")
        cal.setLabel("left", "observed frequency")
        cal.setXRange(0, 1, padding=0.04)
        cal.setYRange(-0.1, 1.12, padding=0)     # room for the count labels above 1 and below 0
        self.diagonal = cal.plot([0.0, 1.0], [0.0, 1.0])
        self.calibration_points = pg.ScatterPlotItem(size=10)
        cal.addItem(self.calibration_points)
        self.count_labels: list[pg.TextItem] = []
        self.calibration_note = QLabel()
        themed_style(self.calibration_note, muted_style())

        right = QVBoxLayout()
        right.addWidget(self.table)
        right.addWidget(QLabel("Calibration (model, every scenario, every scored day)"))
        right.addWidget(self.calibration, 1)
        right.addWidget(self.calibration_note)
        body = QHBoxLayout()
        body.addWidget(self.history, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addLayout(body, 1)
        self._report = None
        follow_palette(self, self._recolour)

    def set_data(self, report, calibration=None) -> None:
        """Show a `ScoreReport` and, when given, a `CalibrationReport` (desktop.services.scoring)."""
        self._report = report
        j = report.resolved_index
        name = report.scenario_names[j]
        self.heading.setText(
            f"<b>Resolved: {name}</b> on {format_day(report.resolved_at)} — {report.days} days scored, "
            f"from {format_day(report.opened_at)} to the day before")
        xs = (np.asarray(report.day_numbers) - EPOCH_ORDINAL) * DAY
        self.model_curve.setData(xs, np.asarray(report.probabilities)[:, j] * 100)
        analyst = report.analyst_forecast
        if analyst is not None and analyst.days:
            self.analyst_curve.setData((np.asarray(analyst.day_numbers) - EPOCH_ORDINAL) * DAY,
                                       np.asarray(analyst.probabilities)[:, j] * 100)
        else:
            self.analyst_curve.setData([], [])
        if len(xs):
            self.history.getPlotItem().setXRange(xs[0] - DAY, xs[-1] + DAY, padding=0)
        for row, (attr, _label) in enumerate(ROWS):
            score = getattr(report, attr)
            cells = (score_cell(score.brier), score_cell(score.log), str(score.days)) if score else \
                ("—", "—", "not kept yet" if attr == "record" else "no round")
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()
        self.table.setFixedHeight(self.table.horizontalHeader().height() + sum(
            self.table.rowHeight(r) for r in range(self.table.rowCount())) + 2 * self.table.frameWidth())
        self._set_calibration(calibration)
        self._recolour(colours())

    def _set_calibration(self, calibration) -> None:
        cal = self.calibration.getPlotItem()
        for label in self.count_labels:
            cal.removeItem(label)
        self.count_labels = []
        filled = [b for b in (calibration.bins if calibration else ()) if b.n]
        self.calibration_points.setData([b.mean_forecast for b in filled], [b.observed for b in filled])
        for i, b in enumerate(filled):
            # neighbouring bins' points can sit close together: their labels go above and below in turn
            label = pg.TextItem(f"n={b.n}", anchor=(0.5, 1.3) if i % 2 == 0 else (0.5, -0.3))
            label.setPos(b.mean_forecast, b.observed)
            cal.addItem(label)
            self.count_labels.append(label)
        if calibration is None:
            self.calibration_note.setText("No calibration: no resolved situation given.")
        else:
            pairs = sum(b.n for b in calibration.bins)
            self.calibration_note.setText(
                f"{pairs} forecasts from {calibration.situations} resolved situation"
                f"{'s' if calibration.situations != 1 else ''}; on the diagonal, what was forecast happened "
                "as often as it said.")

    def _recolour(self, c: Colours) -> None:
        report = self._report
        j = report.resolved_index if report else 0
        own = report.scenario_colours[j] if report and report.scenario_colours else None
        colour = c.scenario(own, j)
        self.model_curve.setPen(pg.mkPen(colour, width=2.5))
        self.analyst_curve.setPen(pg.mkPen(c.chart_foreground, width=2, style=Qt.PenStyle.DashLine))
        self.diagonal.setPen(pg.mkPen(c.chart_reference, style=Qt.PenStyle.DashLine))
        self.calibration_points.setBrush(pg.mkBrush(colour))
        self.calibration_points.setPen(pg.mkPen(c.chart_foreground))
        for label in self.count_labels:
            label.setColor(c.chart_foreground)
