"""Evidence search: ordered, filtered id lists, display rows by id, ranked source matches.

The Evidence tab is a lazy model (desktop/ui/evidence/model.py): it holds the ordered ids of
what a query shows and fetches display rows a page at a time, so these are the only reads it
makes. All of them return column tuples, never ORM objects (../shared/stack.md).

SQLite: full text goes through the external-content FTS5 tables of migration 0002
(`evidence_fts(quote, summary, tags)`, `source_fts(title, outlet, text)`): ranked by bm25,
with the matched words marked between MARK_START and MARK_END.
Any other dialect (PostgreSQL) falls back to ILIKE on the same columns and marks the words in
Python, so nothing breaks there; it is just not ranked.

Plans that matter, measured on 100,000 items (bench/bench_evidence_table.py):
- Walking ix_evidence_situation_observed and then looking each row up for `deleted_at` visits
  the table in date order (random pages): 2-3x slower than one sequential scan and a sort.
  So a situation that holds most of the rows is scanned (`situation_id + 0` hides the index);
  a small situation in a big file, or a short date range, still uses the index.
- With a text query the FTS table must be the outer loop: if the planner starts from the
  evidence index instead (to avoid sorting), it runs one MATCH per row and takes seconds.
  The same `+ 0` leaves it no other way in than by rowid.
- bm25 is paid for every matching row: a word in a few hundred of 100,000 items comes back
  ranked in ~5 ms, a word in 45% of them in ~150 ms (the cost of ranking 45,000 rows).
  A single letter being typed is not searched (it would match 70% of the log).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from sqlalchemy import Integer, String, and_, case, cast, column, exists, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from desktop.store.models import Evidence, Rating, Scenario, Source
from desktop.store.rows import SourceMatchRow

MARK_START = "\x02"   # control characters no quote or source text contains:
MARK_END = "\x03"     # the screens turn them into bold, reports into whatever they like

SORT_KEYS = ("date", "quote", "source", "grade", "relevance", "tags", "rank")  # and "rating:<scenario key>"
RATING_ORDER = ("CC", "C", "N", "NA", "I", "II")   # most to least consistent; unrated last
_RELEVANCE_ORDER = ("high", "medium", "low")
_MAX_TERMS = 16
_MIN_PREFIX = 2

_evidence_fts = table("evidence_fts", column("rowid", Integer))
_source_fts = table("source_fts", column("rowid", Integer))
_EVIDENCE_FTS = literal_column("evidence_fts")
_SOURCE_FTS = literal_column("source_fts")
# Letters and digits in any script; everything else (quotes, brackets, * ^ : - + / …) separates words,
# which is what FTS5's unicode61 tokenizer does too, so a term is always a plain word.
_WORD = re.compile(r"[^\W_]+")


# --- the user's typing as a query ---------------------------------------------------------

def query_terms(typed: str) -> tuple[list[str], bool]:
    """The words of what the user typed, and whether the last one is still being typed.

    The last word counts as a prefix unless the text ends in a separator: "trum" finds
    "Trump" while typing, "trump " means the word itself; a single letter being typed is
    not searched yet.
    """
    words = _WORD.findall(typed or "")
    terms = words[:_MAX_TERMS]
    still_typing = bool(terms) and len(words) <= _MAX_TERMS and bool(_WORD.fullmatch(typed[-1]))
    if still_typing and len(terms[-1]) < _MIN_PREFIX:
        # One letter typed so far: as a prefix it matches most of the log and ranks slowest
        # (bm25 over 70% of 100,000 items), and tells nothing yet. Wait for the second.
        terms, still_typing = terms[:-1], False
    return terms, still_typing


def fts_query(typed: str) -> str | None:
    """A safe FTS5 MATCH expression for what the user typed, or None when there is nothing to find.

    Every word is a quoted string (so AND, OR, NOT, NEAR, column names and every operator
    character are plain text), the words must all occur (implicit AND), and the last one
    is a prefix while it is being typed. User input can never raise an FTS syntax error.
    """
    terms, prefix = query_terms(typed)
    if not terms:
        return None
    quoted = [f'"{t}"' for t in terms]   # _WORD never matches a double quote
    if prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


def _fold(word: str) -> str:
    """Case and diacritics folded as FTS5's `unicode61 remove_diacritics 2` does: "Nicolás" -> "nicolas"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def mark_terms(value: str, typed: str) -> str:
    """`value` with every word that the query `typed` matches between MARK_START and MARK_END.

    Whole words, compared as the FTS tokenizer compares them (case and accents folded), the last
    one as a prefix while it is being typed: what FTS5's highlight() would mark. Done here rather
    than with highlight() because highlight() on a prefix term re-merges every doclist of that
    prefix for each row (2.5 ms a row at 100,000 items, 250 ms for a page); this takes
    microseconds: one regular expression over plain ASCII text, a word-by-word fold otherwise.
    """
    if not value:
        return value
    if MARK_START in value or MARK_END in value:  # stored before control characters were dropped on the way in
        value = value.replace(MARK_START, "").replace(MARK_END, "")
    matcher = _matcher(typed)
    if matcher is None:
        return value
    pattern, whole, stem = matcher
    if value.isascii():
        return pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", value)

    def wrap(m: re.Match) -> str:
        word = m.group(0)
        folded = word.lower() if word.isascii() else _fold(word)
        if folded in whole or (stem is not None and folded.startswith(stem)):
            return f"{MARK_START}{word}{MARK_END}"
        return word

    return _WORD.sub(wrap, value)


