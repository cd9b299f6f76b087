"""The Scores view renders the figures it is given (not yet a tab of the main window)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from desktop.services.scoring import Resolution, calibration, score_situation
from tests.services.test_scoring import OPENED, RESOLVED, _build_resolved_case

SHOT = Path("/tmp/signpost-scores-view.png")


@pytest.fixture
def scored(seeded):
    _build_resolved_case(seeded)
    today = date(2026, 2, 1)
    return (score_situation(seeded, 1, "escalation", RESOLVED, OPENED, today=today),
            calibration(seeded, {1: Resolution("escalation", RESOLVED, OPENED)}, today=today))


def test_scores_view_shows_the_scores_the_curves_and_calibration(qtbot, scored):
    from desktop.ui.scores.view import ScoresView

    report, cal = scored
    view = ScoresView()
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.set_data(report, cal)
    view.show()
    qtbot.waitExposed(view)

    assert f"Resolved: {report.scenario_names[1]}</b> on 3 Jan 2026" in view.heading.text()
    assert "40 days scored" in view.heading.text()
    table = view.table
    rows = {table.verticalHeaderItem(r).text(): [table.item(r, c).text() for c in range(3)]
            for r in range(table.rowCount())}
    assert rows["Model"] == [f"{report.model.brier:.3f}", f"{report.model.log:.3f}", "40"]
    assert rows["Uniform (1/n)"] == ["0.667", "1.099", "40"]            # 2/3 and ln 3
    assert rows["Priors alone"] == ["0.980", "1.609", "40"]             # 0.98 and ln 5
    assert rows["Analyst"] == ["0.380", "0.693", "24"]                  # 0.38 and ln 2 from 10 Dec
    assert rows["Forecast record"][:2] == ["—", "—"]

    # the model line is the resolved scenario's daily probability, in percent, over the 40 scored days
    xs, ys = view.model_curve.getData()
    assert len(xs) == 40 and np.allclose(ys, report.probabilities[:, 1] * 100)
    ax, ay = view.analyst_curve.getData()
    assert len(ax) == 24 and np.allclose(ay, 50.0)

    # one point per filled bin, each labelled with its count
    filled = [b for b in cal.bins if b.n]
    points = view.calibration_points.getData()
    assert list(points[0]) == pytest.approx([b.mean_forecast for b in filled])
    assert list(points[1]) == pytest.approx([b.observed for b in filled])
    assert [label.toPlainText() for label in view.count_labels] == [f"n={b.n}" for b in filled]
    assert "120 forecasts from 1 resolved situation" in view.calibration_note.text()

    image = view.grab()
    assert image.save(str(SHOT))
    assert SHOT.stat().st_size > 10_000
