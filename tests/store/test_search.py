"""Evidence search: FTS5 ranking and marks, every filter, every sort order, hostile input, deleted items.

Runs on the seeded US–Venezuela case (situation 1, 54 items, 14 sources). Timings are in
bench/bench_evidence_table.py, never here; the query-plan test guards the one plan that
turned a 2 ms search into seconds.
"""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
from datetime import date

import pytest
from sqlalchemy import event

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services.errors import InputError
from desktop.services.evidence import delete_evidence, evidence_id, list_evidence, log_evidence, restore_evidence
from desktop.services.search import (
    MARK_END, MARK_START, EvidenceQuery, count_evidence, evidence_date_span, evidence_ids, evidence_rows,
    marked_segments, search_sources, tags_in_use,
)
from desktop.services.sources import delete_source, restore_source
from desktop.store.search import fts_query, mark_terms, query_terms

SID = 1
HOSTILE = ['"', 'AND (', '*', 'NEAR/', 'NEAR(a b, 2)', 'a OR', 'quote:trump', '^trump', '-maduro', "'", "\\",
           '(((', ')', 'trump"', '"trump', 'AND', 'OR NOT', '{quote summary}: x', 'x + y', '😀', '%', '_', '\x00',
           ' ', '', 'a' * 500, ' '.join(['word'] * 100)]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _words(row) -> str:
    return _fold(" ".join([row.quote, row.summary, " ".join(row.tags)]))


def _has(row, words: list[str]) -> bool:
    """Every word as a whole token, the last as a token prefix: what the search means."""
    tokens = re.findall(r"[^\W_]+", _words(row))
    *whole, last = words
    return all(w in tokens for w in whole) and any(t.startswith(last) for t in tokens)


@pytest.fixture
def rows(seeded):
    return {r.id: r for r in list_evidence(seeded, SID)}


# --- the query language --------------------------------------------------------------------

def test_typed_text_becomes_quoted_terms_with_a_prefix_while_typing():
    assert fts_query("Grenell") == '"Grenell"*'
    assert fts_query("Grenell ") == '"Grenell"'
    assert fts_query('maduro "talks" AND (') == '"maduro" "talks" "AND"'
    assert fts_query("NEAR/") == '"NEAR"'
    assert fts_query('" * ( ) ^ - :') is None
    assert query_terms("B-52 bombers") == (["B", "52", "bombers"], True)
    assert query_terms("maduro t") == (["maduro"], False)    # one letter typed: not searched yet
    assert query_terms("maduro tr") == (["maduro", "tr"], True)
    assert fts_query("t") is None and fts_query("a b ") == '"a" "b"'
    assert len(query_terms(" ".join(["w"] * 100))[0]) == 16


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_input_never_raises(seeded, typed):
    query = EvidenceQuery(text=typed, sort="rank")
    ids = evidence_ids(seeded, SID, query)
    evidence_rows(seeded, ids[:20], query)
    search_sources(seeded, SID, typed)
    if not query.searching:
        assert len(ids) == 54


# --- full text ---------------------------------------------------------------------------

def test_search_finds_every_item_with_all_the_words_and_only_those(seeded, rows):
    for typed, words in (("grenell", ["grenell"]), ("maduro talks", ["maduro", "talks"]), ("legal", ["legal"])):
        found = set(evidence_ids(seeded, SID, EvidenceQuery(text=typed)))
        expected = {i for i, r in rows.items() if _has(r, words)}
        assert found == expected and found, typed


def test_last_word_is_a_prefix_while_typing(seeded):
    whole = evidence_ids(seeded, SID, EvidenceQuery(text="grenell", sort="rank"))
    assert evidence_ids(seeded, SID, EvidenceQuery(text="gren", sort="rank")) == whole
    assert evidence_ids(seeded, SID, EvidenceQuery(text="gren ")) == []   # a finished word is a whole word


def test_accents_and_case_do_not_matter(seeded, rows):
    found = evidence_ids(seeded, SID, EvidenceQuery(text="NICOLAS MADURO"))
    assert found and all(_has(rows[i], ["nicolas", "maduro"]) for i in found)
    hit = evidence_rows(seeded, found[:1], EvidenceQuery(text="NICOLAS MADURO"))[0]
    assert f"{MARK_START}Nicolás{MARK_END}" in hit.quote_marked + hit.summary_marked


