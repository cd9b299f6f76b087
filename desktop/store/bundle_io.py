"""A whole situation in and out of the database, on the bulk path.

`write_bundle` inserts an already validated bundle with Core bulk inserts (about
8x the ORM's rate, ../shared/stack.md) inside the caller's transaction, so a
failure anywhere leaves nothing behind. `read_bundle` is its exact inverse.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.domain.bundle import (
    Bundle, BundleEvidence, BundleIndicator, BundleJudgement, BundleObservation, BundleScenario, BundleSource,
    BundleSuggestion, evidence_reported, figure_reported, text_sha256,
)
from desktop.domain.day_rules import default_reported
from desktop.store.bulk import insert_rows
from desktop.store.changelog import log_bulk
from desktop.store.fact_index import index_many
from desktop.store.models import (
    Evidence, Indicator, IndicatorScenario, Judgement, JudgementEvidence, Observation, Rating, Scenario, Situation,
    Source, Suggestion,
)
from desktop.store.types import utc_now


def _ids_by_key(session: Session, model, situation_id: int) -> dict[str, int]:
    return dict(session.execute(select(model.key, model.id).where(model.situation_id == situation_id)).all())


def write_bundle(session: Session, bundle: Bundle, who: str) -> dict:
    """Insert `bundle` as a new situation; returns the counts of design section 5."""
    now = utc_now()
    situation_id = session.execute(insert(Situation).values(
        title=bundle.title, description=bundle.description, question=bundle.question, opened_at=bundle.opened_at,
        horizon=bundle.horizon, created_at=now, updated_at=now
    ).returning(Situation.id)).scalar_one()
    insert_rows(session, Scenario, [
        {"situation_id": situation_id, "key": s.key, "name": s.name, "description": s.description,
         "prior": s.prior, "prior_rationale": s.prior_rationale, "colour": s.colour, "position": i, "resolution": "open", "resolved_at": None,
         "archived_at": now if s.archived else None}
        for i, s in enumerate(bundle.scenarios)
    ])
    scenario_ids = _ids_by_key(session, Scenario, situation_id)
    insert_rows(session, Source, [
        {"situation_id": situation_id, "key": s.key, "title": s.title, "outlet": s.outlet, "author": s.author,
         "url": s.url, "published_at": s.published_at, "reliability": s.reliability,
         "reliability_note": s.reliability_note, "kind": s.kind, "language": s.language, "text": s.text,
         "sha256": text_sha256(s.text) if s.text else None, "imported_at": now, "deleted_at": s.deleted_at,
         "story": s.story}
        for s in bundle.sources
    ])
    source_ids = _ids_by_key(session, Source, situation_id)
    reported = evidence_reported(bundle)
    insert_rows(session, Evidence, [
        {"situation_id": situation_id, "key": e.key, "source_id": source_ids.get(e.source) if e.source else None,
         "quote": e.quote, "quote_start": e.start, "quote_end": e.end, "paraphrase": e.paraphrase,
         "summary": e.summary, "observed_at": e.observed_at, "reported_at": reported[e.key],
         "logged_at": e.logged_at or now,
         "credibility": e.credibility, "relevance": e.relevance, "group_key": e.group, "tags": list(e.tags),
         "deleted_at": e.deleted_at}
        for e in bundle.evidence
    ])
    evidence_ids = _ids_by_key(session, Evidence, situation_id)
    index_many(session, [(evidence_ids[e.key], situation_id, e.quote, e.observed_at)
                         for e in bundle.evidence if e.deleted_at is None])
    insert_rows(session, Rating, [
        {"evidence_id": evidence_ids[e.key], "scenario_id": scenario_ids[scenario], "value": value}
        for e in bundle.evidence for scenario, value in e.ratings.items()
    ])
    insert_rows(session, Indicator, [
        {"situation_id": situation_id, "key": x.key, "name": x.name, "unit": x.unit, "kind": x.kind, "warn": x.warn,
         "alert": x.alert, "higher_is_worse": x.higher_is_worse, "description": x.description,
         "trend_days": x.trend_days, "position": i, "archived_at": x.archived_at}
        for i, x in enumerate(bundle.indicators)
    ])
    indicator_by_key = _ids_by_key(session, Indicator, situation_id)
    indicator_ids = [indicator_by_key[x.key] for x in bundle.indicators]
    insert_rows(session, IndicatorScenario, [
        {"indicator_id": indicator_by_key[x.key], "scenario_id": scenario_ids[s], "sign": sign}
        for x in bundle.indicators for s, sign in x.scenarios.items()
    ])
    insert_rows(session, Observation, [
        {"indicator_id": indicator_by_key[x.key], "observed_at": o.at, "reported_at": figure_reported(o, reported),
         "value": o.value, "qualifier": o.qualifier,
         "evidence_id": evidence_ids[o.evidence] if o.evidence else None, "note": o.note}
        for x in bundle.indicators for o in x.observations
    ])
    figures: dict[int, list[int]] = defaultdict(list)   # indicator id -> its observation ids in the file's order
    for obs_id, ind_id in session.execute(select(Observation.id, Observation.indicator_id)
                                          .where(Observation.indicator_id.in_(indicator_ids))
                                          .order_by(Observation.id)) if indicator_ids else ():
        figures[ind_id].append(obs_id)
    observation_ids = [i for ids in figures.values() for i in ids]
    insert_rows(session, Suggestion, [
        {"source_id": source_ids[s.key], "kind": g.kind, "start": g.start, "end": g.end, "text": g.text,
         "payload": json.dumps(g.payload, ensure_ascii=False), "status": g.status, "decided_at": g.decided_at,
         "evidence_id": evidence_ids[g.evidence] if g.evidence else None,
         "observation_id": figures[indicator_by_key[g.observation[0]]][g.observation[1]] if g.observation else None}
        for s in bundle.sources for g in s.suggestions
    ])
    insert_rows(session, Judgement, [
        {"scenario_id": scenario_ids[j.scenario], "probability": j.probability, "made_at": j.at,
         "stated_on": j.stated_on or j.at.date(), "analyst": j.analyst, "rationale": j.rationale}
        for j in bundle.judgements
    ])
    judgement_ids = list(session.execute(
        select(Judgement.id).where(Judgement.scenario_id.in_(list(scenario_ids.values()))).order_by(Judgement.id)
    ).scalars())
    insert_rows(session, JudgementEvidence, [
        {"judgement_id": jid, "evidence_id": evidence_ids[key]}
        for jid, j in zip(judgement_ids, bundle.judgements) for key in j.basis
    ])
    detail = {"via": "bundle import"}  # one dict for every row: the bulk path encodes it once
    for table, ids in (("situation", [situation_id]), ("scenario", scenario_ids.values()),
                       ("source", source_ids.values()), ("evidence", evidence_ids.values()),
                       ("indicator", indicator_ids), ("observation", observation_ids),
                       ("judgement", judgement_ids)):
        log_bulk(session, who, table, "insert", ids, detail)
    return {
        "situation_id": situation_id, "scenarios": len(scenario_ids), "sources": len(source_ids),
        "evidence": len(evidence_ids), "indicators": len(indicator_ids), "observations": len(observation_ids),
        "judgements": len(judgement_ids),
    }


def _unless_default(item, stored, default):
    """`item` with its reported date only when it is not the default, which the file need not spell out:
    an import derives the same day again, so the round trip is lossless and a hand-written bundle stays short."""
    return item if stored is None or stored == default else replace(item, reported_at=stored)


def read_bundle(session: Session, situation_id: int) -> Bundle:
    """The situation as a bundle: every field the window can change, removed rows with their removal
    time, the suggestions and their decisions, and the evidence each judgement rests on."""
    situation = session.get(Situation, situation_id)
    if situation is None:
        raise LookupError(f"no situation with id {situation_id}")
    scen_rows = session.execute(
        select(Scenario).where(Scenario.situation_id == situation_id).order_by(Scenario.position, Scenario.id)
    ).scalars().all()
    scenario_key = {s.id: s.key for s in scen_rows}
    src_rows = session.execute(
        select(Source).where(Source.situation_id == situation_id).order_by(Source.id)
    ).scalars().all()
    source_key = {s.id: s.key for s in src_rows}
    ev_rows = session.execute(
        select(Evidence).where(Evidence.situation_id == situation_id).order_by(Evidence.id)
    ).scalars().all()
    evidence_key = {e.id: e.key for e in ev_rows}
    published = {s.id: s.published_at for s in src_rows}
    # what is stored; a row written before every path set it (none should be) reads as its default
    evidence_reported_at = {e.key: e.reported_at or default_reported(e.observed_at, published.get(e.source_id))
                            for e in ev_rows}
    ratings: dict[int, dict[str, str]] = defaultdict(dict)
    for ev_id, sc_id, value in session.execute(
        select(Rating.evidence_id, Rating.scenario_id, Rating.value)
        .join(Evidence, Evidence.id == Rating.evidence_id).where(Evidence.situation_id == situation_id)
    ):
        ratings[ev_id][scenario_key[sc_id]] = value
    ind_rows = session.execute(
        select(Indicator).where(Indicator.situation_id == situation_id).order_by(Indicator.position, Indicator.id)
    ).scalars().all()
    links: dict[int, dict[str, int]] = defaultdict(dict)
    observations: dict[int, list[BundleObservation]] = defaultdict(list)
    ind_ids = [x.id for x in ind_rows]
    for ind_id, sc_id, sign in session.execute(
        select(IndicatorScenario.indicator_id, IndicatorScenario.scenario_id, IndicatorScenario.sign)
        .where(IndicatorScenario.indicator_id.in_(ind_ids))
    ):
        links[ind_id][scenario_key[sc_id]] = sign
    figure_at: dict[int, tuple[str, int]] = {}   # observation id -> (indicator key, index in its list)
    indicator_key = {x.id: x.key for x in ind_rows}
    for o in session.execute(
        select(Observation).where(Observation.indicator_id.in_(ind_ids)).order_by(Observation.observed_at,
                                                                                Observation.id)
    ).scalars():
        figure_at[o.id] = (indicator_key[o.indicator_id], len(observations[o.indicator_id]))
        figure = BundleObservation(at=o.observed_at, value=o.value, evidence=evidence_key.get(o.evidence_id),
                                   qualifier=o.qualifier, note=o.note)
        observations[o.indicator_id].append(_unless_default(figure, o.reported_at,
                                                            figure_reported(figure, evidence_reported_at)))
    suggestions: dict[int, list[BundleSuggestion]] = defaultdict(list)
    for g in session.execute(
        select(Suggestion).where(Suggestion.source_id.in_(list(source_key))).order_by(Suggestion.source_id,
                                                                                   Suggestion.id)
    ).scalars():
        suggestions[g.source_id].append(BundleSuggestion(
            g.kind, g.start, g.end, g.text, json.loads(g.payload or "{}"), g.status, g.decided_at,
            evidence_key.get(g.evidence_id), figure_at.get(g.observation_id)))
    basis: dict[int, list[str]] = defaultdict(list)
    judgements = session.execute(
        select(Judgement).where(Judgement.scenario_id.in_(list(scenario_key))).order_by(Judgement.made_at,
                                                                                      Judgement.id)
    ).scalars().all()
    for j_id, ev_id in session.execute(
        select(JudgementEvidence.judgement_id, JudgementEvidence.evidence_id)
        .where(JudgementEvidence.judgement_id.in_([j.id for j in judgements])).order_by(JudgementEvidence.evidence_id)
    ):
        basis[j_id].append(evidence_key[ev_id])
    return Bundle(
        title=situation.title,
        description=situation.description,
        scenarios=tuple(BundleScenario(s.key, s.name, s.description, s.prior, s.colour, s.prior_rationale,
                                       s.archived_at is not None)
                          for s in scen_rows),
        sources=tuple(
            BundleSource(key=s.key, title=s.title, outlet=s.outlet, author=s.author, url=s.url,
                         published_at=s.published_at, reliability=s.reliability,
                         reliability_note=s.reliability_note, kind=s.kind, language=s.language, text=s.text,
                         story=s.story, deleted_at=s.deleted_at, suggestions=tuple(suggestions[s.id]))
            for s in src_rows),
        evidence=tuple(
            _unless_default(BundleEvidence(key=e.key, quote=e.quote, ratings=ratings[e.id], observed_at=e.observed_at,
                           source=source_key.get(e.source_id), summary=e.summary, credibility=e.credibility,
                           relevance=e.relevance, group=e.group_key, tags=tuple(e.tags or ()),
                           start=e.quote_start, end=e.quote_end, paraphrase=e.paraphrase, logged_at=e.logged_at,
                           deleted_at=e.deleted_at),
                            evidence_reported_at[e.key], default_reported(e.observed_at, published.get(e.source_id)))
            for e in ev_rows),
        indicators=tuple(
            BundleIndicator(key=x.key, name=x.name, unit=x.unit, kind=x.kind, warn=x.warn, alert=x.alert,
                            higher_is_worse=x.higher_is_worse, description=x.description, scenarios=links[x.id],
                            observations=tuple(observations[x.id]), trend_days=x.trend_days,
                            archived_at=x.archived_at)
            for x in ind_rows),
        judgements=tuple(
            BundleJudgement(scenario_key[j.scenario_id], j.probability, j.made_at, j.analyst, j.rationale,
                            tuple(basis[j.id]), j.stated_on)
            for j in judgements),
        question=situation.question or "",
        opened_at=situation.opened_at,
        horizon=situation.horizon,
    )
