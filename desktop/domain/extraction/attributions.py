"""Who says so: "according to X", "reports in X indicate", "X said", "según X", "X afirmó"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.extraction.lexicon import SAYING_VERBS, SOURCE_OPENERS


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    text: str
    who: str


_NAME = r"(?:[A-ZÁÉÍÓÚÑ][\w.’'&-]*|de|del|la|las|los|of|the|for|y|and)"
_CAPITALISED_RUN = rf"(?:(?:the|The|el|El|la|La)\s+)?[A-ZÁÉÍÓÚÑ][\w.’'&-]*(?:\s+{_NAME}){{0,6}}"
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


_LEADING = {"The", "El", "La", "Los", "Las", "In", "On", "At", "But", "And", "Y", "Pero", "En", "This", "That",
            "Simultaneously", "Moreover", "However", "Meanwhile", "Also", "Además"}


def _trim_name(run: str) -> str:
    words = run.split()
    while words and (words[0] in _LEADING and len(words) > 1 and words[1][:1].isupper() and words[0] not in
                     ("The", "El", "La") or words[0].lower() in ("of", "de", "del", "and", "y")):
        words = words[1:]
    while words and words[-1].lower() in ("of", "de", "del", "la", "the", "and", "y", "for", "las", "los"):
        words = words[:-1]
    name = " ".join(words)
    return name if name and name[0].isupper() and name not in _LEADING else ""
