"""The command line through a subprocess, as a user or a script would run it."""

from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import SEED_BUNDLE

SCORES = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
REL = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
CRED = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}
RELEVANCE = {"high": 1.0, "medium": 0.7, "low": 0.4}


def run(*args: str, env: dict | None = None, check_clean: bool = True) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, env=full_env,
                          timeout=120)
    if check_clean:
        assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def design_probabilities(bundle: dict, as_of: str | None = None) -> dict[str, float]:
    """Design section 4, written out longhand from the bundle file (independent of desktop.domain): as of a
    date, the items reported by then count; an item's reported date is the file's, else its source's
    publication date, else its own day, never before that day."""
    reliability = {s["key"]: s["reliability"] for s in bundle["sources"]}
    published = {s["key"]: s.get("published_at") for s in bundle["sources"]}
    groups: dict[str, list] = defaultdict(list)
    for i, e in enumerate(bundle["evidence"]):
        reported = e.get("reported_at") or max(e["observed_at"], published.get(e.get("source")) or e["observed_at"])
        if as_of and reported > as_of:
            continue
        w = (REL[reliability[e["source"]]] if e.get("source") else 0.5) * CRED[e["credibility"]] * \
            RELEVANCE[e["relevance"]]
        groups[e.get("group") or f"item-{i}"].append((w, e["ratings"]))
    log_p = {}
    for s in bundle["scenarios"]:
        total = 0.0
        for members in groups.values():
            terms = [w * SCORES[r[s["key"]]] for w, r in members if r[s["key"]] != "NA"]
            total += sum(terms) / len(terms) if terms else 0.0
        log_p[s["key"]] = math.log(s["prior"]) + total * math.log(2)
    top = max(log_p.values())
    z = sum(math.exp(v - top) for v in log_p.values())
    return {k: math.exp(v - top) / z for k, v in log_p.items()}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_likelihoods_json_on_a_new_database(db_path):
    proc = run("--db", str(db_path), "likelihoods", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["as_of"] is None and isinstance(doc["situation_id"], int)
    got = {s["key"]: s for s in doc["scenarios"]}
    assert set(got) == {"negotiation", "escalation", "status_quo"}
    assert sum(s["probability"] for s in got.values()) == pytest.approx(1.0, abs=1e-5)
    expected = design_probabilities(json.loads(SEED_BUNDLE.read_text(encoding="utf-8")))
    for key, p in expected.items():
        assert got[key]["probability"] == pytest.approx(p, abs=1e-6)
        assert isinstance(got[key]["words"], str) and got[key]["words"]
        assert 0 < len(got[key]["impacts"]) <= 10
        impacts = [abs(i["impact"]) for i in got[key]["impacts"]]
        assert impacts == sorted(impacts, reverse=True)
        assert {"inconsistency", "weighted_inconsistency", "name"} <= set(got[key])


def test_likelihoods_as_of_counts_only_earlier_evidence(db_path):
    proc = run("--db", str(db_path), "likelihoods", "--as-of", "2025-10-15", "--json")
    doc = json.loads(proc.stdout)
    assert doc["as_of"] == "2025-10-15"
    expected = design_probabilities(json.loads(SEED_BUNDLE.read_text(encoding="utf-8")), "2025-10-15")
    for s in doc["scenarios"]:
        assert s["probability"] == pytest.approx(expected[s["key"]], abs=1e-6)


def test_likelihoods_text_and_no_qt_import(db_path):
    proc = run("--db", str(db_path), "likelihoods")
    assert proc.returncode == 0 and "Military escalation" in proc.stdout and "%" in proc.stdout
    code = ("import sys; from desktop.cli import main; rc = main(['--db', sys.argv[1], 'likelihoods', '--json']);"
            "qt = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))];"
            "sys.stderr.write(repr(qt)); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == "[]"


def test_import_bundle_json_shape_and_export_round_trip(db_path, tmp_path):
    proc = run("--db", str(db_path), "import-bundle", str(SEED_BUNDLE), "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    raw = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    assert doc == {"situation_id": 2, "scenarios": 3, "sources": len(raw["sources"]),
                   "evidence": len(raw["evidence"]), "indicators": len(raw["indicators"]),
                   "observations": sum(len(i["observations"]) for i in raw["indicators"]), "judgements": 0,
                   "ungrouped_proposals": []}     # the seed groups every fact it repeats (issue 12 §1)
    out = tmp_path / "out.signpost.json"
    proc = run("--db", str(db_path), "export-bundle", "--situation", "2", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["situation"] == raw["situation"]
    assert [e["quote"] for e in exported["evidence"]] == [e["quote"] for e in raw["evidence"]]
    assert [e["ratings"] for e in exported["evidence"]] == [e["ratings"] for e in raw["evidence"]]
    assert [s["text"] for s in exported["sources"]] == [s["text"] for s in raw["sources"]]
    # and the export imports again to the same probabilities
    proc = run("--db", str(db_path), "import-bundle", str(out), "--json")
    again = json.loads(proc.stdout)["situation_id"]
    p2 = json.loads(run("--db", str(db_path), "likelihoods", "--situation", "2", "--json").stdout)
    p3 = json.loads(run("--db", str(db_path), "likelihoods", "--situation", str(again), "--json").stdout)
    assert [s["probability"] for s in p2["scenarios"]] == [s["probability"] for s in p3["scenarios"]]


def _write(tmp_path: Path, doc) -> Path:
    path = tmp_path / "bad.signpost.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def _seed() -> dict:
    return json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))


def _bad_prior():
    d = _seed(); d["scenarios"][0]["prior"] = 1.3; return d            # noqa: E702


def _bad_rating():
    d = _seed(); d["evidence"][4]["ratings"]["escalation"] = "VC"; return d  # noqa: E702


def _dangling_source():
    d = _seed(); d["evidence"][2]["source"] = "s99"; return d          # noqa: E702


def _impossible_date():
    d = _seed(); d["evidence"][1]["observed_at"] = "2025-11-31"; return d  # noqa: E702


def _empty_quote():
    d = _seed(); d["evidence"][3]["quote"] = ""; return d              # noqa: E702


def _unknown_key():
    d = _seed(); d["indicators"][0]["colour"] = "red"; return d        # noqa: E702


def _future():
    d = _seed(); d["version"] = 3; return d                            # noqa: E702


@pytest.mark.parametrize("make, needle", [
    (lambda: SEED_BUNDLE.read_text(encoding="utf-8")[:5000], "not valid JSON at line"),
    (lambda: "{\"format\": \"signpost-bundle\",, }", "not valid JSON at line 1"),
    (_unknown_key, "indicators[0] (troops_deployed): unknown key 'colour'"),
    (_bad_prior, "scenarios[0] (negotiation).prior: 1.3 is outside (0, 1]"),
    (_bad_rating, "evidence[4] (e5).ratings.escalation: unknown rating 'VC'"),
    (_dangling_source, "evidence[2] (e3).source: no source with key 's99'"),
    (_impossible_date, "evidence[1] (e2).observed_at: '2025-11-31' is not a valid ISO 8601 date"),
    (_empty_quote, "evidence[3] (e4).quote: the quote is empty"),
    (_future, "bundle.version: version 3 is newer than this Signpost understands"),
])
def test_bad_bundles_exit_2_with_one_line_and_change_nothing(make, needle, db_path, tmp_path):
    assert run("--db", str(db_path), "likelihoods").returncode == 0  # creates and seeds
    before = _digest(db_path)
    path = _write(tmp_path, make())
    proc = run("--db", str(db_path), "import-bundle", str(path))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and str(path) in lines[0], proc.stderr
    assert proc.stdout == ""
    assert _digest(db_path) == before


def test_bad_bundle_on_a_new_path_creates_no_database(tmp_path):
    path = _write(tmp_path, "not json")
    db = tmp_path / "never.db"
    proc = run("--db", str(db), "import-bundle", str(path))
    assert proc.returncode == 2 and not db.exists()


@pytest.mark.parametrize("args, needle", [
    (["likelihoods", "--as-of", "2025-13-01"], "'2025-13-01' is not a valid date"),
    (["likelihoods", "--situation", "42"], "no situation with id 42"),
    (["import-bundle", "/no/such/file.json"], "/no/such/file.json: no such file"),
])
def test_other_bad_input_exits_2(args, needle, db_path):
    proc = run("--db", str(db_path), *args)
    assert proc.returncode == 2 and needle in proc.stderr


def test_binary_bundle_is_refused(db_path, tmp_path):
    path = tmp_path / "binary.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    proc = run("--db", str(db_path), "import-bundle", str(path))
    assert proc.returncode == 2 and "not UTF-8 text" in proc.stderr


def test_broken_database_exits_1_with_its_name(tmp_path):
    bad = tmp_path / "broken.db"
    bad.write_bytes(b"\x00garbage" * 512)
    proc = run("--db", str(bad), "likelihoods")
    assert proc.returncode == 1
    assert "broken.db: not a usable Signpost database" in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_signpost_db_environment_variable(tmp_path):
    db = tmp_path / "from-env.db"
    proc = run("likelihoods", "--json", env={"SIGNPOST_DB": str(db)})
    assert proc.returncode == 0 and db.exists()


def test_indicators_json(db_path):
    doc = json.loads(run("--db", str(db_path), "indicators", "--json").stdout)
    troops = next(i for i in doc["indicators"] if i["key"] == "troops_deployed")
    assert {k: troops["latest"][k] for k in ("at", "value")} == {"at": "2025-11-24", "value": 15000}
    assert troops["status"] == "amber" and troops["latest"]["qualifier"] == "approximately"
    killed = next(i for i in doc["indicators"] if i["key"] == "people_killed")
    assert killed["latest"]["value"] >= 83 and killed["status"] == "red"


@pytest.mark.parametrize("view", ["dashboard", "evidence", "indicators"])
def test_snapshot_writes_a_png(view, db_path, tmp_path):
    out = tmp_path / f"{view}.png"
    proc = run("--db", str(db_path), "snapshot", "--out", str(out), "--view", view, "--size", "1200x800")
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 800)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_snapshot_in_a_theme(theme, db_path, tmp_path):
    from PySide6.QtGui import QImage

    from desktop.ui.common.theme import relative_luminance

    out = tmp_path / f"matrix-{theme}.png"
    proc = run("--db", str(db_path), "snapshot", "--out", str(out), "--view", "matrix", "--size", "1280x720",
               "--theme", theme)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    window = relative_luminance(image.pixelColor(4, 715))      # the status bar, on the window's background
    assert window < 0.05 if theme == "dark" else window > 0.7


