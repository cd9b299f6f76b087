"""The facts a quote states, as tokens that read the same in English and Spanish.

Two reports of one fact rarely share their wording, and never across languages ("US strike
killed 3 people on 15 September" / "un ataque de EE.UU. mató a tres personas el 15 de
septiembre"), but they share what the fact is made of: its figures, its days and its names.
A quote is reduced to those, each as a short token that does not depend on the language:

- figures, ``n:3``: the counted quantities extraction finds (digits with either language's
  separators, "200.000" and "200,000" alike, and number words, "tres" and "three" alike), dates,
  years, times and designations ("F-35") left out; "one"/"un"/"una" in words is an article more
  often than a count and is left out too;
- days, ``d:2025-09-15``: a day named in the quote, resolved to the calendar: "15 September",
  "September 15, 2025", "el 15 de septiembre de 2025", "2025-09-15", and the relative "on Monday",
  "el martes", "yesterday", "ayer" (counted from the item's observed day, which a relative day is
  written against); a day without a year takes the year that puts it nearest the observed day;
- names, ``p:maduro``: capitalised words (accents folded, "Nicolás" -> "nicolas") that are not
  function words, titles, months, weekdays or numbers, and acronyms; a capitalised word opening
  a sentence is taken only when a name follows it ("Richard Grenell"), is an acronym, or is a
  country; a handful of names spelled differently in the two languages (United States / Estados
  Unidos / EE.UU. / US, Caribbean / Caribe, the UN, the EU, NATO…) and country adjectives
  ("Venezuelan", "venezolanos") read as one name: language data, not words of any article;
- the quote itself, ``q:…``: a hash of its duplicate fingerprint, so a wire copy (the same words
  from another source) is found by the same index.

Dates are found here with the month and weekday words of the extraction lexicon rather than
through `extraction.dates` (dateparser): a signature is computed for every item logged, edited
and imported, and dateparser's 1.5 ms a date (250 ms for its first) would make a bundle of
10,000 items take 15 s longer; only the day matters here, not the variety of ways an article
can point at it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from desktop.domain.evidence_rules import quote_fingerprint

FIGURE, DAY, NAME, QUOTE = "n:", "d:", "p:", "q:"


@dataclass(frozen=True)
class FactSignature:
    figures: frozenset[str] = frozenset()
    days: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    quote: str = ""          # the q: token ("" when unknown)

    def tokens(self) -> frozenset[str]:
        """Everything stored for the item in the index."""
        return self.figures | self.days | self.names | ({self.quote} if self.quote else set())

    def facts(self) -> frozenset[str]:
        """The tokens near-duplicates are compared on (the quote's own hash aside)."""
        return self.figures | self.days | self.names


def from_tokens(tokens) -> FactSignature:
    """A signature read back from the index."""
    tokens = set(tokens)
    quote = next((t for t in tokens if t.startswith(QUOTE)), "")
    return FactSignature(frozenset(t for t in tokens if t.startswith(FIGURE)),
                         frozenset(t for t in tokens if t.startswith(DAY)),
                         frozenset(t for t in tokens if t.startswith(NAME)), quote)


def quote_token(quote: str) -> str:
    """The wire-copy token: the same words (case and spacing aside) give the same token."""
    return QUOTE + hashlib.blake2b(quote_fingerprint(quote).encode("utf-8"), digest_size=8).hexdigest()


@lru_cache(maxsize=256)
def fact_signature(quote: str, observed: date | None = None) -> FactSignature:
    """The figures, days and names `quote` states; `observed` (the item's day) anchors relative days.

    Cached: logging reads one quote's signature to find a proposal and again to index it, and the
    service reads it once before its write transaction, so the lock is not held while a quote is parsed."""
    return FactSignature(_figures(quote), _days(quote, observed), _names(quote), quote_token(quote))


# --- figures ---------------------------------------------------------------------------------

def figure_token(value: float) -> str:
    return FIGURE + (str(int(value)) if float(value).is_integer() else f"{value:g}")


# "200.000": thousands in Spanish, and never 200 in English news; read alike in both languages.
_DOTTED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)")
_SPANISH_LETTERS = re.compile(r"[ñáéíóú¿¡]", re.IGNORECASE)


