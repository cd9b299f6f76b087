"""Quantities: a number with the thing it counts or measures, and how sure the text is of it.

"at least 21 vessels", "Approximately 15,000 soldiers", "quince mil soldados", "six
Americans", "$50 million", "nearly two weeks", "five more destroyers", "a single strike".
Rules, in order: find every number (numbers.py); drop those that are dates, years, times,
ages, ordinals or parts of names and codes (F-35, section 219, Plan Independencia 200, 90 FR
53045); read the qualifier just before and the counted noun (or time unit) just after. Then
two passes over what is left: a bare number the context completes ("two more on Wednesday"
after "three vessels": elliptical; "raising the death toll to 96": a running total with its
noun before it), and the running-total flag for every figure whose clause states a total.
"""

from __future__ import annotations

from desktop.domain.extraction import cached_re as re
from dataclasses import dataclass, replace
from functools import lru_cache
from re import Pattern

from desktop.domain.extraction.lexicon import (
    AGE_AFTER, AGE_BEFORE, CURRENCY_WORDS, DESIGNATION_WORDS, DURATION_FILLERS, ELLIPSIS_AFTER, ELLIPSIS_BEFORE,
    ELLIPSIS_PREPOSITIONS, END_POINT_VERBS, IRREGULAR_PAST, IRREGULAR_PLURALS, MEASURE_UNITS, SPANISH_VERB_ENDINGS, MONTHS, PEOPLE_AFTER,
    PEOPLE_PARTICIPLES, PEOPLE_VERBS, PERCENT_WORDS, QUALIFIERS, REACH_VERBS, SINGLE_PHRASES, SO_FAR, STOP_WORDS,
    TIME_POINT_AFTER, TIME_POINT_BEFORE, TIME_UNITS, TOTAL_NOUNS, WEEKDAYS,
)
from desktop.domain.extraction.boilerplate import boilerplate_lines, inside
from desktop.domain.extraction.numbers import APPROXIMATE_WORDS, NumberMatch, find_numbers


@dataclass(frozen=True)
class Quantity:
    start: int          # from the qualifier, when there is one
    end: int            # through the counted noun
    text: str
    value: float
    unit: str           # the counted noun as written, lower case; "usd", "%", a time unit…
    qualifier: str | None
    number_start: int
    number_end: int
    kind: str = "count"         # "count" or "duration"
    cumulative: bool = False    # stated as a running total ("raising the toll to 96", "since September")
    elliptical: bool = False    # the noun comes from the context ("two more on Wednesday")


_WORD = re.compile(r"[^\W_][\w]*(?:[-'’/][\w]+)*\.?|%", re.UNICODE)
_ADJECTIVES_ES = {"presuntos", "presuntas", "supuestos", "supuestas", "nuevos", "nuevas", "posibles", "otros",
                  "otras", "primeros", "primeras", "últimos", "ultimos", "pequeñas", "pequeños", "grandes",
                  "más", "mas"}
_ONE = {"en": {"one"}, "es": {"uno", "una", "un"}}
_MAX_NOUN_WORDS = 5
_CITATION = re.compile(r"[ \u00a0]+(?:[A-Z]{1,6}\.?){1,4}[ \u00a0]+§?\s*\d")
# Where a clause ends, for the running-total markers and the context of elliptical counts.
_CLAUSE_END = re.compile(r"[;\n]|[.!?](?=[\s\"”’)]*(?:\s[A-ZÁÉÍÓÚÑ¿¡\"“]|$))")


def find_quantities(text: str, language: str) -> list[Quantity]:
    language = language if language in QUALIFIERS else "en"
    out: list[Quantity] = []
    bare: list[NumberMatch] = []
    skipped = boilerplate_lines(text)        # "Read more: … 40 years of dispute": not the article's figure
    for number in _numbers(text, language):
        if inside(skipped, number.start):
            continue
        q = _quantity(text, number, language)
        if q is _BARE:
            bare.append(number)
        elif q is not None:
            out.append(q)
    out.sort(key=lambda q: q.start)
    for number in bare:
        q = _running_total(text, number, language) or _partitive(text, number, out, language) or \
            _elliptical(text, number, out, language)
        if q is not None:
            out.append(q)
            out.sort(key=lambda q: q.start)
    return [replace(q, cumulative=q.cumulative or _states_a_total(text, q, language)) for q in out]


