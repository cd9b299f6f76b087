"""Starting the window: the frame before anything heavy, the kept dashboard before the ORM, never stale numbers.

Each start runs `signpost` in a fresh process (this test process has imported everything long ago),
with `desktop.ui.app.reached` wrapped to note, at each stage, what the window shows and which modules
are loaded; the process then closes its window as a person would (SIGNPOST_BENCH_EXIT_AT=ready).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from desktop.ui.shell import TABS

PROBE = r"""
import json, os, sys
import desktop.ui.app as app

WATCHED = ("sqlalchemy", "sqlmodel", "alembic", "numpy", "pyqtgraph", "dateparser", "pysbd", "feedparser",
           "trafilatura", "desktop.store.engine", "desktop.domain.extraction", "desktop.ui.evidence.view",
           "desktop.ui.matrix.view", "desktop.ui.indicators.view", "desktop.ui.sources.view",
           "desktop.ui.compare.view")
seen, real = {}, app.reached


def reached(stage, window):
    if stage not in seen:
        cards = window.screens.cards.cards if window.screens is not None else []
        seen[stage] = {
            "visible": window.isVisible(),
            "title": window.windowTitle(),
            "menus": [a.text() for a in window.menuBar().actions()],
            "items": sum(len(a.menu().actions()) for a in window.menuBar().actions()),
            "database_open": window.database is not None,
            "file_exists": os.path.exists(sys.argv[2]),
            "sketch": window.sketch is not None,
            "cards": [[c.name.text(), c.probability.text()] for c in cards],
            "modules": [m for m in WATCHED if m in sys.modules],
        }
    real(stage, window)


app.reached = reached
from desktop.cli import main

code = main(sys.argv[1:])
print("PROBE " + json.dumps({"code": code, "stages": seen}))
"""


def _env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "SIGNPOST_DB"}
    env.update(QT_QPA_PLATFORM="offscreen", SIGNPOST_BENCH_EXIT_AT="ready",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    return env


def start(tmp_path, db) -> dict:
    """One `signpost --db DB` session: what each stage showed."""
    done = subprocess.run([sys.executable, "-c", PROBE, "--db", str(db)], capture_output=True, text=True,
                          timeout=180, env=_env(tmp_path))
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("PROBE "))
    found = json.loads(line[len("PROBE "):])
    assert found["code"] == 0
    return found["stages"]


def cli(tmp_path, db, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in _env(tmp_path).items() if k != "SIGNPOST_BENCH_EXIT_AT"}
    done = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return done


def model_cards(tmp_path, db) -> list[list[str]]:
    """What the cards must say now, from the command line: each scenario's probability, most likely first."""
    report = json.loads(cli(tmp_path, db, "likelihoods", "--json").stdout)
    ranked = sorted(report["scenarios"], key=lambda s: -s["probability"])
    return [[s["name"], f"{s['probability']:.0%}"] for s in ranked]


HEAVY = {"sqlalchemy", "sqlmodel", "alembic", "numpy", "pyqtgraph", "desktop.store.engine"}
TAB_MODULES = {f"desktop.ui.{name}.view" for name in TABS[1:]}
# The number reader of extraction may load (a first start seeds the case, whose fact index reads figures);
# what reads a whole article may not.
IMPORT_MACHINERY = {"dateparser", "pysbd", "feedparser", "trafilatura", "desktop.domain.extraction.dates",
                    "desktop.domain.extraction.sentences"}


def test_the_frame_is_on_screen_before_the_database_layer_numpy_or_pyqtgraph_load(tmp_path):
    db = tmp_path / "new.db"            # not there yet: this start creates and seeds it, after the frame
    stages = start(tmp_path, db)
    frame = stages["frame"]
    assert frame["visible"] and frame["sketch"] and not frame["database_open"] and not frame["file_exists"]
    assert frame["menus"] == ["&File", "&Edit", "&View", "&Analysis", "&Help"] and frame["items"] == 0
    assert not HEAVY & set(frame["modules"]), frame["modules"]
    dashboard = stages["dashboard"]      # nothing kept on a first start: the dashboard waits for the database
    assert dashboard["database_open"] and len(dashboard["cards"]) == 3 and not dashboard["sketch"]
    assert dashboard["cards"] == model_cards(tmp_path, db)
    ready = stages["ready"]
    assert ready["items"] > 20 and ready["title"].endswith("— Signpost")
    # Tabs never shown were not built, and nothing of the article import machinery was loaded.
    assert not (TAB_MODULES | IMPORT_MACHINERY) & set(ready["modules"]), ready["modules"]


