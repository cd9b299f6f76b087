"""The evidence log as rows for tables and reports."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from desktop.domain.bundle import DIGEST
from desktop.domain.day_rules import default_reported
from desktop.domain.evidence_rules import (
    EvidenceDraft, Problem, check_evidence, clean_tags, duplicate_problem, locate_quote, next_key, quote_fingerprint,
)
from desktop.domain.grading import RATINGS, admiralty_code
from desktop.domain.text_safety import clean_fields
from desktop.domain.fact_signature import quote_token
from desktop.domain.near_duplicates import SAME_QUOTE
from desktop.services import grouping
from desktop.services.errors import InputError, NotFound, ValidationFailed
from desktop.services.grouping import GroupProposal
from desktop.store import fact_index, queries, writes
from desktop.store import suggestions as suggestion_store
from desktop.store import indicators as indicator_store
from desktop.store.engine import Database
from desktop.store.models import Evidence


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
    source_kind: str | None = None
    reported_at: date | None = None   # when it became known: as of an earlier day it does not count

    @property
    def grade(self) -> str:
        return admiralty_code(self.reliability, self.credibility)

    @property
    def is_digest(self) -> bool:
        """Its source retells the outlet's report: the quote is not the outlet's own wording."""
        return self.source_kind == DIGEST

    @property
    def source_label(self) -> str:
        return source_label(self.outlet, self.source_title, self.source_kind)


def source_label(outlet: str | None, title: str | None, kind: str | None) -> str:
    """How a list names an item's source; the evidence table and the matrix say the same."""
    label = outlet or title or "(no source)"
    return f"digest · {label}" if kind == DIGEST else label    # first: a narrow column still shows it


def group_names(db: Database, situation_id: int) -> list[str]:
    """The group names in use, for the dialog's pick list."""
    with db.reading() as session:
        return queries.group_names(session, situation_id)


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
                    ratings=dict(rates[r[0]]), source_kind=r.source_kind, reported_at=r.reported_at)
        for r in rows
    ]


# --- writes: one transaction per user action ---------------------------------------------

@dataclass(frozen=True)
class LoggedEvidence:
    id: int
    key: str
    situation_id: int
    group: str | None = None
    grouped_with: tuple[str, ...] = ()          # the other live members of its group
    proposal: GroupProposal | None = None       # the earlier item it repeats, if any
    joined: bool = False                        # it was put in the proposal's group
    regrouped: tuple[tuple[int, str | None], ...] = ()   # earlier items whose group changed, with the old one

    def grouping_line(self) -> str | None:
        """What happened to a proposal, in one line: "grouped with e17 (same quote from s4): counts once"."""
        p = self.proposal
        if p is None:
            return None
        if self.joined:
            return f"grouped with {p.key} ({p.reason}): counts once"
        what = "copy" if p.kind == SAME_QUOTE else "near-duplicate"
        why = f"kept in group {self.group} (--group)" if self.group else "not grouped (--no-group)"
        return f"{what} of {p.key} ({p.reason}) — {why}"


def _fields(draft: EvidenceDraft, start: int | None, end: int | None) -> dict:
    return {
        "quote": draft.quote.strip() if draft.paraphrase else draft.quote, "summary": draft.summary.strip(),
        "source_id": draft.source_id, "observed_at": draft.observed_at, "credibility": draft.credibility,
        "relevance": draft.relevance, "group_key": (draft.group or "").strip() or None,
        "tags": list(clean_tags(draft.tags)), "paraphrase": draft.paraphrase, "quote_start": start,
        "quote_end": end,
    }


def _earlier_duplicate(session, situation_id: int, draft: EvidenceDraft, besides: int | None) -> str | None:
    """The live item with the same source and quote: looked up by the quote's token in the fact index (the live
    items with these words, in any source), then compared word for word."""
    wanted = quote_fingerprint(draft.quote)
    holders = fact_index.holders(session, situation_id, quote_token(draft.quote), besides)
    return next((key for _id, key, source_id, quote in fact_index.quotes_of(session, holders)
                 if source_id == draft.source_id and quote_fingerprint(quote) == wanted), None)


