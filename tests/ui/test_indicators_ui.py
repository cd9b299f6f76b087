"""Indicators in the window: editor, figures, crossings, charts, tiles, links and exports (pytest-qt)."""

from __future__ import annotations

from desktop.ui.common.theme import colours

from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from desktop.domain.indicator_rules import IndicatorDraft
from desktop.services.evidence import evidence_id, list_evidence
from desktop.services.indicators import (
    archived_indicators, find_indicator, indicator_overview, observation_rows,
)
from tests.ui.test_evidence_dialog import drive_modal


def _series(window, key):
    return next(s for s in indicator_overview(window.database, window.situation.id) if s.key == key)


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_indicator_editor_creates_edits_archives_with_undo(window, qtbot):
    window.show_view("indicators")

    def fill(dialog):
        assert not _ok(dialog).isEnabled()                        # no name yet
        qtbot.keyClicks(dialog.name, "Oil tankers seized")
        qtbot.keyClicks(dialog.unit, "tankers")
        dialog.kind.setCurrentIndex(dialog.kind.findData("cumulative"))
        qtbot.keyClicks(dialog.warn, "5")
        qtbot.keyClicks(dialog.alert, "2")
        assert not _ok(dialog).isEnabled() and dialog.errors["alert"].isVisible()
        assert "cannot be below the warning" in dialog.errors["alert"].text()
        dialog.warn.setText("2")
        dialog.alert.setText("5")
        dialog.links["escalation"].setCurrentIndex(dialog.links["escalation"].findData(1))
        dialog.links["negotiation"].setCurrentIndex(dialog.links["negotiation"].findData(-1))
        assert _ok(dialog).isEnabled()
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    errors = drive_modal(qtbot, fill)
    assert window.indicator_actions.new() and not errors
    made = find_indicator(window.database, 1, "oil_tankers_seized")
    assert made.draft == IndicatorDraft("Oil tankers seized", "tankers", "cumulative", 2.0, 5.0, True, "",
                                        {"escalation": 1, "negotiation": -1}, 14)
    view = window.indicators
    assert view.current.key == "oil_tankers_seized" and "Oil tankers seized" in view.list.currentItem().text()

    def rename(dialog):
        dialog.name.setText("Oil tankers seized by the US")
        dialog.direction.setCurrentIndex(1)                       # lower is worse: warn 2 above alert 5 is wrong
        assert not _ok(dialog).isEnabled()
        dialog.direction.setCurrentIndex(0)
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    errors = drive_modal(qtbot, rename)
    assert window.indicator_actions.edit(made.id) and not errors
    assert find_indicator(window.database, 1, made.key).draft.name == "Oil tankers seized by the US"
    window.undo_stack.undo()
    assert find_indicator(window.database, 1, made.key).draft.name == "Oil tankers seized"
    assert view.current.name == "Oil tankers seized"             # the tab redrew
    assert window.indicator_actions.archive(made.id, "Oil tankers seized")
    assert made.key not in [view.list.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(view.list.count())]
    assert (made.id, made.key, "Oil tankers seized") in archived_indicators(window.database, 1)
    window.undo_stack.undo()                                       # un-archive
    assert not find_indicator(window.database, 1, made.key).archived
    window.undo_stack.undo()                                       # undo the creation: archived again
    assert find_indicator(window.database, 1, made.key).archived
    window.undo_stack.redo()
    assert not find_indicator(window.database, 1, made.key).archived


