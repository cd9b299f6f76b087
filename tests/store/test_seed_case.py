"""The seeded US–Venezuela case: faithful to its article, complete, and loaded on first open."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import text

from desktop.domain.bundle import parse_bundle
from desktop.domain.grading import RATING_SCORES, RATINGS, evidence_weight

from tests.cli.test_cli import design_probabilities
from tests.conftest import SEED_ARTICLE, SEED_BUNDLE, SHARED

SCENARIOS = {"negotiation", "escalation", "status_quo"}


@pytest.fixture(scope="module")
def raw():
    return json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle(raw):
    return parse_bundle(raw)


def test_source_text_is_the_article_shipped_in_data(bundle):
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    s1 = next(s for s in bundle.sources if s.key == "s1")
    assert s1.text == article
    assert s1.published_at.isoformat() == "2025-11-24"
    assert s1.reliability_note and len(s1.reliability_note.splitlines()) == 1
    shared = SHARED / "seed" / "article-us-venezuela-2025-11.txt"
    if shared.exists():
        assert shared.read_text(encoding="utf-8") == article


def test_three_scenarios_with_priors_summing_to_one(bundle):
    assert {s.key for s in bundle.scenarios} == SCENARIOS
    assert sum(s.prior for s in bundle.scenarios) == pytest.approx(1.0)
    assert all(len(s.description) > 80 for s in bundle.scenarios)


def test_every_quote_is_an_exact_span_of_its_source(bundle):
    texts = {s.key: s.text for s in bundle.sources}
    for e in bundle.evidence:
        assert e.source is not None and not e.paraphrase
        assert texts[e.source][e.start:e.end] == e.quote, e.key


def test_seed_article_items_cover_its_claims(bundle):
    from_article = [e for e in bundle.evidence if e.source == "s1"]
    assert len(from_article) >= 12
    quotes = " ".join(e.quote for e in from_article)
    for claim in ("quite likely", "foreign terrorist organization", "15,000 soldiers", "Trinidad and Tobago",
                  "Thay would like to talk", "covert CIA actions", "two-year timeframe", "six Americans",
                  "repatriation flights", "21 vessels", "83 people", "extrajudicial"):
        assert claim in quotes, claim


def test_dates_are_resolved_from_the_text(bundle):
    by_quote = {e.quote: e for e in bundle.evidence if e.source == "s1"}
    monday = [e for q, e in by_quote.items() if q.startswith("This Monday")]
    assert monday and all(e.observed_at.isoformat() == "2025-11-24" for e in monday)
    eight_days = [e for q, e in by_quote.items() if "It is possible that we are going to talk" in q]
    assert eight_days and all(e.observed_at.isoformat() == "2025-11-16" for e in eight_days)
    grenell = [e for q, e in by_quote.items() if "Grenell" in q]
    assert grenell and all(e.observed_at.year == 2025 and e.observed_at.month <= 3 for e in grenell)


def test_garbled_translation_is_corrected_in_the_summary(bundle):
    item = next(e for e in bundle.evidence if "Venezuelan military actions" in e.quote)
    assert "US" in item.summary and "strike" in item.summary.lower()


def test_every_item_is_rated_against_every_scenario_and_graded(bundle):
    for e in bundle.evidence:
        assert set(e.ratings) == SCENARIOS, e.key
        assert set(e.ratings.values()) <= set(RATINGS)
        assert 1 <= e.credibility <= 6 and e.relevance in {"high", "medium", "low"}
    # Ratings must discriminate somewhere, or the model would sit on the priors.
    assert any(len(set(e.ratings.values())) > 1 for e in bundle.evidence)


def test_groups_join_items_reporting_one_fact(bundle):
    sizes = Counter(e.group for e in bundle.evidence if e.group)
    assert sizes and all(n >= 2 for n in sizes.values())


def test_indicators_with_observations_linked_to_evidence(bundle):
    assert len(bundle.indicators) >= 6
    keys = {e.key for e in bundle.evidence}
    for wanted in ("troops_deployed", "vessels_destroyed", "people_killed", "carriers_in_region",
                   "americans_released", "terrorist_designations", "diplomatic_contacts"):
        ind = next(i for i in bundle.indicators if i.key == wanted)
        assert ind.observations and all(o.evidence in keys for o in ind.observations)
    killed = next(i for i in bundle.indicators if i.key == "people_killed")
    assert len({o.at for o in killed.observations}) >= 5  # a trend leading up to the article


def test_background_sources_are_samples_published_by_the_article_date(bundle):
    index_path = SHARED / "samples" / "index.json"
    if not index_path.exists():
        pytest.skip("../shared/samples is not beside this checkout")
    index = {a["title"]: a for a in json.loads(index_path.read_text(encoding="utf-8"))}
    eligible = {t for t, a in index.items() if a["published"] != "unknown" and a["published"] <= "2025-11-24"}
    background = [s for s in bundle.sources if s.key != "s1"]
    assert {s.title for s in background} == eligible
    for s in background:
        sample = index[s.title]
        assert s.published_at.isoformat() == sample["published"]
        assert s.text == (SHARED / "samples" / f"{sample['slug']}.txt").read_text(encoding="utf-8")


def test_empty_database_is_seeded_once(seeded, db_path):
    from desktop.services.situations import ensure_seeded

    assert ensure_seeded(seeded) is None
    with seeded.reading() as s:
        assert s.execute(text("SELECT count(*) FROM situation")).scalar() == 1
        n_evidence = s.execute(text("SELECT count(*) FROM evidence")).scalar()
        n_ratings = s.execute(text("SELECT count(*) FROM rating")).scalar()
        logged = s.execute(text("SELECT count(*) FROM change_log WHERE table_name='evidence'")).scalar()
    assert n_evidence >= 12 and n_ratings == 3 * n_evidence and logged == n_evidence


# --- the rating guide (docs/rating-guide.md) applied to the seed -------------------------------------

# Build-up and pressure at sea: what the stand-off looks like, what a coercive deal is struck under and what
# strikes on land need (the guide's section on acts): status quo and negotiation are rated alike.
BUILD_UP = ("e6", "e7", "e10", "e26", "e27", "e28", "e31", "e38", "e39", "e45", "e48", "e49", "e51", "e53")
# Statements, leaks, anonymous assessments, plans and offers: cheap to make and to take back.
CHEAP = ("e1", "e2", "e3", "e5", "e9", "e12", "e13", "e18", "e24", "e32", "e33", "e43", "e52")


def _by_key(bundle):
    return {e.key: e for e in bundle.evidence}


def _weight(bundle, item) -> float:
    reliability = {s.key: s.reliability for s in bundle.sources}[item.source]
    return evidence_weight(reliability, item.credibility, item.relevance)


def test_an_unknown_machine_translated_outlet_is_graded_f_or_d(bundle):
    s1 = next(s for s in bundle.sources if s.key == "s1")
    assert "unknown" in s1.outlet.lower()
    assert s1.reliability in ("F", "D")     # Admiralty: F cannot be judged (no track record), D known problems


def test_cheap_signals_never_earn_cc_or_ii(bundle):
    items = _by_key(bundle)
    cheap = set(CHEAP) | {e.key for e in bundle.evidence if "statement" in e.tags}
    for key in cheap:
        assert not {"CC", "II"} & set(items[key].ratings.values()), key


def test_build_up_is_rated_one_way(bundle):
    items = _by_key(bundle)
    for key in BUILD_UP:
        r = {k: RATING_SCORES[v] for k, v in items[key].ratings.items()}
        assert r["status_quo"] == r["negotiation"], key
        assert r["escalation"] >= r["status_quo"], key


def test_a_rejected_offer_does_not_raise_negotiation(raw, bundle):
    """The offer (e13), its rejection (e14) and the channel they went through (e12) are one exchange: one
    group whose mean for negotiation is no higher than for any other scenario, so it cannot raise it."""
    items = _by_key(bundle)
    group = items["e13"].group
    assert group and items["e14"].group == group == items["e12"].group
    members = [e for e in bundle.evidence if e.group == group]
    means = {s: sum(_weight(bundle, e) * RATING_SCORES[e.ratings[s]] for e in members) / len(members)
             for s in SCENARIOS}
    assert means["negotiation"] <= min(means["escalation"], means["status_quo"])
    without = {**raw, "evidence": [e for e in raw["evidence"] if e.get("group") != group]}
    assert design_probabilities(raw)["negotiation"] <= design_probabilities(without)["negotiation"]


def test_covert_authorisation_is_dated_when_it_became_public_and_is_no_operation(bundle):
    e11 = _by_key(bundle)["e11"]
    assert "covert CIA actions" in e11.quote
    assert e11.observed_at.isoformat() == "2025-10-15"      # disclosed by The New York Times on 15 Oct 2025
    assert e11.ratings["escalation"] not in ("CC",)         # an authority to act, not an acknowledged operation


def test_one_channel_is_one_group_and_weakens_once_it_is_ended(bundle):
    items = _by_key(bundle)
    grenell = [items[k] for k in ("e15", "e16", "e17", "e44")]
    assert len({e.group for e in grenell}) == 1 and grenell[0].group
    halted = items["e42"]                                   # Trump ordered the outreach stopped
    assert "stop all diplomatic outreach" in halted.quote
    assert all(e.observed_at <= halted.observed_at for e in grenell)
    assert all(e.relevance == "low" for e in grenell)
    # the halt was itself undone when a channel was reopened (e12, reported after it)
    assert items["e12"].observed_at > halted.observed_at and halted.relevance == "low"


def test_running_totals_never_fall(bundle):
    for ind in bundle.indicators:
        if ind.kind != "cumulative":
            continue
        values = [o.value for o in sorted(ind.observations, key=lambda o: o.at)]    # stable within a day
        assert values == sorted(values), ind.key


def test_an_event_count_counts_one_exchange_once(bundle):
    """Two figures on one day from items of one group (a channel and the offer it carried) are one event."""
    group_of = {e.key: e.group for e in bundle.evidence}
    for ind in bundle.indicators:
        if ind.kind != "events":
            continue
        days = [(o.at, group_of[o.evidence]) for o in ind.observations if o.evidence and group_of[o.evidence]]
        assert len(days) == len(set(days)), ind.key
