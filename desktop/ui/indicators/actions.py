"""What the window does with indicators and their figures: each change one undoable command, and a
figure that takes an indicator past a threshold announced in the notice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QProgressDialog

from desktop.domain.indicator_rules import ObservationDraft
from desktop.services.evidence import evidence_draft
from desktop.services.indicators import (
    Crossing, archived_indicators, as_draft, crossing_evidence, crossing_since, evidence_choices, get_indicator,
    import_observations_csv, indicator_names, indicator_status, observation_rows,
)
from desktop.ui import settings
from desktop.ui.commands import (
    AddObservationCommand, ArchiveIndicatorCommand, CreateIndicatorCommand, DeleteObservationCommand,
    EditIndicatorCommand, EditObservationCommand, ImportObservationsCommand,
)
from desktop.ui.common.errors import show_error
from desktop.ui.common.file_dialogs import open_file
from desktop.ui.common.worker import run_in_background
from desktop.ui.indicators.dialogs import IndicatorDialog, ObservationDialog


class IndicatorActions(QObject):
    """`window` gives the Indicators tab (`indicators`), `show_view`, the `threshold_notice` and the
    Evidence tab (`evidence`, for the item in hand)."""

    def __init__(self, context, window, evidence_actions):
        super().__init__(window)
        self.context, self.window = context, window
        self.evidence_actions = evidence_actions
        self.crossing: Crossing | None = None       # the one the notice tells of

    # --- indicators -------------------------------------------------------------------------

    def open(self, key: str) -> None:
        self.window.show_view("indicators")
        self.window.indicators.select_indicator(key)

    def new(self) -> bool:
        c = self.context
        dialog = IndicatorDialog(c.scenarios, parent=c.window)
        if not dialog.exec():
            return False
        command = CreateIndicatorCommand(c.database, c.situation_id, dialog.value(), c.sync)
        if not c.push(command):
            return False
        self.open(command.made.key)
        return True

    def edit(self, indicator_id: int) -> bool:
        c = self.context
        old = get_indicator(c.database, indicator_id).draft
        dialog = IndicatorDialog(c.scenarios, old, c.window)
        if not dialog.exec() or dialog.value() == old:
            return False
        return c.push(EditIndicatorCommand(c.database, indicator_id, old, dialog.value(), c.sync))

    def archive(self, indicator_id: int, name: str) -> bool:
        c = self.context
        done = c.push(ArchiveIndicatorCommand(c.database, indicator_id, name, c.sync))
        if done:
            c.say(f"Archived “{name}”: Edit → Undo or Restore… brings it back")
        return done

    def restore(self) -> bool:
        c = self.context
        archived = archived_indicators(c.database, c.situation_id)
        if not archived:
            c.say("No archived indicators", 5000)
            return False
        names = [f"{a.name} ({a.key})" for a in archived]
        choice, ok = QInputDialog.getItem(c.window, "Restore indicator", "Archived indicators:", names, 0, False)
        if not ok:
            return False
        chosen = archived[names.index(choice)]
        if not c.push(ArchiveIndicatorCommand(c.database, chosen.id, chosen.name, c.sync, restore=True)):
            return False
        self.open(chosen.key)
        return True

    # --- figures ----------------------------------------------------------------------------

    def _evidence_in_hand(self) -> int | None:
        """The evidence item selected in the Evidence tab, when that tab is in view."""
        w = self.window
        return w.evidence.selected_evidence_id() if w.tabs.currentWidget() is w.evidence else None

    def _observation_dialog(self, draft=None, indicator: str | None = None) -> ObservationDialog:
        c = self.context
        names = indicator_names(c.database, c.situation_id)
        evidence = evidence_choices(c.database, c.situation_id, include=draft.evidence_id if draft else None)
        return ObservationDialog([(n.key, n.name, n.unit) for n in names], evidence, draft, indicator, c.window)

    def record_from_selection(self) -> bool:
        return self.record(evidence_id=self._evidence_in_hand())

    def record(self, indicator: str | None = None, evidence_id: int | None = None) -> bool:
        """The figure dialog (from an evidence item: its day and link preset); when the figure takes
        the indicator past a threshold, the notice offers to log that as evidence."""
        c = self.context
        draft = None
        if evidence_id is not None:
            draft = ObservationDraft(evidence_draft(c.database, evidence_id).observed_at, None,
                                     evidence_id=evidence_id)
        dialog = self._observation_dialog(draft, indicator)
        if not dialog.exec():
            return False
        value, key = dialog.value(), dialog.indicator_key()
        command = AddObservationCommand(c.database, c.situation_id, key, value, f"{value.value:g}", c.sync)
        if not c.push(command):
            return False
        self.window.indicators.select_indicator(key)
        self.window.indicators.select_observation(command.result.id)
        if command.result.crossed:
            self.announce(Crossing(command.result, value))
        return True

    def edit_figure(self, observation_id: int) -> bool:
        c = self.context
        rows = observation_rows(c.database, [observation_id])
        if not rows:
            return False
        old = as_draft(rows[0])
        dialog = self._observation_dialog(old, get_indicator(c.database, rows[0].indicator_id).key)
        dialog.indicator.setEnabled(False)          # a figure stays with its indicator
        if not dialog.exec() or dialog.value() == old:
            return False
        return c.push(EditObservationCommand(c.database, observation_id, old, dialog.value(),
                                             f"{old.value:g} of {old.observed_at.isoformat()}", c.sync))

    def delete_figure(self, observation_id: int) -> bool:
        c = self.context
        rows = observation_rows(c.database, [observation_id])
        if not rows:
            return False
        label = f"{rows[0].value:g} of {rows[0].at.isoformat()}"
        done = c.push(DeleteObservationCommand(c.database, observation_id, label, c.sync))
        if done:
            c.say(f"Deleted figure {label}: Edit → Undo puts it back")
        return done

    def import_figures(self, indicator: str, path: str | None = None):
        """A CSV file read and stored off the GUI thread behind a busy dialog; then one undoable command."""
        c = self.context
        if path is None:
            path = open_file(c.window, "Import figures", settings.start_directory(),
                             "CSV files (*.csv *.txt);;All files (*)")
            if not path:
                return None
            settings.LAST_DIRECTORY.write(str(Path(path).parent))
        progress = QProgressDialog(f"Importing {Path(path).name}…", "", 0, 0, c.window)
        progress.setObjectName("figuresProgress")
        progress.setWindowTitle("Import figures")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        database, sid = c.database, c.situation_id
        before = indicator_status(database, sid, indicator)

        def done(ids):
            progress.close()
            c.undo_stack.push(ImportObservationsCommand(database, ids, Path(path).name, c.sync))
            self.check_crossing(indicator, before)
            c.say(f"Imported {len(ids)} figures of {indicator} from {Path(path).name}")

        def failed(exc):
            progress.close()
            show_error(c.window, "Cannot import the figures", exc)

        return run_in_background(lambda: import_observations_csv(database, sid, indicator, path), done, failed)

    # --- crossings --------------------------------------------------------------------------

    def status(self, indicator: str):
        return indicator_status(self.context.database, self.context.situation_id, indicator)

    def check_crossing(self, indicator: str, before) -> None:
        """Figures that came in another way than the figure dialog: the same notice if they crossed."""
        found = crossing_since(self.context.database, self.context.situation_id, indicator, before)
        if found is not None:
            self.announce(found)

    def announce(self, crossing: Crossing) -> None:
        c = self.context
        draft = crossing_evidence(c.database, c.situation_id, crossing)
        self.crossing = crossing
        self.window.threshold_notice.announce(crossing.added, draft, dict(c.scenarios))

    def log_crossing(self, draft) -> bool:
        """The notice's "Log as evidence…": the item logged, then the figure linked to it when it cites none
        (two undoable steps: the link is undone first, then the item)."""
        c, crossing = self.context, self.crossing
        if not self.evidence_actions.log(draft):
            return False
        logged = getattr(c.undo_stack.command(c.undo_stack.index() - 1), "logged", None)
        rows = observation_rows(c.database, [crossing.added.id]) if crossing is not None else []
        if logged is None or not rows or rows[0].evidence_id is not None:
            return True
        old = as_draft(rows[0])
        c.push(EditObservationCommand(c.database, rows[0].id, old, replace(old, evidence_id=logged.id),
                                      f"{old.value:g} of {old.observed_at.isoformat()} → {logged.key}", c.sync))
        return True