def test_recording_a_figure_past_the_alert_offers_to_log_it(window, qtbot):
    window.show_view("indicators")
    window.indicators.select_indicator("troops_deployed")
    assert _series(window, "troops_deployed").status.value == "amber"
    e7 = evidence_id(window.database, 1, "e7")

    def fill(dialog):
        assert dialog.indicator_key() == "troops_deployed"
        dialog.at.clear()
        qtbot.keyClicks(dialog.at, "2025-11-31")
        assert "not a date" in dialog.errors["observed_at"].text() and not _ok(dialog).isEnabled()
        dialog.at.setText("2025-11-28")
        qtbot.keyClicks(dialog.value_edit, "21,000")
        dialog.qualifier.setCurrentText("at least")
        dialog.evidence.setCurrentIndex(dialog.evidence.findData(e7))
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    errors = drive_modal(qtbot, fill)
    qtbot.mouseClick(_button(window, "recordFigure"), Qt.MouseButton.LeftButton)
    assert not errors
    series = _series(window, "troops_deployed")
    assert series.status.value == "red" and series.latest == 21000 and series.latest_qualifier == "at least"
    added = observation_rows(window.database, series.observation_ids[-1:])[0]
    assert (added.at, added.evidence) == (date(2025, 11, 28), "e7")
    assert window.indicators.model.rowCount() == series.count     # the table has it, newest first
    assert window.indicators.model.observation(0).id == added.id
    notice = window.threshold_notice
    assert notice.isVisible() and "past its alert" in notice.text.text()
    links = find_indicator(window.database, 1, "troops_deployed").draft.scenarios
    assert links and notice.draft.ratings == {k: "C" if sign > 0 else "I" for k, sign in links.items()}
    assert notice.draft.paraphrase
    assert notice.draft.observed_at == date(2025, 11, 28) and "21,000 soldiers" in notice.draft.quote
    assert QApplication.activeModalWidget() is None                # the notice is not modal
    before = len(list_evidence(window.database, 1))

    def save(dialog):
        assert dialog.value().quote == notice.draft.quote
        dialog.save()
    errors = drive_modal(qtbot, save)
    qtbot.mouseClick(notice.log_button, Qt.MouseButton.LeftButton)
    assert not errors and len(list_evidence(window.database, 1)) == before + 1
    assert not notice.isVisible()
    logged = list_evidence(window.database, 1)
    assert any(r.quote == notice.draft.quote and r.ratings == notice.draft.ratings for r in logged)


def _button(window, name):
    return window.indicators.findChild(QPushButton, name)


def test_a_figure_from_an_evidence_item_edit_delete_and_undo(window, qtbot):
    window.show_view("evidence")
    e20 = evidence_id(window.database, 1, "e20")
    assert window.evidence.select_evidence(e20)
    assert window.evidence.selected_evidence_id() == e20
    before = _series(window, "people_killed").count

    def fill(dialog):
        assert dialog.evidence.currentData() == e20                    # the item in hand is preset
        assert dialog.value().observed_at == date(2025, 11, 24)         # with its day
        dialog.indicator.setCurrentIndex(dialog.indicator.findData("people_killed"))
        qtbot.keyClicks(dialog.value_edit, "85")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    errors = drive_modal(qtbot, fill)
    window.record_figure_action.trigger()
    assert not errors and _series(window, "people_killed").count == before + 1
    new_id = int(_series(window, "people_killed").observation_ids[-1])
    assert observation_rows(window.database, [new_id])[0].evidence == "e20"

    def edit(dialog):
        assert not dialog.indicator.isEnabled()
        dialog.value_edit.setText("86")
        dialog.note.setText("corrected")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    errors = drive_modal(qtbot, edit)
    assert window.indicator_actions.edit_figure(new_id) and not errors
    row = observation_rows(window.database, [new_id])[0]
    assert (row.value, row.note) == (86, "corrected")
    window.show_view("indicators")
    assert window.indicators.select_observation(new_id)
    qtbot.mouseClick(_button(window, "deleteObservation"), Qt.MouseButton.LeftButton)
    assert observation_rows(window.database, [new_id]) == []
    window.undo_stack.undo()
    assert observation_rows(window.database, [new_id])[0].value == 86
    window.undo_stack.undo()
    assert observation_rows(window.database, [new_id])[0].value == 85
    window.undo_stack.undo()
    assert observation_rows(window.database, [new_id]) == [] and _series(window, "people_killed").count == before


def test_csv_import_through_the_window_and_its_undo(window, qtbot, tmp_path):
    window.show_view("indicators")
    good = tmp_path / "boats.csv"
    good.write_text("2025-11-26,22,AP\n2025-11-29,25,Reuters\n", encoding="utf-8")
    before = _series(window, "vessels_destroyed").count
    relay = window.indicator_actions.import_figures("vessels_destroyed", str(good))
    with qtbot.waitSignal(relay.done, timeout=5000):
        pass
    assert _series(window, "vessels_destroyed").count == before + 2
    assert window.indicators.select_indicator("vessels_destroyed")
    assert window.indicators.current.latest == 25 and window.indicators.current.status.value == "red"
    assert not window.threshold_notice.isVisible()      # it was red before the file came in: nothing crossed
    window.undo_stack.undo()
    assert _series(window, "vessels_destroyed").count == before
    window.undo_stack.redo()
    assert _series(window, "vessels_destroyed").count == before + 2
    bad = tmp_path / "bad.csv"
    bad.write_text("2025-11-30,26\nsoon,27\n", encoding="utf-8")
    shown = []
    import desktop.ui.indicators.actions as actions
    original = actions.show_error
    actions.show_error = lambda parent, title, exc: shown.append(str(exc))
    try:
        relay = window.indicator_actions.import_figures("vessels_destroyed", str(bad))
        with qtbot.waitSignal(relay.failed, timeout=5000):
            pass
    finally:
        actions.show_error = original
    assert shown and "line 2: date 'soon'" in shown[0]
    assert _series(window, "vessels_destroyed").count == before + 2     # nothing of the bad file