_BARE = object()        # a number that is a count but names nothing after it


def _numbers(text: str, language: str) -> list[NumberMatch]:
    """Every number, with "a single" / "un único" / "una sola" read as 1."""
    found = find_numbers(text, language)
    for m in re.finditer(SINGLE_PHRASES[language], text, re.IGNORECASE):
        found = [n for n in found if not (n.start < m.end() and m.start() < n.end)]
        found.append(NumberMatch(m.start(), m.end(), 1.0, True, None))
    found.sort(key=lambda n: n.start)
    return found


def _quantity(text: str, n: NumberMatch, language: str):
    raw = text[n.start:n.end]
    before, after = text[max(0, n.start - 40):n.start], text[n.end:n.end + 60]
    if _is_name_part(text, n, before, after, language) or _is_date_or_time(raw, n, before, after, language):
        return None
    if _is_age(before, after, language) or _is_proportion(text, n, before, after, language):
        return None
    counted_one = _qualifier_before(text, n.start, language)[0] is not None     # "al menos un lanzacohetes"
    if n.words and raw.lower() in _ONE[language] and not counted_one:
        if language == "es" and raw.lower() in ("uno", "una") and \
                re.match(rf"\s+(?:{ELLIPSIS_PREPOSITIONS['es']})\b", after, re.IGNORECASE):
            return _BARE       # "una el lunes y dos el martes": one of a list the context names
        if language == "es" or re.match(r"\s+(of|another|anyone|by|day|time|after)\b", after, re.IGNORECASE):
            return None        # an article or a pronoun, not a count
        if re.search(r"\b(?:the\s+other|another)\b", _clause_after(text, n.end), re.IGNORECASE):
            return None        # "three on one boat and two on the other": one of a pair, not a count
    # a hyphenated compound: "three-person boat" (a count), "11-second video" (a duration)
    compound = re.match(r"-([^\W\d_]+)", after)
    if compound:
        word = compound.group(1).lower()
        end = n.end + compound.end()
        if word in TIME_UNITS[language] or word + "s" in TIME_UNITS[language]:
            return _make(text, n, n.start, end, word, None, kind="duration")
        return _make(text, n, n.start, end, word, None)
    unit, end, kind = _unit_after(text, n, after, language)
    if unit is _BARE:
        return _BARE
    if unit is None:
        return None
    qualifier, start = _qualifier_before(text, n.start, language, duration=kind == "duration")
    if qualifier is None and n.words and raw.lower().endswith(APPROXIMATE_WORDS):
        qualifier = "approximately"          # "una veintena": about twenty
    return _make(text, n, start, end, unit, qualifier, kind=kind)


_PARTITIVE = {
    "en": r"\s+of\s+(?:the|its|their|these|those|our|his|her|them|us|whom|which|all)\b",
    "es": r"\s+de\s+(?:los|las|sus|estos|estas|esos|esas|aquellos|aquellas|ellos|ellas|nosotros|quienes|todos|todas)\b",
}
_PROPORTION = r"(?:de\s+cada|out\s+of(?:\s+every)?|of\s+every|in\s+every|in)"


def _is_proportion(text: str, n: NumberMatch, before: str, after: str, language: str) -> bool:
    """"ocho de cada diez", "three out of every five", "one in four": a ratio, neither number a count."""
    m = re.match(rf"\s+{_PROPORTION}\s+", after, re.IGNORECASE)
    if m:
        following = find_numbers(text[n.end + m.end():n.end + m.end() + 30], language)
        if following and following[0].start == 0:
            return True
    m = re.search(rf"(\S+)\s+{_PROPORTION}\s+$", before, re.IGNORECASE)
    if m:
        previous = find_numbers(m.group(1), language)
        return bool(previous) and previous[-1].end == len(m.group(1))
    return False


