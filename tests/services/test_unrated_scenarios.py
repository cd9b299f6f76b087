"""Issue 12 §1: a scenario added after the evidence was rated has empty cells; they count as NA, and
the likelihoods (CLI text and JSON, the dashboard) warn, naming how many items it has no rating for."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.domain.bundle import parse_bundle
from desktop.services.bundles import import_bundle
from desktop.services.likelihoods import likelihoods_as_of
from desktop.store.engine import open_database, resolve_location
from tests.conftest import SEED_BUNDLE


def _with_late_scenario(extra_rated: int) -> dict:
    """The seed with a fourth scenario, rated on only the first `extra_rated` items."""
    data = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    for s in data["scenarios"]:
        s["prior"] = s["prior"] * 0.9
    data["scenarios"].append({"key": "coup", "name": "Coup in Caracas", "prior": 0.1})
    for item in data["evidence"][:extra_rated]:
        item["ratings"]["coup"] = "N"
    return data


@pytest.fixture
def late(tmp_path):
    data = _with_late_scenario(extra_rated=4)
    db = open_database(resolve_location(str(tmp_path / "late.db")))
    situation_id = import_bundle(db, parse_bundle(data, today=date(2026, 1, 1))).situation_id
    yield db, situation_id, data
    db.close()


def test_the_report_counts_the_items_a_scenario_has_no_rating_for(late):
    db, situation_id, data = late
    live = [e for e in data["evidence"] if not e.get("deleted")]
    report = likelihoods_as_of(db, situation_id, None)
    assert report.unrated == (("coup", report.evidence_count - 4),) and report.evidence_count == len(live)
    assert report.to_json()["unrated"] == {"coup": len(live) - 4}
    warning = report.unrated_warning()
    assert warning.startswith(f"Coup in Caracas has no rating for {len(live) - 4} of {len(live)} items")
    # as of an earlier day, only the items known then: reported by then (the seed states no reported date, so
    # each item's is its source's publication date, or its own day when that is later or there is no source)
    published = {s["key"]: s.get("published_at") for s in data["sources"]}
    known = {e["key"]: max(e["observed_at"], published.get(e.get("source")) or e["observed_at"]) for e in live}
    first_day = date.fromisoformat(min(known.values()))
    early = likelihoods_as_of(db, situation_id, first_day)
    on_first_day = [e for e in live if known[e["key"]] == first_day.isoformat()]
    assert dict(early.unrated).get("coup", 0) == sum(1 for e in on_first_day if "coup" not in e["ratings"])


def test_a_fully_rated_situation_has_no_warning(seeded):
    report = likelihoods_as_of(seeded, 1, None)
    assert report.unrated == () and report.unrated_warning() is None


def test_the_cli_prints_the_warning(late, capsys):
    from desktop.cli import main

    db, situation_id, _ = late
    path = db.path
    db.close()
    assert main(["--db", str(path), "likelihoods", "--situation", str(situation_id)]) == 0
    out = capsys.readouterr().out
    assert "warning: Coup in Caracas has no rating for" in out.splitlines()[-1]


def test_the_dashboard_shows_the_warning(late, qtbot):
    from desktop.ui.app import application
    from desktop.ui.main_window import MainWindow

    db, situation_id, _ = late
    application()
    window = MainWindow(db, situation_id=situation_id)
    qtbot.addWidget(window)
    window.show()
    banner = window.dashboard.unrated
    qtbot.waitUntil(lambda: banner.isVisibleTo(window), timeout=3000)
    assert "Unrated cells." in banner.text() and "Coup in Caracas has no rating for" in banner.text()


def test_the_seeded_dashboard_has_no_such_warning(seeded, qtbot):
    from desktop.ui.app import application
    from desktop.ui.main_window import MainWindow

    application()
    window = MainWindow(seeded)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.dashboard.bars.widget.isVisible(), timeout=3000)
    assert window.dashboard.unrated.isHidden() and window.dashboard.unrated.text() == ""