def _figures(text: str) -> frozenset[str]:
    """The counted quantities, read in the quote's language: its function words say which (extraction's
    guess); a quote with none is Spanish if it has a Spanish letter, else read in the language in which
    more of it reads as figures ("doscientos mil soldados")."""
    from desktop.domain.extraction import guess_language
    from desktop.domain.extraction.quantities import find_quantities

    text = _DOTTED_THOUSANDS.sub(lambda m: m.group(0).replace(".", ","), text)     # same length: spans hold
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    if not any(ch.isdigit() for ch in text) and not words & _number_words():
        return frozenset()        # most quotes: no figure to read, and reading them is most of the cost
    if words & _LANGUAGE_CUES:
        found = find_quantities(text, guess_language(text))
    elif _SPANISH_LETTERS.search(text):
        found = find_quantities(text, "es")
    else:
        found = max((find_quantities(text, "en"), find_quantities(text, "es")), key=len)   # en on a tie
    out = set()
    for q in found:
        raw = text[q.number_start:q.number_end]
        if q.value == 1 and not any(ch.isdigit() for ch in raw):
            continue              # "one semi-submersible", "un ataque": an article as often as a count
        out.add(figure_token(q.value))
    return frozenset(out)


_NUMBER_WORDS: frozenset[str] | None = None


def _number_words() -> frozenset[str]:
    """Every word the number reader knows, in either language (any figure in words has one of them)."""
    global _NUMBER_WORDS
    if _NUMBER_WORDS is None:
        from desktop.domain.extraction.numbers import number_vocabulary

        articles = {"a", "an", "one", "un", "una", "uno"}     # alone, 1 in words is not kept (see _figures)
        _NUMBER_WORDS = number_vocabulary() - articles
    return _NUMBER_WORDS


# The function words `guess_language` counts: a quote with none of them has no language to guess from.
_LANGUAGE_CUES = set("the of and to in that is was for with on by said el la los las de que y en del por con "
                     "para una según".split())


# --- days ------------------------------------------------------------------------------------

def day_token(day: date) -> str:
    return DAY + day.isoformat()


