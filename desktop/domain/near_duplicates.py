"""When two evidence items report one fact, so that grouping them makes it count once.

Two kinds of likeness are proposed for grouping (never applied silently; the analyst or the
command line decides):

- **the same quote from another source** (a wire copy): the same words, case and spacing aside;
- **the same fact** (a near-duplicate), judged on the fact signatures of the two quotes
  (`fact_signature`: figures, days, names), by this rule:

  1. *nothing contradicts*: if both state figures, they share one; if both name days, they share
     one; if either names none, their observed days are at most a day apart. Two reports of one
     strike may word it any way, but not with another toll or on another day;
  2. *something distinctive is shared*: at least two tokens, one of them a figure or a day. A name
     alone (the same person does many things) or a figure alone (3 is a common number) is not a fact;
  3. *the shared tokens are most of the shorter item*: at least three quarters of the smaller
     signature. Two items that each add a name or figure of their own ("3 people killed on 15
     September off Venezuela" / "Maduro said 3 ships arrived on 15 September": 2 of 3) are two facts
     that happen to share a number and a day; a short item wholly inside a longer one is one fact.

  Tokens that a large part of the situation carries (`generic_tokens`: "Venezuela", "US" in a case
  about them) say nothing about which fact an item reports and are left out of rules 2 and 3 (not
  of rule 1: a different day contradicts however common the day). How common is common needs a
  situation to count in; the caller supplies the counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from desktop.domain.fact_signature import DAY, FIGURE, NAME, FactSignature

SAME_QUOTE, SAME_FACT = "same_quote", "same_fact"
COVERAGE = 0.75           # rule 3: shared tokens / tokens of the smaller signature
GENERIC_SHARE = 0.10      # a token carried by more than a tenth of the situation's items is its backdrop…
GENERIC_FLOOR = 5         # …once more than five items carry it (a small situation has no backdrop yet)
RARE_CAP = 1000           # …and any token a thousand items carry, however big the situation
MAX_CANDIDATES = 50       # items scored per lookup, those sharing the most uncommon tokens


@dataclass(frozen=True)
class FactItem:
    """An item as the rule sees it."""

    id: int
    signature: FactSignature
    observed: date | None = None
    source: int | None = None
    group: str | None = None


@dataclass(frozen=True)
class Likeness:
    kind: str                           # SAME_QUOTE or SAME_FACT
    shared: frozenset[str] = frozenset()
    coverage: float = 1.0

    def kinds(self) -> list[str]:
        """What the two share, in the words the proposal uses: figures, dates, names."""
        return [word for prefix, word in ((FIGURE, "figures"), (DAY, "dates"), (NAME, "names"))
                if any(t.startswith(prefix) for t in self.shared)]

    def reason(self) -> str:
        if self.kind == SAME_QUOTE:
            return "same quote"
        return "same " + ", ".join(self.kinds())


def generic_tokens(counts: dict[str, int], live_items: int) -> frozenset[str]:
    """The tokens too common in the situation to tell one fact from another (see the module's rule)."""
    limit = min(max(GENERIC_FLOOR, GENERIC_SHARE * live_items), RARE_CAP)
    return frozenset(t for t, n in counts.items() if n > limit)


def _days_agree(a: FactItem, b: FactItem) -> bool:
    if a.signature.days and b.signature.days:
        return bool(a.signature.days & b.signature.days)
    when_a = _named_days(a) or ({a.observed} if a.observed else set())
    when_b = _named_days(b) or ({b.observed} if b.observed else set())
    if not when_a or not when_b:
        return True
    return any(abs((x - y).days) <= 1 for x in when_a for y in when_b)


def _named_days(item: FactItem) -> set[date]:
    return {date.fromisoformat(t[len(DAY):]) for t in item.signature.days}


def same_fact(a: FactItem, b: FactItem, generic: frozenset[str] = frozenset()) -> Likeness | None:
    """The rule of the module's docstring, or None when `a` and `b` are not one fact."""
    fa, fb = a.signature.figures, b.signature.figures
    if fa and fb and not fa & fb:
        return None
    if not _days_agree(a, b):
        return None
    mine, theirs = a.signature.facts() - generic, b.signature.facts() - generic
    shared = mine & theirs
    if len(shared) < 2 or not any(t.startswith((FIGURE, DAY)) for t in shared):
        return None
    coverage = len(shared) / min(len(mine), len(theirs))
    if coverage < COVERAGE:
        return None
    return Likeness(SAME_FACT, frozenset(shared), coverage)


def likeness(a: FactItem, b: FactItem, generic: frozenset[str] = frozenset()) -> Likeness | None:
    """A wire copy (the same quote from another source), else the same fact, else None."""
    if a.signature.quote and a.signature.quote == b.signature.quote and a.source != b.source:
        return Likeness(SAME_QUOTE)
    return same_fact(a, b, generic)


def best_match(item: FactItem, candidates: Iterable[FactItem],
               generic: frozenset[str] = frozenset()) -> tuple[FactItem, Likeness] | None:
    """The candidate most like `item`: a wire copy first, then the highest coverage, then the most shared,
    then the earliest (lowest id)."""
    best = None
    for other in candidates:
        if other.id == item.id:
            continue
        found = likeness(item, other, generic)
        if found is None:
            continue
        rank = (found.kind == SAME_QUOTE, found.coverage, len(found.shared), -other.id)
        if best is None or rank > best[0]:
            best = (rank, other, found)
    return (best[1], best[2]) if best else None


def likely_candidates(item: FactItem, holders: dict[str, list[int]], generic: frozenset[str]) -> list[int]:
    """Ids of the items worth scoring against `item`: those sharing its uncommon tokens, most shared first,
    at most MAX_CANDIDATES; its wire copies always (the same as the index lookup does in SQL)."""
    counts: Counter[int] = Counter()
    for token in item.signature.facts() - generic:
        for other in holders.get(token, ()):
            if other != item.id:
                counts[other] += 1
    chosen = [i for i, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]
    copies = [i for i in holders.get(item.signature.quote, ()) if i != item.id and i not in chosen]
    return copies + chosen


def ungrouped_pairs(items: list[FactItem]) -> list[tuple[FactItem, FactItem, Likeness]]:
    """Every (later, earlier, likeness) of `items` (live ones) that a log would propose to group but that
    do not share a group: what a bundle or a situation still counts twice."""
    holders: dict[str, list[int]] = defaultdict(list)
    for item in items:
        for token in item.signature.tokens():
            holders[token].append(item.id)
    counts = {t: len(ids) for t, ids in holders.items() if not t.startswith("q:")}
    generic = generic_tokens(counts, len(items))
    by_id = {item.id: item for item in items}
    out = []
    seen: set[tuple[int, int]] = set()
    for item in items:
        for other_id in likely_candidates(item, holders, generic):
            pair = (min(item.id, other_id), max(item.id, other_id))
            if pair in seen:
                continue
            other = by_id[other_id]
            found = likeness(item, other, generic)
            if found is None:
                continue
            seen.add(pair)
            if item.group is not None and item.group == other.group:
                continue
            later, earlier = (item, other) if item.id > other.id else (other, item)
            out.append((later, earlier, found))
    out.sort(key=lambda t: (t[0].id, t[1].id))
    return out
