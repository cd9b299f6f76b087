"""The window's menus and their actions: File, Edit, View, Analysis and Help.

The frame made the menus' titles already (`desktop.ui.shell.MENUS`); here each gets its items once
the window is open on a database, every item a call into a screen's actions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QUndoView

from desktop.ui.common.appearance import install_theme_menu
from desktop.ui.common.shortcuts import redo_shortcuts
from desktop import __version__
from desktop.ui.shell import TAB_TITLES, TABS


def build_menus(window) -> None:
    """Give `window` its actions (as attributes tests and the toolbar use) and put them in the menus."""
    f, e, i, s = window.file_actions, window.evidence_actions, window.indicator_actions, window.source_actions
    std = QKeySequence.StandardKey
    window.open_action = window.make_action("&Open database…", f.choose_database, std.Open,
                                            "Open another Signpost database file")
    window.new_situation_action = window.make_action(
        "New &situation…", lambda: window.situation_actions.new(), None,
        "Start a situation from scratch: title, question, opened and horizon dates", "newSituation")
    window.import_action = window.make_action("&Import bundle…", f.choose_bundle_to_import, "Ctrl+I",
                                              "Load a .signpost.json bundle as a new situation")
    window.export_action = window.make_action("&Export bundle…", f.choose_bundle_to_export, "Ctrl+Shift+S",
                                              "Write this situation to a .signpost.json bundle")
    window.import_articles_action = window.make_action(
        "Import &articles…", f.choose_articles_to_import, "Ctrl+Shift+I",
        "Import .txt, .md, .html files or RSS/Atom feeds as sources (or drop files on the window)",
        "importArticles")
    window.paste_action = window.make_action("New source from clip&board…", s.paste_source, "Ctrl+Shift+V",
                                             "Make a new source of the text on the clipboard", "pasteSource")
    window.backup_action = window.make_action("Bac&k up now", f.back_up_now, None,
                                              "Copy the database into its backup folder", "backupNow")
    window.restore_action = window.make_action("&Restore from backup…", f.choose_backup_to_restore, None,
                                               "Go back to one of the database's backups", "restoreBackup")
    window.quit_action = window.make_action("&Quit", window.close, std.Quit)
    window.fill_menu("&File", "fileMenu", [window.open_action, window.new_situation_action, window.import_action, window.export_action, None,
                                           window.import_articles_action, window.paste_action, None,
                                           window.backup_action, window.restore_action, None, window.quit_action])

    window.undo_action = window.undo_stack.createUndoAction(window, "&Undo")
    window.undo_action.setShortcut(std.Undo)
    window.redo_action = window.undo_stack.createRedoAction(window, "&Redo")
    window.redo_action.setShortcuts(redo_shortcuts(QKeySequence.keyBindings(std.Redo)))
    window.edit_action = window.make_action("&Edit evidence…", lambda: window.with_selected(e.edit), "Ctrl+Shift+E",
                                            "Edit the selected evidence item")
    window.delete_action = window.make_action("&Delete evidence", lambda: window.with_selected(e.delete), None,
                                              "Delete the selected item (it can be restored with Undo)")
    window.history_dock = QDockWidget("Undo history", window)
    window.history_dock.setObjectName("undoHistoryDock")
    window.history_dock.setWidget(QUndoView(window.undo_stack))
    window.history_dock.hide()
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.history_dock)
    window.history_action = window.history_dock.toggleViewAction()
    window.history_action.setText("Undo &history")
    window.history_action.setShortcut("Ctrl+H")
    window.fill_menu("&Edit", "editMenu", [window.undo_action, window.redo_action, None, window.edit_action,
                                           window.delete_action, None, window.history_action])

    window.tab_actions = [window.make_action(title, lambda _=False, n=name: window.show_view(n), f"Ctrl+{k}",
                                             f"Show the {title} tab", f"show-{name}")
                        for k, (name, title) in enumerate(zip(TABS, TAB_TITLES), start=1)]
    window.next_tab_action = window.make_action("&Next tab", lambda: window.step_tab(1), "Ctrl+Tab")
    window.previous_tab_action = window.make_action("&Previous tab", lambda: window.step_tab(-1), "Ctrl+Shift+Tab")
    window.view_menu = window.fill_menu("&View", "viewMenu", [*window.tab_actions, None, window.next_tab_action,
                                                              window.previous_tab_action])
    install_theme_menu(window.view_menu)

    window.log_action = window.make_action("&Log evidence…", lambda: e.log(None), std.New,
                                           "Log a new evidence item (Ctrl+N)")
    window.judgement_action = window.make_action("Record &judgement…", window.judgement_actions.record, "Ctrl+J",
                                                 "State your own probability for each scenario")
    window.record_figure_action = window.make_action(
        "Record indicator &figure…", i.record_from_selection, "Ctrl+Shift+O",
        "Record a dated value of an indicator (from the selected evidence item, if any)", "recordFigureAction")
    window.new_indicator_action = window.make_action("New &indicator…", i.new, None,
                                                     "Define a new indicator with its thresholds and scenarios")
    window.situation_action = window.make_action(
        "Situation and &scenarios…", lambda: window.situation_actions.edit(), None,
        "Edit the question, dates and scenarios (add, rename, reorder, archive, set priors)", "editSituation")
    window.fill_menu("&Analysis", "analysisMenu", [window.situation_action, None, window.log_action,
                                                   window.judgement_action, None,
                                                   window.record_figure_action, window.new_indicator_action])

    window.shortcuts_action = window.make_action("&Keyboard shortcuts", window.show_shortcuts, "F1",
                                                 "Every key the window answers to")
    window.rating_guide_action = window.make_action(
        "&Rating guide…", lambda: show_rating_guide(window), None,
        "What CC, C, N, I, II and NA mean and how to choose one", "ratingGuideAction")
    window.about_action = window.make_action("&About Signpost", lambda: show_about(window))
    window.fill_menu("&Help", "helpMenu", [window.shortcuts_action, window.rating_guide_action, None,
                                           window.about_action])


def show_rating_guide(window):
    from desktop.ui.rating_guide import show_rating_guide as show

    return show(window)


def show_about(window) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        window, "About Signpost",
        f"<h3>Signpost {__version__}</h3>"
        "<p>A scenario tracker for analysts following a fast-moving crisis: log graded evidence, "
        "rate it against competing scenarios, track indicators, and compare scenario likelihoods "
        "(Bayesian ACH, ICD 203 estimative language, Admiralty grading).</p>"
        f"<p>Database: {window.database.location}</p>")
