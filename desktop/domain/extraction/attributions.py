"""Who says so: "according to X", "reports in X indicate", "X said", "según X", "X afirmó".

The patterns are grammar (an opener, a noun of reporting and a preposition, a verb of saying
next to a capitalised name), never the wording of one article.
"""

from __future__ import annotations

from desktop.domain.extraction import cached_re as re
from dataclasses import dataclass

from desktop.domain.extraction.lexicon import REPORT_NOUNS, REPORT_PREPOSITIONS, SAYING_VERBS, SOURCE_OPENERS


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    text: str
    who: str


# A name's words: capitalised, or the small words inside names; a word with a full stop continues the
# name only when it is an initial or a short title ("Gen.", "L."), so a run never crosses a sentence end.
_WORD = r"(?:[A-ZÁÉÍÓÚÑ](?:[\w’'&-]*\w)?(?:\.(?=[ \t]+[a-záéíóúñ])|(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\.|" \
        r"(?<=\b[A-Z][a-z]{2})\.|(?:\.[A-Z])+\.?)?)"
_NAME = rf"(?:{_WORD}|de|del|la|las|los|of|the|for|y|and)"
_CAPITALISED_RUN = rf"(?:(?:the|The|el|El|la|La)[ \t]+)?{_WORD}(?:[ \t]+{_NAME}){{0,6}}"
# the source phrase after an opener: up to a clause boundary
_AFTER_OPENER = r"([^,.;:“”\"()\n]{2,80}?)(?=\s*(?:[,.;:“”\"()\n]|\s(?:quoted|who|that|which|que|quien|indicate|" \
                r"indicates|say|says|suggest|suggests|said|dijo|afirmó|indican|señalan)\b))"


def find_attributions(text: str, language: str) -> list[Attribution]:
    language = language if language in SAYING_VERBS else "en"
    found: list[Attribution] = []
    openers = "|".join(sorted((re.escape(o) for o in SOURCE_OPENERS[language]), key=len, reverse=True))
    for m in re.finditer(rf"\b({openers})\s+{_AFTER_OPENER}", text, re.IGNORECASE):
        who = m.group(2).strip()
        found.append(Attribution(m.start(), m.start(2) + len(m.group(2).rstrip()), text[m.start():m.start(2) +
                                 len(m.group(2).rstrip())], who))
    nouns = "|".join(sorted(REPORT_NOUNS[language], key=len, reverse=True))
    preps = "|".join(sorted((re.escape(p) for p in REPORT_PREPOSITIONS[language]), key=len, reverse=True))
    for m in re.finditer(rf"\b(?i:{nouns})[ \t]+(?i:{preps})[ \t]+({_CAPITALISED_RUN})", text):
        who = _trim_name(m.group(1))
        if who and who[0].isupper():
            end = m.start(1) + m.group(1).find(who) + len(who)
            found.append(Attribution(m.start(), end, text[m.start():end], who))
    verbs = "|".join(sorted(SAYING_VERBS[language], key=len, reverse=True))
    for m in re.finditer(rf"({_CAPITALISED_RUN})\s*,?\s+(?:has\s+|had\s+|also\s+)?({verbs})\b", text):
        who = _trim_name(m.group(1))
        if who:
            start = m.start(1) + m.group(1).find(who)
            found.append(Attribution(start, m.end(), text[start:m.end()], who))
    for m in re.finditer(rf"\b({verbs})\s+({_CAPITALISED_RUN})", text):
        who = _trim_name(m.group(2))
        if who and not who.lower().startswith(("the ", "el ", "la ")) or (who and len(who.split()) > 1):
            end = m.start(2) + m.group(2).find(who) + len(who)
            found.append(Attribution(m.start(), end, text[m.start():end], who))
    found.sort(key=lambda a: (a.start, -a.end))
    out: list[Attribution] = []
    for a in found:
        if not any(a.start < b.end and b.start < a.end for b in out):
            out.append(a)
    return out


# Words that open a sentence before a name (language data); adverbs in -ly / -mente are found by shape.
_LEADING = {"The", "El", "La", "Los", "Las", "In", "On", "At", "But", "And", "Y", "Pero", "En", "This", "That",
            "Moreover", "However", "Meanwhile", "Also", "Además", "Then", "Still", "Yet", "Later", "Earlier",
            "Luego", "Después", "Asimismo", "También", "Sin", "Mientras"}


def _opener(word: str) -> bool:
    return word in _LEADING or (len(word) > 5 and word[:1].isupper() and word.lower().endswith(("ly", "mente")))


def _trim_name(run: str) -> str:
    words = run.split()
    while words and (_opener(words[0]) and len(words) > 1 and words[1][:1].isupper() and words[0] not in
                     ("The", "El", "La") or words[0].lower() in ("of", "de", "del", "and", "y")):
        words = words[1:]
    while words and words[-1].lower() in ("of", "de", "del", "la", "the", "and", "y", "for", "las", "los"):
        words = words[:-1]
    name = " ".join(words)
    return name if name and name[0].isupper() and not _opener(name) else ""
