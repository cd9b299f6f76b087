"""Logging one evidence item end to end with 10,000 items present, and importing a 10,000-item bundle.

End to end: the undo command's first redo (the service validates and commits one row
with its ratings), then the window's refresh (probabilities recomputed, cards and the
visible dashboard redrawn). Baseline: a bare sqlite3 insert and commit of one row in
the same database file. Import: the whole bundle in one transaction on the bulk path;
baseline: bare sqlite3 executemany of the same evidence rows into an empty table.
"""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.fixtures import big_bundle
from bench.timing import median_ms

N_ITEMS = 10_000


def _bare_insert(path: Path) -> float:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_probe (id INTEGER PRIMARY KEY, quote TEXT, day TEXT)")
    counter = itertools.count()

    def once():
        with conn:
            conn.execute("INSERT INTO bench_probe (quote, day) VALUES (?, ?)", (f"probe {next(counter)}", "2025-11-24"))
    ms = median_ms(once, repeat=30)
    conn.close()
    return ms


def run():
    from desktop.domain.evidence_rules import EvidenceDraft
    from desktop.services.bundles import import_bundle
    from desktop.services.workspace import open_workspace
    from desktop.ui.app import application
    from desktop.ui.commands import AddEvidenceCommand, push_guarded
    from desktop.ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="signpost-bench-"))
    bundle = big_bundle(N_ITEMS, 5)

    # Import: a fresh database each time, timed around the service call only.
    def import_once():
        path = folder / f"import-{time.perf_counter_ns()}.db"
        db = open_workspace(str(path), seed=False)
        t = time.perf_counter()
        import_bundle(db, bundle)
        elapsed = (time.perf_counter() - t) * 1000
        db.close()
        return elapsed
    import_ms = sorted(import_once() for _ in range(3))[1]
    rows = [(e.key, e.quote, e.summary, e.observed_at.isoformat(), e.credibility, e.relevance) for e in bundle.evidence]
    bare = sqlite3.connect(folder / "bare.db")
    bare.execute("CREATE TABLE e (key TEXT, quote TEXT, summary TEXT, day TEXT, cred INT, rel TEXT)")
    t = time.perf_counter()
    with bare:
        bare.executemany("INSERT INTO e VALUES (?, ?, ?, ?, ?, ?)", rows)
    bare_import_ms = (time.perf_counter() - t) * 1000
    bare.close()

    # Logging: a window open on the 10k situation, the dashboard showing.
    path = folder / "window.db"
    db = open_workspace(str(path), seed=False)
    sid = import_bundle(db, bundle, remember=True).situation_id
    app = application()
    window = MainWindow(db, sid, persist_state=False)
    window.resize(1440, 900)
    window.show_view("dashboard")
    window.show()
    app.processEvents()
    for name in ("evidence", "matrix", "indicators", "sources", "compare"):
        window.screens.view(name)       # every tab built, as after a user has visited them all
    counter = itertools.count()

    def log_once():
        draft = EvidenceDraft(quote=f"bench item {next(counter)}", paraphrase=True, observed_at=date(2025, 6, 1),
                              ratings={"h0": "C", "h1": "I"}, credibility=2, relevance="high")
        assert push_guarded(window.undo_stack, AddEvidenceCommand(db, sid, draft, window.context.sync)) is None
        app.processEvents()
    log_ms = median_ms(log_once, repeat=10)
    window.close()
    db.close()
    probe_ms = _bare_insert(path)
    return [
        ("import a 10,000-item bundle (one transaction)", import_ms, "bare sqlite3 executemany of the rows",
         bare_import_ms, 2000),
        ("log one item end to end (commit, recompute, redraw) with 10,000 present", log_ms,
         "bare sqlite3 insert+commit", probe_ms, 50),
    ]
