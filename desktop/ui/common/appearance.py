"""The application's theme (View → Theme: System, Light, Dark) and the window's first size.

"system" leaves the desktop's style and palette alone (a dark desktop gives a dark Signpost);
"light" and "dark" use the Fusion style, which draws custom palettes faithfully everywhere, with
the palettes below. The choice is kept in settings.THEME and applied at start
(desktop.ui.app.application). Views recolour themselves through desktop.ui.common.theme.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QStyleFactory, QWidget

from desktop.ui import settings
from desktop.ui.common.theme import ensure_contrast

THEMES: tuple[tuple[str, str], ...] = (("system", "&System"), ("light", "&Light"), ("dark", "&Dark"))
PREFERRED_SIZE = QSize(1440, 900)
SCREEN_SHARE = 0.95        # a first window leaves a margin of the screen free

_Role, _Group = QPalette.ColorRole, QPalette.ColorGroup
_system: tuple[str, QPalette] | None = None     # the desktop's own style and palette, before any change
_applied = "system"


def light_palette() -> QPalette:
    """Fusion's light palette, its selection darkened so white text on it reads (4.5:1)."""
    palette = QStyleFactory.create("Fusion").standardPalette()
    highlight = QColor(ensure_contrast(palette.color(_Role.Highlight), "#ffffff"))
    for group in (_Group.Active, _Group.Inactive):
        palette.setColor(group, _Role.Highlight, highlight)
        palette.setColor(group, _Role.HighlightedText, QColor("#ffffff"))
        palette.setColor(group, _Role.PlaceholderText, QColor("#6b6b6b"))
    palette.setColor(_Group.Disabled, _Role.PlaceholderText, QColor("#9a9a9a"))
    return palette


_DARK_ROLES = {
    _Role.Window: "#26292d", _Role.WindowText: "#e6e8ea", _Role.Base: "#1d2023", _Role.AlternateBase: "#24282c",
    _Role.Text: "#e6e8ea", _Role.Button: "#30353a", _Role.ButtonText: "#e6e8ea", _Role.BrightText: "#ff8a80",
    _Role.Highlight: "#2f6db5", _Role.HighlightedText: "#ffffff", _Role.Light: "#4a5056",
    _Role.Midlight: "#3a3f44", _Role.Mid: "#2e3236", _Role.Dark: "#17191b", _Role.Shadow: "#0b0c0d",
    _Role.PlaceholderText: "#969ea4", _Role.Link: "#8ab4f8", _Role.LinkVisited: "#c58af9",
    _Role.ToolTipBase: "#30353a", _Role.ToolTipText: "#e6e8ea",
}
_DARK_DISABLED = {
    _Role.WindowText: "#7b8288", _Role.Text: "#7b8288", _Role.ButtonText: "#7b8288", _Role.Base: "#222528",
    _Role.Button: "#2b2f33", _Role.Highlight: "#3a3f44", _Role.HighlightedText: "#a0a6ab",
    _Role.PlaceholderText: "#6a7177",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for group in (_Group.Active, _Group.Inactive, _Group.Disabled):
        for role, colour in _DARK_ROLES.items():
            palette.setColor(group, role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(_Group.Disabled, role, QColor(colour))
    if hasattr(_Role, "Accent"):
        palette.setColor(_Role.Accent, QColor(_DARK_ROLES[_Role.Highlight]))
    return palette


def current_theme() -> str:
    return _applied


def apply_theme(choice: str, app: QApplication | None = None) -> str:
    """Give the application the theme `choice` ("system", "light" or "dark"; anything else: system);
    returns the theme applied. Every view recolours through the palette change."""
    global _system, _applied
    app = app or QApplication.instance()
    choice = choice if choice in dict(THEMES) else "system"
    if _system is None:
        _system = (app.style().name(), QPalette(app.palette()))
    if choice == _applied:
        return choice
    if choice == "system":
        app.setStyle(_system[0])
        app.setPalette(_system[1])
    else:
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(light_palette() if choice == "light" else dark_palette())
    _applied = choice
    return choice


def apply_saved_theme(app: QApplication | None = None) -> str:
    return apply_theme(settings.THEME.read(), app)


def install_theme_menu(view_menu: QMenu) -> QMenu:
    """Theme → System, Light, Dark (one checked) in the View menu; a choice applies at once and is kept."""
    view_menu.addSeparator()
    menu = view_menu.addMenu("&Theme")
    menu.setObjectName("themeMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    for key, label in THEMES:
        action = QAction(label, menu)
        action.setObjectName(f"theme_{key}")
        action.setCheckable(True)
        action.setChecked(key == current_theme())
        action.setStatusTip({"system": "Follow the desktop's colours", "light": "Dark text on light backgrounds",
                             "dark": "Light text on dark backgrounds"}[key])
        action.triggered.connect(lambda _checked=False, key=key: choose_theme(key))
        group.addAction(action)
        menu.addAction(action)
    return view_menu


def choose_theme(choice: str) -> str:
    """The View → Theme choice: applied and kept for the next start."""
    applied = apply_theme(choice)
    settings.THEME.write(applied)
    return applied


# --- the window's size --------------------------------------------------------------------------

def first_size(available: QRect, preferred: QSize = PREFERRED_SIZE, share: float = SCREEN_SHARE) -> QSize:
    """The size of a window opened for the first time: `preferred`, or `share` of the screen's available
    area when that is smaller; never larger than the available area."""
    width = min(preferred.width(), int(available.width() * share), available.width())
    height = min(preferred.height(), int(available.height() * share), available.height())
    return QSize(width, height)


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED_SIZE) -> QSize:
    """Size `window` to fit the available area of its screen, centred on it (the first launch)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(preferred)
        return preferred
    available = screen.availableGeometry()
    size = first_size(available, preferred)
    window.resize(size)
    window.move(available.x() + (available.width() - size.width()) // 2,
                available.y() + (available.height() - size.height()) // 2)
    return size


def keep_on_screen_when_shown(window: QWidget) -> None:
    """After restoring a saved geometry: when the window is first shown (its frame known), bring it inside
    its screen's available area if it overflows (saved on a larger screen; Qt's own check leaves the frame out)."""
    window.installEventFilter(_KeepOnScreen(window))


def keep_on_screen(window: QWidget) -> bool:
    """Shrink and move `window` (frame included) into its screen's available area; False if it was inside."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return False
    available, frame = screen.availableGeometry(), window.frameGeometry()
    if available.contains(frame):
        return False
    extra = frame.size() - window.geometry().size()       # the title bar and borders
    width = min(frame.width(), available.width()) - extra.width()
    height = min(frame.height(), available.height()) - extra.height()
    window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    frame = window.frameGeometry()
    x = min(max(frame.x(), available.x()), available.right() + 1 - frame.width())
    y = min(max(frame.y(), available.y()), available.bottom() + 1 - frame.height())
    window.move(max(x, available.x()), max(y, available.y()))
    return True


class _KeepOnScreen(QObject):
    """Checks the window's place once, when it is first shown (after any saved geometry was restored)."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Show and obj is self.parent():
            obj.removeEventFilter(self)
            keep_on_screen(obj)
            self.deleteLater()
        return False
