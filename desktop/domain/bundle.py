"""Bundle format v1 (design section 5): parse, validate and write a situation.

Validation is pure and complete before anything touches a database, so an import
either has a clean `Bundle` to write in one transaction or a `BundleError` that
names the field and the item ("evidence[3] (e4).ratings.escalation: …").
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any

from desktop.domain.day_rules import before_observed, default_reported
from desktop.domain.evidence_rules import quote_fingerprint
from desktop.domain.grading import RATINGS, RELEVANCE_WEIGHTS, RELIABILITY_WEIGHTS, CREDIBILITY_WEIGHTS
from desktop.domain.indicator_rules import ObservationDraft, check_observation
from desktop.domain.indicators import IndicatorKind
from desktop.domain.text_safety import clean_text

FORMAT = "signpost-bundle"
VERSION = 1
SOURCE_KINDS = ("article", "statement", "report", "social", "other", "feed entry", "pasted text", "digest")
# A digest retells an outlet's report in other words: its quotes are not the outlet's own.
DIGEST = "digest"
DIGEST_NOTE = "digest — not the outlet's wording"
SUGGESTION_KINDS = ("evidence", "quantity")
SUGGESTION_STATUSES = ("pending", "accepted", "rejected")
_KEY_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class BundleError(ValueError):
    """A bundle that cannot be imported; the message names the field and the item."""


@dataclass(frozen=True)
class BundleScenario:
    key: str
    name: str
    description: str
    prior: float
    colour: str | None = None
    prior_rationale: str = ""    # why this prior (base rate, reference class)
    archived: bool = False       # retired: out of the model, its ratings kept; its prior is not in the sum


@dataclass(frozen=True)
class BundleSuggestion:
    """What extraction proposed from a source, and the analyst's decision on it."""

    kind: str
    start: int
    end: int
    text: str
    payload: dict
    status: str = "pending"
    decided_at: datetime | None = None
    evidence: str | None = None                      # the evidence key it became
    observation: tuple[str, int] | None = None       # (indicator key, index in its observations) it became


@dataclass(frozen=True)
class BundleSource:
    key: str
    title: str
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published_at: date | None = None
    reliability: str = "F"
    reliability_note: str | None = None
    kind: str = "article"
    language: str | None = None
    text: str = ""
    story: str | None = None               # sources grouped as one story share it
    deleted_at: datetime | None = None     # removed from the case (undoable), kept in the file
    suggestions: tuple[BundleSuggestion, ...] = ()


@dataclass(frozen=True)
class BundleEvidence:
    key: str
    quote: str
    ratings: dict[str, str]
    observed_at: date
    source: str | None = None
    summary: str = ""
    credibility: int = 6
    relevance: str = "medium"
    group: str | None = None
    tags: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    paraphrase: bool = False
    logged_at: datetime | None = None      # when it entered the log (judgements rest on what came since)
    deleted_at: datetime | None = None
    reported_at: date | None = None        # when it became known; None: the default (day_rules.default_reported)


@dataclass(frozen=True)
class BundleObservation:
    at: date
    value: float
    evidence: str | None = None
    qualifier: str | None = None
    note: str | None = None
    reported_at: date | None = None        # None: its evidence's reported date, else `at` (never before `at`)


@dataclass(frozen=True)
class BundleIndicator:
    key: str
    name: str
    unit: str
    kind: str = IndicatorKind.LEVEL.value
    warn: float | None = None
    alert: float | None = None
    higher_is_worse: bool = True
    description: str = ""
    scenarios: dict[str, int] = field(default_factory=dict)
    observations: tuple[BundleObservation, ...] = ()
    trend_days: int = 14
    archived_at: datetime | None = None


@dataclass(frozen=True)
class BundleJudgement:
    scenario: str
    probability: float
    at: datetime
    analyst: str = ""
    rationale: str = ""
    basis: tuple[str, ...] = ()            # keys of the evidence logged since the round before
    stated_on: date | None = None          # the day it is stated for; None: the day (UTC) of `at`


