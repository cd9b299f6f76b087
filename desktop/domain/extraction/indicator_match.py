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
     "prisoner", "preso"},
    {"survivor", "sobreviviente", "superviviente", "rescued", "rescatado"},
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
    """A crude singular: "strikes" -> "strike", "vessels" -> "vessel" (enough to compare words)."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _kind(word: str) -> int | None:
    word = word.lower()
    candidates = {word, _stem(word), word[:-2] if word.endswith("es") else word}   # "embarcaciones"
    for i, group in enumerate(_KINDS):
        if candidates & group:
            return i
    return None


# Words that name the same thing across the two languages and their inflections (language data):
# a Spanish sentence meets an indicator named in English through these.
_SAME = {"muerto": "killed", "muerta": "killed", "fallecido": "killed", "murieron": "killed", "muerte": "killed",
         "dead": "killed", "death": "killed", "kill": "killed", "killing": "killed", "liberado": "released",
         "freed": "released", "liberación": "released", "lancha": "boat", "narcolancha": "boat",
         "embarcacione": "boat", "embarcacion": "boat", "vessel": "boat", "ataque": "strike", "bombardeo": "strike",
         "struck": "strike", "soldado": "troop", "efectivo": "troop", "tropa": "troop", "militare": "troop",
         "soldier": "troop", "personnel": "troop", "mobilized": "mobilised", "desplegado": "deployed",
         "buque": "ship", "warship": "ship", "avión": "aircraft", "bombardero": "bomber", "portaaviones": "carrier",
         "portaviones": "carrier", "estadounidense": "american", "americano": "american", "persona": "people"}


def _words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[^\W\d_]+", text.lower()):
        if w in _STOP or len(w) <= 2:
            continue
        stem = _stem(w)
        out.add(_SAME.get(stem, _SAME.get(w, stem)))
    return out


def match_indicator(quantity: Quantity, sentence: str, indicators) -> str | None:
    """The best indicator for `quantity`, or None when none shares its kind of unit and its subject."""
    if not indicators:
        return None
    kind = _kind(quantity.unit)
    context = _words(sentence) | _words(quantity.unit)
    scores = []
    for ind in indicators:
        score = 0.0
        other = _kind(ind.unit)
        if kind is not None and other is not None and kind != other:
            continue                      # soldiers are never boats, however alike the sentence
        if kind is not None and kind == other:
            score += 3
        elif _stem(ind.unit) == _stem(quantity.unit):
            score += 3
        name_words = _words(ind.name)
        score += 1.0 * len(context & name_words) + 0.25 * len(context & _words(ind.description))
        scores.append((score, ind.key))
    if not scores:
        return None
    scores.sort(reverse=True)
    # the same kind of unit (3) is enough when it singles one indicator out; a tie is left to the analyst
    if scores[0][0] >= 3 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
        return scores[0][1]
    return None