def test_text_search_is_ranked_by_bm25(seeded, db_path):
    ranked = evidence_ids(seeded, SID, EvidenceQuery(text="grenell", sort="rank"))
    con = sqlite3.connect(db_path)
    by_bm25 = [r[0] for r in con.execute(
        "SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH '\"grenell\"*' ORDER BY bm25(evidence_fts), rowid")]
    assert ranked == by_bm25
    by_date = evidence_ids(seeded, SID, EvidenceQuery(text="grenell"))
    assert sorted(by_date) == sorted(ranked) and by_date != ranked
    worst_first = evidence_ids(seeded, SID, EvidenceQuery(text="grenell", sort="rank", descending=False))
    assert worst_first[0] == ranked[-1]


def test_rank_without_text_is_newest_first(seeded):
    assert evidence_ids(seeded, SID, EvidenceQuery(sort="rank")) == evidence_ids(seeded, SID, EvidenceQuery())


def test_matched_words_are_marked_in_quote_and_summary(seeded):
    query = EvidenceQuery(text="grenell", sort="rank")
    hits = evidence_rows(seeded, evidence_ids(seeded, SID, query), query)
    assert hits and all(h.matched for h in hits)
    top = hits[0]
    assert f"{MARK_START}Grenell{MARK_END}" in top.quote_marked
    assert top.quote_marked.replace(MARK_START, "").replace(MARK_END, "") == top.quote
    assert top.summary_marked.replace(MARK_START, "").replace(MARK_END, "") == top.summary
    assert ("Grenell", True) in marked_segments(top.quote_marked)
    assert "".join(t for t, _ in marked_segments(top.quote_marked)) == top.quote
    plain = evidence_rows(seeded, [top.id])[0]
    assert plain.quote_marked is None and plain.summary_marked is None and not plain.matched


def test_marks_are_whole_words_and_a_prefix_only_for_the_last():
    assert mark_terms("Trump and Trumpism; trumpet", "trump ") == f"{MARK_START}Trump{MARK_END} and Trumpism; trumpet"
    assert mark_terms("Trump and Trumpism", "trump") == f"{MARK_START}Trump{MARK_END} and {MARK_START}Trumpism{MARK_END}"
    assert mark_terms("anything", '" *') == "anything"


def test_rows_come_in_the_order_of_the_ids_asked_for(seeded, rows):
    ids = sorted(rows)[::-3]
    got = evidence_rows(seeded, ids)
    assert [r.id for r in got] == ids
    for r in got:
        old = rows[r.id]
        assert (r.key, r.quote, r.ratings, r.tags, r.grade, r.source_label) == (
            old.key, old.quote, old.ratings, old.tags, old.grade, old.source_label)
    assert evidence_rows(seeded, []) == []


# --- filters -------------------------------------------------------------------------------

def test_tag_filter_is_exact(seeded, rows):
    for tag in ("legal", "military", "covert"):
        found = set(evidence_ids(seeded, SID, EvidenceQuery(tag=tag)))
        assert found == {i for i, r in rows.items() if tag in r.tags}
    assert evidence_ids(seeded, SID, EvidenceQuery(tag="milit")) == []


def test_tags_in_use(seeded, rows):
    assert tags_in_use(seeded, SID) == sorted({t for r in rows.values() for t in r.tags})


def test_rating_filter(seeded, rows):
    found = set(evidence_ids(seeded, SID, EvidenceQuery(rating=("escalation", ("C", "CC")))))
    assert found == {i for i, r in rows.items() if r.ratings.get("escalation") in ("C", "CC")} and found
    found = set(evidence_ids(seeded, SID, EvidenceQuery(rating=("negotiation", ("I", "II")))))
    assert found == {i for i, r in rows.items() if r.ratings.get("negotiation") in ("I", "II")} and found
    assert evidence_ids(seeded, SID, EvidenceQuery(rating=("no_such_scenario", ("C",)))) == []
    with pytest.raises(InputError, match="rating"):
        evidence_ids(seeded, SID, EvidenceQuery(rating=("escalation", ("X",))))


