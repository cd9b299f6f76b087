"""File → New situation… and Analysis → Situation and scenarios…: the dialogs, then a service or a command."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.services.scenario_edits import new_situation, situation_spec
from desktop.ui.commands import SaveSituationCommand
from desktop.ui.common.errors import show_error
from desktop.services.errors import InputError
from desktop.ui.situation.dialog import NewSituationDialog, SituationDialog


class SituationActions(QObject):
    def __init__(self, context):
        super().__init__(context)
        self.context = context

    def new(self) -> int | None:
        """A new situation, opened at once with the scenarios dialog (it has none yet). Opening another
        situation starts a new undo history, as importing a bundle does: creating one is not undone."""
        c = self.context
        dialog = NewSituationDialog(c.window)
        if not dialog.exec():
            return None
        spec = dialog.value()
        try:
            sid = new_situation(c.database, spec.title, spec.question, spec.opened_at, spec.horizon)
        except InputError as exc:
            show_error(c.window, "New situation", exc)
            return None
        c.show(c.database, sid)
        c.say(f"Created “{spec.title}”: add its scenarios in Analysis → Situation and scenarios…")
        return sid

    def edit(self, dialog: SituationDialog | None = None) -> bool:
        """`dialog`: one already filled in (tests); by default the dialog is shown and waited for."""
        c = self.context
        old = situation_spec(c.database, c.situation_id)
        if dialog is None:
            dialog = SituationDialog(old, c.window)
            if not dialog.exec():
                return False
        new = dialog.value()
        if new == old:
            return False
        return c.push(SaveSituationCommand(c.database, c.situation_id, old, new, c.sync))
