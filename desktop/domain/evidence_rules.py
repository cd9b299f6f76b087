"""What makes a new or edited evidence item acceptable, as a list of problems per field.

Pure so that the dialog can show each message beside its field as the analyst
types, and the service can refuse the same things from the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.domain.day_rules import after_today, before_observed
from desktop.domain.grading import CREDIBILITY_WEIGHTS, RATINGS, RELEVANCE_WEIGHTS

QUOTE_NOT_IN_SOURCE = "quote_not_in_source"
DUPLICATE_QUOTE = "duplicate_quote"


@dataclass(frozen=True)
class EvidenceDraft:
    """An evidence item as the analyst states it, before it has a key or an id."""

    quote: str
    observed_at: date | None
    ratings: dict[str, str]
    summary: str = ""
    source_id: int | None = None
    credibility: int = 6
    relevance: str = "medium"
    group: str | None = None
    tags: tuple[str, ...] = ()
    paraphrase: bool = False
    start: int | None = None
    end: int | None = None
    reported_at: date | None = None   # when it became known; None: the default (day_rules.default_reported)


@dataclass(frozen=True)
class Problem:
    field: str      # quote, observed_at, reported_at, ratings, credibility, relevance, source
    message: str
    code: str = ""  # machine-readable where the UI offers a way out (e.g. save as paraphrase)


@dataclass(frozen=True)
class Located:
    start: int | None
    end: int | None
    problems: list[Problem] = field(default_factory=list)


def locate_quote(text: str | None, quote: str, start: int | None = None, end: int | None = None,
                 paraphrase: bool = False) -> Located:
    """Where the quote sits in its source text: the given offsets when they hold it, else its first match."""
    if text is None or paraphrase or not quote.strip():
        return Located(None, None)
    if start is not None and end is not None and 0 <= start < end <= len(text) and text[start:end] == quote:
        return Located(start, end)
    found = text.find(quote)
    if found >= 0:
        return Located(found, found + len(quote))
    return Located(None, None, [Problem(
        "quote", "This quote is not in the source text. Correct it, or save it as a paraphrase.",
        QUOTE_NOT_IN_SOURCE)])


def check_evidence(draft: EvidenceDraft, scenario_keys: list[str], today: date,
                   source_text: str | None = None) -> list[Problem]:
    """Every problem with `draft`; an empty list means it can be saved."""
    problems: list[Problem] = []
    if not draft.quote.strip():
        problems.append(Problem("quote", "The quote is empty."))
    else:
        problems += locate_quote(source_text, draft.quote, draft.start, draft.end, draft.paraphrase).problems
    if draft.observed_at is None:
        problems.append(Problem("observed_at", "Give the date the fact was observed."))
    elif after_today(draft.observed_at, today):
        problems.append(Problem("observed_at", after_today(draft.observed_at, today)))
    if draft.reported_at is not None:
        if after_today(draft.reported_at, today):
            problems.append(Problem("reported_at", "Reported " + after_today(draft.reported_at, today)))
        elif draft.observed_at is not None and before_observed(draft.reported_at, draft.observed_at):
            problems.append(Problem("reported_at", before_observed(draft.reported_at, draft.observed_at)))
    unknown = [k for k in draft.ratings if k not in scenario_keys]
    if unknown:
        problems.append(Problem("ratings", f"No scenario with key {unknown[0]!r} (this situation has "
                                           f"{', '.join(scenario_keys)})."))
    bad = [v for v in draft.ratings.values() if v not in RATINGS]
    if bad:
        problems.append(Problem("ratings", f"Unknown rating {bad[0]!r} (use {', '.join(RATINGS)})."))
    if not any(v in RATINGS and v != "NA" for k, v in draft.ratings.items() if k in scenario_keys):
        problems.append(Problem("ratings", "Rate the item against at least one scenario."))
    if draft.credibility not in CREDIBILITY_WEIGHTS:
        problems.append(Problem("credibility", f"Credibility {draft.credibility} is not 1-6."))
    if draft.relevance not in RELEVANCE_WEIGHTS:
        problems.append(Problem("relevance", f"Relevance {draft.relevance!r} is not high, medium or low."))
    return problems


def quote_fingerprint(quote: str) -> str:
    """The quote as duplicates are compared: case folded, runs of whitespace as one space, trimmed.
    The same words from the same source are one fact however they were pasted."""
    return " ".join(quote.casefold().split())


def duplicate_problem(earlier_key: str) -> Problem:
    """The refusal of an exact duplicate, naming the item it repeats (logging it again would count it twice)."""
    return Problem("quote", f"Already logged as {earlier_key}: the same quote from the same source counts once.",
                   DUPLICATE_QUOTE)


def next_key(prefix: str, existing: list[str]) -> str:
    """The next generated key (`e15`, `s3`…): one past the highest `prefix<number>` in use."""
    highest = 0
    for key in existing:
        if key.startswith(prefix) and key[len(prefix):].isdigit():
            highest = max(highest, int(key[len(prefix):]))
    return f"{prefix}{highest + 1}"


def clean_tags(tags) -> tuple[str, ...]:
    """Trimmed, lower-cased, de-duplicated tags in the order given."""
    out: list[str] = []
    for t in tags:
        t = t.strip().lower()
        if t and t not in out:
            out.append(t)
    return tuple(out)
