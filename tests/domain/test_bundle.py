"""Bundle v1 validation: each kind of bad input names its field and item."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from desktop.domain.bundle import BundleError, bundle_to_dict, parse_bundle, parse_bundle_text

from tests.conftest import SEED_BUNDLE

MINIMAL = {
    "format": "signpost-bundle", "version": 1,
    "situation": {"title": "Test", "description": ""},
    "scenarios": [{"key": "a", "name": "A", "description": "", "prior": 0.6},
                  {"key": "b", "name": "B", "description": "", "prior": 0.4}],
    "sources": [{"key": "s1", "title": "Article", "reliability": "B", "text": "The quick brown fox jumps."}],
    "evidence": [{"key": "e1", "source": "s1", "quote": "brown fox", "observed_at": "2025-11-24",
                  "credibility": 2, "relevance": "high", "ratings": {"a": "C", "b": "I"}}],
    "indicators": [{"key": "x", "name": "X", "unit": "u", "kind": "cumulative",
                    "observations": [{"at": "2025-11-20", "value": 3, "evidence": "e1"}]}],
    "judgements": [{"scenario": "a", "probability": 0.7, "at": "2025-11-24T10:00:00+01:00"}],
}


def _with(path: str, value):
    doc = copy.deepcopy(MINIMAL)
    *parents, last = path.split(".")
    target = doc
    for p in parents:
        target = target[int(p)] if p.isdigit() else target[p]
    if value is _DELETE:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return doc


_DELETE = object()


def test_minimal_bundle_parses_with_offsets_found():
    b = parse_bundle(MINIMAL)
    assert [s.key for s in b.scenarios] == ["a", "b"]
    e = b.evidence[0]
    assert (e.start, e.end) == (10, 19) and MINIMAL["sources"][0]["text"][e.start:e.end] == "brown fox"
    assert b.indicators[0].observations[0].at == date(2025, 11, 20)
    assert b.judgements[0].at.isoformat() == "2025-11-24T09:00:00+00:00"


@pytest.mark.parametrize("doc, message", [
    (_with("scenarios.0.prior", 0), r"scenarios\[0\] \(a\)\.prior: 0\.0 is outside \(0, 1\]"),
    (_with("scenarios.1.prior", 1.5), r"scenarios\[1\] \(b\)\.prior: 1\.5 is outside"),
    (_with("evidence.0.ratings", {"a": "X", "b": "I"}), r"evidence\[0\] \(e1\)\.ratings\.a: unknown rating 'X'"),
    (_with("evidence.0.ratings", {"zz": "C"}), r"evidence\[0\] \(e1\)\.ratings\.zz: no scenario"),
    (_with("evidence.0.source", "s9"), r"evidence\[0\] \(e1\)\.source: no source with key 's9'"),
    (_with("evidence.0.observed_at", "2025-02-30"), r"evidence\[0\] \(e1\)\.observed_at: '2025-02-30' is not a valid"),
    (_with("evidence.0.quote", "   "), r"evidence\[0\] \(e1\)\.quote: the quote is empty"),
    (_with("evidence.0.quote", "red fox"), r"evidence\[0\] \(e1\)\.quote: not found in the text of source 's1'"),
    (_with("evidence.0.credibility", 7), r"evidence\[0\] \(e1\)\.credibility: 7 is not"),
    (_with("evidence.0.relevance", "huge"), r"evidence\[0\] \(e1\)\.relevance: unknown relevance 'huge'"),
    (_with("evidence.0.colour", "red"), r"evidence\[0\] \(e1\): unknown key 'colour'"),
    (_with("surprise", 1), r"bundle: unknown key 'surprise'"),
    (_with("version", 2), r"bundle\.version: version 2 is newer"),
    (_with("format", "other"), r"bundle\.format: expected 'signpost-bundle'"),
    (_with("sources.0.reliability", "G"), r"sources\[0\] \(s1\)\.reliability: unknown grade 'G'"),
    (_with("indicators.0.observations.0.evidence", "e9"), r"indicators\[0\] \(x\)\.observations\[0\]\.evidence"),
    (_with("indicators.0.kind", "weird"), r"indicators\[0\] \(x\)\.kind: unknown kind"),
    (_with("judgements.0.probability", 1.2), r"judgements\[0\]\.probability: 1\.2 is outside"),
    (_with("situation.title", _DELETE), r"situation\.title: missing"),
    (_with("scenarios", []), r"bundle\.scenarios: a situation needs at least one scenario"),
])
def test_bad_bundles_name_field_and_item(doc, message):
    with pytest.raises(BundleError, match=message):
        parse_bundle(doc)


def test_duplicate_keys_and_texts_are_refused():
    doc = copy.deepcopy(MINIMAL)
    doc["evidence"].append(dict(doc["evidence"][0]))
    with pytest.raises(BundleError, match=r"evidence\[1\] \(e1\)\.key: duplicate key 'e1'"):
        parse_bundle(doc)
    doc = copy.deepcopy(MINIMAL)
    doc["sources"].append(dict(doc["sources"][0], key="s2"))
    with pytest.raises(BundleError, match=r"sources\[1\] \(s2\)\.text: same text as sources\[0\] \(s1\)"):
        parse_bundle(doc)


def test_malformed_and_truncated_json():
    text = json.dumps(MINIMAL)
    with pytest.raises(BundleError, match=r"case\.json: not valid JSON at line 1 column \d+"):
        parse_bundle_text(text[: len(text) // 2], origin="case.json")
    with pytest.raises(BundleError, match="bundle: expected an object, found list"):
        parse_bundle_text("[]")


def test_paraphrase_may_differ_from_the_source():
    doc = _with("evidence.0.quote", "a fox jumped")
    doc["evidence"][0]["paraphrase"] = True
    assert parse_bundle(doc).evidence[0].start is None


def test_round_trip_is_lossless_on_the_seed_bundle():
    original = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    once = parse_bundle(original)
    again = parse_bundle(json.loads(json.dumps(bundle_to_dict(once))))
    assert again == once


def test_a_judgement_may_carry_its_stated_date_which_is_not_after_today():
    assert parse_bundle(MINIMAL).judgements[0].stated_on is None          # optional: import uses the day of `at`
    b = parse_bundle(_with("judgements.0.stated_on", "2025-11-20"))
    assert b.judgements[0].stated_on == date(2025, 11, 20)
    assert bundle_to_dict(b)["judgements"][0]["stated_on"] == "2025-11-20"
    assert "stated_on" not in bundle_to_dict(parse_bundle(MINIMAL))["judgements"][0]
    with pytest.raises(BundleError, match=r"judgements\[0\]\.stated_on: 2025-11-25 is after today"):
        parse_bundle(_with("judgements.0.stated_on", "2025-11-25"), today=date(2025, 11, 24))
    with pytest.raises(BundleError, match=r"judgements\[0\]\.stated_on: '24/11/2025' is not a valid ISO 8601 date"):
        parse_bundle(_with("judgements.0.stated_on", "24/11/2025"))


def test_priors_that_do_not_sum_to_one_are_refused_with_their_sum(tmp_path, capsys):
    """Issue 12 §3: 0.9/0.9/0.2 was rescaled to 0.45/0.45/0.1 without a word; now it is refused, naming the sum."""
    from desktop.cli import main

    data = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    assert sum(s["prior"] for s in data["scenarios"]) == pytest.approx(1.0)
    for scenario, prior in zip(data["scenarios"], (0.9, 0.9, 0.2)):
        scenario["prior"] = prior
    with pytest.raises(BundleError, match=r"scenarios\.prior: the priors sum to 2, not 1 \(.*0\.9.*0\.9.*0\.2\)"):
        parse_bundle(data, today=date(2026, 1, 1))
    path = tmp_path / "slip.signpost.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--db", str(tmp_path / "x.db"), "import-bundle", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the priors sum to 2, not 1" in err
