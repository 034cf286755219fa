"""Metrics refuse bad input with a message naming the value, and the t distribution is right on both sides.

Written against the mutants that survived `mutmut` on kiosk/metrics.py (docs/testing.md): an error
message is what a facilitator reads when a plan or an import goes wrong, so its wording is behaviour.
"""

from __future__ import annotations

import pytest

from kiosk.metrics import (completion_interval, nasa_tlx_raw, nasa_tlx_weighted, seq_mean, sus_percentile,
                           sus_score, t_cdf, t_quantile, time_on_task, umux_lite)

RATINGS = {"mental": 70, "physical": 20, "temporal": 50, "performance": 30, "effort": 60, "frustration": 40}
WEIGHTS = {"mental": 5, "physical": 0, "temporal": 2, "performance": 3, "effort": 4, "frustration": 1}


def test_sus_errors_name_the_item_and_the_value() -> None:
    with pytest.raises(ValueError, match=r"^SUS item 10: expected a whole number from 1 to 5, got 6$"):
        sus_score([3] * 9 + [6])
    with pytest.raises(ValueError, match=r"^SUS item 1: expected a whole number from 1 to 5, got 2\.5$"):
        sus_score([2.5] + [3] * 9)
    with pytest.raises(ValueError, match=r"^SUS needs exactly ten responses, got 9$"):
        sus_score([3] * 9)
    with pytest.raises(ValueError, match=r"^a SUS score lies between 0 and 100, got 101$"):
        sus_percentile(101)


def test_sus_percentile_is_continuous_at_a_grade_bound() -> None:
    assert sus_percentile(51.7) == pytest.approx(15) and sus_percentile(51.69) == pytest.approx(15, abs=0.01)


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.1])
def test_confidence_must_lie_strictly_between_0_and_1(confidence: float) -> None:
    with pytest.raises(ValueError, match=r"^confidence must be between 0 and 1, got "):
        completion_interval(3, 5, confidence)


def test_completion_interval_errors() -> None:
    with pytest.raises(ValueError, match=r"^need at least one attempt, got n=0$"):
        completion_interval(0, 0)
    with pytest.raises(ValueError, match=r"^successes must be a whole number from 0 to n=5, got 6$"):
        completion_interval(6, 5)


def test_time_on_task_accepts_any_positive_time_and_names_a_bad_one() -> None:
    assert time_on_task([0.5])[0] == pytest.approx(0.5)
    with pytest.raises(ValueError, match=r"^need at least one time$"):
        time_on_task([])
    with pytest.raises(ValueError, match=r"^task times must be positive numbers of seconds, got 0$"):
        time_on_task([10, 0])


def test_seq_bounds_and_messages() -> None:
    assert seq_mean([1, 7]) == 4.0
    with pytest.raises(ValueError, match=r"^SEQ rating: expected a whole number from 1 to 7, got 8$"):
        seq_mean([8])
    with pytest.raises(ValueError, match=r"^need at least one SEQ rating$"):
        seq_mean([])


@pytest.mark.parametrize(("items", "message"), [
    ((8, 7), r"^UMUX-Lite item 1: expected a whole number from 1 to 7, got 8$"),
    ((7, 8), r"^UMUX-Lite item 2: expected a whole number from 1 to 7, got 8$"),
    ((0, 7), r"^UMUX-Lite item 1: .* got 0$"),
    ((7, 0), r"^UMUX-Lite item 2: .* got 0$"),
])
def test_umux_lite_items_are_1_to_7(items, message) -> None:
    with pytest.raises(ValueError, match=message):
        umux_lite(*items)


def test_tlx_ratings_span_0_to_100_inclusive_and_nothing_else() -> None:
    assert nasa_tlx_raw({scale: 0 for scale in RATINGS}) == 0.0
    assert nasa_tlx_raw({scale: 100 for scale in RATINGS}) == 100.0
    for bad in (-1, 100.5, 101, True, "50"):
        with pytest.raises(ValueError, match=rf"^NASA-TLX mental: expected a rating from 0 to 100, got {bad!r}$"):
            nasa_tlx_raw({**RATINGS, "mental": bad})


def test_tlx_missing_scale_is_named() -> None:
    partial = {k: v for k, v in RATINGS.items() if k != "effort"}
    with pytest.raises(ValueError, match=r"^NASA-TLX needs ratings for exactly mental, physical, temporal, "
                                         r"performance, effort, frustration; got frustration, mental, "
                                         r"performance, physical, temporal$"):
        nasa_tlx_raw(partial)


def test_tlx_weights_are_tallies_0_to_5_naming_every_scale() -> None:
    with pytest.raises(ValueError, match=r"^NASA-TLX weights must name exactly mental, physical, temporal, "
                                         r"performance, effort, frustration$"):
        nasa_tlx_weighted(RATINGS, {k: v for k, v in WEIGHTS.items() if k != "mental"})
    # a tally of 6 is impossible (each scale meets the five others once), even when the total is 15
    with pytest.raises(ValueError, match=r"^NASA-TLX weight mental: expected a whole number from 0 to 5, got 6$"):
        nasa_tlx_weighted(RATINGS, {**WEIGHTS, "mental": 6, "effort": 3})


def test_t_distribution_below_and_above_zero() -> None:
    # Cauchy (t with 1 degree of freedom): P(T <= 1) = 3/4 exactly; symmetric about 0
    assert t_cdf(0.0, 7) == pytest.approx(0.5)
    assert t_cdf(1.0, 1) == pytest.approx(0.75, abs=1e-9)
    assert t_cdf(-1.0, 1) == pytest.approx(0.25, abs=1e-9)
    assert t_cdf(0.5, 10) == pytest.approx(1 - t_cdf(-0.5, 10)) and t_cdf(0.5, 10) > 0.5
    # printed tables: t(.75, 10) = 0.700, t(.025, 9) = -2.262
    assert t_quantile(0.75, 10) == pytest.approx(0.700, abs=1e-3)
    assert t_quantile(0.025, 9) == pytest.approx(-2.262, abs=1e-3)


@pytest.mark.parametrize(("p", "df"), [(0, 5), (1, 5), (1.5, 5), (0.5, 0)])
def test_t_quantile_refuses_impossible_arguments(p: float, df: int) -> None:
    with pytest.raises(ValueError, match=r"^need 0 < p < 1 and df >= 1$"):
        t_quantile(p, df)