def test_chart_crosshair_click_fit_and_export(window, qtbot, tmp_path):
    window.show_view("indicators")
    view = window.indicators
    view.select_indicator("people_killed")
    chart = view.chart
    series = view.current
    last = len(chart.xs) - 1
    text = chart.show_crosshair(last)
    assert text.splitlines()[:3] == ["24 Nov 2025", "at least 83 people", "source: evidence e20"]
    assert chart.v_line.isVisible() and chart.v_line.value() == chart.xs[last]
    assert chart.nearest(chart.xs[2] + 3600) == 2 and chart.nearest(chart.xs[2] - 3600) == 2
    opened = []
    view.evidence_activated.disconnect()
    view.evidence_activated.connect(opened.append)
    plot = chart.widget.getPlotItem()
    scene_pos = plot.vb.mapViewToScene(QPointF(float(chart.xs[last]), float(chart.ys[last])))
    assert chart.point_at(scene_pos) == last
    assert chart.open_point(chart.point_at(scene_pos))
    assert opened == [evidence_id(window.database, 1, "e20")]
    assert chart.point_at(scene_pos + QPointF(0, 60)) is None             # far from any point: nothing opens
    plot.setXRange(chart.xs[-2], chart.xs[-1], padding=0)                  # zoomed in
    view.fit_all()
    (x0, x1), _ = plot.viewRange()
    assert x0 <= chart.xs[0] and x1 >= chart.xs[-1]
    assert [b.getRegion()[0] for b in chart.bands] == [series.warn, series.alert]   # shaded from warn and alert
    png = view.export_chart(str(tmp_path / "killed.png"), (1200, 500))
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1200, 500)
    svg = view.export_chart(str(tmp_path / "killed.svg"), (800, 400))
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and 'viewBox="0 0 800 400"' in text and "<path" in text
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtSvg import QSvgRenderer
    drawn = QImage(800, 400, QImage.Format.Format_ARGB32)
    drawn.fill(QColor("white"))
    painter = QPainter(drawn)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    top = drawn.pixelColor(400, 12)                   # the alert band, shaded red, at the top of the plot
    assert top.red() > top.green() + 10 and top != QColor("white")
    import desktop.ui.charts.export as view_module
    asked = iter([("900x600", True)])
    monkey = view_module.QInputDialog.getText, view_module.save_file
    view_module.QInputDialog.getText = staticmethod(lambda *a, **k: next(asked))
    view_module.save_file = lambda *a, **k: str(tmp_path / "button.png")
    try:
        qtbot.mouseClick(_button(window, "exportChart"), Qt.MouseButton.LeftButton)   # through the button
    finally:
        view_module.QInputDialog.getText, view_module.save_file = monkey
    image = QImage(str(tmp_path / "button.png"))
    assert (image.width(), image.height()) == (900, 600)
    out = view.export_csv(str(tmp_path / "killed.csv"))
    assert out.read_text(encoding="utf-8").splitlines()[0] == "date,value,qualifier,evidence,note"


def test_probabilities_beneath_share_the_time_axis(window, qtbot):
    window.show_view("indicators")
    view = window.indicators
    view.select_indicator("vessels_destroyed")
    view.link_box.setChecked(True)
    assert view.history.widget.isVisible() and view.history.curves
    plot = view.chart.widget.getPlotItem()
    plot.setXRange(view.chart.xs[1], view.chart.xs[3], padding=0)
    qtbot.wait(10)
    assert view.history.widget.getPlotItem().viewRange()[0] == pytest.approx(plot.viewRange()[0])
    # equal left axes: one day sits at the same x on screen in both charts
    day = float(view.chart.xs[2])
    a = plot.vb.mapViewToScene(QPointF(day, 0))
    b = view.history.widget.getPlotItem().vb.mapViewToScene(QPointF(day, 0))
    assert abs(view.chart.widget.mapToGlobal(a.toPoint()).x() - view.history.widget.mapToGlobal(b.toPoint()).x()) <= 2
    view.link_box.setChecked(False)
    assert not view.history.widget.isVisible()