def test_gui_without_a_display_prints_likelihoods_and_a_snapshot(db_path, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    proc = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db_path)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "No display found" in proc.stdout and "Military escalation" in proc.stdout
    shot = tmp_path / "cache" / "signpost" / "snapshot.png"
    assert f"A snapshot of the window is in {shot}" in proc.stdout
    assert shot.read_bytes()[:4] == b"\x89PNG"


def test_log_evidence_from_the_terminal(db_path):
    proc = run("--db", str(db_path), "log-evidence", "--quote",
               "Caine is also scheduled to travel to Trinidad and Tobago", "--source", "s1", "--credibility", "2",
               "--relevance", "low", "--rate", "escalation=C", "--rate", "negotiation=n", "--tag", "military",
               "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["situation_id"] == 1 and doc["evidence"].startswith("e")
    exported = db_path.parent / "x.json"
    run("--db", str(db_path), "export-bundle", "--out", str(exported))
    item = next(e for e in json.loads(exported.read_text(encoding="utf-8"))["evidence"] if e["key"] == doc["evidence"])
    assert item["ratings"] == {"escalation": "C", "negotiation": "N"} and item["observed_at"] == "2025-11-24"
    assert item["credibility"] == 2 and item["tags"] == ["military"] and item["start"] > 0


@pytest.mark.parametrize("args, needle", [
    (["--quote", "not in the article at all", "--source", "s1", "--rate", "escalation=C"], "quote: This quote is not"),
    (["--quote", "  ", "--rate", "escalation=C", "--paraphrase"], "quote: The quote is empty"),
    (["--quote", "x", "--paraphrase", "--rate", "escalation=ZZ"], "Unknown rating 'ZZ'"),
    (["--quote", "x", "--paraphrase", "--rate", "escalation"], "is not KEY=RATING"),
    (["--quote", "x", "--paraphrase", "--rate", "escalation=C", "--observed", "2999-01-01"], "is after today"),
    (["--quote", "x", "--source", "s99", "--rate", "escalation=C"], "no source 's99'"),
])
def test_log_evidence_bad_input_exits_2_and_writes_nothing(args, needle, db_path):
    assert run("--db", str(db_path), "likelihoods").returncode == 0
    before = _digest(db_path)
    proc = run("--db", str(db_path), "log-evidence", *args)
    assert proc.returncode == 2 and needle in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert _digest(db_path) == before


def test_import_article_json_shape_and_refusals(db_path, tmp_path):
    data = Path(__file__).resolve().parents[1] / "data" / "articles"
    proc = run("--db", str(db_path), "import-article", str(data / "37-upi-feb9-strike-38-strikes-130-killed.html"),
               "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["situation_id"] == 1 and doc["source"].startswith("s")
    s = doc["suggestions"]
    assert set(s) == {"evidence", "quantities", "dates", "attributions"}
    assert {"quote", "start", "end"} <= set(s["evidence"][0])
    killed = next(q for q in s["quantities"] if q["value"] == 130)
    assert killed == {**killed, "text": "At least 130 people", "unit": "people", "qualifier": "at least",
                      "indicator": "people_killed"}
    assert any(d["date"] == "2026-02-09" and "9 February 2026" in d["text"] for d in s["dates"])
    assert any(a["who"] == "US Southern Command" for a in s["attributions"])
    again = run("--db", str(db_path), "import-article", str(data / "37-upi-feb9-strike-38-strikes-130-killed.html"),
                check_clean=False)
    assert again.returncode == 2 and f"already source {doc['source']}" in again.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    bad = run("--db", str(db_path), "import-article", str(empty), check_clean=False)
    assert bad.returncode == 2 and "empty.txt: the file is empty" in bad.stderr


def test_observe_records_a_figure_and_says_when_it_crosses(db_path):
    proc = run("--db", str(db_path), "observe", "troops_deployed", "21,000", "--at", "2025-11-28",
               "--evidence", "e1", "--qualifier", "at least", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["indicator"] == "troops_deployed" and doc["status"] == "red" and doc["crossed"] is True
    listed = json.loads(run("--db", str(db_path), "indicators", "--json").stdout)
    troops = next(i for i in listed["indicators"] if i["key"] == "troops_deployed")
    assert troops["latest"] == {"at": "2025-11-28", "value": 21000, "qualifier": "at least"}
    assert troops["status"] == "red"


def test_observe_refuses_bad_input_with_exit_2(db_path):
    for args, expected in ((("no_such", "3", "--at", "2025-11-28"), "no indicator 'no_such'"),
                           (("troops_deployed", "many", "--at", "2025-11-28"), "'many' is not a number"),
                           (("troops_deployed", "3", "--at", "2999-01-01"), "after today")):
        proc = run("--db", str(db_path), "observe", *args)
        assert proc.returncode == 2 and expected in proc.stderr, proc.stderr


def test_observations_csv_in_and_out(db_path, tmp_path):
    good = tmp_path / "boats.csv"
    good.write_text("2025-11-26,22,AP\n2025-11-29,24\n", encoding="utf-8")
    proc = run("--db", str(db_path), "import-observations", "vessels_destroyed", str(good), "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["observations"] == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("2025-11-30,25\nyesterday,26\n", encoding="utf-8")
    proc = run("--db", str(db_path), "import-observations", "vessels_destroyed", str(bad))
    assert proc.returncode == 2 and "line 2: date 'yesterday'" in proc.stderr
    out = tmp_path / "out.csv"
    assert run("--db", str(db_path), "export-observations", "vessels_destroyed", "--out", str(out)).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "2025-11-26,22,,,AP" in lines and "2025-11-29,24,,," in lines
    assert not any(line.startswith("2025-11-30") for line in lines)     # the bad file added nothing
