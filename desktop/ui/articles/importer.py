"""Importing articles from the window: a progress dialog that can be cancelled, the work on a
pool thread, and a report of what came in (problems, near-duplicates to group as one story)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QProgressDialog, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from desktop.services.articles import ImportReport, import_files
from desktop.ui.common.errors import show_error
from desktop.ui.common.theme import colours
from desktop.ui.common.worker import run_in_background

ARTICLE_FILTER = ("Articles and feeds (*.txt *.md *.markdown *.html *.htm *.xhtml *.rss *.atom *.xml);;"
                  "All files (*)")
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".rss", ".atom", ".xml"}


class _Progress(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to here."""

    step = Signal(int, int, str)


def import_articles(parent: QWidget, database, situation_id: int, paths: list[str],
                    on_done: Callable[[ImportReport], None]):
    """Start the import; `on_done(report)` runs on the GUI thread (also after a cancel)."""
    paths = [str(p) for p in paths]
    dialog = QProgressDialog("Reading articles…", "Cancel", 0, max(len(paths), 1), parent)
    dialog.setObjectName("articleImportProgress")
    dialog.setWindowTitle("Import articles")
    # Not modal: the analyst may keep reading while articles come in (and a modal QProgressDialog
    # runs the event loop inside setValue, which would deliver the end of the import re-entrantly).
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    cancel = threading.Event()
    dialog.canceled.connect(lambda: cancel.set())
    relay = _Progress(dialog)

    def show_step(done: int, total: int, label: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(f"Importing {label} ({done + 1} of {total})…" if label else "Finishing…")
    relay.step.connect(show_step)

    def work():
        return import_files(database, situation_id, paths, progress=relay.step.emit, cancelled=cancel.is_set)

    def finish() -> None:
        relay.step.disconnect()
        dialog.canceled.disconnect()      # closing a QProgressDialog emits canceled: not a cancel now
        dialog.hide()
        dialog.deleteLater()

    def done(report: ImportReport):
        finish()
        on_done(report)

    def failed(exc):
        finish()
        show_error(parent, "Cannot import articles", exc)

    dialog.show()
    return run_in_background(work, done, failed)


class ImportReportDialog(QDialog):
    """What an import brought in, what it refused and why, and which sources look like the same story."""

    def __init__(self, report: ImportReport, group: Callable[[list[int]], str | None],
                 parent: QWidget | None = None):
        """`group(source ids)` groups sources as one story (an undoable command): the story, or None."""
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle("Articles imported")
        self.group = group
        self.report = report
        n = len(report.imported)
        summary = f"{n} source{'s' if n != 1 else ''} imported"
        if report.problems:
            summary += f", {len(report.problems)} refused"
        if report.cancelled:
            summary += " (cancelled: the rest were not read)"
        self.summary = QLabel(summary + ".")
        self.summary.setObjectName("importSummary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("importTree")
        self.tree.setHeaderLabels(["", "Details"])
        self.tree.setColumnWidth(0, 300)
        self.group_buttons: list[QPushButton] = []
        for article in report.imported:
            x = article.extraction
            item = QTreeWidgetItem([f"{article.source.key}: {article.source.title}",
                                    f"{len(x.evidence)} sentences, {len(x.quantities)} figures, {len(x.dates)} dates "
                                    "suggested"])
            self.tree.addTopLevelItem(item)
            if article.source.published_at is None:
                note = QTreeWidgetItem(["no publication date found",
                                        "set it with Sources → Source details… so “Monday”, “yesterday” resolve"])
                note.setForeground(0, QColor(colours().caution))
                item.addChild(note)
            for similar in article.similar:
                child = QTreeWidgetItem([f"looks like {similar.key}: {similar.title}",
                                         f"similarity {similar.score:.2f}"])
                item.addChild(child)
                button = QPushButton("Group as one story")
                button.setObjectName(f"group-{article.source.key}-{similar.key}")
                button.clicked.connect(lambda _=False, a=article.source.id, b=similar.id, btn=button:
                                       self._group(a, b, btn))
                self.group_buttons.append(button)
                self.tree.setItemWidget(child, 1, button)
            item.setExpanded(True)
        for problem in report.problems:
            item = QTreeWidgetItem([f"refused: {problem.origin}", problem.message])
            item.setToolTip(1, problem.message)
            item.setForeground(0, QColor(colours().error))
            self.tree.addTopLevelItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def _group(self, a: int, b: int, button: QPushButton) -> None:
        story = self.group([a, b])
        if story is None:
            return
        button.setText(f"Grouped ({story})")
        button.setEnabled(False)
