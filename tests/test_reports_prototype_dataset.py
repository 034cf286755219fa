"""Prototype tasks in the study dataset: scripted taps → exact figures, each against its session's own plan (issue 10)."""

from __future__ import annotations

import math
from pathlib import Path

from kiosk.prototype.metrics import PathOutcome
from kiosk.reports.dataset import collect_study
from kiosk.reports.prototype_dataset import top_paths
from kiosk.session import Outcome
from kiosk.study import load_plan
from prototype_study import SCRIPT, TASK, play, scripted_study, write_plan

Z = 1.959963984540054


def adjusted_wald(x: int, n: int) -> tuple[float, float]:
    """Written out here (Sauro & Lewis 2005) rather than calling the code under test."""
    n_adj = n + Z * Z
    p = (x + Z * Z / 2) / n_adj
    margin = Z * math.sqrt(p * (1 - p) / n_adj)
    return max(0.0, p - margin), min(1.0, p + margin)


def test_scripted_attempts_give_the_hand_computed_figures(store, clock, tmp_path: Path) -> None:
    scripted_study(store, tmp_path / "study", clock)
    (stats,) = collect_study(store, "example-social-card").prototype_tasks
    assert (stats.task_id, stats.prototype, stats.start) == (TASK, "farm", "home")
    assert [a.participant_code for a in stats.attempts] == list(SCRIPT)
    assert [a.summary.outcome for a in stats.attempts] == [PathOutcome.DIRECT, PathOutcome.DIRECT,
                                                           PathOutcome.INDIRECT, PathOutcome.GAVE_UP,
                                                           PathOutcome.DIRECT]
    assert [a.assisted for a in stats.attempts] == [False, False, False, False, True]
    assert [a.hints for a in stats.attempts] == [0, 0, 0, 0, 1]
    for got, count in ((stats.direct, 2), (stats.indirect, 1), (stats.assisted, 1), (stats.gave_up, 1)):
        assert (got.count, got.n) == (count, 5)
        assert (got.low, got.high) == tuple(pytest_approx(v) for v in adjusted_wald(count, 5))
    m = stats.metrics
    assert m.attempts == 5
    assert m.misclick_rate == 5 / 21
    assert (m.first_click_success.count, m.first_click_success.n) == (1, 5)
    assert m.median_first_click_ms == 1500
    assert m.mean_lostness == pytest_approx(0.0625)  # the four that reached the goal (Smith: finished tasks)
    assert [a.summary.lostness for a in stats.attempts] == [0.0, 0.0, 0.25, 0.25, 0.0]
    assert m.paths == [(("home", "form", "sent"), 3), (("home", "form", "help", "form"), 1),
                       (("home", "help", "form", "sent"), 1)]
    assert stats.by_screen == {"form": (1, 6), "help": (0, 2), "home": (4, 9), "sent": (0, 4)}
    # dwell before leaving: home 2000, 2500, 4000, 1500, 1100; form 3000, 2000, 1800, 2500 (P-0104's form-help;
    # back on form it gave up there), 2100; help 3000, 800; sent is left by nobody (the goal hotspot stays)
    assert [stats.median_dwell_ms(s) for s in ("home", "form", "help", "sent")] == [2000, 2100, 1900, None]
    hits, misses = stats.screen_taps("home")
    assert [(t.x, t.y) for t in hits] == [(150, 550), (160, 560), (650, 550), (150, 550), (155, 555)]
    assert [(t.x, t.y) for t in misses] == [(700, 200), (700, 200), (690, 210), (710, 190)]
    assert stats.heatmap_screens() == ["home"]  # form's 1 miss in 6 taps is not "many"


def pytest_approx(value: float):
    import pytest

    return pytest.approx(value, abs=1e-12)


def test_each_session_is_judged_by_its_own_plan_version(store, clock, tmp_path: Path) -> None:
    """Version 2 of the plan expects the way through help too: P-0103's path is direct there, not on version 1."""
    folder = tmp_path / "study"
    v1 = load_plan(write_plan(folder))
    steps, outcome = SCRIPT["P-0103"]
    play(store, v1, clock, "P-0103", 1, steps, outcome)
    both = '''expected_minutes = 4
prototype = { folder = "prototypes/farm", start = "home", goals = ["receipt"], expected_paths = [["home", "form", "sent"], ["home", "help", "form", "sent"]] }
'''
    v2 = load_plan(write_plan(folder, both, version="2-"))
    play(store, v2, clock, "P-0203", 2, steps, outcome)
    (stats,) = collect_study(store, "example-social-card").prototype_tasks
    assert [(a.participant_code, a.summary.outcome) for a in stats.attempts] == [
        ("P-0103", PathOutcome.INDIRECT), ("P-0203", PathOutcome.DIRECT)]


def test_skipped_and_unfinished_tasks_are_not_attempts_and_assisted_outcomes_are_assists(store, clock, tmp_path) -> None:
    study = load_plan(write_plan(tmp_path / "study"))
    steps, _ = SCRIPT["P-0101"]
    play(store, study, clock, "P-0301", 1, steps, Outcome.ASSISTED)  # the facilitator helped: an assist, no hint
    from kiosk.session import SessionEngine
    from prototype_study import to_the_task

    running = SessionEngine.start(store, study, "P-0302", clock, facilitator="F1", participant_number=2)
    to_the_task(running)
    running.prototype.record_tap(running.prototype.navigator().tap(150, 550, 700))  # still running: not an attempt
    (stats,) = collect_study(store, "example-social-card").prototype_tasks
    assert [a.participant_code for a in stats.attempts] == ["P-0301"]
    assert (stats.direct.count, stats.assisted.count, stats.gave_up.count) == (0, 1, 0)


def test_the_report_names_five_paths_and_sums_up_the_rest() -> None:
    paths = [((str(i),), 10 - i) for i in range(8)]
    shown, others, attempts = top_paths(paths)
    assert shown == paths[:5] and (others, attempts) == (3, 5 + 4 + 3)
    assert top_paths(paths[:2]) == (paths[:2], 0, 0)


def test_heatmaps_go_to_the_start_screen_and_to_screens_with_many_misses() -> None:
    from kiosk.prototype.metrics import rate, task_paths
    from kiosk.reports.prototype_dataset import PrototypeTaskStats

    none = rate(0, 0)
    stats = PrototypeTaskStats(TASK, "farm", "home", (), task_paths([]), none, none, none, none,
                               {"form": (3, 6), "help": (3, 20), "home": (0, 5), "sent": (5, 5), "x": (2, 2)})
    # form: 3 of 6 (many); help: 3 of 20 is under a quarter; x: 2 misses are too few; sent first (most misses)
    assert stats.heatmap_screens() == ["home", "sent", "form"]