def _make(text, n, start, end, unit, qualifier, **flags) -> Quantity:
    return Quantity(start, end, text[start:end], n.value, unit, qualifier, n.start, n.end, **flags)


def _is_name_part(text: str, n: NumberMatch, before: str, after: str, language: str) -> bool:
    if before.endswith("-") and len(before) > 1 and before[-2].isalnum():
        return True                                   # F-35, Su-30, AK-103
    if before and before[-1].isalpha():
        return True                                   # B1
    if after[:1].isalpha() and not n.words:
        return True                                   # 1B, 2nd, 30s
    if re.match(r"[-/][\dA-Z]", after):
        return True                                   # 2025-20750, 9/11
    if re.search(r"(?:No|Nº|N°|#)\.?\s*$", before):
        return True                                   # No. 5, #12
    previous = re.search(r"([^\W\d_][\w’'-]*\.?)\s+$", before)
    if previous:
        word = previous.group(1)
        if word.lower().rstrip(".") in DESIGNATION_WORDS[language] or word.lower() in DESIGNATION_WORDS[language]:
            return True
        # a capitalised word right before, not opening a sentence: part of a name ("Independencia 200")
        preceding = before[:previous.start(1)].rstrip()
        grouped = re.search(r"\d[.,]\d{3}\b", text[n.start:n.end])      # "Santa Brígida 2.940 personas"
        if word[0].isupper() and not grouped and not word.endswith(".") and preceding and preceding[-1] not in ".!?:;\"“(" and \
                word.lower() not in QUALIFIERS[language] and word.lower().rstrip(".") not in MONTHS[language] \
                and word.lower() not in WEEKDAYS[language] and word.lower() not in PEOPLE_VERBS[language] \
                and not _reach_verb(word, language):
            return True
    # a citation: volume, an upper-case code, page ("90 FR 53045", "8 U.S.C. 1189", "42 USC 1983")
    return bool(_CITATION.match(after))


def _reach_verb(word: str, language: str) -> bool:
    return bool(re.fullmatch(REACH_VERBS[language], word.lower()))


def _is_date_or_time(raw: str, n: NumberMatch, before: str, after: str, language: str) -> bool:
    months = MONTHS[language] | MONTHS["en"]
    following = re.match(r"\s*(?:de\s+|of\s+)?([^\W\d_]+)", after)
    if following and following.group(1).lower() in months and not n.words:
        return True                                   # 2 de septiembre, 24 November, 3rd of May
    if not n.words and n.value <= 31 and _in_day_range(before, after, months):
        return True                                   # "3–4 December", "del 3 al 5 de mayo", "December 3-4"
    prev = re.search(r"([^\W\d_]+)\.?,?\s+(?:de\s+)?$", before)
    if prev and prev.group(1).lower() in months and not n.words:
        return True                                   # November 24, Feb. 9
    if prev and prev.group(1).lower() in WEEKDAYS[language] and not n.words and n.value <= 31:
        return True                                   # el martes 11
    if not n.words and re.fullmatch(r"(19|20)\d\d", raw):
        return True                                   # a year
    if re.match(r"[:h]\d\d", after) or re.match(r"\s*(a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|hrs\b|horas?\s+(?:local|GMT|UTC))",
                                                after, re.IGNORECASE):
        return True                                   # 10:30, 9 p.m.
    if re.fullmatch(r"\d{1,2}[.:]\d{2}", raw) and (re.match(r"\s*(?:horas?|h|hrs|GMT|UTC)\b", after, re.IGNORECASE)
                                                   or re.search(r"\b(?:las|la|at)\s+$", before, re.IGNORECASE)):
        return True                                   # a las 18.00 horas
    if n.value <= 24 and re.search(r"\b(?:las|la|a\s+la|a\s+las|desde\s+las|hasta\s+las|sobre\s+las)\s+$", before,
                                   re.IGNORECASE) and re.match(r"\s*(?:horas?\b|h\b|hrs\b|de\s+la\s+(?:mañana|tarde|"
                                                               r"noche|madrugada)|y\s+media|y\s+cuarto|en\s+punto)",
                                                               after, re.IGNORECASE):
        return True                                   # a las 15 horas, la 1 de la tarde
    return False


