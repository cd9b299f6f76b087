"""Finding evidence: what the Evidence tab shows, in which order, a page at a time.

A query is a frozen EvidenceQuery; `evidence_ids` turns it into the ordered ids of the
situation's live evidence, and `evidence_rows` fetches display rows for any slice of them,
so a screen can hold 100,000 ids and read only the rows it paints. Text search is SQLite
FTS5 (ranked by bm25) with the matched words marked between MARK_START and MARK_END;
on other databases it falls back to a case-insensitive substring match.

Everything here is cheap enough for the GUI thread (bench/bench_evidence_table.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple
from datetime import date

from desktop.domain.grading import RATINGS
from desktop.services.errors import InputError
from desktop.services.evidence import EvidenceRow
from desktop.store import search
from desktop.store.engine import Database

MARK_START = search.MARK_START
MARK_END = search.MARK_END
SORT_KEYS = search.SORT_KEYS   # plus "rating:<scenario key>"
RELIABILITY_CHOICES = ("A", "B", "C", "D", "E", "F", "-")   # "-": items without a source
CREDIBILITY_CHOICES = (1, 2, 3, 4, 5, 6)


@dataclass(frozen=True)
class EvidenceQuery:
    """What to show of a situation's evidence, and in which order. Empty fields filter nothing.

    text: what the user typed; every word must occur in the quote, summary or tags, the last
    one as a prefix while it is being typed. Never a syntax error, whatever it contains.
    tag: exactly this tag. rating: (scenario key, ratings accepted), e.g. ("escalation", ("CC", "C")).
    reliability: source letters A–F, "-" for no source. credibility: 1–6.
    date_from / date_to: observed date, both ends included.
    sort: "date", "quote", "source", "grade", "relevance", "tags", "rating:<scenario key>", or
    "rank" (best match first; the date when there is no text). descending: newest, best,
    highest relevance and most consistent rating first.
    """

    text: str = ""
    tag: str | None = None
    rating: tuple[str, tuple[str, ...]] | None = None
    reliability: tuple[str, ...] = ()
    credibility: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "date"
    descending: bool = True

    @property
    def searching(self) -> bool:
        """True when the text has words to look for (punctuation alone finds everything)."""
        return bool(search.query_terms(self.text)[0])

    @property
    def filtered(self) -> bool:
        """True when the query leaves items out (text, tag, rating, grade or dates)."""
        return self.searching or bool(self.tag or self.rating or self.reliability or self.credibility
                                      or self.date_from or self.date_to)

    def cleared(self) -> EvidenceQuery:
        """No filters, same order (a rank order falls back to newest first)."""
        if self.sort == "rank":
            return EvidenceQuery()
        return EvidenceQuery(sort=self.sort, descending=self.descending)

    def with_(self, **changes) -> EvidenceQuery:
        return replace(self, **changes)


@dataclass(frozen=True)
class EvidenceHit(EvidenceRow):
    """An evidence row as the search shows it: with a text query, quote and summary come again
    with the matched words between MARK_START and MARK_END (None without a text query)."""

    quote_marked: str | None = None
    summary_marked: str | None = None

    @property
    def matched(self) -> bool:
        """True when a matched word shows in the quote or the summary (a tag match shows none)."""
        return any(MARK_START in (m or "") for m in (self.quote_marked, self.summary_marked))


@dataclass(frozen=True)
class SourceMatch:
    id: int
    key: str
    title: str
    outlet: str | None
    snippet: str   # a stretch of the text (or the title) with the matched words marked

    @property
    def label(self) -> str:
        return f"{self.title} — {self.outlet}" if self.outlet else self.title


def marked_segments(marked: str | None) -> list[tuple[str, bool]]:
    """Split a marked string into (text, matched) pieces, for whoever draws it."""
    if not marked:
        return []
    out: list[tuple[str, bool]] = []
    for i, chunk in enumerate(marked.split(MARK_START)):
        if i == 0:
            if chunk:
                out.append((chunk, False))
            continue
        hit, _, rest = chunk.partition(MARK_END)
        if hit:
            out.append((hit, True))
        if rest:
            out.append((rest, False))
    return out


def _check(query: EvidenceQuery) -> None:
    if query.sort not in SORT_KEYS and not query.sort.startswith("rating:"):
        raise InputError(f"sort: unknown column {query.sort!r} (expected one of {', '.join(SORT_KEYS)} "
                         "or rating:<scenario key>)")
    if query.rating is not None:
        if len(query.rating) != 2:
            raise InputError("rating: expected (scenario key, ratings)")
        bad = [v for v in query.rating[1] if v not in RATINGS]
        if bad:
            raise InputError(f"rating: unknown rating {bad[0]!r} (expected one of {', '.join(RATINGS)})")
    bad = [r for r in query.reliability if r not in RELIABILITY_CHOICES]
    if bad:
        raise InputError(f"reliability: unknown grade {bad[0]!r} (expected A–F, or - for no source)")
    bad = [c for c in query.credibility if c not in CREDIBILITY_CHOICES]
    if bad:
        raise InputError(f"credibility: unknown grade {bad[0]!r} (expected 1–6)")


def evidence_ids(db: Database, situation_id: int, query: EvidenceQuery = EvidenceQuery(),
                 limit: int | None = None) -> list[int]:
    """Ids of the situation's live evidence that the query lets through, in its order (the first
    `limit` when given)."""
    _check(query)
    scenario, values = query.rating if query.rating is not None else (None, ())
    with db.reading() as session:
        return search.evidence_ids(
            session, situation_id, text_query=query.text, tag=query.tag or None, rating_scenario=scenario,
            rating_values=tuple(values), reliability=tuple(query.reliability),
            credibility=tuple(query.credibility), date_from=query.date_from, date_to=query.date_to,
            sort=query.sort, descending=query.descending, limit=limit)


def evidence_rows(db: Database, ids: list[int], query: EvidenceQuery = EvidenceQuery()) -> list[EvidenceHit]:
    """Display rows for these ids, in their order; ids deleted since are left out.

    Read one page at a time (a hundred or so ids): one statement per call.
    """
    with db.reading() as session:
        rows = search.evidence_rows(session, ids, query.text)
    return [EvidenceHit(id=r[0], key=r[1], observed_at=r[2], quote=r[3], summary=r[4] or "", source_title=r[5],
                        outlet=r[6], reliability=r[7], credibility=r[8], relevance=r[9], group=r[10], tags=r[11],
                        ratings=r[12], source_kind=r[15], quote_marked=r[13], summary_marked=r[14],
                        reported_at=r[16])
            for r in rows]


def count_evidence(db: Database, situation_id: int) -> int:
    """How many live evidence items the situation has (the M of "N of M items")."""
    with db.reading() as session:
        return search.count_live(session, situation_id)


def search_sources(db: Database, situation_id: int, text: str, limit: int = 20) -> list[SourceMatch]:
    """The situation's live sources whose title, outlet or text match, best first."""
    with db.reading() as session:
        return [SourceMatch(*r) for r in search.source_matches(session, situation_id, text, limit)]


def tags_in_use(db: Database, situation_id: int) -> list[str]:
    """Every tag on the situation's live evidence, sorted (for the tag filter)."""
    with db.reading() as session:
        return search.tags_in_use(session, situation_id)


class DateSpan(NamedTuple):
    first: date | None
    last: date | None


def evidence_date_span(db: Database, situation_id: int) -> DateSpan:
    """The first and last observed dates (defaults for a date-range filter); both None when empty."""
    with db.reading() as session:
        return DateSpan(*search.date_span(session, situation_id))
