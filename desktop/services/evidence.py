"""The evidence log as rows for tables and reports."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from desktop.domain.grading import admiralty_code
from desktop.store import queries
from desktop.store.engine import Database


@dataclass(frozen=True)
class EvidenceRow:
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
    group: str | None
    tags: tuple[str, ...]
    ratings: dict[str, str]   # scenario key -> rating

    @property
    def grade(self) -> str:
        return admiralty_code(self.reliability, self.credibility)

    @property
    def source_label(self) -> str:
        return self.outlet or self.source_title or "(no source)"


def list_evidence(db: Database, situation_id: int) -> list[EvidenceRow]:
    """Live evidence, newest first, each with its rating for every scenario."""
    with db.reading() as session:
        scen = {row[0]: row[1] for row in queries.scenarios(session, situation_id)}
        rates: dict[int, dict[str, str]] = defaultdict(dict)
        for ev_id, sc_id, value in queries.ratings(session, situation_id):
            rates[ev_id][scen[sc_id]] = value
        rows = queries.evidence_table(session, situation_id)
    return [
        EvidenceRow(id=r[0], key=r[1], observed_at=r[2], quote=r[3], summary=r[4], source_title=r[5], outlet=r[6],
                    reliability=r[7], credibility=r[8], relevance=r[9], group=r[10], tags=tuple(r[11] or ()),
                    ratings=dict(rates[r[0]]))
        for r in rows
    ]
