"""Showing errors to the user: the one clear line for what they can act on, and for a bug a short
sentence with a "Copy details" button (the traceback also goes to the log). The window keeps running."""

from __future__ import annotations

import sys

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

if TYPE_CHECKING:   # the log (logging, platformdirs) is set up when there is something to say, not at start
    from desktop.services.crash_log import Failure


def show_error(parent: QWidget | None, title: str, exc: BaseException | str) -> Failure:
    """A message box with the sentence for `exc` (a string is shown as it is)."""
    from desktop.services.crash_log import Failure, explain

    failure = Failure(exc, True) if isinstance(exc, str) else explain(exc, title)
    box = QMessageBox(QMessageBox.Icon.Warning if failure.expected else QMessageBox.Icon.Critical, title,
                      failure.message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    if not failure.expected:
        box.setDetailedText(failure.details)
        copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        copy.setObjectName("copyDetails")
        copy.clicked.disconnect()   # copying must not close the box
        copy.clicked.connect(lambda: QApplication.clipboard().setText(failure.details))
    box.open()
    return failure


def install_exception_hook(window_of) -> None:
    """Exceptions nobody caught in a slot or an event handler: a dialog and the log, not a dead window.
    `window_of()` gives the window to show it over."""
    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        if value.__traceback__ is None:
            value = value.with_traceback(tb)
        show_error(window_of(), "Unexpected problem", value)

    sys.excepthook = hook
