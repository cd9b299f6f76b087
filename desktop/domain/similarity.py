"""Whether two texts tell the same story: overlap of their distinctive words.

Two outlets rewriting one wire story share its names, figures and key nouns while their
wording differs, so a word-for-word digest (sha256, shingles) misses them. Each text is
reduced to its set of content words (lower case, stop words and short words out, a crude
plural strip) and the Jaccard index of the two sets is the similarity.
"""

from __future__ import annotations

import re

_STOP = set("""the and that with from this have has had were was are for not but they their them his her its
who which will would been into about after before over under than then there when where while also more
most some such only other others said says told just very what your our out off any all can could should
el la los las de del que y en un una por con para se su sus al lo como más pero sus este esta estos estas
ese esa fue han ha sido son está están entre sobre tras desde hasta también según dijo""".split())

NEAR_DUPLICATE = 0.30


def content_words(text: str) -> frozenset[str]:
    words = set()
    for w in re.findall(r"[^\W_]+", text.lower()):
        if len(w) < 4 and not w.isdigit() or w in _STOP:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.add(w)
    return frozenset(words)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
