"""Scoring the extraction rules against labelled articles (issue 4, point 4; issue 12 §4).

Two sets share one shape (tests/data/extraction/README.md): the tuning set the rules were
written against (tests/data/extraction/) and the held-out set nobody wrote rules against
(tests/data/extraction-heldout/). Only the held-out figures say how the rules do on unseen text.

A suggested quantity is right when its span overlaps a labelled one with the same value; a
suggested date when its span overlaps a labelled one resolving to the same day (for a range,
its first day). Overlap, not equal spans: whether "on"/"el" or a bracketed date belong to the
span is a labelling choice. Precision counts the suggestions that are right; recall the labels
some right suggestion found. Qualifier accuracy is over the matched quantities.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "data" / "extraction"
HELDOUT = ROOT / "tests" / "data" / "extraction-heldout"
# The second held-out set, written after the rules were last changed by someone who read neither
# the rules nor the first set's texts: the blind figure (the first set was read for error
# categories after its one blind measurement).
BLIND = ROOT / "tests" / "data" / "extraction-heldout-2"
LABELS = TUNING          # the name older callers use


@dataclass(frozen=True)
class Scores:
    quantity_precision: float
    quantity_recall: float
    qualifier_accuracy: float
    date_precision: float
    date_recall: float
    articles: int
    quantities: int          # labelled
    dates: int               # labelled, resolvable
    quantities_suggested: int = 0
    dates_suggested: int = 0
    running_totals: int = 0          # labelled "cumulative": true
    running_totals_flagged: int = 0  # of those, matched by a suggestion the rules flagged cumulative
    flagged_not_labelled: int = 0    # right suggestions flagged cumulative whose label is not


def labelled_articles(directory: Path = TUNING, language: str | None = None):
    """(labels, text) of each article in `directory`, in file order; only `language`'s when given."""
    directory = Path(directory)
    for path in sorted(directory.glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        if language is not None and labels["language"] != language:
            continue
        texts = directory / "texts"
        source = texts / f"{labels['slug']}.txt" if texts.is_dir() else directory / f"{labels['slug']}.txt"
        yield labels, source.read_text(encoding="utf-8")


def _overlaps(a, w) -> bool:
    return a.start < w["end"] and w["start"] < a.end


def score(directory: Path = TUNING, language: str | None = None) -> Scores:
    from desktop.domain.extraction.dates import find_dates
    from desktop.domain.extraction.quantities import find_quantities

    q_right = q_suggested = q_found = q_total = qual_right = qual_total = 0
    d_right = d_suggested = d_found = d_total = 0
    totals = totals_flagged = flagged_extra = 0
    articles = 0
    for labels, text in labelled_articles(directory, language):
        articles += 1
        lang = labels["language"]
        published = date.fromisoformat(labels["published"]) if labels["published"] else None
        wanted = labels["quantities"]
        found: set[int] = set()
        flagged: set[int] = set()
        for q in find_quantities(text, lang):
            q_suggested += 1
            hits = [i for i, w in enumerate(wanted) if _overlaps(q, w) and abs(q.value - w["value"]) < 1e-6]
            if hits:
                q_right += 1
                if not found.intersection(hits):
                    qual_total += 1
                    qual_right += q.qualifier == wanted[hits[0]]["qualifier"]
                found.update(hits)
                if q.cumulative:
                    flagged.update(hits)
                    flagged_extra += not any(wanted[i].get("cumulative") for i in hits)
        q_found += len(found)
        q_total += len(wanted)
        totals += sum(bool(w.get("cumulative")) for w in wanted)
        totals_flagged += sum(bool(wanted[i].get("cumulative")) for i in flagged)
        wanted_dates = [d for d in labels["dates"] if d["date"]]
        found = set()
        for d in find_dates(text, lang, published):
            if d.date is None:
                continue
            d_suggested += 1
            hits = [i for i, w in enumerate(wanted_dates) if _overlaps(d, w) and w["date"] == d.date.isoformat()]
            d_right += bool(hits)
            found.update(hits)
        d_found += len(found)
        d_total += len(wanted_dates)
    ratio = lambda a, b: a / b if b else 1.0  # noqa: E731
    return Scores(ratio(q_right, q_suggested), ratio(q_found, q_total), ratio(qual_right, qual_total),
                  ratio(d_right, d_suggested), ratio(d_found, d_total), articles, q_total, d_total,
                  q_suggested, d_suggested, totals, totals_flagged, flagged_extra)


def errors(directory: Path = TUNING) -> list[str]:
    """One line per miss or wrong suggestion, to read error categories from (not for tests)."""
    from desktop.domain.extraction.dates import find_dates
    from desktop.domain.extraction.quantities import find_quantities

    out = []
    for labels, text in labelled_articles(directory):
        slug, lang = labels["slug"], labels["language"]
        published = date.fromisoformat(labels["published"]) if labels["published"] else None

        def around(start, end):
            return text[max(0, start - 45):end + 25].replace("\n", " ")
        quantities = find_quantities(text, lang)
        for q in quantities:
            if not any(_overlaps(q, w) and abs(q.value - w["value"]) < 1e-6 for w in labels["quantities"]):
                out.append(f"{slug[:24]} quantity wrong {q.text!r} = {q.value:g} | {around(q.start, q.end)}")
        for w in labels["quantities"]:
            match = [q for q in quantities if _overlaps(q, w) and abs(q.value - w["value"]) < 1e-6]
            if not match:
                out.append(f"{slug[:24]} quantity missed {w['text']!r} = {w['value']:g} | {around(w['start'], w['end'])}")
            elif match[0].qualifier != w["qualifier"]:
                out.append(f"{slug[:24]} qualifier {w['text']!r}: {match[0].qualifier} for {w['qualifier']}")
        dates = [d for d in find_dates(text, lang, published) if d.date]
        wanted = [w for w in labels["dates"] if w["date"]]
        for d in dates:
            if not any(_overlaps(d, w) and w["date"] == d.date.isoformat() for w in wanted):
                out.append(f"{slug[:24]} date wrong {d.text!r} = {d.date} | {around(d.start, d.end)}")
        for w in wanted:
            if not any(_overlaps(d, w) and w["date"] == d.date.isoformat() for d in dates):
                out.append(f"{slug[:24]} date missed {w['text']!r} = {w['date']} | {around(w['start'], w['end'])}")
    return out


if __name__ == "__main__":
    import sys

    for line in errors(Path(sys.argv[1]) if len(sys.argv) > 1 else TUNING):
        print(line)
