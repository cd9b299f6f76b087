"""Expressions that name one day (or a run of days), resolved to a calendar date.

Absolute dates ("24 November 2025", "Feb. 9", "el 2 de septiembre de 2025") are parsed by
dateparser, with the year taken from the publication date when the text leaves it out, or,
when the publication date is unknown, from the full dates elsewhere in the text (the nearest
one before, else the first). Ranges ("3–4 December", "del 3 al 5 de diciembre") are one
mention: the first day, and `until` the last. Holidays ("Christmas Eve", "Nochebuena",
"Thanksgiving") are days once the year is known. Relative ones are resolved here, because
their meaning depends on where they stand: a bare weekday is the latest such day on or before
publication, or the next one after it when its clause speaks of the future ("will meet on
Friday", "se espera que declare el viernes"); "the previous Thursday", "el viernes anterior",
"eight days prior", "the same Monday", "the next day" count from the last day the text named;
"yesterday"/"ayer" from the publication date.
"""

from __future__ import annotations

from desktop.domain.extraction import cached_re as re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

from desktop.domain.extraction.lexicon import (
    AFTER_WORDS, DATELINE_MONTHS, DAY_UNITS, DAY_WORDS, MORNING_AFTER, MORNING_BEFORE, FUTURE_CUES, HOLIDAY_NOT_A_DAY, HOLIDAYS, MONTHS, NEXT_DAY_PHRASES,
    PAST_SAYING, WEEKDAYS,
)
from desktop.domain.extraction.numbers import find_numbers


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: date | None     # None when nothing in the text or its metadata fixes the day; a range's first day
    until: date | None = None   # a range's last day ("3–4 December")


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _patterns(language: str) -> list[tuple[str, re.Pattern]]:
    days = _alt(WEEKDAYS[language])
    # a month's name, its abbreviation with or without a full stop ("Feb. 9", "28 Oct"); a full stop after a
    # whole name ends the sentence and stays out of the span
    full = [m for m in MONTHS[language] if len(m) > 4 or m in ("june", "july", "mayo")]
    short = [m for m in MONTHS[language] if m not in full]
    months = rf"(?:(?:{_alt(full)})\b|(?:{_alt(short)})\b\.?)"
    units = _alt(DAY_UNITS[language])
    # one number: digits or one (hyphenated) word; two free words would let "hallado dos días" start at "hallado"
    numberish = r"(?:\d{1,3}|[^\W\d_]+(?:-[^\W\d_]+)?)"
    flags = re.IGNORECASE | re.UNICODE
    holidays = _alt(HOLIDAYS[language])
    next_days = _alt(NEXT_DAY_PHRASES[language])
    common = [
        ("holiday", re.compile(rf"\b({holidays})(?![\w'’])", flags)),
        ("next_day", re.compile(rf"\b({next_days})\b(?!\s+(?:the|a|an|his|her|its|their|el|la|los|las|de|del)\b)",
                                flags)),
    ]
    year = r"(?:,?\s+(?:de\s+|del\s+)?(?P<{}>\d{{4}}))?"
    if language == "es":
        return [
            ("range", re.compile(
                rf"\bentre\s+el\s+(?P<d1>\d{{1,2}})(?:\s+de\s+(?P<m1>{months}){year.format('y1')})?\s+y\s+(?:el\s+)?"
                rf"(?P<d2>\d{{1,2}})\s+de\s+(?P<m2>{months}){year.format('y2')}\b", flags)),
            ("range", re.compile(
                rf"\b(?:(?:del|desde\s+el|de)\s+)?(?P<d1>\d{{1,2}})(?:\s+de\s+(?P<m1>{months}){year.format('y1')})?\s*"
                rf"(?:[-–—]|al|hasta\s+el)\s*(?P<d2>\d{{1,2}})\s+de\s+(?P<m2>{months}){year.format('y2')}\b", flags)),
            ("weekday_range", re.compile(rf"\b(?:entre\s+el|del|desde\s+el)\s+(?P<w1>{days})\s+(?:y\s+el|al|hasta\s+el)\s+"
                                         rf"(?P<w2>{days})\b", flags)),
            ("list_first", re.compile(
                rf"\b(?:el\s+|los\s+días\s+)?(?P<d1>\d{{1,2}})(?=\s*(?:,|y|e|o)\s*(?:el\s+)?\d{{1,2}}\s+de\s+(?P<m1>{months})"
                rf"{year.format('y1')})", flags)),
            ("dateline", re.compile(rf"(?<=,\s)(?P<d1>\d{{1,2}})\s+(?P<m1>{_alt(DATELINE_MONTHS)})\.?(?=\s*\()", flags)),
            *common,
            ("absolute", re.compile(
                rf"\b(?:(?:el|este|esta|del)\s+)?(?:(?:pasado|próximo)\s+)?(?:(?:{days})\s+)?(\d{{1,2}})\s+de\s+"
                rf"(?:{months})(?:\s+(?:de|del)\s+(\d{{4}}))?\b", flags)),
            ("weekday_day", re.compile(rf"\b(?:(?:el|este)\s+)?({days})\s+(\d{{1,2}})\b(?!\s+de\s)", flags)),
            ("counted", re.compile(rf"(?<!desde\s)\bhace\s+({numberish})\s+({units})\b", flags)),
            # "dos días después" counts from the last day named; "cuatro días después del naufragio" from an event
            ("counted", re.compile(rf"\b({numberish})\s+({units})\s+(antes|después|despues|más tarde)\b"
                                   rf"(?!\s+(?:de|del|que)\b)", flags)),
            ("weekday", re.compile(
                rf"\b(?:(el mismo|el pasado|el próximo|este|esta|el)\s+)?({days})(?:\s+(pasado|próximo|anterior|"
                rf"siguiente))?\b", flags)),
            ("day_word", re.compile(rf"\b({_alt(DAY_WORDS[language])})\b", flags)),
            ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
        ]
    ordinal = r"(?:st|nd|rd|th)?"
    joiner = r"\s*(?:[-–—]|to|through|until)\s*"
    part = rf"(?:\s+(?:of\s+)?(?P<m1>{months}){year.format('y1')})?"
    return [
        ("range", re.compile(
            rf"\bbetween\s+(?P<d1>\d{{1,2}}){ordinal}{part}\s+and\s+(?P<d2>\d{{1,2}}){ordinal}\s+(?:of\s+)?"
            rf"(?P<m2>{months}){year.format('y2')}", flags)),
        ("range", re.compile(
            rf"\b(?:from\s+)?(?P<d1>\d{{1,2}}){ordinal}{part}{joiner}(?P<d2>\d{{1,2}}){ordinal}\s+(?:of\s+)?"
            rf"(?P<m2>{months}){year.format('y2')}", flags)),
        ("range_month_first", re.compile(
            rf"\b(?:(?:between|from)\s+)?(?P<m1>{months})\s+(?P<d1>\d{{1,2}}){ordinal}{year.format('y1')}"
            rf"(?:{joiner}|\s+and\s+(?=(?:{months})))(?:(?P<m2>{months})\s+)?"
            rf"(?P<d2>\d{{1,2}}){ordinal}\b(?!\s*(?:%|[.,]\d|:))(?!\s+(?!(?:and|or|to|in|on|at|when|while|the|as|after|"
            rf"before|of|with|for|from|amid|during)\b)[a-z]){year.format('y2')}", flags)),
        ("weekday_range", re.compile(rf"\b(?:between\s+(?P<w1>{days})\s+and|(?:from\s+)?(?P<v1>{days})\s*"
                                     rf"(?:to|through|until|[-–—]))\s*(?P<w2>{days})\b", flags)),
        ("list_first", re.compile(
            rf"\b(?P<d1>\d{{1,2}}){ordinal}(?=\s*(?:,|and|or|&)\s*\d{{1,2}}{ordinal}\s+(?:of\s+)?(?P<m1>{months})"
            rf"{year.format('y1')})", flags)),
        *common,
        ("absolute", re.compile(
            rf"\b(?:(?:{days}),?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})(?![\w])(?:,?\s+(\d{{4}}))?",
            flags)),
        ("absolute", re.compile(
            rf"\b(?:(?:{days}),?\s+)?(?:{months})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", flags)),
        ("counted", re.compile(rf"\b({numberish})\s+({units})\s+(ago|prior|earlier|later|(?:before|after)"
                               rf"(?=\s*[,.;:)]|\s*$))\b", flags)),
        ("weekday", re.compile(
            rf"\b(?:(the same|the previous|the following|the next|this|last|next|that|on)\s+)?({days})\b", flags)),
        ("day_word", re.compile(rf"\b({_alt(DAY_WORDS[language])})\b", flags)),
        ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ]


