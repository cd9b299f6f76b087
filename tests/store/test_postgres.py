"""The same store on PostgreSQL, when a server is offered (SIGNPOST_TEST_POSTGRES=postgresql+psycopg://…).

Skipped otherwise: CI runs SQLite. The database named must be empty or Signpost's own; the
test drops what it made.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import SEED_BUNDLE

URL = os.environ.get("SIGNPOST_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="set SIGNPOST_TEST_POSTGRES to a PostgreSQL URL to run")


@pytest.fixture
def pg():
    pytest.importorskip("psycopg")
    from sqlalchemy import text

    from desktop.services.workspace import open_workspace

    database = open_workspace(URL)
    yield database
    with database.transaction() as s:
        s.execute(text("DROP TABLE IF EXISTS app_state, change_log, judgement, observation, indicator_scenario, "
                       "indicator, rating, evidence, source, scenario, situation, alembic_version CASCADE"))
    database.close()


def test_seed_likelihoods_and_round_trip_on_postgres(pg, tmp_path):
    from desktop.services.bundles import export_bundle_file
    from desktop.services.likelihoods import likelihoods_as_of
    from desktop.services.situations import resolve_situation

    situation = resolve_situation(pg)
    report = likelihoods_as_of(pg, situation.id)
    assert sum(s.probability for s in report.scenarios) == pytest.approx(1.0)
    out = export_bundle_file(pg, situation.id, tmp_path / "pg.signpost.json")
    exported = json.loads(out.read_text(encoding="utf-8"))
    original = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    assert [e["quote"] for e in exported["evidence"]] == [e["quote"] for e in original["evidence"]]
