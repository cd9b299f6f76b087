"""Window state kept between runs (QSettings); each key declared once with its default.

QSettings holds UI state only; which database to use comes from --db, SIGNPOST_DB
or the default location, never from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

ORGANIZATION = "Signpost"
APPLICATION = "Signpost"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    type: type

    def read(self, settings: QSettings | None = None) -> Any:
        s = settings or QSettings()
        value = s.value(self.name, self.default)
        if value is None:
            return self.default
        if self.type is bool:       # INI files give "true" / "false" back as text
            return value in (True, "true", "True", "1", 1)
        if self.type is bytes:
            return bytes(value) if value else self.default
        try:
            return self.type(value)
        except (TypeError, ValueError):
            return self.default

    def write(self, value: Any, settings: QSettings | None = None) -> None:
        (settings or QSettings()).setValue(self.name, value)


WINDOW_GEOMETRY = Setting("window/geometry", b"", bytes)
WINDOW_STATE = Setting("window/state", b"", bytes)
CURRENT_TAB = Setting("window/tab", 0, int)
SPLITTER_STATE = Setting("window/splitter", b"", bytes)
LAST_DIRECTORY = Setting("files/last_directory", "", str)
LINK_PROBABILITIES = Setting("indicators/link_probabilities", False, bool)
CHART_EXPORT_SIZE = Setting("indicators/chart_export_size", "1600x900", str)
THEME = Setting("view/theme", "system", str)     # "system", "light" or "dark" (View → Theme)


def start_directory() -> str:
    """Where file dialogs open: the folder last used, else the home folder."""
    from pathlib import Path

    return LAST_DIRECTORY.read() or str(Path.home())
