"""Indicators: a million observations drawn and panned, 50 sparkline tiles, memory, against bare pyqtgraph.

Baselines, measured in the same run on the same arrays: a bare pyqtgraph PlotWidget given the
same x and y with default settings (no downsampling, no clipping), drawn and panned the same way;
and for the dashboard grid, 50 bare PlotWidgets of 1,000 points each in a grid, shown and painted.

Observations are kept per day, so the million-point series has one figure a day for 1,000,000
days (1970 onwards): the chart dedupes figures of the same day, and a shorter span would not
put a million points on screen. The series comes in through the CSV import (timed as set-up).
Memory is measured in a fresh process (bench/indicator_memory.py): resident set size with the
Indicators tab open on that indicator, minus the same window open on an empty situation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from bench.timing import median_ms

N_POINTS = 1_000_000
N_TILES, TILE_POINTS = 50, 1_000
SIZE = (1200, 500)


def _folder() -> Path:
    kept = os.environ.get("SIGNPOST_BENCH_DB_DIR")
    folder = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="signpost-bench-ind-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def million_database(folder: Path):
    """(db, situation id, key, CSV import ms or None when reused) of a situation with one indicator
    of N_POINTS daily observations."""
    from desktop.domain.bundle import Bundle, BundleIndicator, BundleScenario
    from desktop.services.bundles import import_bundle
    from desktop.services.indicators import import_observations_csv
    from desktop.services.situations import list_situations
    from desktop.services.workspace import open_workspace

    path = folder / f"indicator-{N_POINTS}.db"
    if path.exists():
        db = open_workspace(str(path), seed=False)
        situations = list_situations(db)
        if situations:
            return db, situations[0].id, "walk", None
        db.close()
        path.unlink()
    db = open_workspace(str(path), seed=False)
    sid = import_bundle(db, Bundle("A million figures", "", (BundleScenario("a", "A", "", 0.5),
                                                             BundleScenario("b", "B", "", 0.5)), (), (),
                                   (BundleIndicator("walk", "Walk", "units", warn=400, alert=800),))).situation_id
    rng = np.random.default_rng(11)
    values = np.abs(np.cumsum(rng.normal(0, 3, N_POINTS))).round(1)
    start = date(1970, 1, 1)
    csv = folder / "walk.csv"
    with csv.open("w", encoding="utf-8") as out:
        out.write("date,value\n")
        out.writelines(f"{(start + timedelta(days=i)).isoformat()},{v}\n" for i, v in enumerate(values.tolist()))
    t = time.perf_counter()
    import_observations_csv(db, sid, "walk", csv, today=date(9999, 1, 1))
    ms = (time.perf_counter() - t) * 1000
    csv.unlink()
    return db, sid, "walk", ms


def tiles_database(folder: Path):
    from desktop.domain.bundle import Bundle, BundleIndicator, BundleObservation, BundleScenario
    from desktop.services.bundles import import_bundle
    from desktop.services.workspace import open_workspace

    path = folder / f"tiles-{N_TILES}x{TILE_POINTS}.db"
    path.unlink(missing_ok=True)
    db = open_workspace(str(path), seed=False)
    rng = np.random.default_rng(3)
    start = date(2023, 1, 1)
    indicators = []
    for k in range(N_TILES):
        ys = np.abs(np.cumsum(rng.normal(0, 2, TILE_POINTS))).round(1).tolist()
        indicators.append(BundleIndicator(
            key=f"i{k}", name=f"Indicator {k}", unit="units", kind=("level", "cumulative", "events")[k % 3],
            warn=20.0, alert=40.0,
            observations=tuple(BundleObservation(start + timedelta(days=d), y) for d, y in enumerate(ys))))
    bundle = Bundle("Fifty indicators", "", (BundleScenario("a", "A", "", 0.5), BundleScenario("b", "B", "", 0.5)),
                    (), (), tuple(indicators))
    sid = import_bundle(db, bundle).situation_id
    return db, sid


def _shown(widget, app):
    widget.resize(*SIZE)
    widget.show()
    app.processEvents()
    return widget


def run():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph as pg
    from PySide6.QtWidgets import QGridLayout, QWidget

    from desktop.services.indicators import indicator_overview
    from desktop.ui.app import application
    from desktop.ui.charts.base import configure_pyqtgraph
    from desktop.ui.charts.indicator_chart import IndicatorChart
    from desktop.ui.indicators.tiles import IndicatorGrid

    app = application()
    configure_pyqtgraph()
    folder = _folder()
    rows = []
    db, sid, key, import_ms = million_database(folder)
    try:
        if import_ms is not None:
            rows.append((f"CSV import of {N_POINTS:,} figures, one transaction (set-up)", import_ms,
                         "no baseline", None, None))
        t = time.perf_counter()
        series = next(s for s in indicator_overview(db, sid) if s.key == key)
        read_ms = (time.perf_counter() - t) * 1000
        assert series.count == N_POINTS, series.count
        chart = IndicatorChart()
        _shown(chart.widget, app)
        xs = (series.days - date(1970, 1, 1).toordinal()).astype(float) * 86400.0
        ys = series.values

        bare = pg.PlotWidget()
        _shown(bare, app)

        def bare_draw():
            bare.getPlotItem().clear()
            bare.plot(xs, ys)
            bare.viewport().repaint()

        def draw():
            chart.set_series(series)
            chart.widget.viewport().repaint()
        bare_draw_ms = median_ms(bare_draw, repeat=3)
        draw_ms = median_ms(draw, repeat=5)
        rows.append((f"read {N_POINTS:,} figures into arrays (indicator_overview)", read_ms, "no baseline", None,
                     None))
        base = f"bare pyqtgraph plot of the same {N_POINTS:,} points"
        rows.append((f"draw an indicator of {N_POINTS:,} figures", draw_ms, base, bare_draw_ms, 200))

        rng = np.random.default_rng(5)
        span = xs[-1] - xs[0]
        windows = iter([(a, a + w) for a, w in zip(rng.uniform(xs[0], xs[-1] - span / 2, 64),
                                                    rng.uniform(span / 1000, span / 2, 64))])

        def pan(widget):
            def go():
                a, b = next(windows)
                widget.getPlotItem().setXRange(a, b, padding=0)
                widget.viewport().repaint()
            return go
        bare_pan_ms = median_ms(pan(bare), repeat=5)
        pan_ms = median_ms(pan(chart.widget), repeat=15)
        rows.append(("pan / zoom to another span and redraw", pan_ms, f"bare pyqtgraph pan over {N_POINTS:,} points",
                     bare_pan_ms, 50))
        bare.close()
        chart.widget.close()
    finally:
        db.close()

    tdb, tsid = tiles_database(folder)
    try:
        many = indicator_overview(tdb, tsid)
        arrays = [((s.days - date(1970, 1, 1).toordinal()) * 86400.0, s.values) for s in many]

        def bare_grid():
            holder = QWidget()
            grid = QGridLayout(holder)
            for i, (x, y) in enumerate(arrays):
                w = pg.PlotWidget()
                w.plot(x, y)
                grid.addWidget(w, i // 5, i % 5)
            _shown(holder, app)
            holder.repaint()
            holder.close()
            holder.deleteLater()
            app.processEvents()

        def our_grid():
            grid = IndicatorGrid()
            grid.show_series(indicator_overview(tdb, tsid))
            _shown(grid, app)
            grid.repaint()
            grid.close()
            grid.deleteLater()
            app.processEvents()
        bare_grid_ms = median_ms(bare_grid, repeat=3)
        grid_ms = median_ms(our_grid, repeat=5)
        rows.append((f"dashboard grid: {N_TILES} indicators x {TILE_POINTS:,} figures (read, build, paint)", grid_ms,
                     f"{N_TILES} bare pyqtgraph plots", bare_grid_ms, 500))
    finally:
        tdb.close()

    out = subprocess.run([sys.executable, "-m", "bench.indicator_memory", str(folder / f"indicator-{N_POINTS}.db")],
                         capture_output=True, text=True, check=True)
    memory = json.loads(out.stdout.strip().splitlines()[-1])
    rows.append(("figure", f"memory with the {N_POINTS:,}-figure indicator open: {memory['added_mb']:.0f} MB above "
                           f"the window open on an empty situation ({memory['empty_mb']:.0f} MB; target < 200 MB: "
                           f"{'ok' if memory['added_mb'] < 200 else 'MISSED'})", None, None, None))
    return rows
