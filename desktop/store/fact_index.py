"""The fact-token index (`evidence_fact_token`): each live item's fact signature, by situation and token.

Written in the caller's transaction by every path that changes what an item says or whether it
is live (log, edit, delete, restore, bundle import), so the index never disagrees with the
evidence table. Core statements, not the ORM: the rows are derived from the evidence row, whose
own change the change log records (as with the full-text tables), and an item has a dozen of them.

Reads are shaped for 100,000 items: a token's count is read only up to a cap (a token carried by
thousands of items is generic and its exact count does not matter), and candidates are counted
on the uncommon tokens alone, in SQL, most shared first, with a limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, func, literal, select, union_all
from sqlalchemy.orm import Session

from desktop.store.bulk import insert_rows
from desktop.store.models import Evidence, EvidenceFactToken, Source
from desktop.store.rows import FactItemRow


def signature_tokens(quote: str, observed) -> frozenset[str]:
    from desktop.domain.fact_signature import fact_signature   # extraction's lexicon: loaded when first needed

    return fact_signature(quote, observed).tokens()


def index_item(session: Session, evidence_id: int) -> None:
    """(Re)index one item from its stored row: its tokens if it is live, none if it is deleted."""
    session.flush()     # ORM changes to the row first, so it is read as it now stands
    session.execute(delete(EvidenceFactToken).where(EvidenceFactToken.evidence_id == evidence_id))
    row = session.execute(select(Evidence.situation_id, Evidence.quote, Evidence.observed_at, Evidence.deleted_at)
                          .where(Evidence.id == evidence_id)).first()
    if row is None or row.deleted_at is not None:
        return
    insert_rows(session, EvidenceFactToken, [
        {"evidence_id": evidence_id, "token": t, "situation_id": row.situation_id}
        for t in sorted(signature_tokens(row.quote, row.observed_at))])


def index_many(session: Session, items: Iterable[tuple[int, int, str, object]]) -> None:
    """Index new live items given as (evidence id, situation id, quote, observed day): the bulk path."""
    insert_rows(session, EvidenceFactToken, [
        {"evidence_id": evidence_id, "token": t, "situation_id": situation_id}
        for evidence_id, situation_id, quote, observed in items
        for t in sorted(signature_tokens(quote, observed))])


def holders(session: Session, situation_id: int, token: str, besides: int | None = None) -> list[int]:
    """The live items carrying `token` (an indexed lookup), oldest first."""
    query = select(EvidenceFactToken.evidence_id).where(EvidenceFactToken.situation_id == situation_id,
                                                        EvidenceFactToken.token == token)
    if besides is not None:
        query = query.where(EvidenceFactToken.evidence_id != besides)
    return list(session.execute(query.order_by(EvidenceFactToken.evidence_id)).scalars())


def token_counts(session: Session, situation_id: int, tokens: Iterable[str], cap: int) -> dict[str, int]:
    """How many live items carry each token, counted up to `cap`: one statement, an index range read of at most
    `cap` entries per token."""
    tokens = sorted(set(tokens))
    if not tokens:
        return {}
    parts = []
    for token in tokens:
        capped = (select(EvidenceFactToken.evidence_id)
                  .where(EvidenceFactToken.situation_id == situation_id, EvidenceFactToken.token == token)
                  .limit(cap).subquery())
        parts.append(select(literal(token).label("token"), func.count().label("n")).select_from(capped))
    return {r[0]: r[1] for r in session.execute(union_all(*parts))}


def live_count(session: Session, situation_id: int, cap: int) -> int:
    """The situation's live items, counted up to `cap` (the partial index on live evidence)."""
    inner = (select(Evidence.id).where(Evidence.situation_id == situation_id, Evidence.deleted_at.is_(None))
             .limit(cap).subquery())
    return session.execute(select(func.count()).select_from(inner)).scalar_one()


def candidates(session: Session, situation_id: int, tokens: Iterable[str], besides: int | None,
               limit: int) -> list[int]:
    """The live items sharing the most of `tokens`, most first (then oldest), at most `limit`."""
    tokens = sorted(tokens)
    if not tokens:
        return []
    shared = func.count().label("shared")
    query = (select(EvidenceFactToken.evidence_id, shared)
             .where(EvidenceFactToken.situation_id == situation_id, EvidenceFactToken.token.in_(tokens)))
    if besides is not None:
        query = query.where(EvidenceFactToken.evidence_id != besides)
    query = query.group_by(EvidenceFactToken.evidence_id).order_by(shared.desc(), EvidenceFactToken.evidence_id)
    return [r[0] for r in session.execute(query.limit(limit))]


def tokens_of(session: Session, evidence_ids: Iterable[int]) -> dict[int, set[str]]:
    ids = sorted(set(evidence_ids))
    out: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for evidence_id, token in session.execute(select(EvidenceFactToken.evidence_id, EvidenceFactToken.token)
                                                  .where(EvidenceFactToken.evidence_id.in_(chunk))):
            out[evidence_id].add(token)
    return out


def situation_tokens(session: Session, situation_id: int) -> dict[int, set[str]]:
    """Every live item's tokens (one read of the situation's index range)."""
    out: dict[int, set[str]] = defaultdict(set)
    for evidence_id, token in session.execute(select(EvidenceFactToken.evidence_id, EvidenceFactToken.token)
                                              .where(EvidenceFactToken.situation_id == situation_id)):
        out[evidence_id].add(token)
    return out


def quotes_of(session: Session, evidence_ids: Iterable[int]) -> list[tuple[int, str, int | None, str]]:
    """(id, key, source id, quote) of the given live items, oldest first."""
    ids = sorted(set(evidence_ids))
    if not ids:
        return []
    return [(r[0], r[1], r[2], r[3]) for r in session.execute(
        select(Evidence.id, Evidence.key, Evidence.source_id, Evidence.quote, Evidence.deleted_at)
        .where(Evidence.id.in_(ids)).order_by(Evidence.id)) if r[4] is None]


def fact_items(session: Session, situation_id: int, evidence_ids: Iterable[int]) -> dict[int, FactItemRow]:
    """What a proposal names about each live item of the situation: key, source (id and key), observed day,
    group."""
    ids = sorted(set(evidence_ids))
    out = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        # by primary key alone, situation and liveness checked here: given them, SQLite read a situation index
        for r in session.execute(
                select(Evidence.id, Evidence.key, Evidence.source_id, Source.key, Evidence.observed_at,
                       Evidence.group_key, Evidence.situation_id, Evidence.deleted_at)
                .outerjoin(Source, Source.id == Evidence.source_id).where(Evidence.id.in_(chunk))):
            if r[6] == situation_id and r[7] is None:
                out[r[0]] = FactItemRow(*r[:6])
    return out