def find_dates(text: str, language: str, published: date | None) -> list[DateMention]:
    language = language if language in MONTHS else "en"
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, pattern in _patterns(language):
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if (kind.startswith("range") or kind == "weekday_range") and not _range_holds(kind, m, language):
                continue
            if kind == "holiday" and not _names_the_day(m, text, language):
                continue
            if kind == "day_word" and m.group(1).lower() == "mañana" and (
                    re.search(MORNING_BEFORE, text[max(0, start - 20):start], re.IGNORECASE)
                    or re.match(MORNING_AFTER, text[end:end + 12], re.IGNORECASE)):
                continue         # "esta mañana", "la mañana del sábado": a morning, not tomorrow
            if any(s < end and start < e for s, e, _k, _m in found):
                continue         # an earlier (more specific) pattern has it
            found.append((start, end, kind, m))
    found.sort(key=lambda f: f[0])
    years = [] if published is not None else _written_years(found)
    out: list[DateMention] = []
    anchor: date | None = None
    for start, end, kind, m in found:
        year = _year_for(start, years) if years else None
        day, until = _resolve(kind, m, text, language, published, anchor, year)
        if kind in ("counted", "next_day") and day is None:
            continue          # "three days after the carrier arrived": counted from something unnamed
        if kind == "weekday" and not _is_weekday_mention(m, text, language):
            continue
        surface_start = start + _leading_preposition(m.group(0))
        out.append(DateMention(surface_start, end, text[surface_start:end], day, until))
        if day is not None:
            anchor = until or day
    return out


