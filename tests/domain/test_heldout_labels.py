"""Issue 12 §4: the held-out extraction set is whole, its labels are well formed, and it is frozen.

The held-out figures `make bench` prints are only worth something if every label points at
the text it claims, every date is a real day, and nobody edits the set after its freeze to
suit the rules; a correction must change SHA256SUMS (and the README's list) visibly. Nothing
here runs the extractor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "extraction-heldout"
QUALIFIERS = {None, "at least", "more than", "approximately", "nearly", "up to", "less than"}
QUANTITY_KEYS = {"text", "start", "end", "value", "unit", "qualifier"}
QUANTITY_OPTIONAL = {"kind", "cumulative", "elliptical", "actor"}
DATE_KEYS = {"text", "start", "end", "date"}
DATE_OPTIONAL = {"until", "kind"}
DATE_KINDS = {"range", "holiday", "forward_weekday", "relative", "year_inferred"}


def _articles():
    for path in sorted(HELDOUT.glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        text = (HELDOUT / "texts" / f"{path.stem}.txt").read_text(encoding="utf-8")
        yield path.stem, labels, text


ARTICLES = list(_articles())


def _iso_day(value, where):
    assert isinstance(value, str), where
    return dt.date.fromisoformat(value)


def test_set_has_at_least_20_articles_in_both_languages():
    languages = [labels["language"] for _, labels, _ in ARTICLES]
    assert len(ARTICLES) >= 20
    assert languages.count("en") >= 10 and languages.count("es") >= 10
    texts = {p.stem for p in (HELDOUT / "texts").glob("*.txt")}
    assert texts == {stem for stem, _, _ in ARTICLES}, "every text has its labels and the reverse"


@pytest.mark.parametrize("stem,labels,text", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_article_header(stem, labels, text):
    assert set(labels) == {"slug", "language", "published", "quantities", "dates"}
    assert labels["slug"] == stem
    assert labels["language"] in {"en", "es"} and f"-{labels['language']}-" in stem
    if labels["published"] is not None:
        _iso_day(labels["published"], stem)
    assert text.strip(), stem


@pytest.mark.parametrize("stem,labels,text", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_every_quantity_span_and_field(stem, labels, text):
    for q in labels["quantities"]:
        where = (stem, q.get("text"))
        assert QUANTITY_KEYS <= set(q) <= QUANTITY_KEYS | QUANTITY_OPTIONAL, where
        assert 0 <= q["start"] < q["end"] <= len(text), where
        assert text[q["start"]:q["end"]] == q["text"], where
        assert isinstance(q["value"], (int, float)) and not isinstance(q["value"], bool), where
        assert q["value"] > 0, where
        assert q["unit"] is None or (isinstance(q["unit"], str) and q["unit"] == q["unit"].lower()), where
        assert q["qualifier"] in QUALIFIERS, where
        assert q.get("kind", "duration") == "duration", where
        assert q.get("cumulative", True) is True and q.get("elliptical", True) is True, where


@pytest.mark.parametrize("stem,labels,text", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_every_date_span_and_iso_day(stem, labels, text):
    for d in labels["dates"]:
        where = (stem, d.get("text"))
        assert DATE_KEYS <= set(d) <= DATE_KEYS | DATE_OPTIONAL, where
        assert 0 <= d["start"] < d["end"] <= len(text), where
        assert text[d["start"]:d["end"]] == d["text"], where
        day = _iso_day(d["date"], where)
        assert d.get("kind", "range") in DATE_KINDS, where
        if "until" in d:
            assert _iso_day(d["until"], where) > day and d.get("kind") == "range", where
        if d.get("kind") == "forward_weekday":
            assert day > _iso_day(labels["published"], where), where
        if d.get("kind") == "year_inferred":
            assert labels["published"] is None, where


@pytest.mark.parametrize("stem,labels,text", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_labels_do_not_overlap(stem, labels, text):
    spans = sorted((x["start"], x["end"], x["text"]) for x in labels["quantities"] + labels["dates"])
    for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
        assert start >= end, (stem, first, second)


def test_set_is_frozen_as_listed_in_sha256sums():
    listed = {}
    for line in (HELDOUT / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.lstrip("*")] = digest
    present = {str(p.relative_to(HELDOUT)) for p in HELDOUT.glob("*.json")}
    present |= {str(p.relative_to(HELDOUT)) for p in (HELDOUT / "texts").glob("*.txt")}
    assert set(listed) == present
    changed = [name for name, digest in listed.items()
               if hashlib.sha256((HELDOUT / name).read_bytes()).hexdigest() != digest]
    assert not changed, f"held-out files edited after the freeze (see README, Corrections): {changed}"
