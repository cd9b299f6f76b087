"""Issue 12 §4: the held-out extraction sets are whole, their labels are well formed, and they are frozen.

There are two held-out sets: the first (`extraction-heldout/`), no longer blind since its
misses were read, and the second (`extraction-heldout-2/`), written without reading the rules
to give the blind figure. Their figures are only worth something if every label points at
the text it claims, every date is a real day, and nobody edits a set after its freeze to
suit the rules; a correction must change SHA256SUMS (and the README's list) visibly. Nothing
here runs the extractor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
HELDOUT_SETS = [DATA / "extraction-heldout", DATA / "extraction-heldout-2"]
QUALIFIERS = {None, "at least", "more than", "approximately", "nearly", "up to", "less than"}
QUANTITY_KEYS = {"text", "start", "end", "value", "unit", "qualifier"}
QUANTITY_OPTIONAL = {"kind", "cumulative", "elliptical", "actor"}
DATE_KEYS = {"text", "start", "end", "date"}
DATE_OPTIONAL = {"until", "kind"}
DATE_KINDS = {"range", "holiday", "forward_weekday", "relative", "year_inferred"}


def _articles(heldout):
    for path in sorted(heldout.glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        text = (heldout / "texts" / f"{path.stem}.txt").read_text(encoding="utf-8")
        yield path.stem, labels, text


ARTICLES_BY_SET = {heldout: list(_articles(heldout)) for heldout in HELDOUT_SETS}
ARTICLES = [article for heldout in HELDOUT_SETS for article in ARTICLES_BY_SET[heldout]]
ARTICLE_IDS = [f"{heldout.name}/{article[0]}" for heldout in HELDOUT_SETS
               for article in ARTICLES_BY_SET[heldout]]
SET_IDS = [heldout.name for heldout in HELDOUT_SETS]


def _iso_day(value, where):
    assert isinstance(value, str), where
    return dt.date.fromisoformat(value)


@pytest.mark.parametrize("heldout", HELDOUT_SETS, ids=SET_IDS)
def test_set_has_at_least_20_articles_in_both_languages(heldout):
    articles = ARTICLES_BY_SET[heldout]
    languages = [labels["language"] for _, labels, _ in articles]
    assert len(articles) >= 20
    assert languages.count("en") >= 10 and languages.count("es") >= 10
    texts = {p.stem for p in (heldout / "texts").glob("*.txt")}
    assert texts == {stem for stem, _, _ in articles}, "every text has its labels and the reverse"


def test_held_out_sets_share_no_article():
    """The second set must be new articles, not copies of the first (its figure would not be blind)."""
    first, second = (ARTICLES_BY_SET[heldout] for heldout in HELDOUT_SETS)
    assert not {stem for stem, _, _ in first} & {stem for stem, _, _ in second}
    assert not {text for _, _, text in first} & {text for _, _, text in second}


@pytest.mark.parametrize("stem,labels,text", ARTICLES, ids=ARTICLE_IDS)
def test_article_header(stem, labels, text):
    assert set(labels) == {"slug", "language", "published", "quantities", "dates"}
    assert labels["slug"] == stem
    assert labels["language"] in {"en", "es"} and f"-{labels['language']}-" in stem
    if labels["published"] is not None:
        _iso_day(labels["published"], stem)
    assert text.strip(), stem


@pytest.mark.parametrize("stem,labels,text", ARTICLES, ids=ARTICLE_IDS)
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


@pytest.mark.parametrize("stem,labels,text", ARTICLES, ids=ARTICLE_IDS)
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


@pytest.mark.parametrize("stem,labels,text", ARTICLES, ids=ARTICLE_IDS)
def test_labels_do_not_overlap(stem, labels, text):
    spans = sorted((x["start"], x["end"], x["text"]) for x in labels["quantities"] + labels["dates"])
    for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
        assert start >= end, (stem, first, second)


@pytest.mark.parametrize("heldout", HELDOUT_SETS, ids=SET_IDS)
def test_set_is_frozen_as_listed_in_sha256sums(heldout):
    listed = {}
    for line in (heldout / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.lstrip("*")] = digest
    present = {str(p.relative_to(heldout)) for p in heldout.glob("*.json")}
    present |= {str(p.relative_to(heldout)) for p in (heldout / "texts").glob("*.txt")}
    assert set(listed) == present
    changed = [name for name, digest in listed.items()
               if hashlib.sha256((heldout / name).read_bytes()).hexdigest() != digest]
    assert not changed, f"{heldout.name}: files edited after the freeze (see its README, Corrections): {changed}"
