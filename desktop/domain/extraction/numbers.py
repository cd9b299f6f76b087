"""Numbers in running text, in digits or in words, with their exact span and value.

Digits follow the language's separators (English 15,000.5; Spanish 15.000,5, though Spanish
news also writes 15,000 for fifteen thousand: a comma before exactly three digits is read as
a thousands separator in both). Words ("quince mil", "twenty-one") are converted by text2num;
this module only finds where a run of number words starts and ends.
"""

from __future__ import annotations

from desktop.domain.extraction import cached_re as re
from dataclasses import dataclass

from text_to_num import text2num

from desktop.domain.extraction.lexicon import SCALE_WORDS

_UNITS_EN = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
             "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
             "thousand million billion").split()
_UNITS_ES = ("uno una un dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
             "dieciséis dieciseis diecisiete dieciocho diecinueve veinte veintiuno veintiuna veintiún veintidós "
             "veintidos veintitrés veintitres veinticuatro veinticinco veintiséis veintiseis veintisiete "
             "veintiocho veintinueve treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento "
             "doscientos doscientas trescientos trescientas cuatrocientos cuatrocientas quinientos quinientas "
             "seiscientos seiscientas setecientos setecientas ochocientos ochocientas novecientos novecientas "
             "mil millón millon millones").split()
_WORDS = {"en": set(_UNITS_EN), "es": set(_UNITS_ES)}
_JOINERS = {"en": {"and", "-"}, "es": {"y"}}
_SMALL_WORDS = {"en": {"a dozen": 12, "dozen": 12, "a hundred": 100, "a thousand": 1000, "a million": 1e6,
                       "half a million": 5e5},
                "es": {"una docena": 12, "media docena": 6, "medio millón": 5e5, "un millón": 1e6,
                       # collective numerals ("una veintena de calles": about twenty)
                       "una decena": 10, "una veintena": 20, "una treintena": 30, "un centenar": 100,
                       "una centena": 100, "un millar": 1000}}
# Collective numerals mean "about N": the quantity's qualifier says so.
APPROXIMATE_WORDS = ("decena", "veintena", "treintena", "centenar", "centena", "millar")

_SCALE_ONLY = {"en": {"hundred", "thousand", "million", "billion"},
               "es": {"millón", "millon", "millones", "ciento"}}

_DIGITS = re.compile(r"(?<![\w.,])(?:US\$|\$|€)?\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    value: float
    words: bool        # written in words
    money: str | None  # "usd"/"eur" when a currency sign led it


def _digit_value(raw: str, language: str) -> float | None:
    groups = re.split(r"[.,]", raw)
    seps = re.findall(r"[.,]", raw)
    if not seps:
        return float(raw)
    # every separator followed by exactly three digits: thousands ("15,000", "200.000", "1.234.567")
    if all(len(g) == 3 for g in groups[1:]) and (len(set(seps)) == 1) and len(groups[0]) <= 3:
        if len(seps) > 1 or language == "es" or seps[0] == ",":
            return float("".join(groups))
    decimal = "," if language == "es" else "."
    thousands = "." if decimal == "," else ","
    cleaned = raw.replace(thousands, "").replace(decimal, ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _scale_after(text: str, end: int, language: str) -> tuple[float, int]:
    """A scale word right after a number ("2.5 million", "50 millones"): (factor, new end)."""
    m = re.match(r"[ \u00a0]+(mil millones|[^\W\d_]+)\b", text[end:end + 20])
    if m:
        factor = SCALE_WORDS[language].get(m.group(1).lower())
        if factor:
            return factor, end + m.end(0)
    return 1.0, end


def find_numbers(text: str, language: str) -> list[NumberMatch]:
    """Every number in `text`, in order; spans cover the number and its scale word, not a unit."""
    language = language if language in _WORDS else "en"
    found: list[NumberMatch] = []
    for m in _DIGITS.finditer(text):
        raw = m.group(0)
        money = None
        start = m.start()
        for sign, code in (("US$", "usd"), ("$", "usd"), ("€", "eur")):
            if raw.startswith(sign):
                raw, money = raw[len(sign):], code
                break
        end = m.end()
        if raw.endswith((".", ",")):
            raw, end = raw[:-1], end - 1
        value = _digit_value(raw, language)
        if value is None:
            continue
        factor, end = _scale_after(text, end, language)
        if money and factor == 1.0:          # "$1.2bn", "€50m": the scale written onto the number
            attached = re.match(r"(bn|m|k|tn)\b", text[end:end + 3])
            if attached:
                factor, end = {"bn": 1e9, "m": 1e6, "k": 1e3, "tn": 1e12}[attached.group(1)], end + attached.end()
        found.append(NumberMatch(start, end, value * factor, False, money))
    spans = [(n.start, n.end) for n in found]
    found.extend(w for w in _word_numbers(text, language) if not any(s < w.end and w.start < e for s, e in spans))
    found.sort(key=lambda n: n.start)
    return found


def _word_numbers(text: str, language: str) -> list[NumberMatch]:
    vocab, joiners = _WORDS[language], _JOINERS[language]
    out: list[NumberMatch] = []
    lowered = text.lower()
    for phrase, value in _SMALL_WORDS[language].items():
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
            out.append(NumberMatch(m.start(), m.end(), float(value), True, None))
    taken = [(n.start, n.end) for n in out]
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        parts = words[i].group(0).lower().split("-")
        if parts[0] in vocab and not all(p in vocab for p in parts):
            # "three-person": the number is the first part only
            start = words[i].start()
            value = _words_value(parts[0], language) if parts[0] not in _SCALE_ONLY[language] else None
            if value is not None and not any(s <= start < e for s, e in taken):
                out.append(NumberMatch(start, start + len(parts[0]), value, True, None))
            i += 1
            continue
        if not all(p in vocab for p in parts):
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            gap = text[words[j].end():words[j + 1].start()]
            nxt = words[j + 1].group(0).lower()
            if gap.strip() == "" and all(p in vocab for p in nxt.split("-")):
                j += 1
            elif gap.strip() == "" and nxt in joiners and j + 2 < len(words) and \
                    all(p in vocab for p in words[j + 2].group(0).lower().split("-")) and \
                    text[words[j + 1].end():words[j + 2].start()].strip() == "":
                j += 2
            else:
                break
        start, end = words[i].start(), words[j].end()
        if parts[0] in _SCALE_ONLY[language]:      # "million" alone is not a number ("mil" is)
            i = j + 1
            continue
        if not any(s <= start < e for s, e in taken):
            value = _words_value(text[start:end], language)
            if value is not None:
                out.append(NumberMatch(start, end, value, True, None))
        i = j + 1
    return out


def _words_value(phrase: str, language: str) -> float | None:
    try:
        return float(text2num(phrase.lower(), language))
    except ValueError:
        return None


def number_vocabulary() -> frozenset[str]:
    """Every word this reader takes as (part of) a number, in either language: a text without one of
    them and without a digit states no figure (the fact signature skips such quotes cheaply)."""
    small = {w for language in _SMALL_WORDS.values() for phrase in language for w in phrase.split()}
    return frozenset(w for vocabulary in _WORDS.values() for w in vocabulary) | small
