"""The dashboard's small multiples: a tile per indicator with its status colour, latest value,
trend arrow and sparkline. A click opens the indicator in the Indicators tab.

The texts here (value with its unit, trend, stale notice, why no trend) are shared with the
Indicators tab, so both say the same thing of a series."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.domain.units import unit_for
from desktop.ui.charts.sparkline import Sparkline
from desktop.ui.common.theme import MUTED, STATUS_COLOURS, STATUS_TEXT, format_day, format_number


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
    return STATUS_COLOURS["none"] if series.stale else STATUS_COLOURS[series.status.value]


def status_words(series) -> str:
    return stale_text(series) if series.stale else STATUS_TEXT[series.status.value]


class IndicatorTile(QFrame):
    activated = Signal(str)

    def __init__(self, series, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicatorTile")
        self.series = series
        colour = status_colour(series)
        self.setStyleSheet(f"#indicatorTile {{ background: #ffffff; border: 1px solid #dde3e6; "
                           f"border-left: 4px solid {colour}; border-radius: 3px; }}")
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
        current = series.latest is not None and not series.stale
        self.latest.setStyleSheet("font-weight: 700;" if current else f"color: {MUTED};")
        self.latest.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # In a narrow tile the reason for no trend is a dash (the tooltip tells it).
        current_trend = "" if series.stale else trend_arrow(series) or ("—" if series.latest is not None else "")
        self.trend = QLabel(current_trend)
        self.trend.setObjectName("tileTrend")
        self.trend.setStyleSheet(f"color: {colour if series.trend and not series.stale else MUTED}; font-size: 8pt;")
        self.trend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A stale series says so on a line of its own, with the year: it is longer than a trend.
        self.stale = QLabel(stale_text(series))
        self.stale.setObjectName("tileStale")
        self.stale.setStyleSheet(f"color: {MUTED}; font-size: 8pt; font-style: italic;")
        self.stale.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stale.setVisible(series.stale)
        self.spark = Sparkline()
        self.spark.set_data(series.days, series.values, colour, step=series.kind.value == "cumulative")
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

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.series.key)
        super().mouseReleaseEvent(event)


class IndicatorGrid(QWidget):
    """Tiles in rows of COLUMNS; `show_series` replaces them all."""

    activated = Signal(str)
    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicatorGrid")
        self.tiles: list[IndicatorTile] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.empty = QLabel("No indicators yet: add one in the Indicators tab.")
        self.empty.setStyleSheet(f"color: {MUTED};")
        self.grid.addWidget(self.empty, 0, 0)

    def show_series(self, series: list) -> None:
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        self.empty.setVisible(not series)
        for i, s in enumerate(series):
            tile = IndicatorTile(s)
            tile.activated.connect(self.activated)
            self.grid.addWidget(tile, i // self.COLUMNS, i % self.COLUMNS)
            self.tiles.append(tile)
        for c in range(self.COLUMNS):
            self.grid.setColumnStretch(c, 1)