def _in_day_range(before: str, after: str, months) -> bool:
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    joiner = r"\s*(?:[-–—]|al|to|through|until|y|and|a)\s*(?:el\s+)?"
    first = re.match(rf"{joiner}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:de\s+|of\s+)?(?:{names})\b", after, re.IGNORECASE)
    last = re.search(rf"\b(?:{names})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?{joiner}$", before, re.IGNORECASE)
    return bool(first or last)


def _is_age(before: str, after: str, language: str) -> bool:
    if re.match(AGE_AFTER[language], after, re.IGNORECASE) or re.match(AGE_AFTER["en"], after, re.IGNORECASE):
        return True
    if re.search(AGE_BEFORE[language], before, re.IGNORECASE):
        return bool(re.match(r"\s+(?:años|years?)\b", after, re.IGNORECASE)) or language == "en"
    return False


def _unit_after(text: str, n: NumberMatch, after: str, language: str):
    """(the counted noun or time unit, where the quantity ends, its kind); the noun is None when the number
    is not a quantity, and _BARE when it may be one the context completes."""
    if n.money:
        return n.money, n.end, "count"
    for word in PERCENT_WORDS[language]:
        m = re.match(rf"\s?{re.escape(word)}", after, re.IGNORECASE)
        if m:
            return "%", n.end + m.end(), "count"
    for word, code in CURRENCY_WORDS[language].items():
        m = re.match(rf"\s+(?:de\s+)?{re.escape(word)}\b", after, re.IGNORECASE)
        if m:
            return code, n.end + m.end(), "count"
    if re.match(_PARTITIVE[language], after, re.IGNORECASE):
        return _BARE, n.end, "count"                  # "23 de los 74 pescadores", "three of the boats"
    raw = text[n.start:n.end].lower()
    if language == "es" and (raw.endswith(("millones", "millón", "millon", " mil")) or raw.endswith(APPROXIMATE_WORDS)
                             or raw.endswith("docena")):
        de = re.match(r"\s+de\s+", after)          # "1,1 millones de barriles", "una veintena de calles"
        if de:
            after = " " + after[de.end():]
            n = NumberMatch(n.start, n.end + de.end() - 1, n.value, n.words, n.money)
    words = []
    pos = n.end
    for m in _WORD.finditer(after):
        gap = after[pos - n.end:m.start()]
        if gap.strip(" \u00a0\"“”'‘’") != "" or "\n" in gap:
            break
        word = m.group(0)
        low = word.lower().rstrip(".")
        if low in STOP_WORDS[language] or word[0].isdigit():
            break
        words.append((low, n.end + m.start(), n.end + m.end() - (1 if word.endswith(".") else 0)))
        pos = n.end + m.end()
        if len(words) == _MAX_NOUN_WORDS:
            break
    if not words or re.match(rf"\s+(?:{PEOPLE_AFTER[language]})\b", after, re.IGNORECASE):
        return _unit_before(text, n, language)
    duration = _duration(text, n, words, language)
    if duration is not None:
        return duration
    if words[0][0] in PEOPLE_PARTICIPLES[language]:
        return words[0][0], words[0][2], "count"      # "8 killed", "21 muertos"
    if words[0][0] in MEASURE_UNITS[language]:
        return words[0][0], words[0][2], "count"      # "10 km"
    pick = None
    if language == "es":
        pick = next((w for w in words if w[0] not in _ADJECTIVES_ES), None)
        if pick is not None and pick[0].endswith(SPANISH_VERB_ENDINGS):
            pick = None          # "30 llegaron": a verb, not the noun
    elif n.value == 1:
        pick = _singular_head(words)
    else:
        pick = next((w for w in words if _plural(w[0])), None)
    if pick is None:
        return _BARE, n.end, "count"
    return pick[0], pick[2], "count"


