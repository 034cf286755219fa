"""The study dataset with NASA-TLX (weighted), UMUX-Lite, two plan versions and an abandoned session.

Issue 8: these paths of ``kiosk/reports/dataset.py`` were exercised only by the slow PDF tests, so a
one-line change to them went unnoticed by the domain suite. Four scripted participants run through the
real engine on a real store; every number below is worked out by hand in the comments.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from conftest import consent
from kiosk.metrics import TLX_SCALES, t_quantile
from kiosk.reports.dataset import Estimate, NoSessions, PlanVersion, collect_study, mean_interval
from kiosk.session import Outcome, SessionEngine
from kiosk.study import load_plan_text

PLAN = """\
[study]
id = "tlx-study"
version = "1.0"
title = { en = "TLX study" }
languages = ["en"]

[welcome]
text = { en = "Hello" }

[closing]
text = { en = "Thanks" }

[consent]
version = "1"
options = ["quotes"]
text = { en = "Consent" }
easy_read = { en = "Easy" }
retention = { en = "A year" }
how_to_withdraw = { en = "Say so" }

[[pre_questions]]
id = "group"
kind = "single_choice"
text = { en = "Which group?" }
choices = [{ id = "a", label = { en = "A" } }, { id = "b", label = { en = "B" } }]

[[tasks]]
id = "t1"
title = { en = "First" }
instructions = { en = "Do the first thing" }

[[tasks]]
id = "t2"
title = { en = "Second" }
instructions = { en = "Do the second thing" }

[questionnaires]
after_each_task = ["nasa_tlx"]
after_last_task = ["umux_lite"]
nasa_tlx_weighted = true

