"""`signpost compare` and `likelihoods`' ach_leader on the seed and on a built case (design section 4 and 5)."""

from __future__ import annotations

import json
import math

import pytest

from desktop.cli import main
from tests.cli.test_cli import design_probabilities
from tests.conftest import SEED_BUNDLE


def _json(capsys, *args) -> dict:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("start,end", [("2025-09-01", "2025-11-24"), ("2025-11-01", "2025-11-24"),
                                       ("2025-11-16", "2025-11-20"), ("2025-10-15", "2026-02-01")])
def test_compare_json_adds_every_item_between_in_turn_and_sums_to_the_change(case, capsys, start, end):
    doc = _json(capsys, "--db", str(case), "compare", "--from", start, "--to", end, "--json")
    bundle = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    assert (doc["from"], doc["to"], isinstance(doc["situation_id"], int)) == (start, end, True)
    # independent of desktop.domain: the longhand of design section 4 over growing prefixes of the bundle,
    # the items between in order of reported date, then the order they were logged (the bundle's order on import)
    published = {src["key"]: src.get("published_at") for src in bundle["sources"]}

    def reported(e):   # design section 4: the file's, else the source's publication date, never before its day
        return e.get("reported_at") or max(e["observed_at"], published.get(e.get("source")) or e["observed_at"])

    between = sorted((e for e in bundle["evidence"] if start < reported(e) <= end), key=reported)
    known = [e for e in bundle["evidence"] if reported(e) <= start]
    steps = [design_probabilities({**bundle, "evidence": known})]
    for e in between:
        known.append(e)
        steps.append(design_probabilities({**bundle, "evidence": known}))
    for s in doc["scenarios"]:
        k = s["key"]
        assert [c["evidence"] for c in s["contributions"]] == [e["key"] for e in between]
        assert s["from"] == pytest.approx(design_probabilities(bundle, start)[k], abs=1e-12)
        assert s["to"] == pytest.approx(design_probabilities(bundle, end)[k], abs=1e-12)
        expected = [b[k] - a[k] for a, b in zip(steps, steps[1:])]
        assert [c["change"] for c in s["contributions"]] == pytest.approx(expected, abs=1e-12)
        assert math.fsum(c["change"] for c in s["contributions"]) == pytest.approx(s["change"], abs=1e-12)
        assert s["change"] == pytest.approx(s["to"] - s["from"], abs=1e-15)


def test_compare_text_shows_the_top_items_and_the_sum(case, capsys):
    assert main(["--db", str(case), "compare", "--from", "2025-11-01", "--to", "2025-11-24"]) == 0
    out = capsys.readouterr().out
    doc = _json(capsys, "--db", str(case), "compare", "--from", "2025-11-01", "--to", "2025-11-24", "--json")
    n = len(doc["scenarios"][0]["contributions"])
    assert f"{n} evidence items arrived in between" in out
    for s in doc["scenarios"]:
        assert f"sum of {n} contributions: {s['change'] * 100:+.2f} pts" in out
        top = max(s["contributions"], key=lambda c: abs(c["change"]))
        assert f"{top['evidence']:<8} {top['change'] * 100:+7.2f} pts" in out


def test_compare_refuses_dates_in_the_wrong_order(case, capsys):
    assert main(["--db", str(case), "compare", "--from", "2025-11-24", "--to", "2025-11-01"]) == 2
    assert "--to 2025-11-01 must be after --from 2025-11-24" in capsys.readouterr().err


def _bundle(tmp_path) -> str:
    """a: one CC and one I (plain ACH -1, +1 step for the model); b: nothing either way (ACH 0)."""
    evidence = [{"key": f"e{i}", "source": "s1", "quote": f"q{i}", "summary": "", "observed_at": f"2025-01-0{i}",
                 "credibility": 1, "relevance": "high", "group": None, "tags": [], "ratings": r}
                for i, r in ((1, {"a": "CC", "b": "N"}), (2, {"a": "I", "b": "N"}))]
    bundle = {"format": "signpost-bundle", "version": 1, "situation": {"title": "ACH vs Bayes", "description": ""},
              "scenarios": [{"key": "a", "name": "Alpha", "description": "", "prior": 0.5},
                            {"key": "b", "name": "Beta", "description": "", "prior": 0.5}],
              "sources": [{"key": "s1", "title": "t", "outlet": "o", "url": None, "published_at": "2025-01-01",
                           "reliability": "A", "text": "q1 q2"}],
              "evidence": evidence, "indicators": [], "judgements": []}
    path = tmp_path / "ach.signpost.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return str(path)


def test_likelihoods_gives_ach_leader_and_says_why_when_it_differs(case, capsys, tmp_path):
    seed = _json(capsys, "--db", str(case), "likelihoods", "--json")
    plain = {s["key"]: s["inconsistency"] for s in seed["scenarios"]}
    weighted = {s["key"]: s["weighted_inconsistency"] for s in seed["scenarios"]}
    best = [k for k in plain if plain[k] == max(plain.values())]
    best = [k for k in best if weighted[k] == max(weighted[j] for j in best)]
    assert seed["ach_leader"] == (best[0] if len(best) == 1 else None)
    sid = _json(capsys, "--db", str(case), "import-bundle", _bundle(tmp_path), "--json")["situation_id"]
    doc = _json(capsys, "--db", str(case), "likelihoods", "--situation", str(sid), "--json")
    assert doc["ach_leader"] == "b"
    assert max(doc["scenarios"], key=lambda s: s["probability"])["key"] == "a"
    assert main(["--db", str(case), "likelihoods", "--situation", str(sid)]) == 0
    out = capsys.readouterr().out
    assert "note: ACH ranks Beta first" in out and "the model gives Alpha 67%" in out
    assert "ACH counts only the evidence against each scenario" in out
