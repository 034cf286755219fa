"""Usability metrics pinned to published worked examples; the source is cited beside each test."""

from __future__ import annotations

import pytest

from kiosk.metrics import (completion_interval, nasa_tlx_raw, nasa_tlx_weighted, seq_mean, sus_grade,
                           sus_percentile, sus_score, t_quantile, time_on_task, umux_lite)

# -- SUS ------------------------------------------------------------------------------------------


def test_sus_scoring_rule_brooke_1996() -> None:
    # Brooke (1996), "SUS: a quick and dirty usability scale": odd items r-1, even items 5-r, ×2.5.
    assert sus_score([5, 1, 5, 1, 5, 1, 5, 1, 5, 1]) == 100.0
    assert sus_score([1, 5, 1, 5, 1, 5, 1, 5, 1, 5]) == 0.0
    assert sus_score([3] * 10) == 50.0
    # contributions 3,3,2,2,3,3,2,1,3,1 = 23 → 57.5 (worked by hand from the rule)
    assert sus_score([4, 2, 3, 3, 4, 2, 3, 4, 4, 4]) == 57.5


def test_sus_all_positive_version_sauro_lewis_2011() -> None:
    # Sauro & Lewis (2011), "When designing usability questionnaires, does it hurt to be positive?":
    # the all-positive SUS scores every item as r-1.
    assert sus_score([5] * 10, version="all_positive") == 100.0
    assert sus_score([4, 4, 3, 3, 4, 4, 3, 3, 4, 4], version="all_positive") == 65.0  # 26 × 2.5
    with pytest.raises(ValueError, match="unknown SUS version"):
        sus_score([3] * 10, version="reversed")


@pytest.mark.parametrize("bad", [[3] * 9, [3] * 11, [3] * 9 + [6], [3] * 9 + [0], [3] * 9 + [2.5],
                                 [3] * 9 + ["3"], [3] * 9 + [True], [3] * 9 + [None]])
def test_sus_rejects_anything_but_ten_whole_numbers_1_to_5(bad) -> None:
    with pytest.raises(ValueError):
        sus_score(bad)


def test_sus_accepts_whole_floats() -> None:
    assert sus_score([3.0] * 10) == 50.0


@pytest.mark.parametrize(("score", "grade"), [
    # Sauro & Lewis (2016), Quantifying the User Experience, 2nd ed., Table 8.5 (curved grading scale)
    (100, "A+"), (84.1, "A+"), (84.0, "A"), (80.8, "A"), (80.7, "A-"), (78.9, "A-"), (77.2, "B+"),
    (74.1, "B"), (72.6, "B-"), (71.1, "C+"), (68.0, "C"), (65.0, "C"), (62.7, "C-"), (51.7, "D"),
    (51.6, "F"), (0, "F"),
])
def test_sus_curved_grading_scale(score: float, grade: str) -> None:
    assert sus_grade(score) == grade


def test_sus_percentile_follows_the_norms() -> None:
    # Sauro & Lewis (2016): 68 is the average (about the 50th percentile); the grade boundaries carry
    # their percentile ranges (A+ from the 96th, F below the 15th).
    assert sus_percentile(68) == pytest.approx(50, abs=1.5)
    assert sus_percentile(84.1) == pytest.approx(96)
    assert sus_percentile(51.7) == pytest.approx(15)
    assert sus_percentile(100) == 100 and sus_percentile(0) == 0
    values = [sus_percentile(s / 2) for s in range(201)]
    assert values == sorted(values)
    with pytest.raises(ValueError):
        sus_percentile(101)


# -- completion -------------------------------------------------------------------------------------


def test_adjusted_wald_4_of_5_tullis_albert() -> None:
    # Tullis & Albert, Measuring the User Experience, p. 69: 4 of 5 at 95% → 0.3596 to 0.9796.
    low, high = completion_interval(4, 5)
    assert low == pytest.approx(0.3596, abs=5e-4)
    assert high == pytest.approx(0.9796, abs=5e-4)


def test_adjusted_wald_9_of_10_sauro() -> None:
    # Sauro, "Confidence interval calculator for a completion rate" (MeasuringU): 9 of 10 adjusts the
    # proportion to (9 + 1.96²/2)/(10 + 1.96²) ≈ 11/14; the upper bound passes 1 and is clipped.
    low, high = completion_interval(9, 10)
    p_adj = (9 + 1.96**2 / 2) / (10 + 1.96**2)
    assert p_adj == pytest.approx(11 / 14, abs=0.01)
    assert low == pytest.approx(0.574, abs=1e-3) and high == 1.0