def _duration(text: str, n: NumberMatch, words, language: str):
    """A time unit after the number (maybe after "more"/"full") is a duration, unless the phrase points at
    a moment ("three days after", "hace dos años", "two years ago")."""
    i = 0
    while i < len(words) - 1 and words[i][0] in DURATION_FILLERS[language]:
        i += 1
    if words[i][0] not in TIME_UNITS[language]:
        return None
    end = words[i][2]
    lead = text[max(0, n.start - 40):n.start]
    lasting = re.search(r"\b(?:for|during|lasted|lasting|took|spent|durante|desde|tras|por|duró|llevan|lleva)\s+"
                        r"(?:\S+\s+){0,2}$", lead, re.IGNORECASE)         # "for nearly two hours before…"
    if not lasting and (re.match(rf"\s+(?:{TIME_POINT_AFTER[language]})\b", text[end:end + 20], re.IGNORECASE) or
                        re.search(TIME_POINT_BEFORE[language], text[max(0, n.start - 20):n.start], re.IGNORECASE)):
        return None, n.end, "count"
    return words[i][0], end, "duration"


# Words that stand between "one" and its noun without being it ("one earlier occasion", "a single
# alleged drug boat"): modifiers of English noun phrases (language data).
_MODIFIERS_EN = {"earlier", "later", "more", "other", "additional", "new", "single", "last", "such", "further",
                 "extra", "possible", "alleged", "suspected", "known", "confirmed", "reported", "former", "lone",
                 "small", "large", "big", "major", "minor", "senior", "junior", "previous", "second", "final",
                 "only", "apparent", "presumed", "unidentified", "unnamed", "armed", "key"}


def _singular_head(words):
    """The noun "one" counts: the last word of the run of nouns after the modifiers, before a verb-like word
    ("one alleged drug boat was" -> boat, "a single strike killed" -> strike, "one survivor" -> survivor)."""
    i = 0
    while i < len(words) - 1 and words[i][0] in _MODIFIERS_EN:
        i += 1
    head = words[i]
    for w in words[i + 1:]:
        if w[0].endswith(("ed", "ing", "ly")) or w[0] in _MODIFIERS_EN or w[0] in IRREGULAR_PAST:
            break
        head = w
    return head


def _plural(word: str) -> bool:
    return word in IRREGULAR_PLURALS or (len(word) > 3 and word.endswith("s") and not word.endswith("ss"))


def _unit_before(text: str, n: NumberMatch, language: str):
    """A number with no noun after it counts people right after a verb of killing ("kills 11", "mató a 3")
    or before one ("14 were killed", "4 murieron"); otherwise the context may complete it (_BARE)."""
    prev = re.search(r"([^\W\d_]+)\s+(?:(?:al menos|at least|por lo menos|más de|more than)\s+)?(?:a\s+)?$",
                     text[max(0, n.start - 30):n.start])
    people = "people" if language == "en" else "personas"
    if prev and prev.group(1).lower() in PEOPLE_VERBS[language]:
        return people, n.end, "count"
    m = re.match(rf"\s+(?:{PEOPLE_AFTER[language]})\b", text[n.end:n.end + 50], re.IGNORECASE)
    if m:
        return people, n.end, "count"
    return _BARE, n.end, "count"


@lru_cache(maxsize=None)
def _qualifier_patterns(language: str) -> tuple[tuple[str, Pattern], ...]:
    """Each qualifier phrase of a language, longest first, with the pattern that finds it just before a
    number (compiled once: this runs for every figure of every article and every indexed quote)."""
    out = []
    for phrase in sorted(QUALIFIERS[language], key=len, reverse=True):
        written = re.escape(phrase)
        if language == "es":         # "cerca del 40 %", "al menos el 75 %": an article between
            written = re.sub(r"de$", "(?:de|del)", written) + r"(?:\s+(?:el|la|los|las))?"
        out.append((phrase, re.compile(rf"(?<![\w]){written}\s+(?:(?:a|to)\s+)?$", re.IGNORECASE)))
    return tuple(out)


