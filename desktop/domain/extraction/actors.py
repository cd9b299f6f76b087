"""Whose figure is it: the country a figure belongs to, and the one an indicator counts for.

"casi 200.000 efectivos" in an article about Venezuela's mobilisation must not feed "US troops
mobilised", however alike the units. An indicator's actors come from the countries its name
(else its description) names; a figure's from its own words ("15,000 US troops", "six
Americans") and the nearest actor before it in its sentence ("Venezuela had mobilized 2.5
million personnel"), else after it; a sentence naming none takes the actor of the nearest
earlier sentence of its paragraph that names one, else the lead's (the first paragraph after
the title: news puts its subject there). A country named as a place ("off Venezuela", "en
aguas venezolanas") or a target ("strikes against Venezuela") is not an actor.
"""

from __future__ import annotations

from desktop.domain.extraction import cached_re as re
from dataclasses import dataclass
from functools import lru_cache

from desktop.domain.extraction.lexicon import ACTOR_PLACE_BEFORE, ACTORS, AGENT_NOUNS, CLAUSE_BREAKS, PLACE_NOUNS


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actor: str          # a key of ACTORS: "US", "VE", …


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    exact = sorted({w for a in ACTORS.values() for w in a["exact"]}, key=len, reverse=True)
    words = sorted({w for a in ACTORS.values() for w in a["words"]}, key=len, reverse=True)
    exact_alt = "|".join(re.escape(w) for w in exact)
    words_alt = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w.-])(?:(?P<exact>{exact_alt})(?![\w-])|(?P<word>(?i:{words_alt}))(?![\w]))")


@lru_cache(maxsize=1)
def _owner() -> dict[str, str]:
    out = {}
    for key, forms in ACTORS.items():
        for w in forms["exact"]:
            out[w] = key
        for w in forms["words"]:
            out[w.lower()] = key
    return out


_PLACE_AFTER = {lang: re.compile(rf"\s+(?:{'|'.join(nouns)})\b", re.IGNORECASE) for lang, nouns in PLACE_NOUNS.items()}
_PLACE_BEFORE_NOUN = {lang: re.compile(rf"\b(?:{'|'.join(nouns)})\s+(?:\w+\s+)?$", re.IGNORECASE)
                      for lang, nouns in PLACE_NOUNS.items()}
_AGENT_AFTER = {lang: re.compile(rf"\s+(?:[\w-]+\s+)?(?:{'|'.join(nouns)})\b", re.IGNORECASE)
                for lang, nouns in AGENT_NOUNS.items()}
_NOT_THE_COUNTRY = re.compile(r"(?:\b(?:Latin|South|Central|North|Pan|Inter)[\s-]+|-)$")


def actor_mentions(text: str, language: str) -> list[ActorMention]:
    """Every mention of a country as an actor, in order (places and targets left out)."""
    language = language if language in ACTOR_PLACE_BEFORE else "en"
    out = []
    for m in _pattern().finditer(text):
        surface = m.group("exact") or m.group("word")
        actor = _owner().get(surface) or _owner().get(surface.lower())
        if actor is None:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        after = text[m.end():m.end() + 30]
        if _NOT_THE_COUNTRY.search(before):
            continue                       # "Latin American", "Inter-American": not the country
        if re.search(ACTOR_PLACE_BEFORE[language], before, re.IGNORECASE) and \
                not _AGENT_AFTER[language].match(after):
            continue                       # "off Venezuela", "en Venezuela": a place ("in US strikes" is not)
        if re.match(r"-(?:linked|based|bound|flagged|made|owned|registered|origin)\b", after, re.IGNORECASE):
            continue                       # "Venezuela-linked groups" describes a thing, not who acts
        if _PLACE_AFTER[language].match(after) or _PLACE_BEFORE_NOUN[language].search(before):
            continue                       # "Venezuelan waters", "territorio venezolano"
        out.append(ActorMention(m.start(), m.end(), actor))
    return out


def indicator_actors(name: str, description: str = "", unit: str = "") -> frozenset[str]:
    """The countries an indicator counts for: those its name (with its unit) names, else its description's
    first sentence; empty when neither names one (then no figure is refused for its actor)."""
    for text in (f"{name} {unit}", description.split(". ")[0]):
        found = frozenset(a.actor for a in actor_mentions(text, "es" if _spanish(text) else "en"))
        if found:
            return found
    return frozenset()


def _spanish(text: str) -> bool:
    return bool(re.search(r"\b(?:de|del|los|las|en|por)\b", text)) and not re.search(r"\b(?:the|of|by|in)\b", text)


def figure_actors(text: str, start: int, end: int, sentence: tuple[int, int], language: str,
                  mentions: list[ActorMention] | None = None,
                  paragraphs: list[tuple[int, int]] | None = None) -> frozenset[str]:
    """The actors of the figure at text[start:end] in the sentence `sentence` (offsets): its own words'
    ("15,000 US troops", "six Americans") with the subject of its clause, else of the nearest clause
    before it that names one, else the first one after it in the sentence; a sentence naming none takes
    the last earlier sentence of its paragraph that does, else the lead."""
    language = language if language in CLAUSE_BREAKS else "en"
    mentions = actor_mentions(text, language) if mentions is None else mentions
    s_start, s_end = sentence
    own = {a.actor for a in mentions if start <= a.start and a.end <= min(end + 25, s_end)
           and not re.search(r"[,;.]", text[end:a.start])}
    in_sentence = [a for a in mentions if s_start <= a.start and a.end <= s_end and not start <= a.start < end]
    before = [a for a in in_sentence if a.end <= start]
    if before:
        breaks = [s_start] + [s_start + m.end() for m in re.finditer(CLAUSE_BREAKS[language], text[s_start:start],
                                                                      re.IGNORECASE)]
        for clause_start in reversed(breaks):          # the figure's clause first, then back
            in_clause = [a for a in before if a.start >= clause_start]
            if in_clause:
                return frozenset(own | {in_clause[0].actor})
    after = [a for a in in_sentence if a.start >= end]
    if after:
        return frozenset(own | {after[0].actor})
    if own:
        return frozenset(own)
    paragraphs = paragraphs or _paragraphs(text)
    for p_start, p_end in paragraphs:
        if p_start <= s_start <= p_end:
            earlier = [a for a in mentions if p_start <= a.start < s_start]
            if earlier:
                return frozenset({_subject_of_last_sentence(text, earlier).actor})
            break
    lead = _lead(paragraphs)
    if lead is not None:
        in_lead = [a for a in mentions if lead[0] <= a.start < lead[1]]
        if in_lead:
            return frozenset({in_lead[0].actor})
    return frozenset()


def _subject_of_last_sentence(text: str, earlier: list[ActorMention]) -> ActorMention:
    """The first actor named in the last earlier sentence that names one (its subject, in news style)."""
    last = earlier[-1]
    boundary = max(text.rfind(". ", 0, last.start), text.rfind("\n", 0, last.start))
    return next(a for a in earlier if a.start > boundary)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            out.append((m.start(), m.end()))
    return out


def _lead(paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first paragraph after the title line (the only one when there is no title)."""
    if not paragraphs:
        return None
    return paragraphs[1] if len(paragraphs) > 1 else paragraphs[0]


def may_belong(figure: frozenset[str], indicator: frozenset[str]) -> bool:
    """A figure whose actors are known and share none with the indicator's is someone else's figure."""
    return not figure or not indicator or bool(figure & indicator)
