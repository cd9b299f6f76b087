"""Extraction quality on the labelled set (20 articles, English and Spanish), and extraction speed.

Quality figures are ratios in [0, 1] against the issue's floors; speed is per article against
a bare regular-expression pass for numbers over the same text (the cheapest thing that could
be called extraction).
"""

from __future__ import annotations

import re
from datetime import date

from bench.extraction_quality import labelled_articles, score
from bench.timing import median_ms


def run():
    from desktop.domain.extraction import extract

    s = score()
    articles = list(labelled_articles())
    text = "\n\n".join(t for _, t in articles)

    def extract_all():
        for labels, body in articles:
            extract(body, labels["language"], date.fromisoformat(labels["published"]) if labels["published"] else None)
    extract_all()       # warm: pysbd and dateparser load their rules once
    ms = median_ms(extract_all, repeat=5) / len(articles)
    bare = median_ms(lambda: re.findall(r"\d[\d.,]*", text), repeat=20) / len(articles)
    return [
        ("figure", f"quantities: precision {s.quantity_precision:.3f}, recall {s.quantity_recall:.3f} "
                   f"over {s.quantities} labelled in {s.articles} articles (floor 0.9)", None, None, None),
        ("figure", f"qualifiers right: {s.qualifier_accuracy:.3f} (floor 0.9)", None, None, None),
        ("figure", f"resolved dates: precision {s.date_precision:.3f}, recall {s.date_recall:.3f} "
                   f"over {s.dates} labelled (floor 0.85)", None, None, None),
        ("extract suggestions from one article (mean of the 20)", ms, "bare regex number scan", bare, None),
    ]
