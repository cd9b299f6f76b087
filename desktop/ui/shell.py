"""What the window shows before anything is read: the names of its menus and tabs, and a sketch of its layout.

The frame of the window is painted from these before the database layer, numpy or pyqtgraph is
imported (they cost several times what the frame does), so this module imports Qt alone. The
window fills the frame in place: the sketch gives way to the scenario cards and the tabs, and
each tab's page is built when it is first shown (`PendingPage` holds its place until then).
Nothing here names PySide6's `Qt` namespace: making it costs the frame 20 ms (a fifth of an empty
window), for enums the frame can do without.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

TABS = ("dashboard", "evidence", "matrix", "indicators", "sources", "compare")
TAB_TITLES = ("Dashboard", "Evidence", "Matrix", "Indicators", "Sources", "Compare")
# (title, object name) of each menu, in the menu bar's order; the window adds their items once it is open.
MENUS = (("&File", "fileMenu"), ("&Edit", "editMenu"), ("&View", "viewMenu"), ("&Analysis", "analysisMenu"),
         ("&Help", "helpMenu"))
CARDS_WIDTH = 290           # the cards column's starting width (the splitter keeps the analyst's own after)


class LayoutSketch(QWidget):
    """The central area as it will be laid out (cards on the left, the tabs on the right), in outline:
    the frame looks like the window at once, and nothing in it pretends to be a number."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("layoutSketch")
        self.setAutoFillBackground(True)      # the palette's window colour: the theme chosen is already applied

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        line, block = pal.color(QPalette.ColorRole.Mid), pal.color(QPalette.ColorRole.Midlight)
        faint, ink = pal.color(QPalette.ColorRole.PlaceholderText), pal.color(QPalette.ColorRole.WindowText)
        w, h = self.width(), self.height()
        cards = min(CARDS_WIDTH, w // 3)
        metrics = p.fontMetrics()
        baseline = 15 + (metrics.ascent() - metrics.descent()) / 2     # text centred on y = 15
        p.setPen(faint)
        p.drawText(QPointF(16, baseline + 4), "SCENARIOS")
        p.setPen(line)
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        for i in range(3):
            p.drawRoundedRect(QRectF(8, 36 + i * 132, cards - 16, 120), 4, 4)
        x = cards + 6
        tab_w = 96
        for i, title in enumerate(TAB_TITLES):
            p.setPen(faint if i else ink)
            p.drawText(QPointF(x + i * tab_w + (tab_w - metrics.horizontalAdvance(title)) / 2, baseline), title)
        p.setPen(line)
        p.drawLine(x, 30, w, 30)
        p.setPen(block)
        inner = w - x - 8
        top = 44
        p.drawRoundedRect(QRectF(x + 8, top, inner * 0.45 - 8, 220), 4, 4)
        p.drawRoundedRect(QRectF(x + inner * 0.45 + 8, top, inner * 0.55 - 8, 220), 4, 4)
        p.drawRoundedRect(QRectF(x + 8, top + 236, inner - 8, max(h - top - 236 - 240, 40)), 4, 4)
        p.drawRoundedRect(QRectF(x + 8, h - 228, inner - 8, 212), 4, 4)
        p.end()


class PendingPage(QWidget):
    """A tab not built yet: its view (and the modules it needs) comes when the tab is first shown."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"pending-{name}")
        self.name = name
        from PySide6.QtCore import Qt    # (made by then: the tabs use it)

        layout = QVBoxLayout(self)
        label = QLabel("Opening…")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(label)
