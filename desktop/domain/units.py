"""Units in the singular for a figure of one: "1 carrier", "1 person killed", "1 ton of fuel".

Indicator units are written as plural nouns ("carriers", "people killed", "tons of fuel"); a figure of
1 (or −1) takes the singular. The rule, kept small so it can be trusted:

- the word changed is the head noun: the first word that reads as a plural before any preposition
  ("days without talks" -> "day without talks", "barrels per day" -> "barrel per day"); a unit with
  no such word is left as it is ("%", "km", "USD", "personnel", "news");
- irregular plurals come from a short table ("people" -> "person", "children" -> "child",
  "crises" -> "crisis", "lives" -> "life");
- otherwise: "-ies" -> "-y" ("casualties"), "-sses", "-xes", "-zzes", "-ches", "-shes" drop "es"
  ("losses", "boxes", "launches", "clashes"), a few "-oes" drop "es" ("embargoes", "torpedoes");
  any other word ending in a lower-case "s" drops it ("carriers", "Americans", "cases", "IDPs");
- left alone: words ending in "ss", "us", "is" (a singular already: "loss", "status", "crisis"),
  uncountable words ("news", "series", "species", "arms"…), and all-capital words ("US").
"""

from __future__ import annotations

IRREGULAR = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "crises": "crisis", "analyses": "analysis",
    "theses": "thesis", "lives": "life", "wives": "wife", "knives": "knife", "halves": "half",
    "thieves": "thief", "leaves": "leaf", "shelves": "shelf",
}
UNCOUNTABLE = {
    "news", "series", "species", "means", "arms", "headquarters", "barracks", "politics", "economics",
    "physics", "gas", "aircraft", "personnel", "police", "military", "data", "fish", "sheep",
}
OES = {"embargoes", "torpedoes", "vetoes", "heroes", "echoes", "cargoes", "tomatoes", "potatoes", "volcanoes"}
# Words after which the head noun has been passed: prepositions and articles.
STOP_WORDS = {"of", "per", "in", "on", "at", "to", "from", "by", "with", "without", "for", "since", "over",
              "under", "into", "across", "near", "against", "among", "between", "a", "an", "the"}


def singular_word(word: str) -> str | None:
    """The singular of a plural word, keeping its capital; None when it does not read as a plural."""
    low = word.lower()
    if low in IRREGULAR:
        one = IRREGULAR[low]
        return one.capitalize() if word[:1].isupper() else one
    if low in UNCOUNTABLE or len(word) < 3 or not word.endswith("s") or word.isupper():
        return None
    if low.endswith(("ss", "us", "is", "'s")):
        return None
    if low.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if low.endswith(("sses", "xes", "zzes", "ches", "shes")) or low in OES:
        return word[:-2]
    return word[:-1]


def singular(unit: str) -> str:
    """`unit` with its head noun in the singular (see the module's rule); unknown units as they are."""
    words = unit.split(" ")
    for i, word in enumerate(words):
        if word.lower() in STOP_WORDS:
            break
        one = singular_word(word)
        if one is not None:
            return " ".join(words[:i] + [one] + words[i + 1:])
    return unit


def unit_for(value: float | None, unit: str) -> str:
    """The unit as it reads after `value`: singular for exactly 1 or −1, as written otherwise."""
    return singular(unit) if value is not None and abs(float(value)) == 1.0 else unit
