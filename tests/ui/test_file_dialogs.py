"""The window's file dialogs list a folder without opening its files (issue 10, point 1).

Opening and closing a descriptor on the database file drops every POSIX lock this
process holds on it; Qt's default icon provider reads files to guess their type.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads the kernel's lock table")


def locks_held(path: Path) -> set[str]:
    """Which of the database's files this process holds a POSIX lock on, from the kernel's table."""
    inodes = {os.stat(f"{path}{suffix}").st_ino: suffix or "db" for suffix in ("", "-wal", "-shm")
              if os.path.exists(f"{path}{suffix}")}
    held = set()
    with open("/proc/locks") as table:
        for line in table:
            fields = line.split()
            if fields[1] == "->":
                continue
            if fields[4] == str(os.getpid()) and int(fields[5].split(":")[2]) in inodes:
                held.add(inodes[int(fields[5].split(":")[2])])
    return held


def test_listing_the_database_folder_keeps_a_transaction_s_locks(qtbot, seeded, db_path):
    from PySide6.QtWidgets import QFileDialog, QFileSystemModel

    from desktop.ui.common.file_dialogs import _dialog

    con = sqlite3.connect(db_path, isolation_level=None)   # a read transaction in flight, as on a worker thread
    con.execute("BEGIN")
    con.execute("SELECT count(*) FROM evidence").fetchone()
    before = locks_held(db_path)
    assert {"db", "-shm"} <= before
    dialog = _dialog(None, "Import articles", str(db_path.parent), "All files (*)",
                     QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    root = model.index(str(db_path.parent))
    qtbot.waitUntil(lambda: model.rowCount(root) >= 3, timeout=5000)
    qtbot.wait(500)                                          # types and icons are gathered after the names
    rows = {model.index(r, 0, root).data(): model.index(r, 2, root).data() for r in range(model.rowCount(root))}
    dialog.reject()
    assert rows["signpost.db"] == "DB file" and rows["signpost.db-wal"] == "DB-WAL file"
    assert locks_held(db_path) == before
    con.close()
