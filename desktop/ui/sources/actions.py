"""What the window does with sources: import articles and pasted text, correct a source's details,
find suggestions again, group sources as one story, and accept or reject suggestions. Every write
is one undoable command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop.services.articles import ImportReport, import_pasted_text, source_details
from desktop.services.indicators import indicator_names
from desktop.services.sources import get_source
from desktop.services.suggestions import evidence_draft_for, list_suggestions, sentence_of
from desktop.ui.articles.importer import ImportReportDialog, import_articles
from desktop.ui.articles.paste import PasteSourceDialog
from desktop.ui.commands import (
    AcceptFigureCommand, EditSourceDetailsCommand, FindSuggestionsCommand, GroupStoryCommand, ImportSourcesCommand,
    RejectSuggestionCommand,
)
from desktop.ui.common.errors import show_error
from desktop.ui.sources.details_dialog import SourceDetailsDialog


@dataclass(frozen=True)
class IndicatorChoice:
    """Where a figure goes: an existing indicator's key, or a new indicator's name."""

    key: str | None = None
    new_name: str | None = None


class SourceActions(QObject):
    """`window` gives the Sources tab (`sources`), `show_view`, and the evidence and indicator actions."""

    def __init__(self, context, window, evidence_actions, indicator_actions):
        super().__init__(window)
        self.context, self.window = context, window
        self.evidence_actions, self.indicator_actions = evidence_actions, indicator_actions
        self.last_import_report: ImportReportDialog | None = None

    # --- bringing sources in ------------------------------------------------------------------

    def import_articles(self, paths: list[str]):
        """Import off the GUI thread behind a cancellable progress dialog, then report and open the first."""
        c = self.context
        return import_articles(c.window, c.database, c.situation_id, paths, self.articles_imported)

    def articles_imported(self, report: ImportReport) -> None:
        c = self.context
        ids = [a.source.id for a in report.imported]
        if ids:
            label = report.imported[0].source.title if len(ids) == 1 else f"{len(ids)} articles"
            c.undo_stack.push(ImportSourcesCommand(c.database, ids, label, c.sync))
            self.window.show_view("sources")
            self.window.sources.refresh()
            self.window.sources.open_source(ids[0])
        c.say(f"Imported {len(ids)} source{'s' if len(ids) != 1 else ''}"
              + (f", {len(report.problems)} refused" if report.problems else "")
              + (" (cancelled)" if report.cancelled else ""))
        if report.problems or report.cancelled or any(a.similar or a.source.published_at is None
                                                       for a in report.imported):
            if self.last_import_report is not None:
                self.last_import_report.close()
                self.last_import_report.deleteLater()
            self.last_import_report = ImportReportDialog(report, self.group_as_story, c.window)
            self.last_import_report.show()      # not modal: the analyst can read the sources beside it

    def paste_source(self) -> bool:
        c = self.context
        text = QApplication.clipboard().text()
        if not text.strip():
            c.say("The clipboard holds no text to make a source of", 5000)
            return False
        dialog = PasteSourceDialog(text, c.window)
        if not dialog.exec():
            return False
        try:
            imported = import_pasted_text(c.database, c.situation_id, text, dialog.title.text(),
                                          dialog.published_on(), dialog.reliability.currentData(),
                                          dialog.outlet.text())
        except Exception as exc:
            show_error(c.window, "Cannot make a source of the clipboard", exc)
            return False
        self.articles_imported(ImportReport(imported=[imported]))
        return True

    # --- a source's own facts -----------------------------------------------------------------

    def edit_details(self, source_id: int) -> bool:
        c = self.context
        old = source_details(c.database, source_id)
        title = get_source(c.database, source_id).title
        dialog = SourceDetailsDialog(title, old, c.window)
        if not dialog.exec() or dialog.value() == old:
            return False
        return c.push(EditSourceDetailsCommand(c.database, source_id, old, dialog.value(), title, c.sync))

    def find_suggestions(self, source_id: int) -> bool:
        c = self.context
        command = FindSuggestionsCommand(c.database, source_id, get_source(c.database, source_id).title, c.sync)
        if not c.push(command):
            return False
        c.say(f"{command.pending} suggestion{'s' if command.pending != 1 else ''} pending")
        return True

    def group_as_story(self, source_ids: list[int]) -> str | None:
        c = self.context
        command = GroupStoryCommand(c.database, source_ids, f"{len(source_ids)} sources", c.sync)
        return command.story if c.push(command) else None

    # --- suggestions --------------------------------------------------------------------------

    def decide(self, row, reopen: bool = False) -> bool:
        c = self.context
        return c.push(RejectSuggestionCommand(c.database, row.id, row.text, c.sync, reopen=reopen))

    def accept(self, row, source_id: int, edit: bool = False) -> bool:
        """Evidence: the dialog prefilled (rate and save). A figure: recorded in an indicator, linked to the
        evidence its sentence became (logging the sentence first if need be), as one undoable command."""
        c = self.context
        if row.kind == "evidence":
            return self.evidence_actions.log(evidence_draft_for(row, source_id), suggestion_id=row.id)
        sentence = sentence_of(list_suggestions(c.database, source_id), row)
        if sentence is None:
            return False
        if sentence.evidence_id is None:
            if not self.evidence_actions.log(evidence_draft_for(sentence, source_id), suggestion_id=sentence.id):
                return False
            sentence = next(r for r in list_suggestions(c.database, source_id) if r.id == sentence.id)
        value = None
        if edit:
            value, ok = QInputDialog.getDouble(c.window, "Figure", f"Value of “{row.text}”:", float(row.value),
                                               -1e15, 1e15, 2)
            if not ok:
                return False
        choice = IndicatorChoice(row.indicator) if row.indicator and not edit else self.choose_indicator(row)
        if choice is None:
            return False
        before = self.indicator_actions.status(choice.key) if choice.key else None
        command = AcceptFigureCommand(c.database, c.situation_id, row.id, sentence.evidence_id,
                                      sentence.observed or date.today(), row.text, indicator_key=choice.key,
                                      new_indicator=choice.new_name, value=value, on_change=c.sync)
        if not c.push(command):
            return False
        if before is not None:
            self.indicator_actions.check_crossing(command.accepted.indicator_key, before)
        return True

    def choose_indicator(self, row) -> IndicatorChoice | None:
        c = self.context
        listed = indicator_names(c.database, c.situation_id)
        new = f"New indicator “{row.unit}”…"
        names = [f"{n.name} ({n.unit})" for n in listed] + [new]
        keys = [n.key for n in listed]
        current = keys.index(row.indicator) if row.indicator in keys else len(names) - 1
        question = (f"Record “{row.text}” in:" if row.indicator else
                    f"No indicator matches “{row.text}”. Record it in:")
        choice, ok = QInputDialog.getItem(c.window, "Which indicator?", question, names, current, False)
        if not ok:
            return None
        if choice != new:
            return IndicatorChoice(keys[names.index(choice)])
        name, ok = QInputDialog.getText(c.window, "New indicator", "Name:", text=row.unit.capitalize())
        if not ok or not name.strip():
            return None
        return IndicatorChoice(new_name=name.strip())
