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


def test_import_article_marks_running_totals_durations_and_ranges(tmp_path, capsys):
    """Issue 12 §4: what sets a figure or a date apart is printed, not only kept in --json."""
    article = tmp_path / "ferry.txt"
    article.write_text("Ferry sinks\n\nA ferry sank on 3–4 March after drifting for nearly two weeks, officials "
                       "said.\n\nRescuers found seven more bodies, raising the death toll to 41, officials said.",
                       encoding="utf-8")
    assert main(["--db", str(tmp_path / "case.db"), "import-article", str(article), "--published", "2026-03-10"]) == 0
    text = capsys.readouterr().out.splitlines()
    assert any(line.startswith("  figure       41 (running total) →") for line in text)
    assert any(line.startswith("  figure       nearly two weeks (duration) →") for line in text)
    assert "  date         3–4 March = 2026-03-03 to 2026-03-04" in text


def test_an_unknown_scenario_key_lists_the_valid_ones(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "case.db"), "log-evidence", "--quote", "x", "--paraphrase",
                 "--rate", "war=C", "--observed", "2025-11-20"])
    assert code == 2
    assert "No scenario with key 'war' (this situation has negotiation, escalation, status_quo)" \
        in capsys.readouterr().err


def test_likelihoods_json_carries_full_precision_numbers(case, capsys):
    """Design §5: JSON numbers are not rounded; the probabilities sum to 1 within 1e-9 and equal the model's."""
    from desktop.services.likelihoods import likelihoods_as_of
    from desktop.store.engine import open_database, resolve_location

    assert main(["--db", str(case), "likelihoods", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    probabilities = [s["probability"] for s in out["scenarios"]]
    assert abs(sum(probabilities) - 1.0) < 1e-9
    db = open_database(resolve_location(str(case)))
    try:
        report = likelihoods_as_of(db, out["situation_id"], None)
    finally:
        db.close()
    assert probabilities == [s.probability for s in report.scenarios]            # exactly, not to 6 places
    assert any(round(p, 6) != p for p in probabilities)
    impacts = [i["impact"] for s in out["scenarios"] for i in s["impacts"]]
    assert impacts == [i.impact for s in report.scenarios for i in s.impacts]


def test_an_ach_score_that_is_a_group_mean_reads_as_the_matrix_shows_it():
    """A group of three counts the mean of its members: −1 − 1/3 prints "-1.3", in the column, not "-1.33333"."""
    from desktop.cli import likelihoods_text
    from desktop.services.likelihoods import LikelihoodReport, ScenarioLikelihood

    report = LikelihoodReport(1, None, (
        ScenarioLikelihood("a", "Alpha scenario", None, 0.6, "likely", -4 / 3, -0.36),
        ScenarioLikelihood("b", "Beta scenario", None, 0.4, "unlikely", 0.0, 0.0)))
    lines = likelihoods_text(report, "T").splitlines()
    header = next(line for line in lines if line.startswith("Scenario"))
    alpha = next(line for line in lines if line.startswith("Alpha"))
    beta = next(line for line in lines if line.startswith("Beta"))
    end = header.index("ACH") + len("ACH")
    assert alpha[:end].endswith(" -1.3") and beta[:end].endswith(" 0")
