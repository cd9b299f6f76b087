"""Which indicator a quantity feeds: by its unit, then by the words around it, never someone else's.

"at least 83 people killed" -> people_killed (unit "people", and "killed" is in its name);
"15,000 soldiers" -> troops_deployed (soldiers, troops and efectivos are one kind of thing);
"casi 200.000 efectivos" of Venezuela's forces -> not "US troops mobilised" (actors.py).
A compound names its head's kind ("narcolancha" is a "lancha", "speedboat" a "boat"): the kinds
are general words, not one crisis's.
"""

from __future__ import annotations

from desktop.domain.extraction import cached_re as re
from dataclasses import dataclass

from desktop.domain.extraction.actors import actor_mentions, indicator_actors, may_belong
from desktop.domain.extraction.quantities import Quantity

# Units that count the same kind of thing, English and Spanish (language data).
_KINDS = [
    {"soldier", "troop", "personnel", "marine", "sailor", "militar", "soldado", "efectivo", "tropa", "member",
     "service member", "infante"},
    {"vessel", "boat", "ship", "lancha", "embarcacion", "embarcación", "buque", "semi-submersible",
     "semisumergible", "craft", "barco", "nave", "tanker", "petrolero", "destroyer", "destructor", "frigate",
     "fragata", "submarine", "submarino", "warship", "speedboat", "yate", "yacht", "ferry", "trawler", "skiff"},
    {"people", "person", "persona", "killed", "dead", "muerto", "fallecido", "victim", "víctima", "victima",
     "man", "men", "hombre", "crew", "tripulante", "american", "americano", "estadounidense", "detainee",
     "prisoner", "preso"},
    {"survivor", "sobreviviente", "superviviente", "rescued", "rescatado"},
    {"strike", "attack", "ataque", "bombardeo", "raid"},
    {"aircraft", "bomber", "fighter", "jet", "plane", "avión", "avion", "caza", "bombardero", "flight", "vuelo",
     "sortie"},
    {"carrier", "portaaviones", "portaviones"},
    {"usd", "dollar", "dólar", "dolar"},
    {"eur", "euro"},
    {"%", "percent", "porcentaje"},
]
_GENERIC = {"people", "person", "persona"}
_STOP = {"the", "of", "in", "and", "by", "to", "a", "us", "for", "on", "since", "de", "la", "el", "los", "las",
         "en", "y", "por", "del", "reported", "number", "cumulative"}


@dataclass(frozen=True)
class IndicatorRef:
    key: str
    name: str
    unit: str
    description: str = ""

    @property
    def actors(self) -> frozenset[str]:
        """The countries the indicator counts for ("US troops mobilised" -> {"US"})."""
        return indicator_actors(self.name, self.description, self.unit)


def _stem(word: str) -> str:
    """A crude singular: "strikes" -> "strike", "vessels" -> "vessel" (enough to compare words)."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _kind(unit: str) -> int | None:
    """The kind of thing a unit counts, by its words: English puts the head last ("death toll", "drug
    boats"), Spanish first ("cifra de muertos" reads through "de"); a compound by its ending."""
    words = [w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*|%", unit.lower()) if w not in _STOP]
    for word in [unit.lower()] + words[::-1]:
        kind = _word_kind(word)
        if kind is not None:
            return kind
    return None


def _word_kind(word: str) -> int | None:
    candidates = {word, _stem(word), word[:-2] if word.endswith("es") else word}   # "embarcaciones"
    candidates |= {_SAME.get(c, c) for c in set(candidates)}
    for i, group in enumerate(_KINDS):
        if candidates & group:
            return i
    for i, group in enumerate(_KINDS):
        if any(len(g) >= 4 and len(c) - len(g) >= 3 and c.endswith(g) for c in candidates for g in group):
            return i              # "narcolancha" ends in "lancha", "speedboats" in "boat"
    return None


# Words that name the same thing across the two languages and their inflections (language data):
# a Spanish sentence meets an indicator named in English through these.
_SAME = {"muerto": "killed", "muerta": "killed", "fallecido": "killed", "murieron": "killed", "muerte": "killed",
         "dead": "killed", "death": "killed", "kill": "killed", "killing": "killed", "liberado": "released",
         "freed": "released", "liberación": "released", "lancha": "boat",
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
        same = _SAME.get(stem, _SAME.get(w))
        if same is None:        # a compound takes its ending's meaning ("narcolanchas" -> "boat", "speedboat")
            same = next((v for k, v in _SAME.items() if len(k) >= 5 and len(stem) - len(k) >= 3
                         and stem.endswith(k)), None) or \
                next((g for group in _KINDS for g in group if len(g) >= 4 and len(stem) - len(g) >= 3
                      and stem.endswith(g)), stem)
        out.add(same)
    return out


def match_indicator(quantity: Quantity, sentence: str, indicators,
                    actors: frozenset[str] | None = None) -> str | None:
    """The best indicator for `quantity`, or None when none shares its kind of unit and its subject.

    `actors` are the countries the figure belongs to (actors.figure_actors, which reads the whole
    text); without them, those the sentence names. An indicator counting for other countries is out.
    """
    if not indicators:
        return None
    if actors is None:
        actors = frozenset(a.actor for a in actor_mentions(sentence, "en")) | \
            frozenset(a.actor for a in actor_mentions(sentence, "es"))
    if quantity.kind == "duration":      # a length of time feeds only an indicator measured in that unit
        return next((ind.key for ind in indicators if _stem(ind.unit) == _stem(quantity.unit)), None)
    kind = _kind(quantity.unit)
    context = (_words(sentence) | _words(quantity.unit)) - _GENERIC
    scores = []
    for ind in indicators:
        score = 0.0
        other = _kind(ind.unit)
        if kind is not None and other is not None and kind != other:
            continue                      # soldiers are never boats, however alike the sentence
        if not may_belong(actors, ind.actors):
            continue                      # Venezuela's troops are not "US troops mobilised"
        if kind is not None and kind == other:
            score += 3
        elif _stem(ind.unit) == _stem(quantity.unit):
            score += 3
        name_words = _words(ind.name)
        score += 1.0 * len(context & name_words) + 0.25 * len(context & _words(ind.description))
        # its own noun counts besides its kind, unless it says no more than the kind ("people")
        score += 1.0 * len((_words(quantity.unit) - _GENERIC) & name_words)
        scores.append((score, ind.key))
    if not scores:
        return None
    scores.sort(reverse=True)
    # the same kind of unit (3) and at least one word of the indicator's name or unit besides ("people" fit
    # many indicators: "killed" or "released" decides); a tie is left to the analyst
    if scores[0][0] >= 4 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
        return scores[0][1]
    return None
