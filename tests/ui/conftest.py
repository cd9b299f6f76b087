"""GUI fixtures: a main window on a freshly seeded database, with settings kept in a temp folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def window(qtbot, seeded):
    from desktop.ui.app import application
    from desktop.ui.main_window import MainWindow

    application()
    w = MainWindow(seeded)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w