def _qualifier_before(text: str, start: int, language: str, duration: bool = False) -> tuple[str | None, int]:
    window = text[max(0, start - 30):start]
    for phrase, pattern in _qualifier_patterns(language):
        m = pattern.search(window)
        if m:
            found = start - (len(window) - m.start())
            if duration and phrase == "over" and not re.search(
                    r"\b(?:for|lasted|lasting|lasts|took|takes|taking|after|in|spent|of|than|waited|held)\s+$",
                    text[max(0, found - 20):found], re.IGNORECASE):
                return None, start           # "destroyed over two days": across them, not more than
            return QUALIFIERS[language][phrase], found
    return None, start


def _clause_after(text: str, end: int) -> str:
    m = _CLAUSE_END.search(text, end)
    return text[end:m.start() if m else len(text)]


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    begin = 0
    for m in _CLAUSE_END.finditer(text, max(0, start - 300), start):
        begin = m.end()
    m = _CLAUSE_END.search(text, end)
    return begin, (m.start() if m else len(text))


def _states_a_total(text: str, q: Quantity, language: str) -> bool:
    """Stated as an end point: "raising the toll to 96", "llega a 21 muertos", "ya suman 17", or as of a point
    ("so far", "as of Wednesday", "en lo que va de año"). "since September" alone is not enough: "held since
    19 November" dates the holding, it does not total it."""
    begin, finish = _clause_around(text, q.start, q.end)
    clause = text[begin:finish]
    if re.search(SO_FAR[language], clause, re.IGNORECASE):
        return True
    lead = text[max(begin, q.start - 60):q.start]
    return bool(re.search(rf"\b(?:{END_POINT_VERBS[language]})\b.*\b(?:to|a|al)\s*$|\b(?:{REACH_VERBS[language]})\s*$",
                          lead, re.IGNORECASE))


def _running_total(text: str, n: NumberMatch, language: str) -> Quantity | None:
    """A bare number at the end point of a total: "raising the death toll to 96" (noun before),
    "elevando a 96 la cifra de muertos", "lo que eleva a 83 el total de fallecidos" (noun after)."""
    qualifier, start = _qualifier_before(text, n.start, language)
    lead = text[max(0, start - 140):start]
    totals = "|".join(TOTAL_NOUNS[language])
    if language == "en":
        m = re.search(rf"\b(?:{END_POINT_VERBS['en']})\s+(?:the\s+|its\s+|their\s+)?([\w\s'’-]{{2,100}}?)\s+to\s+$",
                      lead, re.IGNORECASE) or \
            re.search(rf"\b(?:the\s+|its\s+|their\s+)?([\w'’-]+(?:\s+[\w'’-]+){{0,4}}?)\s+(?:{REACH_VERBS['en']})\s+$",
                      lead, re.IGNORECASE)
        if not m:
            return None
        phrase = m.group(1).lower()
        of = re.search(r"\bof\s+(.+)$", phrase)
        unit = of.group(1) if of else phrase
        unit = re.split(rf"\s+(?:{'|'.join(sorted(STOP_WORDS['en'], key=len, reverse=True))})\b", unit)[0]
        if not of and not re.search(rf"\b(?:{totals})\b", phrase):
            return None
    else:
        if not re.search(rf"\b(?:{END_POINT_VERBS['es']}|{REACH_VERBS['es']})(?:\s+(?:a|al))?\s*$", lead,
                         re.IGNORECASE):
            return None
        after = re.match(rf"\s+(?:el|la|los|las)\s+(?:{totals})(?:\s+\w+)?\s+de\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)",
                         text[n.end:n.end + 80], re.IGNORECASE) or \
            re.match(r"\s+(?:los|las)\s+([^\W\d_]+)", text[n.end:n.end + 40])      # "ya suman 17 los aviones"
        before = re.search(rf"\b(?:{totals})\s+(?:\w+\s+)?de\s+([^\W\d_]+)\b", text[max(0, start - 120):start],
                           re.IGNORECASE)
        if after:
            unit = after.group(1).lower().split()[0]
        elif before:
            unit = before.group(1).lower()
        else:
            return None
    return Quantity(start, n.end, text[start:n.end], n.value, unit.strip(), qualifier, n.start, n.end,
                    cumulative=True)