@lru_cache(maxsize=64)
def _matcher(typed: str):
    """(pattern for ASCII text, whole words folded, prefix folded or None) for a query, or None."""
    terms, prefix = query_terms(typed)
    if not terms:
        return None
    folded = [_fold(t) for t in terms]
    stem = folded.pop() if prefix else None
    alternatives = [re.escape(w) for w in folded] + ([re.escape(stem) + r"[^\W_]*"] if stem is not None else [])
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)
    return pattern, frozenset(folded), stem


def _like_terms(typed: str) -> list[str]:
    terms, _ = query_terms(typed)
    return ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


# --- the ordered, filtered ids -------------------------------------------------------------

def count_live(session: Session, situation_id: int) -> int:
    """How many live (not soft-deleted) evidence items the situation has."""
    return session.execute(
        select(func.count()).select_from(Evidence)
        .where(_situation_clause(session, situation_id), Evidence.deleted_at.is_(None))
    ).scalar_one()


def _situation_clause(session: Session, situation_id: int, date_from: date | None = None,
                      date_to: date | None = None):
    """`situation_id = ?`, with the index hidden when a scan is cheaper (see the module docstring).

    The index (situation_id, observed_at) pays when it narrows the rows to under a quarter:
    a small situation in a big file, or a short date range. Both are counted on the index
    alone (a few ms at 100,000 items).
    """
    plain = Evidence.situation_id == situation_id
    if not _is_sqlite(session):
        return plain
    mine = session.execute(select(func.count()).select_from(Evidence).where(plain)).scalar_one()
    top = session.execute(select(func.max(Evidence.id))).scalar() or 0
    if mine * 4 < top:
        return plain
    if date_from is not None or date_to is not None:
        in_range = select(func.count()).select_from(Evidence).where(plain)
        if date_from is not None:
            in_range = in_range.where(Evidence.observed_at >= date_from)
        if date_to is not None:
            in_range = in_range.where(Evidence.observed_at <= date_to)
        if session.execute(in_range).scalar_one() * 4 < mine:
            return plain
    return (Evidence.situation_id + 0) == situation_id


def scenario_id(session: Session, situation_id: int, key: str) -> int | None:
    return session.execute(select(Scenario.id).where(Scenario.situation_id == situation_id,
                                                     Scenario.key == key)).scalar()


