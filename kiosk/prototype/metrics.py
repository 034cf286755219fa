"""Path and tap metrics of prototype tasks, each with its published definition (pure functions).

Online prototype-testing tools report direct and indirect success, misclick rate, first-click results
and paths, without intervals; here each rate also gets an adjusted-Wald interval (Sauro & Lewis 2005,
as for task completion in ``kiosk.metrics``), and each path its lostness (Smith 1996).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kiosk.metrics import completion_interval
from kiosk.prototype.navigation import Tap


class PathOutcome(StrEnum):
    DIRECT = "direct"  # goal reached along an expected path
    INDIRECT = "indirect"  # goal reached another way
    GAVE_UP = "gave_up"  # task ended without reaching a goal


def screens_visited(start: str, taps: Iterable[Tap]) -> tuple[str, ...]:
    """The screens in the order they were shown, revisits included (a Back shows a screen again)."""
    path = [start]
    for tap in taps:
        if tap.hit and tap.to and tap.to != path[-1]:
            path.append(tap.to)
    return tuple(path)


def path_to_goal(start: str, taps: Sequence[Tap]) -> tuple[str, ...]:
    """The screens shown up to the tap that first reached a goal (the whole path if none did)."""
    for index, tap in enumerate(taps):
        if tap.goal is not None:
            return screens_visited(start, taps[: index + 1])
    return screens_visited(start, taps)


def lostness(path: Sequence[str], minimum: int) -> float:
    """Smith (1996): L = sqrt((N/S − 1)² + (R/N − 1)²), N distinct screens, S screens shown, R the minimum.

    0 is a perfect path; above about 0.4 participants are visibly lost (Smith's observation).
    """
    if not path or minimum < 1:
        raise ValueError("lostness needs a non-empty path and a minimum of at least one screen")
    total, distinct = len(path), len(set(path))
    return math.sqrt((distinct / total - 1) ** 2 + (minimum / distinct - 1) ** 2)


@dataclass(frozen=True)
class Attempt:
    """One participant's go at one prototype task, summarised from its taps."""

    path: tuple[str, ...]
    outcome: PathOutcome
    taps: int
    misses: int
    lostness: float
    first_click_ms: int | None
    first_click_success: bool | None  # None: no tap at all
    dwell_ms: dict[str, int]


def attempt(start: str, taps: Sequence[Tap], expected: Sequence[Sequence[str]], minimum: int,
            start_is_goal: bool = False) -> Attempt:
    """Summarise one attempt. ``expected``: the expected screen paths; ``minimum``: screens on a shortest path."""
    reached = start_is_goal or any(tap.goal is not None for tap in taps)
    path = path_to_goal(start, taps)
    if not reached:
        outcome = PathOutcome.GAVE_UP
    elif path in {tuple(p) for p in expected}:
        outcome = PathOutcome.DIRECT
    else:
        outcome = PathOutcome.INDIRECT
    dwell: dict[str, int] = {}
    for tap in taps:
        if tap.hit and tap.to != tap.screen:
            dwell[tap.screen] = dwell.get(tap.screen, 0) + tap.ms
    first = taps[0] if taps else None
    return Attempt(path, outcome, len(taps), sum(not t.hit for t in taps),
                   lostness(screens_visited(start, taps), minimum), first.ms if first else None,
                   first_click_success(first, expected) if first else None, dwell)


def first_click_success(tap: Tap, expected: Sequence[Sequence[str]]) -> bool:
    """Bailey & Wolfson (2009): a first click on the right path predicts success. Right: the tap goes to
    the second screen of an expected path, or itself reaches the goal."""
    if tap.goal is not None:
        return True
    return tap.hit and any(len(p) > 1 and p[0] == tap.screen and p[1] == tap.to for p in expected)


@dataclass(frozen=True)
class Rate:
    count: int
    n: int
    low: float
    high: float

    @property
    def value(self) -> float:
        return self.count / self.n if self.n else 0.0


def rate(count: int, n: int) -> Rate:
    low, high = completion_interval(count, n) if n else (0.0, 1.0)
    return Rate(count, n, low, high)


@dataclass(frozen=True)
class TaskPaths:
    """A prototype task across participants."""

    attempts: int
    direct: Rate
    indirect: Rate
    gave_up: Rate
    misclick_rate: float  # misses / taps over every attempt
    first_click_success: Rate
    median_first_click_ms: float | None
    mean_lostness: float | None  # over attempts that reached the goal: Smith's measure assumes a finished task
    paths: list[tuple[tuple[str, ...], int]]  # path → how many took it, most common first


def task_paths(attempts: Sequence[Attempt]) -> TaskPaths:
    n = len(attempts)
    outcomes = Counter(a.outcome for a in attempts)
    taps = sum(a.taps for a in attempts)
    clicked = [a for a in attempts if a.first_click_success is not None]
    firsts = [a.first_click_ms for a in attempts if a.first_click_ms is not None]
    counted = Counter(a.path for a in attempts)
    return TaskPaths(
        n, rate(outcomes[PathOutcome.DIRECT], n), rate(outcomes[PathOutcome.INDIRECT], n),
        rate(outcomes[PathOutcome.GAVE_UP], n), sum(a.misses for a in attempts) / taps if taps else 0.0,
        rate(sum(bool(a.first_click_success) for a in clicked), len(clicked)),
        statistics.median(firsts) if firsts else None,
        _mean_lostness(attempts),
        sorted(counted.items(), key=lambda item: (-item[1], item[0])))


def _mean_lostness(attempts: Sequence[Attempt]) -> float | None:
    """Smith (1996) defines lostness for a completed task (R is the minimum to *complete* it): a participant who
    stopped on the start screen is not lost (L would be 4.0 for a path of one screen against a minimum of five)."""
    finished = [a.lostness for a in attempts if a.outcome is not PathOutcome.GAVE_UP]
    return statistics.fmean(finished) if finished else None


def misclick_rate_by_screen(taps: Iterable[Tap]) -> dict[str, tuple[int, int]]:
    """Screen → (misses, taps)."""
    out: dict[str, list[int]] = {}
    for tap in taps:
        counts = out.setdefault(tap.screen, [0, 0])
        counts[0] += not tap.hit
        counts[1] += 1
    return {screen: (m, t) for screen, (m, t) in sorted(out.items())}
