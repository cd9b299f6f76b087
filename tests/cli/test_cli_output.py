"""What the command line prints for people (issue 11, point 4): suggestions in text, valid keys on a typo."""

from __future__ import annotations

import json

from desktop.cli import main
from tests.conftest import ROOT

ARTICLE = ROOT / "tests" / "data" / "articles" / "37-upi-feb9-strike-38-strikes-130-killed.html"


def test_import_article_prints_every_suggestion_without_json(tmp_path, capsys):
    db = str(tmp_path / "case.db")
    assert main(["--db", db, "import-article", str(ARTICLE), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["suggestions"]
    assert main(["--db", str(tmp_path / "other.db"), "import-article", str(ARTICLE)]) == 0
    text = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("  evidence ") for line in text) == len(doc["evidence"]) > 0
    figures = [line for line in text if line.startswith("  figure ")]
    assert len(figures) == len(doc["quantities"]) > 0
    assert any(line.endswith("→ people_killed") for line in figures)
    assert sum(line.startswith("  date ") for line in text) == len(doc["dates"])
    assert sum(line.startswith("  attribution ") for line in text) == len(doc["attributions"])


def test_an_unknown_scenario_key_lists_the_valid_ones(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "case.db"), "log-evidence", "--quote", "x", "--paraphrase",
                 "--rate", "war=C", "--observed", "2025-11-20"])
    assert code == 2
    assert "No scenario with key 'war' (this situation has negotiation, escalation, status_quo)" \
        in capsys.readouterr().err