[report]
group_by = ["group"]
"""
PAIRS = list(combinations(TLX_SCALES, 2))


def _questions(engine: SessionEngine, answers: dict[str, object]) -> None:
    """Answer the questions on screen from ``answers`` (by question id); skip the others."""
    while (question := engine.current_question) is not None:
        if question.id in answers:
            engine.answer(answers[question.id])
        else:
            engine.skip_question()


def _tlx(task: str, ratings: dict[str, int] | None = None, first_of_each_pair: bool | None = None) -> dict[str, object]:
    answers: dict[str, object] = {f"nasa_tlx:{task}:{s}": v for s, v in (ratings or {}).items()}
    if first_of_each_pair is not None:
        answers |= {f"nasa_tlx_pair:{task}:{a}-{b}": a if first_of_each_pair else b for a, b in PAIRS}
    return answers


def _participant(store, study, clock, code: str, group: str | None, tasks: list[tuple[Outcome, int, dict]],
                 umux: dict[str, object], *, agreed: tuple[str, ...] = (), notes=()) -> SessionEngine:
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine, *agreed)
    if group is None:
        engine.abandon("left early")
        return engine
    engine.answer(group)
    umux_answers = {f"umux_lite:{k}": v for k, v in umux.items()}  # asked right after the last task's
    for number, (outcome, seconds, answers) in enumerate(tasks, start=1):
        assert engine.current_task.id == f"t{number}"
        if outcome is Outcome.SKIPPED:
            engine.skip_task("no time")
            continue
        engine.start_task()
        for text, tags in notes if number == 1 else ():
            engine.add_note(text, tags)
        clock.advance(seconds)
        engine.record_outcome(outcome, "showed where" if outcome is Outcome.ASSISTED else "")
        _questions(engine, answers | umux_answers)
    _questions(engine, umux_answers)
    engine.finish()
    return engine


@pytest.fixture
def results(store, clock):
    S, A, F, K = Outcome.SUCCESS, Outcome.ASSISTED, Outcome.FAILED, Outcome.SKIPPED
    v1 = load_plan_text(PLAN)
    v2 = load_plan_text(PLAN.replace('version = "1.0"', 'version = "2.0"'))
    # P1: t1 ratings sum 150 (raw 25); picks the first of each pair: tallies 5,4,3,2,1,0 -> weighted 450/15 = 30
    _participant(store, v1, clock, "P-1", "a", [
        (S, 60, _tlx("t1", dict(zip(TLX_SCALES, (50, 10, 20, 30, 40, 0))), first_of_each_pair=True)),
        (F, 30, _tlx("t2", dict.fromkeys(TLX_SCALES, 20)))],  # raw 20; no pairs: no weighted score
        {"1": 7, "2": 5}, agreed=("quotes",),  # UMUX-Lite (6 + 4) / 12 = 83.33
        notes=[("I like it", ["quote"]), ("wrong field", ["error", "nav"]), ("plain", [])])
    # P2: only five of six ratings (no raw score), one UMUX item (no UMUX score); quote not agreed: withheld
    _participant(store, v1, clock, "P-2", "b", [
        (A, 120, _tlx("t1", dict(zip(TLX_SCALES[:5], (90,) * 5)), first_of_each_pair=True)),
        (K, 0, {})], {"1": 4}, notes=[("Hard to read", ["quote"]), ("typo", ["error"])])
    # P3 (plan 2.0): all 60 -> raw 60 and weighted 60 (second of each pair: tallies 0..5); 14 pairs only on t2
    pairs_t2 = _tlx("t2", dict.fromkeys(TLX_SCALES, 60), first_of_each_pair=True)
    del pairs_t2["nasa_tlx_pair:t2:effort-frustration"]
    _participant(store, v2, clock, "P-3", "a", [
        (S, 240, _tlx("t1", dict.fromkeys(TLX_SCALES, 60), first_of_each_pair=False)),
        (S, 45, pairs_t2)], {"1": 1, "2": 1})  # UMUX-Lite 0, predicts SUS 22.9
    # P4 (plan 2.0): gives consent, then leaves
    _participant(store, v2, clock, "P-4", None, [], {})
    return collect_study(store, "tlx-study"), v1, v2


def test_sessions_plan_versions_and_languages(results, store) -> None:
    r, v1, v2 = results
    assert (r.participants, r.ended, r.abandoned, r.laptops) == (4, 3, 1, 1)
    assert r.plan_versions == (PlanVersion("1.0", v1.content_hash, 2), PlanVersion("2.0", v2.content_hash, 2))
    assert r.study.version == "2.0"  # the plan of the latest session
    # named inside the folder the plan was loaded from, as on resume, so that its prototypes are found there
    assert r.study.source_path == Path(store.plan_folder(v2.content_hash)) / f"<plan {v2.content_hash[:12]} from the database>"
    assert r.languages == Counter({"en": 4})
    assert [s.record.participant_code for s in r.summaries] == ["P-1", "P-2", "P-3", "P-4"]
    assert r.first_utc == r.summaries[0].started_utc
    assert r.last_utc == max(s.ended_utc or s.started_utc for s in r.summaries) > r.summaries[2].started_utc
    assert r.demographics == {"group": Counter({"a": 2, "b": 1, "": 1})}


def test_no_sus_means_no_grade(results) -> None:
    r, _, _ = results
    assert r.sus_scores == () and r.sus == Estimate(None)
    assert r.sus_grade is None and r.sus_percentile is None


def test_umux_lite_counts_only_complete_pairs_and_is_clipped_to_0_100(results) -> None:
    r, _, _ = results
    assert r.umux.n == 2 and r.umux.value == pytest.approx(((6 + 4) / 12 * 100 + 0) / 2)
    assert (r.umux.low, r.umux.high) == (0, 100)  # two values 83 apart: the t-interval reaches past both ends
    predicted = (0.65 * (10 / 12 * 100) + 22.9 + 22.9) / 2
    assert r.umux_predicted_sus.n == 2 and r.umux_predicted_sus.value == pytest.approx(predicted)
    assert (r.umux_predicted_sus.low, r.umux_predicted_sus.high) == (0, 100)


def test_nasa_tlx_raw_needs_all_six_ratings_and_weighted_all_fifteen_pairs(results) -> None:
    r, _, _ = results
    t1, t2 = r.tasks
    assert (t1.task_id, t2.task_id) == ("t1", "t2")
    assert t1.tlx_raw.n == 2 and t1.tlx_raw.value == pytest.approx((25 + 60) / 2)
    half = t_quantile(0.975, 1) * math.sqrt(((25 - 42.5) ** 2 + (60 - 42.5) ** 2)) / math.sqrt(2)
    assert (t1.tlx_raw.low, t1.tlx_raw.high) == (0, 100) and half > 100
    assert t1.tlx_weighted.n == 2 and t1.tlx_weighted.value == pytest.approx((30 + 60) / 2)
    assert (t1.tlx_weighted.low, t1.tlx_weighted.high) == (0, 100)  # 45 +- 12.7 * 21.2 / 1.41
    assert t2.tlx_raw.n == 2 and t2.tlx_raw.value == pytest.approx((20 + 60) / 2)
    assert t2.tlx_weighted == Estimate(None)  # P1 gave no pairs for t2, P3 gave 14 of 15


def test_task_counts(results) -> None:
    r, _, _ = results
    t1, t2 = r.tasks
    S, A, F, K = Outcome.SUCCESS, Outcome.ASSISTED, Outcome.FAILED, Outcome.SKIPPED
    assert (t1.attempts, t1.successes, t1.assisted, t1.skipped, t1.errors) == (3, 2, 1, 0, 2)
    assert t1.outcomes == Counter({S: 2, A: 1})
    assert t1.completion.value == pytest.approx(2 / 3) and t1.completion.n == 3
    assert t1.time_seconds.value == pytest.approx(120.0) and t1.time_seconds.n == 2  # sqrt(60 * 240)
    assert t1.seq == Estimate(None)  # the plan asks no SEQ
    assert (t2.attempts, t2.successes, t2.assisted, t2.skipped, t2.errors) == (2, 1, 0, 1, 0)
    assert t2.outcomes == Counter({S: 1, F: 1, K: 1})
    assert t2.time_seconds == Estimate(pytest.approx(45.0), None, None, 1)


def test_notes_by_tag_and_withheld_quotes(results) -> None:
    r, _, _ = results
    assert r.withheld_quotes == 1
    assert {tag: [n.text for _, n in notes] for tag, notes in r.notes_by_tag.items()} == {
        "quote": ["I like it"], "error": ["wrong field", "typo"], "nav": ["wrong field"], "untagged": ["plain"]}
    assert [s.record.participant_code for s, _ in r.notes_by_tag["error"]] == ["P-1", "P-2"]


def test_groups_by_the_plans_single_choice_question(results) -> None:
    r, _, _ = results
    a, b = r.groups
    assert (a.question_id, a.choice_id, a.participants) == ("group", "a", 2)
    assert a.completion.value == pytest.approx(3 / 4) and a.completion.n == 4  # P1: S, F; P3: S, S
    assert a.seq == Estimate(None) and a.sus == Estimate(None)
    assert (b.question_id, b.choice_id, b.participants) == ("group", "b", 1)
    assert b.completion.value == 0.0 and b.completion.n == 1  # assisted is not a success; the skip is no attempt


def test_no_sessions_names_the_study_and_the_data_folder(store) -> None:
    with pytest.raises(NoSessions) as caught:
        collect_study(store, "nobody")
    assert str(caught.value) == f"no sessions of study 'nobody' in {store.path}; run sessions or `ux-kiosk simulate` first"


def test_mean_interval_at_99_percent_is_wider() -> None:
    wide = mean_interval([1.0, 2.0, 3.0], confidence=0.99)
    half = t_quantile(0.995, 2) / math.sqrt(3)
    assert (wide.value, wide.n) == (2.0, 3)
    assert wide.low == pytest.approx(2 - half) and wide.high == pytest.approx(2 + half)
    clipped = mean_interval([0.0, 10.0], (2, 8))
    assert (clipped.value, clipped.low, clipped.high) == (5.0, 2, 8)


def test_seq_and_sus_intervals_are_clipped_to_their_scales_in_groups_too(store, clock) -> None:
    """Two participants at opposite ends: every interval reaches past the scale and is cut at its ends."""
    plan = load_plan_text(PLAN.replace('after_each_task = ["nasa_tlx"]', 'after_each_task = ["seq"]')
                          .replace('after_last_task = ["umux_lite"]', 'after_last_task = ["sus"]'))
    S, F = Outcome.SUCCESS, Outcome.FAILED
    # SUS: odd items score (answer - 1), even items (5 - answer), times 2.5: 0 and 100
    for code, seconds, seq, odd, even in (("Q-1", 0.5, 1, 1, 5), ("Q-2", 10, 7, 5, 1)):
        sus = {f"sus:{n}": odd if n % 2 else even for n in range(1, 11)}
        _participant(store, plan, clock, code, "a", [(S, seconds, {"seq:t1": seq} | sus),
                                                     (F, 30, {"seq:t2": seq} | sus)], {})
    r = collect_study(store, "tlx-study")
    assert r.sus_scores == (0.0, 100.0) and r.sus == Estimate(50.0, 0, 100, 2)
    t1, t2 = r.tasks
    assert t1.time_seconds.n == 2 and t1.time_seconds.value == pytest.approx(math.sqrt(0.5 * 10))  # half a second counts
    assert t2.time_seconds == Estimate(None)  # nobody succeeded
    assert t1.seq == Estimate(4.0, 1, 7, 2)
    a, b = r.groups
    assert a.seq == Estimate(4.0, 1, 7, 4) and a.sus == Estimate(50.0, 0, 100, 2)
    assert b.participants == 0 and b.seq == b.sus == Estimate(None)
