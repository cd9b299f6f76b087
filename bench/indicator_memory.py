"""Run by bench_indicators in a fresh process: resident memory of the window's Indicators tab open on an
empty situation, then on the situation holding the million-figure indicator. Prints one JSON line."""

from __future__ import annotations

import gc
import json
import os
import sys


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main(path: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.domain.bundle import Bundle, BundleScenario
    from desktop.services.bundles import import_bundle
    from desktop.services.situations import list_situations
    from desktop.services.workspace import open_workspace
    from desktop.ui.app import application
    from desktop.ui.indicators.view import IndicatorsView

    app = application()
    db = open_workspace(path, seed=False)
    full = list_situations(db)[0].id
    empty = next((s.id for s in list_situations(db) if s.title == "Empty"), None)
    if empty is None:
        empty = import_bundle(db, Bundle("Empty", "", (BundleScenario("a", "A", "", 1.0),), (), (), ())).situation_id
    view = IndicatorsView()
    view.resize(1400, 900)
    view.show_situation(db, empty)
    view.show()
    app.processEvents()
    gc.collect()
    before = rss_mb()
    view.show_situation(db, full)
    app.processEvents()
    view.chart.widget.viewport().repaint()
    view.table.viewport().repaint()
    gc.collect()
    after = rss_mb()
    assert view.current is not None and view.current.count >= 1_000_000, view.current
    print(json.dumps({"empty_mb": before, "added_mb": after - before}))
    db.close()


if __name__ == "__main__":
    main(sys.argv[1])
