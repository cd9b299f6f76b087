"""Command-line fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main


@pytest.fixture
def case(tmp_path, capsys) -> Path:
    """A seeded database made through the command line, its output already read."""
    path = tmp_path / "case.db"
    assert main(["--db", str(path), "likelihoods"]) == 0
    capsys.readouterr()
    return path
