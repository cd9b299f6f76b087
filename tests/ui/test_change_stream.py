"""The window's one change stream: its own commands and other processes' writes reach every view the
same way, without losing the analyst's place, selection or undo history."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date

import numpy as np
import pytest

from desktop.services.changes import ChangeWatcher, changes_after, change_mark
from desktop.services.evidence import list_evidence
from desktop.services.sources import list_sources

QUOTE = "Maduro said the Venezuelan people would never surrender, a spokesman told state television."


def _cli(db_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db_path), *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def _rows(window) -> list[str]:
    model = window.evidence.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _probabilities(window) -> list[str]:
    return [c.probability.text() for c in window.cards.cards]


def test_a_command_line_write_reaches_the_open_window_within_two_seconds(window, qtbot, db_path):
    """A write by another process: the cards move and the Evidence tab lists the new item, the selected item
    stays selected, the filters and the undo history are untouched."""
    window.show_view("evidence")
    view = window.evidence
    target = list_evidence(window.database, 1)[3]
    assert view.select_evidence(target.id)
    window.evidence_actions.delete(list_evidence(window.database, 1)[0].id)     # something to undo
    assert window.undo_stack.count() == 1
    cards_before = _probabilities(window)
    count_before = view.model.rowCount()

    done = _cli(db_path, "log-evidence", "--quote", QUOTE, "--paraphrase", "--observed", "2025-11-23",
                "--credibility", "2", "--rate", "escalation=II", "--rate", "negotiation=CC")
    assert done.returncode == 0, done.stderr
    started = time.monotonic()
    qtbot.waitUntil(lambda: view.model.rowCount() == count_before + 1, timeout=2500)
    assert time.monotonic() - started < 2.5
    assert _probabilities(window) != cards_before
    assert view.selected_evidence_id() == target.id
    assert window.undo_stack.count() == 1 and window.undo_stack.canUndo()
    assert QUOTE in " ".join(str(r.quote) for r in list_evidence(window.database, 1))


def test_a_write_to_another_situation_redraws_nothing(window, qtbot, db_path, tmp_path):
    from tests.conftest import SEED_BUNDLE

    window.show_view("matrix")
    refreshed = []
    window.matrix.refresh = lambda: refreshed.append(1)
    shown = []
    window.screens.overview_shown.connect(lambda o: shown.append(o))
    assert _cli(db_path, "import-bundle", str(SEED_BUNDLE)).returncode == 0
    changes = window.context.sync()
    assert changes is not None and changes.touches({"evidence"}) and not changes.concerns(1)
    assert refreshed == [] and shown == []
    assert window.situation_box.count() == 2       # the new situation is offered all the same


def test_the_undo_stack_s_own_commands_arrive_as_one_change_set(window, qtbot):
    seen = []
    window.context.changed.connect(seen.append)
    item = list_evidence(window.database, 1)[0]
    window.evidence_actions.rate(item.id, "escalation", item.ratings.get("escalation"), "II")
    assert len(seen) == 1 and seen[0].tables == {"rating"} and seen[0].concerns(1)
    assert seen[0].ids("rating") == {item.id}
    window.undo_stack.undo()
    assert len(seen) == 2 and seen[1].tables == {"rating"}
    assert window.context.poll() is None        # nothing new since: the poll reads nothing


def test_poll_reads_the_log_only_when_the_file_moved(seeded, monkeypatch):
    watcher = ChangeWatcher(seeded)
    import desktop.services.changes as changes

    reads = []
    original = changes.changes_after
    monkeypatch.setattr(changes, "changes_after", lambda *a, **k: reads.append(1) or original(*a, **k))
    assert watcher.poll() is None and watcher.poll() is None
    assert reads == []
    from desktop.services.judgements import record_judgement  # noqa: F401  (any write will do)
    from desktop.services.evidence import delete_evidence

    delete_evidence(seeded, list_evidence(seeded, 1)[0].id)
    found = watcher.poll()
    assert reads == [1] and found is not None and found.tables == {"evidence"} and found.situations == {1}


def test_change_sets_place_rows_in_their_situation_and_flag_what_cannot_be_placed(seeded):
    from desktop.services.indicators import add_observation, delete_observation
    from desktop.domain.indicator_rules import ObservationDraft

    mark = change_mark(seeded)
    added = add_observation(seeded, 1, "vessels_destroyed", ObservationDraft(date(2025, 11, 25), 25))
    placed = changes_after(seeded, mark)
    assert placed.tables == {"observation"} and placed.situations == {1} and not placed.unplaced
    mark = placed.mark
    delete_observation(seeded, added.id)       # gone: its situation cannot be read any more
    gone = changes_after(seeded, mark)
    assert gone.unplaced and gone.concerns(1) and gone.concerns(99)
    assert changes_after(seeded, gone.mark).empty


def test_closed_evidence_dialogs_leave_the_undo_stack(window, qtbot, monkeypatch):
    """Five dialogs opened and cancelled; one Undo then re-reads no source list and raises nothing."""
    from desktop.ui.evidence import dialog as dialog_module

    monkeypatch.setattr(dialog_module.EvidenceDialog, "exec", lambda self: (self.reject(), 0)[1])  # as Esc does
    for _ in range(5):
        assert not window.evidence_actions.log(None)     # closed, its deletion still pending
    reads = []
    original = dialog_module.list_sources
    monkeypatch.setattr(dialog_module, "list_sources", lambda *a: reads.append(1) or original(*a))
    window.evidence_actions.delete(list_evidence(window.database, 1)[0].id)
    errors = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: errors.append(exc))
    window.undo_stack.undo()
    assert reads == [] and errors == []


def test_the_evidence_dialog_lists_groups_without_reading_the_log(window, monkeypatch):
    from desktop.ui.evidence import dialog as dialog_module

    monkeypatch.setattr(dialog_module, "list_evidence", lambda *a: pytest.fail("read the whole log"), raising=False)
    d = dialog_module.EvidenceDialog(window.database, 1, window.context.scenarios, window.undo_stack)
    groups = [d.group.itemText(i) for i in range(d.group.count()) if d.group.itemText(i)]
    expected = sorted({r.group for r in list_evidence(window.database, 1) if r.group})
    assert groups == expected and expected
    d.deleteLater()


def test_sources_list_follows_a_command_line_import(window, qtbot, db_path, tmp_path):
    window.show_view("sources")
    before = len(list_sources(window.database, 1))
    article = tmp_path / "note.txt"
    article.write_text("Talks resume\n\nOfficials said on Monday that talks would resume in Caracas.\n",
                       encoding="utf-8")
    assert _cli(db_path, "import-article", str(article)).returncode == 0
    qtbot.waitUntil(lambda: window.sources.model.rowCount() == before + 1, timeout=2500)


def _statements(database):
    from sqlalchemy import event

    seen = []

    def count(*_args):
        seen.append(1)
    event.listen(database.engine, "before_cursor_execute", count)
    return seen, lambda: event.remove(database.engine, "before_cursor_execute", count)


def test_a_matrix_cell_edit_updates_its_row_and_footers_in_place(window, qtbot):
    """No model reset and fewer statements than a refresh; the footers and the cards show the new figures."""
    from desktop.ui.matrix.model import N_FIXED

    window.show_view("matrix")
    view = window.matrix
    m = view.model.matrix
    # an item alone in its group, the heaviest such: its edit counts whole, so the rounded cards move too
    alone = np.bincount(m.groups)[m.groups] == 1
    row = int(np.flatnonzero(alone)[np.argmax(m.weights[alone])])
    item = int(m.evidence_ids[row])
    j = next(j for j in range(m.n_scenarios) if m.rating(row, j) != "II")
    footers_before = [view.footer_model.index(r, N_FIXED + j).data() for r in range(view.footer_model.rowCount())]
    cards_before = _probabilities(window)
    resets, refreshes = [], []
    view.model.modelAboutToBeReset.connect(lambda: resets.append(1))
    original_refresh = view.refresh
    view.refresh = lambda: refreshes.append(1) or original_refresh()
    seen, stop = _statements(window.database)
    try:
        assert view.model.set_rating(row, j, "II")
    finally:
        stop()
    assert resets == [] and refreshes == []
    assert view.model.matrix.rating(row, j) == "II"
    # the write (3 checks, the update, its log row), the change set (2), the cards (6) and judgements (2)
    assert len(seen) <= 19, len(seen)
    assert _probabilities(window) != cards_before
    footers_after = [view.footer_model.index(r, N_FIXED + j).data() for r in range(view.footer_model.rowCount())]
    assert footers_after != footers_before
    window.undo_stack.undo()               # an undo reads the matrix again
    assert view.model.matrix.rating(view.model.row_of(item), j) == m.rating(row, j)
