"""The window's explanations (issue 13 §4): contributions in Compare, the ACH and carrier banners, the matrix line."""

from __future__ import annotations

import math
from datetime import date

import pytest
from PySide6.QtCore import QDate

from desktop.domain.bundle import Bundle, BundleEvidence, BundleScenario, BundleSource
from desktop.services.bundles import import_bundle
from desktop.services.likelihoods import compare_dates
from desktop.ui.compare.view import CHANGE_ROLE, KIND_ROLE, SHOWN


def _open(qtbot, db, situation_id):
    from desktop.ui.app import application
    from desktop.ui.main_window import MainWindow

    application()
    w = MainWindow(db, situation_id)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _column(top) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"item": [], "others": [], "sum": []}
    for i in range(top.childCount()):
        child = top.child(i)
        out[child.data(0, KIND_ROLE)].append(child.data(1, CHANGE_ROLE))
    return out


def test_compare_lists_each_items_contribution_and_the_column_sums_to_the_difference(window):
    window.show_view("compare")
    view = window.compare
    view.after_now.setChecked(False)
    view.after.setDate(QDate(2025, 11, 24))
    view.before.setDate(QDate(2025, 9, 1))
    expected = compare_dates(window.database, view.situation_id, date(2025, 9, 1), date(2025, 11, 24))
    assert view.explain.topLevelItemCount() == len(expected.rows) == view.table.rowCount()
    for j, row in enumerate(expected.rows):
        top = view.explain.topLevelItem(j)
        column = _column(top)
        n = len(expected.contributions[j])
        assert n > SHOWN       # the seed has more items between than are listed by name: an "others" line
        assert len(column["item"]) == SHOWN and len(column["others"]) == 1 and len(column["sum"]) == 1
        listed = math.fsum(column["item"] + column["others"])
        assert listed == pytest.approx(row.difference, abs=1e-12)
        assert column["sum"][0] == pytest.approx(row.difference, abs=1e-12)
        sum_line = top.child(top.childCount() - 1)
        assert sum_line.text(0) == f"Sum of {n} items (the difference)"
        assert sum_line.text(1) == view.table.item(j, 3).text()       # the same figure as the table shows
        first = top.child(0)      # the largest contribution first, with its impact now beside it
        assert abs(first.data(1, CHANGE_ROLE)) == max(abs(c.change) for c in expected.contributions[j])
        assert first.text(2).endswith("pts")


def test_compare_backwards_dates_fall_back_to_impacts_with_a_note(window):
    window.show_view("compare")
    view = window.compare
    view.after_now.setChecked(False)
    view.after.setDate(QDate(2025, 10, 1))
    view.before.setDate(QDate(2025, 11, 20))
    assert "Pick a “to” date after" in view.note.text()
    assert all(_column(view.explain.topLevelItem(j))["sum"] == [] for j in range(view.explain.topLevelItemCount()))


def _case(db, items):
    # One A-graded source, credibility 1, relevance high: every item weighs exactly 1.
    bundle = Bundle("Built", "", (BundleScenario("a", "Alpha", "", 0.5), BundleScenario("b", "Beta", "", 0.5)),
                    sources=(BundleSource("s1", "Wire", reliability="A"),),
                    evidence=tuple(BundleEvidence(key=k, quote=k, observed_at=d, ratings=r, credibility=1,
                                                  relevance="high", source="s1") for k, d, r in items))
    return import_bundle(db, bundle).situation_id


def test_dashboard_and_matrix_say_when_ach_and_the_model_disagree(qtbot, empty_db):
    # a: C, C and I (ACH -1, the model +1 step); b: nothing either way (ACH 0): ACH ranks b, the model a (67 %)
    sid = _case(empty_db, [("e1", date(2025, 1, 1), {"a": "C", "b": "N"}),
                           ("e2", date(2025, 1, 2), {"a": "C", "b": "N"}),
                           ("e3", date(2025, 1, 3), {"a": "I", "b": "N"})])
    w = _open(qtbot, empty_db, sid)
    banner = w.dashboard.ach_disagreement
    assert not banner.isHidden()
    assert "ACH ranks Beta first" in banner.text() and "the model gives Alpha 67%" in banner.text()
    assert w.dashboard.carrier.isHidden()           # without e1 P(a) is 1/2, without e3 4/5: under 25 pts from 2/3
    w.show_view("matrix")
    assert not w.matrix.ach_note.isHidden() and "ACH ranks Beta first" in w.matrix.ach_note.text()


def test_dashboard_flags_one_item_carrying_the_lead(qtbot, empty_db):
    # e1: a CC, b II -> 4 steps: P(a) = 16/17 with it, 1/2 without (e2 and e3 cancel): +44 pts on a
    sid = _case(empty_db, [("e1", date(2025, 1, 1), {"a": "CC", "b": "II"}),
                           ("e2", date(2025, 1, 2), {"a": "C", "b": "N"}),
                           ("e3", date(2025, 1, 3), {"a": "N", "b": "C"})])
    w = _open(qtbot, empty_db, sid)
    banner = w.dashboard.carrier
    assert not banner.isHidden()
    assert f"<b>e1</b> moves Alpha by {(16 / 17 - 0.5) * 100:+.0f} pts" in banner.text()
    assert "One item carries this lead" in banner.text() and "more item" not in banner.text()
    assert w.dashboard.ach_disagreement.isHidden()     # ACH (a 0, b -2) agrees with the model
    w.show_view("matrix")
    assert w.matrix.ach_note.isHidden()


def test_the_seed_banners_follow_its_report(window):
    from desktop.services.likelihoods import likelihoods_as_of

    report = likelihoods_as_of(window.database, window.compare.situation_id)
    assert window.dashboard.ach_disagreement.isHidden() == (report.ach_disagreement() is None)
    assert window.dashboard.carrier.isHidden() == (not report.carriers)