@dataclass(frozen=True)
class Bundle:
    title: str
    description: str
    scenarios: tuple[BundleScenario, ...]
    sources: tuple[BundleSource, ...] = ()
    evidence: tuple[BundleEvidence, ...] = ()
    indicators: tuple[BundleIndicator, ...] = ()
    judgements: tuple[BundleJudgement, ...] = ()
    question: str = ""                 # the question the scenarios answer
    opened_at: date | None = None      # the window it is asked over
    horizon: date | None = None

    @property
    def observation_count(self) -> int:
        return sum(len(i.observations) for i in self.indicators)


# --- reading -----------------------------------------------------------------

def _distinct_keys(pairs: list[tuple[str, Any]]) -> dict:
    """A JSON object, refusing a key given twice (json keeps the last one silently)."""
    obj: dict = {}
    for k, v in pairs:
        if k in obj:
            owner = dict(pairs).get("key")
            where = f" in the object with key {owner!r}" if isinstance(owner, str) else ""
            raise BundleError(f"duplicate key {k!r}{where}")
        obj[k] = v
    return obj


def _no_constant(name: str):
    raise BundleError(f"{name} is not a number a bundle may hold")


def parse_bundle_text(text: str, origin: str = "bundle", today: date | None = None) -> Bundle:
    """Parse the JSON text of a bundle file; `origin` names it in messages."""
    try:
        data = json.loads(text, object_pairs_hook=_distinct_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise BundleError(f"{origin}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except BundleError as exc:
        raise BundleError(f"{origin}: {exc}") from None
    except RecursionError:
        raise BundleError(f"{origin}: not a bundle: its JSON is nested too deeply") from None
    except ValueError as exc:   # an integer beyond Python's 4300-digit conversion limit
        raise BundleError(f"{origin}: a number has more than 4300 digits ({str(exc)[:60]}…)") from None
    return parse_bundle(data, today)


def parse_bundle(data: Any, today: date | None = None) -> Bundle:
    """Validate a decoded bundle document and return it as dataclasses.

    Dates after `today` (default: the machine's) are refused, as the dialogs and the
    command line refuse them: an item cannot be observed, or a source published, later."""
    today = today or date.today()
    top = _Obj(data, "bundle")
    top.allow("format", "version", "situation", "scenarios", "sources", "evidence", "indicators", "judgements")
    if top.get("format") != FORMAT:
        raise BundleError(f"bundle.format: expected {FORMAT!r}, found {top.get('format')!r}")
    version = top.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BundleError(f"bundle.version: expected a whole number, found {version!r}")
    if version > VERSION:
        raise BundleError(
            f"bundle.version: version {version} is newer than this Signpost understands ({VERSION}); update Signpost"
        )
    if version < 1:
        raise BundleError(f"bundle.version: unknown version {version}")

    situation = _Obj(top.req("situation"), "situation")
    situation.allow("title", "description", "question", "opened_at", "horizon")
    title = situation.text("title", required=True)
    description = situation.text("description") or ""
    question = situation.text("question") or ""
    opened_at, horizon = situation.date("opened_at"), situation.date("horizon")
    if opened_at and horizon and horizon < opened_at:
        raise BundleError(f"situation.horizon: {horizon} is before opened_at {opened_at}")

    scenarios = tuple(_scenario(s, i) for i, s in enumerate(top.list("scenarios", required=True)))
    if not any(not s.archived for s in scenarios):
        raise BundleError("bundle.scenarios: a situation needs at least one scenario that is not archived")
    scenarios = _priors_sum_to_one(scenarios)
    _unique([s.key for s in scenarios], "scenarios")
    scenario_keys = {s.key for s in scenarios}

    sources = tuple(_source(s, i, today) for i, s in enumerate(top.list("sources")))
    _unique([s.key for s in sources], "sources")
    _distinct_texts(sources)
    source_text = {s.key: s.text for s in sources}

    evidence = tuple(_evidence(e, i, scenario_keys, source_text, today) for i, e in enumerate(top.list("evidence")))
    _unique([e.key for e in evidence], "evidence")
    _no_duplicate_quotes(evidence)
    evidence_keys = {e.key for e in evidence}

    indicators = tuple(
        _indicator(x, i, scenario_keys, evidence_keys, today) for i, x in enumerate(top.list("indicators"))
    )
    _unique([x.key for x in indicators], "indicators")
    figures = {x.key: len(x.observations) for x in indicators}
    sources = tuple(
        replace(s, suggestions=tuple(_suggestion(raw, f"sources[{i}] ({s.key}).suggestions[{j}]", len(s.text),
                                                 evidence_keys, figures)
                                     for j, raw in enumerate(_suggestions_of(top, i))))
        for i, s in enumerate(sources))
    judgements = tuple(_judgement(j, i, scenario_keys, evidence_keys, today)
                       for i, j in enumerate(top.list("judgements")))
    return Bundle(title, description, scenarios, sources, evidence, indicators, judgements, question, opened_at,
                  horizon)


def _suggestions_of(top: "_Obj", i: int) -> list:
    raw = top.list("sources")[i]
    found = raw.get("suggestions") if isinstance(raw, dict) else None
    if found is None:
        return []
    if not isinstance(found, list):
        raise BundleError(f"sources[{i}].suggestions: expected a list, found {type(found).__name__}")
    return found


def _suggestion(raw: Any, where: str, text_length: int, evidence_keys: set[str],
                figures: dict[str, int]) -> BundleSuggestion:
    o = _Obj(raw, where)
    o.allow("kind", "start", "end", "text", "payload", "status", "decided_at", "evidence", "observation")
    kind = o.text("kind", required=True)
    if kind not in SUGGESTION_KINDS:
        raise BundleError(f"{where}.kind: unknown kind {_short(kind)} (expected evidence or quantity)")
    start, end = o.integer("start"), o.integer("end")
    if start is None or end is None or not 0 <= start <= end <= text_length:
        raise BundleError(f"{where}.start: offsets {start}-{end} are not inside the source's text")
    status = o.text("status") or "pending"
    if status not in SUGGESTION_STATUSES:
        raise BundleError(f"{where}.status: unknown status {_short(status)} (expected pending, accepted or rejected)")
    payload = o.get("payload") or {}
    if not isinstance(payload, dict):
        raise BundleError(f"{where}.payload: expected an object, found {type(payload).__name__}")
    evidence = o.text("evidence")
    if evidence is not None and evidence not in evidence_keys:
        raise BundleError(f"{where}.evidence: no evidence with key {evidence!r}")
    observation = None
    if o.get("observation") is not None:
        link = _Obj(o.get("observation"), f"{where}.observation")
        link.allow("indicator", "index")
        indicator, index = link.text("indicator", required=True), link.integer("index")
        if indicator not in figures or index is None or not 0 <= index < figures[indicator]:
            raise BundleError(f"{where}.observation: no figure {index} of indicator {indicator!r}")
        observation = (indicator, index)
    return BundleSuggestion(kind, start, end, o.text("text") or "", payload, status, o.datetime("decided_at"),
                            evidence, observation)


def _unique(keys: list[str], kind: str) -> None:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            raise BundleError(f"{kind}[{i}] ({key}).key: duplicate key {key!r}")
        seen.add(key)


def _distinct_texts(sources: tuple[BundleSource, ...]) -> None:
    """The same text twice is one source imported twice (the store refuses it too)."""
    seen: dict[str, int] = {}
    for i, s in enumerate(sources):
        if not s.text:
            continue
        digest = text_sha256(s.text)
        if digest in seen:
            j = seen[digest]
            raise BundleError(f"sources[{i}] ({s.key}).text: same text as sources[{j}] ({sources[j].key})")
        seen[digest] = i


def text_sha256(text: str) -> str:
    """The duplicate guard of a source: sha256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _scenario(raw: Any, i: int) -> BundleScenario:
    o = _Obj(raw, f"scenarios[{i}]")
    o.allow("key", "name", "description", "prior", "prior_rationale", "colour", "archived")
    prior = o.number("prior", required=True)
    if not 0.0 < prior <= 1.0:
        raise BundleError(f"{o.where}.prior: {prior} is outside (0, 1]")
    colour = o.text("colour")
    if colour is not None and not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):
        raise BundleError(f"{o.where}.colour: expected #rrggbb, found {colour!r}")
    return BundleScenario(o.key("key"), o.text("name", required=True), o.text("description") or "", prior, colour,
                          o.text("prior_rationale") or "", o.flag("archived"))


def _source(raw: Any, i: int, today: date) -> BundleSource:
    o = _Obj(raw, f"sources[{i}]")
    o.allow("key", "title", "outlet", "author", "url", "published_at", "reliability", "reliability_note",
            "kind", "language", "text", "story", "deleted_at", "suggestions")
    key = o.key("key")
    reliability = o.text("reliability") or "F"
    if reliability not in RELIABILITY_WEIGHTS:
        raise BundleError(f"{o.where}.reliability: unknown grade {reliability!r} (expected A-F)")
    kind = o.text("kind") or "article"
    if kind not in SOURCE_KINDS:
        raise BundleError(f"{o.where}.kind: unknown kind {kind!r} (expected {', '.join(SOURCE_KINDS)})")
    return BundleSource(
        key=key, title=o.text("title", required=True), outlet=o.text("outlet"), author=o.text("author"),
        url=o.text("url"), published_at=o.date("published_at", today=today), reliability=reliability,
        reliability_note=o.text("reliability_note"), kind=kind, language=o.text("language"),
        text=o.text("text") or "", story=o.text("story"), deleted_at=o.datetime("deleted_at"),
    )


# A set of priors that misses 1 by more than rounding was a slip, and rescaling it quietly would put
# numbers on screen the analyst never chose (0.9/0.9/0.2 became 0.45/0.45/0.1). Within rounding
# (0.3333 × 3) the set is normalised, as design §5 says.
PRIOR_SUM_TOLERANCE = 0.01


def _priors_sum_to_one(scenarios: tuple[BundleScenario, ...]) -> tuple[BundleScenario, ...]:
    """Archived scenarios keep the prior they had and are not in the sum."""
    live = [s for s in scenarios if not s.archived]
    total = math.fsum(s.prior for s in live)
    if abs(total - 1.0) > PRIOR_SUM_TOLERANCE:
        listed = ", ".join(f"{s.key} {s.prior:g}" for s in live)
        raise BundleError(f"scenarios.prior: the priors sum to {total:.6g}, not 1 ({listed})")
    if total == 1.0:
        return scenarios
    return tuple(s if s.archived else replace(s, prior=s.prior / total) for s in scenarios)


def _no_duplicate_quotes(evidence) -> None:
    """The same quote from the same source, twice among the live items, would count one fact twice."""
    seen: dict[tuple[str | None, str], str] = {}
    for i, e in enumerate(evidence):
        if e.deleted_at is not None:
            continue
        earlier = seen.setdefault((e.source, quote_fingerprint(e.quote)), e.key)
        if earlier != e.key:
            raise BundleError(f"evidence[{i}] ({e.key}).quote: the same quote from the same source as {earlier} "
                              "(it would count twice)")


def _evidence(raw: Any, i: int, scenario_keys: set[str], source_text: dict[str, str], today: date) -> BundleEvidence:
    o = _Obj(raw, f"evidence[{i}]")
    o.allow("key", "source", "quote", "summary", "observed_at", "credibility", "relevance", "group", "tags",
            "ratings", "start", "end", "paraphrase", "logged_at", "deleted_at", "reported_at")
    key = o.key("key")
    quote = o.text("quote")
    if quote is None:
        raise BundleError(f"{o.where}.quote: missing")
    if not quote.strip():
        raise BundleError(f"{o.where}.quote: the quote is empty")
    source = o.text("source")
    if source is not None and source not in source_text:
        raise BundleError(f"{o.where}.source: no source with key {source!r} in this bundle")
    paraphrase = o.flag("paraphrase")
    start, end = o.integer("start"), o.integer("end")
    if source is not None and not paraphrase and source_text[source]:
        text = source_text[source]
        held = start is not None and end is not None and 0 <= start < end <= len(text) and text[start:end] == quote
        if not held:  # no offsets, or offsets into the text before its control characters were dropped
            found = text.find(quote)
            if found < 0:
                if start is not None and end is not None:
                    raise BundleError(
                        f"{o.where}.start: offsets {start}-{end} do not hold the quote in source {source!r}")
                raise BundleError(
                    f"{o.where}.quote: not found in the text of source {source!r} (mark it \"paraphrase\": true)"
                )
            start, end = found, found + len(quote)
    credibility = o.integer("credibility")
    credibility = 6 if credibility is None else credibility
    if credibility not in CREDIBILITY_WEIGHTS:
        raise BundleError(f"{o.where}.credibility: {credibility} is not an Admiralty credibility (1-6)")
    relevance = o.text("relevance") or "medium"
    if relevance not in RELEVANCE_WEIGHTS:
        raise BundleError(f"{o.where}.relevance: unknown relevance {relevance!r} (expected high, medium or low)")
    ratings_obj = _Obj(o.req("ratings"), f"{o.where}.ratings")
    ratings: dict[str, str] = {}
    for scenario, value in ratings_obj.items():
        if scenario not in scenario_keys:
            raise BundleError(f"{o.where}.ratings.{scenario}: no scenario with key {scenario!r}")
        if value not in RATINGS:
            raise BundleError(
                f"{o.where}.ratings.{scenario}: unknown rating {value!r} (expected one of {', '.join(RATINGS)})"
            )
        ratings[scenario] = value
    tags = o.list("tags")
    for t, tag in enumerate(tags):
        if not isinstance(tag, str) or not tag.strip():
            raise BundleError(f"{o.where}.tags[{t}]: expected a non-empty text, found {_short(tag)}")
    observed_at = o.date("observed_at", required=True, today=today)
    reported_at = o.date("reported_at", today=today)
    if reported_at is not None and before_observed(reported_at, observed_at):
        raise BundleError(f"{o.where}.reported_at: {before_observed(reported_at, observed_at).rstrip('.')}")
    return BundleEvidence(
        key=key, quote=quote, ratings=ratings, observed_at=observed_at, reported_at=reported_at,
        source=source,
        summary=o.text("summary") or "", credibility=credibility, relevance=relevance, group=o.text("group"),
        tags=tuple(t.strip() for t in tags), start=start, end=end, paraphrase=paraphrase,
        logged_at=o.datetime("logged_at"), deleted_at=o.datetime("deleted_at"),
    )


def _indicator(raw: Any, i: int, scenario_keys: set[str], evidence_keys: set[str], today: date) -> BundleIndicator:
    o = _Obj(raw, f"indicators[{i}]")
    o.allow("key", "name", "unit", "kind", "warn", "alert", "higher_is_worse", "description", "scenarios",
            "observations", "trend_days", "archived_at")
    trend_days = o.integer("trend_days")
    trend_days = 14 if trend_days is None else trend_days
    if not 1 <= trend_days <= 3650:
        raise BundleError(f"{o.where}.trend_days: {_short(trend_days)} is not 1 to 3650 days")
    key = o.key("key")
    kind = o.text("kind") or IndicatorKind.LEVEL.value
    if kind not in {k.value for k in IndicatorKind}:
        raise BundleError(f"{o.where}.kind: unknown kind {kind!r} (expected level, cumulative or events)")
    links_obj = _Obj(o.get("scenarios") or {}, f"{o.where}.scenarios")
    links: dict[str, int] = {}
    for scenario, sign in links_obj.items():
        if scenario not in scenario_keys:
            raise BundleError(f"{o.where}.scenarios.{scenario}: no scenario with key {scenario!r}")
        if sign not in (1, -1) or isinstance(sign, bool):
            raise BundleError(f"{o.where}.scenarios.{scenario}: expected 1 or -1, found {_short(sign)}")
        links[scenario] = int(sign)
    observations = []
    for j, raw_obs in enumerate(o.list("observations")):
        ob = _Obj(raw_obs, f"{o.where}.observations[{j}]")
        ob.allow("at", "value", "evidence", "qualifier", "note", "reported_at")
        evidence = ob.text("evidence")
        if evidence is not None and evidence not in evidence_keys:
            raise BundleError(f"{ob.where}.evidence: no evidence with key {evidence!r}")
        figure = BundleObservation(
            at=ob.date("at", required=True, today=today), value=ob.number("value", required=True), evidence=evidence,
            qualifier=ob.text("qualifier"), note=ob.text("note"), reported_at=ob.date("reported_at", today=today),
        )
        if figure.reported_at is not None and before_observed(figure.reported_at, figure.at):
            raise BundleError(f"{ob.where}.reported_at: {before_observed(figure.reported_at, figure.at).rstrip('.')}")
        problems = check_observation(ObservationDraft(figure.at, figure.value, figure.qualifier), today, kind)
        if problems:
            raise BundleError(f"{ob.where}.{problems[0].field}: {problems[0].message.rstrip('.')}")
        observations.append(figure)
    higher = o.get("higher_is_worse", True)
    if not isinstance(higher, bool):
        raise BundleError(f"{o.where}.higher_is_worse: expected true or false, found {_short(higher)}")
    return BundleIndicator(
        key=key, name=o.text("name", required=True), unit=o.text("unit") or "", kind=kind, warn=o.number("warn"),
        alert=o.number("alert"), higher_is_worse=higher, description=o.text("description") or "",
        scenarios=links, observations=tuple(observations), trend_days=trend_days,
        archived_at=o.datetime("archived_at"),
    )


def _judgement(raw: Any, i: int, scenario_keys: set[str], evidence_keys: set[str], today: date) -> BundleJudgement:
    o = _Obj(raw, f"judgements[{i}]")
    o.allow("scenario", "probability", "at", "stated_on", "analyst", "rationale", "basis")
    basis = o.list("basis")
    for b, key in enumerate(basis):
        if key not in evidence_keys:
            raise BundleError(f"{o.where}.basis[{b}]: no evidence with key {_short(key)}")
    scenario = o.text("scenario", required=True)
    if scenario not in scenario_keys:
        raise BundleError(f"{o.where}.scenario: no scenario with key {scenario!r}")
    probability = o.number("probability", required=True)
    if not 0.0 <= probability <= 1.0:
        raise BundleError(f"{o.where}.probability: {probability} is outside [0, 1]")
    return BundleJudgement(scenario, probability, o.datetime("at", required=True), o.text("analyst") or "",
                           o.text("rationale") or "", tuple(basis), o.date("stated_on", today=today))


def _short(value: Any) -> str:
    """A value as a message shows it: a 5,000-digit number or a whole article is cut short."""
    text = repr(value) if not isinstance(value, int) or isinstance(value, bool) or abs(value) < 10**60 \
        else f"a {len(str(abs(value)))}-digit number"
    return text if len(text) <= 80 else text[:77] + "..."


class _Obj:
    """A JSON object being read, with its path for error messages."""

    def __init__(self, raw: Any, where: str):
        if not isinstance(raw, dict):
            raise BundleError(f"{where}: expected an object, found {type(raw).__name__}")
        self.raw = raw
        key = raw.get("key")
        self.where = f"{where} ({key})" if isinstance(key, str) and key else where

    def allow(self, *keys: str) -> None:
        for k in self.raw:
            if k not in keys:
                raise BundleError(f"{self.where}: unknown key {k!r}")

    def items(self):
        return self.raw.items()

    def get(self, k: str, default: Any = None) -> Any:
        return self.raw.get(k, default)

    def req(self, k: str) -> Any:
        if k not in self.raw or self.raw[k] is None:
            raise BundleError(f"{self.where}.{k}: missing")
        return self.raw[k]

    def text(self, k: str, required: bool = False) -> str | None:
        v = self.req(k) if required else self.raw.get(k)
        if v is None:
            return None
        if not isinstance(v, str):
            raise BundleError(f"{self.where}.{k}: expected text, found {_short(v)}")
        v = clean_text(v)
        if required and not v.strip():
            raise BundleError(f"{self.where}.{k}: must not be empty")
        return v

    def key(self, k: str) -> str:
        v = self.text(k, required=True)
        if not _KEY_RE.match(v):
            raise BundleError(f"{self.where}.{k}: {_short(v)} is not a key (letters, digits, _ . : -)")
        return v

    def number(self, k: str, required: bool = False) -> float | None:
        v = self.req(k) if required else self.raw.get(k)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise BundleError(f"{self.where}.{k}: expected a number, found {_short(v)}")
        try:
            number = float(v)
        except OverflowError:
            raise BundleError(f"{self.where}.{k}: {_short(v)} is too large a number") from None
        if not math.isfinite(number):
            raise BundleError(f"{self.where}.{k}: expected a finite number, found {_short(v)}")
        return number

    def integer(self, k: str) -> int | None:
        v = self.raw.get(k)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            raise BundleError(f"{self.where}.{k}: expected a whole number, found {_short(v)}")
        return v

    def flag(self, k: str) -> bool:
        v = self.raw.get(k, False)
        if not isinstance(v, bool):
            raise BundleError(f"{self.where}.{k}: expected true or false, found {_short(v)}")
        return v

    def list(self, k: str, required: bool = False) -> list:
        v = self.req(k) if required else self.raw.get(k)
        if v is None:
            return []
        if not isinstance(v, list):
            raise BundleError(f"{self.where}.{k}: expected a list, found {type(v).__name__}")
        return v

    def date(self, k: str, required: bool = False, today: date | None = None) -> date | None:
        v = self.text(k, required)
        if v is None:
            return None
        try:
            day = parse_iso_date(v)
        except ValueError:
            raise BundleError(f"{self.where}.{k}: {_short(v)} is not a valid ISO 8601 date") from None
        if today is not None and day > today:
            raise BundleError(f"{self.where}.{k}: {v} is after today")
        return day

    def datetime(self, k: str, required: bool = False) -> datetime | None:
        v = self.text(k, required)
        if v is None:
            return None
        try:
            return parse_iso_datetime(v)
        except ValueError:
            raise BundleError(f"{self.where}.{k}: {_short(v)} is not a valid ISO 8601 date or date-time") from None


def parse_iso_date(text: str) -> date:
    """A calendar date from "2025-11-24" or a date-time with offset (its own calendar day)."""
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text).date()


def parse_iso_datetime(text: str) -> datetime:
    """An aware UTC date-time; a bare date means midnight UTC, a naive time is taken as UTC."""
    if len(text) == 10:
        d = date.fromisoformat(text)
        return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def evidence_reported(b: Bundle) -> dict[str, date]:
    """Each item's reported date as the file states it, else its default (its source's publication date,
    else its own day, never before that day): what the database stores for it."""
    published = {s.key: s.published_at for s in b.sources}
    return {e.key: e.reported_at or default_reported(e.observed_at, published.get(e.source)) for e in b.evidence}


def figure_reported(o: BundleObservation, evidence_reported_at: dict[str, date]) -> date:
    """A figure's reported date as the file states it, else its evidence's (never before its day), else its day."""
    return o.reported_at or default_reported(o.at, evidence_reported_at.get(o.evidence) if o.evidence else None)


# --- writing -----------------------------------------------------------------

def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _suggestion_dict(g: BundleSuggestion) -> dict:
    return _drop_none({
        "kind": g.kind, "start": g.start, "end": g.end, "text": g.text, "payload": g.payload, "status": g.status,
        "decided_at": _when(g.decided_at), "evidence": g.evidence,
        "observation": {"indicator": g.observation[0], "index": g.observation[1]} if g.observation else None})


def bundle_to_dict(b: Bundle) -> dict:
    """The JSON document of a bundle (lossless for every field `parse_bundle` reads; optional keys
    that hold their default are left out, so a hand-written bundle stays short)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "situation": {"title": b.title, "description": b.description,
                      **_drop_none({"question": b.question or None,
                                    "opened_at": b.opened_at.isoformat() if b.opened_at else None,
                                    "horizon": b.horizon.isoformat() if b.horizon else None})},
        "scenarios": [
            _drop_none({"key": s.key, "name": s.name, "description": s.description, "prior": s.prior,
                        "prior_rationale": s.prior_rationale or None, "colour": s.colour,
                        "archived": True if s.archived else None})
            for s in b.scenarios
        ],
        "sources": [
            {"key": s.key, "title": s.title, "outlet": s.outlet, "author": s.author, "url": s.url,
             "published_at": s.published_at.isoformat() if s.published_at else None,
             "reliability": s.reliability, "reliability_note": s.reliability_note, "kind": s.kind,
             "language": s.language, "text": s.text,
             **_drop_none({"story": s.story, "deleted_at": _when(s.deleted_at)}),
             **({"suggestions": [_suggestion_dict(g) for g in s.suggestions]} if s.suggestions else {})}
            for s in b.sources
        ],
        "evidence": [
            {"key": e.key, "source": e.source, "quote": e.quote, "summary": e.summary,
             "observed_at": e.observed_at.isoformat(), "credibility": e.credibility, "relevance": e.relevance,
             "group": e.group, "tags": list(e.tags), "ratings": dict(e.ratings),
             **_drop_none({"start": e.start, "end": e.end}), **({"paraphrase": True} if e.paraphrase else {}),
             **_drop_none({"logged_at": _when(e.logged_at), "deleted_at": _when(e.deleted_at),
                           "reported_at": e.reported_at.isoformat() if e.reported_at else None})}
            for e in b.evidence
        ],
        "indicators": [
            {"key": x.key, "name": x.name, "unit": x.unit, "kind": x.kind, "warn": x.warn, "alert": x.alert,
             "higher_is_worse": x.higher_is_worse, "description": x.description, "scenarios": dict(x.scenarios),
             "observations": [
                 {"at": o.at.isoformat(), "value": o.value, "evidence": o.evidence, "qualifier": o.qualifier,
                  "note": o.note, **({"reported_at": o.reported_at.isoformat()} if o.reported_at else {})}
                 for o in x.observations
             ], **({"trend_days": x.trend_days} if x.trend_days != 14 else {}),
             **_drop_none({"archived_at": _when(x.archived_at)})}
            for x in b.indicators
        ],
        "judgements": [
            {"scenario": j.scenario, "probability": j.probability, "at": j.at.isoformat(),
             **_drop_none({"stated_on": j.stated_on.isoformat() if j.stated_on else None}), "analyst": j.analyst,
             "rationale": j.rationale, **({"basis": list(j.basis)} if j.basis else {})}
            for j in b.judgements
        ],
    }
