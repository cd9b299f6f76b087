"""The dashboard's small multiples: a tile per indicator with its status colour, latest value,
trend arrow and sparkline. A click opens the indicator in the Indicators tab."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.ui.charts.sparkline import Sparkline
from desktop.ui.common.theme import (
    STATUS_TEXT, Colours, follow_palette, format_day, format_number, muted_style, themed_style,
)


def latest_text(series) -> str:
    """"at least 83 people", "14 days: 2 contacts" or "no observations"."""
    if series.latest is None:
        return "no observations"
    qualifier = f"{series.latest_qualifier} " if series.latest_qualifier and series.kind.value != "events" else ""
    label = f"{series.trend_days} days: " if series.kind.value == "events" else ""
    return f"{label}{qualifier}{format_number(series.latest)} {series.unit}".strip()


def trend_arrow(series) -> str:
    if series.trend is None:
        return ""
    arrow = "▲" if series.trend > 0 else "▼" if series.trend < 0 else "■"
    sign = "+" if series.trend > 0 else "−" if series.trend < 0 else "±"
    return f"{arrow} {sign}{format_number(abs(series.trend))} in {series.trend_days} days"


class IndicatorTile(QFrame):
    activated = Signal(str)

    def __init__(self, series, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicatorTile")
        self.series = series
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"{series.name}\n{STATUS_TEXT[series.status.value]}"
                        + (f" · last figure {format_day(series.latest_at)}" if series.latest_at else "")
                        + "\nClick to open it in the Indicators tab")
        self.name = QLabel(series.name)
        self.name.setObjectName("tileName")
        self.name.setStyleSheet("font-weight: 600; font-size: 8.5pt;")
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.latest = QLabel(latest_text(series))
        self.latest.setObjectName("tileLatest")
        self.latest.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.trend = QLabel(trend_arrow(series))
        self.trend.setObjectName("tileTrend")
        self.trend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.spark = Sparkline()
        figures = QHBoxLayout()
        figures.addWidget(self.latest, 1)
        figures.addWidget(self.trend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 6, 4)
        layout.setSpacing(1)
        layout.addWidget(self.name)
        layout.addLayout(figures)
        layout.addWidget(self.spark)
        follow_palette(self, self._recolour)

    def _recolour(self, c: Colours) -> None:
        """The status colour on the left edge, the trend and the sparkline; text readable on the tile."""
        status = self.series.status.value
        self.setStyleSheet(f"#indicatorTile {{ background: {c.card}; border: 1px solid {c.card_border}; "
                           f"border-left: 4px solid {c.status[status]}; border-radius: 3px; }}"
                           f" #indicatorTile QLabel {{ color: {c.window_text}; background: transparent; }}")
        self.latest.setStyleSheet("font-weight: 700;" if self.series.latest is not None else f"color: {c.muted};")
        self.trend.setStyleSheet(f"color: {c.status_text[status] if self.series.trend else c.muted}; font-size: 8pt;")
        self.spark.set_data(self.series.days, self.series.values, c.status[status],
                            step=self.series.kind.value == "cumulative")

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.series.key)
        super().mouseReleaseEvent(event)


class IndicatorGrid(QWidget):
    """Tiles in rows of up to COLUMNS, fewer when the width would cut their figures; `show_series` replaces
    them all."""

    activated = Signal(str)
    COLUMNS = 4
    TILE_MIN_WIDTH = 260      # "at least 83 people  ▲ +13 in 14 days" in full

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicatorGrid")
        self.tiles: list[IndicatorTile] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.empty = QLabel("No indicators yet: add one in the Indicators tab.")
        themed_style(self.empty, muted_style())
        self.grid.addWidget(self.empty, 0, 0)
        self.columns = self.COLUMNS

    def show_series(self, series: list) -> None:
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        self.empty.setVisible(not series)
        for s in series:
            tile = IndicatorTile(s)
            tile.activated.connect(self.activated)
            self.tiles.append(tile)
        self._place(self._columns_for(self.width()))

    def _columns_for(self, width: int) -> int:
        return max(2, min(self.COLUMNS, (width + self.grid.spacing()) // self.TILE_MIN_WIDTH))

    def _place(self, columns: int) -> None:
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for i, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, i // columns, i % columns)
        for c in range(self.COLUMNS):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.columns = columns

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        columns = self._columns_for(event.size().width())
        if columns != self.columns:
            self._place(columns)
