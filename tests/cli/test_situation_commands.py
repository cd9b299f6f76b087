"""new-situation, situation edit, scenario add|edit|archive|priors and judge (design §5), through `main`."""

from __future__ import annotations

import json
import math
import sqlite3

import pytest

from desktop.cli import main


def run_json(capsys, *args):
    code = main(list(args) + ["--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def refused(capsys, *args) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_a_situation_from_scratch_to_a_judgement(tmp_path, capsys):
    db = str(tmp_path / "new.db")
    made = run_json(capsys, "--db", db, "new-situation", "--title", "Border crisis", "--question",
                    "Does it end by March?", "--opened", "2026-01-01", "--horizon", "2026-03-01")
    sid = made["situation_id"]
    assert set(made) == {"situation_id"}
    # it is the default now, and has no scenarios: likelihoods says so instead of failing
    assert main(["--db", db, "likelihoods"]) == 0
    assert "No scenarios yet" in capsys.readouterr().out
    assert run_json(capsys, "--db", db, "likelihoods")["scenarios"] == []

    first = run_json(capsys, "--db", db, "scenario", "add", "deal", "--name", "Deal", "--prior", "0.4")
    assert first == {"situation_id": sid, "scenarios": [{"key": "deal", "name": "Deal", "prior": 1.0}]}
    run_json(capsys, "--db", db, "scenario", "add", "war", "--name", "War", "--prior", "0.3")
    doc = run_json(capsys, "--db", db, "scenario", "add", "stall", "--name", "Stalemate", "--prior", "20%",
                   "--rationale", "base rate of stand-offs")
    priors = {s["key"]: s["prior"] for s in doc["scenarios"]}
    # deal 1 -> 0.7 -> 0.56; war 0.3 -> 0.24; stall 0.2
    assert priors == pytest.approx({"deal": 0.56, "war": 0.24, "stall": 0.2})
    assert math.fsum(priors.values()) == pytest.approx(1.0, abs=1e-12)

    doc = run_json(capsys, "--db", db, "scenario", "edit", "war", "--prior", "0.5", "--name", "Open war")
    priors = {s["key"]: s["prior"] for s in doc["scenarios"]}
    # the other two keep their 0.56:0.2 ratio within 0.5
    assert priors == pytest.approx({"deal": 0.5 * 0.56 / 0.76, "war": 0.5, "stall": 0.5 * 0.2 / 0.76})
    assert [s["name"] for s in doc["scenarios"]] == ["Deal", "Open war", "Stalemate"]

    doc = run_json(capsys, "--db", db, "scenario", "archive", "stall")
    assert [s["key"] for s in doc["scenarios"]] == ["deal", "war"]
    assert math.fsum(s["prior"] for s in doc["scenarios"]) == pytest.approx(1.0)

    doc = run_json(capsys, "--db", db, "scenario", "priors", "deal=0.25", "war=0.75")
    assert {s["key"]: s["prior"] for s in doc["scenarios"]} == {"deal": 0.25, "war": 0.75}

    edited = run_json(capsys, "--db", db, "situation", "edit", "--question", "Does it end by April?",
                      "--horizon", "2026-04-01")
    assert edited["question"] == "Does it end by April?" and edited["horizon"] == "2026-04-01"
    assert edited["opened_at"] == "2026-01-01"

    judged = run_json(capsys, "--db", db, "judge", "deal=0.3", "war=0.7", "--rationale", "talks stalled",
                      "--at", "2026-01-05")
    assert judged["probabilities"] == {"deal": 0.3, "war": 0.7} and judged["stated_on"] == "2026-01-05"

    con = sqlite3.connect(tmp_path / "new.db")
    row = con.execute("SELECT title, question, opened_at, horizon FROM situation WHERE id = ?", (sid,)).fetchone()
    assert row == ("Border crisis", "Does it end by April?", "2026-01-01", "2026-04-01")
    archived = con.execute("SELECT key FROM scenario WHERE situation_id = ? AND archived_at IS NOT NULL",
                           (sid,)).fetchall()
    assert archived == [("stall",)]
    assert con.execute("SELECT rationale FROM judgement j JOIN scenario s ON s.id = j.scenario_id "
                       "WHERE s.key = 'war'").fetchone() == ("talks stalled",)
    # every write is in the change log
    logged = {r[0] for r in con.execute("SELECT table_name FROM change_log WHERE table_name IN "
                                        "('situation', 'scenario', 'judgement')")}
    assert logged == {"situation", "scenario", "judgement"}


def test_bad_input_is_refused_in_one_line_naming_the_field_and_changes_nothing(tmp_path, capsys):
    db = str(tmp_path / "bad.db")
    run_json(capsys, "--db", db, "new-situation", "--title", "T")
    run_json(capsys, "--db", db, "scenario", "add", "a", "--name", "A", "--prior", "1")
    run_json(capsys, "--db", db, "scenario", "add", "b", "--name", "B", "--prior", "0.5")
    before = run_json(capsys, "--db", db, "scenario", "priors", "a=0.5", "b=0.5")

    assert "prior: the priors sum to 1.3, not 1" in refused(capsys, "--db", db, "scenario", "priors", "a=0.5",
                                                            "b=0.8")
    assert "no scenario 'z'" in refused(capsys, "--db", db, "scenario", "priors", "a=0.5", "b=0.4", "z=0.1")
    assert "prior: " in refused(capsys, "--db", db, "scenario", "add", "c", "--name", "C", "--prior", "0")
    assert "leaves nothing" in refused(capsys, "--db", db, "scenario", "add", "c", "--name", "C", "--prior", "1")
    assert "exists already" in refused(capsys, "--db", db, "scenario", "add", "a", "--name", "A2", "--prior", "0.2")
    assert "key: no scenario 'q'" in refused(capsys, "--db", db, "scenario", "edit", "q", "--prior", "0.2")
    assert "name: " in refused(capsys, "--db", db, "scenario", "add", "c", "--name", " ", "--prior", "0.2")
    assert "key: " in refused(capsys, "--db", db, "scenario", "add", "bad key", "--name", "C", "--prior", "0.2")
    run_json(capsys, "--db", db, "scenario", "archive", "b")
    assert "last scenario" in refused(capsys, "--db", db, "scenario", "archive", "a")
    assert "horizon: " in refused(capsys, "--db", db, "situation", "edit", "--opened", "2026-02-01",
                                  "--horizon", "2026-01-01")
    assert "title: " in refused(capsys, "--db", db, "situation", "edit", "--title", "  ")
    after = run_json(capsys, "--db", db, "scenario", "priors", "a=1")
    assert after["scenarios"] == [{"key": "a", "name": "A", "prior": 1.0}]
    assert before["scenarios"][0]["prior"] == 0.5


def test_an_archived_scenario_leaves_the_model_but_keeps_its_ratings(case, capsys):
    db = str(case)
    before = run_json(capsys, "--db", db, "likelihoods")
    assert [s["key"] for s in before["scenarios"]] == ["negotiation", "escalation", "status_quo"]
    con = sqlite3.connect(case)
    ratings_before = con.execute("SELECT count(*) FROM rating r JOIN scenario s ON s.id = r.scenario_id "
                                 "WHERE s.key = 'negotiation'").fetchone()[0]
    assert ratings_before > 0
    run_json(capsys, "--db", db, "scenario", "archive", "negotiation")
    after = run_json(capsys, "--db", db, "likelihoods")
    assert [s["key"] for s in after["scenarios"]] == ["escalation", "status_quo"]
    assert math.fsum(s["probability"] for s in after["scenarios"]) == pytest.approx(1.0, abs=1e-9)
    assert con.execute("SELECT count(*) FROM rating r JOIN scenario s ON s.id = r.scenario_id "
                       "WHERE s.key = 'negotiation'").fetchone()[0] == ratings_before
    # rating an archived scenario is refused like an unknown one
    code = main(["--db", db, "log-evidence", "--quote", "x", "--observed", "2025-11-25",
                 "--rate", "negotiation=C", "--rate", "escalation=N", "--rate", "status_quo=N"])
    assert code == 2
    capsys.readouterr()


def test_the_seed_carries_its_question_and_window(case, capsys):
    con = sqlite3.connect(case)
    question, opened, horizon = con.execute("SELECT question, opened_at, horizon FROM situation").fetchone()
    assert (opened, horizon) == ("2025-11-24", "2026-02-22")
    assert "24 Nov 2025 to 22 Feb 2026" in question and question.endswith("?")
