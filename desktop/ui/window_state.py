"""What the window keeps between runs: its geometry and layout (QSettings), and the cards and dashboard
it showed last (beside the database), which the next start paints before the database is open."""

from __future__ import annotations

from desktop.ui import settings


def restore_frame(window) -> None:
    geometry = settings.WINDOW_GEOMETRY.read()
    if geometry:
        from desktop.ui.common.appearance import keep_on_screen_when_shown

        window.restoreGeometry(geometry)
        keep_on_screen_when_shown(window)
    state = settings.WINDOW_STATE.read()
    if state:
        window.restoreState(state)


def restore_screens(window) -> None:
    splitter = settings.SPLITTER_STATE.read()
    if splitter:
        window.splitter.restoreState(splitter)
    tab = settings.CURRENT_TAB.read()
    if 0 <= tab < window.tabs.count():
        window.tabs.setCurrentIndex(tab)


def save_state(window) -> None:
    settings.WINDOW_GEOMETRY.write(window.saveGeometry())
    settings.WINDOW_STATE.write(window.saveState())
    if window.screens is not None:
        settings.SPLITTER_STATE.write(window.splitter.saveState())
        settings.CURRENT_TAB.write(window.tabs.currentIndex())


def keep_first_paint(window) -> bool:
    """Leave what the cards and dashboard show now beside the database, for the next start's first paint."""
    drawn = window.screens.last_drawn() if window.context is not None else None
    if drawn is None:
        return False
    from desktop.services.first_paint import FirstPaint, keep_first_paint as keep

    mark, sid, overview, rounds, status, series = drawn
    title = dict(window._situations).get(sid, window.situation.title)
    paint = FirstPaint(sid, title, window._situations, overview, tuple(rounds), status, tuple(series))
    return keep(window.database, mark, paint)
