"""Issue 11 §1: every write the window makes is on the undo stack, and undo gives back exactly what was
there: Find suggestions, Group as one story, and a figure accepted into a new indicator."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from desktop.services.article_files import read_article_file
from desktop.services.articles import import_article, import_pasted_text, source_stories
from desktop.services.evidence import log_evidence
from desktop.services.indicators import archived_indicators, indicator_names, indicator_overview
from desktop.services.sources import get_source
from desktop.services.suggestions import evidence_draft_for, list_suggestions
from desktop.ui.commands import AcceptFigureCommand, FindSuggestionsCommand, GroupStoryCommand, push_guarded

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"
SID = 1


@pytest.fixture
def stack(qapp):
    return QUndoStack()


@pytest.fixture
def imported(seeded):
    [draft] = read_article_file(DATA / "37-upi-feb9-strike-38-strikes-130-killed.html")
    return import_article(seeded, SID, draft, reliability="B")


def _pending(db, source_id):
    return sorted((r.kind, r.start, r.end, r.text) for r in list_suggestions(db, source_id) if r.status == "pending")


def test_find_suggestions_is_undone_to_the_pending_rows_it_replaced(seeded, stack, imported):
    source_id = imported.source.id
    before = _pending(seeded, source_id)
    first = next(r for r in list_suggestions(seeded, source_id) if r.status == "pending")
    from desktop.services.suggestions import set_status
    set_status(seeded, first.id, "rejected")                     # a decision Find suggestions keeps
    shown = _pending(seeded, source_id)
    from desktop.services.articles import restore_pending
    restore_pending(seeded, source_id, [])                        # the pending ones dropped (say, read before)
    assert _pending(seeded, source_id) == []
    command = FindSuggestionsCommand(seeded, source_id, "UPI", None)
    assert push_guarded(stack, command) is None
    assert _pending(seeded, source_id) == shown and command.pending == len(shown)
    stack.undo()
    assert _pending(seeded, source_id) == []
    stack.redo()
    assert _pending(seeded, source_id) == shown
    assert len(before) == len(shown) + 1


def test_grouping_as_one_story_is_undone_to_the_stories_before(seeded, stack):
    text = ("Strike kills 3\n\nA US strike on a vessel in the Caribbean killed three people on Monday, "
            "the Pentagon said, the 21st such strike since September.")
    first = import_pasted_text(seeded, SID, text, title="Wire: strike kills 3")
    second = import_pasted_text(seeded, SID, text.replace("three", "3"), title="Other outlet: strike kills 3")
    ids = [first.source.id, second.source.id]
    assert source_stories(seeded, ids) == {ids[0]: None, ids[1]: None}
    command = GroupStoryCommand(seeded, ids, "2 sources", None)
    assert push_guarded(stack, command) is None
    assert [k for k, _ in get_source(seeded, ids[1]).same_story] == [first.source.key]
    stack.undo()
    assert source_stories(seeded, ids) == {ids[0]: None, ids[1]: None}
    assert get_source(seeded, ids[1]).same_story == ()
    stack.redo()
    assert set(source_stories(seeded, ids).values()) == {command.story}


def test_a_figure_accepted_into_a_new_indicator_is_one_undoable_step(seeded, stack, imported):
    source_id = imported.source.id
    rows = list_suggestions(seeded, source_id)
    killed = next(r for r in rows if r.kind == "quantity" and r.value == 130)
    sentence = next(r for r in rows if r.kind == "evidence" and (r.start, r.end) == killed.sentence)
    logged = log_evidence(seeded, SID, replace(evidence_draft_for(sentence, source_id), ratings={"escalation": "C"}),
                          suggestion_id=sentence.id)
    names_before = [n.key for n in indicator_names(seeded, SID)]
    command = AcceptFigureCommand(seeded, SID, killed.id, logged.id, sentence.observed, killed.text,
                                  new_indicator="People killed in strikes (UPI count)")
    assert push_guarded(stack, command) is None
    made = command.accepted.indicator_key
    assert made not in names_before and made in [n.key for n in indicator_names(seeded, SID)]
    series = next(s for s in indicator_overview(seeded, SID) if s.key == made)
    assert series.count == 1 and series.latest == 130
    stack.undo()
    assert [n.key for n in indicator_names(seeded, SID)] == names_before
    assert made in [a.key for a in archived_indicators(seeded, SID)]
    assert {r.id: r for r in list_suggestions(seeded, source_id)}[killed.id].status == "pending"
    stack.redo()                                           # the same indicator back, not a second one
    assert [n.key for n in indicator_names(seeded, SID)] == names_before + [made]
    assert next(s for s in indicator_overview(seeded, SID) if s.key == made).count == 1