def _tag_clause(session: Session, tag: str):
    if _is_sqlite(session):
        # instr() on the stored JSON text is a cheap prefilter; json_each() makes it exact.
        return text(
            "(instr(evidence.tags, :tag_ascii) > 0 OR instr(evidence.tags, :tag_utf8) > 0) "
            "AND EXISTS (SELECT 1 FROM json_each(evidence.tags) WHERE json_each.value = :tag)"
        ).bindparams(tag=tag, tag_ascii=json.dumps(tag), tag_utf8=json.dumps(tag, ensure_ascii=False))
    return text("EXISTS (SELECT 1 FROM json_array_elements_text(evidence.tags) AS t(v) WHERE t.v = :tag)"
                ).bindparams(tag=tag)


def _rating_order(value):
    return case({v: i for i, v in enumerate(RATING_ORDER)}, value=value, else_=len(RATING_ORDER))


BROAD_MATCH = 5000  # more hits than this: not ranked (see evidence_ids)


def _match_count(session: Session, match: str) -> int:
    """How many items (of any situation) the FTS expression hits: a cheap scan of the index, no ranking."""
    return session.execute(select(func.count()).select_from(_evidence_fts)
                           .where(_EVIDENCE_FTS.op("MATCH")(match))).scalar_one()


def evidence_ids(session: Session, situation_id: int, *, text_query: str = "", tag: str | None = None,
                 rating_scenario: str | None = None, rating_values: Sequence[str] = (),
                 reliability: Sequence[str] = (), credibility: Sequence[int] = (),
                 date_from: date | None = None, date_to: date | None = None,
                 sort: str = "date", descending: bool = True, limit: int | None = None) -> list[int]:
    """Ids of the situation's live evidence that pass every filter, in display order (the first
    `limit` of them when given: the same order, so a longer read extends a shorter one).

    text_query: the user's typing (see fts_query); matches quote, summary and tags.
    tag: items carrying exactly this tag. rating_scenario + rating_values: items rated one of
    these values against that scenario (an unknown scenario matches nothing).
    reliability: source letters A–F, "-" for items without a source. credibility: 1–6.
    date_from / date_to: observed_at, both ends included.
    sort: one of SORT_KEYS or "rating:<scenario key>"; ties are broken by id in the same
    direction. "rank" is best match first when descending (the default with a text query);
    without a text query it is the date.
    """
    sqlite = _is_sqlite(session)
    match = fts_query(text_query) if sqlite else None
    likes = [] if sqlite else _like_terms(text_query)
    filters = [Evidence.deleted_at.is_(None)]
    # A word in thousands of items ranks nothing apart and bm25 over all of them is the whole
    # cost (150 ms for 45,000 hits): such broad matches come newest first instead, read by walking
    # the live-evidence date index and keeping the ids in the match set (the first page stops early).
    broad = bool(match) and sort in ("rank", "date") and _match_count(session, match) > BROAD_MATCH
    if broad:
        filters.append(Evidence.situation_id == situation_id)     # the date index serves the order
    elif match:
        # Searching: the FTS table leads, the index must stay out of its way.
        filters.append((Evidence.situation_id + 0) == situation_id)
    else:
        filters.append(_situation_clause(session, situation_id, date_from, date_to))

    stmt = select(Evidence.id)
    rank = None
    if broad:
        filters.append(Evidence.id.in_(select(_evidence_fts.c.rowid).where(_EVIDENCE_FTS.op("MATCH")(match))))
    elif match:
        hits = select(_evidence_fts.c.rowid.label("id"), func.bm25(_EVIDENCE_FTS).label("score")) \
            .where(_EVIDENCE_FTS.op("MATCH")(match)).subquery("hits")
        stmt = select(Evidence.id).select_from(hits).join(Evidence, Evidence.id == hits.c.id)
        rank = hits.c.score
    for like in likes:
        filters.append(or_(Evidence.quote.ilike(like, escape="\\"), Evidence.summary.ilike(like, escape="\\"),
                           cast(Evidence.tags, String).ilike(like, escape="\\")))

    if tag:
        filters.append(_tag_clause(session, tag))
    if rating_scenario is not None:
        sc = scenario_id(session, situation_id, rating_scenario)
        if sc is None or not rating_values:
            return []
        filters.append(exists().where(Rating.evidence_id == Evidence.id, Rating.scenario_id == sc,
                                      Rating.value.in_(list(rating_values))))
    if credibility:
        filters.append(Evidence.credibility.in_(list(credibility)))
    if date_from is not None:
        filters.append(Evidence.observed_at >= date_from)
    if date_to is not None:
        filters.append(Evidence.observed_at <= date_to)

    joined_source = False
    if reliability:
        letters = [r for r in reliability if r != "-"]
        stmt = stmt.outerjoin(Source, Source.id == Evidence.source_id)
        joined_source = True
        either = [Source.reliability.in_(letters)] if letters else []
        if "-" in reliability:
            either.append(Evidence.source_id.is_(None))
        filters.append(or_(*either))

    keys: list = []
    if sort == "rank" and rank is None:
        sort = "date"
    if sort == "rank":
        keys = [rank.asc() if descending else rank.desc()]   # bm25: lower is better
    else:
        if sort == "date":
            keys = [Evidence.observed_at]
        elif sort == "quote":
            keys = [func.lower(Evidence.quote)]
        elif sort in ("source", "grade"):
            if not joined_source:
                stmt = stmt.outerjoin(Source, Source.id == Evidence.source_id)
            keys = ([func.lower(func.coalesce(Source.outlet, Source.title, "(no source)"))] if sort == "source"
                    else [func.coalesce(Source.reliability, "-"), Evidence.credibility])
        elif sort == "relevance":   # "descending" relevance puts high first
            keys = [case({v: i for i, v in enumerate(reversed(_RELEVANCE_ORDER))}, value=Evidence.relevance,
                         else_=-1)]
        elif sort == "tags":
            keys = [cast(Evidence.tags, String)]
        elif sort.startswith("rating:"):
            sc = scenario_id(session, situation_id, sort.split(":", 1)[1])
            if sc is None:   # a scenario removed since the column was shown
                keys = [Evidence.observed_at]
            else:
                r = Rating.__table__.alias("sort_rating")
                stmt = stmt.outerjoin(r, and_(r.c.evidence_id == Evidence.id, r.c.scenario_id == sc))
                # "descending" rating puts the most consistent (CC) first
                keys = [-_rating_order(r.c.value)]
        if not keys:
            raise ValueError(f"unknown sort key {sort!r}")
        keys = [k.desc() if descending else k.asc() for k in keys]
    keys.append(Evidence.id.desc() if descending else Evidence.id.asc())
    stmt = stmt.where(*filters).order_by(*keys)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.execute(stmt).scalars())


