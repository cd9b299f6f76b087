"""Suggestions from an article's text: candidate evidence, quantities, dates and attributions.

Design section 4. Everything here is a suggestion the analyst accepts or rejects; nothing
is logged without that. Pure Python: the store and the screens only see these dataclasses.
"""

from __future__ import annotations

from desktop.domain.extraction import cached_re as re
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.extraction.actors import actor_mentions, figure_actors
from desktop.domain.extraction.attributions import Attribution, find_attributions
from desktop.domain.extraction.boilerplate import boilerplate_lines, credit_length, is_boilerplate
from desktop.domain.extraction.boilerplate import inside as on_lines
from desktop.domain.extraction.indicator_match import IndicatorRef, match_indicator
from desktop.domain.extraction.quantities import Quantity, find_quantities

# dates (dateparser) and sentences (pysbd) load when an article is read, not when the number reader is
# used alone: every evidence item's fact signature reads figures (domain/fact_signature), the window's
# first start included, and the two cost 100 ms to import.
_LAZY = {"DateMention": "desktop.domain.extraction.dates", "find_dates": "desktop.domain.extraction.dates",
         "sentence_spans": "desktop.domain.extraction.sentences"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Above this, a text is not read for suggestions (a book, a data dump): imported, not suggested from.
MAX_EXTRACT_CHARS = 400_000
LANGUAGES = ("en", "es")

_EVENT_WORDS = {
    "en": re.compile(r"\b(strikes?|struck|attack(?:s|ed)?|kill(?:s|ed|ing)?|dead|deploy(?:s|ed|ment)?|"
                     r"designat(?:e|ed|es|ion)|sanction(?:s|ed)?|announc(?:e|ed|es)|arriv(?:e|ed|al)|"
                     r"authori[sz](?:e|ed)|order(?:s|ed)|talks?|negotiat\w*|met|meeting|call(?:ed)?|"
                     r"release[ds]?|captur\w*|bomb\w*|flew|destroy\w*|sunk|sank|mobili[sz]\w*|invade\w*)\b",
                     re.IGNORECASE),
    "es": re.compile(r"\b(ataques?|atac\w+|muert[oe]s?|murieron|fallec\w+|despleg\w+|despliegue|design\w+|"
                     r"sancion\w*|anunci\w+|lleg\w+|autoriz\w+|orden\w*|conversaci\w+|negoci\w+|llamada|"
                     r"reuni\w+|liber\w+|captur\w+|bombarde\w+|destru\w+|moviliz\w+|hund\w+)\b", re.IGNORECASE),
}
# A day after these words is where a count starts or a point of reference ("since 2 September"),
# not when the sentence's news happened.
_REFERENCE_DAY = re.compile(r"\b(since|from|after|before|until|desde|tras|hasta|después de|antes de|a partir de)"
                            r"\s+(the\s+|el\s+)?$", re.IGNORECASE)
_DIRECT_QUOTE = re.compile(r"[“\"«][^”\"»]{12,}[”\"»]")


@dataclass(frozen=True)
class EvidenceCandidate:
    start: int
    end: int
    quote: str
    observed: date | None          # the day the sentence names, else the publication date
    reasons: tuple[str, ...]       # "attributed", "direct quote", "figures", "date", "event"
    who: str | None = None
    until: date | None = None      # when the sentence names a range of days ("3–4 December"), its last day


@dataclass(frozen=True)
class QuantitySuggestion:
    quantity: Quantity
    sentence: int                  # index into Extraction.evidence
    indicator: str | None          # key of the matched indicator, None: offer a new one


@dataclass(frozen=True)
class Extraction:
    language: str
    published: date | None
    evidence: tuple[EvidenceCandidate, ...] = ()
    quantities: tuple[QuantitySuggestion, ...] = ()
    dates: tuple[DateMention, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    skipped: str | None = None     # why nothing was suggested, when nothing was
    notes: tuple[str, ...] = field(default=())


def guess_language(text: str) -> str:
    """English or Spanish, by the commoner function words (the two languages the rules know)."""
    words = re.findall(r"[a-záéíóúñ]+", text[:20_000].lower())
    es = sum(w in {"el", "la", "los", "las", "de", "que", "y", "en", "del", "por", "con", "para", "una", "según"}
             for w in words)
    en = sum(w in {"the", "of", "and", "to", "in", "that", "is", "was", "for", "with", "on", "by", "said"}
             for w in words)
    return "es" if es > en else "en"


def extract(text: str, language: str | None = None, published: date | None = None,
            indicators: tuple[IndicatorRef, ...] = ()) -> Extraction:
    from desktop.domain.extraction.dates import find_dates
    from desktop.domain.extraction.sentences import sentence_spans

    language = language if language in LANGUAGES else guess_language(text)
    if len(text) > MAX_EXTRACT_CHARS:
        return Extraction(language, published, skipped=f"the text is {len(text):,} characters; suggestions are "
                                                         f"made for texts up to {MAX_EXTRACT_CHARS:,}")
    quantities = find_quantities(text, language)
    dates = find_dates(text, language, published)
    skipped = boilerplate_lines(text)
    attributions = [a for a in find_attributions(text, language) if not on_lines(skipped, a.start)]
    mentions = actor_mentions(text, language) if indicators else []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    evidence: list[EvidenceCandidate] = []
    suggestions: list[QuantitySuggestion] = []
    for start, end in sentence_spans(text, language):
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        if is_boilerplate(text[start:end], text[line_start:line_end if line_end >= 0 else len(text)]):
            continue               # the page about itself ("Digest of the reported article…", a byline)
        start += credit_length(text[start:end])          # "CARACAS (Reuters) - " is not the quote
        inside = lambda items: [x for x in items if start <= x.start and x.end <= end]  # noqa: E731
        q, d, a = inside(quantities), inside(dates), inside(attributions)
        sentence = text[start:end]
        reasons = []
        if a:
            reasons.append("attributed")
        if _DIRECT_QUOTE.search(sentence):
            reasons.append("direct quote")
        if q:
            reasons.append("figures")
        if any(x.date for x in d):
            reasons.append("date")
        if _EVENT_WORDS[language].search(sentence):
            reasons.append("event")
        if not reasons or len(sentence.split()) < 5:
            continue
        named = next((x for x in d if x.date is not None and not _REFERENCE_DAY.search(
            text[max(start, x.start - 14):x.start])), None)
        observed = named.date if named else published
        index = len(evidence)
        evidence.append(EvidenceCandidate(start, end, sentence, observed, tuple(reasons), a[0].who if a else None,
                                          named.until if named else None))
        for quantity in q:
            whose = figure_actors(text, quantity.start, quantity.end, (start, end), language, mentions, paragraphs) \
                if indicators else frozenset()
            suggestions.append(QuantitySuggestion(quantity, index, match_indicator(quantity, sentence, indicators,
                                                                                    whose)))
    return Extraction(language, published, tuple(evidence), tuple(suggestions), tuple(dates), tuple(attributions))


__all__ = ["Attribution", "DateMention", "EvidenceCandidate", "Extraction", "IndicatorRef", "Quantity",
           "QuantitySuggestion", "extract", "guess_language"]
