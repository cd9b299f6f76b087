"""Issue 12 §3: each prior carries its rationale (base rate, reference class), kept with the
situation, carried by bundles, and shown where the prior is shown; design §5's priors rule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.bundle import BundleError, parse_bundle
from desktop.services.likelihoods import scenario_cards
from desktop.services.bundles import export_bundle_file, import_bundle
from desktop.store.engine import open_database, resolve_location

SEED = Path(__file__).resolve().parents[2] / "data" / "cases" / "us-venezuela-2025-11.signpost.json"


def _seed() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8"))


def test_the_seed_gives_every_prior_a_rationale():
    for scenario in _seed()["scenarios"]:
        assert len(scenario.get("prior_rationale", "").split()) >= 15, scenario["key"]


def test_a_rationale_survives_the_database_and_a_bundle_round_trip(tmp_path):
    data = _seed()
    data["scenarios"][0]["prior_rationale"] = "Base rate: 3 of 10 comparable stand-offs ended in a deal."
    db = open_database(resolve_location(str(tmp_path / "a.db")))
    try:
        situation_id = import_bundle(db, parse_bundle(data, today=date(2026, 1, 1))).situation_id
        cards = {c.key: c for c in scenario_cards(db, situation_id)}
        assert cards["negotiation"].prior_rationale == "Base rate: 3 of 10 comparable stand-offs ended in a deal."
        assert cards["escalation"].prior_rationale == data["scenarios"][1]["prior_rationale"]
        exported = json.loads(export_bundle_file(db, situation_id, tmp_path / "out.signpost.json").read_text("utf-8"))
    finally:
        db.close()
    assert [s.get("prior_rationale") for s in exported["scenarios"]] == \
        [s.get("prior_rationale") for s in data["scenarios"]]


def test_a_scenario_without_a_rationale_writes_no_key():
    data = _seed()
    del data["scenarios"][2]["prior_rationale"]
    bundle = parse_bundle(data, today=date(2026, 1, 1))
    assert bundle.scenarios[2].prior_rationale == ""


def test_priors_off_by_rounding_are_normalised_and_a_slip_is_refused():
    data = _seed()
    for scenario in data["scenarios"]:
        scenario["prior"] = 0.3333
    priors = [s.prior for s in parse_bundle(data, today=date(2026, 1, 1)).scenarios]
    assert sum(priors) == pytest.approx(1.0, abs=1e-12) and priors[0] == pytest.approx(1 / 3)
    for scenario, prior in zip(data["scenarios"], (0.3, 0.3, 0.38)):   # sums to 0.98: not rounding
        scenario["prior"] = prior
    with pytest.raises(BundleError, match=r"the priors sum to 0\.98, not 1"):
        parse_bundle(data, today=date(2026, 1, 1))
