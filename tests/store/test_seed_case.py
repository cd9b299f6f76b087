"""The seeded US–Venezuela case: faithful to its article, complete, and loaded on first open."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import text

from desktop.domain.bundle import parse_bundle
from desktop.domain.grading import RATINGS

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
