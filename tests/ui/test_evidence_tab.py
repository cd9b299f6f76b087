"""The Evidence tab: lazy model, search as you type with marked words, each filter, sorting, keys.

Most tests build EvidenceView on its own over the seeded case (situation 1, 54 items);
the first runs it inside the main window. Waits are on the view's results_changed signal,
never on sleeps.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.grading import RATINGS
from desktop.services.evidence import delete_evidence, evidence_id, list_evidence
from desktop.services.search import MARK_END, MARK_START, EvidenceQuery
from desktop.ui.evidence import model as model_module
from desktop.ui.evidence.model import ID_ROLE, MARKED_ROLE, ROW_ROLE, EvidenceTableModel

SCENARIOS = [("negotiation", "Negotiated settlement"), ("escalation", "Military escalation"),
             ("status_quo", "Status quo / coercive stand-off")]


@pytest.fixture
def view(qtbot, seeded):
    from desktop.ui.app import application
    from desktop.ui.evidence.view import EvidenceView

    application()
    v = EvidenceView()
    qtbot.addWidget(v)
    v.resize(1300, 800)
    v.show_situation(seeded, 1, SCENARIOS)
    v.show()
    qtbot.waitExposed(v)
    return v


@pytest.fixture
def rows(seeded):
    return {r.id: r for r in list_evidence(seeded, 1)}


def shown(view) -> list:
    return [view.model.index(i, 0).data(ROW_ROLE) for i in range(view.model.rowCount())]


def column(view, key: str) -> int:
    return view.model.column_keys().index(key)


def data_index(box, value) -> int:
    return next(i for i in range(box.count()) if tuple(box.itemData(i) or ()) == value)


def type_search(qtbot, view, text: str) -> None:
    with qtbot.waitSignal(view.results_changed, timeout=3000):
        qtbot.keyClicks(view.filter, text)


# --- in the main window (moved from test_main_window.py) ----------------------------------------

def test_evidence_tab_lists_every_seeded_item_sortably(window, qtbot):
    window.show_view("evidence")
    view = window.evidence
    rows = list_evidence(window.database, window.situation.id)
    assert view.model.rowCount() == len(rows) >= 12
    headers = [view.model.headerData(i, Qt.Orientation.Horizontal) for i in range(view.model.columnCount())]
    assert headers[:5] == ["Date", "Quote", "Source", "Grade", "Relevance"]
    assert headers[5:8] == ["Negotiation", "Escalation", "Status quo"]
    assert headers[-1] == "Tags"
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    first = view.model.index(0, 0).data()
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    last_first = view.model.index(0, 0).data()
    assert first == min(r.observed_at for r in rows).isoformat()
    assert last_first == max(r.observed_at for r in rows).isoformat()
    type_search(qtbot, view, "Grenell")
    assert 0 < view.model.rowCount() < len(rows)
    for row in shown(view):
        assert "grenell" in " ".join([row.quote, row.summary, ", ".join(row.tags)]).lower()
    assert f"of {len(rows)} items" in view.count.text()
    view.table.selectRow(1)
    assert view.model.index(1, 0).data(ROW_ROLE).quote in view.detail.toPlainText()


def test_main_window_reload_keeps_the_selection(window):
    view = window.evidence
    view.table.selectRow(7)
    chosen = view.selected_evidence_id()
    window.context.sync()
    assert view.selected_evidence_id() == chosen and view.model.rowCount() == 54


# --- the model ---------------------------------------------------------------------------

def test_evidence_model_passes_qt_model_tester(qtmodeltester, seeded):
    model = EvidenceTableModel()
    model.set_situation(seeded, 1, SCENARIOS)
    qtmodeltester.check(model)
    model.set_query(EvidenceQuery(text="maduro", sort="rank"))
    qtmodeltester.check(model)
    model.sort(column := model.column_keys().index("grade"), Qt.SortOrder.AscendingOrder)
    assert model.query().sort == "grade" and column == 3
    qtmodeltester.check(model)


def test_model_reads_rows_lazily_a_page_at_a_time(seeded, monkeypatch):
    monkeypatch.setattr(model_module, "PAGE_SIZE", 10)
    monkeypatch.setattr(model_module, "MAX_PAGES", 2)
    model = EvidenceTableModel()
    model.set_situation(seeded, 1, SCENARIOS)
    assert model.rowCount() == 54 and model.fetches == 0    # ids only
    assert model.index(53, 0).data(ID_ROLE) and model.fetches == 0
    model.index(0, 1).data()
    model.index(9, 1).data()
    assert model.fetches == 1
    model.index(25, 1).data()
    model.index(45, 1).data()
    assert model.fetches == 3 and len(model._pages) == 2     # the least recently used page went
    model.index(0, 1).data()
    assert model.fetches == 4


def test_rating_cells_are_coloured_and_explained(seeded):
    from desktop.ui.common.theme import colours

    model = EvidenceTableModel()
    model.set_situation(seeded, 1, SCENARIOS)
    col = model.column_keys().index("rating:escalation")
    for r in range(model.rowCount()):
        value = model.index(r, col).data()
        if value:
            fill = model.index(r, col).data(Qt.ItemDataRole.BackgroundRole).color().name()
            assert fill == colours().rating_fill[value]
            assert model.index(r, col).data(Qt.ItemDataRole.ForegroundRole).color().name() == \
                colours().rating_text[value]
            assert "Military escalation" in model.index(r, col).data(Qt.ItemDataRole.ToolTipRole)
    assert "Military escalation" in model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


# --- EvidenceView on its own -------------------------------------------------------------------

def test_view_built_directly_shows_the_situation(view, rows):
    assert view.model.rowCount() == 54
    assert view.count.text() == "54 items"
    assert not view.clear_button.isEnabled()
    dates = [r.observed_at for r in shown(view)]
    assert dates == sorted(dates, reverse=True)
    assert view.selected_evidence_id() == shown(view)[0].id
    assert shown(view)[0].quote in view.detail.toPlainText()
    assert view.table.horizontalHeader().sortIndicatorSection() == 0
    assert [view.tag_box.itemText(i) for i in range(view.tag_box.count())][1:] == sorted(
        {t for r in rows.values() for t in r.tags})
    view.table.viewport().repaint()


def test_typing_searches_ranked_with_marked_words(view, qtbot):
    type_search(qtbot, view, "grenell")
    hits = shown(view)
    assert len(hits) == 5 and view.count.text() == "5 of 54 items"
    assert view.model.query().sort == "rank"
    assert view.table.horizontalHeader().sortIndicatorSection() == -1   # best match first, no column
    quote_col = column(view, "quote")
    marked = view.model.index(0, quote_col).data(MARKED_ROLE)
    assert f"{MARK_START}Grenell{MARK_END}" in marked
    assert view.model.index(0, quote_col).data() == hits[0].quote    # the plain text stays plain
    assert view.model.index(0, 0).data(MARKED_ROLE) is None          # marks only in the quote column
    assert "ffe082" in view.detail.toHtml() and "Grenell" in view.detail.toPlainText()
    assert view.sources_panel.isVisible() and view.sources.count() == 2
    assert all(MARK_START in view.sources.item(i).data(MARKED_ROLE) for i in range(view.sources.count()))
    view.table.viewport().repaint()   # the marking delegate paints without error
    view.sources.viewport().repaint()


def test_typing_is_debounced_into_one_query(view, qtbot):
    seen = []
    view.results_changed.connect(lambda shown_, total: seen.append(shown_))
    type_search(qtbot, view, "maduro talks")
    qtbot.wait(view._search_timer.interval() + 50)
    assert len(seen) == 1 and seen[0] == view.model.rowCount() > 0


def test_prefix_while_typing_then_whole_word(view, qtbot):
    type_search(qtbot, view, "gren")
    assert view.model.rowCount() == 5
    type_search(qtbot, view, " ")
    assert view.model.rowCount() == 0 and view.count.text() == "0 of 54 items"
    assert view.selected_evidence_id() is None and view.detail.toPlainText() == ""


@pytest.mark.parametrize("typed", ['"', "AND (", "*", "NEAR/", "trump OR", "(((", "-"])
def test_hostile_typing_does_not_break(view, qtbot, typed):
    type_search(qtbot, view, typed)
    assert view.model.rowCount() <= 54
    view.table.viewport().repaint()


def test_clearing_the_search_goes_back_to_newest_first(view, qtbot):
    type_search(qtbot, view, "maduro")
    with qtbot.waitSignal(view.results_changed):
        view.filter.clear()
    assert view.model.rowCount() == 54 and view.model.query() == EvidenceQuery()
    assert view.table.horizontalHeader().sortIndicatorSection() == 0
    assert not view.sources_panel.isVisible()


def test_tag_filter(view, rows):
    view.tag_box.setCurrentIndex(view.tag_box.findData("legal"))
    assert {r.id for r in shown(view)} == {i for i, r in rows.items() if "legal" in r.tags}
    assert view.count.text() == f"{view.model.rowCount()} of 54 items" and view.clear_button.isEnabled()


def test_rating_filter(view, rows):
    assert not view.rating_box.isEnabled()
    view.rating_scenario_box.setCurrentIndex(view.rating_scenario_box.findData("escalation"))
    assert view.rating_box.isEnabled() and view.model.rowCount() == 54   # "any rating" filters nothing yet
    view.rating_box.setCurrentIndex(1)   # supports it: CC or C
    assert {r.id for r in shown(view)} == {i for i, r in rows.items() if r.ratings["escalation"] in ("CC", "C")}
    view.rating_box.setCurrentIndex(data_index(view.rating_box, ("I",)))
    assert {r.id for r in shown(view)} == {i for i, r in rows.items() if r.ratings["escalation"] == "I"}


def test_grade_filters(view, rows):
    view.reliability_box.setCurrentIndex(view.reliability_box.findText("B", Qt.MatchFlag.MatchStartsWith))
    assert {r.id for r in shown(view)} == {i for i, r in rows.items() if r.reliability == "B"}
    view.credibility_box.setCurrentIndex(view.credibility_box.findText("2", Qt.MatchFlag.MatchStartsWith))
    assert {r.id for r in shown(view)} == {i for i, r in rows.items() if r.reliability == "B" and r.credibility == 2}
    assert all(r.grade == "B2" for r in shown(view))


def test_date_range_filter(view, rows):
    view.from_date.setDate(QDate(2025, 11, 1))
    assert view.model.rowCount() == 54                  # a date counts only once its box is ticked
    view.from_check.setChecked(True)
    assert view.from_date.isEnabled()
    assert {r.id for r in shown(view)} == {i for i, r in rows.items() if r.observed_at >= date(2025, 11, 1)}
    view.to_check.setChecked(True)
    view.to_date.setDate(QDate(2025, 11, 20))
    assert {r.id for r in shown(view)} == {
        i for i, r in rows.items() if date(2025, 11, 1) <= r.observed_at <= date(2025, 11, 20)}


def test_clear_filters(view, qtbot):
    type_search(qtbot, view, "maduro")
    view.tag_box.setCurrentIndex(view.tag_box.findData("diplomacy"))
    view.from_check.setChecked(True)
    assert view.model.rowCount() < 54
    view.clear_button.click()
    assert view.model.rowCount() == 54 and view.filter.text() == "" and view.tag_box.currentIndex() == 0
    assert not view.from_check.isChecked() and view.count.text() == "54 items"


def test_header_click_sorts_the_whole_log_and_keeps_the_selection(view, rows):
    view.table.selectRow(10)
    chosen = view.selected_evidence_id()
    grade = column(view, "grade")
    view.table.sortByColumn(grade, Qt.SortOrder.AscendingOrder)
    assert view.model.query().sort == "grade" and not view.model.query().descending
    grades = [(r.reliability or "-", r.credibility) for r in shown(view)]
    assert grades == sorted(grades)
    assert view.selected_evidence_id() == chosen       # the same item, wherever it went
    view.table.sortByColumn(column(view, "rating:negotiation"), Qt.SortOrder.DescendingOrder)
    most_consistent = min((r.ratings["negotiation"] for r in rows.values()), key=RATINGS.index)
    assert shown(view)[0].ratings["negotiation"] == most_consistent


def test_sorting_by_clicking_the_header(view, qtbot):
    header = view.table.horizontalHeader()
    quote = column(view, "quote")
    x = header.sectionViewportPosition(quote) + header.sectionSize(quote) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert view.model.query().sort == "quote"
    quotes = [r.quote.lower() for r in shown(view)]
    assert quotes in (sorted(quotes), sorted(quotes, reverse=True))


def test_enter_double_click_and_delete_emit_the_item(view, qtbot):
    view.table.setFocus()
    view.table.selectRow(3)
    chosen = view.selected_evidence_id()
    with qtbot.waitSignal(view.evidence_activated) as activated:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert activated.args == [chosen]
    with qtbot.waitSignal(view.delete_requested) as deleted:
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert deleted.args == [chosen]
    rect = view.table.visualRect(view.model.index(5, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.evidence_activated) as activated:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [view.model.index(5, 0).data(ID_ROLE)]


def test_refresh_after_a_delete_keeps_the_selection_and_the_filters(view, qtbot, seeded):
    type_search(qtbot, view, "grenell")
    view.table.selectRow(2)
    chosen = view.selected_evidence_id()
    other = next(r.id for r in shown(view) if r.id != chosen)
    delete_evidence(seeded, other)
    view.refresh()
    assert other not in {r.id for r in shown(view)} and view.model.rowCount() == 4
    assert view.selected_evidence_id() == chosen and view.count.text() == "4 of 53 items"
    delete_evidence(seeded, chosen)
    view.refresh()                                   # the selected item went: its neighbour is selected
    assert view.model.rowCount() == 3 and view.selected_evidence_id() is not None


def test_select_evidence_and_show_another_situation(view, seeded):
    e42 = evidence_id(seeded, 1, "e42")
    assert view.select_evidence(e42) and view.selected_evidence_id() == e42
    view.tag_box.setCurrentIndex(view.tag_box.findData("legal"))
    view.show_situation(seeded, 1, SCENARIOS[:2])     # fresh: filters cleared, one rating column fewer
    assert view.model.rowCount() == 54 and view.tag_box.currentIndex() == 0
    assert "rating:status_quo" not in view.model.column_keys()
    QApplication.processEvents()


def test_a_broad_search_shows_its_first_rows_at_once_and_the_rest_next(qtbot, tmp_path, monkeypatch):
    from bench.fixtures import big_database
    from desktop.services.search import EvidenceQuery, evidence_ids
    from desktop.ui.app import application
    from desktop.ui.evidence.model import EvidenceTableModel
    from desktop.ui.evidence.view import EvidenceView

    application()
    db, sid = big_database(tmp_path / "broad.db", 400, 3)
    try:
        monkeypatch.setattr(EvidenceTableModel, "FIRST_IDS", 20)
        view = EvidenceView()
        qtbot.addWidget(view)
        view.show_situation(db, sid, [("h0", "Scenario 0"), ("h1", "Scenario 1"), ("h2", "Scenario 2")])
        every = evidence_ids(db, sid, EvidenceQuery(text="troops", sort="rank"))
        assert len(every) > 20
        with qtbot.waitSignal(view.model.completed, timeout=5000):
            view.model.set_query(EvidenceQuery(text="troops", sort="rank"))
            assert view.model.rowCount() == 20          # the first page, at once
        assert view.model.rowCount() == len(every)      # then all of them, in the same order
        assert [view.model.evidence_id(r) for r in range(len(every))] == every
        assert f"{len(every):,} of" in view.count.text()
    finally:
        db.close()


def test_the_detail_pane_says_when_a_quote_comes_from_a_digest(view, qtbot):
    """Issue 12 §2: a quote from a digest is the digest's wording, not the outlet's; the pane says so."""
    from desktop.domain.bundle import DIGEST_NOTE

    seen = set()
    for r in range(view.model.rowCount()):
        view.table.selectRow(r)
        row = view.model.index(r, 0).data(ROW_ROLE)
        assert (DIGEST_NOTE in view.detail.toPlainText()) == row.is_digest, row.key
        seen.add(row.is_digest)
    assert seen == {True, False}