def test_dashboard_tiles_show_status_latest_trend_and_open_the_indicator(window, qtbot):
    window.show_view("dashboard")
    grid = window.dashboard.indicator_grid
    series = indicator_overview(window.database, 1)
    assert [t.series.key for t in grid.tiles] == [s.key for s in series]
    killed = next(t for t in grid.tiles if t.series.key == "people_killed")
    # read today, a year after the case: stale, grey, with the last figure's date instead of a trend
    assert killed.latest.text() == "at least 83 people" and killed.stale.text() == "stale: last figure 24 Nov 2025"
    assert killed.trend.text() == "" and not killed.stale.isHidden()
    assert colours().status["none"] in killed.styleSheet() and colours().status["red"] not in killed.styleSheet()
    killed.spark.grab()  # paints even where the small offscreen screen ends
    assert killed.spark.points_drawn >= 2 * len(set(killed.series.days.tolist())) - 1
    window.context.set_as_of(date(2025, 11, 24))
    killed = next(t for t in grid.tiles if t.series.key == "people_killed")
    # as of the last figure: 80 on 13 Nov to 83 on 24 Nov, the two days with figures in (10 Nov, 24 Nov]
    assert killed.latest.text() == "at least 83 people" and killed.trend.text() == "▲ +3 in 11 days"
    assert colours().status["red"] in killed.styleSheet()                              # red: past the alert
    qtbot.mouseClick(killed, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.indicators and window.indicators.current.key == "people_killed"
    # a new figure redraws the tile; a rating change alone leaves the tiles as they are
    from desktop.domain.indicator_rules import ObservationDraft
    from desktop.ui.commands import AddObservationCommand, SetRatingCommand
    window.show_view("dashboard")
    window.context.set_as_of(None)
    tiles = list(grid.tiles)
    e1 = evidence_id(window.database, 1, "e1")
    assert window.context.push(SetRatingCommand(window.database, e1, "e1", "escalation", None, "II", window.context.sync))
    assert grid.tiles == tiles
    assert window.context.push(AddObservationCommand(window.database, 1, "people_killed",
                                              ObservationDraft(date(2025, 11, 30), 99), "99", window.context.sync))
    killed = next(t for t in grid.tiles if t.series.key == "people_killed")
    assert killed not in tiles and killed.latest.text() == "99 people"


def test_sparkline_envelope_keeps_peaks():
    from desktop.ui.charts.sparkline import column_envelope

    xs = np.arange(100_000, dtype=float)
    ys = np.zeros(100_000)
    ys[54_321] = 7
    x01, y = column_envelope(xs, ys, 100)
    assert len(x01) <= 200 and y.max() == 7 and y.min() == 0
    short_x, short_y = column_envelope(xs[:10], ys[:10], 100)
    assert len(short_x) == 10 and short_x[0] == 0 and short_x[-1] == 1


def test_every_chart_exports_from_its_right_click_menu(window, qtbot, tmp_path, monkeypatch):
    import desktop.ui.charts.export as export_module
    from desktop.ui.charts.export import ask_and_export, parse_size

    for chart in (window.dashboard.history.widget, window.dashboard.bars.widget, window.indicators.chart.widget,
                  window.indicators.history.widget):
        assert chart.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    monkeypatch.setattr(export_module.QInputDialog, "getText", staticmethod(lambda *a, **k: ("1000x400", True)))
    monkeypatch.setattr(export_module, "save_file", lambda *a, **k: str(tmp_path / "history.svg"))
    history = window.dashboard.history.widget
    own = history.size()
    out = ask_and_export(window, history, "probabilities")
    assert out.read_text(encoding="utf-8").count('viewBox="0 0 1000 400"') == 1
    assert history.size() == own                                   # the window's chart keeps its size
    assert parse_size("1600 x 900") == (1600, 900)
    with pytest.raises(ValueError, match="100 to 10000"):
        parse_size("20x20")


def test_a_csv_file_that_crosses_a_threshold_brings_the_notice(window, qtbot, tmp_path):
    window.show_view("indicators")
    assert _series(window, "troops_deployed").status.value == "amber"
    csv = tmp_path / "troops.csv"
    csv.write_text("date,value,qualifier\n2025-11-26,17000,\n2025-11-28,22000,at least\n", encoding="utf-8")
    relay = window.indicator_actions.import_figures("troops_deployed", str(csv))
    with qtbot.waitSignal(relay.done, timeout=5000):
        pass
    notice = window.threshold_notice
    assert notice.isVisible() and "past its alert" in notice.text.text()
    assert notice.draft.observed_at == date(2025, 11, 28) and "at least 22,000 soldiers" in notice.draft.quote


def test_crossing_notice_for_event_counts_and_lower_is_worse():
    from desktop.domain.indicator_rules import ObservationDraft
    from desktop.domain.indicators import Status
    from desktop.services.indicators import ObservationAdded
    from desktop.domain.crossings import crossing_draft

    strikes = IndicatorDraft("Strikes", "strikes", "events", warn=5, alert=9, trend_days=14,
                             scenarios={"escalation": 1})
    added = ObservationAdded(1, "us_strikes", "US strikes", Status.GREEN, Status.AMBER, 6.0, {"escalation": 1})
    draft = crossing_draft(added, ObservationDraft(date(2025, 11, 20), 3), strikes)
    assert "6 strikes in the 14 days to 2025-11-20" in draft.quote and "warning threshold of 5" in draft.quote
    assert draft.summary == "US strikes crossed its warning threshold."      # the name, not the key
    assert draft.ratings == {"escalation": "C"}
    talks = IndicatorDraft("Contacts", "contacts", "level", warn=3, alert=1, higher_is_worse=False,
                           scenarios={"negotiation": 1, "escalation": -1})
    added = ObservationAdded(2, "contacts", "Contacts", Status.AMBER, Status.RED, 0.0,
                             {"negotiation": 1, "escalation": -1})
    draft = crossing_draft(added, ObservationDraft(date(2025, 11, 20), 0), talks)
    # a fall is what crossed: it points away from negotiation, toward escalation
    assert draft.ratings == {"negotiation": "I", "escalation": "C"} and "alert threshold of 1" in draft.quote


def test_event_bars_add_up_the_reports_of_a_day(window):
    from desktop.domain.indicator_rules import ObservationDraft
    from desktop.services.indicators import add_observation, create_indicator

    made = create_indicator(window.database, 1, IndicatorDraft("Strikes", "strikes", "events", warn=5))
    for day, value in ((date(2025, 11, 20), 2), (date(2025, 11, 20), 3), (date(2025, 11, 22), 1)):
        add_observation(window.database, 1, made.key, ObservationDraft(day, value))
    window.context.sync()
    window.show_view("indicators")
    assert window.indicators.select_indicator(made.key)
    assert window.indicators.chart.ys.tolist() == [5.0, 1.0]
    assert window.indicators.current.latest == 0          # none in the 14 days to today
    window.context.set_as_of(date(2025, 11, 22))
    assert window.indicators.current.latest == 6 and window.indicators.latest.text() == "6 strikes in 14 days"


def test_a_figure_recorded_elsewhere_still_shows_after_other_changes(window):
    from desktop.domain.indicator_rules import ObservationDraft
    from desktop.ui.commands import AddObservationCommand, SetRatingCommand

    window.show_view("indicators")
    window.indicators.select_indicator("vessels_destroyed")
    window.show_view("dashboard")
    before = _series(window, "vessels_destroyed").count
    assert window.context.push(AddObservationCommand(window.database, 1, "vessels_destroyed",
                                              ObservationDraft(date(2025, 11, 27), 23), "23", window.context.sync))
    e1 = evidence_id(window.database, 1, "e1")
    assert window.context.push(SetRatingCommand(window.database, e1, "e1", "escalation", None, "N", window.context.sync))
    window.show_view("indicators")
    assert window.indicators.current.key == "vessels_destroyed"
    assert window.indicators.current.count == before + 1 and window.indicators.model.rowCount() == before + 1


def test_evidence_logged_from_the_notice_is_linked_to_the_figure(window, qtbot):
    """A figure that cites no evidence crosses; "Log as evidence…" logs the item and links the figure to it;
    Undo takes the link back first, then the item."""
    from desktop.domain.indicator_rules import ObservationDraft
    from desktop.services.indicators import add_observation, indicator_status

    key = "troops_deployed"
    before = indicator_status(window.database, 1, key)
    added = add_observation(window.database, 1, key, ObservationDraft(date(2025, 11, 28), 21000))
    window.indicator_actions.check_crossing(key, before)
    notice = window.threshold_notice
    assert notice.isVisible() and "US troops mobilised" in notice.text.text() and key not in notice.text.text()
    errors = drive_modal(qtbot, lambda dialog: dialog.save())
    qtbot.mouseClick(notice.log_button, Qt.MouseButton.LeftButton)
    assert not errors
    (figure,) = observation_rows(window.database, [added.id])
    logged = next(r for r in list_evidence(window.database, 1) if r.quote == notice.draft.quote)
    assert figure.evidence_id == logged.id and figure.evidence == logged.key
    window.undo_stack.undo()
    assert observation_rows(window.database, [added.id])[0].evidence_id is None
    window.undo_stack.undo()
    assert all(r.quote != notice.draft.quote for r in list_evidence(window.database, 1))
