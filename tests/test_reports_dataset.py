"""Study results computed from three scripted participants, checked number by number.

The slow report tests render PDFs from 30 simulated participants; these fast ones pin each statistic
the report prints (written against the mutants that survived `mutmut` on kiosk/reports/dataset.py).
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from conftest import consent
from kiosk.session.order import balanced_latin_square
from kiosk.metrics import completion_interval, t_quantile
from kiosk.reports.dataset import Estimate, NoSessions, collect_study, mean_interval
from kiosk.resources import demo_plan_path
from kiosk.session import Outcome, SessionEngine
from kiosk.study import load_plan_text


def test_mean_interval_by_hand() -> None:
    assert mean_interval([]) == Estimate(None)
    assert mean_interval([5.0]) == Estimate(5.0, None, None, 1)
    half = t_quantile(0.975, 2) * 1.0 / math.sqrt(3)  # values 1, 2, 3: mean 2, sd 1
    assert half == pytest.approx(2.484, abs=1e-3)
    assert mean_interval([1.0, 2.0, 3.0]) == Estimate(2.0, pytest.approx(2 - half), pytest.approx(2 + half), 3)
    assert mean_interval([1.0, 2.0, 3.0], (1, 7)) == Estimate(2.0, 1, pytest.approx(2 + half), 3)
    assert mean_interval([6.0, 7.0, 7.0], (1, 7)).high == 7
    narrow = mean_interval([1.0, 2.0, 3.0], confidence=0.80)
    assert 2 - half < narrow.low < 2 < narrow.high < 2 + half


def _participant(store, study, clock, code, age, use, outcomes, seconds, seqs, sus, *, help_on=(), errors_on=()):
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.choose_language("en") if code.endswith("2") else None
    engine.continue_from_welcome()
    consent(engine)
    for value in (age, use, ["phone"]):
        engine.answer(value)
    for number, task in enumerate(study.tasks, start=1):
        assert engine.current_task.id == engine.record.task_order[number - 1]
        outcome = outcomes[number - 1]
        if outcome is Outcome.SKIPPED:
            engine.skip_task("no time")
            continue
        engine.start_task()
        if number in help_on:
            engine.request_help()
        if number in errors_on:
            engine.add_note("typed the date wrong", ["error"])
        clock.advance(seconds[number - 1])
        engine.record_outcome(outcome, "showed where" if outcome is Outcome.ASSISTED else "")
        engine.answer(seqs[number - 1]) if seqs[number - 1] else engine.skip_question()
    for value in sus:
        engine.answer(value)
    engine.answer("with-help")
    engine.skip_question()  # anything else to tell us: "I prefer not to answer"
    engine.finish()
    return engine


def test_task_and_study_statistics(store, demo_study, clock) -> None:
    with pytest.raises(NoSessions, match=r"^no sessions of study 'demo-farm-subsidy' in .*simulate"):
        collect_study(store, demo_study.id)
    S, A, F, K = Outcome.SUCCESS, Outcome.ASSISTED, Outcome.FAILED, Outcome.SKIPPED
    p1 = _participant(store, demo_study, clock, "A-0001", "65-74", "never", [S, S, S, S, S], [60, 60, 60, 60, 60],
                      [6, 6, 6, 6, 6], [4, 2] * 5, help_on=(1,), errors_on=(1,))
    _participant(store, demo_study, clock, "A-0002", "65-74", "alone", [A, S, F, K, S], [90, 240, 30, 0, 45],
                 [4, 7, 2, None, 5], [5, 1] * 5, help_on=(1, 2), errors_on=(1, 3))
    _participant(store, demo_study, clock, "A-0003", "18-34", "never", [F, S, S, S, S],
                 [300, 60, 60, 60, 60], [1, 5, 5, 5, None], [3] * 10)
    other = load_plan_text(demo_plan_path().read_text(encoding="utf-8").replace(
        'id = "demo-farm-subsidy"', 'id = "other-study"'))
    _participant(store, other, clock, "A-0001", "18-34", "alone", [F] * 5, [9] * 5, [1] * 5, [1] * 10)
    r = collect_study(store, demo_study.id)
    assert (r.participants, r.ended, r.abandoned, r.laptops) == (3, 3, 0, 1)
    assert r.plan_versions[0].version == demo_study.version and r.plan_versions[0].sessions == 3
    assert r.plan_versions[0].content_hash == demo_study.content_hash
    assert r.sus_scores == (75.0, 100.0, 50.0) and r.sus.value == 75.0 and r.sus.n == 3
    assert r.sus.low == pytest.approx(75 - t_quantile(0.975, 2) * 25 / math.sqrt(3)) and r.sus.high == 100
    assert r.sus_grade == "B" and r.sus_percentile == pytest.approx(70 + 10 * 0.9 / 3.1)
    assert r.languages == Counter({"sr-Cyrl": 2, "en": 1})
    assert r.first_utc == r.summaries[0].started_utc and r.last_utc == r.summaries[-1].ended_utc
    assert r.demographics["age_band"] == Counter({"65-74": 2, "18-34": 1})
    assert r.demographics["eservice_use"] == Counter({"never": 2, "alone": 1})
    assert [len(r.notes_by_tag["error"]), r.withheld_quotes] == [3, 0]
    by_id = {t.task_id: t for t in r.tasks}
    # tasks are named by the plan's order; participants met them in their own (counterbalanced) order
    def stats_of(engine, number):
        return by_id[engine.record.task_order[number - 1]]
    first = stats_of(p1, 1)
    assert first.attempts == 3 and first.skipped == 0
    assert first.task_id == p1.record.task_order[0]
    assert r.tasks == tuple(by_id[t.id] for t in demo_study.tasks)
    groups = {(g.question_id, g.choice_id): g for g in r.groups}
    older = groups[("age_band", "65-74")]
    assert (older.participants, older.completion.value, older.completion.n) == (2, 7 / 9, 9)
    assert older.seq.value == pytest.approx(48 / 9) and older.seq.n == 9 and older.sus.value == 87.5
    assert older.sus.high == 100 and older.seq.high <= 7
    young = groups[("age_band", "18-34")]
    assert (young.participants, young.completion.value, young.seq.value) == (1, 4 / 5, 4.0)
    assert young.sus == Estimate(50.0, None, None, 1)
    never, alone = groups[("eservice_use", "never")], groups[("eservice_use", "alone")]
    assert (never.participants, never.completion.value, never.sus.value) == (2, 9 / 10, 62.5)
    assert never.seq.value == pytest.approx(46 / 9)
    assert (alone.participants, alone.completion.value, alone.seq.value, alone.sus.value) == (1, 0.5, 4.5, 100.0)
    empty = [g for g in r.groups if g.participants == 0]
    assert empty and all(g.completion == g.seq == g.sus == Estimate(None) for g in empty)


def test_the_tasks_numbers_are_the_reports_numbers(store, demo_study, clock) -> None:
    """One task, every outcome: completion counts unassisted successes only; skips are not attempts."""
    S, A, F, K = Outcome.SUCCESS, Outcome.ASSISTED, Outcome.FAILED, Outcome.SKIPPED
    plan = [(S, 60, 6), (A, 90, 4), (F, 300, 1), (K, 0, None), (S, 240, None)]
    engines = []
    for n, (outcome, seconds, seq) in enumerate(plan, start=1):
        # the same task order for all: the Latin square repeats every len(square) participants, numbers are unique
        number = 1 + (n - 1) * len(balanced_latin_square(len(demo_study.tasks)))
        engine = SessionEngine.start(store, demo_study, f"B-{n:04d}", clock, facilitator="F1", participant_number=number)
        engine.continue_from_welcome()
        consent(engine)
        for value in ("65-74", "never", ["phone"]):
            engine.answer(value)
        if outcome is K:
            engine.skip_task("no time")
        else:
            engine.start_task()
            engine.request_help() if n == 2 else None
            engine.add_note("wrong field", ["error"]) if n in (2, 3) else None
            engine.add_note("I would never find this", ["quote"]) if n in (1, 2) else None
            engine.add_note("plain") if n == 1 else None
            clock.advance(seconds)
            engine.record_outcome(outcome, "showed where" if outcome is A else "")
            engine.answer(seq) if seq else engine.skip_question()
        engines.append(engine)
    task_id = engines[0].record.task_order[0]
    results = collect_study(store, demo_study.id)
    assert results.withheld_quotes == 2 and "quote" not in results.notes_by_tag  # nobody agreed to be quoted
    assert [n.text for _, n in results.notes_by_tag["untagged"]] == ["plain"]
    t = next(t for t in results.tasks if t.task_id == task_id)
    assert (t.attempts, t.successes, t.assisted, t.skipped, t.help_requests, t.errors) == (4, 2, 1, 1, 1, 2)
    assert t.outcomes == Counter({S: 2, A: 1, F: 1, K: 1})
    low, high = completion_interval(2, 4)
    assert t.completion == Estimate(0.5, low, high, 4)
    geometric = math.sqrt(60 * 240)
    assert t.time_seconds.value == pytest.approx(geometric) and t.time_seconds.n == 2
    assert t.time_seconds.low < geometric < t.time_seconds.high
    assert t.seq == mean_interval([6.0, 4.0, 1.0], (1, 7)) and t.seq.low == 1
    assert t.tlx_raw == Estimate(None) and t.tlx_weighted == Estimate(None)
    others = [s for s in collect_study(store, demo_study.id).tasks if s.task_id != task_id]
    assert all(s.attempts == 0 and s.completion == Estimate(None) and s.errors == 0 for s in others)