def test_grade_filters(seeded, rows):
    found = set(evidence_ids(seeded, SID, EvidenceQuery(reliability=("B",))))
    assert found == {i for i, r in rows.items() if r.reliability == "B"} and found
    found = set(evidence_ids(seeded, SID, EvidenceQuery(credibility=(3,))))
    assert found == {i for i, r in rows.items() if r.credibility == 3} and found
    found = set(evidence_ids(seeded, SID, EvidenceQuery(reliability=("A", "C"), credibility=(1, 2))))
    assert found == {i for i, r in rows.items() if r.reliability in ("A", "C") and r.credibility in (1, 2)}
    with pytest.raises(InputError, match="reliability"):
        evidence_ids(seeded, SID, EvidenceQuery(reliability=("Z",)))
    with pytest.raises(InputError, match="credibility"):
        evidence_ids(seeded, SID, EvidenceQuery(credibility=(9,)))


def test_reliability_dash_means_no_source(seeded):
    assert evidence_ids(seeded, SID, EvidenceQuery(reliability=("-",))) == []
    logged = log_evidence(seeded, SID, EvidenceDraft(quote="Unsourced rumour of a deal", observed_at=date(2025, 11, 20),
                                                     ratings={"negotiation": "C"}, credibility=5),
                          today=date(2025, 11, 25))
    assert evidence_ids(seeded, SID, EvidenceQuery(reliability=("-",))) == [logged.id]
    assert logged.id in evidence_ids(seeded, SID, EvidenceQuery(reliability=("-", "B")))


def test_date_range_includes_both_ends(seeded, rows):
    start, end = date(2025, 11, 1), date(2025, 11, 24)
    found = set(evidence_ids(seeded, SID, EvidenceQuery(date_from=start, date_to=end)))
    assert found == {i for i, r in rows.items() if start <= r.observed_at <= end} and found
    day = date(2025, 10, 6)
    assert set(evidence_ids(seeded, SID, EvidenceQuery(date_from=day, date_to=day))) == {
        i for i, r in rows.items() if r.observed_at == day}
    assert set(evidence_ids(seeded, SID, EvidenceQuery(date_to=date(2025, 1, 31)))) == {
        i for i, r in rows.items() if r.observed_at <= date(2025, 1, 31)}
    assert evidence_date_span(seeded, SID) == (min(r.observed_at for r in rows.values()),
                                               max(r.observed_at for r in rows.values()))


def test_filters_combine(seeded, rows):
    query = EvidenceQuery(text="maduro", tag="diplomacy", rating=("negotiation", ("C", "CC")), reliability=("F",),
                          date_from=date(2025, 1, 1))
    found = set(evidence_ids(seeded, SID, query))
    assert found == {i for i, r in rows.items() if _has(r, ["maduro"]) and "diplomacy" in r.tags
                     and r.ratings.get("negotiation") in ("C", "CC") and r.reliability == "F"} and found
    assert query.filtered and not EvidenceQuery().filtered and not EvidenceQuery(text='"').filtered
    assert query.cleared() == EvidenceQuery()


# --- sorting ---------------------------------------------------------------------------------

RELEVANCE = {"low": 0, "medium": 1, "high": 2}
RATING = {"II": 0, "I": 1, "NA": 2, "N": 3, "C": 4, "CC": 5}   # ascending: least consistent first
SORTS = {
    "date": lambda r: r.observed_at,
    "quote": lambda r: r.quote.lower(),
    "source": lambda r: (r.outlet or r.source_title or "(no source)").lower(),   # the mark "digest · " aside
    "grade": lambda r: (r.reliability or "-", r.credibility),
    "relevance": lambda r: RELEVANCE[r.relevance],
    "rating:escalation": lambda r: RATING.get(r.ratings.get("escalation"), -1),
    "rating:status_quo": lambda r: RATING.get(r.ratings.get("status_quo"), -1),
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(SORTS))
def test_sort_orders(seeded, rows, sort, descending):
    got = evidence_ids(seeded, SID, EvidenceQuery(sort=sort, descending=descending))
    expected = sorted(rows.values(), key=lambda r: (SORTS[sort](r), r.id), reverse=descending)
    assert got == [r.id for r in expected]


