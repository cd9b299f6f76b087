"""The as-of slider: replay the whole window as it stood on any past day."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider, QWidget

from desktop.ui.common.theme import format_day


class AsOfBar(QWidget):
    """Emits `as_of_changed(date | None)` (None: everything, the latest state) a moment after the slider rests."""

    as_of_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("asOfBar")
        # Takes the toolbar's spare width; small enough at its least to stay in a 1280-pixel window.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.first: date | None = None
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("asOfSlider")
        self.slider.setMinimumWidth(160)
        self.slider.setPageStep(7)
        self.label = QLabel()
        self.label.setObjectName("asOfLabel")
        # as wide as its longest text, so the slider does not jump as the label changes
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance("latest (all evidence)") + 8)
        self.latest = QPushButton("Latest")
        self.latest.setObjectName("asOfLatest")
        self.latest.setToolTip("Count all the evidence again")
        self.latest.clicked.connect(lambda: self.slider.setValue(self.slider.maximum()))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._emit)
        self.slider.valueChanged.connect(self._moved)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(QLabel("As of"))
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.latest)

    def set_range(self, first: date | None, last: date | None, keep: bool = False) -> None:
        """Days from the day before the first evidence to the last; the slider goes back to "latest",
        or with `keep` stays on the day it showed (new evidence came in while the analyst replays)."""
        kept = self.value() if keep else None
        self.slider.blockSignals(True)
        if first is None or last is None:
            self.first = None
            self.slider.setRange(0, 0)
            self.setEnabled(False)
        else:
            self.first = first - timedelta(days=1)
            self.slider.setRange(0, (last - self.first).days)
            self.setEnabled(True)
        self.slider.setValue(self.slider.maximum())
        if kept is not None and self.first is not None:
            self.slider.setValue(max(0, min((kept - self.first).days, self.slider.maximum() - 1)))
        self.slider.blockSignals(False)
        self._show_label()

    def value(self) -> date | None:
        if self.first is None or self.slider.value() >= self.slider.maximum():
            return None
        return self.first + timedelta(days=self.slider.value())

    def set_value(self, day: date | None) -> None:
        """Move the slider (emits after the usual pause)."""
        if self.first is None or day is None:
            self.slider.setValue(self.slider.maximum())
        else:
            self.slider.setValue(max(0, min((day - self.first).days, self.slider.maximum())))

    def _moved(self, _value: int) -> None:
        self._show_label()
        self._timer.start()

    def _show_label(self) -> None:
        day = self.value()
        self.label.setText("latest (all evidence)" if day is None else format_day(day))
        self.latest.setEnabled(day is not None)

    def _emit(self) -> None:
        self.as_of_changed.emit(self.value())
