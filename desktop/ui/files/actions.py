"""The File menu's work: open another database, back up and restore, bring bundles in and out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog

from desktop.services.bundles import export_bundle_file, import_bundle_file
from desktop.services.workspace import open_workspace
from desktop.ui import settings
from desktop.ui.backups.dialog import RestoreDialog, backup_now
from desktop.ui.common.errors import show_error
from desktop.ui.common.file_dialogs import open_file, open_files, save_file
from desktop.ui.common.worker import run_in_background

BUNDLE_FILTER = "Signpost bundles (*.signpost.json *.json);;All files (*)"
DATABASE_FILTER = "Signpost databases (*.db *.sqlite);;All files (*)"


class FileActions(QObject):
    """`import_articles(paths)` is the Sources actions' import, which File → Import articles… starts."""

    def __init__(self, context, import_articles):
        super().__init__(context)
        self.context = context
        self._import_articles = import_articles

    # --- databases ----------------------------------------------------------------------------

    def choose_database(self) -> None:
        path = open_file(self.context.window, "Open database", settings.start_directory(), DATABASE_FILTER)
        if path:
            self.open_database(path)

    def open_database(self, location: str) -> bool:
        """Switch to another database (created and seeded if new); the current one stays on error."""
        c = self.context
        try:
            database = open_workspace(location)
            c.show(database)
        except Exception as exc:
            show_error(c.window, "Cannot open database", exc)
            return False
        settings.LAST_DIRECTORY.write(str(Path(location).parent))
        return True

    def back_up_now(self):
        out = backup_now(self.context.window, self.context.database.location)
        if out is not None:
            self.context.say(f"Backed up to {out}")
        return out

    def choose_backup_to_restore(self) -> bool:
        """The backups dialog; after a restore the database is opened again (caches and undo history
        belong to the content it replaced)."""
        dialog = RestoreDialog(self.context.database.location, self.context.window)
        if dialog.exec() != dialog.DialogCode.Accepted or dialog.restored is None:
            return False
        return self.reopen_after_restore(dialog.restored)

    def reopen_after_restore(self, restored) -> bool:
        if not self.open_database(str(restored.database)):
            return False
        kept = f"; what it replaced is in {restored.replaced_copy}" if restored.replaced_copy else ""
        self.context.say(f"Restored from {restored.restored_from.name}{kept}", 12000)
        return True

    # --- bundles and articles -----------------------------------------------------------------

    def choose_bundle_to_import(self) -> None:
        path = open_file(self.context.window, "Import bundle", settings.start_directory(), BUNDLE_FILTER)
        if path:
            settings.LAST_DIRECTORY.write(str(Path(path).parent))
            self.import_bundle(path)

    def import_bundle(self, path: str):
        """Import off the GUI thread behind a busy dialog; opens the new situation when done."""
        c = self.context
        progress = QProgressDialog(f"Importing {Path(path).name}…", "", 0, 0, c.window)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Import bundle")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        database = c.database

        def done(summary):
            progress.close()
            c.show(c.database, summary.situation_id)
            c.say(f"Imported {summary.evidence} evidence items, {summary.sources} sources and "
                  f"{summary.indicators} indicators from {Path(path).name}")

        def failed(exc):
            progress.close()
            show_error(c.window, "Cannot import bundle", exc)

        return run_in_background(lambda: import_bundle_file(database, path, remember=True), done, failed)

    def choose_bundle_to_export(self) -> None:
        suggested = str(Path(settings.start_directory()) / "situation.signpost.json")
        path = save_file(self.context.window, "Export bundle", suggested, BUNDLE_FILTER)
        if path:
            self.export_bundle(path)

    def export_bundle(self, path: str) -> bool:
        c = self.context
        try:
            out = export_bundle_file(c.database, c.situation_id, path)
        except Exception as exc:
            show_error(c.window, "Cannot export bundle", exc)
            return False
        settings.LAST_DIRECTORY.write(str(Path(path).parent))
        c.say(f"Wrote {out}")
        return True

    def choose_articles_to_import(self) -> None:
        from desktop.ui.articles.importer import ARTICLE_FILTER

        paths = open_files(self.context.window, "Import articles", settings.start_directory(), ARTICLE_FILTER)
        if paths:
            settings.LAST_DIRECTORY.write(str(Path(paths[0]).parent))
            self._import_articles(paths)
