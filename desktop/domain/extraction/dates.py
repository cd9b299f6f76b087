"""Expressions that name one day, resolved to a calendar date.

Absolute dates ("24 November 2025", "Feb. 9", "el 2 de septiembre de 2025") are parsed by
dateparser, with the year taken from the publication date when the text leaves it out.
Relative ones are resolved here, because their meaning depends on where they stand:
a bare weekday is the latest such day on or before publication (the next one when the
sentence speaks of the future); "the previous Thursday", "el viernes anterior", "eight days
prior", "the same Monday" count from the last day the text named; "yesterday"/"ayer" from
the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

from desktop.domain.extraction.lexicon import (
    AFTER_WORDS, DAY_UNITS, DAY_WORDS, MONTHS, WEEKDAYS,
)
from desktop.domain.extraction.numbers import find_numbers


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: date | None     # None when nothing in the text or its metadata fixes the day


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _patterns(language: str) -> list[tuple[str, re.Pattern]]:
    months, days = _alt(MONTHS[language]), _alt(WEEKDAYS[language])
    units = _alt(DAY_UNITS[language])
    numberish = r"(?:\d{1,3}|[^\W\d_]+(?:[ -][^\W\d_]+)?)"
    flags = re.IGNORECASE | re.UNICODE
    if language == "es":
        return [
            ("absolute", re.compile(
                rf"\b(?:(?:el|este|esta|del)\s+)?(?:(?:pasado|próximo)\s+)?(?:(?:{days})\s+)?(\d{{1,2}})\s+de\s+"
                rf"(?:{months})\.?(?:\s+(?:de|del)\s+(\d{{4}}))?\b", flags)),
            ("weekday_day", re.compile(rf"\b(?:(?:el|este)\s+)?({days})\s+(\d{{1,2}})\b(?!\s+de\s)", flags)),
            ("counted", re.compile(rf"\bhace\s+({numberish})\s+({units})\b", flags)),
            ("counted", re.compile(rf"\b({numberish})\s+({units})\s+(antes|después|despues|más tarde)\b", flags)),
            ("weekday", re.compile(
                rf"\b(?:(el mismo|el pasado|el próximo|este|esta|el)\s+)?({days})(?:\s+(pasado|próximo|anterior|"
                rf"siguiente))?\b", flags)),
            ("day_word", re.compile(rf"\b({_alt(DAY_WORDS[language])})\b", flags)),
            ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
        ]
    return [
        ("absolute", re.compile(
            rf"\b(?:(?:{days}),?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:{months})\b\.?(?:,?\s+(\d{{4}}))?", flags)),
        ("absolute", re.compile(
            rf"\b(?:(?:{days}),?\s+)?(?:{months})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", flags)),
        ("counted", re.compile(rf"\b({numberish})\s+({units})\s+(ago|prior|earlier|later|(?:before|after)"
                               rf"(?=\s*[,.;:)]|\s*$))\b", flags)),
        ("weekday", re.compile(
            rf"\b(?:(the same|the previous|the following|the next|this|last|next|that|on)\s+)?({days})\b", flags)),
        ("day_word", re.compile(rf"\b({_alt(DAY_WORDS[language])})\b", flags)),
        ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ]


_FUTURE = {"en": re.compile(r"\b(will|shall|is scheduled|are scheduled|is expected|are expected|is due|plans? to|"
                            r"is set to|next)\b|'ll\b", re.IGNORECASE),
           "es": re.compile(r"\b(va a|van a|será|serán|prevista|previsto|está previsto|se reunirá|viajará|"
                            r"próximo|próxima)\b|\w+rá\b", re.IGNORECASE)}


def find_dates(text: str, language: str, published: date | None) -> list[DateMention]:
    language = language if language in MONTHS else "en"
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, pattern in _patterns(language):
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if any(s < end and start < e for s, e, _k, _m in found):
                continue         # an earlier (more specific) pattern has it
            found.append((start, end, kind, m))
    found.sort(key=lambda f: f[0])
    out: list[DateMention] = []
    anchor: date | None = None
    for start, end, kind, m in found:
        day = _resolve(kind, m, text, language, published, anchor)
        if kind == "counted" and day is None:
            continue          # "three days after the carrier arrived": counted from something unnamed
        if kind == "weekday" and not _is_weekday_mention(m, text, language):
            continue
        surface_start = start + _leading_preposition(m.group(0))
        out.append(DateMention(surface_start, end, text[surface_start:end], day))
        if day is not None:
            anchor = day
    return out


def _leading_preposition(surface: str) -> int:
    m = re.match(r"(?:on|On)\s+", surface)
    return m.end() if m else 0


def _is_weekday_mention(m: re.Match, text: str, language: str) -> bool:
    """Spanish writes weekdays in lower case: a capitalised one mid-sentence is a name ("Domingo Hernández")."""
    if language != "es":
        return True
    word_start = m.start(2)
    word = text[word_start:m.end(2)]
    if not word[:1].isupper() or m.start() != word_start:
        return True
    before = text[:word_start].rstrip(" \t\u00a0(\"“")
    return not before or before[-1] in ".!?:\n"


def _resolve(kind: str, m: re.Match, text: str, language: str, published: date | None,
             anchor: date | None) -> date | None:
    if kind == "iso":
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if kind == "absolute":
        return _absolute(m.group(0), language, published or anchor,
                         has_year=bool(re.search(r"\d{4}", m.group(0))))
    if kind == "day_word":
        if published is None:
            return None
        return published + timedelta(days=DAY_WORDS[language][m.group(1).lower()])
    if kind == "counted":
        amount = _amount(m.group(1), language)
        unit = DAY_UNITS[language][m.group(2).lower()]
        base = anchor or published
        if amount is None or base is None:
            return None
        direction = m.group(3).lower() if m.lastindex and m.lastindex >= 3 else "antes"   # "hace N días"
        sign = 1 if direction in AFTER_WORDS[language] else -1
        if m.group(0).lower().startswith("hace"):
            base, sign = published, -1
            if base is None:
                return None
        return base + timedelta(days=sign * amount * unit)
    if kind == "weekday_day":
        return _weekday_with_day(m, text, language, published or anchor)
    if kind == "weekday":
        return _weekday(m, text, language, published, anchor)
    return None


def _amount(word: str, language: str) -> int | None:
    numbers = find_numbers(word, language)
    if numbers and numbers[0].start == 0 and numbers[0].end == len(word):
        return int(numbers[0].value)
    if word.lower() in ("a", "an", "one", "un", "una"):
        return 1
    return None


def _absolute(surface: str, language: str, base: date | None, has_year: bool) -> date | None:
    if base is None and not has_year:
        return None
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    cleaned = re.sub(r"^(?:el|este|esta|del)\s+(?:(?:pasado|próximo)\s+)?", "", surface.strip(), flags=re.IGNORECASE)
    parsed = dateparser.parse(cleaned, languages=[language], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if not has_year and base is not None:
        day = _nearest_year(day, base)
    return day


def _nearest_year(day: date, base: date) -> date:
    """A day and month without a year: the year that puts it closest to `base` (news looks back more than ahead)."""
    best = None
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:
            continue
        distance = (candidate - base).days
        score = abs(distance) if distance <= 0 else distance * 3
        if best is None or score < best[0]:
            best = (score, candidate)
    return best[1] if best else day


def _weekday(m: re.Match, text: str, language: str, published: date | None, anchor: date | None) -> date | None:
    modifier = (m.group(1) or "").lower()
    after = (m.group(3) or "").lower() if m.lastindex and m.lastindex >= 3 else ""
    target = WEEKDAYS[language][m.group(2).lower()]
    # "Monday (27 October 2025)", "domingo 30 de noviembre": the day written next to it decides
    written = _date_right_after(text, m.end(), language, published or anchor)
    if written is not None and written.weekday() == target:
        return written
    # "the same Monday" is the day the text just named; other weekdays count from publication,
    # as news counts them ("the previous Thursday" of a story published on Monday)
    counting_from_text = modifier in ("the same", "that", "el mismo")
    base = anchor if counting_from_text and anchor is not None else (published or anchor)
    if base is None:
        return None
    if modifier in ("the same", "el mismo", "that"):
        return base if base.weekday() == target else _on_or_before(base, target)
    if modifier in ("the previous", "last", "el pasado") or after in ("pasado", "anterior"):
        return _on_or_before(base - timedelta(days=1), target)
    if modifier in ("the following", "the next", "next", "el próximo") or after in ("próximo", "siguiente"):
        return _on_or_after(base + timedelta(days=1), target)
    if modifier in ("this", "este", "esta"):
        monday = base - timedelta(days=base.weekday())
        return monday + timedelta(days=target)
    sentence = _sentence_around(text, m.start())
    if _FUTURE[language].search(sentence):
        return _on_or_after(base, target)
    return _on_or_before(base, target)


def _weekday_with_day(m: re.Match, text: str, language: str, base: date | None) -> date | None:
    """"el martes 11": day 11 of the month named next in the sentence, else of the base's month."""
    if base is None:
        return None
    target, day_of_month = WEEKDAYS[language][m.group(1).lower()], int(m.group(2))
    month_word = re.search(rf"\b({_alt(MONTHS[language])})\b", text[m.end():m.end() + 60], re.IGNORECASE)
    month = MONTHS[language][month_word.group(1).lower()] if month_word else base.month
    for year in (base.year, base.year - 1, base.year + 1):
        try:
            candidate = date(year, month, day_of_month)
        except ValueError:
            continue
        if candidate.weekday() == target:
            return candidate
    return None


def _date_right_after(text: str, end: int, language: str, base: date | None) -> date | None:
    m = re.match(r"\s*[(,]?\s*((?:\d{1,2}(?:\s+de)?\s+[^\W\d_]+\.?(?:\s+(?:de\s+)?\d{4})?)|"
                 r"(?:[^\W\d_]+\.?\s+\d{1,2}(?:,?\s+\d{4})?))", text[end:end + 40])
    if not m:
        return None
    surface = m.group(1)
    if not re.search(rf"\b({_alt(MONTHS[language])})\b", surface, re.IGNORECASE):
        return None
    return _absolute(surface, language, base, has_year=bool(re.search(r"\d{4}", surface)))


def _sentence_around(text: str, index: int) -> str:
    start = max(text.rfind(".", 0, index), text.rfind("\n", 0, index)) + 1
    end_candidates = [i for i in (text.find(".", index), text.find("\n", index)) if i >= 0]
    return text[start:min(end_candidates) if end_candidates else len(text)]


def _on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)
