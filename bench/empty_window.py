"""The start-up baseline (bench_startup): a process that shows an empty QMainWindow and exits once it
has painted, the same way `signpost` exits at a stage under SIGNPOST_BENCH_EXIT_AT."""

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: os._exit(0))   # once the paint is flushed to the window
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Signpost")
window.resize(1440, 900)
watcher = _FirstPaint()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