def _written_years(found) -> list[tuple[int, int]]:
    """(offset, year) of each date written with its year, for texts without a publication date."""
    out = []
    for start, _end, kind, m in found:
        if kind in ("absolute", "range", "range_month_first", "list_first", "dateline"):
            for year in re.finditer(r"\b(?:19|20)\d\d\b", m.group(0)):    # both ends of a range may have one
                out.append((start + year.start(), int(year.group(0))))
        elif kind == "iso":
            out.append((start, int(m.group(1))))
    return out


def _year_for(start: int, years: list[tuple[int, int]]) -> int:
    """The year of the nearest date written in full before `start`, else of the first one."""
    before = [y for pos, y in years if pos <= start]
    return before[-1] if before else years[0][1]


def _range_holds(kind: str, m: re.Match, language: str) -> bool:
    if kind == "weekday_range":
        return True
    try:
        first, last = _range_days(m, language, 2001)
    except (ValueError, KeyError):
        return False
    return first < last


def _month(word: str | None, language: str) -> int | None:
    if not word:
        return None
    word = word.lower().rstrip(".")
    return MONTHS[language].get(word) or DATELINE_MONTHS.get(word)


def _range_days(m: re.Match, language: str, year: int) -> tuple[date, date]:
    """The first and last day of a range match, in `year` unless a year is written (a range across New Year
    starts the year before its last day)."""
    groups = m.groupdict()
    month2 = _month(groups.get("m2"), language) or _month(groups.get("m1"), language)
    month1 = _month(groups.get("m1"), language) or month2
    year2 = int(groups["y2"]) if groups.get("y2") else (int(groups["y1"]) if groups.get("y1") else year)
    year1 = int(groups["y1"]) if groups.get("y1") else (year2 - 1 if month1 > month2 else year2)
    return date(year1, month1, int(groups["d1"])), date(year2, month2, int(groups["d2"]))


def _names_the_day(m: re.Match, text: str, language: str) -> bool:
    """"Christmas Eve" is a day; "the Christmas holidays", "las fiestas de Navidad" are not."""
    after, before = HOLIDAY_NOT_A_DAY[language]
    if re.match(after, text[m.end():m.end() + 30], re.IGNORECASE):
        return False
    if re.search(before, text[max(0, m.start() - 40):m.start()], re.IGNORECASE):
        return False
    word = m.group(1)
    return language == "es" or word[:1].isupper()


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
             anchor: date | None, year: int | None = None) -> tuple[date | None, date | None]:
    """(the day, the last day of a range or None); `year` is the one inferred from the text when the
    publication date is unknown."""
    if kind.startswith("range") or kind == "weekday_range":
        return _range(kind, m, text, language, published or anchor, year)
    if kind in ("list_first", "dateline"):
        return _day_in_month(m, language, published or anchor, year), None
    if kind == "holiday":
        return _holiday(m, text, language, published or anchor, year), None
    if kind == "next_day":
        return (anchor + timedelta(days=NEXT_DAY_PHRASES[language][m.group(1).lower()]) if anchor else None), None
    return _resolve_day(kind, m, text, language, published, anchor, year), None


def _resolve_day(kind: str, m: re.Match, text: str, language: str, published: date | None,
                 anchor: date | None, year: int | None) -> date | None:
    if kind == "iso":
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if kind == "absolute":
        has_year = bool(re.search(r"\d{4}", m.group(0)))
        if published is None and year is not None and not has_year:
            day = _absolute(m.group(0), language, date(year, 7, 1), has_year=False)
            return _with_year(day, year) if day else None
        return _absolute(m.group(0), language, published or anchor, has_year=has_year)
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
        base = published or anchor or (date(year, 7, 1) if year else None)
        return _weekday_with_day(m, text, language, base)
    if kind == "weekday":
        return _weekday(m, text, language, published, anchor)
    return None


