"""Starting the window for a person, or rendering it offscreen for a snapshot."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.ui import settings
from desktop.ui.charts.base import configure_pyqtgraph


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(settings.ORGANIZATION)
        QCoreApplication.setApplicationName(settings.APPLICATION)
        app = QApplication(sys.argv[:1])
        app.setApplicationDisplayName("Signpost")
    configure_pyqtgraph()
    return app


def run_gui(database, situation_id: int | None = None) -> int:
    from desktop.ui.main_window import MainWindow

    app = application()
    window = MainWindow(database, situation_id)
    window.show()
    try:
        return app.exec()
    finally:
        window.database.close()


def render_snapshot(database, situation_id: int | None, out: Path, view: str, size: tuple[int, int]) -> Path:
    """Lay the window out at `size`, show the asked-for tab, and save what it paints."""
    from desktop.ui.main_window import MainWindow

    app = application()
    window = MainWindow(database, situation_id, persist_state=False)
    window.resize(*size)
    window.show_view(view)
    window.show()
    for _ in range(3):
        app.processEvents()
    image = window.grab()
    out = Path(out)
    if not image.save(str(out), "PNG"):
        raise OSError(f"{out}: could not write the PNG")
    window.close()
    window.deleteLater()
    app.processEvents()
    return out
