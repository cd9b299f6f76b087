"""Evidence tab on 100,000 items x 5 scenarios: open, scroll, search and filter, against bare SQLite and an empty table.

Baselines, measured in the same run on the same file: a bare sqlite3 `SELECT id FROM evidence`
(the least any query over every item costs), a QTableView over an empty model shown and
painted (the least opening a table costs), and a repaint of rows already fetched (the least
a scroll costs). Everything runs offscreen on the GUI thread, as the window does.

The database takes minutes to build (bench/fixtures.py goes through the bundle importer):
it is built once per `make bench` run and shared (bench/fixtures.py; SIGNPOST_BENCH_DB_DIR keeps it).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.fixtures import shared_big_database
from bench.timing import median_ms

N_ITEMS = 100_000
N_SCENARIOS = 5


def _median_after(setup, fn, repeat: int) -> float:
    """median_ms of fn, each run after an untimed setup."""
    import statistics
    import time

    times = []
    for _ in range(repeat + 1):
        setup()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times[1:])


def run():
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from desktop.services.search import EvidenceQuery, evidence_ids
    from desktop.ui.app import application
    from desktop.ui.evidence.view import EvidenceView

    app = application()
    db, sid, path, _build_ms = shared_big_database(N_ITEMS, N_SCENARIOS)
    try:
        scenarios = [(f"h{j}", f"Scenario {j}") for j in range(N_SCENARIOS)]
        raw = sqlite3.connect(path)
        bare_ms = median_ms(lambda: raw.execute("SELECT id FROM evidence").fetchall())
        bare = "bare sqlite3 SELECT id"

        def empty_table():
            table = QTableView()
            table.setModel(QStandardItemModel(0, 6 + N_SCENARIOS, table))
            table.resize(1300, 800)
            table.show()
            table.viewport().repaint()
            app.processEvents()
            table.close()
            table.deleteLater()
        empty_ms = median_ms(empty_table, repeat=7)
        empty = "empty QTableView shown"

        views = []

        def open_view():
            view = EvidenceView()
            view.resize(1300, 800)
            view.show_situation(db, sid, scenarios)
            view.show()
            view.table.viewport().repaint()
            app.processEvents()
            views.append(view)
        open_ms = median_ms(open_view, repeat=5)
        for v in views[:-1]:
            v.close()
            v.deleteLater()
        view = views[-1]
        table, model = view.table, view.model
        assert model.rowCount() == N_ITEMS, model.rowCount()

        def repaint_cached():
            table.viewport().repaint()
        cached_ms = median_ms(repaint_cached)
        cached = "repaint of fetched rows"

        def scroll_fetch(row):
            """Scroll so `row` shows and read the rows now visible: what a scroll costs before painting."""
            def go():
                model.drop_cache()
                table.scrollTo(model.index(row, 0))
                top = table.rowAt(0)
                bottom = table.rowAt(table.viewport().height() - 1)
                for r in range(top, (bottom if bottom >= 0 else model.rowCount() - 1) + 1):
                    model.index(r, 1).data()
            return go

        def scroll_paint(row):
            def go():
                model.drop_cache()
                table.scrollTo(model.index(row, 0))
                table.viewport().repaint()
            return go
        middle_ms = median_ms(scroll_fetch(N_ITEMS // 2))
        end_ms = median_ms(scroll_fetch(N_ITEMS - 1))
        middle_paint_ms = median_ms(scroll_paint(N_ITEMS // 2 + 5_000))
        model.drop_cache()
        table.scrollToTop()

        def ids(query):
            return lambda: evidence_ids(db, sid, query)
        rare = EvidenceQuery(text="atum", sort="rank")     # a word cut short in ~550 quotes
        common = EvidenceQuery(text="troops", sort="rank")  # one of 20 words: in 45% of the items
        assert 0 < len(ids(rare)()) < 2_000 and len(ids(common)()) > 30_000
        rare_ms = median_ms(ids(rare))
        common_ms = median_ms(ids(common))
        from desktop.ui.evidence.model import EvidenceTableModel
        first_page_ms = median_ms(lambda: evidence_ids(db, sid, common, limit=EvidenceTableModel.FIRST_IDS))

        def clear_search():
            view.filter.setText("")
            view._apply_now()

        def type_search():
            view.filter.setText("atum")
            view._apply_now()                  # what the debounce timer calls, without its pause
            table.viewport().repaint()
        typed_ms = _median_after(clear_search, type_search, repeat=7)
        clear_search()

        filtered = EvidenceQuery(tag="legal", rating=("h1", ("CC", "C")), reliability=("A", "B"),
                                 date_from=date(2025, 3, 1), date_to=date(2025, 6, 30))
        filter_ms = median_ms(ids(filtered))
        sort_ms = median_ms(ids(EvidenceQuery(sort="rating:h2", descending=False)), repeat=5)
        refresh_ms = median_ms(lambda: (view.refresh(), table.viewport().repaint()), repeat=5)
        view.close()
        raw.close()
    finally:
        db.close()
    return [
        (f"open the Evidence view on {N_ITEMS:,} items (ids, first page, shown)", open_ms, empty, empty_ms, 1000),
        ("scroll to the middle: read the visible rows", middle_ms, cached, cached_ms, 16),
        ("scroll to the end: read the visible rows", end_ms, cached, cached_ms, 16),
        ("scroll to the middle, read and repaint (1300x800)", middle_paint_ms, cached, cached_ms, None),
        ("search a word in 0.5% of the items, ranked (ids)", rare_ms, bare, bare_ms, 50),
        ("search as typed in the view (ids, rows, sources, repaint)", typed_ms, bare, bare_ms, 50),
        ("search a word in 45% of the items: the first page the table shows at once (ids)", first_page_ms, bare,
         bare_ms, 50),
        ("search a word in 45% of the items: every id (appended right after the first page)", common_ms, bare,
         bare_ms, None),
        ("filter by tag, rating, grade and dates (ids)", filter_ms, bare, bare_ms, 200),
        ("sort 100,000 items by a scenario's rating (ids)", sort_ms, bare, bare_ms, 500),
        ("refresh after an edit (count, tags, ids, repaint)", refresh_ms, bare, bare_ms, 500),
    ]
