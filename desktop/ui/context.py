"""What every screen of the window depends on: the open database, the situation in view, the undo
stack, and one `changed` signal carrying each `ChangeSet` the change log yields.

Screens never learn of a write any other way. A command pushed here calls `sync()` after it
ran (and after each undo and redo); a timer calls `poll()`, so writes by another process (the
command line, a second window) arrive through the same signal within a second or two.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.services.changes import ChangeSet, ChangeWatcher
from desktop.services.situations import resolve_situation
from desktop.ui.commands import push_guarded
from desktop.ui.common.errors import show_error

POLL_MS = 1000


class WindowContext(QObject):
    changed = Signal(object)            # ChangeSet
    situation_shown = Signal()          # another database or situation: views start over
    as_of_changed = Signal(object)      # date | None
    message = Signal(str, int)          # status-bar text, milliseconds

    def __init__(self, database, situation_id: int | None, window: QWidget, poll_ms: int = POLL_MS):
        super().__init__(window)
        self.window = window            # the parent of the dialogs screens open
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.database = database
        self.situation = resolve_situation(database, situation_id)
        self.scenarios: list[tuple[str, str]] = []
        self.as_of = None
        self._watcher = ChangeWatcher(database)
        self._timer = QTimer(self)
        self._timer.setObjectName("changePoll")
        self._timer.timeout.connect(self.poll)
        if poll_ms > 0:
            self._timer.start(poll_ms)

    @property
    def situation_id(self) -> int:
        return self.situation.id

    @property
    def mark(self) -> int:
        """How far the change log has been read: what is read from now on is at least this recent."""
        return self._watcher.mark

    def push(self, command) -> bool:
        """Do `command` through the undo stack; a refusal is shown and nothing stays on the stack."""
        refusal = push_guarded(self.undo_stack, command)
        if refusal is not None:
            show_error(self.window, command.text(), refusal)
        return refusal is None

    def sync(self) -> ChangeSet | None:
        """Read what was written since the last look and tell the screens (None: nothing new)."""
        return self._emit(self._watcher.catch_up())

    def poll(self) -> ChangeSet | None:
        """`sync`, when the database shows signs of a write (another process's, most often)."""
        try:
            changes = self._watcher.poll()
        except Exception:           # a database gone or locked for a moment: try again at the next tick
            return None
        return self._emit(changes)

    def _emit(self, changes: ChangeSet | None) -> ChangeSet | None:
        if changes is not None:
            self.changed.emit(changes)
        return changes

    def show(self, database, situation_id: int | None = None) -> None:
        """Point the window at a database and situation (the undo history belongs to the old ones)."""
        situation = resolve_situation(database, situation_id)
        old = self.database
        if database is not old:
            self._watcher = ChangeWatcher(database)
        self.database, self.situation = database, situation
        if old is not database:
            old.close()
        self.undo_stack.clear()
        self.as_of = None
        self.situation_shown.emit()

    def set_as_of(self, day) -> None:
        self.as_of = day
        self.as_of_changed.emit(day)

    def say(self, text: str, ms: int = 8000) -> None:
        self.message.emit(text, ms)
