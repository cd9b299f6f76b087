"""Input that used to be accepted quietly wrong (issue 10, point 6), refused or mended now."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import SEED_BUNDLE


def rows(path: Path, sql: str, *params) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def figures(path: Path, indicator: str) -> int:
    return rows(path, "SELECT count(*) FROM observation o JOIN indicator i ON i.id = o.indicator_id "
                      "WHERE i.key = ?", indicator)[0][0]


def test_an_unterminated_quote_refuses_the_file_naming_its_line(case, tmp_path, capsys):
    path = tmp_path / "figures.csv"
    path.write_text('date,value,note\n2025-11-01,5,"fine"\n2025-11-02,6,"never closed\n2025-11-03,7,ok\n',
                    encoding="utf-8")
    before = figures(case, "troops_deployed")
    assert main(["--db", str(case), "import-observations", "troops_deployed", str(path)]) == 2
    err = capsys.readouterr().err
    assert "line 3: a quoted field opens here and is never closed" in err and err.count("\n") == 1
    assert figures(case, "troops_deployed") == before
    path.write_text('date,value,note\n2025-11-01,5,"a note\nover two lines"\n2025-11-02,6,x\n', encoding="utf-8")
    assert main(["--db", str(case), "import-observations", "troops_deployed", str(path)]) == 0
    assert figures(case, "troops_deployed") == before + 2


def test_bundle_dates_after_today_are_refused_as_log_evidence_refuses_them(case, tmp_path, capsys):
    doc = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    doc["evidence"][3]["observed_at"] = "2099-01-01"
    path = tmp_path / "future.signpost.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["--db", str(case), "import-bundle", str(path)]) == 2
    assert "evidence[3] (e4).observed_at: 2099-01-01 is after today" in capsys.readouterr().err
    assert main(["--db", str(case), "log-evidence", "--quote", "x", "--observed", "2099-01-01", "--rate",
                 "escalation=C"]) == 2
    assert "2099-01-01 is after today" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["people_killed", "-3"], "-3 is below zero; a count cannot be"),
    (["people_killed", "2.5"], "2.5 is not a whole number; a count is"),
    (["people_killed", "abc"], "'abc' is not a number"),
    (["troops_deployed", "15000", "--qualifier", "banana"], "Unknown qualifier 'banana'"),
])
def test_figures_that_cannot_be_are_refused(case, capsys, argv, message):
    indicator = argv[0]
    before = figures(case, indicator)
    assert main(["--db", str(case), "observe", *argv, "--at", "2025-11-20"]) == 2
    assert message in capsys.readouterr().err
    assert figures(case, indicator) == before


def test_a_count_in_a_csv_file_or_a_bundle_follows_the_same_rule(case, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("date,value,qualifier\n2025-11-01,4,at least\n2025-11-02,-1,\n2025-11-03,5,banana\n",
                    encoding="utf-8")
    assert main(["--db", str(case), "import-observations", "people_killed", str(path)]) == 2
    err = capsys.readouterr().err
    assert "line 3: -1 is below zero" in err and "line 4: Unknown qualifier 'banana'" in err
    doc = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    killed = next(i for i in doc["indicators"] if i["key"] == "people_killed")
    killed["observations"][0]["value"] = -4
    bundle = tmp_path / "negative.signpost.json"
    bundle.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["--db", str(case), "import-bundle", str(bundle)]) == 2
    assert "observations[0].value: -4 is below zero" in capsys.readouterr().err


def test_a_running_total_that_goes_down_is_kept_and_flagged_as_a_correction(case, capsys):
    assert main(["--db", str(case), "observe", "people_killed", "70", "--at", "2025-11-24", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["correction_of"] == 83
    assert main(["--db", str(case), "observe", "people_killed", "90", "--at", "2025-11-24", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["correction_of"] is None
    assert rows(case, "SELECT count(*) FROM observation WHERE value = 70 AND observed_at = '2025-11-24'")[0][0] == 1

    import numpy as np

    from desktop.domain.indicators import IndicatorKind, corrections
    assert corrections(np.array([10, 12, 11, 15, 15]), IndicatorKind.CUMULATIVE).tolist() == \
        [False, False, True, False, False]
    assert not corrections(np.array([10, 9]), IndicatorKind.LEVEL).any()


def test_control_characters_are_dropped_on_the_way_in_and_escaped_on_the_way_out(case, capsys):
    hostile = "Fleet \x1b[2J\x1b[31mmoves\x02 north\x03\x07"
    assert main(["--db", str(case), "log-evidence", "--quote", hostile, "--summary", "\x1b]0;owned\x07x",
                 "--rate", "escalation=C", "--observed", "2025-11-20", "--json"]) == 0
    key = json.loads(capsys.readouterr().out)["evidence"]
    (quote, summary), = rows(case, "SELECT quote, summary FROM evidence WHERE key = ?", key)
    assert quote == "Fleet [2J[31mmoves north" and summary == "]0;ownedx"
    # text stored before the rule (written straight into the file) is escaped when printed
    con = sqlite3.connect(case)
    con.execute("UPDATE situation SET title = 'Crisis \x1b[31mred'")
    con.commit()
    con.close()
    assert main(["--db", str(case), "likelihoods"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and out.startswith("Crisis \\x1b[31mred")


def test_search_never_shows_a_stored_marker_as_a_highlight():
    from desktop.store.search import MARK_END, MARK_START, mark_terms

    marked = mark_terms(f"the {MARK_START}fake{MARK_END} carrier", "carrier")
    assert marked == f"the fake {MARK_START}carrier{MARK_END}"


def test_csv_cells_that_look_like_formulas_are_written_as_text_and_read_back(case, tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text('date,value,note\n2025-11-01,-5,"=HYPERLINK(""http://x"",""y"")"\n2025-11-02,6,@SUM(A1)\n'
                      "2025-11-03,7,+1 more\n", encoding="utf-8")
    assert main(["--db", str(case), "import-observations", "troops_deployed", str(source)]) == 0
    out = tmp_path / "out.csv"
    assert main(["--db", str(case), "export-observations", "troops_deployed", "--out", str(out)]) == 0
    written = {r["date"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert written["2025-11-01"]["note"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert written["2025-11-02"]["note"] == "'@SUM(A1)" and written["2025-11-03"]["note"] == "'+1 more"
    assert written["2025-11-01"]["value"] == "-5"                        # numbers stay numbers
    again = tmp_path / "again.db"
    assert main(["--db", str(again), "import-observations", "troops_deployed", str(out)]) == 0
    assert rows(again, "SELECT value, note FROM observation WHERE observed_at = '2025-11-01' AND value = -5") == \
        [(-5.0, '=HYPERLINK("http://x","y")')]
