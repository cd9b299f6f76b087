"""Starting the window for a person, or rendering it offscreen for a snapshot."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.shipped import APP_ID, icon_files
from desktop.ui import settings
from desktop.ui.charts.base import configure_pyqtgraph


def application() -> QApplication:
    app = QApplication.instance()
    # Before any window: Wayland takes it as the app id, which names the installed desktop entry.
    QGuiApplication.setDesktopFileName(APP_ID)
    if app is None:
        QCoreApplication.setOrganizationName(settings.ORGANIZATION)
        QCoreApplication.setApplicationName(settings.APPLICATION)
        app = QApplication(sys.argv[:1])
        app.setApplicationDisplayName("Signpost")
    if app.windowIcon().isNull():
        app.setWindowIcon(application_icon())
    configure_pyqtgraph()
    return app


def application_icon() -> QIcon:
    """The shipped PNGs at every size (Qt picks the nearest for the title bar, task bar and switcher)."""
    icon = QIcon()
    for name, path in icon_files().items():
        if name != "scalable":
            side = int(name.partition("x")[0])
            icon.addFile(str(path), QSize(side, side))
    return icon


def run_gui(database, situation_id: int | None = None) -> int:
    from desktop.ui.common.errors import install_exception_hook
    from desktop.ui.main_window import MainWindow

    app = application()
    window = MainWindow(database, situation_id)
    install_exception_hook(lambda: window)
    window.show()
    after_first_paint(window, lambda: [reached(stage, window) for stage in ("frame", "dashboard", "ready")])
    try:
        return app.exec()
    finally:
        window.database.close()


def run_gui_after_failure(location: str, failure: str, damaged: bool, situation_id: int | None = None) -> int:
    """The database could not be opened: say why in a dialog, and when the file is damaged offer its
    backups; after a restore the window opens as usual."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.services.workspace import open_workspace
    from desktop.ui.backups.dialog import ask_to_restore

    application()
    if damaged:
        restored = ask_to_restore(None, location, failure)
        if restored is None:
            return 1
        return run_gui(open_workspace(str(restored.database)), situation_id)
    box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open the database", failure, QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    box.exec()
    return 1


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


# --- start-up stages, for bench/bench_startup.py --------------------------------------------------

BENCH_EXIT_AT = "SIGNPOST_BENCH_EXIT_AT"


def reached(stage: str, window: QWidget) -> None:
    """`stage` of the start is on screen: "frame", "dashboard" or "ready". Under SIGNPOST_BENCH_EXIT_AT=stage
    the process ends here (the benchmark times processes from spawn to exit): at once for the first two,
    by closing the window as a user would for "ready" (settings, caches and the database are left as after
    any session)."""
    if os.environ.get(BENCH_EXIT_AT) != stage:
        return
    if stage == "ready":
        window.close()
        QApplication.quit()
        return
    window.repaint()            # what was just laid out is painted before the process goes
    sys.stdout.flush()
    os._exit(0)


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)      # after this paint reached the screen
        return False


def after_first_paint(widget: QWidget, then) -> None:
    """Call `then()` on the event loop's turn after `widget` first painted."""
    _FirstPaint(widget, then)