def _with_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def _range(kind: str, m: re.Match, text: str, language: str, base: date | None,
           year: int | None) -> tuple[date | None, date | None]:
    if kind == "weekday_range":
        return _weekday_range(m, text, language, base)
    written = re.search(r"\b(19|20)\d\d\b", m.group(0))
    if written:
        return _range_days(m, language, int(written.group(0)))
    if year is not None:
        return _range_days(m, language, year)
    if base is None:
        return None, None
    first, last = _range_days(m, language, base.year)
    moved = _nearest_year(first, base)
    shift = moved.year - first.year
    return moved, _with_year(last, last.year + shift)


def _weekday_range(m: re.Match, text: str, language: str, base: date | None) -> tuple[date | None, date | None]:
    """"between Monday and Wednesday", "entre el lunes y el miércoles": the first weekday as a bare one would
    be read, the last the next such day from it."""
    if base is None:
        return None, None
    groups = m.groupdict()
    first_word = groups.get("w1") or groups.get("v1")
    t1, t2 = WEEKDAYS[language][first_word.lower()], WEEKDAYS[language][groups["w2"].lower()]
    if _points_forward(text, m.start(), m.end(), language) or _aimed_at(text, m.start()):
        first = _on_or_after(base + timedelta(days=1), t1)
    else:
        first = _on_or_before(base, t1)
    return first, first + timedelta(days=(t2 - t1) % 7 or 7)


def _day_in_month(m: re.Match, language: str, base: date | None, year: int | None) -> date | None:
    """A day whose month is written after it ("on 17 and 21 August": the 17th) or a dateline's ("22 nov")."""
    month, day = _month(m.group("m1"), language), int(m.group("d1"))
    try:
        if m.groupdict().get("y1"):
            return date(int(m.group("y1")), month, day)
        if year is not None:
            return date(year, month, day)
        return _nearest_year(date(base.year, month, day), base) if base else None
    except ValueError:
        return None


def _holiday(m: re.Match, text: str, language: str, base: date | None, year: int | None) -> date | None:
    rule = HOLIDAYS[language][m.group(1).lower()]

    def on(y: int) -> date:
        if rule == "thanksgiving":       # the fourth Thursday of November
            first = date(y, 11, 1)
            return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        return date(y, *rule)
    if year is not None:
        return on(year)
    if base is None:
        return None
    if _points_forward(text, m.start(), m.end(), language):
        day = on(base.year)
        return day if day > base else on(base.year + 1)
    candidates = [on(y) for y in (base.year - 1, base.year, base.year + 1)]
    return min(candidates, key=lambda d: abs((d - base).days) if d <= base else 3 * (d - base).days)


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
    if _points_forward(text, m.start(), m.end(), language) or _aimed_at(text, m.start()):
        return _on_or_after(base + timedelta(days=1), target)     # the next one; today would be named "today"
    return _on_or_before(base, target)


def _aimed_at(text: str, start: int) -> bool:
    """"a meeting for Monday", "una marcha para el sábado", "by Friday": a weekday something is set for."""
    return bool(re.search(r"\b(?:for|by|para(?:\s+el)?)\s+$", text[max(0, start - 12):start], re.IGNORECASE))


def _points_forward(text: str, start: int, end: int, language: str) -> bool:
    """The clause around a day speaks of the future: a future word before it in its sentence ("will meet
    on Friday", "se espera que declare el viernes"), or, when the day opens the sentence, right after it
    ("On Friday the ministers will meet") with no past verb of saying in between."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), text.rfind(";", 0, start)) + 1
    lead = text[max(sentence_start, start - 90):start]
    cue = re.compile(FUTURE_CUES[language], re.IGNORECASE)
    found = list(cue.finditer(lead))
    if found and not re.search(PAST_SAYING[language], lead[found[-1].end():], re.IGNORECASE):
        return True
    if not text[sentence_start:start].strip(" \t\"“'‘(¿¡-—"):
        stop = [i for i in (text.find(".", end), text.find("\n", end), text.find(";", end)) if i >= 0]
        tail = text[end:min(stop + [end + 60])]
        m = cue.search(tail)
        if m and not re.search(PAST_SAYING[language], tail[:m.start()], re.IGNORECASE):
            return True
    return False


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


def _on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)