def duplicate_of(db: Database, situation_id: int, draft: EvidenceDraft, besides: int | None = None) -> str | None:
    """The key of a live item with the same source and the same quote (whitespace and case aside), if any."""
    with db.reading() as session:
        return _earlier_duplicate(session, situation_id, clean_fields(draft), besides)


def _validated(session, situation_id: int, draft: EvidenceDraft, today: date | None, besides: int | None = None):
    """(field values, ratings by scenario id) or ValidationFailed naming each problem; an exact duplicate of a
    live item (other than `besides`, the item being edited) is refused with the earlier item's key."""
    draft = clean_fields(draft)
    scenarios = writes.scenario_ids(session, situation_id)
    text = None
    if draft.source_id is not None:
        found = writes.source_text(session, draft.source_id)
        if found is None or found[0] != situation_id:
            raise ValidationFailed([Problem("source", f"No source with id {draft.source_id} in this situation.")])
        text = found[1] or None
    problems = check_evidence(draft, list(scenarios), today or date.today(), text)
    if not problems:
        earlier = _earlier_duplicate(session, situation_id, draft, besides)
        if earlier is not None:
            problems = [duplicate_problem(earlier)]
    if problems:
        raise ValidationFailed(problems)
    located = locate_quote(text, draft.quote, draft.start, draft.end, draft.paraphrase)
    ratings = {scenarios[k]: v for k, v in draft.ratings.items()}
    fields = _fields(draft, located.start, located.end)
    # stored now: a later change to the source's date does not move it (design §4)
    fields["reported_at"] = draft.reported_at or default_reported(
        draft.observed_at, writes.source_published(session, draft.source_id))
    return fields, ratings


def log_evidence(db: Database, situation_id: int, draft: EvidenceDraft, today: date | None = None,
                 suggestion_id: int | None = None, *, group_proposed: bool = True,
                 join: int | None = None) -> LoggedEvidence:
    """Validate and store a new item with its ratings; it gets the next free key (e15…).

    Grouping (issue 12 §1), in the same transaction: a group given in the draft is kept as it is; else
    `join` (an item's id: the dialog's ticked "Group with e17") puts the item in that item's group;
    else, with `group_proposed`, in the group of the earlier item it repeats (a wire copy or the same
    fact), if there is one. An earlier item without a group gets a new one with it.
    `suggestion_id`: the extraction suggestion it comes from, marked accepted in the same transaction.
    """
    grouping.read_ahead(draft.quote, draft.observed_at)     # parsed before the write lock is taken
    with db.transaction() as session:
        fields, ratings = _validated(session, situation_id, draft, today)
        proposal = grouping.find_proposal(session, situation_id, fields["quote"], fields["observed_at"],
                                          fields["source_id"], fields["group_key"])
        regrouped: tuple = ()
        joined = False
        if fields["group_key"] is None:
            target = join if join is not None else (proposal.evidence_id if group_proposed and proposal else None)
            if target is not None:
                fields["group_key"], regrouped = grouping.join_item(session, situation_id, target)
                joined = proposal is not None and target == proposal.evidence_id
        key = writes.free_key(session, Evidence, situation_id, "e", next_key)
        ev = writes.insert_evidence(session, situation_id, key, fields, ratings)
        fact_index.index_item(session, ev.id)
        if suggestion_id is not None:
            suggestion_store.decide(session, suggestion_id, "accepted", evidence_id=ev.id)
        group = fields["group_key"]
        return LoggedEvidence(ev.id, key, situation_id, group, grouping.members_besides(session, situation_id, group,
                                                                                       ev.id),
                              proposal, joined, regrouped)


