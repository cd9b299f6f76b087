"""Data safety as the window shows it (issue 10, points 5 and 9): backups, restore, error dialogs."""

from __future__ import annotations

import random
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop.services.evidence import list_evidence
from desktop.services.safekeeping import list_backups


def boxes(title: str):
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle().startswith(title)]


def test_back_up_now_then_restore_from_the_file_menu(window, qtbot, monkeypatch, db_path):
    window.file_actions.back_up_now()
    made = list_backups(str(db_path))
    assert made[0].reason == "manual"                 # newest first (the day's copy was made on opening)
    assert "Backed up to" in window.statusBar().currentMessage()
    sid = window.situation.id
    before = len(list_evidence(window.database, sid))
    window.evidence_actions.delete(list_evidence(window.database, sid)[0].id)
    window.undo_stack.clear()
    assert len(list_evidence(window.database, sid)) == before - 1

    from desktop.ui.backups.dialog import RestoreDialog

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))

    def pick_and_restore(dialog):
        assert dialog.table.rowCount() == len(made) and dialog.table.item(0, 1).text() == "Made by hand"
        assert dialog.selected().path == made[0].path
        assert dialog.restore_selected()
        return dialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", pick_and_restore)
    assert window.file_actions.choose_backup_to_restore()
    assert len(list_evidence(window.database, window.situation.id)) == before
    assert "Restored from" in window.statusBar().currentMessage()
    assert [b.reason for b in list_backups(str(db_path))].count("replaced") == 1


def test_a_bug_in_a_slot_shows_a_dialog_with_copy_details_and_the_window_lives_on(window, qtbot):
    from desktop.ui.common.errors import install_exception_hook

    saved = sys.excepthook
    install_exception_hook(lambda: window)
    try:
        try:
            {}["missing"]
        except KeyError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = saved
    shown = boxes("Unexpected problem")
    assert len(shown) == 1
    box = shown[0]
    assert "unexpected problem (KeyError)" in box.text() and "[SQL" not in box.text()
    log = box.text().split("the details are in ")[1].rstrip(".")
    copy = box.findChild(QPushButton, "copyDetails")
    copy.click()
    assert "KeyError: 'missing'" in QApplication.clipboard().text()
    assert "KeyError: 'missing'" in open(log, encoding="utf-8").read()
    assert box.isVisible()          # copying does not close it
    box.close()
    assert window.isVisible()


def test_an_expected_failure_is_the_same_sentence_as_the_command_line(window, tmp_path):
    from desktop.ui.common.errors import show_error
    from desktop.services.bundles import export_bundle_file

    with pytest.raises(Exception) as caught:
        export_bundle_file(window.database, window.situation.id, tmp_path)   # a folder
    failure = show_error(window, "Cannot export bundle", caught.value)
    assert failure.expected and failure.message == f"{tmp_path}: is a folder; give a file name"
    shown = boxes("Cannot export bundle")
    assert len(shown) == 1 and shown[0].text() == failure.message
    shown[0].close()


def test_opening_a_damaged_database_offers_its_backups(qtbot, tmp_path, monkeypatch):
    from desktop.cli import main
    from desktop.store.backups import newest_backup

    path = tmp_path / "case.db"
    assert main(["--db", str(path), "likelihoods"]) == 0
    assert main(["--db", str(path), "backup"]) == 0
    size = path.stat().st_size
    rng = random.Random(7)
    with open(path, "r+b") as f:
        for page in range(size // 4096 // 3, size // 4096 - 2, 3):
            f.seek(page * 4096)
            f.write(bytes(rng.randrange(256) for _ in range(4096)))

    import desktop.ui.app as app_module
    from desktop.ui.backups.dialog import RestoreDialog

    seen = {}

    def choose(dialog):
        seen["intro"] = dialog.findChildren(type(dialog.empty))[0].text()
        seen["rows"] = dialog.table.rowCount()
        dialog.restore_selected(confirm=False)
        return dialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", choose)
    from desktop.services.workspace import open_workspace, DatabaseDamaged
    from desktop.ui.main_window import MainWindow

    with pytest.raises(DatabaseDamaged) as caught:
        open_workspace(str(path))
    assert str(newest_backup(path)) in str(caught.value)
    app_module.application()
    window = MainWindow(persist_state=False)      # the frame, as `signpost` shows it before opening the file
    qtbot.addWidget(window)
    window.show()
    assert app_module.open_in(window, str(path)) is True
    assert "database is damaged" in seen["intro"] and seen["rows"] >= 1
    try:
        assert window.isVisible() and len(list_evidence(window.database, 1)) == 54
        assert len(window.cards.cards) == 3     # the live overview is drawn
    finally:
        window.database.close()
