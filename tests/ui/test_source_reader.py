"""The source reader and the sources tab: highlighted quotes, Ctrl+E to log a selection, refresh after logging."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QTextCursor, QUndoStack
from PySide6.QtWidgets import QApplication

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services.evidence import log_evidence
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.sources import NewSource, add_source, get_source, list_sources
from desktop.ui.common.theme import colours
from desktop.ui.evidence.dialog import log_evidence_interactively
from desktop.ui.sources.reader import SourceReader, _Offsets
from desktop.ui.sources.view import SOURCE_ROLE, SourceListModel, SourcesView

SITUATION = 1


@pytest.fixture
def app():
    from desktop.ui.app import application

    return application()


def source_id(db, key: str) -> int:
    return next(s.id for s in list_sources(db, SITUATION) if s.key == key)


@pytest.fixture
def reader(qtbot, app, seeded):
    r = SourceReader()
    qtbot.addWidget(r)
    r.resize(900, 700)
    r.show_source(seeded, source_id(seeded, "s1"))
    r.show()
    r.activateWindow()
    qtbot.waitExposed(r)
    return r


def select_qt(reader: SourceReader, qt_start: int, qt_end: int) -> None:
    """Select by document positions, as the mouse would."""
    cursor = QTextCursor(reader.text.document())
    cursor.setPosition(qt_start)
    cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
    reader.text.setTextCursor(cursor)


def background_at(reader: SourceReader, qt_pos: int) -> QColor | None:
    for sel in reader.text.extraSelections():
        if sel.cursor.selectionStart() <= qt_pos < sel.cursor.selectionEnd():
            return sel.format.background().color()
    return None


def test_header_and_every_logged_quote_highlighted(reader, seeded):
    doc = get_source(seeded, source_id(seeded, "s1"))
    assert reader.title.text() == doc.title
    meta = reader.meta.text()
    assert "24 Nov 2025" in meta and "reliability <b>F</b>" in meta and "cannot be judged" in meta
    assert f"{len(doc.spans)} logged quotes" in meta
    assert reader.text.isReadOnly() and reader.text.toPlainText().replace("\n", "") == doc.text.replace("\n", "")
    assert len(doc.spans) >= 10
    covered = {}
    for start, end, keys in reader.highlighted():
        for k in keys:
            covered.setdefault(k, []).append((start, end))
    for span in doc.spans:
        pieces = covered[span.key]
        assert min(a for a, _ in pieces) == span.start and max(b for _, b in pieces) == span.end
        mid = (span.start + span.end) // 2        # no newlines or astral characters before: same position
        assert background_at(reader, mid) is not None
        assert span.key in reader.text.keys_at(mid)
    # text between two quotes is not highlighted
    gap = doc.spans[0].end
    assert gap < doc.spans[1].start and background_at(reader, gap) is None
    assert reader.text.keys_at(gap) == ()
    # tooltips name the evidence item
    rect = reader.text.cursorRect(QTextCursor(reader.text.document()))
    assert reader.text.tooltip_at(rect.center()) == ""    # the title line is not a quote
    cursor = QTextCursor(reader.text.document())
    cursor.setPosition(doc.spans[0].start + 3)
    assert reader.text.tooltip_at(reader.text.cursorRect(cursor).center()) == f"Logged as evidence {doc.spans[0].key}"


def test_ctrl_e_logs_the_exact_selection_across_a_paragraph_break(qtbot, reader, seeded):
    doc = reader.document
    text = doc.text
    newline = text.index("\n")
    start = newline - 20
    end = text.index("signal", newline) + len("signal")   # "…Tensions\nRecent developments signal"
    select_qt(reader, start, end)   # no "\r\n" or astral characters before: positions equal offsets
    assert "\u2029" in reader.text.textCursor().selectedText()
    reader.text.setFocus()
    with qtbot.waitSignal(reader.log_requested, timeout=2000) as signal:
        qtbot.keyClick(reader.text, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    draft: EvidenceDraft = signal.args[0]
    assert (draft.start, draft.end) == (start, end)
    assert draft.quote == text[start:end] and "\n" in draft.quote and "\u2029" not in draft.quote
    assert draft.source_id == doc.id and draft.observed_at == date(2025, 11, 24) and draft.ratings == {}


def test_selection_is_trimmed_of_surrounding_whitespace(reader):
    text = reader.document.text
    newline = text.index("\n")
    select_qt(reader, newline - 10, newline + 1)     # ends on the paragraph break
    assert reader.selected_draft().quote == text[newline - 10:newline]
    select_qt(reader, 5, 5)
    assert reader.selected_draft() is None and not reader.log_action.isEnabled()


def test_context_menu_offers_log_as_evidence(qtbot, reader):
    menu = reader.text.context_menu(QPoint(10, 10))
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert texts[0] == "Log as evidence"
    action = menu.actions()[0]
    assert not action.isEnabled()          # nothing selected yet
    reader.select_range(175, 200)
    assert action.isEnabled()
    with qtbot.waitSignal(reader.log_requested, timeout=2000) as signal:
        action.trigger()
    assert signal.args[0].quote == reader.document.text[175:200]


def test_logging_through_the_dialog_highlights_the_new_span_at_once(qtbot, reader, seeded):
    stack = QUndoStack()
    scenarios = [(s.key, s.name) for s in likelihoods_as_of(seeded, SITUATION).scenarios]
    text = reader.document.text
    start = text.index("This openness to dialogue")
    end = start + len("This openness to dialogue")
    assert background_at(reader, start + 2) is None
    reader.select_range(start, end)
    with qtbot.waitSignal(reader.log_requested, timeout=2000) as signal:
        qtbot.keyClick(reader.text, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    draft = signal.args[0]

    def rate_and_save():
        d = QApplication.activeModalWidget()
        try:
            assert d.value().start == start and d.value().quote == text[start:end]
            row = d.rating_rows["negotiation"]
            row.setFocus()
            qtbot.keyClick(row, Qt.Key.Key_1)
            d.save()
        finally:
            if d.isVisible():
                d.reject()

    QTimer.singleShot(0, rate_and_save)
    assert log_evidence_interactively(reader, seeded, SITUATION, scenarios, stack, draft=draft,
                                      on_change=reader.refresh)
    new_key = stack.command(0).logged.key
    assert background_at(reader, start + 2) == QColor(colours().quote)
    assert new_key in reader.text.keys_at(start + 2)
    assert (start, end, (new_key,)) in reader.highlighted()
    assert reader.text.textCursor().selectionStart() == start     # the reader kept its place
    stack.undo()
    assert background_at(reader, start + 2) is None
    stack.clear()


def test_offsets_survive_crlf_and_astral_characters(qtbot, app, seeded):
    text = "Headline 🚢 boats\r\nFirst line.\r\nThe navy struck a second vessel 🚢 today.\r\nEnd."
    added = add_source(seeded, SITUATION, NewSource(title="CRLF test", text=text, published_at=date(2025, 11, 1)))
    quote = "struck a second vessel 🚢 today"
    start = text.index(quote)
    logged = log_evidence(seeded, SITUATION, EvidenceDraft(
        quote=quote, observed_at=date(2025, 11, 1), ratings={"escalation": "CC"}, source_id=added.id,
        start=start, end=start + len(quote)))
    r = SourceReader()
    qtbot.addWidget(r)
    r.show_source(seeded, added.id)
    [(a, b, keys)] = r.highlighted()
    assert (a, b, keys) == (start, start + len(quote), (logged.key,))
    offsets = _Offsets(text)
    doc = r.text.document()
    qt_start, qt_end = offsets.to_qt(a), offsets.to_qt(b)
    assert qt_start == a - 1                  # before it: one emoji (+1 in UTF-16) and two "\r\n" (-1 each)
    cursor = QTextCursor(doc)
    cursor.setPosition(qt_start)
    cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == quote      # the highlight covers exactly the quote
    # select a range that spans a \r\n and an emoji; the draft slices the source string
    select_qt(r, offsets.to_qt(text.index("boats")), offsets.to_qt(text.index("line.") + len("line.")))
    draft = r.selected_draft()
    assert draft.quote == "boats\r\nFirst line." == text[draft.start:draft.end]
    r.select_range(start, start + len(quote))
    assert r.selected_draft().quote == quote


def test_overlapping_quotes_share_a_darker_piece(qtbot, app, seeded):
    text = "Alpha beta gamma delta epsilon."
    added = add_source(seeded, SITUATION, NewSource(title="Overlap", text=text))
    for quote in ("Alpha beta gamma", "gamma delta"):
        log_evidence(seeded, SITUATION, EvidenceDraft(quote=quote, observed_at=date(2025, 11, 1),
                                                      ratings={"escalation": "C"}, source_id=added.id))
    r = SourceReader()
    qtbot.addWidget(r)
    r.show_source(seeded, added.id)
    pieces = r.highlighted()
    assert [(a, b) for a, b, _ in pieces] == [(0, 11), (11, 16), (16, 22)]
    assert len(pieces[1][2]) == 2
    assert background_at(r, 12) == QColor(colours().quote_overlap)
    assert background_at(r, 2) == QColor(colours().quote)


# --- the sources tab ---------------------------------------------------------------------------

@pytest.fixture
def view(qtbot, app, seeded):
    v = SourcesView()
    qtbot.addWidget(v)
    v.resize(1300, 800)
    v.show_situation(seeded, SITUATION)
    v.show()
    v.activateWindow()
    qtbot.waitExposed(v)
    return v


def test_sources_view_lists_filters_and_opens(qtbot, view, seeded):
    sources = list_sources(seeded, SITUATION)
    assert view.proxy.rowCount() == len(sources) == 14
    assert view.count.text() == "14 sources"
    headers = [view.model.headerData(i, Qt.Orientation.Horizontal) for i in range(view.model.columnCount())]
    assert headers == ["Date", "Title", "Outlet", "Grade"]
    newest = max(s.published_at for s in sources)
    assert view.proxy.index(0, 0).data() == newest.isoformat()      # newest first, and opened
    assert view.reader.source_id == view.proxy.index(0, 0).data(SOURCE_ROLE).id
    qtbot.keyClicks(view.filter, "Newsmax")
    assert 0 < view.proxy.rowCount() < 14 and "of 14 sources" in view.count.text()
    for i in range(view.proxy.rowCount()):
        assert "newsmax" in view.proxy.index(i, 2).data().lower()
    s1 = source_id(seeded, "s1")
    assert view.open_source(s1)                      # hidden by the filter: the filter gives way
    assert view.filter.text() == "" and view.current_source_id() == s1
    assert view.reader.title.text() == get_source(seeded, s1).title
    s9 = source_id(seeded, "s9")
    row = view.proxy.mapFromSource(view.model.index(view.model.row_of(s9), 0)).row()
    view.table.selectRow(row)
    assert view.reader.source_id == s9


def test_sources_view_reemits_log_requests_and_refreshes(qtbot, view, seeded):
    s1 = source_id(seeded, "s1")
    view.open_source(s1)
    view.reader.select_range(0, 30)
    with qtbot.waitSignal(view.log_requested, timeout=2000) as signal:
        view.reader.log_action.trigger()
    draft = signal.args[0]
    assert draft.source_id == s1 and (draft.start, draft.end) == (0, 30)
    log_evidence(seeded, SITUATION, EvidenceDraft(quote=draft.quote, observed_at=draft.observed_at,
                                                  ratings={"negotiation": "N", "escalation": "C"},
                                                  source_id=s1, start=0, end=30))
    add_source(seeded, SITUATION, NewSource(title="Late addition", published_at=date(2025, 11, 25)))
    view.refresh()
    assert view.proxy.rowCount() == 15 and view.current_source_id() == s1
    assert any(a == 0 and b == 30 for a, b, _ in view.reader.highlighted())


def test_source_list_model_passes_qt_model_tester(qtmodeltester, seeded):
    model = SourceListModel()
    model.set_rows(list_sources(seeded, SITUATION))
    qtmodeltester.check(model)


def test_a_digest_says_its_words_are_not_the_outlets(reader, seeded, qtbot):
    """Issue 12 §2: the seed's background sources are digests; only the seed article is quoted verbatim. The
    reader, the evidence table's source and its tooltip say so."""
    from desktop.domain.bundle import DIGEST_NOTE
    from desktop.services.evidence import list_evidence
    from desktop.services.search import EvidenceQuery, evidence_ids, evidence_rows
    from desktop.services.sources import list_sources
    from desktop.ui.evidence.model import EvidenceTableModel

    kinds = {s.key: get_source(seeded, s.id).kind for s in list_sources(seeded, 1)}
    assert kinds.pop("s1") != "digest" and set(kinds.values()) == {"digest"} and len(kinds) == 13
    assert DIGEST_NOTE not in reader.meta.text()
    reader.show_source(seeded, source_id(seeded, "s6"))
    assert DIGEST_NOTE in reader.meta.text()
    rows = {r.key: r for r in list_evidence(seeded, 1)}
    assert rows["e35"].is_digest and rows["e35"].source_label.startswith("digest · ")
    assert not rows["e1"].is_digest and "digest" not in rows["e1"].source_label
    hits = {h.key: h for h in evidence_rows(seeded, evidence_ids(seeded, 1, EvidenceQuery()))}
    assert hits["e35"].source_label == rows["e35"].source_label
    model = EvidenceTableModel()
    model.set_situation(seeded, 1, [("escalation", "Military escalation")], EvidenceQuery())
    column = next(i for i in range(model.columnCount()) if model.headerData(i, Qt.Orientation.Horizontal) == "Source")
    tips = [model.index(r, column).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    texts = [model.index(r, column).data() for r in range(model.rowCount())]
    assert any(DIGEST_NOTE in (t or "") for t in tips) and any(t.startswith("digest · ") for t in texts)
    assert any(not t.startswith("digest · ") for t in texts)