def withdraw_logged(db: Database, logged: LoggedEvidence) -> None:
    """Undo a log: the item is deleted and the earlier items it regrouped get their old group back."""
    with db.transaction() as session:
        writes.set_deleted(session, Evidence, logged.id, True)
        fact_index.index_item(session, logged.id)
        for evidence_id, old in logged.regrouped:
            writes.set_group(session, evidence_id, old)


def redo_logged(db: Database, logged: LoggedEvidence) -> None:
    """Redo a log after its undo: the item is back (same id and key) and the earlier items regrouped again."""
    with db.transaction() as session:
        writes.set_deleted(session, Evidence, logged.id, False)
        fact_index.index_item(session, logged.id)
        for evidence_id, _old in logged.regrouped:
            writes.set_group(session, evidence_id, logged.group)


def edit_evidence(db: Database, evidence_id: int, draft: EvidenceDraft, today: date | None = None) -> None:
    with db.transaction() as session:
        situation_id = _situation_of(session, evidence_id)
        fields, ratings = _validated(session, situation_id, draft, today, besides=evidence_id)
        old_reported = writes.get_row(session, Evidence, evidence_id).reported_at
        writes.update_evidence(session, evidence_id, fields, ratings)
        fact_index.index_item(session, evidence_id)
        if fields["reported_at"] != old_reported:      # its figures were known when it was (design §4)
            indicator_store.follow_evidence_reported(session, evidence_id, old_reported, fields["reported_at"])


def evidence_draft(db: Database, evidence_id: int) -> EvidenceDraft:
    """The stored item as a draft: what the edit dialog shows and what undo restores."""
    with db.reading() as session:
        ev = writes.get_row(session, Evidence, evidence_id)
        if ev is None:
            raise NotFound(f"no evidence with id {evidence_id}")
        keys = {v: k for k, v in writes.scenario_ids(session, ev.situation_id).items()}
        ratings = {keys[sc]: value for _, sc, value in queries.ratings_of(session, evidence_id)}
        return EvidenceDraft(
            quote=ev.quote, observed_at=ev.observed_at, ratings=ratings, summary=ev.summary, source_id=ev.source_id,
            credibility=ev.credibility, relevance=ev.relevance, group=ev.group_key, tags=tuple(ev.tags or ()),
            paraphrase=ev.paraphrase, start=ev.quote_start, end=ev.quote_end, reported_at=ev.reported_at)


def set_rating(db: Database, evidence_id: int, scenario_key: str, value: str | None) -> str | None:
    """Set one cell of the matrix (None clears it); returns the previous value, for undo."""
    if value is not None and value not in RATINGS:
        raise InputError(f"rating: unknown rating {value!r} (expected one of {', '.join(RATINGS)})")
    with db.transaction() as session:
        situation_id = _situation_of(session, evidence_id)
        scenarios = writes.scenario_ids(session, situation_id)
        if scenario_key not in scenarios:
            raise NotFound(f"rating: no scenario with key {scenario_key!r}")
        return writes.set_rating(session, evidence_id, scenarios[scenario_key], value)


def delete_evidence(db: Database, evidence_id: int) -> None:
    """Soft delete: the item leaves every view and computation but can be restored."""
    with db.transaction() as session:
        writes.set_deleted(session, Evidence, evidence_id, True)
        fact_index.index_item(session, evidence_id)


def restore_evidence(db: Database, evidence_id: int) -> None:
    with db.transaction() as session:
        writes.set_deleted(session, Evidence, evidence_id, False)
        fact_index.index_item(session, evidence_id)


def evidence_id(db: Database, situation_id: int, key: str) -> int:
    with db.reading() as session:
        found = queries.evidence_id_by_key(session, situation_id, key)
    if found is None:
        raise NotFound(f"no evidence with key {key!r} in situation {situation_id}")
    return found


def _situation_of(session, evidence_id: int) -> int:
    ev = writes.get_row(session, Evidence, evidence_id)
    if ev is None:
        raise NotFound(f"no evidence with id {evidence_id}")
    return ev.situation_id
