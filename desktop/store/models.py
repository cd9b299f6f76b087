"""The tables of design section 3, as SQLModel models.

Models do not validate on construction (../shared/stack.md): services validate
first and these check constraints are the last line, not the first.
Every situation-owned row has a `key`, unique within its situation, which bundles,
the command line and reports use; integer ids stay internal.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from desktop.store.types import UTCDateTime, utc_now


def _utc(nullable: bool = False, **kw) -> Column:
    return Column(UTCDateTime(), nullable=nullable, **kw)


def _fk(target: str, nullable: bool = False, ondelete: str = "CASCADE", index: bool = True) -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


class Situation(SQLModel, table=True):
    __tablename__ = "situation"
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str
    description: str = ""
    question: str = ""                   # the one question the scenarios answer
    opened_at: Optional[date] = None     # the window the question is asked over: scoring's first day …
    horizon: Optional[date] = None       # … and the day by which it is settled
    created_at: datetime = Field(default_factory=utc_now, sa_column=_utc())
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_utc())


class Scenario(SQLModel, table=True):
    __tablename__ = "scenario"
    __table_args__ = (
        UniqueConstraint("situation_id", "key"),
        CheckConstraint("prior > 0 AND prior <= 1", name="prior_in_range"),
        CheckConstraint("resolution IN ('open', 'happened', 'did_not_happen')", name="resolution_known"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    situation_id: int = Field(sa_column=_fk("situation.id"))
    key: str
    name: str
    description: str = ""
    prior: float
    prior_rationale: str = ""     # why this prior: base rate, reference class (shown on hover)
    colour: Optional[str] = None
    position: int = 0
    resolution: str = "open"
    resolved_at: Optional[date] = None
    # retired by the analyst: out of the model, the matrix and the cards; its ratings stay
    archived_at: Optional[datetime] = Field(default=None, sa_column=_utc(nullable=True))


class Source(SQLModel, table=True):
    __tablename__ = "source"
    __table_args__ = (
        UniqueConstraint("situation_id", "key"),
        UniqueConstraint("situation_id", "sha256"),
        CheckConstraint("reliability IN ('A', 'B', 'C', 'D', 'E', 'F')", name="reliability_admiralty"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    situation_id: int = Field(sa_column=_fk("situation.id"))
    key: str
    title: str
    outlet: Optional[str] = None
    author: Optional[str] = None
    url: Optional[str] = None
    published_at: Optional[date] = None
    reliability: str = "F"
    reliability_note: Optional[str] = None
    kind: str = "article"
    language: Optional[str] = None
    text: str = ""
    sha256: Optional[str] = None
    story: Optional[str] = None     # sources telling the same story (other outlets, other wording) share it
    imported_at: datetime = Field(default_factory=utc_now, sa_column=_utc())
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_utc(nullable=True))


class Evidence(SQLModel, table=True):
    __tablename__ = "evidence"
    __table_args__ = (
        UniqueConstraint("situation_id", "key"),
        CheckConstraint("length(trim(quote)) > 0", name="quote_not_empty"),
        CheckConstraint("credibility BETWEEN 1 AND 6", name="credibility_admiralty"),
        CheckConstraint("relevance IN ('high', 'medium', 'low')", name="relevance_known"),
        Index("ix_evidence_situation_observed", "situation_id", "observed_at"),
        Index("ix_evidence_live", "situation_id", "observed_at", sqlite_where=text("deleted_at IS NULL"),
              postgresql_where=text("deleted_at IS NULL")),
        # a group's members, a new group's name; partial, so that queries on a situation's items alone keep
        # reading ix_evidence_live (SQLite, without statistics, took this one and read every row for deleted_at)
        Index("ix_evidence_group", "situation_id", "group_key", sqlite_where=text("group_key IS NOT NULL"),
              postgresql_where=text("group_key IS NOT NULL")),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    situation_id: int = Field(sa_column=_fk("situation.id", index=False))
    key: str
    source_id: Optional[int] = Field(default=None, sa_column=_fk("source.id", nullable=True, ondelete="SET NULL"))
    quote: str
    quote_start: Optional[int] = None
    quote_end: Optional[int] = None
    paraphrase: bool = False
    summary: str = ""
    observed_at: date
    # when it became known (design §4): set on every write (never NULL after one), NOT NULL on PostgreSQL;
    # nullable in SQLite's schema only because adding NOT NULL there rebuilds the table and drops its triggers
    reported_at: Optional[date] = None
    logged_at: datetime = Field(default_factory=utc_now, sa_column=_utc())
    credibility: int = 6
    relevance: str = "medium"
    group_key: Optional[str] = None
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_utc(nullable=True))


class Rating(SQLModel, table=True):
    __tablename__ = "rating"
    __table_args__ = (CheckConstraint("value IN ('CC', 'C', 'N', 'I', 'II', 'NA')", name="rating_ach_scale"),)
    evidence_id: int = Field(sa_column=Column(Integer, ForeignKey("evidence.id", ondelete="CASCADE"),
                                              primary_key=True))
    scenario_id: int = Field(sa_column=Column(Integer, ForeignKey("scenario.id", ondelete="CASCADE"),
                                              primary_key=True, index=True))
    value: str


class EvidenceFactToken(SQLModel, table=True):
    """One token of a live item's fact signature (domain/fact_signature: a figure, a day, a name, the quote's
    hash): the index that finds the items reporting the same fact without reading every quote.

    Derived from the evidence row, in the same transaction as every write to it (like the full-text
    tables, it is not in the change log: the evidence row's own change is); a deleted item has none."""

    __tablename__ = "evidence_fact_token"
    __table_args__ = (Index("ix_fact_token_lookup", "situation_id", "token", "evidence_id"),)
    evidence_id: int = Field(sa_column=Column(Integer, ForeignKey("evidence.id", ondelete="CASCADE"),
                                              primary_key=True))
    token: str = Field(sa_column=Column(String, primary_key=True))
    situation_id: int = Field(sa_column=Column(Integer, ForeignKey("situation.id", ondelete="CASCADE"),
                                               nullable=False))


class Indicator(SQLModel, table=True):
    __tablename__ = "indicator"
    __table_args__ = (
        UniqueConstraint("situation_id", "key"),
        CheckConstraint("kind IN ('level', 'cumulative', 'events')", name="kind_known"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    situation_id: int = Field(sa_column=_fk("situation.id"))
    key: str
    name: str
    unit: str = ""
    kind: str = "level"
    warn: Optional[float] = None
    alert: Optional[float] = None
    higher_is_worse: bool = True
    description: str = ""
    trend_days: int = 14
    position: int = 0
    archived_at: Optional[datetime] = Field(default=None, sa_column=_utc(nullable=True))


class IndicatorScenario(SQLModel, table=True):
    """An indicator's link to a scenario: +1 when a rise points toward it, -1 away."""

    __tablename__ = "indicator_scenario"
    __table_args__ = (CheckConstraint("sign IN (-1, 1)", name="sign_unit"),)
    indicator_id: int = Field(sa_column=Column(Integer, ForeignKey("indicator.id", ondelete="CASCADE"),
                                               primary_key=True))
    scenario_id: int = Field(sa_column=Column(Integer, ForeignKey("scenario.id", ondelete="CASCADE"),
                                              primary_key=True))
    sign: int = 1


class Observation(SQLModel, table=True):
    __tablename__ = "observation"
    __table_args__ = (Index("ix_observation_indicator_observed", "indicator_id", "observed_at"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    indicator_id: int = Field(sa_column=_fk("indicator.id", index=False))
    observed_at: date
    reported_at: Optional[date] = None    # when the figure became known; set on every write (see Evidence)
    value: float
    qualifier: Optional[str] = None
    evidence_id: Optional[int] = Field(default=None, sa_column=_fk("evidence.id", nullable=True, ondelete="SET NULL"))
    note: Optional[str] = None


class Suggestion(SQLModel, table=True):
    """What extraction proposed from a source: pending until the analyst accepts or rejects it."""

    __tablename__ = "suggestion"
    __table_args__ = (
        CheckConstraint("kind IN ('evidence', 'quantity')", name="suggestion_kind_known"),
        CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name="suggestion_status_known"),
        Index("ix_suggestion_source", "source_id", "status"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    source_id: int = Field(sa_column=_fk("source.id", index=False))
    kind: str
    start: int
    end: int
    text: str
    payload: str = "{}"            # JSON: date, reasons, who / value, unit, qualifier, indicator, sentence
    status: str = "pending"
    evidence_id: Optional[int] = Field(default=None, sa_column=_fk("evidence.id", nullable=True, ondelete="SET NULL",
                                                                   index=False))
    observation_id: Optional[int] = Field(default=None, sa_column=_fk("observation.id", nullable=True,
                                                                      ondelete="SET NULL", index=False))
    decided_at: Optional[datetime] = Field(default=None, sa_column=_utc(nullable=True))


class Judgement(SQLModel, table=True):
    __tablename__ = "judgement"
    __table_args__ = (CheckConstraint("probability >= 0 AND probability <= 1", name="probability_in_range"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    scenario_id: int = Field(sa_column=_fk("scenario.id"))
    probability: float
    made_at: datetime = Field(default_factory=utc_now, sa_column=_utc())   # entered: what scoring uses
    stated_on: date        # the day the analyst states it for (may be back-dated; charts place it there)
    analyst: str = ""
    rationale: str = ""


class JudgementEvidence(SQLModel, table=True):
    """The evidence logged since the previous judgement, which a judgement says it rests on."""

    __tablename__ = "judgement_evidence"
    judgement_id: int = Field(sa_column=Column(Integer, ForeignKey("judgement.id", ondelete="CASCADE"),
                                               primary_key=True))
    evidence_id: int = Field(sa_column=Column(Integer, ForeignKey("evidence.id", ondelete="CASCADE"),
                                              primary_key=True, index=True))


class ChangeLog(SQLModel, table=True):
    """Every insert, update and delete, with who and when (team mode, audit)."""

    __tablename__ = "change_log"
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, sa_column=_utc())
    who: str = ""
    table_name: str
    row_id: Optional[int] = None
    action: str
    detail: Optional[dict] = Field(default=None, sa_column=Column(JSON, nullable=True))


class AppState(SQLModel, table=True):
    """Small per-database facts the command line needs too (e.g. the situation last opened)."""

    __tablename__ = "app_state"
    name: str = Field(primary_key=True)
    value: str