def test_tags_sort_groups_items_with_the_same_tags(seeded, rows):
    got = evidence_ids(seeded, SID, EvidenceQuery(sort="tags", descending=False))
    assert sorted(got) == sorted(rows)
    seen, last = set(), None
    for i in got:   # each tag list appears in one run
        tags = rows[i].tags
        assert tags == last or tags not in seen
        seen.add(tags)
        last = tags


def test_sort_with_a_search_and_unknown_sort(seeded):
    by_quote = evidence_ids(seeded, SID, EvidenceQuery(text="maduro", sort="quote", descending=False))
    assert by_quote == sorted(by_quote, key=lambda i: evidence_rows(seeded, [i])[0].quote.lower())
    with pytest.raises(InputError, match="sort"):
        evidence_ids(seeded, SID, EvidenceQuery(sort="colour"))
    # a scenario deleted since the column was shown: newest first rather than an error
    assert evidence_ids(seeded, SID, EvidenceQuery(sort="rating:gone")) == evidence_ids(seeded, SID)


# --- deleted items, sources, situations -----------------------------------------------------------

def test_deleted_items_are_left_out_everywhere(seeded):
    e15 = evidence_id(seeded, SID, "e15")
    assert e15 in evidence_ids(seeded, SID, EvidenceQuery(text="grenell"))
    delete_evidence(seeded, e15)
    assert e15 not in evidence_ids(seeded, SID, EvidenceQuery(text="grenell"))
    assert e15 not in evidence_ids(seeded, SID)
    assert evidence_rows(seeded, [e15]) == []
    assert count_evidence(seeded, SID) == 53
    restore_evidence(seeded, e15)
    assert e15 in evidence_ids(seeded, SID, EvidenceQuery(text="grenell")) and count_evidence(seeded, SID) == 54


def test_source_matches_are_ranked_marked_and_live(seeded):
    matches = search_sources(seeded, SID, "grenell")
    assert {m.key for m in matches} == {"s1", "s10"}
    assert all(MARK_START in m.snippet and "grenell" in m.snippet.lower() for m in matches)
    bombers = search_sources(seeded, SID, "bombers")
    assert bombers[0].key in ("s13", "s14")   # the word is in their titles, which weigh most
    delete_source(seeded, matches[0].id)
    assert matches[0].id not in {m.id for m in search_sources(seeded, SID, "grenell")}
    restore_source(seeded, matches[0].id)
    assert search_sources(seeded, SID, '"') == []


def test_each_situation_sees_only_its_own(seeded, rows, tmp_path):
    from bench.fixtures import big_bundle
    from desktop.services.bundles import import_bundle, import_bundle_file
    from tests.conftest import SEED_BUNDLE

    second = import_bundle_file(seeded, SEED_BUNDLE).situation_id   # same texts, other ids
    small = import_bundle(seeded, big_bundle(6, n_scenarios=2, n_sources=2)).situation_id   # the index path
    mine = set(evidence_ids(seeded, SID, EvidenceQuery(text="grenell")))
    theirs = set(evidence_ids(seeded, second, EvidenceQuery(text="grenell")))
    assert len(mine) == len(theirs) == 5 and not mine & theirs and mine <= set(rows)
    assert len(evidence_ids(seeded, second)) == 54 and count_evidence(seeded, second) == 54
    assert {m.key for m in search_sources(seeded, second, "grenell")} == {"s1", "s10"}
    assert not {m.id for m in search_sources(seeded, second, "grenell")} & {
        m.id for m in search_sources(seeded, SID, "grenell")}
    assert len(evidence_ids(seeded, small)) == 6 == count_evidence(seeded, small)
    assert len(evidence_ids(seeded, small, EvidenceQuery(sort="grade"))) == 6
    assert set(evidence_ids(seeded, small, EvidenceQuery(date_from=date(2025, 1, 1)))) == set(
        evidence_ids(seeded, small))


