"""Proposals to group a new item with the earlier one that reports the same fact (issue 12 §1).

A wire copy (the same quote from another source) or a near-duplicate (the same figures, days
and names, in either language: `domain.near_duplicates`) of a live item is proposed when an item
is logged: the command line joins the item to that group unless told not to, the dialog asks
with a box ticked by default, and a bundle's pairs that are not grouped are listed on import.

The lookup reads the fact-token index (`store.fact_index`), never the quotes: capped counts of
the new item's tokens (which of them are the situation's backdrop), the items sharing the most
of the others (counted in SQL, at most 50), and their tokens, scored in Python. At 100,000 items
that is a handful of index range reads, not a pass over 100,000 texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.fact_signature import fact_signature, from_tokens
from desktop.domain.near_duplicates import (
    GENERIC_FLOOR, GENERIC_SHARE, MAX_CANDIDATES, RARE_CAP, SAME_QUOTE, FactItem, best_match, generic_tokens,
    ungrouped_pairs,
)
from desktop.domain.evidence_rules import Problem
from desktop.services.errors import ValidationFailed
from desktop.store import fact_index, writes
from desktop.store.engine import Database

NEW_ITEM = -1     # the id a draft has in the rule until it is stored


@dataclass(frozen=True)
class GroupProposal:
    """The earlier item a new one repeats, and the group the new one would join."""

    evidence_id: int
    key: str
    source_key: str | None
    observed_at: date
    kind: str                 # near_duplicates.SAME_QUOTE or SAME_FACT
    shared: str               # "same figures, dates, names" (what the two share)
    group: str                # the earlier item's group, or the new one both would form
    new_group: bool           # the earlier item has no group yet: it joins the new one too

    @property
    def reason(self) -> str:
        """Why, in a few words: "same quote from s4", "same figures, dates, names"."""
        if self.kind == SAME_QUOTE:
            return f"same quote from {self.source_key}" if self.source_key else "same quote (no source)"
        return self.shared

    @property
    def label(self) -> str:
        """"e17 (s4, 15 Sep)": the earlier item as the dialog names it."""
        day = f"{self.observed_at.day} {self.observed_at:%b}"
        return f"{self.key} ({self.source_key}, {day})" if self.source_key else f"{self.key} ({day})"

    def question(self) -> str:
        what = "quote" if self.kind == SAME_QUOTE else "fact"
        return f"Same {what} as {self.label}: group with it?"

    def to_json(self, applied: bool) -> dict:
        return {"evidence": self.key, "kind": self.kind, "reason": self.reason, "group": self.group,
                "applied": applied}


@dataclass(frozen=True)
class UngroupedPair:
    """Two live items a log would propose to group, not in one group: the later and the earlier key."""

    evidence: str
    like: str
    reason: str

    def to_json(self) -> dict:
        return {"evidence": self.evidence, "like": self.like, "reason": self.reason}


def read_ahead(quote: str, observed_at: date | None) -> None:
    """Parse a quote's fact signature outside any transaction (it is cached for the write that follows)."""
    if quote and quote.strip():
        fact_signature(quote, observed_at)


def find_proposal(session, situation_id: int, quote: str, observed_at: date | None, source_id: int | None,
                  group: str | None = None, besides: int | None = None) -> GroupProposal | None:
    """The proposal for an item saying `quote`, inside the caller's transaction; None when nothing earlier
    reports its fact, or when the item is already in that item's group (`group`). `besides`: the item
    itself, when it is stored already."""
    signature = fact_signature(quote, observed_at)
    item = FactItem(NEW_ITEM if besides is None else besides, signature, observed_at, source_id, group)
    facts = signature.facts()
    counts = fact_index.token_counts(session, situation_id, facts, RARE_CAP + 1)
    generic = generic_tokens(counts, _live_items_to_judge(session, situation_id, counts))
    # a wire copy shares every token, the quote's own too: it ranks first among the candidates
    ids = fact_index.candidates(session, situation_id, (facts - generic) | {signature.quote}, besides,
                                MAX_CANDIDATES)
    if not ids:
        return None
    rows = fact_index.fact_items(session, situation_id, ids)
    tokens = fact_index.tokens_of(session, rows)
    candidates = [FactItem(r.id, from_tokens(tokens[r.id]), r.observed_at, r.source_id, r.group_key)
                  for r in rows.values() if group is None or r.group_key != group]
    found = best_match(item, candidates, generic)
    if found is None:
        return None
    earlier, likeness = found
    row = rows[earlier.id]
    name = row.group_key or _new_group_name(session, situation_id, row.key)
    return GroupProposal(row.id, row.key, row.source_key, row.observed_at, likeness.kind, likeness.reason(), name,
                         row.group_key is None)


