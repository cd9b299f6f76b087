"""The dashboard's small multiples: a tile per indicator with its status colour, latest value,
trend arrow and sparkline. A click opens the indicator in the Indicators tab.

The texts here (value with its unit, trend, stale notice, why no trend) are shared with the
Indicators tab, so both say the same thing of a series."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.domain.units import unit_for
from desktop.ui.charts.sparkline import Sparkline
from desktop.ui.common.theme import (
    STATUS_TEXT, Colours, colours, follow_palette, format_day, format_number, muted_style, themed_style,
)


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def figure_text(value: float | None, unit: str, qualifier: str | None = None) -> str:
    """"at least 83 people", "1 carrier": a value with its unit, singular for one."""
    if value is None:
        return "—"
    lead = f"{qualifier} " if qualifier else ""
    return f"{lead}{format_number(value)} {unit_for(value, unit)}".strip()


def latest_text(series) -> str:
    """"at least 83 people", "1 carrier", "2 contacts in 14 days" or "no observations"."""
    if series.latest is None:
        return "no observations"
    if series.kind.value == "events":
        return f"{figure_text(series.latest, series.unit)} in {_days(series.trend_days)}"
    return figure_text(series.latest, series.unit, series.latest_qualifier)


def stale_text(series) -> str:
    """"stale: last figure 12 Jan 2025" for a series with no figure in its window, else ""."""
    return f"stale: last figure {format_day(series.latest_at)}" if series.stale else ""


def trend_arrow(series) -> str:
    """"▲ +13 in 5 days" (the days between the two figures compared), "▼ −2 on the 14 days before" (an
    event count against the window before); "" when there is no trend or the series is stale."""
    if series.trend is None or series.stale:
        return ""
    arrow = "▲" if series.trend > 0 else "▼" if series.trend < 0 else "■"
    sign = "+" if series.trend > 0 else "−" if series.trend < 0 else "±"
    figure = f"{arrow} {sign}{format_number(abs(series.trend))}"
    if series.kind.value == "events":
        return f"{figure} on the {_days(series.trend_days)} before"
    return f"{figure} in {_days(series.trend_span if series.trend_span is not None else series.trend_days)}"


def no_trend_text(series) -> str:
    """Why there is no trend: "no trend: one figure in 14 days", "no trend: counted since 20 Nov 2025"."""
    reading = getattr(series, "reading", None)
    if series.trend is not None or series.latest is None or series.stale or reading is None:
        return ""
    if series.kind.value == "events" and reading.figures >= 2 and reading.first_at is not None:
        return f"no trend: counted since {format_day(reading.first_at)}"
    figures = {0: "no figures", 1: "one figure"}.get(reading.figures, f"{reading.figures} figures")
    return f"no trend: {figures} in {_days(reading.trend_window)}"


def trend_text(series) -> str:
    """What stands where the trend goes: the stale notice, the trend, or why there is none."""
    return stale_text(series) or trend_arrow(series) or no_trend_text(series)


def status_colour(series) -> str:
    """The status colour, or grey for a stale series (its last figure is no current status)."""
    return colours().status["none" if series.stale else series.status.value]


def status_text_colour(series) -> str:
    """The status colour as text, readable on the window's background."""
    return colours().status_text["none" if series.stale else series.status.value]


def status_words(series) -> str:
    return stale_text(series) if series.stale else STATUS_TEXT[series.status.value]


class IndicatorTile(QFrame):
    activated = Signal(str)

    def __init__(self, series, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicatorTile")
        self.series = series
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        why = no_trend_text(series)
        self.setToolTip(f"{series.name}\n{status_words(series)}"
                        + (f" · last figure {format_day(series.latest_at)}"
                           if series.latest_at and not series.stale else "")
                        + (f"\n{why}" if why else "")
                        + "\nClick to open it in the Indicators tab")
        self.name = QLabel(series.name)
        self.name.setObjectName("tileName")
        self.name.setStyleSheet("font-weight: 600; font-size: 8.5pt;")
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.latest = QLabel(latest_text(series))
        self.latest.setObjectName("tileLatest")
        self.latest.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # In a narrow tile the reason for no trend is a dash (the tooltip tells it).
        current_trend = "" if series.stale else trend_arrow(series) or ("—" if series.latest is not None else "")
        self.trend = QLabel(current_trend)
        self.trend.setObjectName("tileTrend")
        self.trend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A stale series says so on a line of its own, with the year: it is longer than a trend.
        self.stale = QLabel(stale_text(series))
        self.stale.setObjectName("tileStale")
        themed_style(self.stale, muted_style("font-size: 8pt; font-style: italic;"))
        self.stale.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stale.setVisible(series.stale)
        self.spark = Sparkline()
        figures = QHBoxLayout()
        figures.addWidget(self.latest, 1)
        figures.addWidget(self.trend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 6, 4)
        layout.setSpacing(1)
        layout.addWidget(self.name)
        layout.addLayout(figures)
        layout.addWidget(self.stale)
        layout.addWidget(self.spark)
        follow_palette(self, self._recolour)

    def _recolour(self, c: Colours) -> None:
        """The status colour on the left edge (grey when stale: its last figure is no current status), the
        trend and the sparkline; text readable on the tile."""
        series = self.series
        status = "none" if series.stale else series.status.value
        self.setStyleSheet(f"#indicatorTile {{ background: {c.card}; border: 1px solid {c.card_border}; "
                           f"border-left: 4px solid {c.status[status]}; border-radius: 3px; }}"
                           f" #indicatorTile QLabel {{ color: {c.window_text}; background: transparent; }}")
        current = series.latest is not None and not series.stale
        self.latest.setStyleSheet("font-weight: 700;" if current else f"color: {c.muted};")
        self.trend.setStyleSheet(f"color: {c.status_text[status] if series.trend and not series.stale else c.muted};"
                                 " font-size: 8pt;")
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
