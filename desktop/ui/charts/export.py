"""Any chart to PNG or SVG at a size the analyst gives: from a chart's right-click menu, or a button.

The plot widget is laid out at the asked size for the moment it is drawn, then given back its
own size, so the text keeps its size and the plot its proportions however large the picture.
SVG goes through Qt's own generator: pyqtgraph's SVGExporter fails on the closed paths Qt 6.11
writes (pyqtgraph issue 3495).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from desktop.ui import settings
from desktop.ui.common.errors import show_error
from desktop.ui.common.file_dialogs import save_file
from desktop.ui.common.theme import colours

CHART_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"
MIN_SIDE, MAX_SIDE = 100, 10_000


def export_plot(widget: QWidget, path: str | Path, width: int, height: int, title: str = "") -> Path:
    """Draw `widget` (a pyqtgraph PlotWidget) at width x height into `path` (.svg, else PNG)."""
    path = Path(path)
    own = widget.size()
    widget.resize(width, height)      # a visible widget lays its scene out again at once
    try:
        if path.suffix.lower() == ".svg":
            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(QSize(width, height))
            generator.setViewBox(QRect(0, 0, width, height))
            generator.setTitle(title)
            painter = QPainter(generator)
            try:
                widget.render(painter)
            finally:
                painter.end()
        else:
            image = QImage(width, height, QImage.Format.Format_ARGB32)
            image.fill(QColor(colours().chart_background))   # under the plot: its own background
            painter = QPainter(image)
            try:
                widget.render(painter)
            finally:
                painter.end()
            if not image.save(str(path)):
                raise OSError(f"{path}: cannot write the image")
    finally:
        widget.resize(own)
    return path


def parse_size(text: str) -> tuple[int, int]:
    """"1600x900" -> (1600, 900); ValueError naming the text otherwise."""
    try:
        w, h = (int(x) for x in text.lower().replace(" ", "").replace("×", "x").split("x"))
    except ValueError:
        raise ValueError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1600x900") from None
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise ValueError(f"{text!r}: each side must be {MIN_SIDE} to {MAX_SIDE} pixels")
    return w, h


def ask_and_export(parent: QWidget, widget: QWidget, name: str, before=None) -> Path | None:
    """Ask for the size and the file, then export; `before()` runs first (hide a crosshair, say)."""
    text, ok = QInputDialog.getText(parent, "Export chart", "Size in pixels (width x height):",
                                    text=settings.CHART_EXPORT_SIZE.read())
    if not ok:
        return None
    try:
        size = parse_size(text)
    except ValueError as exc:
        show_error(parent, "Export chart", exc)
        return None
    settings.CHART_EXPORT_SIZE.write(f"{size[0]}x{size[1]}")
    start = Path(settings.LAST_DIRECTORY.read() or str(Path.home()))
    path = save_file(parent, "Export chart", str(start / f"{name}.png"), CHART_FILTER)
    if not path:
        return None
    if before is not None:
        before()
    try:
        out = export_plot(widget, path, *size, title=name)
    except Exception as exc:
        show_error(parent, "Cannot export the chart", exc)
        return None
    settings.LAST_DIRECTORY.write(str(Path(path).parent))
    return out


def add_export_menu(widget: QWidget, name: str, before=None) -> None:
    """Right-click on the chart offers "Export chart…" (PNG or SVG at a chosen size)."""
    # On the view, not its viewport: the viewport's events go through QGraphicsView, whose own
    # context menu handling (the scene's) would take them first.
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos):
        menu = QMenu(widget)
        menu.setObjectName("chartMenu")
        menu.addAction("Export chart…", lambda: ask_and_export(widget.window(), widget, name, before))
        menu.exec(widget.mapToGlobal(pos))
    widget.customContextMenuRequested.connect(show)
