"""Which indicator a quantity feeds: by its unit, then by the words around it.

"at least 83 people killed" -> people_killed (unit "people", and "killed" is in its name);
"15,000 soldiers" -> troops_deployed (soldiers, troops and efectivos are one kind of thing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.extraction.quantities import Quantity

# Units that count the same kind of thing, English and Spanish (language data).
_KINDS = [
    {"soldier", "troop", "personnel", "marine", "sailor", "militar", "soldado", "efectivo", "tropa", "member",
     "service member", "infante"},
    {"vessel", "boat", "ship", "lancha", "narcolancha", "embarcacion", "embarcación", "buque", "semi-submersible",
     "semisumergible", "narcolanchas", "craft"},
    {"people", "person", "persona", "killed", "dead", "muerto", "fallecido", "victim", "víctima", "victima",
     "man", "men", "hombre", "crew", "tripulante", "american", "americano", "estadounidense", "detainee",
     "prisoner", "preso", "survivor", "sobreviviente"},
    {"strike", "attack", "ataque", "bombardeo", "raid"},
    {"aircraft", "bomber", "fighter", "jet", "plane", "avión", "avion", "caza", "bombardero", "flight", "vuelo",
     "sortie"},
    {"carrier", "portaaviones", "portaviones"},
    {"usd", "dollar", "dólar", "dolar"},
]
_STOP = {"the", "of", "in", "and", "by", "to", "a", "us", "for", "on", "since", "de", "la", "el", "los", "las",
         "en", "y", "por", "del", "reported", "number", "cumulative"}


@dataclass(frozen=True)
class IndicatorRef:
    key: str
    name: str
    unit: str
    description: str = ""


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("es", "s"):
        if len(word) > 4 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def _kind(word: str) -> int | None:
    stem = _stem(word)
    for i, group in enumerate(_KINDS):
        if word.lower() in group or stem in group:
            return i
    return None


def _words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in _STOP and len(w) > 2}


def match_indicator(quantity: Quantity, sentence: str, indicators) -> str | None:
    """The best indicator for `quantity`, or None when none shares its kind of unit and its subject."""
    if not indicators:
        return None
    kind = _kind(quantity.unit)
    context = _words(sentence) | {_stem(quantity.unit)}
    scores = []
    for ind in indicators:
        score = 0.0
        if kind is not None and kind == _kind(ind.unit):
            score += 3
        elif _stem(ind.unit) == _stem(quantity.unit):
            score += 3
        name_words = _words(ind.name)
        score += 1.0 * len(context & name_words) + 0.25 * len(context & _words(ind.description))
        scores.append((score, ind.key))
    scores.sort(reverse=True)
    # the same kind of unit (3) is enough when it singles one indicator out; a tie is left to the analyst
    if scores[0][0] >= 3 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
        return scores[0][1]
    return None