def _alternatives(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _day_patterns():
    from desktop.domain.extraction.lexicon import MONTHS, WEEKDAYS

    en_months = _alternatives(w.capitalize() for w in MONTHS["en"])    # English capitalises its months
    es_months = _alternatives(MONTHS["es"])
    en_days = _alternatives(w.capitalize() for w in WEEKDAYS["en"])
    es_days = _alternatives(WEEKDAYS["es"])
    ordinal = r"(?:st|nd|rd|th)?"
    return [
        ("dmy", re.compile(rf"\b(\d{{1,2}}){ordinal}(?:\s+of)?\s+({en_months})\b\.?(?:,?\s+(\d{{4}}))?")),
        ("mdy", re.compile(rf"\b({en_months})\b\.?\s+(\d{{1,2}}){ordinal}\b(?:,?\s+(\d{{4}}))?")),
        ("dmy", re.compile(rf"\b(\d{{1,2}})º?\s+de\s+({es_months})\b\.?(?:\s+(?:de|del)\s+(\d{{4}}))?",
                           re.IGNORECASE)),
        ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
        ("weekday", re.compile(rf"\b(?:(next|this|last|on|the previous|the following)\s+)?({en_days})\b",
                               re.IGNORECASE)),
        # Spanish weekdays are lower case and need their article: "Domingo" alone may be a name
        ("weekday", re.compile(rf"\b(?:(?:el|este|esta)\s+(pasado|próximo)?\s*)({es_days})(?:\s+(pasado|próximo|"
                               rf"que viene))?\b", re.IGNORECASE)),
        ("day_word", re.compile(r"\b(yesterday|today|ayer|anteayer|antier|anoche|hoy)\b", re.IGNORECASE)),
    ]


_PATTERNS: list | None = None
_DAY_WORDS = {"yesterday": -1, "today": 0, "ayer": -1, "anteayer": -2, "antier": -2, "anoche": -1, "hoy": 0}
_FORWARD = {"next", "próximo", "proximo", "que viene", "the following"}


def _days(text: str, observed: date | None) -> frozenset[str]:
    from desktop.domain.extraction.lexicon import MONTHS, WEEKDAYS

    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = _day_patterns()
    months = {**MONTHS["es"], **MONTHS["en"]}
    weekdays = {**WEEKDAYS["es"], **WEEKDAYS["en"]}
    taken: list[tuple[int, int]] = []
    out = set()
    digits = any(ch.isdigit() for ch in text)
    for kind, pattern in _PATTERNS:
        if kind in ("dmy", "mdy", "iso") and not digits:
            continue
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue          # inside a fuller date already read ("Monday (27 October 2025)" keeps both)
            day = None
            if kind in ("dmy", "mdy"):
                d, month = (m.group(1), m.group(2)) if kind == "dmy" else (m.group(2), m.group(1))
                day = _calendar_day(int(d), months[month.lower()], m.group(3), observed)
            elif kind == "iso":
                day = _calendar_day(int(m.group(3)), int(m.group(2)), m.group(1), None)
            elif kind == "weekday" and observed is not None:
                words = {(g or "").lower() for g in m.groups()}
                target = weekdays[m.group(2).lower()]
                if words & _FORWARD:
                    day = observed + timedelta(days=(target - observed.weekday() - 1) % 7 + 1)
                else:
                    day = observed - timedelta(days=(observed.weekday() - target) % 7)
            elif kind == "day_word" and observed is not None:
                day = observed + timedelta(days=_DAY_WORDS[m.group(1).lower()])
            if day is not None:
                taken.append((m.start(), m.end()))
                out.add(day_token(day))
    return frozenset(out)


def _calendar_day(d: int, month: int, year: str | None, observed: date | None) -> date | None:
    """The day, its year written or else the one nearest `observed` (news looks back more than ahead)."""
    if year:
        try:
            return date(int(year), month, d)
        except ValueError:
            return None
    if observed is None:
        return None
    best = None
    for y in (observed.year - 1, observed.year, observed.year + 1):
        try:
            candidate = date(y, month, d)
        except ValueError:
            continue
        distance = (candidate - observed).days
        score = -distance if distance <= 0 else distance * 3
        if best is None or score < best[0]:
            best = (score, candidate)
    return best[1] if best else None


# --- names -----------------------------------------------------------------------------------

# Names written differently in English and Spanish, read as one (checked on the text as written:
# "US" is a name, "us" a pronoun).
_SAME_NAME = [
    (re.compile(r"\bU\.S\.A\.|\bU\.S\.(?!\w)|\bUSA\b|\bUS\b|\bUnited States\b|\bEE\.\s?UU\.?|\bEEUU\b|"
                r"\bEstados Unidos\b"), "us"),
    (re.compile(r"\bUnited Nations\b|\bNaciones Unidas\b|\bONU\b|\bUN\b"), "un"),
    (re.compile(r"\bEuropean Union\b|\bUni[oó]n Europea\b|\bUE\b|\bEU\b"), "eu"),
    (re.compile(r"\bNATO\b|\bOTAN\b"), "nato"),
    (re.compile(r"\bUnited Kingdom\b|\bReino Unido\b|\bUK\b|\bU\.K\."), "uk"),
    (re.compile(r"\bWhite House\b|\bCasa Blanca\b"), "white-house"),
    (re.compile(r"\bState Department\b|\bDepartment of State\b|\bDepartamento de Estado\b"), "state-department"),
    (re.compile(r"\bPentagon\b|\bPent[aá]gono\b"), "pentagon"),
    (re.compile(r"\bCaribbean\b|\bCaribe\b"), "caribbean"),
    (re.compile(r"\bLatin America\b|\bAm[eé]rica Latina\b|\bLatinoam[eé]rica\b"), "latin-america"),
]
_SAME_NAME_ANY = re.compile("|".join(f"(?P<n{i}>{pattern.pattern})" for i, (pattern, _name) in enumerate(_SAME_NAME)))
# Countries spelled differently, and their adjectives (any case: Spanish writes them in lower case).
_COUNTRY_WORDS = {
    "venezuela": "venezuela", "venezuelan": "venezuela", "venezuelans": "venezuela",
    "venezolano": "venezuela", "venezolana": "venezuela", "venezolanos": "venezuela", "venezolanas": "venezuela",
    "american": "us", "americans": "us", "estadounidense": "us", "estadounidenses": "us",
    "norteamericano": "us", "norteamericana": "us", "norteamericanos": "us", "norteamericanas": "us",
    "colombia": "colombia", "colombian": "colombia", "colombians": "colombia", "colombiano": "colombia",
    "colombiana": "colombia", "colombianos": "colombia", "colombianas": "colombia",
    "cuba": "cuba", "cuban": "cuba", "cubans": "cuba", "cubano": "cuba", "cubana": "cuba", "cubanos": "cuba",
    "cubanas": "cuba",
    "mexico": "mexico", "mexican": "mexico", "mexicans": "mexico", "mexicano": "mexico", "mexicana": "mexico",
    "mexicanos": "mexico", "mexicanas": "mexico",
    "brazil": "brazil", "brasil": "brazil", "brazilian": "brazil", "brasileno": "brazil", "brasilena": "brazil",
    "brasilenos": "brazil",
    "russia": "russia", "rusia": "russia", "russian": "russia", "russians": "russia", "ruso": "russia",
    "rusa": "russia", "rusos": "russia", "rusas": "russia",
    "china": "china", "chinese": "china", "chino": "china", "chinos": "china",
    "iran": "iran", "iranian": "iran", "irani": "iran", "iranies": "iran",
    "germany": "germany", "alemania": "germany", "german": "germany", "aleman": "germany", "alemana": "germany",
    "france": "france", "francia": "france", "french": "france", "frances": "france", "francesa": "france",
    "spain": "spain", "espana": "spain", "spanish": "spain", "espanol": "spain", "espanola": "spain",
    "japan": "japan", "japon": "japan", "japanese": "japan", "japones": "japan",
}
_COUNTRY_WORDS.update({"brasileño": "brazil", "brasileña": "brazil", "brasileños": "brazil", "méxico": "mexico",
                       "irán": "iran", "iraní": "iran", "iraníes": "iran", "alemán": "germany", "francés": "france",
                       "españa": "spain", "español": "spain", "española": "spain", "japón": "japan",
                       "japonés": "japan"})
_FUNCTION_WORDS = set("""
a an and as at be but by for from had has have he her his i if in into is it its my no nor not of on or our
she so than that the their them then there these they this those to under up us was we were what when where
which while who whom why will with would you your after before since during also all any both each more most
other some such only own same too very can could should may might must do does did done said says according
el la los las lo un una unos unas y e o u de del al a ante bajo con contra desde durante en entre hacia hasta
mediante para por según segun sin sobre tras que quien quienes cual cuales cuando donde como si no ni pero
mas más este esta estos estas ese esa esos esas aquel aquella su sus mi mis tu tus nuestro nuestra se le les
ya también tambien muy ha han fue fueron es son era eran ser estar está esta están estan dijo según
""".split())
_TITLES = set("""
president presidente presidenta vice general secretary secretario secretaria minister ministro ministra
senator senador senadora envoy enviado enviada admiral almirante chief jefe jefa director directora governor
gobernador gobernadora mr mrs ms sr sra srta dr commander comandante king rey queen reina prince principe pope
papa lieutenant teniente colonel coronel captain capitan sergeant sargento spokesman spokeswoman portavoz
ambassador embajador embajadora deputy diputado diputada congressman congresista judge juez jueza mayor alcalde
alcaldesa prime primer primera
""".split())
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W\d_]+)?", re.UNICODE)
_DESIGNATOR = re.compile(r"\b[A-Z]{1,3}-\d{1,3}[A-Z]?\b")    # F-35, B-52, Su-30: distinctive as any name
_OPENERS = set(" \t\u00a0“\"«(¿¡'‘")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of its sentence (or of the quote)."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r"