def _partitive(text: str, n: NumberMatch, found: list[Quantity], language: str) -> Quantity | None:
    """"three of the boats", "23 de los 74 pescadores": the count of the noun after the determiner (any number
    before it skipped); "nueve de ellos", "9,000 of them": the noun of the figure before (_elliptical)."""
    m = re.match(_PARTITIVE[language], text[n.end:n.end + 40], re.IGNORECASE)
    if not m:
        return None
    rest = text[n.end + m.end():n.end + m.end() + 80]
    nouns = [w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", rest.split(",")[0].split(";")[0])
             if w.lower() not in STOP_WORDS[language] and w.lower() not in _ADJECTIVES_ES]
    pronoun = re.search(r"\b(?:them|us|whom|which|ellos|ellas|nosotros|quienes)\s*$", text[n.end:n.end + m.end()])
    if pronoun or not nouns:
        return _elliptical(text, n, found, language, partitive=True)
    unit = next((w.lower() for w in nouns[:4] if language == "es" or _plural(w.lower())), nouns[0].lower())
    qualifier, start = _qualifier_before(text, n.start, language)
    return Quantity(start, n.end, text[start:n.end], n.value, unit, qualifier, n.start, n.end)


_REST_BEFORE = {"en": r"\b(?:the\s+other|the\s+remaining|a\s+further|another|an\s+additional|the\s+last|"
                      r"of\s+whom|of\s+which)\s+(?:\S+\s+)?$",
                "es": r"\b(?:los\s+otros|las\s+otras|otros|otras|los\s+restantes|las\s+restantes|los\s+demás|"
                      r"las\s+demás|de\s+los\s+que|de\s+las\s+que|de\s+ellos|de\s+ellas)\s+(?:\S+\s+)?$"}


def _elliptical(text: str, n: NumberMatch, found: list[Quantity], language: str,
                partitive: bool = False) -> Quantity | None:
    """A bare number completed by the noun of the nearest figure before it: "two more on Wednesday", "on two
    others", "the other eight", "a further 6,500", "otros dos", or any bare count in the sentence of a figure
    it answers ("by 312 votes to 287", "from 1.1 million barrels a day to fewer than 400,000")."""
    after = text[n.end:n.end + 40]
    before = text[max(0, n.start - 30):n.start]
    end, start = n.end, n.start
    m = re.match(rf"\s+(?:{ELLIPSIS_AFTER[language]})\b", after, re.IGNORECASE)
    rest = bool(re.search(_REST_BEFORE[language], text[max(0, n.start - 40):n.start], re.IGNORECASE))
    if m:
        end = n.end + m.end()
    else:
        b = re.search(rf"\b(?:{ELLIPSIS_BEFORE[language]})\s+$", before, re.IGNORECASE)
        if b and not (language == "en" and n.words and text[n.start:n.end].lower() == "one"):
            start = n.start - (len(before) - b.start())
    scale = n.value >= 1e6 and re.search(r"[^\W\d_]$", text[n.start:n.end])       # "40 millones"
    money = ("usd", "eur", "ves")
    earlier = [q for q in found if q.end <= start and (q.kind == "count" and (scale or q.unit not in money + ("%",))
                                                       or scale and q.unit in money)]
    if not earlier:
        return None
    previous = earlier[-1]
    between = text[previous.end:start]
    sentences_between = len(_CLAUSE_END.findall(between))
    amounts = [q for q in earlier if q.unit in money]
    if scale and amounts:
        previous = amounts[-1]        # "una partida de 40 millones": the article's currency
    elif "\n\n" in between or len(between) > 300 or sentences_between > (1 if (m or rest or partitive or scale)
                                                                           else 0):
        return None
    qualifier, qstart = _qualifier_before(text, start, language)
    return Quantity(qstart, end, text[qstart:end], n.value, previous.unit, qualifier, n.start, n.end,
                    elliptical=True)