def test_the_next_start_draws_the_kept_dashboard_before_the_orm_is_imported(tmp_path):
    db = tmp_path / "case.db"
    first = start(tmp_path, db)
    second = start(tmp_path, db)
    dashboard = second["dashboard"]
    assert not dashboard["database_open"] and "sqlalchemy" not in dashboard["modules"]
    assert {"numpy", "pyqtgraph"} <= set(dashboard["modules"])     # the dashboard's charts are real ones
    assert dashboard["cards"] == first["ready"]["cards"] == model_cards(tmp_path, db)
    assert dashboard["title"] == first["ready"]["title"]
    assert second["ready"]["database_open"] and second["ready"]["cards"] == dashboard["cards"]


def test_after_another_process_wrote_the_start_shows_the_new_numbers_never_the_kept_ones(tmp_path):
    db = tmp_path / "case.db"
    kept = start(tmp_path, db)["ready"]["cards"]
    for quote in ("Talks collapsed in Caracas.", "A second carrier group sailed south.",
                  "Both sides mobilised reserves."):
        cli(tmp_path, db, "log-evidence", "--quote", quote, "--paraphrase", "--observed", "2025-11-25",
            "--credibility", "1", "--relevance", "high", "--rate", "escalation=CC", "--rate", "negotiation=II",
            "--rate", "status_quo=II")
    now = model_cards(tmp_path, db)
    assert now != kept                  # the write moved the numbers the cards show
    dashboard = start(tmp_path, db)["dashboard"]
    assert dashboard["database_open"] and "sqlalchemy" in dashboard["modules"]    # waited for the database
    assert dashboard["cards"] == now


def test_a_file_changed_since_a_signpost_process_left_it_is_checked_before_any_number_shows(tmp_path):
    db = tmp_path / "case.db"
    start(tmp_path, db)
    stat = db.stat()
    os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))   # as a crash or another tool leaves it
    dashboard = start(tmp_path, db)["dashboard"]
    assert dashboard["database_open"]           # opened (quick_check on the way) before the dashboard drew


# --- in this process: the window's own steps --------------------------------------------------------

def test_tabs_are_built_when_first_shown_and_changes_leave_unbuilt_tabs_alone(window, qtbot, db_path):
    from desktop.ui.shell import PendingPage

    i = TABS.index("matrix")
    assert isinstance(window.tabs.widget(i), PendingPage) and window.screens.built_view("matrix") is None
    assert window.screens.built_view("dashboard") is window.dashboard
    done = cli(db_path.parent, db_path, "log-evidence", "--quote", "A convoy crossed the border.", "--paraphrase",
               "--observed", "2025-11-25", "--rate", "escalation=CC", "--rate", "negotiation=I")
    qtbot.waitUntil(lambda: window.screens.last_drawn()[2].report.evidence_count == 55, timeout=3000)
    assert window.screens.built_view("matrix") is None          # a change builds no tab
    window.show_view("matrix")
    assert window.tabs.currentWidget() is window.matrix and window.tabs.currentIndex() == i
    assert window.matrix.model.rowCount() == 55 and window.tabs.tabText(i) == "Matrix"
    assert window.tabs.count() == len(TABS)
    qtbot.waitUntil(lambda: not window.findChildren(PendingPage, "pending-matrix"), timeout=1000)
    assert done.returncode == 0


def test_a_view_asked_for_before_it_is_shown_is_built_in_its_place(window):
    sources = window.sources                        # as the actions reach for it
    i = TABS.index("sources")
    assert window.tabs.widget(i) is sources and window.tabs.currentIndex() == 0
    assert sources.proxy.rowCount() > 0


def test_the_frame_then_the_kept_dashboard_then_the_database_fill_one_window(qtbot, seeded, db_path):
    from desktop.services.first_paint import kept_first_paint
    from desktop.ui.app import application
    from desktop.ui.main_window import MainWindow
    from desktop.ui.shell import LayoutSketch

    application()
    first = MainWindow(seeded)
    qtbot.addWidget(first)
    shown = [(c.name.text(), c.probability.text()) for c in first.cards.cards]
    first.close()                                   # keeps what it drew
    seeded.close()
    paint = kept_first_paint(str(db_path), None)
    assert paint is not None

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window.centralWidget(), LayoutSketch) and window.database is None
    window.show_kept(paint)
    assert [(c.name.text(), c.probability.text()) for c in window.cards.cards] == shown
    assert window.windowTitle() == first.windowTitle() and window.database is None
    assert window.situation_box.count() == 1 and not window.situation_box.isEnabled()   # nothing to switch to yet
    cards, dashboard = window.cards, window.dashboard
    from desktop.services.workspace import open_workspace

    window.attach(open_workspace(str(db_path)))
    try:
        assert window.cards is cards and window.dashboard is dashboard      # filled in place, not replaced
        assert [(c.name.text(), c.probability.text()) for c in window.cards.cards] == shown
        assert window.findChild(type(window.menuBar().actions()[0].menu()), "fileMenu").actions()
        assert window.situation_box.count() == 1 and window.situation_box.isEnabled()
    finally:
        window.database.close()