def test_a_text_search_starts_from_the_fts_index(seeded):
    """The planner must never walk the evidence index running one MATCH per row (seconds at 100k)."""
    statements = []
    engine = seeded.engine

    def grab(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        for sort in ("rank", "date", "quote", "rating:escalation"):
            evidence_ids(seeded, SID, EvidenceQuery(text="maduro", tag="diplomacy", sort=sort))
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    searches = [(s, p) for s, p in statements if "MATCH" in s and "count(*)" not in s]
    assert len(searches) == 4
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        for statement, parameters in searches:
            plan = [r[3] for r in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
            assert "VIRTUAL TABLE" in plan[0], plan
            assert not any("ix_evidence_situation_observed" in step for step in plan), plan


# --- PostgreSQL: the ILIKE fallback (runs when SIGNPOST_TEST_POSTGRES names a server) -----------------

PG_URL = os.environ.get("SIGNPOST_TEST_POSTGRES")


@pytest.fixture
def pg():
    if not PG_URL:
        pytest.skip("set SIGNPOST_TEST_POSTGRES to a PostgreSQL URL to run")
    pytest.importorskip("psycopg")
    from sqlalchemy import text
    from sqlmodel import SQLModel

    from desktop.services.workspace import open_workspace

    database = open_workspace(PG_URL)
    yield database
    names = ", ".join([t.name for t in SQLModel.metadata.sorted_tables] + ["alembic_version"])
    with database.transaction() as s:
        s.execute(text(f"DROP TABLE IF EXISTS {names} CASCADE"))
    database.close()


def _keys(db, ids):
    return [r.key for r in evidence_rows(db, ids)]


def test_postgres_falls_back_to_ilike_and_agrees_with_sqlite(pg, seeded):
    from desktop.services.situations import resolve_situation

    sid = resolve_situation(pg).id
    queries = [EvidenceQuery(), EvidenceQuery(tag="legal"), EvidenceQuery(rating=("escalation", ("CC", "C"))),
               EvidenceQuery(reliability=("B", "-"), credibility=(1, 2)),
               EvidenceQuery(date_from=date(2025, 11, 1), date_to=date(2025, 11, 24)),
               EvidenceQuery(sort="relevance"), EvidenceQuery(sort="rating:negotiation", descending=False),
               EvidenceQuery(sort="date", descending=False)]
    for query in queries:
        assert _keys(pg, evidence_ids(pg, sid, query)) == _keys(seeded, evidence_ids(seeded, SID, query)), query
    for sort in ("quote", "source", "grade", "tags", "rank"):
        assert sorted(evidence_ids(pg, sid, EvidenceQuery(sort=sort))) == sorted(evidence_ids(pg, sid))
    for typed in ["grenell", "Grenell maduro"] + HOSTILE:
        query = EvidenceQuery(text=typed, sort="rank")
        found = evidence_ids(pg, sid, query)
        assert set(_keys(pg, found)) >= set(_keys(seeded, evidence_ids(seeded, SID, query))), typed
        evidence_rows(pg, found[:10], query)
        search_sources(pg, sid, typed)
    query = EvidenceQuery(text="grenell")
    hits = evidence_rows(pg, evidence_ids(pg, sid, query), query)
    assert len(hits) == 5 and all(h.matched for h in hits)
    assert {m.key for m in search_sources(pg, sid, "grenell")} == {"s1", "s10"}
    assert all(MARK_START in m.snippet for m in search_sources(pg, sid, "grenell"))
    assert tags_in_use(pg, sid) == tags_in_use(seeded, SID)
    assert count_evidence(pg, sid) == 54
    assert evidence_date_span(pg, sid) == evidence_date_span(seeded, SID)


def test_broad_matches_come_newest_first_and_complete(tmp_path, monkeypatch):
    """Above BROAD_MATCH hits bm25 ranks nothing apart (and costs most): date order, every hit kept."""
    import desktop.store.search as store_search
    from desktop.services.search import EvidenceQuery, evidence_ids, evidence_rows

    from bench.fixtures import big_database

    db, sid = big_database(tmp_path / "broad.db", 300, 3)
    try:
        ranked = evidence_ids(db, sid, EvidenceQuery(text="troops", sort="rank"))
        monkeypatch.setattr(store_search, "BROAD_MATCH", 10)
        broad = evidence_ids(db, sid, EvidenceQuery(text="troops", sort="rank"))
        assert sorted(broad) == sorted(ranked) and len(broad) > 10
        days = [(r.observed_at, r.id) for r in evidence_rows(db, broad)]
        assert days == sorted(days, reverse=True)
    finally:
        db.close()
