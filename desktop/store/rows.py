"""The store's rows as named tuples: what a query returns, field by field, so no caller reads by position.

Plain tuples underneath (cheap to build from a result row, unpackable as before), but each field
has the name of the column it holds.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple


class ScenarioRow(NamedTuple):
    id: int
    key: str
    name: str
    description: str
    prior: float
    colour: str | None
    prior_rationale: str = ""


class RatingRow(NamedTuple):
    evidence_id: int
    scenario_id: int
    value: str


class EvidenceChoiceRow(NamedTuple):
    id: int
    key: str
    quote: str          # its first 80 characters


class EvidenceTableRow(NamedTuple):
    id: int
    key: str
    observed_at: date
    quote: str
    summary: str
    source_title: str | None
    outlet: str | None
    reliability: str | None
    credibility: int
    relevance: str
    group_key: str | None
    tags: list
    source_kind: str | None
    reported_at: date | None = None


class IndicatorRow(NamedTuple):
    id: int
    key: str
    name: str
    unit: str
    kind: str
    warn: float | None
    alert: float | None
    higher_is_worse: bool
    description: str
    trend_days: int


class IndicatorLinkRow(NamedTuple):
    indicator_id: int
    scenario_key: str
    sign: int


class SourceRow(NamedTuple):
    id: int
    key: str
    title: str
    outlet: str | None
    published_at: date | None
    reliability: str


class QuoteSpanRow(NamedTuple):
    evidence_id: int
    key: str
    start: int
    end: int


class IndicatorDefinitionRow(NamedTuple):
    situation_id: int
    archived: bool
    key: str
    name: str
    unit: str
    kind: str
    warn: float | None
    alert: float | None
    higher_is_worse: bool
    description: str
    trend_days: int


class ArchivedIndicatorRow(NamedTuple):
    id: int
    key: str
    name: str


class SourceDetailsRow(NamedTuple):
    situation_id: int
    text: str | None
    language: str | None
    published_at: date | None
    outlet: str | None
    reliability: str
    reliability_note: str | None


class JudgementRow(NamedTuple):
    id: int
    scenario_key: str
    probability: float
    made_at: datetime       # when it was entered
    analyst: str
    rationale: str
    stated_on: date         # the day it speaks for


class ChangeRow(NamedTuple):
    table: str
    row_id: int | None
    detail: dict | None


class ObservationRow(NamedTuple):
    id: int
    indicator_id: int
    observed_at: date
    value: float
    qualifier: str | None
    evidence_id: int | None
    evidence_key: str | None
    note: str | None
    reported_at: date | None = None


class ObservationExportRow(NamedTuple):
    observed_at: date
    value: float
    qualifier: str | None
    evidence_key: str | None
    note: str | None


class EvidenceStateRow(NamedTuple):
    situation_id: int
    observed_at: date
    live: bool


class EvidenceKeyRow(NamedTuple):
    key: str
    quote: str


class MatrixTextRow(NamedTuple):
    id: int
    quote: str
    summary: str
    observed_at: date
    outlet: str | None
    title: str | None
    kind: str | None


class SituationRow(NamedTuple):
    id: int
    title: str


class SituationDetailRow(NamedTuple):
    id: int
    title: str
    description: str


class SourceNameRow(NamedTuple):
    key: str
    title: str


class ComparableSourceRow(NamedTuple):
    id: int
    key: str
    title: str
    outlet: str | None
    language: str | None
    text: str | None
    story: str | None


class SourceTextRow(NamedTuple):
    situation_id: int
    text: str | None


class SourceMatchRow(NamedTuple):
    id: int
    key: str
    title: str
    outlet: str | None
    snippet: str


class FactItemRow(NamedTuple):
    id: int
    key: str
    source_id: int | None
    source_key: str | None
    observed_at: date
    group_key: str | None
