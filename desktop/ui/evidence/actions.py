"""What the window does with evidence: log, edit, delete and rate, each one undoable command."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.services.evidence import evidence_draft
from desktop.ui.commands import DeleteEvidenceCommand, SetRatingCommand
from desktop.ui.evidence.dialog import edit_evidence_interactively, log_evidence_interactively


class EvidenceActions(QObject):
    def __init__(self, context, parent: QObject | None = None):
        super().__init__(parent)
        self.context = context

    def log(self, draft=None, suggestion_id: int | None = None) -> bool:
        """The evidence dialog (prefilled when `draft` is given); saved as an undoable command."""
        c = self.context
        return log_evidence_interactively(c.window, c.database, c.situation_id, c.scenarios, c.undo_stack, draft,
                                          on_change=c.sync, suggestion_id=suggestion_id)

    def edit(self, evidence_id: int) -> bool:
        c = self.context
        return edit_evidence_interactively(c.window, c.database, c.situation_id, c.scenarios, c.undo_stack,
                                           evidence_id, on_change=c.sync)

    def delete(self, evidence_id: int) -> bool:
        c = self.context
        label = f"“{evidence_draft(c.database, evidence_id).quote[:40]}”"
        done = c.push(DeleteEvidenceCommand(c.database, evidence_id, label, c.sync))
        if done:
            c.say(f"Deleted {label}: Edit → Undo restores it")
        return done

    def rate(self, evidence_id: int, scenario_key: str, old, new, label: str | None = None) -> bool:
        """One matrix cell, already shown in place (`label`: the item's key, which the matrix knows)."""
        c = self.context
        label = label or f"“{evidence_draft(c.database, evidence_id).quote[:30]}”"
        return c.push(SetRatingCommand(c.database, evidence_id, label, scenario_key, old, new, c.sync))
