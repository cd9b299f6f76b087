"""The card panel: each scenario's definition and prior (and the horizon, when set) on hover and in the
expanded card; the panel and the tabs keep their widths whichever tab is shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.services.likelihoods import ScenarioCard, likelihoods_as_of
from desktop.ui.scenario_cards import NO_DEFINITION, NO_RATIONALE, ScenarioCardsPanel


def _card(key, name, p, description="", prior=0.5, horizon=None, why=""):
    return ScenarioCard(key, name, description, None, p, "likely", 0.0, date(2025, 11, 24), 0.0, prior, horizon, why)


@pytest.fixture
def panel(qtbot):
    from desktop.ui.app import application

    application()
    p = ScenarioCardsPanel()
    qtbot.addWidget(p)
    p.resize(290, 700)
    p.show()
    return p


def test_hover_shows_definition_prior_and_horizon(panel):
    panel.set_cards([_card("deal", "Deal", 0.3, "A signed agreement & a ceasefire by March", 0.25, date(2026, 3, 1),
                           "1 in 4 comparable crises <ended> in a deal"),
                     _card("war", "War", 0.7, "", 0.75)])
    war, deal = panel.cards                                    # most likely first
    assert war.key == "war" and deal.key == "deal"
    tip = deal.toolTip()
    assert "<b>Deal</b>" in tip and "A signed agreement &amp; a ceasefire by March" in tip
    assert "Prior: 25% (before any evidence)" in tip
    assert "Why this prior: 1 in 4 comparable crises &lt;ended&gt; in a deal" in tip
    assert "Horizon: 1 Mar 2026" in tip
    assert NO_DEFINITION in war.toolTip() and "Horizon" not in war.toolTip()
    assert f"Why this prior: {NO_RATIONALE}" in war.toolTip()


def test_a_card_expands_to_show_the_same_and_stays_open_when_re_sorted(qtbot, panel):
    panel.set_cards([_card("deal", "Deal", 0.3, "A signed agreement", 0.25), _card("war", "War", 0.7, "", 0.75)])
    deal = panel.cards[1]
    assert deal.details.isHidden() and deal.toggle.text() == "▸ Definition and prior"
    qtbot.mouseClick(deal.toggle, Qt.MouseButton.LeftButton)
    assert not deal.details.isHidden() and deal.toggle.text() == "▾ Definition and prior"
    assert deal.details.text() == ("A signed agreement\nPrior: 25% (before any evidence)\n"
                                   f"Why this prior: {NO_RATIONALE}")
    # the deal becomes the most likely: its widget changes, its open details follow the scenario
    panel.set_cards([_card("deal", "Deal", 0.8, "A signed agreement", 0.25), _card("war", "War", 0.2, "", 0.75)])
    top, other = panel.cards
    assert top.key == "deal" and not top.details.isHidden() and other.details.isHidden()
    qtbot.mouseClick(top.name, Qt.MouseButton.LeftButton)       # a click anywhere on the card toggles too
    assert top.details.isHidden()


def test_the_window_cards_carry_the_seeded_priors(window):
    report = likelihoods_as_of(window.database, window.situation.id)
    names = {s.name for s in report.scenarios}
    for card in window.cards.cards:
        assert card.name.text() in names
        assert "Prior: " in card.toolTip() and "Why this prior: " in card.toolTip()
        assert NO_RATIONALE not in card.toolTip()                  # the seed gives every prior its reasons


@pytest.mark.parametrize("width", [1600, 1440, 1100])
def test_widths_do_not_jump_when_switching_tabs(window, qtbot, width):
    window.resize(width, 900)
    qtbot.wait(20)
    seen = set()
    for _ in range(2):                       # the first pass draws each tab for the first time
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            qtbot.wait(20)
            seen.add((window.cards.width(), window.tabs.width()))
    assert len(seen) == 1, f"widths moved at {width} px: {sorted(seen)}"
