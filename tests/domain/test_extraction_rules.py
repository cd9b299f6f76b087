"""Extraction rules on sentences written for these tests (other weeks, other outlets' phrasing):
the rules must reach text nobody labelled."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.extraction import IndicatorRef, extract, guess_language
from desktop.domain.extraction.attributions import find_attributions
from desktop.domain.extraction.dates import find_dates
from desktop.domain.extraction.quantities import find_quantities


def _q(text, language="en"):
    return [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text, language)]


@pytest.mark.parametrize("text, language, expected", [
    ("Officials said some 4,500 marines were sent.", "en", [("some 4,500 marines", 4500, "marines", "approximately")]),
    ("The Navy moved nearly twenty warships and over 300 aircraft.", "en",
     [("nearly twenty warships", 20, "warships", "nearly"), ("over 300 aircraft", 300, "aircraft", "more than")]),
    ("A fund of $1.2 billion was frozen.", "en", [("$1.2 billion", 1.2e9, "usd", None)]),
    ("Hasta 3.500 infantes de marina llegaron.", "es", [("Hasta 3.500 infantes", 3500, "infantes", "up to")]),
    ("Murieron menos de diez pescadores y unos 1,5 millones de dólares se perdieron.", "es",
     [("menos de diez pescadores", 10, "pescadores", "less than"),
      ("unos 1,5 millones de dólares", 1.5e6, "usd", "approximately")]),
    ("Al menos veintiocho personas fueron detenidas.", "es",
     [("Al menos veintiocho personas", 28, "personas", "at least")]),
])
def test_quantities_with_qualifiers_in_both_languages(text, language, expected):
    assert _q(text, language) == expected


@pytest.mark.parametrize("text, language", [
    ("He flew an F-16 and a C-130 under resolution 2231 on 3 March 2026.", "en"),
    ("The talks resumed three days ago; a 45-year-old was freed at 10:30.", "en"),
    ("Se aplicó el artículo 187 del Plan República 2030 hace dos semanas.", "es"),
    ("It was the 4th strike, and one of them survived.", "en"),
    ("The rule is at 91 FR 10234 and 10 U.S.C. 2672; Order 14157 applies.", "en"),
    ("Un pescador de 52 años llegó a las 10 horas al puerto.", "es"),
    ("Talks were held on 3–4 December and again from 10 to 12 January.", "en"),
    ("La cumbre será del 3 al 5 de diciembre.", "es"),
])
def test_names_dates_durations_ordinals_and_pronouns_are_not_quantities(text, language):
    assert _q(text, language) == []


@pytest.mark.parametrize("text, language, expected", [
    # durations count now (issue 12 §4), with their qualifier; "over" a period is not "more than"
    ("Rescue teams searched for nearly two weeks and slept 30 hours in all.", "en",
     [("nearly two weeks", 2, "weeks", "nearly", "duration"), ("30 hours", 30, "hours", None, "duration")]),
    ("The strikes came over three days; the hearing lasted over two hours.", "en",
     [("three days", 3, "days", None, "duration"), ("over two hours", 2, "hours", "more than", "duration")]),
    ("Los buzos trabajaron unas tres horas y el plazo es de 90 días.", "es",
     [("unas tres horas", 3, "horas", "approximately", "duration"), ("90 días", 90, "días", None, "duration")]),
    ("They gave a 72-hour warning.", "en", [("72-hour", 72, "hour", None, "duration")]),
    # a word between number and noun; "a single" / "un único" / "una sola" is one
    ("The navy sent five more destroyers and a single tanker.", "en",
     [("five more destroyers", 5, "destroyers", None, "count"), ("a single tanker", 1, "tanker", None, "count")]),
    ("Hubo un único encuentro y una sola lancha escapó.", "es",
     [("un único encuentro", 1, "encuentro", None, "count"), ("una sola lancha", 1, "lancha", None, "count")]),
    # a bare number a verb makes a count of people
    ("At least 14 were killed and 30 were injured.", "en",
     [("At least 14", 14, "people", "at least", "count"), ("30", 30, "people", None, "count")]),
    ("Al menos 14 murieron y 30 resultaron heridos.", "es",
     [("Al menos 14", 14, "personas", "at least", "count"), ("30", 30, "personas", None, "count")]),
])
def test_durations_words_between_and_single(text, language, expected):
    assert [(q.text, q.value, q.unit, q.qualifier, q.kind) for q in find_quantities(text, language)] == expected


@pytest.mark.parametrize("text, language, expected", [
    ("The blast killed seven people, raising the death toll to 96.", "en",
     [("seven people", 7, False), ("96", 96, True)]),
    ("Rebels seized two towns, bringing the tally of districts they hold to 31.", "en",
     [("two towns", 2, False), ("31", 31, True)]),
    ("The death toll has risen to 41, officials said.", "en", [("41", 41, True)]),
    ("So far, 250 migrants have been rescued.", "en", [("250 migrants", 250, True)]),
    ("La explosión mató a siete personas, elevando a 96 la cifra de muertos.", "es",
     [("siete personas", 7, False), ("96", 96, True)]),
    ("Un ataque dejó tres muertos, lo que eleva a 83 el total de fallecidos.", "es",
     [("tres muertos", 3, False), ("83", 83, True)]),
    ("Van 21 muertos desde septiembre.", "es", [("21 muertos", 21, True)]),
])
def test_running_totals_are_flagged_with_their_noun(text, language, expected):
    found = find_quantities(text, language)
    assert [(q.text, q.value, q.cumulative) for q in found] == expected
    assert all(q.unit for q in found)
    units = {q.value: q.unit for q in found}
    assert units.get(96, "muertos") in ("death toll", "muertos") and units.get(31, "districts") == "districts"


@pytest.mark.parametrize("text, language, expected", [
    ("Two drones were downed: one on Monday and two more on Tuesday.", "en",
     [("Two drones", 2, "drones", False), ("one", 1, "drones", True), ("two more", 2, "drones", True)]),
    ("Five people died in the raids, three in the port and two in the town.", "en",
     [("Five people", 5, "people", False), ("three", 3, "people", True), ("two", 2, "people", True)]),
    ("Patrols spotted four boats on Friday and 3 others on Sunday.", "en",
     [("four boats", 4, "boats", False), ("3 others", 3, "boats", True)]),
    ("Dos lanchas fueron atacadas: una el lunes y dos el martes.", "es",
     [("Dos lanchas", 2, "lanchas", False), ("una", 1, "lanchas", True), ("dos", 2, "lanchas", True)]),
    ("It struck three on one boat and two on the other.", "en", []),     # no noun anywhere to borrow
])
def test_elliptical_counts_borrow_the_noun_before_them(text, language, expected):
    assert [(q.text, q.value, q.unit, q.elliptical) for q in find_quantities(text, language)] == expected


def _d(text, language, published):
    return [(d.text, d.date) for d in find_dates(text, language, published)]


def test_dates_resolved_against_publication_and_the_text():
    published = date(2026, 3, 4)       # a Wednesday
    assert _d("On Tuesday the ship docked; two days later it left.", "en", published) == [
        ("Tuesday", date(2026, 3, 3)), ("two days later", date(2026, 3, 5))]
    assert _d("The vote is set for next Friday, as announced yesterday.", "en", published) == [
        ("next Friday", date(2026, 3, 6)), ("yesterday", date(2026, 3, 3))]
    assert _d("March 1, 2026 and 28 Feb. were quiet.", "en", published) == [
        ("March 1, 2026", date(2026, 3, 1)), ("28 Feb.", date(2026, 2, 28))]
    assert _d("El lunes pasado y hace tres días hubo ataques; hoy, calma.", "es", published) == [
        ("El lunes pasado", date(2026, 3, 2)), ("hace tres días", date(2026, 3, 1)), ("hoy", date(2026, 3, 4))]
    assert _d("La reunión será el próximo jueves 12 de marzo.", "es", published)[0][1] == date(2026, 3, 12)
    assert _d("Desde el 30 de diciembre no hubo vuelos.", "es", published) == [
        ("el 30 de diciembre", date(2025, 12, 30))]          # the year before: it is March now


def _r(text, language, published):
    return [(d.text, d.date, d.until) for d in find_dates(text, language, published)]


def test_date_ranges_are_one_mention_from_first_to_last_day():
    published = date(2026, 3, 11)
    assert _r("Talks were held on 3–4 March in Oslo.", "en", published) == [
        ("3–4 March", date(2026, 3, 3), date(2026, 3, 4))]
    assert _r("The summit runs from 30 March to 2 April.", "en", published)[0][1:] == (
        date(2026, 3, 30), date(2026, 4, 2))
    assert _r("Voting was held Feb. 27-28 and 12 ships sailed on March 2.", "en", published) == [
        ("Feb. 27-28", date(2026, 2, 27), date(2026, 2, 28)), ("March 2", date(2026, 3, 2), None)]
    assert _r("Las conversaciones fueron del 3 al 5 de marzo.", "es", published) == [
        ("del 3 al 5 de marzo", date(2026, 3, 3), date(2026, 3, 5))]
    assert _r("Hubo combates entre el 28 de febrero y el 2 de marzo de 2026.", "es", published)[0][1:] == (
        date(2026, 2, 28), date(2026, 3, 2))
    assert _r("Between 30 December and 2 January flights stopped.", "en", published)[0][1:] == (
        date(2025, 12, 30), date(2026, 1, 2))
    # "Nov. 24 and 21 vessels" is a day and a count, not a range
    assert _r("On Nov. 24 and 21 vessels were seen.", "en", published) == [("Nov. 24", date(2025, 11, 24), None)]


@pytest.mark.parametrize("text, language, published, expected", [
    ("The truce holds until Christmas Eve.", "en", date(2025, 12, 10), date(2025, 12, 24)),
    ("Prisoners were freed on Christmas Eve.", "en", date(2026, 1, 3), date(2025, 12, 24)),
    ("He spoke on New Year's Day.", "en", date(2026, 1, 5), date(2026, 1, 1)),
    ("Troops came home for Thanksgiving.", "en", date(2025, 12, 1), date(2025, 11, 27)),
    ("La tregua durará hasta Nochebuena.", "es", date(2025, 12, 10), date(2025, 12, 24)),
    ("Los presos fueron liberados el Día de Reyes.", "es", date(2026, 1, 9), date(2026, 1, 6)),
    ("El discurso fue en Año Nuevo.", "es", date(2026, 1, 2), date(2026, 1, 1)),
    ("El ataque ocurrió en Navidad.", "es", date(2026, 1, 2), date(2025, 12, 25)),
])
def test_holidays_are_days_once_the_year_is_known(text, language, published, expected):
    assert [d.date for d in find_dates(text, language, published)] == [expected]


@pytest.mark.parametrize("text, language", [
    ("Shops were busy during the Christmas holidays.", "en"),
    ("Las fiestas de Navidad fueron tranquilas.", "es"),
    ("Markets fell before the Lunar New Year's break.", "en"),
])
def test_holiday_words_naming_a_season_are_not_days(text, language):
    assert find_dates(text, language, date(2026, 1, 2)) == []


def test_weekday_whose_clause_points_forward_is_the_next_one():
    wednesday = date(2025, 12, 10)
    assert _d("The minister will meet his counterpart on Friday.", "en", wednesday) == [("Friday", date(2025, 12, 12))]
    assert _d("On Wednesday, the ministers will meet again.", "en", wednesday) == [
        ("Wednesday", date(2025, 12, 17))]                   # the same day is not the next one
    assert _d("Trump said on Monday that he will travel on Thursday.", "en", wednesday) == [
        ("Monday", date(2025, 12, 8)), ("Thursday", date(2025, 12, 11))]
    assert _d("On Tuesday the ship docked.", "en", wednesday) == [("Tuesday", date(2025, 12, 9))]
    assert _d("Se espera que declare el viernes ante el juez.", "es", wednesday) == [("el viernes", date(2025, 12, 12))]
    assert _d("El ministro viajará el martes a Quito.", "es", wednesday) == [("el martes", date(2025, 12, 16))]
    assert _d("El martes hubo disturbios.", "es", wednesday) == [("El martes", date(2025, 12, 9))]


def test_the_next_day_counts_from_the_day_before_it():
    assert _d("The envoy arrived on Sunday; the next day, talks began.", "en", date(2025, 12, 10)) == [
        ("Sunday", date(2025, 12, 7)), ("the next day", date(2025, 12, 8))]
    assert _d("El 3 de marzo llegó; al día siguiente, habló.", "es", date(2026, 3, 10)) == [
        ("El 3 de marzo", date(2026, 3, 3)), ("al día siguiente", date(2026, 3, 4))]


def test_without_a_publication_date_the_year_comes_from_the_texts_full_dates():
    text = "Talks on 28 February followed the strike of 2 March 2026. Then 3 March; on 1 December 2025 and 5 December."
    assert _d(text, "en", None) == [
        ("28 February", date(2026, 2, 28)),      # no full date before it: the first one's year
        ("2 March 2026", date(2026, 3, 2)), ("3 March", date(2026, 3, 3)),
        ("1 December 2025", date(2025, 12, 1)), ("5 December", date(2025, 12, 5))]
    assert _r("El 2 de marzo de 2026 hubo un ataque, y del 5 al 7 de marzo, protestas.", "es", None)[1][1:] == (
        date(2026, 3, 5), date(2026, 3, 7))
    assert _d("The talks on 28 February were brief.", "en", None) == [("28 February", None)]    # no year anywhere


def test_weekday_without_publication_date_stays_unresolved():
    assert _d("On Monday troops arrived.", "en", None) == [("Monday", None)]


def test_attributions():
    text = "According to Reuters, the talks failed. Defence Minister Ana Ruiz said the fleet was ready."
    assert [(a.who) for a in find_attributions(text, "en")] == ["Reuters", "Defence Minister Ana Ruiz"]
    assert [a.who for a in find_attributions("Según la agencia EFE, hubo disparos.", "es")] == ["la agencia EFE"]


def test_extract_builds_evidence_candidates_with_day_and_indicator():
    indicators = (IndicatorRef("troops", "US troops deployed", "soldiers"),
                  IndicatorRef("killed", "People killed in strikes", "people"),
                  IndicatorRef("released", "Americans released", "people"))
    text = ("Navy moves\nAccording to the Pentagon, about 2,000 soldiers landed on Monday. "
            "A strike killed at least 12 people. The weather was mild.")
    x = extract(text, "en", date(2026, 3, 4), indicators)
    quotes = [e.quote for e in x.evidence]
    assert quotes == ["According to the Pentagon, about 2,000 soldiers landed on Monday.",
                      "A strike killed at least 12 people."]
    assert x.evidence[0].observed == date(2026, 3, 2) and x.evidence[0].who == "the Pentagon"
    assert x.evidence[1].observed == date(2026, 3, 4)
    assert [(q.quantity.value, q.indicator) for q in x.quantities] == [(2000, "troops"), (12, "killed")]
    for e in x.evidence:
        assert text[e.start:e.end] == e.quote


def test_language_guess():
    assert guess_language("El gobierno de Venezuela dijo que los ataques siguen.") == "es"
    assert guess_language("The government of Venezuela said the strikes go on.") == "en"


def test_indicator_matching_by_kind_of_unit_across_languages():
    from desktop.domain.extraction.indicator_match import match_indicator

    indicators = (IndicatorRef("killed", "People killed in US boat strikes", "people"),
                  IndicatorRef("released", "Americans released by Venezuela", "people"),
                  IndicatorRef("boats", "Boats struck by US forces", "vessels"),
                  IndicatorRef("troops", "US troops mobilised", "soldiers"))

    def match(sentence, language):
        q = find_quantities(sentence, language)[0]
        return match_indicator(q, sentence, indicators)
    assert match("Murieron 21 muertos en el Caribe tras el ataque.", "es") == "killed"
    assert match("Se hundieron 3 lanchas frente a Sucre.", "es") == "boats"
    assert match("Se hundieron 3 narcolanchas frente a Sucre.", "es") == "boats"      # a compound, by its ending
    assert match("Patrols sank 2 speedboats off the coast.", "en") == "boats"
    assert match("The talks took 3 days of negotiation.", "en") is None               # a duration is no count
    assert match("The Pentagon mobilised 4,000 marines for the operation.", "en") == "troops"
    assert match("Only 2 survivors were pulled from the water after the strike killed the rest.", "en") is None
    assert match("The 38 strikes killed many people.", "en") is None          # strikes are not people
    assert match("Caracas freed 6 Americans after talks.", "en") == "released"


# Issue 12 §4: whose figure is it. Indicators as an analyst would name them; sentences written for the test.
_TROOPS = IndicatorRef("us_troops", "US troops mobilised", "soldiers")
_KILLED = IndicatorRef("killed", "People killed in US strikes", "people")
_FREED = IndicatorRef("freed", "Americans released by Venezuela", "people")


def _matched(text, language, indicators=(_TROOPS, _KILLED, _FREED)):
    return [(q.quantity.value, q.indicator) for q in extract(text, language, date(2026, 3, 4), indicators).quantities]


def test_indicator_actors_come_from_its_name():
    from desktop.domain.extraction.actors import indicator_actors

    assert _TROOPS.actors == {"US"} and _KILLED.actors == {"US"} and _FREED.actors == {"US", "VE"}
    assert indicator_actors("Tropas venezolanas desplegadas", unit="efectivos") == {"VE"}
    assert indicator_actors("Boat strikes off Venezuela") == frozenset()        # a place, not an actor
    assert indicator_actors("Troops deployed", "Colombian army units sent to the border.") == {"CO"}


@pytest.mark.parametrize("text, language, expected", [
    ("The Pentagon has mobilised 15,000 troops for the operation, officials said.", "en", [(15000, "us_troops")]),
    ("Venezuela's defence ministry said it had mobilised nearly 200,000 troops across the country.", "en",
     [(200000, None)]),
    ("Washington envió 4.000 soldados al Caribe, según el Pentágono.", "es", [(4000, "us_troops")]),
    ("El ministro venezolano afirmó que se desplegaron casi 200.000 efectivos en todo el territorio.", "es",
     [(200000, None)]),
    ("US officials said Venezuela had mobilised 2,000 soldiers near the border.", "en", [(2000, None)]),
    ("Caracas said US forces had mobilised 3,000 soldiers off Venezuela.", "en", [(3000, "us_troops")]),
    ("Caracas freed six Americans after talks.", "en", [(6, "freed")]),
    ("US strikes off Venezuela killed 11 people on Monday.", "en", [(11, "killed")]),
])
def test_a_figure_another_actor_owns_does_not_feed_the_indicator(text, language, expected):
    assert _matched(text, language) == expected


def test_a_sentence_naming_no_actor_takes_its_paragraph_or_the_leads():
    es = ("Maduro ordena un despliegue ante la llegada de buques de EE.UU.\n\n"
          "El presidente venezolano ordenó el martes el despliegue de todas las fuerzas del país frente a la "
          "amenaza de Estados Unidos.\n\n"
          "El ministro de Defensa afirmó que se han desplegado casi 200.000 efectivos para la defensa.")
    assert _matched(es, "es") == [(200000, None)]
    en = ("Carrier arrives\n\nThe US Navy moved a carrier group into the region on Monday.\n\n"
          "About 4,000 sailors and 2,500 troops are aboard, officials said.")
    assert _matched(en, "en") == [(4000, "us_troops"), (2500, "us_troops")]   # sailors are personnel too


def test_boilerplate_is_never_suggested_as_evidence_and_a_wire_credit_is_not_quoted():
    """Issue 12 §4: lines about the page itself are dropped by their shape; the lead keeps its facts."""
    en = ("Navy strikes two boats\n"
          "By Jane Doe and Ravi Patel, Reuters\n"
          "CARACAS (Reuters) - US forces struck two boats on Monday, killing 6 people, officials said.\n"
          "Read more: Strikes on boats announced by the Pentagon on Monday killed 3 people\n"
          "Sign up for our daily briefing on the 12 strikes of the week.\n"
          "Digest of the reported article: facts, figures and dates as reported; the wording is not the outlet's.\n"
          "© 2026 Example News. All rights reserved.\n"
          "Photo: AFP\n"
          "The navy said 40 sailors were aboard when the ship arrived on Tuesday.")
    x = extract(en, "en", date(2026, 3, 4))
    assert not any(a.who.startswith(("Digest", "Read")) for a in x.attributions)
    quotes = [e.quote for e in x.evidence]
    assert quotes == ["US forces struck two boats on Monday, killing 6 people, officials said.",
                      "The navy said 40 sailors were aboard when the ship arrived on Tuesday."]
    es = ("Ataque contra dos lanchas\n"
          "Por Ana María Ruiz\n"
          "BOGOTÁ, 3 mar (EFE).- Fuerzas estadounidenses atacaron dos lanchas el lunes y murieron 6 personas.\n"
          "Lea también: El Pentágono anunció el lunes otro ataque en el que murieron 3 personas\n"
          "Resumen del artículo publicado: hechos, cifras y fechas tal como se informaron el 3 de marzo.\n"
          "Síguenos en las redes para conocer los 12 ataques de la semana.\n"
          "Todos los derechos reservados. Prohibida su reproducción total o parcial desde el 1 de enero.\n"
          "La Armada informó que 40 marineros estaban a bordo cuando el buque llegó el martes.")
    x = extract(es, "es", date(2026, 3, 4))
    assert [e.quote for e in x.evidence] == [
        "Fuerzas estadounidenses atacaron dos lanchas el lunes y murieron 6 personas.",
        "La Armada informó que 40 marineros estaban a bordo cuando el buque llegó el martes."]
    for e in x.evidence:
        assert es[e.start:e.end] == e.quote


def test_a_sentence_that_merely_starts_like_boilerplate_is_kept():
    text = ("Talks resume\nBy Friday, negotiators said, 3 prisoners would be released under the deal.\n"
            "Por primera vez, 200 soldados cruzaron la frontera el lunes.")
    assert len(extract(text, "en", date(2026, 3, 4)).evidence) == 2


@pytest.mark.parametrize("text, language, expected", [
    # partitives count the noun after the determiner; a pronoun borrows the figure before
    ("Five of the detained sailors were freed.", "en", [("Five", 5, "sailors", False)]),
    ("Liberaron a 12 de los 30 rehenes.", "es", [("12", 12, "rehenes", False), ("30 rehenes", 30, "rehenes", False)]),
    ("Police held 40 people; 25 of them were released.", "en",
     [("40 people", 40, "people", False), ("25", 25, "people", True)]),
    # "the other", "a further", a comparison or a vote in the sentence of the figure it answers
    ("Two ships docked and the other three stayed at sea.", "en",
     [("Two ships", 2, "ships", False), ("other three", 3, "ships", True)]),
    ("About 1,200 residents fled on Monday. A further 800 left on Tuesday.", "en",
     [("About 1,200 residents", 1200, "residents", False), ("800", 800, "residents", True)]),
    ("The motion passed by 210 votes to 190.", "en", [("210 votes", 210, "votes", False), ("190", 190, "votes", True)]),
    ("Exports fell from 900,000 barrels a day to fewer than 300,000.", "en",
     [("900,000 barrels", 900000, "barrels", False), ("fewer than 300,000", 300000, "barrels", True)]),
    ("La UE aprobó 40 millones de euros en marzo y otros 25 millones en junio.", "es",
     [("40 millones de euros", 4e7, "eur", False), ("otros 25 millones", 2.5e7, "eur", True)]),
])
def test_partitives_and_counts_that_answer_a_figure(text, language, expected):
    found = find_quantities(text, language)
    assert [(q.text, q.value, q.unit, q.elliptical) for q in found] == expected


@pytest.mark.parametrize("text, language, expected", [
    ("Seven in ten voters backed it, and two out of every three donors.", "en", []),         # ratios
    ("Dos de cada tres encuestados lo apoyan.", "es", []),
    ("La tregua empezó a las 21.30 horas.", "es", []),                                       # a time of day
    ("Of the 50 detainees, 12 were under 16.", "en",
     [("50 detainees", 50), ("12", 12)]),                                                    # 16 is an age
    ("Read more: 40 years of conflict in the valley\nTroops killed 3 people.", "en", [("3 people", 3)]),
    ("Se perdieron 2,5 millones de barriles y hubo una decena de heridos y al menos un muerto.", "es",
     [("2,5 millones de barriles", 2.5e6), ("una decena de heridos", 10), ("al menos un muerto", 1)]),
    ("The fund holds $3bn and €40m.", "en", [("$3bn", 3e9), ("€40m", 4e7)]),
])
def test_ratios_times_ages_boilerplate_and_spanish_amounts(text, language, expected):
    assert [(q.text, q.value) for q in find_quantities(text, language)] == expected


def test_more_duration_shapes():
    q = find_quantities("The crew bailed water for almost three hours before help came.", "en")
    assert [(x.text, x.value, x.kind, x.qualifier) for x in q] == [("almost three hours", 3, "duration", "nearly")]
    q = find_quantities("Los soldados rodean la zona desde hace tres semanas.", "es")
    assert [(x.text, x.kind) for x in q] == [("tres semanas", "duration")]
    decena = find_quantities("Hubo una decena de heridos.", "es")[0]
    assert decena.qualifier == "approximately" and decena.unit == "heridos"
    assert find_quantities("Cerca del 40 % y al menos el 75 % votaron.", "es")[0].qualifier == "approximately"


def test_more_date_shapes():
    published = date(2026, 3, 11)                          # a Wednesday
    # a wire dateline in Spanish, without "de"
    assert _d("QUITO, 9 mar (EFE).- El Gobierno anunció el cierre.", "es", published)[0] == ("9 mar", date(2026, 3, 9))
    # a list of two days is two dates; "between … and …" is a range
    assert _r("Fighting flared on 2 and 5 March.", "en", published) == [
        ("2", date(2026, 3, 2), None), ("5 March", date(2026, 3, 5), None)]
    assert _r("Hubo ataques entre el 2 de febrero de 2025 y el 5 de marzo de 2026.", "es", published)[0][1:] == (
        date(2025, 2, 2), date(2026, 3, 5))
    # weekday ranges
    assert _r("Between Monday and Wednesday the navy searched.", "en", published) == [
        ("Between Monday and Wednesday", date(2026, 3, 9), date(2026, 3, 11))]
    assert _r("Del lunes al miércoles no hubo clases.", "es", published)[0][1:] == (date(2026, 3, 9), date(2026, 3, 11))
    # a weekday something is set for, and the conditional of a reported plan, point forward
    assert _d("The union called a strike for Friday.", "en", published) == [("Friday", date(2026, 3, 13))]
    assert _d("Dijo que podría quedar libre el domingo.", "es", published) == [("el domingo", date(2026, 3, 15))]
    assert _d("La oposición convocó una marcha para el sábado.", "es", published) == [("el sábado", date(2026, 3, 14))]
    # "mañana" is tomorrow, unless it is a morning
    assert _d("El ministro se reunirá mañana con los alcaldes.", "es", published) == [("mañana", date(2026, 3, 12))]
    assert _d("Esta mañana llovió y la mañana del sábado también.", "es", published) == [("sábado", date(2026, 3, 7))]
    # a count of days from an event the text does not date, or "desde hace" (a duration), is no day
    assert _d("Lo hallaron cuatro días después del naufragio.", "es", published) == []
    assert _d("Rodean la zona desde hace dos semanas.", "es", published) == []
    # "N days later" counts from the last day named, whatever word comes before the number
    assert _d("Talks opened on 2 March and were suspended two days later.", "en", published) == [
        ("2 March", date(2026, 3, 2)), ("two days later", date(2026, 3, 4))]
    assert _d("El 2 de marzo llegó y fue hallado dos días después.", "es", published)[1] == (
        "dos días después", date(2026, 3, 4))


def test_undated_text_takes_the_year_of_the_nearer_end_of_a_range():
    text = "Entre el 20 de diciembre de 2025 y el 3 de enero de 2026 hubo cortes. El 9 de enero volvió la luz."
    assert _d(text, "es", None)[-1] == ("El 9 de enero", date(2026, 1, 9))
