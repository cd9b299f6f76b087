"""Scoring arithmetic (design §4 "Scoring"), each figure worked by hand in the test."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from desktop.domain.scoring import (
    LOG_FLOOR, NothingToScore, brier_scores, calibration_bins, calibration_pairs, constant_forecast,
    log_scores, mean_score, scored_days, stepwise_forecast, uniform_forecast,
)


def _day(y, m, d) -> int:
    return date(y, m, d).toordinal()


def test_brier_and_log_of_one_forecast():
    p = np.array([[0.7, 0.2, 0.1]])
    # happened: the first. (0.7 − 1)² + (0.2 − 0)² + (0.1 − 0)² = 0.09 + 0.04 + 0.01 = 0.14
    assert brier_scores(p, 0)[0] == pytest.approx(0.14, abs=1e-15)
    assert log_scores(p, 0)[0] == pytest.approx(-math.log(0.7), abs=1e-15)
    # happened: the third. 0.7² + 0.2² + 0.9² = 0.49 + 0.04 + 0.81 = 1.34; log −ln 0.1 = ln 10
    assert brier_scores(p, 2)[0] == pytest.approx(1.34, abs=1e-15)
    assert log_scores(p, 2)[0] == pytest.approx(math.log(10), abs=1e-15)


def test_a_zero_for_what_happened_is_clipped_at_1e_12():
    p = np.array([[1.0, 0.0]])
    # −ln 1e-12 = 12 ln 10 ≈ 27.63, not infinity; Brier (1 − 0)² + (0 − 1)² = 2, the worst there is
    assert log_scores(p, 1)[0] == pytest.approx(12 * math.log(10), rel=1e-15)
    assert LOG_FLOOR == 1e-12
    assert brier_scores(p, 1)[0] == 2.0
    assert log_scores(p, 0)[0] == 0.0     # certainty that came true costs nothing


def test_means_over_days_and_the_baselines():
    p = np.array([[0.5, 0.5], [0.9, 0.1], [0.2, 0.8]])
    # happened: the first. Brier per day: 0.25 + 0.25 = 0.5; 0.01 + 0.01 = 0.02; 0.64 + 0.64 = 1.28
    # mean (0.5 + 0.02 + 1.28) / 3 = 1.8 / 3 = 0.6; log mean (ln 2 + ln(1/0.9) + ln 5) / 3
    s = mean_score(p, 0)
    assert s.days == 3
    assert s.brier == pytest.approx(0.6, abs=1e-15)
    assert s.log == pytest.approx((math.log(2) - math.log(0.9) + math.log(5)) / 3, abs=1e-15)
    # uniform over three: (1 − 1/3)² + 2·(1/3)² = 4/9 + 2/9 = 2/3 every day; log ln 3
    u = mean_score(uniform_forecast(3, 5), 1)
    assert (u.brier, u.days) == (pytest.approx(2 / 3, abs=1e-15), 5)
    assert u.log == pytest.approx(math.log(3), abs=1e-15)
    # priors alone (0.3, 0.2, 0.5), the second happened: 0.09 + 0.64 + 0.25 = 0.98; log −ln 0.2 = ln 5
    prior = mean_score(constant_forecast([0.3, 0.2, 0.5], 4), 1)
    assert prior.brier == pytest.approx(0.98, abs=1e-15) and prior.log == pytest.approx(math.log(5), abs=1e-15)


def test_scored_days_run_from_the_opened_date_to_the_day_before_the_resolution():
    days = scored_days(date(2025, 11, 24), date(2026, 1, 3))
    # 24–30 Nov is 7 days, December 31, 1–2 Jan 2: 40
    assert len(days) == 40
    assert (days[0], days[-1]) == (_day(2025, 11, 24), _day(2026, 1, 2))
    assert list(scored_days(date(2026, 1, 2), date(2026, 1, 3))) == [_day(2026, 1, 2)]
    for resolved in (date(2025, 11, 24), date(2025, 11, 1)):
        with pytest.raises(NothingToScore, match="no day to score.*2025-11-24"):
            scored_days(date(2025, 11, 24), resolved)


def test_a_back_dated_round_is_scored_only_from_when_it_was_entered():
    # The analyst states a round for 1 January but enters it on 10 January; days 1–14 January are scored.
    days = np.arange(_day(2026, 1, 1), _day(2026, 1, 15))
    entered = [datetime(2026, 1, 10, 9, 0, tzinfo=timezone.utc)]
    s = stepwise_forecast(entered, [[0.8, 0.2]], days)
    # covered: 10, 11, 12, 13, 14 January = 5 days; the nine before it are not scored at all
    assert s.days == 5
    assert s.day_numbers[0] == _day(2026, 1, 10)
    assert np.allclose(s.probabilities, [[0.8, 0.2]] * 5)
    # first happened: (0.8 − 1)² + 0.2² = 0.08 on each of the 5 days, whatever date the round claimed
    assert mean_score(s.probabilities, 0).brier == pytest.approx(0.08, abs=1e-15)


def test_each_day_takes_the_last_round_entered_by_its_end_in_utc_normalised():
    days = np.arange(_day(2026, 1, 1), _day(2026, 1, 7))                # 1–6 January
    eastern = timezone(timedelta(hours=-5))
    entered = [
        datetime(2026, 1, 3, 12, 0, tzinfo=timezone.utc),                # 50 : 50
        datetime(2026, 1, 4, 22, 0, tzinfo=eastern),                      # = 5 Jan 03:00 UTC; 90 : 10
        datetime(2026, 1, 5, 1, 0, tzinfo=timezone.utc),                  # earlier than the line above
        datetime(2026, 1, 5, 23, 0),                                      # naive: UTC; 0 : 0 says nothing
    ]
    rows = [[50, 50], [90, 10], [30, 70], [0, 0]]
    s = stepwise_forecast(entered, rows, days)
    # 3 and 4 Jan: 50:50. 5 Jan: entered 01:00 then 03:00 UTC, the later (90:10) stands; 6 Jan the same
    assert [date.fromordinal(int(d)).day for d in s.day_numbers] == [3, 4, 5, 6]
    assert np.allclose(s.probabilities, [[0.5, 0.5], [0.5, 0.5], [0.9, 0.1], [0.9, 0.1]])
    # Brier with the first happening: 0.5, 0.5, 0.02, 0.02 -> mean 1.04 / 4 = 0.26
    assert mean_score(s.probabilities, 0).brier == pytest.approx(0.26, abs=1e-15)


def test_no_round_by_the_last_day_covers_nothing():
    days = np.arange(_day(2026, 1, 1), _day(2026, 1, 3))
    s = stepwise_forecast([datetime(2026, 1, 9, tzinfo=timezone.utc)], [[1, 0]], days)
    assert s.days == 0
    with pytest.raises(NothingToScore):
        mean_score(s.probabilities, 0)


def test_calibration_bins_pool_forecasts_with_1_0_in_the_last_bin():
    forecasts = [0.05, 0.1, 0.1 + 0.2, 0.95, 1.0, 0.0]
    outcomes = [0, 1, 0, 1, 1, 0]
    bins = calibration_bins(forecasts, outcomes)
    assert [(b.low, b.high) for b in bins][:2] == [(0.0, 0.1), (0.1, 0.2)] and bins[-1].high == 1.0
    assert [b.n for b in bins] == [2, 1, 0, 1, 0, 0, 0, 0, 0, 2]
    # [0, 0.1): 0.05 and 0.0 -> mean 0.025, neither happened
    assert (bins[0].mean_forecast, bins[0].observed) == (pytest.approx(0.025), 0.0)
    assert (bins[1].mean_forecast, bins[1].observed) == (0.1, 1.0)     # 0.1 opens the second bin
    assert bins[2].mean_forecast is None and bins[2].observed is None
    assert bins[3].n == 1                                              # 0.30000000000000004 is in [0.3, 0.4)
    # [0.9, 1]: 0.95 and 1.0 -> mean 0.975, both happened
    assert (bins[9].mean_forecast, bins[9].observed) == (pytest.approx(0.975), 1.0)
    with pytest.raises(ValueError):
        calibration_bins([1.2], [1])


def test_calibration_pairs_give_every_scenario_every_day():
    f, o = calibration_pairs(np.array([[0.7, 0.3], [0.6, 0.4]]), 1)
    assert list(f) == [0.7, 0.3, 0.6, 0.4] and list(o) == [0, 1, 0, 1]


def test_a_constant_forecast_scores_its_one_day_score_exactly():
    from desktop.domain.scoring import constant_score

    # uniform over five, the first happened: (1 − 1/5)² + 4·(1/5)² = 0.64 + 0.16 = 0.8, every one of 40 days;
    # summing 40 equal terms and dividing back could move the last bit, the one-day score cannot
    s = constant_score([0.2] * 5, 0, 40)
    assert s.brier == brier_scores(np.array([[0.2] * 5]), 0)[0] == pytest.approx(0.8, abs=1e-15)
    assert (s.log, s.days) == (pytest.approx(math.log(5), abs=1e-15), 40)
    with pytest.raises(NothingToScore):
        constant_score([0.5, 0.5], 0, 0)
