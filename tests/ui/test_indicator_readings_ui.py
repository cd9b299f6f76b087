"""What the tiles, the Indicators tab, the notice and the CLI say of a series (issue 11): windows ending at
the As-of date or today, trends with their real span, stale series, singular units (pytest-qt)."""

from __future__ import annotations

from desktop.ui.common.theme import colours

from datetime import date, timedelta

from desktop.domain.indicator_rules import IndicatorDraft, ObservationDraft
from desktop.domain.indicators import Status
from desktop.services.indicators import ObservationAdded, add_observation, create_indicator, indicator_overview


def _tile(window, key):
    return next(t for t in window.dashboard.indicator_grid.tiles if t.series.key == key)


def _list_text(view, key):
    return next(view.list.item(i).text() for i in range(view.list.count())
                if view.list.item(i).data(0x0100 + 1) == key)


def test_no_contacts_for_a_month_shows_zero_and_red(window):
    window.show_view("dashboard")
    window.context.set_as_of(date(2025, 11, 20))           # the last contact was on 6 Oct
    tile = _tile(window, "diplomatic_contacts")
    assert tile.latest.text() == "0 contacts in 14 days"
    assert colours().status["red"] in tile.styleSheet()          # red: lower is worse, alert at 0
    assert "past alert" in tile.toolTip() and "last figure 6 Oct 2025" in tile.toolTip()
    window.show_view("indicators")
    view = window.indicators
    assert view.select_indicator("diplomatic_contacts")
    assert view.latest.text() == "0 contacts in 14 days" and colours().status_text["red"] in view.status.styleSheet()
    assert view.trend.text().endswith("last figure 6 Oct 2025")
    # the chart runs on to the As-of date: the weeks without a report are what reads 0
    (_x0, x1), _ = view.chart.widget.getPlotItem().viewRange()
    assert x1 >= (date(2025, 11, 20) - date(1970, 1, 1)).days * 86400.0
    window.context.set_as_of(date(2025, 11, 24))           # one contact that day: the reopened channel (e12)
    assert view.latest.text() == "1 contact in 14 days" and colours().status_text["amber"] in view.status.styleSheet()


def test_a_single_old_figure_shows_no_trend_and_then_stale(window):
    window.show_view("dashboard")
    # three days after the only figure (6 on 31 Jan 2025), which its evidence e16 quotes from the article of
    # 24 Nov: not known yet then (design §4, knowledge time), so there is nothing to read, and no "+6"
    window.context.set_as_of(date(2025, 2, 3))
    tile = _tile(window, "americans_released")
    assert tile.latest.text() == "no observations" and "+6" not in tile.trend.text()
    window.show_view("indicators")
    view = window.indicators
    assert view.select_indicator("americans_released")
    window.context.set_as_of(date(2025, 11, 24))
    assert view.trend.text() == "stale: last figure 31 Jan 2025" and colours().status_text["none"] in view.status.styleSheet()
    assert view.status.toolTip() == "stale: last figure 31 Jan 2025"
    assert _list_text(view, "americans_released").endswith("6 people   stale")
    window.show_view("dashboard")
    tile = _tile(window, "americans_released")
    assert tile.stale.text() == "stale: last figure 31 Jan 2025" and colours().status["none"] in tile.styleSheet()
    assert tile.trend.text() == "" and not tile.stale.isHidden()


def test_a_trend_label_states_the_days_it_spans(window):
    made = create_indicator(window.database, 1, IndicatorDraft("Patrol boats", "boats", "level", warn=40))
    for day, value in ((date(2025, 10, 29), 10), (date(2025, 11, 14), 20), (date(2025, 11, 24), 31)):
        add_observation(window.database, 1, made.key, ObservationDraft(day, value))
    window.context.set_as_of(date(2025, 11, 24))
    window.context.sync()
    window.show_view("dashboard")
    tile = _tile(window, made.key)
    # once "+21 in 14 days" from the figure of 29 Oct, 26 days before
    assert tile.trend.text() == "▲ +11 in 10 days"
    window.show_view("indicators")
    assert window.indicators.select_indicator(made.key)
    assert window.indicators.trend.text() == "▲ +11 in 10 days · last figure 24 Nov 2025"
    assert "▲ +11 in 10 days" in _list_text(window.indicators, made.key)


def test_one_of_a_unit_is_singular_in_tiles_view_chart_and_notice(window):
    window.context.set_as_of(date(2025, 11, 16))
    window.show_view("dashboard")
    assert _tile(window, "carriers_in_region").latest.text() == "1 carrier"
    window.show_view("indicators")
    view = window.indicators
    assert view.select_indicator("carriers_in_region")
    assert view.latest.text() == "1 carrier"
    assert view.chart.show_crosshair(len(view.chart.xs) - 1).splitlines()[1] == "1 carrier"
    assert view.chart.show_crosshair(0).splitlines()[1] == "0 carriers"
    from desktop.domain.crossings import crossing_draft
    strikes = IndicatorDraft("Strikes", "strikes", "events", warn=1, alert=3, scenarios={"escalation": 1})
    added = ObservationAdded(1, "us_strikes", "US strikes", Status.GREEN, Status.AMBER, 1.0, {"escalation": 1},
                             end=date(2025, 11, 25))
    draft = crossing_draft(added, ObservationDraft(date(2025, 11, 20), 1), strikes)
    assert "1 strike in the 14 days to 2025-11-25 (latest report 1 on 2025-11-20)" in draft.quote
    boats = IndicatorDraft("Boats", "vessels", "level", warn=1)
    added = ObservationAdded(2, "boats", "Boats", Status.GREEN, Status.AMBER, 1.0, {})
    assert "1 vessel on 2025-11-20" in crossing_draft(added, ObservationDraft(date(2025, 11, 20), 1), boats).quote


def test_an_event_count_read_today_counts_the_days_to_today(window):
    """No As-of date: the window ends today (figures dated from today, so the test holds on any day)."""
    today = date.today()
    made = create_indicator(window.database, 1, IndicatorDraft("Contacts now", "contacts", "events", warn=2,
                                                               alert=0, higher_is_worse=False))
    for back, value in ((40, 1), (20, 3), (16, 1)):
        add_observation(window.database, 1, made.key, ObservationDraft(today - timedelta(days=back), value))
    window.context.sync()
    window.show_view("indicators")
    view = window.indicators
    assert view.select_indicator(made.key)
    assert view.latest.text() == "0 contacts in 14 days" and colours().status_text["red"] in view.status.styleSheet()
    assert view.trend.text().startswith("▼ −4 on the 14 days before")
    series = next(s for s in indicator_overview(window.database, 1) if s.key == made.key)
    assert series.end == today and series.status is Status.RED

