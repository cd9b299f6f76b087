"""Starting the window for a person, or rendering it offscreen for a snapshot.

A person's window comes up in three steps, each painted before the next begins (`start_gui`):
1. the frame: title, saved size and place, the menus' titles, a sketch of the layout. Only Qt
   is imported before it paints (this module and `desktop.ui.main_window` import nothing heavy
   at the top);
2. the dashboard the last session drew, when the database has not been written since: its
   change-log mark is read with the standard library's sqlite3 (`desktop.services.first_paint`),
   so the first numbers come before the ORM is imported;
3. the database, opened as always (schema check, `quick_check` when the file changed since a
   Signpost process left it, the daily backup), then the menus, the live numbers and the tabs.
   Nothing can be written before this step: the commands that write arrive with it.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.services.shipped import APP_ID, icon_files
from desktop.ui import settings

# When the frame has not painted after this long (a window opened minimised, a compositor that
# waits), the database is opened all the same.
FRAME_WAIT_MS = 500


def application() -> QApplication:
    app = QApplication.instance()
    # Before any window: Wayland takes it as the app id, which names the installed desktop entry.
    QGuiApplication.setDesktopFileName(APP_ID)
    if app is None:
        QCoreApplication.setOrganizationName(settings.ORGANIZATION)
        QCoreApplication.setApplicationName(settings.APPLICATION)
        app = QApplication(sys.argv[:1])
        app.setApplicationDisplayName("Signpost")
        from desktop.ui.common.appearance import apply_saved_theme

        apply_saved_theme(app)      # before the frame paints: it paints in the analyst's theme
    if app.windowIcon().isNull():
        app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    """The shipped PNGs at every size (Qt picks the nearest for the title bar, task bar and switcher)."""
    icon = QIcon()
    for name, path in icon_files().items():
        if name != "scalable":
            side = int(name.partition("x")[0])
            icon.addFile(str(path), QSize(side, side))
    return icon


def start_gui(db: str | None, situation_id: int | None = None) -> int:
    """The window on the database `--db` names (None: SIGNPOST_DB, then the default), in the three steps
    above; returns the exit code."""
    # numpy's OpenBLAS starts a thread per core at import: 50 ms on these 2-core machines, for a window whose
    # products are (items x scenarios) by (scenarios), which one thread does faster (no hand-over). The
    # analyst's own setting, if any, stands.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # The start creates hundreds of thousands of objects that live as long as the window (modules, Qt types,
    # the ORM's tables) and no garbage worth a collection; the cycle collector would walk them all again and
    # again meanwhile (a seventh of the start). It runs again once the window is filled (`open_in`).
    gc.disable()
    from desktop.ui.main_window import MainWindow

    app = application()
    window = MainWindow()
    window.show()
    started = []

    def first_numbers() -> None:
        if started:
            return
        started.append(True)
        reached("frame", window)
        from desktop.ui.common.errors import install_exception_hook

        install_exception_hook(lambda: window)
        try:
            from desktop.services.first_paint import kept_first_paint

            paint = kept_first_paint(db, situation_id)
            if paint is not None:
                window.show_kept(paint)
                paint_now(window)           # on screen before opening the database holds the event loop
                reached("dashboard", window)
        finally:
            QTimer.singleShot(0, lambda: open_in(window, db, situation_id))

    after_first_paint(window, first_numbers)
    QTimer.singleShot(FRAME_WAIT_MS, first_numbers)
    try:
        return app.exec()
    finally:
        gc.enable()
        if window.database is not None:
            window.database.close()


def open_in(window, db: str | None, situation_id: int | None = None) -> bool:
    """Open the database in `window` (a frame, perhaps showing a kept dashboard). One that cannot be opened is
    explained in a dialog (and on stderr); a damaged one offers its backups, and after a restore the window
    opens on it. False when the window did not open: the application then exits with 1."""
    from desktop.services.workspace import DatabaseDamaged, StoreError, describe_location, open_workspace, \
        resolve_location

    try:
        try:
            database = open_workspace(db)
        except StoreError as exc:
            print(f"signpost gui: {exc}", file=sys.stderr)
            window.hide()
            database = _after_failure(describe_location(resolve_location(db)), str(exc),
                                      isinstance(exc, DatabaseDamaged))
            if database is None:
                QApplication.exit(1)
                return False
            window.show()
        window.attach(database, situation_id)
        paint_now(window)
        reached("dashboard", window)
    finally:
        gc.enable()             # the start is over (see start_gui)
    reached("ready", window)
    return True


def _after_failure(location: str, failure: str, damaged: bool):
    """Say why the database could not be opened; for a damaged file offer its backups. The restored database,
    opened, or None."""
    from desktop.services.workspace import StoreError, open_workspace
    from desktop.ui.backups.dialog import ask_to_restore

    if damaged:
        restored = ask_to_restore(None, location, failure)
        if restored is None:
            return None
        try:
            return open_workspace(str(restored.database))
        except StoreError as exc:
            failure = str(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open the database", failure, QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    box.exec()
    return None


def render_snapshot(database, situation_id: int | None, out: Path, view: str, size: tuple[int, int],
                    theme: str | None = None) -> Path:
    """Lay the window out at `size`, show the asked-for tab, and save what it paints; `theme` ("system",
    "light", "dark"; None: the one chosen in the window) for this picture only."""
    from desktop.ui.common.appearance import apply_theme
    from desktop.ui.main_window import MainWindow

    app = application()
    if theme is not None:
        apply_theme(theme, app)
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
    by closing the window as a user would for "ready" (settings, the kept dashboard and the database are
    left as after any session)."""
    if os.environ.get(BENCH_EXIT_AT) != stage:
        return
    if stage == "ready":
        window.close()
        QApplication.quit()
        return
    paint_now(window)           # what was just laid out is painted before the process goes
    sys.stdout.flush()
    os._exit(0)


def paint_now(window: QWidget) -> None:
    """Show and lay out what was just added to `window` (Qt queues both), then paint it all at once. Twice:
    a chart's axis learns how wide its labels are while painting, and asks for room for them then."""
    for _ in range(2):
        QCoreApplication.sendPostedEvents()
        window.repaint()


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
