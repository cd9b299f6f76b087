"""Issue 12 §1: fact signatures that read the same in English and Spanish, and when two items are one fact.

The pairs are written here as a forecaster would meet them: the same event told twice (in either
language), and items that share a number, a day or a name while reporting different things.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.fact_signature import fact_signature, fold, quote_token
from desktop.domain.near_duplicates import (
    SAME_FACT, SAME_QUOTE, FactItem, generic_tokens, likeness, same_fact, ungrouped_pairs,
)

SEP16 = date(2025, 9, 16)


def item(quote: str, observed: date = SEP16, i: int = 1, source: int | None = None, group: str | None = None):
    return FactItem(i, fact_signature(quote, observed), observed, source, group)


# --- signatures ------------------------------------------------------------------------------

def test_the_issues_example_has_one_signature_in_both_languages():
    en = fact_signature("US strike killed 3 people on 15 September", SEP16)
    es = fact_signature("un ataque de EE.UU. mató a tres personas el 15 de septiembre", SEP16)
    assert en.facts() == es.facts() == {"n:3", "d:2025-09-15", "p:us"}
    assert en.quote != es.quote          # the words differ: not a wire copy


@pytest.mark.parametrize("text", ["200,000 troops", "200.000 efectivos", "doscientos mil soldados",
                                  "two hundred thousand soldiers"])
def test_figures_are_numbers_whatever_the_separators_or_words(text):
    assert fact_signature(text, SEP16).figures == {"n:200000"}


def test_an_english_quote_with_an_accented_name_reads_its_figures_in_english():
    assert fact_signature("Nicolás Maduro said 2.5 million people marched", SEP16).figures == {"n:2500000"}


def test_dates_years_and_designations_are_not_figures_and_one_in_words_is_an_article():
    sig = fact_signature("Two F-35 jets and one drone flew on 27 October 2025, as in 2024", SEP16)
    assert sig.figures == {"n:2"}
    assert sig.days == {"d:2025-10-27"}
    assert "p:f-35" in sig.names


@pytest.mark.parametrize("text, observed, day", [
    ("September 15, 2025", SEP16, "2025-09-15"),
    ("el 2 de enero", date(2025, 12, 30), "2026-01-02"),       # a day without a year: the nearest one
    ("on 30 December", date(2026, 1, 2), "2025-12-30"),
    ("el martes", date(2025, 11, 13), "2025-11-11"),            # the Tuesday on or before the observed day
    ("on Monday", date(2025, 11, 24), "2025-11-24"),
    ("next Friday", date(2025, 11, 24), "2025-11-28"),
    ("ayer", date(2025, 11, 24), "2025-11-23"),
    ("2025-02-20", None, "2025-02-20"),
])
def test_days_are_resolved_to_the_calendar(text, observed, day):
    assert fact_signature(text, observed).days == {f"d:{day}"}


def test_names_fold_accents_and_skip_common_capitalised_words():
    sig = fact_signature("Approximately 15,000 soldiers met Nicolás Maduro. The President said so in Caracas", SEP16)
    assert sig.names == {"p:nicolas", "p:maduro", "p:caracas"}
    assert fold("Nicolás") == fold("NICOLAS") == "nicolas"
    # a name opening the quote still counts when a name follows it, or when it is a country
    assert fact_signature("Richard Grenell met envoys", SEP16).names == {"p:richard", "p:grenell"}
    assert fact_signature("Venezuelan officials", SEP16).names == \
        fact_signature("funcionarios venezolanos", SEP16).names == {"p:venezuela"}
    assert "p:us" not in fact_signature("they told us", SEP16).names     # a pronoun, not the country


def test_the_quote_token_ignores_case_and_spacing_only():
    assert quote_token("Talks  resume in\nDoha") == quote_token("talks resume in doha")
    assert quote_token("Talks resume in Doha") != quote_token("Talks resumed in Doha")


# --- one fact, or two ------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("US strike killed 3 people on 15 September", "un ataque de EE.UU. mató a tres personas el 15 de septiembre"),
    ("Richard Grenell met Nicolás Maduro in Caracas on 31 January",
     "Grenell se reunió con Nicolas Maduro en Caracas el 31 de enero"),
    ("Venezuela released six Americans on 31 January", "Venezuela liberó a seis estadounidenses el 31 de enero"),
    # a short item wholly inside a longer one
    ("Around 15,000 troops were mobilised on 11 November",
     "El 11 de noviembre Padrino López dijo que unos 15.000 efectivos fueron movilizados en Caracas y Zulia"),
])
def test_the_same_fact_told_twice_is_one(a, b):
    found = same_fact(item(a, i=1), item(b, i=2))
    assert found is not None and found.kind == SAME_FACT
    assert found.reason().startswith("same ")


def test_the_reason_names_what_is_shared():
    found = same_fact(item("US strike killed 3 people on 15 September"),
                      item("un ataque de EE.UU. mató a tres personas el 15 de septiembre", i=2))
    assert found.reason() == "same figures, dates, names"


@pytest.mark.parametrize("a, b, generic", [
    # only a name in common, however often it is said
    ("Venezuela closed its airspace", "Venezuela recalled its ambassador", frozenset()),
    # a day and the situation's backdrop name: two different events of that day
    ("On 15 September the US struck a boat off Venezuela", "On 15 September Venezuela held military drills",
     frozenset({"p:venezuela", "p:us"})),
    # the same number, different facts: another day…
    ("3 vessels were destroyed near Trinidad on 2 October", "3 people were killed near Trinidad on 15 September",
     frozenset()),
    # …or the same day, each with a name of its own (2 of 3 tokens shared)
    ("3 people were killed on 15 September off Sucre", "Maduro said 3 ships arrived on 15 September", frozenset()),
    # the same number alone
    ("the strike killed 3 people", "3 envoys were named", frozenset()),
    # the same names and day, another toll
    ("A strike off Sucre killed 3 people on 15 September", "A strike off Sucre killed 11 people on 15 September",
     frozenset()),
])
def test_different_facts_are_not_proposed(a, b, generic):
    assert same_fact(item(a, i=1), item(b, i=2), generic) is None


def test_without_a_named_day_the_observed_days_must_agree():
    a = "Grenell said 6 Americans were freed in Caracas"
    b = "Grenell dijo que 6 estadounidenses fueron liberados en Caracas"
    assert same_fact(item(a, date(2025, 1, 31)), item(b, date(2025, 2, 1), i=2)) is not None
    assert same_fact(item(a, date(2025, 1, 31)), item(b, date(2025, 10, 6), i=2)) is None


def test_a_wire_copy_is_the_same_quote_from_another_source():
    quote = "The administration has drawn up several military plans"
    found = likeness(item(quote, source=1), item(quote.upper(), i=2, source=2))
    assert found is not None and found.kind == SAME_QUOTE and found.reason() == "same quote"
    # from the same source it is an exact duplicate, refused before any proposal; not a wire copy
    assert likeness(item(quote, source=1), item(quote, i=2, source=1)) is None


def test_generic_tokens_are_the_situations_backdrop_once_it_has_one():
    counts = {"p:venezuela": 30, "p:grenell": 4, "d:2025-11-24": 6, "n:3": 12}
    assert generic_tokens(counts, 10) == {"p:venezuela", "d:2025-11-24", "n:3"}      # floor: more than 5 items
    assert generic_tokens(counts, 100) == {"p:venezuela", "n:3"}                    # a tenth: more than 10
    assert generic_tokens({"p:us": 1500, "p:x": 999}, 100_000) == {"p:us"}          # capped at 1,000


def test_ungrouped_pairs_lists_the_pairs_not_already_in_one_group():
    a = "US strike killed 3 people on 15 September"
    b = "un ataque de EE.UU. mató a tres personas el 15 de septiembre"
    other = "Venezuela recalled its ambassador"
    pairs = ungrouped_pairs([item(a, i=1), item(b, i=2), item(other, i=3)])
    assert [(later.id, earlier.id) for later, earlier, _ in pairs] == [(2, 1)]
    assert ungrouped_pairs([item(a, i=1, group="g"), item(b, i=2, group="g"), item(other, i=3)]) == []
