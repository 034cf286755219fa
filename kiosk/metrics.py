"""Usability statistics after Sauro & Lewis, *Quantifying the User Experience* (2nd ed., 2016).

Small samples are the norm in field sessions, so every estimate that can carry an interval does:
adjusted-Wald for completion rates, t-intervals on log times for time on task. Pure Python: the one
distribution needed beyond the normal (Student's t) is computed here rather than pulling in SciPy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real
from statistics import NormalDist
from typing import SupportsInt, cast

SUS_ITEMS = 10
TLX_SCALES = ("mental", "physical", "temporal", "performance", "effort", "frustration")
TLX_PAIRS = 15

# Sauro & Lewis (2016), Table 8.5: the curved grading scale (lower bound of each grade, and the
# percentile range it spans). Percentiles between the bounds are interpolated linearly.
_SUS_GRADES = (
    (84.1, "A+", 96), (80.8, "A", 90), (78.9, "A-", 85), (77.2, "B+", 80), (74.1, "B", 70),
    (72.6, "B-", 65), (71.1, "C+", 60), (65.0, "C", 41), (62.7, "C-", 35), (51.7, "D", 15), (0.0, "F", 0),
)


def _whole_number(value: object, low: int, high: int, what: str) -> int:
    # int() takes the Reals met here (int, float, Fraction, numpy numbers); typeshed's numbers.Real has no __int__
    if isinstance(value, bool) or not isinstance(value, Real) or float(value) != int(cast(SupportsInt, value)):
        raise ValueError(f"{what}: expected a whole number from {low} to {high}, got {value!r}")
    number = int(cast(SupportsInt, value))
    if not low <= number <= high:
        raise ValueError(f"{what}: expected a whole number from {low} to {high}, got {value!r}")
    return number


def sus_score(responses: Sequence[int], version: str = "standard") -> float:
    """SUS score 0..100 from ten responses 1..5 (Brooke 1996).

    ``standard``: odd items contribute r-1, even (negative) items 5-r. ``all_positive``: the
    all-positive wording (Sauro & Lewis 2011), where every item contributes r-1.
    """
    if version not in ("standard", "all_positive"):
        raise ValueError(f"unknown SUS version {version!r}; expected 'standard' or 'all_positive'")
    items = list(responses)
    if len(items) != SUS_ITEMS:
        raise ValueError(f"SUS needs exactly ten responses, got {len(items)}")
    total = 0
    for index, raw in enumerate(items, start=1):
        r = _whole_number(raw, 1, 5, f"SUS item {index}")
        total += r - 1 if version == "all_positive" or index % 2 else 5 - r
    return total * 2.5


def sus_grade(score: float) -> str:
    """Letter grade on the Sauro–Lewis curved grading scale (A+ from 84.1 … F below 51.7)."""
    _check_sus_range(score)
    return next(grade for bound, grade, _ in _SUS_GRADES if score >= bound)


def sus_percentile(score: float) -> float:
    """Approximate percentile rank against the Sauro–Lewis norms (68 ≈ 50th), consistent with the grades."""
    _check_sus_range(score)
    points = [(100.0, 100.0)] + [(bound, float(pct)) for bound, _, pct in _SUS_GRADES]
    for (hi_score, hi_pct), (lo_score, lo_pct) in zip(points, points[1:]):
        if score >= lo_score:
            return lo_pct + (hi_pct - lo_pct) * (score - lo_score) / (hi_score - lo_score)
    return 0.0


def _check_sus_range(score: float) -> None:
    if not 0 <= score <= 100:
        raise ValueError(f"a SUS score lies between 0 and 100, got {score}")


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def completion_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Adjusted-Wald (Agresti–Coull) interval for a completion rate, clipped to [0, 1]."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"need at least one attempt, got n={n!r}")
    if isinstance(successes, bool) or not isinstance(successes, int) or not 0 <= successes <= n:
        raise ValueError(f"successes must be a whole number from 0 to n={n}, got {successes!r}")
    z = _z(confidence)
    n_adj = n + z * z
    p_adj = (successes + z * z / 2) / n_adj
    margin = z * math.sqrt(p_adj * (1 - p_adj) / n_adj)
    return max(0.0, p_adj - margin), min(1.0, p_adj + margin)


def time_on_task(times: Iterable[float], confidence: float = 0.95) -> tuple[float, float | None, float | None]:
    """Geometric mean of task times with a t-interval computed on log times (Sauro & Lewis, ch. 3)."""
    values = list(times)
    if not values:
        raise ValueError("need at least one time")
    for t in values:
        if isinstance(t, bool) or not isinstance(t, Real) or not t > 0:
            raise ValueError(f"task times must be positive numbers of seconds, got {t!r}")
    logs = [math.log(t) for t in values]
    n = len(logs)
    mean = sum(logs) / n
    geometric = math.exp(mean)
    if n == 1:
        return geometric, None, None
    sd = math.sqrt(sum((x - mean) ** 2 for x in logs) / (n - 1))
    half = t_quantile(1 - (1 - confidence) / 2, n - 1) * sd / math.sqrt(n)
    return geometric, math.exp(mean - half), math.exp(mean + half)


def seq_mean(ratings: Iterable[int]) -> float:
    """Mean Single Ease Question rating (1 very difficult … 7 very easy)."""
    values = [_whole_number(r, 1, 7, "SEQ rating") for r in ratings]
    if not values:
        raise ValueError("need at least one SEQ rating")
    return sum(values) / len(values)


def umux_lite(item1: int, item2: int) -> tuple[float, float]:
    """UMUX-Lite score 0..100 from two 1..7 items, and the SUS it predicts.

    Prediction: the regression of Lewis, Utesch & Maher (2013), SUS ≈ 0.65 × UMUX-Lite + 22.9.
    """
    a = _whole_number(item1, 1, 7, "UMUX-Lite item 1")
    b = _whole_number(item2, 1, 7, "UMUX-Lite item 2")
    score = (a - 1 + b - 1) / 12 * 100
    return score, 0.65 * score + 22.9


def _tlx_ratings(ratings: Mapping[str, float]) -> dict[str, float]:
    if set(ratings) != set(TLX_SCALES):
        raise ValueError(f"NASA-TLX needs ratings for exactly {', '.join(TLX_SCALES)}; got {', '.join(sorted(ratings))}")
    checked: dict[str, float] = {}
    for scale, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, Real) or not 0 <= value <= 100:
            raise ValueError(f"NASA-TLX {scale}: expected a rating from 0 to 100, got {value!r}")
        checked[scale] = float(value)
    return checked


def nasa_tlx_raw(ratings: Mapping[str, float]) -> float:
    """Raw TLX (Hart 2006): the unweighted mean of the six subscale ratings (0..100)."""
    checked = _tlx_ratings(ratings)
    return sum(checked.values()) / len(checked)


def nasa_tlx_weighted(ratings: Mapping[str, float], weights: Mapping[str, int]) -> float:
    """Weighted TLX (Hart & Staveland 1988): weights are tallies from the 15 pairwise comparisons."""
    checked = _tlx_ratings(ratings)
    if set(weights) != set(TLX_SCALES):
        raise ValueError(f"NASA-TLX weights must name exactly {', '.join(TLX_SCALES)}")
    tallies = {scale: _whole_number(weights[scale], 0, 5, f"NASA-TLX weight {scale}") for scale in TLX_SCALES}
    if sum(tallies.values()) != TLX_PAIRS:
        raise ValueError(f"NASA-TLX weights come from 15 comparisons and must add up to 15, not {sum(tallies.values())}")
    return sum(checked[s] * tallies[s] for s in TLX_SCALES) / TLX_PAIRS


# -- Student's t quantile ------------------------------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function (modified Lentz's method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-14:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1 - front * _betacf(b, a, 1 - x) / b


def t_cdf(t: float, df: int) -> float:
    x = df / (df + t * t)
    tail = 0.5 * _incomplete_beta(df / 2, 0.5, x)
    return 1 - tail if t >= 0 else tail


def t_quantile(p: float, df: int) -> float:
    """The t value below which a share ``p`` of Student's t distribution with ``df`` degrees lies."""
    if not 0 < p < 1 or df < 1:
        raise ValueError("need 0 < p < 1 and df >= 1")
    lo, hi = -1e6, 1e6
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12:
            break
    return (lo + hi) / 2
