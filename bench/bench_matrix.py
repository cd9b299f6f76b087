"""ACH matrix on 100,000 items x 5 scenarios: read, open the view, scroll, edit, against bare sqlite3 and numpy.

Baselines, measured in the same run on the same file: a bare sqlite3 read of the rating
table (500,000 rows, no join, no conversion), a bare numpy pass over the 100k x 5 matrix,
and a repaint of the grid where it stands (no scrolling, no fetching).
Building the database (through the bundle importer) takes minutes and is not timed against
anything; it is shared with the other 100k benchmarks (SIGNPOST_BENCH_DB_DIR keeps it between runs).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import numpy as np

from bench.fixtures import shared_big_database
from bench.timing import median_ms

N_ITEMS = 100_000


def _bare_rating_read(path: Path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT evidence_id, scenario_id, value FROM rating").fetchall()
    finally:
        conn.close()


def _paint(view, app) -> None:
    """Lay out and paint the first frame (offscreen, the pending expose and update events paint it)."""
    app.processEvents()


def _cpp_table(view):
    """A plain QTableView over a QStandardItemModel holding what `view` shows: the floor Qt itself sets."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    source = view.model
    top = max(view.table.rowAt(0), 0)
    rows = view.table.viewport().height() // view.table.verticalHeader().defaultSectionSize() + 2
    model = QStandardItemModel(rows, source.columnCount())
    for r in range(rows):
        for c in range(source.columnCount()):
            index = source.index(min(top + r, source.rowCount() - 1), c)
            item = QStandardItem(index.data() or "")
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            if background is not None:
                item.setBackground(background)
            model.setItem(r, c, item)
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(view.table.verticalHeader().defaultSectionSize())
    for c in range(source.columnCount()):
        table.setColumnWidth(c, view.table.columnWidth(c))
    table.resize(view.table.size())
    table.show()
    QApplication.processEvents()
    table._model = model   # keep it alive with the table
    return table


def run():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.services.matrix import ach_matrix, with_rating
    from desktop.ui.app import application
    from desktop.ui.matrix.model import N_FIXED
    from desktop.ui.matrix.view import MatrixView

    rows = []
    db, sid, path, build_ms = shared_big_database(N_ITEMS)
    try:
        if build_ms is not None:
            rows.append((f"building the {N_ITEMS:,}-item database (set-up, not a target)", build_ms,
                         "no baseline", None, None))
        sql_base = median_ms(lambda: _bare_rating_read(path), repeat=5)
        sql_name = "bare sqlite3 read of the rating table"
        matrix = ach_matrix(db, sid)
        assert matrix.n_rows == N_ITEMS, matrix.n_rows
        ws = np.nan_to_num(matrix.scores) * matrix.weights[:, None]
        np_base = median_ms(lambda: np.exp(ws.sum(axis=0) - ws.sum(axis=0).max()), repeat=15)
        np_name = "bare numpy pass over the matrix"

        def cold_matrix():
            db.caches.clear()  # time the read from the database, not the cache
            return ach_matrix(db, sid)

        rows.append((f"ach_matrix: read and arrange {N_ITEMS:,} x {matrix.n_scenarios} (cold)",
                     median_ms(cold_matrix, repeat=5), sql_name, sql_base, None))
        rows.append((f"ach_matrix: {N_ITEMS:,} x {matrix.n_scenarios} again, nothing changed (cache)",
                     median_ms(lambda: ach_matrix(db, sid), repeat=5), sql_name, sql_base, None))

        app = application()
        views = []

        def open_view():
            db.caches.clear()  # a first opening reads the database
            v = MatrixView()
            v.resize(1400, 900)
            v.show_situation(db, sid)
            v.show()
            _paint(v, app)
            views.append(v)

        def close_views():
            while views:
                v = views.pop()
                v.close()
                v.deleteLater()
            app.processEvents()

        times = []
        for _ in range(3):
            t = time.perf_counter()
            open_view()
            times.append((time.perf_counter() - t) * 1000)
            close_views()
        rows.append(("open the matrix view to its first painted frame", sorted(times)[1], sql_name, sql_base,
                     1000))

        open_view()
        view = views[0]
        bar = view.table.verticalScrollBar()
        reference = _cpp_table(view)
        paint_base = median_ms(lambda: reference.viewport().repaint(), repeat=15)
        paint_name = "repaint of the same screen from a C++ QStandardItemModel"
        reference.close()
        rows.append(("repaint in place", median_ms(lambda: view.table.viewport().repaint(), repeat=15),
                     paint_name, paint_base, 16))
        rng = np.random.default_rng(5)
        spots = iter(rng.permutation(np.arange(bar.maximum() // 3, bar.maximum() - 200, 997)).tolist())

        def scroll_to(value):
            bar.setValue(value)
            view.table.viewport().repaint()

        def cold_scroll_to(value):
            def go():
                view.model.clear_cache()
                bar.setValue(0)
                t = time.perf_counter()
                scroll_to(value)
                return (time.perf_counter() - t) * 1000
            return sorted(go() for _ in range(5))[2]

        rows.append(("scroll to the middle, nothing cached (text fetched, painted), median of 5",
                     cold_scroll_to(bar.maximum() // 2), paint_name, paint_base, 16))
        rows.append(("scroll to the end, nothing cached, median of 5",
                     cold_scroll_to(bar.maximum()), paint_name, paint_base, 16))
        rows.append(("scroll to an unvisited place, median of 15",
                     median_ms(lambda: scroll_to(next(spots)), repeat=15, warmup=0), paint_name, paint_base,
                     16))
        rows.append(("scroll back to a visited place, median of 15",
                     median_ms(lambda: scroll_to(bar.maximum() // 2), repeat=15), paint_name, paint_base, 16))

        m = view.matrix
        visible = range(view.table.rowAt(0), view.table.rowAt(view.table.viewport().height() - 1))
        cells = iter([(int(r), int(j)) for r, j in zip(rng.choice(visible, 64), rng.integers(0, m.n_scenarios, 64))])
        values = ("CC", "II", "N", "NA", None)
        counter = iter(range(10**6))
        rows.append(("one cell edit: with_rating (local recompute of footers)",
                     median_ms(lambda: with_rating(m, *next(cells), values[next(counter) % 5]), repeat=15),
                     np_name, np_base, 50))

        def edit_in_view():
            row, j = next(cells)
            view.model.setData(view.model.index(row, N_FIXED + j), values[next(counter) % 5])
            app.processEvents()   # the row and the footers repaint

        rows.append(("one cell edit in the view: recompute, footers, repaint",
                     median_ms(edit_in_view, repeat=15), np_name, np_base, 50))
        rows.append(("refresh(): re-read, re-sort, keep the place (the window runs it after every command)",
                     median_ms(lambda: (view.refresh(), app.processEvents()), repeat=3),
                     sql_name, sql_base, None))
        close_views()
    finally:
        db.close()
    return rows

