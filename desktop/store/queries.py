"""Reads that services need, as column tuples (ten times cheaper than ORM objects for tables and charts)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.store.models import (
    AppState, Evidence, Indicator, IndicatorScenario, Rating, Scenario, Situation, Source,
)
from desktop.store.rows import (
    EvidenceChoiceRow, EvidenceTableRow, IndicatorLinkRow, IndicatorRow, JudgementRow, QuoteSpanRow, RatingRow,
    ScenarioRow, SituationDetailRow, SituationRow, SourceNameRow, SourceRow,
)


def situations(session: Session) -> list[SituationRow]:
    return [SituationRow(*r) for r in session.execute(select(Situation.id, Situation.title).order_by(Situation.id))]


def situation(session: Session, situation_id: int) -> SituationDetailRow | None:
    row = session.execute(
        select(Situation.id, Situation.title, Situation.description).where(Situation.id == situation_id)
    ).first()
    return SituationDetailRow(*row) if row else None


def count_situations(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Situation)).scalar_one()


def get_state(session: Session, name: str) -> str | None:
    row = session.get(AppState, name)
    return row.value if row else None


def set_state(session: Session, name: str, value: str) -> None:
    row = session.get(AppState, name)
    if row is None:
        session.add(AppState(name=name, value=value))
    else:
        row.value = value


def scenarios(session: Session, situation_id: int) -> list[ScenarioRow]:
    """The scenarios not archived (the model's, the matrix's, the cards'), in display order."""
    return [ScenarioRow(*r) for r in session.execute(
        select(Scenario.id, Scenario.key, Scenario.name, Scenario.description, Scenario.prior, Scenario.colour,
               Scenario.prior_rationale)
        .where(Scenario.situation_id == situation_id, Scenario.archived_at.is_(None))
        .order_by(Scenario.position, Scenario.id)
    )]


def ratings(session: Session, situation_id: int) -> list[RatingRow]:
    """The ratings of the live evidence of a situation against the scenarios not archived."""
    return [RatingRow(*r) for r in session.execute(
        select(Rating.evidence_id, Rating.scenario_id, Rating.value)
        .join(Evidence, Evidence.id == Rating.evidence_id)
        .join(Scenario, Scenario.id == Rating.scenario_id)
        .where(Evidence.situation_id == situation_id, Evidence.deleted_at.is_(None), Scenario.archived_at.is_(None)))]


def recent_evidence(session: Session, situation_id: int, limit: int) -> list[EvidenceChoiceRow]:
    """The `limit` newest live items (observed, then logged), for pick lists."""
    return [EvidenceChoiceRow(*r) for r in session.execute(
        select(Evidence.id, Evidence.key, func.substr(Evidence.quote, 1, 80))
        .where(Evidence.situation_id == situation_id, Evidence.deleted_at.is_(None))
        .order_by(Evidence.observed_at.desc(), Evidence.id.desc()).limit(limit))]


def group_names(session: Session, situation_id: int) -> list[str]:
    """The groups the live evidence of a situation uses, sorted (one indexed scan, no quotes read)."""
    return list(session.execute(
        select(Evidence.group_key).distinct()
        .where(Evidence.situation_id == situation_id, Evidence.deleted_at.is_(None), Evidence.group_key.is_not(None),
               Evidence.group_key != "")
        .order_by(Evidence.group_key)).scalars())


def evidence_table(session: Session, situation_id: int) -> list[EvidenceTableRow]:
    """Live evidence with its source's title, outlet and grade, newest first."""
    return [EvidenceTableRow(*r) for r in session.execute(
        select(Evidence.id, Evidence.key, Evidence.observed_at, Evidence.quote, Evidence.summary, Source.title,
               Source.outlet, Source.reliability, Evidence.credibility, Evidence.relevance, Evidence.group_key,
               Evidence.tags, Source.kind, Evidence.reported_at)
        .outerjoin(Source, Source.id == Evidence.source_id)
        .where(Evidence.situation_id == situation_id, Evidence.deleted_at.is_(None))
        .order_by(Evidence.observed_at.desc(), Evidence.id.desc())
    )]


def indicators(session: Session, situation_id: int) -> list[IndicatorRow]:
    """The live indicators, in display order."""
    return [IndicatorRow(*r) for r in session.execute(
        select(Indicator.id, Indicator.key, Indicator.name, Indicator.unit, Indicator.kind, Indicator.warn,
               Indicator.alert, Indicator.higher_is_worse, Indicator.description, Indicator.trend_days)
        .where(Indicator.situation_id == situation_id, Indicator.archived_at.is_(None))
        .order_by(Indicator.position, Indicator.id)
    )]


def indicator_links(session: Session, situation_id: int) -> list[IndicatorLinkRow]:
    return [IndicatorLinkRow(*r) for r in session.execute(
        select(IndicatorScenario.indicator_id, Scenario.key, IndicatorScenario.sign)
        .join(Scenario, Scenario.id == IndicatorScenario.scenario_id)
        .where(Scenario.situation_id == situation_id, Scenario.archived_at.is_(None))
    )]




def ratings_of(session: Session, evidence_id: int) -> list[RatingRow]:
    """Against the scenarios not archived (an archived one's ratings stay, unseen)."""
    return [RatingRow(*r) for r in session.execute(
        select(Rating.evidence_id, Rating.scenario_id, Rating.value)
        .join(Scenario, Scenario.id == Rating.scenario_id)
        .where(Rating.evidence_id == evidence_id, Scenario.archived_at.is_(None)))]


def sources(session: Session, situation_id: int) -> list[SourceRow]:
    """The live sources, newest first."""
    return [SourceRow(*r) for r in session.execute(
        select(Source.id, Source.key, Source.title, Source.outlet, Source.published_at, Source.reliability)
        .where(Source.situation_id == situation_id, Source.deleted_at.is_(None))
        .order_by(Source.published_at.desc().nulls_last(), Source.id.desc())
    )]


def quote_spans(session: Session, source_id: int) -> list[QuoteSpanRow]:
    """The live evidence quoted from the source with known offsets."""
    return [QuoteSpanRow(*r) for r in session.execute(
        select(Evidence.id, Evidence.key, Evidence.quote_start, Evidence.quote_end)
        .where(Evidence.source_id == source_id, Evidence.deleted_at.is_(None), Evidence.quote_start.is_not(None))
        .order_by(Evidence.quote_start)
    )]


def source_with_digest(session: Session, situation_id: int, digest: str) -> SourceNameRow | None:
    row = session.execute(select(Source.key, Source.title).where(
        Source.situation_id == situation_id, Source.sha256 == digest)).first()
    return SourceNameRow(*row) if row else None


def judgements(session: Session, situation_id: int) -> list[JudgementRow]:
    """Oldest entered first."""
    from desktop.store.models import Judgement

    return [JudgementRow(*r) for r in session.execute(
        select(Judgement.id, Scenario.key, Judgement.probability, Judgement.made_at, Judgement.analyst,
               Judgement.rationale, Judgement.stated_on)
        .join(Scenario, Scenario.id == Judgement.scenario_id)
        .where(Scenario.situation_id == situation_id)
        .order_by(Judgement.made_at, Scenario.position)
    )]


def judgement_basis(session: Session, judgement_ids: list[int]) -> dict[int, list[str]]:
    from desktop.store.models import JudgementEvidence

    out: dict[int, list[str]] = {}
    for jid, key in session.execute(
        select(JudgementEvidence.judgement_id, Evidence.key)
        .join(Evidence, Evidence.id == JudgementEvidence.evidence_id)
        .where(JudgementEvidence.judgement_id.in_(judgement_ids)).order_by(Evidence.id)
    ):
        out.setdefault(jid, []).append(key)
    return out


def quotes(session: Session, ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        chunk = ids[start:start + 900]
        out.update(session.execute(select(Evidence.id, Evidence.quote).where(Evidence.id.in_(chunk))).all())
    return out


def evidence_keys(session: Session, ids: list[int]) -> list[str]:
    """Keys of the given evidence ids, in id order."""
    return list(session.execute(select(Evidence.key).where(Evidence.id.in_(ids)).order_by(Evidence.id)).scalars())


def evidence_id_by_key(session: Session, situation_id: int, key: str) -> int | None:
    return session.execute(select(Evidence.id).where(Evidence.situation_id == situation_id,
                                                     Evidence.key == key)).scalar()