# --- display rows ---------------------------------------------------------------------------

def evidence_rows(session: Session, ids: Sequence[int], text_query: str = "") -> list[tuple]:
    """Display rows for `ids`, in the order of `ids` (ids no longer live are left out).

    (id, key, observed_at, quote, summary, source title, outlet, reliability, credibility,
    relevance, group_key, tags, {scenario key: rating}, marked quote or None, marked summary or None,
    source kind, reported_at)

    One statement (ratings come as a JSON object per row). With a text query the matched words
    of quote and summary are marked (see mark_terms).
    """
    if not ids:
        return []
    sqlite = _is_sqlite(session)
    searching = bool(query_terms(text_query)[0])
    aggregate = func.json_group_object if sqlite else func.json_object_agg
    ratings = (select(aggregate(Scenario.key, Rating.value)).select_from(Rating)
               .join(Scenario, Scenario.id == Rating.scenario_id)
               .where(Rating.evidence_id == Evidence.id, Scenario.archived_at.is_(None)).scalar_subquery())
    columns = [Evidence.id, Evidence.key, Evidence.observed_at, Evidence.quote, Evidence.summary, Source.title,
               Source.outlet, Source.reliability, Evidence.credibility, Evidence.relevance, Evidence.group_key,
               Evidence.tags, ratings, Source.kind, Evidence.reported_at]
    stmt = (select(*columns).outerjoin(Source, Source.id == Evidence.source_id)
            .where(Evidence.id.in_(list(ids)), Evidence.deleted_at.is_(None)))
    found: dict[int, tuple] = {}
    for r in session.execute(stmt):
        rates = r[12]
        if isinstance(rates, str):
            rates = json.loads(rates)
        quote_marked = summary_marked = None
        if searching:
            quote_marked, summary_marked = mark_terms(r[3], text_query), mark_terms(r[4] or "", text_query)
        tags = r[11]
        if isinstance(tags, str):
            tags = json.loads(tags)
        found[r[0]] = (*tuple(r[:11]), tuple(tags or ()), dict(rates or {}), quote_marked, summary_marked, r[13], r[14])
    return [found[i] for i in ids if i in found]


