"""Scoring the extraction rules against the labelled set in tests/data/extraction/ (issue 4, point 4).

A suggested quantity is right when its span overlaps a labelled one with the same value; a
suggested date when its span overlaps a labelled one resolving to the same day. Overlap, not
equal spans: whether "on"/"el" or a bracketed date belong to the span is a labelling choice.
Precision counts the suggestions that are right; recall the labels some right suggestion
found. Qualifier accuracy is over the matched quantities.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction"


@dataclass(frozen=True)
class Scores:
    quantity_precision: float
    quantity_recall: float
    qualifier_accuracy: float
    date_precision: float
    date_recall: float
    articles: int
    quantities: int
    dates: int


def labelled_articles():
    for path in sorted(LABELS.glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        text = (LABELS / "texts" / f"{labels['slug']}.txt").read_text(encoding="utf-8")
        yield labels, text


def score() -> Scores:
    from desktop.domain.extraction.dates import find_dates
    from desktop.domain.extraction.quantities import find_quantities

    q_right = q_suggested = q_found = q_total = qual_right = qual_total = 0
    d_right = d_suggested = d_found = d_total = 0
    articles = 0
    for labels, text in labelled_articles():
        articles += 1
        language = labels["language"]
        published = date.fromisoformat(labels["published"]) if labels["published"] else None
        wanted = labels["quantities"]
        found = set()
        for q in find_quantities(text, language):
            q_suggested += 1
            hits = [i for i, w in enumerate(wanted)
                    if q.start < w["end"] and w["start"] < q.end and abs(q.value - w["value"]) < 1e-6]
            if hits:
                q_right += 1
                if not found.intersection(hits):
                    qual_total += 1
                    qual_right += q.qualifier == wanted[hits[0]]["qualifier"]
                found.update(hits)
        q_found += len(found)
        q_total += len(wanted)
        wanted_dates = [d for d in labels["dates"] if d["date"]]
        found = set()
        for d in find_dates(text, language, published):
            if d.date is None:
                continue
            d_suggested += 1
            hits = [i for i, w in enumerate(wanted_dates)
                    if d.start < w["end"] and w["start"] < d.end and w["date"] == d.date.isoformat()]
            d_right += bool(hits)
            found.update(hits)
        d_found += len(found)
        d_total += len(wanted_dates)
    ratio = lambda a, b: a / b if b else 1.0  # noqa: E731
    return Scores(ratio(q_right, q_suggested), ratio(q_found, q_total), ratio(qual_right, qual_total),
                  ratio(d_right, d_suggested), ratio(d_found, d_total), articles, q_total, d_total)
