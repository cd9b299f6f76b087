"""Prior rescaling: every change leaves the live scenarios' priors summing to 1, others keep their proportions."""

import math

import pytest

from desktop.domain.priors import PriorError, all_set, with_added, with_prior, without


def _sum(priors):
    return math.fsum(priors.values())


def test_adding_scales_the_others_to_what_is_left_keeping_their_ratio():
    new = with_added({"a": 0.6, "b": 0.4}, "c", 0.2)
    # a and b share 0.8 in their old 3:2 ratio
    assert new == pytest.approx({"a": 0.48, "b": 0.32, "c": 0.2})
    assert new["a"] / new["b"] == pytest.approx(1.5)
    assert _sum(new) == pytest.approx(1.0, abs=1e-12)


def test_a_first_scenario_gets_one_whatever_was_asked():
    assert with_added({}, "only", 0.3) == {"only": 1.0}


def test_adding_with_certainty_beside_others_is_refused():
    with pytest.raises(PriorError, match="leaves nothing"):
        with_added({"a": 1.0}, "b", 1.0)


@pytest.mark.parametrize("p", [0.0, -0.1, 1.5, float("nan")])
def test_priors_outside_zero_one_are_refused_naming_the_field(p):
    with pytest.raises(PriorError, match="^prior: "):
        with_added({"a": 1.0}, "b", p)


def test_adding_an_existing_key_is_refused():
    with pytest.raises(PriorError, match="^key: .*exists"):
        with_added({"a": 1.0}, "a", 0.5)


def test_editing_a_prior_rescales_the_others_proportionally():
    new = with_prior({"a": 0.5, "b": 0.3, "c": 0.2}, "a", 0.2)
    assert new == pytest.approx({"a": 0.2, "b": 0.48, "c": 0.32})
    assert list(new) == ["a", "b", "c"]     # order kept
    assert _sum(new) == pytest.approx(1.0, abs=1e-12)


def test_the_only_scenario_keeps_one():
    assert with_prior({"a": 1.0}, "a", 1.0) == {"a": 1.0}
    with pytest.raises(PriorError, match="only scenario"):
        with_prior({"a": 1.0}, "a", 0.5)


def test_editing_an_unknown_key_is_refused_naming_the_known_ones():
    with pytest.raises(PriorError, match="no scenario 'x'.*a, b"):
        with_prior({"a": 0.5, "b": 0.5}, "x", 0.5)


def test_archiving_rescales_the_rest_to_one():
    assert without({"a": 0.5, "b": 0.3, "c": 0.2}, "a") == pytest.approx({"b": 0.6, "c": 0.4})


def test_archiving_the_last_scenario_is_refused():
    with pytest.raises(PriorError, match="last scenario"):
        without({"a": 1.0}, "a")


def test_setting_all_at_once_normalises_rounding_and_refuses_a_slip_naming_the_sum():
    thirds = all_set({"a": 0.5, "b": 0.5, "c": 0.0001}, {"a": 0.3333, "b": 0.3333, "c": 0.3333})
    assert thirds == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    with pytest.raises(PriorError, match="sum to 1.2, not 1"):
        all_set({"a": 0.5, "b": 0.5}, {"a": 0.6, "b": 0.6})


def test_setting_all_needs_every_scenario_and_no_stranger():
    with pytest.raises(PriorError, match="no prior given for b"):
        all_set({"a": 0.5, "b": 0.5}, {"a": 1.0})
    with pytest.raises(PriorError, match="no scenario 'z'"):
        all_set({"a": 0.5, "b": 0.5}, {"a": 0.5, "b": 0.4, "z": 0.1})
    with pytest.raises(PriorError, match="^prior: b 0 is outside"):
        all_set({"a": 0.5, "b": 0.5}, {"a": 1.0, "b": 0.0})


# --- the horizon notice (desktop.domain.horizon) ---------------------------------------------------

from datetime import date  # noqa: E402

from desktop.domain.horizon import horizon_notice  # noqa: E402


def test_the_horizon_notice_starts_two_weeks_before_and_stays_after():
    horizon = date(2026, 2, 22)
    assert horizon_notice(horizon, date(2026, 2, 7)) is None            # 15 days away
    assert horizon_notice(horizon, date(2026, 2, 8)).startswith("Horizon 22 Feb 2026 is 14 days away")
    assert horizon_notice(horizon, date(2026, 2, 17)).startswith("Horizon 22 Feb 2026 is 5 days away")
    assert "is today" in horizon_notice(horizon, horizon)
    assert horizon_notice(horizon, date(2026, 2, 23)).startswith("Horizon passed on 22 Feb 2026 (1 day ago)")
    assert horizon_notice(horizon, date(2026, 12, 2)).startswith("Horizon passed on 22 Feb 2026 (283 days ago)")
    assert horizon_notice(horizon, date(2026, 12, 2), resolved=True) is None
    assert horizon_notice(None, date(2026, 12, 2)) is None
