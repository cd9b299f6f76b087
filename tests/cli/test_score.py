"""`signpost score` (provisional form, until the situation stores its resolution)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main


def test_score_prints_the_json_shape_of_design_section_5(case, capsys):
    code = main(["--db", str(case), "score", "--scenario", "escalation", "--at", "2026-01-03",
                 "--opened", "2025-11-24", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    doc = json.loads(out)
    assert (doc["resolved"], doc["resolved_at"], doc["opened_at"], doc["days"]) == (
        "escalation", "2026-01-03", "2025-11-24", 40)
    # the seed's evidence all stands by 24 Nov, so every day has the same forecast: the mean is that day's
    first = doc["series"][0]["probabilities"]
    assert doc["model"]["brier"] == pytest.approx(sum((p - (k == "escalation")) ** 2 for k, p in first.items()),
                                                  abs=1e-12)
    assert doc["uniform"]["brier"] == (1 - 1 / 3) ** 2 + 2 / 9
    assert doc["record"] is None and doc["analyst"] is None


def test_score_text_and_refusals(case, capsys):
    assert main(["--db", str(case), "score", "--scenario", "escalation", "--at", "2026-01-03",
                 "--opened", "2025-11-24"]) == 0
    out = capsys.readouterr().out
    assert "40 days scored" in out and "uniform" in out and "0.667" in out
    assert main(["--db", str(case), "score", "--scenario", "escalation", "--at", "2025-11-24",
                 "--opened", "2025-11-24"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("signpost score: no day to score")
    assert main(["--db", str(case), "score", "--scenario", "war", "--at", "2026-01-03",
                 "--opened", "2025-11-24"]) == 2
    assert "no scenario 'war'" in capsys.readouterr().err


def test_score_help_says_the_form_is_provisional(capsys):
    assert main(["--help"]) == 0
    assert "until the situation stores its resolution" in " ".join(capsys.readouterr().out.split())
