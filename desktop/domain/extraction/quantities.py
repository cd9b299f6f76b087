"""Quantities: a number with the thing it counts and how sure the text is of it.

"at least 21 vessels", "Approximately 15,000 soldiers", "quince mil soldados", "six
Americans", "$50 million". Rules, in order: find every number (numbers.py); drop those that
are dates, years, times, durations, ordinals or parts of names (F-35, section 219, Plan
Independencia 200); read the qualifier just before and the counted noun just after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.extraction.lexicon import (
    CURRENCY_WORDS, DESIGNATION_WORDS, IRREGULAR_PLURALS, MONTHS, PERCENT_WORDS, QUALIFIERS, STOP_WORDS,
    TIME_UNITS, WEEKDAYS,
)
from desktop.domain.extraction.numbers import NumberMatch, find_numbers


@dataclass(frozen=True)
class Quantity:
    start: int          # from the qualifier, when there is one
    end: int            # through the counted noun
    text: str
    value: float
    unit: str           # the counted noun as written, lower case; "usd", "%"…
    qualifier: str | None
    number_start: int
    number_end: int


_WORD = re.compile(r"[^\W_][\w]*(?:[-'’][\w]+)*\.?|%", re.UNICODE)
_ADJECTIVES_ES = {"presuntos", "presuntas", "supuestos", "supuestas", "nuevos", "nuevas", "posibles", "otros",
                  "otras", "primeros", "primeras", "últimos", "ultimos", "pequeñas", "pequeños", "grandes"}
_ONE = {"en": {"one"}, "es": {"uno", "una", "un"}}
_KILL_VERBS = {"kills", "killed", "killing", "kill", "mata", "matan", "mató", "deja", "dejó", "asciende", "llega"}
_MAX_NOUN_WORDS = 5
_CITATION = re.compile(r"[ \u00a0]+(?:[A-Z]{1,6}\.?){1,4}[ \u00a0]+§?\s*\d")
# Words that count people by what happened to them, right after the number.
_PEOPLE_PARTICIPLES = {"killed", "dead", "wounded", "injured", "missing", "detained", "arrested", "rescued",
                       "muertos", "muertas", "fallecidos", "heridos", "desaparecidos", "detenidos", "rescatados"}


def find_quantities(text: str, language: str) -> list[Quantity]:
    language = language if language in QUALIFIERS else "en"
    out = []
    for number in find_numbers(text, language):
        q = _quantity(text, number, language)
        if q is not None:
            out.append(q)
    return out


def _quantity(text: str, n: NumberMatch, language: str) -> Quantity | None:
    raw = text[n.start:n.end]
    before, after = text[max(0, n.start - 40):n.start], text[n.end:n.end + 60]
    if _is_name_part(text, n, before, after, language) or _is_date_or_time(raw, n, before, after, language):
        return None
    if n.words and raw.lower() in _ONE[language]:
        if language == "es" or re.match(r"\s+(of|another|anyone|by|day|time|after)\b", after, re.IGNORECASE):
            return None        # an article or a pronoun, not a count
    # a hyphenated compound: "three-person boat" (a count), "11-second video" (a duration)
    compound = re.match(r"-([^\W\d_]+)", after)
    if compound:
        word = compound.group(1).lower()
        if word in TIME_UNITS[language] or word + "s" in TIME_UNITS[language] or word in ("old", "year"):
            return None
        end = n.end + compound.end()
        return _make(text, n, n.start, end, word, None)
    unit, end = _unit_after(text, n, after, language)
    if unit is None:
        return None
    qualifier, start = _qualifier_before(text, n.start, language)
    return _make(text, n, start, end, unit, qualifier)


def _make(text, n, start, end, unit, qualifier) -> Quantity:
    return Quantity(start, end, text[start:end], n.value, unit, qualifier, n.start, n.end)


def _is_name_part(text: str, n: NumberMatch, before: str, after: str, language: str) -> bool:
    if before.endswith("-") and len(before) > 1 and before[-2].isalnum():
        return True                                   # F-35, Su-30, AK-103
    if before and before[-1].isalpha():
        return True                                   # B1
    if after[:1].isalpha() and not n.words:
        return True                                   # 1B, 2nd, 30s
    if re.match(r"[-/][\dA-Z]", after):
        return True                                   # 2025-20750, 9/11
    previous = re.search(r"([^\W\d_][\w’'-]*\.?)\s+$", before)
    if previous:
        word = previous.group(1)
        if word.lower().rstrip(".") in DESIGNATION_WORDS[language] or word.lower() in DESIGNATION_WORDS[language]:
            return True
        # a capitalised word right before, not opening a sentence: part of a name ("Independencia 200")
        preceding = before[:previous.start(1)].rstrip()
        if word[0].isupper() and not word.endswith(".") and preceding and preceding[-1] not in ".!?:;\"“(" and \
                word.lower() not in QUALIFIERS[language] and word.lower().rstrip(".") not in MONTHS[language] \
                and word.lower() not in WEEKDAYS[language] and word.lower() not in _KILL_VERBS:
            return True
    # a citation: volume, an upper-case code, page ("90 FR 53045", "8 U.S.C. 1189", "42 USC 1983")
    return bool(_CITATION.match(after))


def _is_date_or_time(raw: str, n: NumberMatch, before: str, after: str, language: str) -> bool:
    months = MONTHS[language] | MONTHS["en"]
    following = re.match(r"\s*(?:de\s+)?([^\W\d_]+)", after)
    if following and following.group(1).lower() in months and not n.words:
        return True                                   # 2 de septiembre, 24 November
    prev = re.search(r"([^\W\d_]+)\.?,?\s+(?:de\s+)?$", before)
    if prev and prev.group(1).lower() in months and not n.words:
        return True                                   # November 24, Feb. 9
    if prev and prev.group(1).lower() in WEEKDAYS[language] and not n.words and n.value <= 31:
        return True                                   # el martes 11
    if not n.words and re.fullmatch(r"(19|20)\d\d", raw):
        return True                                   # a year
    if re.match(r"[:h]\d\d", after) or re.match(r"\s*(a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|horas\b|hrs\b)", after,
                                                re.IGNORECASE):
        return True                                   # 10:30, 9 p.m.
    return False


def _unit_after(text: str, n: NumberMatch, after: str, language: str) -> tuple[str | None, int]:
    """The counted noun after the number and where the quantity ends; (None, _) when it is not a count."""
    if n.money:
        return n.money, n.end
    for word in PERCENT_WORDS[language]:
        m = re.match(rf"\s?{re.escape(word)}", after, re.IGNORECASE)
        if m:
            return "%", n.end + m.end()
    for word, code in CURRENCY_WORDS[language].items():
        m = re.match(rf"\s+(?:de\s+)?{re.escape(word)}\b", after, re.IGNORECASE)
        if m:
            return code, n.end + m.end()
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
    if not words:
        return _unit_before(text, n, language)
    if words[0][0] in TIME_UNITS[language]:
        return None, n.end                            # a duration: "two years", "90 días"
    if words[0][0] in _PEOPLE_PARTICIPLES:
        return words[0][0], words[0][2]               # "8 killed", "21 muertos"
    pick = None
    if language == "es":
        pick = next((w for w in words if w[0] not in _ADJECTIVES_ES), None)
    elif n.value == 1:
        pick = words[0]
    else:
        pick = next((w for w in words if _plural(w[0])), None)
    if pick is None:
        return None, n.end
    return pick[0], pick[2]


def _plural(word: str) -> bool:
    return word in IRREGULAR_PLURALS or (len(word) > 3 and word.endswith("s") and not word.endswith("ss"))


def _unit_before(text: str, n: NumberMatch, language: str) -> tuple[str | None, int]:
    """A number with no noun after it counts only right after a verb of killing ("kills 11")."""
    prev = re.search(r"([^\W\d_]+)\s+(?:(?:al menos|at least)\s+)?(?:a\s+)?$", text[max(0, n.start - 30):n.start])
    if prev and prev.group(1).lower() in _KILL_VERBS:
        return ("people" if language == "en" else "muertos"), n.end
    return None, n.end


def _qualifier_before(text: str, start: int, language: str) -> tuple[str | None, int]:
    window = text[max(0, start - 30):start]
    for phrase in sorted(QUALIFIERS[language], key=len, reverse=True):
        m = re.search(rf"(?<![\w]){re.escape(phrase)}\s+(?:(?:a|to)\s+)?$", window, re.IGNORECASE)
        if m:
            return QUALIFIERS[language][phrase], start - (len(window) - m.start())
    return None, start
