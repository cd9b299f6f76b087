"""Scoring the seeded case once it resolves (design §4 "Scoring"): a case built from the samples.

The seed stops on 24 Nov 2025. Through the services, as an analyst would: two digests from
../shared/samples are imported (31 Dec boat strikes, reported 2 Jan; the strikes on Caracas and Maduro's
capture, 3 Jan), three items are quoted from them and rated, and the analyst enters one round on
10 Dec stated for 1 Dec. The situation resolves as "escalation" on 2026-01-03, opened 2025-11-24.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services import evidence as ev
from desktop.services.articles import import_files
from desktop.services.errors import InputError
from desktop.services.judgements import record_judgement
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.scoring import CannotScore, Resolution, calibration, score_situation
from tests.conftest import ROOT

# copies of ../shared/samples/21 and 29, so the test runs from a clone alone
SAMPLES = ROOT / "tests" / "data" / "articles"
OPENED, RESOLVED = date(2025, 11, 24), date(2026, 1, 3)
KEYS = ("negotiation", "escalation", "status_quo")


def _quote(db, source_id, text, observed, ratings, credibility=2, relevance="high"):
    source_text = (SAMPLES / text[0]).read_text(encoding="utf-8")
    assert text[1] in source_text        # an exact span of the digest, as the source check demands
    return ev.log_evidence(db, 1, EvidenceDraft(quote=text[1], observed_at=observed, ratings=ratings,
                                                source_id=source_id, credibility=credibility, relevance=relevance))


def _build_resolved_case(db):
    boats = import_files(db, 1, [SAMPLES / "21-sunstar-xinhua-dec31-five-boats-115-killed.txt"],
                         published=date(2026, 1, 2), reliability="B").imported[0].source.id
    caracas = import_files(db, 1, [SAMPLES / "29-latinamericareports-maduro-captured-caracas-strikes.txt"],
                           published=date(2026, 1, 3), reliability="C").imported[0].source.id
    _quote(db, caracas, ("29-latinamericareports-maduro-captured-caracas-strikes.txt",
                         "the CIA carried out a drone strike on a port area allegedly used by Venezuelan cartels"),
           date(2025, 12, 27), {"negotiation": "I", "escalation": "CC", "status_quo": "I"})
    _quote(db, boats, ("21-sunstar-xinhua-dec31-five-boats-115-killed.txt",
                       "the Pentagon had sunk 35 alleged drug boats in the Caribbean and eastern Pacific since "
                       "early September, killing at least 115 people"),
           date(2025, 12, 31), {"negotiation": "I", "escalation": "C", "status_quo": "C"})
    _quote(db, caracas, ("29-latinamericareports-maduro-captured-caracas-strikes.txt",
                         "US forces had captured Venezuelan President Nicolás Maduro after a \"large scale strike\" "
                         "on Caracas"),
           date(2026, 1, 3), {"negotiation": "II", "escalation": "CC", "status_quo": "II"}, credibility=1)
    # entered 10 Dec, stated for 1 Dec: scored from 10 Dec only
    record_judgement(db, 1, {"negotiation": 0.2, "escalation": 0.5, "status_quo": 0.3}, "pressure building", "ana",
                     made_at=datetime(2025, 12, 10, 9, 0, tzinfo=timezone.utc), stated_on=date(2025, 12, 1),
                     today=date(2025, 12, 10))


def _brier(p: dict[str, float], happened: str) -> float:
    return sum((p[k] - (1.0 if k == happened else 0.0)) ** 2 for k in p)


def test_score_of_the_resolved_seed_case(seeded):
    _build_resolved_case(seeded)
    report = score_situation(seeded, 1, "escalation", RESOLVED, OPENED, today=date(2026, 2, 1))
    assert report.days == 40                                   # 24 Nov … 2 Jan
    assert report.dates()[0] == OPENED and report.dates()[-1] == date(2026, 1, 2)

    # Independently: the model only moves on days when evidence was reported (design §4: as of D, the items
    # reported by D count), so the probabilities as of any day are those as of the last such day before it
    # (or of the opened date). likelihoods_as_of is asked on those few days only; each day takes its step.
    steps = sorted({OPENED} | {r.reported_at for r in ev.list_evidence(seeded, 1)
                               if OPENED < r.reported_at < RESOLVED})
    # the 27 and 31 Dec events became known with sample 21, published 2 Jan; the capture on 3 Jan itself
    assert steps == [OPENED, date(2026, 1, 2)]
    as_of = {d: {s.key: s.probability for s in likelihoods_as_of(seeded, 1, d).scenarios} for d in steps}

    def known_by(day):
        return as_of[max(s for s in steps if s <= day)]

    daily = [_brier(known_by(OPENED + timedelta(days=i)), "escalation") for i in range(40)]
    assert report.model.brier == pytest.approx(sum(daily) / 40, abs=1e-12)
    # the series row for 31 Dec is what likelihoods --as-of 2025-12-31 says: nothing of late December known yet
    row = report.to_json()["series"][37]
    assert row["date"] == "2025-12-31"
    assert row["probabilities"] == pytest.approx(
        {s.key: s.probability for s in likelihoods_as_of(seeded, 1, date(2025, 12, 31)).scenarios}, abs=1e-12)
    assert row["probabilities"] == pytest.approx(as_of[OPENED], abs=1e-12)
    # the 3 Jan capture is news on the resolution day, not a forecast: it moved nothing that was scored
    assert report.probabilities[-1] == pytest.approx([as_of[date(2026, 1, 2)][k] for k in KEYS], abs=1e-12)

    # uniform over n = 3: (1 − 1/3)² + 2/9 = 2/3 exactly; log ln 3
    n = 3
    assert report.uniform.brier == (1 - 1 / n) ** 2 + (n - 1) / n ** 2
    assert report.uniform.log == pytest.approx(np.log(3), abs=1e-15)
    # priors alone (0.3, 0.2, 0.5) with escalation happening: 0.09 + 0.64 + 0.25 = 0.98; −ln 0.2
    assert report.prior.brier == pytest.approx(0.98, abs=1e-12)
    assert report.prior.log == pytest.approx(-np.log(0.2), abs=1e-12)

    # the analyst's one round covers 10 Dec … 2 Jan = 22 + 2 = 24 days, not 33 (stated 1 Dec):
    # (0.2)² + (0.5 − 1)² + (0.3)² = 0.04 + 0.25 + 0.09 = 0.38 each day
    assert report.analyst.days == 24
    assert report.analyst.brier == pytest.approx(0.38, abs=1e-12)
    assert report.analyst.log == pytest.approx(-np.log(0.5), abs=1e-12)

    doc = json.loads(json.dumps(report.to_json()))
    assert set(doc) >= {"situation_id", "resolved", "resolved_at", "opened_at", "days", "model", "uniform",
                        "prior", "record", "analyst", "series"}
    assert (doc["resolved"], doc["resolved_at"], doc["opened_at"], doc["days"]) == (
        "escalation", "2026-01-03", "2025-11-24", 40)
    assert doc["record"] is None and set(doc["model"]) == {"brier", "log"} and doc["analyst"]["days"] == 24
    assert len(doc["series"]) == 40 and all(abs(sum(r["probabilities"].values()) - 1) < 1e-9 for r in doc["series"])


def test_score_refuses_what_cannot_be_scored(seeded):
    with pytest.raises(CannotScore, match="no day to score.*2025-11-24"):
        score_situation(seeded, 1, "escalation", OPENED, OPENED, today=date(2026, 2, 1))
    with pytest.raises(CannotScore, match="after today"):
        score_situation(seeded, 1, "escalation", RESOLVED, OPENED, today=date(2025, 12, 1))
    with pytest.raises(InputError, match="no scenario 'invasion'"):
        score_situation(seeded, 1, "invasion", RESOLVED, OPENED, today=date(2026, 2, 1))
    with pytest.raises(InputError, match="no situation has the id 99"):
        score_situation(seeded, 99, "escalation", RESOLVED, OPENED, today=date(2026, 2, 1))


def test_calibration_pools_every_scenario_on_every_scored_day(seeded):
    _build_resolved_case(seeded)
    report = calibration(seeded, {1: Resolution("escalation", RESOLVED, OPENED)}, today=date(2026, 2, 1))
    score = score_situation(seeded, 1, "escalation", RESOLVED, OPENED, today=date(2026, 2, 1))
    assert report.situations == 1
    assert sum(b.n for b in report.bins) == 40 * 3              # 40 days x 3 scenarios
    assert sum(b.n for b in report.analyst_bins) == 24 * 3
    # each bin's figures, recomputed from the score's series
    p = score.probabilities
    happened = np.zeros(p.shape)
    happened[:, 1] = 1.0
    for b in report.bins:
        inside = (p >= b.low) & ((p < b.high) if b.high < 1 else (p <= 1.0))
        assert b.n == int(inside.sum())
        if b.n:
            assert b.mean_forecast == pytest.approx(p[inside].mean(), abs=1e-12)
            assert b.observed == pytest.approx(happened[inside].mean(), abs=1e-12)
    # the analyst said 0.2, 0.3 and 0.5 every day: three bins of 24; only the 0.5s (escalation) happened
    filled = {(b.low, b.n, b.observed) for b in report.analyst_bins if b.n}
    assert filled == {(0.2, 24, 0.0), (0.3, 24, 0.0), (0.5, 24, 1.0)}