# --- sources and tags -----------------------------------------------------------------------

def source_matches(session: Session, situation_id: int, text_query: str, limit: int = 20) -> list[tuple]:
    """(id, key, title, outlet, marked snippet) of the live sources matching, best first."""
    sqlite = _is_sqlite(session)
    live = [Source.deleted_at.is_(None)]
    if sqlite:
        match = fts_query(text_query)
        if not match:
            return []
        snippet = func.snippet(_SOURCE_FTS, -1, MARK_START, MARK_END, "…", 12)
        stmt = (select(Source.id, Source.key, Source.title, Source.outlet, snippet)
                .select_from(_source_fts).join(Source, Source.id == _source_fts.c.rowid)
                .where(_SOURCE_FTS.op("MATCH")(match), (Source.situation_id + 0) == situation_id, *live)
                # a word in the title counts more than one in the outlet, which counts more than the text
                .order_by(func.bm25(_SOURCE_FTS, 5.0, 2.0, 1.0), Source.id).limit(limit))
        return [SourceMatchRow(*r) for r in session.execute(stmt)]
    likes = _like_terms(text_query)
    if not likes:
        return []
    stmt = (select(Source.id, Source.key, Source.title, Source.outlet, Source.text)
            .where(Source.situation_id == situation_id, *live,
                   *[or_(Source.title.ilike(p, escape="\\"), Source.outlet.ilike(p, escape="\\"),
                         Source.text.ilike(p, escape="\\")) for p in likes])
            .order_by(Source.published_at.desc().nulls_last(), Source.id.desc()).limit(limit))
    return [(r[0], r[1], r[2], r[3], _snippet(r[2], r[4] or "", text_query)) for r in session.execute(stmt)]


def _snippet(title: str, body: str, typed: str, width: int = 90) -> str:
    terms, _ = query_terms(typed)
    first = re.search("|".join(re.escape(t) for t in terms), body, flags=re.IGNORECASE) if terms else None
    if first is None:
        return mark_terms(title, typed)
    start = max(0, first.start() - width // 3)
    piece = body[start:start + width]
    return ("…" if start else "") + mark_terms(piece, typed) + ("…" if start + width < len(body) else "")


def date_span(session: Session, situation_id: int) -> tuple[date | None, date | None]:
    """First and last observed date of the situation's evidence (deleted items included: two index reads)."""
    mine = Evidence.situation_id == situation_id   # min() and max() apart: each one index seek
    return (session.execute(select(func.min(Evidence.observed_at)).where(mine)).scalar(),
            session.execute(select(func.max(Evidence.observed_at)).where(mine)).scalar())


def tags_in_use(session: Session, situation_id: int) -> list[str]:
    """Every tag on the situation's live evidence, sorted case-insensitively."""
    if _is_sqlite(session):
        # The distinct tag lists are few; parsing them here beats json_each() over every row.
        lists = session.execute(
            select(Evidence.tags).distinct()
            .where(_situation_clause(session, situation_id), Evidence.deleted_at.is_(None))
        ).scalars()
        found = {t for tags in lists for t in (json.loads(tags) if isinstance(tags, str) else tags or ())}
    else:
        found = set(session.execute(text(
            "SELECT DISTINCT t.v FROM evidence, json_array_elements_text(evidence.tags) AS t(v) "
            "WHERE evidence.situation_id = :sid AND evidence.deleted_at IS NULL"), {"sid": situation_id}).scalars())
    return sorted(found, key=lambda t: (t.casefold(), t))

