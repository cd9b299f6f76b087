"""Test set-up: Qt offscreen, and every per-user path pointed into a temporary folder.

Set before anything imports Qt or platformdirs, so no test can touch the real
user's database, settings or cache.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = Path(tempfile.mkdtemp(prefix="signpost-tests-"))
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[var] = str(_HOME / var.lower())
os.environ.pop("SIGNPOST_DB", None)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_BUNDLE = ROOT / "data" / "cases" / "us-venezuela-2025-11.signpost.json"
SEED_ARTICLE = ROOT / "data" / "cases" / "article-us-venezuela-2025-11.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "signpost.db"


@pytest.fixture
def seeded(db_path: Path):
    """An open, migrated database seeded with the US–Venezuela case."""
    from desktop.services.workspace import open_workspace

    database = open_workspace(str(db_path))
    yield database
    database.close()


@pytest.fixture
def empty_db(db_path: Path):
    """An open, migrated database with no situation."""
    from desktop.services.workspace import open_workspace

    database = open_workspace(str(db_path), seed=False)
    yield database
    database.close()


# Property tests: the same examples on every run (CI must not flake) and no deadline (a 2-core machine
# under load takes its time); HYPOTHESIS_PROFILE=explore runs more, randomised, by hand.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, max_examples=25,
                                      print_blob=True)
_hypothesis_settings.register_profile("explore", deadline=None, max_examples=300)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