def _live_items_to_judge(session, situation_id: int, counts: dict[str, int]) -> int:
    """The situation's live items, counted only as far as `generic_tokens` needs: a token is generic when more
    than a tenth of them carry it, so with the largest count c, whether there are fewer than 10·c is all that
    matters (and nothing is generic at GENERIC_FLOOR items or fewer; a token past RARE_CAP is, whatever the
    number of items)."""
    largest = max((n for n in counts.values() if n <= RARE_CAP), default=0)
    if largest <= GENERIC_FLOOR:
        return 0
    return fact_index.live_count(session, situation_id, int(largest / GENERIC_SHARE) + 1)


def _new_group_name(session, situation_id: int, key: str) -> str:
    """"same-e17", or "same-e17-2"… when an item (a deleted one too) already uses it."""
    name, n = f"same-{key}", 1
    while writes.group_in_use(session, situation_id, name):
        n += 1
        name = f"same-{key}-{n}"
    return name


def propose_group(db: Database, situation_id: int, quote: str, observed_at: date | None, source_id: int | None,
                  group: str | None = None, besides: int | None = None) -> GroupProposal | None:
    """`find_proposal` in a read of its own: what the dialog shows as the analyst types."""
    if not quote.strip():
        return None
    with db.reading() as session:
        return find_proposal(session, situation_id, quote, observed_at, source_id, group, besides)


def join_item(session, situation_id: int, target_id: int) -> tuple[str, tuple[tuple[int, str | None], ...]]:
    """Put a new item with `target_id` (in the caller's transaction): the target's group, or a new one named
    after it that the target joins too. Returns (the group, the items whose group changed with their old
    group, which an undo restores)."""
    row = fact_index.fact_items(session, situation_id, [target_id]).get(target_id)
    if row is None:
        raise ValidationFailed([Problem("group", f"The item to group with (id {target_id}) is no longer in the log "
                                                 "of this situation.")])
    if row.group_key:
        return row.group_key, ()
    name = _new_group_name(session, situation_id, row.key)
    old = writes.set_group(session, target_id, name)
    return name, ((target_id, old),)


def members_besides(session, situation_id: int, group: str | None, evidence_id: int) -> tuple[str, ...]:
    """The keys of the other live items of `group`."""
    if not group:
        return ()
    return tuple(key for i, key in writes.group_members(session, situation_id, group) if i != evidence_id)


def ungrouped_proposals(db: Database, situation_id: int) -> list[UngroupedPair]:
    """Every pair of live items a log would propose to group that are not in one group (later item first)."""
    with db.reading() as session:
        tokens = fact_index.situation_tokens(session, situation_id)
        rows = fact_index.fact_items(session, situation_id, tokens)
    items = [FactItem(r.id, from_tokens(tokens[r.id]), r.observed_at, r.source_id, r.group_key)
             for r in rows.values()]
    out = []
    for later, earlier, likeness in ungrouped_pairs(items):
        reason = likeness.reason()
        if likeness.kind == SAME_QUOTE:
            source = rows[earlier.id].source_key
            reason = f"same quote from {source}" if source else "same quote (no source)"
        out.append(UngroupedPair(rows[later.id].key, rows[earlier.id].key, reason))
    return out
