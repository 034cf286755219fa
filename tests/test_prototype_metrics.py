"""Path metrics of prototype tasks against hand-computed values (issue 10)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.metrics import completion_interval
from kiosk.prototype.metrics import (
    PathOutcome, attempt, first_click_success, lostness, misclick_rate_by_screen, screens_visited, task_paths,
)
from kiosk.prototype.model import Action
from kiosk.prototype.navigation import Tap

EXPECTED = (("home", "form", "sent"),)


def go(screen: str, to: str, ms: int, hotspot: str = "h", goal: str | None = None) -> Tap:
    return Tap(screen, 10, 10, ms, hotspot, Action.GO, to, goal)


def miss(screen: str, ms: int) -> Tap:
    return Tap(screen, 1, 1, ms, to=screen)


DIRECT = [miss("home", 2500), go("home", "form", 4000), go("form", "sent", 6000, goal="sent")]
WANDER = [go("home", "help", 3000), go("help", "form", 5000), miss("form", 1000), go("form", "sent", 2000, goal="sent")]
LOST = [go("home", "form", 1500), go("form", "help", 2000), Tap("help", 5, 5, 800, "back", Action.BACK, "form"),
        miss("form", 400), miss("form", 900)]


def test_lostness_smith_1996_by_hand() -> None:
    # home, form, help, form, sent: S = 5 shown, N = 4 distinct, R = 3 needed
    assert lostness(("home", "form", "help", "form", "sent"), 3) == pytest.approx(math.sqrt(0.2 ** 2 + 0.25 ** 2))
    assert lostness(("home", "form", "sent"), 3) == 0.0
    with pytest.raises(ValueError):
        lostness((), 3)


@given(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=30), st.integers(1, 6))
def test_lostness_is_zero_only_for_a_minimal_path_without_revisits(path: list[str], minimum: int) -> None:
    value = lostness(path, minimum)
    assert value >= 0
    assert (value == 0) == (len(set(path)) == len(path) == minimum)


def test_the_screens_shown_include_revisits() -> None:
    assert screens_visited("home", LOST) == ("home", "form", "help", "form")
    assert screens_visited("home", WANDER) == ("home", "help", "form", "sent")


def test_direct_indirect_and_gave_up_by_hand() -> None:
    direct = attempt("home", DIRECT, EXPECTED, 3)
    assert (direct.outcome, direct.path, direct.taps, direct.misses) == (PathOutcome.DIRECT, ("home", "form", "sent"), 3, 1)
    assert direct.lostness == 0.0
    assert (direct.first_click_ms, direct.first_click_success) == (2500, False)  # a miss first
    assert direct.dwell_ms == {"home": 4000, "form": 6000}
    wander = attempt("home", WANDER, EXPECTED, 3)
    assert wander.outcome is PathOutcome.INDIRECT and wander.first_click_success is False
    assert wander.lostness == pytest.approx(math.sqrt(0 + (3 / 4 - 1) ** 2))  # S = N = 4, R = 3
    lost = attempt("home", LOST, EXPECTED, 3)
    assert lost.outcome is PathOutcome.GAVE_UP and lost.first_click_success is True and lost.misses == 2
    assert lost.lostness == pytest.approx(math.sqrt((3 / 4 - 1) ** 2 + (3 / 3 - 1) ** 2))
    assert attempt("home", [], EXPECTED, 3).first_click_success is None


def test_a_first_click_that_reaches_the_goal_is_a_success() -> None:
    assert first_click_success(Tap("sent", 1, 1, 100, "receipt", Action.GOAL, "sent", "receipt"), EXPECTED)
    assert not first_click_success(go("home", "help", 100), EXPECTED)


def test_a_task_across_participants_with_adjusted_wald_intervals() -> None:
    attempts = [attempt("home", taps, EXPECTED, 3) for taps in (DIRECT, DIRECT, WANDER, LOST)]
    summary = task_paths(attempts)
    assert (summary.direct.count, summary.indirect.count, summary.gave_up.count, summary.attempts) == (2, 1, 1, 4)
    assert (summary.direct.low, summary.direct.high) == completion_interval(2, 4)
    assert summary.misclick_rate == pytest.approx((1 + 1 + 1 + 2) / (3 + 3 + 4 + 5))
    assert (summary.first_click_success.count, summary.first_click_success.n) == (1, 4)
    assert summary.median_first_click_ms == (2500 + 2500) / 2  # of 1500, 2500, 2500, 3000
    assert summary.paths == [(("home", "form", "sent"), 2), (("home", "form", "help", "form"), 1),
                             (("home", "help", "form", "sent"), 1)]
    # Smith: only attempts that reached the goal (LOST gave up; counting it wrongly raised the mean)
    assert summary.mean_lostness == pytest.approx((0 + 0 + 0.25) / 3)


def test_misclicks_by_screen() -> None:
    taps = DIRECT + WANDER + LOST
    assert misclick_rate_by_screen(taps) == {"form": (3, 6), "help": (0, 2), "home": (1, 4)}