def test_completion_interval_edges_and_confidence() -> None:
    low, high = completion_interval(0, 5)
    assert low == 0.0 and 0.4 < high < 0.5
    narrow = completion_interval(4, 5, confidence=0.80)
    assert narrow[0] > 0.3596 and narrow[1] < 0.9796
    for bad in ((1, 0), (6, 5), (-1, 5), (2.5, 5), (1, True)):
        with pytest.raises(ValueError):
            completion_interval(*bad)


# -- time on task --------------------------------------------------------------------------------------


def test_time_on_task_sauro_calculator_example() -> None:
    # Sauro, "Confidence intervals for task times" (MeasuringU calculator): 55, 65, 75, 62, 45, 135 s
    # → geometric mean 68 s, 95% CI (46, 101).
    mean, low, high = time_on_task([55, 65, 75, 62, 45, 135])
    assert round(mean) == 68 and round(low) == 46 and round(high) == 101


def test_time_on_task_single_time_and_bad_input() -> None:
    assert time_on_task([42.0]) == (pytest.approx(42.0), None, None)
    for bad in ([], [10, 0], [10, -3], [10, "x"]):
        with pytest.raises(ValueError):
            time_on_task(bad)


def test_t_quantiles_match_printed_tables() -> None:
    # Any printed t table: t(.975, 1) = 12.706, t(.975, 9) = 2.262, t(.975, 29) = 2.045, t(.95, 5) = 2.015
    assert t_quantile(0.975, 1) == pytest.approx(12.706, abs=1e-3)
    assert t_quantile(0.975, 9) == pytest.approx(2.262, abs=1e-3)
    assert t_quantile(0.975, 29) == pytest.approx(2.045, abs=1e-3)
    assert t_quantile(0.95, 5) == pytest.approx(2.015, abs=1e-3)


# -- SEQ, UMUX-Lite, NASA-TLX --------------------------------------------------------------------


def test_seq_mean() -> None:
    assert seq_mean([7, 6, 5, 6]) == 6.0
    for bad in ([], [0], [8], [5.5]):
        with pytest.raises(ValueError):
            seq_mean(bad)


def test_umux_lite_and_predicted_sus_lewis_utesch_maher_2013() -> None:
    # Lewis, Utesch & Maher (2013): score = (i1 + i2 - 2) / 12 × 100; SUS ≈ 0.65 × score + 22.9.
    assert umux_lite(7, 7) == (100.0, pytest.approx(87.9))
    assert umux_lite(1, 1) == (0.0, pytest.approx(22.9))
    score, predicted = umux_lite(5, 6)
    assert score == pytest.approx(75.0) and predicted == pytest.approx(71.65)
    with pytest.raises(ValueError):
        umux_lite(0, 7)


RATINGS = {"mental": 70, "physical": 20, "temporal": 50, "performance": 30, "effort": 60, "frustration": 40}


def test_nasa_tlx_raw_hart_2006() -> None:
    # Hart (2006), "NASA-TLX: 20 years later": Raw TLX is the plain mean of the six ratings.
    assert nasa_tlx_raw(RATINGS) == pytest.approx(45.0)


def test_nasa_tlx_weighted_hart_staveland_1988() -> None:
    # Hart & Staveland (1988) / NASA TLX manual §2.2: weights are tallies of 15 pairwise choices;
    # workload = Σ rating × weight / 15. Here 70·5 + 20·0 + 50·2 + 30·3 + 60·4 + 40·1 = 820 → 54.67.
    weights = {"mental": 5, "physical": 0, "temporal": 2, "performance": 3, "effort": 4, "frustration": 1}
    assert nasa_tlx_weighted(RATINGS, weights) == pytest.approx(820 / 15)
    with pytest.raises(ValueError, match="add up to 15"):
        nasa_tlx_weighted(RATINGS, {**weights, "physical": 1})
    with pytest.raises(ValueError):
        nasa_tlx_raw({**RATINGS, "mental": 120})
    with pytest.raises(ValueError):
        nasa_tlx_raw({k: v for k, v in RATINGS.items() if k != "effort"})