def _is_number_word(word: str) -> bool:
    from text_to_num import text2num

    for language in ("en", "es"):
        try:
            text2num(word, language)
            return True
        except ValueError:
            continue
    return False


def fold(word: str) -> str:
    """Lower case without accents: "Nicolás" and "Nicolas" are one name."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _common_words() -> set[str]:
    from desktop.domain.extraction.lexicon import MONTHS, QUALIFIERS, STOP_WORDS, WEEKDAYS

    words = set(_FUNCTION_WORDS | _TITLES)
    for language in ("en", "es"):
        words |= set(MONTHS[language]) | set(WEEKDAYS[language]) | STOP_WORDS[language]
        words |= {w for phrase in QUALIFIERS[language] for w in phrase.split()}   # "Around", "Casi"
    return {fold(w) for w in words}


_COMMON: set[str] | None = None


def _names(text: str) -> frozenset[str]:
    global _COMMON
    if _COMMON is None:
        _COMMON = _common_words()
    out: set[str] = set()
    taken: list[tuple[int, int]] = []
    for m in _SAME_NAME_ANY.finditer(text):
        out.add(NAME + _SAME_NAME[int(m.lastgroup[1:])][1])
        taken.append((m.start(), m.end()))
    for m in _DESIGNATOR.finditer(text):
        out.add(NAME + m.group(0).lower())
        taken.append((m.start(), m.end()))
    words = [m for m in _WORD.finditer(text) if not any(s <= m.start() < e for s, e in taken)]
    for i, m in enumerate(words):
        raw = m.group(0)
        if raw.endswith(("'s", "’s")):
            raw = raw[:-2]
        country = _COUNTRY_WORDS.get(raw.lower())
        if country is not None:
            out.add(NAME + country)
            continue
        if not raw[:1].isupper():
            continue
        folded = fold(raw)
        if folded in _COUNTRY_WORDS:
            out.add(NAME + _COUNTRY_WORDS[folded])
            continue
        if folded in _COMMON or len(folded) < 2 or _is_number_word(folded):
            continue
        if not raw.isupper() and _opens_sentence(text, m.start()) and not _followed_by_name(text, words, i):
            # any word opens a sentence capitalised: it is a name when one follows it or it looks like none
            # of the common kinds of word (adverbs, participles, abstract nouns)
            if _COMMON_ENDING.search(folded):
                continue
        out.add(NAME + folded)
    return frozenset(out)


# Endings of common words, not names, in English and Spanish: "Approximately", "Reportedly", "Meanwhile"
# is a function word above; "Funcionarios", "Simultáneamente", "Following", "Designated".
_COMMON_ENDING = re.compile(r"(?:ly|ing|ed|tion|tions|ment|ments|ness|ity|ities|ies|ous|ive|ives|mente|cion|"
                            r"ciones|dad|dades|ando|iendo|ado|ados|ada|adas|ido|idos|ida|idas|arios|arias|ario|"
                            r"aria|ores|istas)$")


def _followed_by_name(text: str, words: list, i: int) -> bool:
    if i + 1 >= len(words):
        return False
    following = words[i + 1]
    return (not text[words[i].end():following.start()].strip() and following.group(0)[:1].isupper()
            and fold(following.group(0)) not in _COMMON)
