"""The one-line regressions named in issue 8 ("Tests that guard what they claim"), one explicit test each.

A hand-made mutation check found that only 2 of these 10 changes made any test fail. Each test names
the change it catches; `mutmut` (docs/testing.md) checks the rest of the domain the same way.
"""

from __future__ import annotations

import pytest

from conftest import consent
from kiosk.reports.dataset import collect_study
from kiosk.resources import demo_plan_path
from kiosk.session import Outcome, SessionEngine, Step
from kiosk.session.codes import InvalidParticipantCode, normalise_code
from kiosk.session.events import EventKind
from kiosk.session.withdrawal import withdraw_participant
from kiosk.store import SessionStatus, Store
from kiosk.study import load_plan_text

DEMO = demo_plan_path().read_text(encoding="utf-8")
PRE_ANSWERS = ("65-74", "never", ["phone", "tablet"])


def _to_first_task(engine: SessionEngine, *agreed: str) -> None:
    engine.continue_from_welcome()
    consent(engine, *agreed)
    for value in PRE_ANSWERS:
        engine.answer(value)
    assert engine.step is Step.INSTRUCTIONS


def _full_session(store, study, clock, code: str, outcome_for, seconds_for, sus) -> SessionEngine:
    """One participant through every task and the SUS; ``outcome_for(n)`` and ``seconds_for(n)`` per task."""
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1")
    _to_first_task(engine)
    for number in range(1, len(study.tasks) + 1):
        engine.start_task()
        clock.advance(seconds_for(number))
        engine.record_outcome(outcome_for(number), "showed the menu" if outcome_for(number) is Outcome.ASSISTED else "")
        engine.answer(5)  # SEQ
    for value in sus:
        engine.answer(value)
    engine.answer("with-help")
    engine.answer("Bigger letters")  # anything else to tell us
    engine.finish()
    assert store.session(engine.record.id).status is SessionStatus.ENDED
    return engine


# -- store -----------------------------------------------------------------------------------------------


def test_every_commit_is_synced_synchronous_full_in_wal(store: Store) -> None:
    """Catches synchronous=FULL -> OFF (or NORMAL): a confirmed event could be lost on power loss."""
    for opened in (store, Store(store.path)):  # a fresh database and a reopened one
        with opened.write() as conn:
            assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # 2 = FULL
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_deleted_content_is_zeroed_secure_delete_on(store: Store) -> None:
    """Catches secure_delete ON -> OFF: erased participants' bytes would stay in free pages."""
    with store.write() as conn:
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1


# -- session ---------------------------------------------------------------------------------------------


def test_a_second_pause_adds_to_the_first(store, demo_study, clock) -> None:
    """Catches a second pause replacing the paused time of the first (and its time leaking into task time)."""
    engine = SessionEngine.start(store, demo_study, "P-0101", clock, facilitator="F1")
    _to_first_task(engine)
    engine.start_task()
    clock.advance(10)
    engine.pause_task()
    clock.advance(100)
    engine.resume_task()
    clock.advance(20)
    engine.pause_task()
    clock.advance(200)
    engine.resume_task()
    clock.advance(30)
    assert engine.task_active_seconds() == pytest.approx(60)
    engine.record_outcome(Outcome.SUCCESS)
    outcome = [e for e in store.events(engine.record.id) if e.kind == EventKind.OUTCOME_RECORDED.value][-1]
    assert (outcome.payload["active_ns"], outcome.payload["paused_ns"]) == (60 * 10**9, 300 * 10**9)


@pytest.mark.parametrize(("raw", "accepted"), [
    ("P-1", True), ("P1", True), ("ABCD-123456", True), ("  p-0042 ", True),
    ("ABCDE-1", False), ("P-1234567", False), ("PETAR-PETROVIC-1", False), ("P-" + "1" * 30, False),
])
def test_participant_code_shape_and_length(raw: str, accepted: bool) -> None:
    """Catches the code rules loosening (a long or name-like code is how a name with a digit gets in)."""
    if accepted:
        assert normalise_code(raw) == raw.strip().upper()
    else:
        with pytest.raises(InvalidParticipantCode, match="never type a participant's name"):
            normalise_code(raw)


def test_withdrawing_twice_keeps_one_withdrawal(store, demo_study, clock) -> None:
    """Catches withdrawal losing its idempotence: the second request must neither fail nor write again."""
    engine = SessionEngine.start(store, demo_study, "W-0001", clock, facilitator="F1")
    _to_first_task(engine)
    for _ in range(2):
        result = withdraw_participant(store, demo_study.id, "W-0001", erase=False, reason="phoned", clock=clock)
        assert (result.sessions, result.erased) == (1, False)
    kinds = [e.kind for e in store.events(engine.record.id)]
    assert kinds.count(EventKind.PARTICIPANT_WITHDREW.value) == 1
    assert store.session(engine.record.id).status is SessionStatus.WITHDRAWN


# -- reports dataset -------------------------------------------------------------------------------------


def test_time_on_task_counts_successful_attempts_only(store, demo_study, clock) -> None:
    """Catches time on task taken from all attempts: a failed 10-minute attempt is not a task time."""
    sus = [4, 2] * 5
    _full_session(store, demo_study, clock, "T-0001", lambda n: Outcome.SUCCESS, lambda n: 60, sus)
    _full_session(store, demo_study, clock, "T-0002", lambda n: Outcome.FAILED, lambda n: 600, sus)
    _full_session(store, demo_study, clock, "T-0003", lambda n: Outcome.ASSISTED, lambda n: 900, sus)
    results = collect_study(store, demo_study.id)
    for task in results.tasks:
        assert (task.attempts, task.successes) == (3, 1)
        assert task.time_seconds.value == pytest.approx(60) and task.time_seconds.n == 1


def test_sus_is_scored_with_the_plans_standard_rule(store, demo_study, clock) -> None:
    """Catches every session scored as all-positive SUS: [4, 2] x 5 is 75 by Brooke's rule, 50 all-positive."""
    assert demo_study.options.sus_version == "standard"
    _full_session(store, demo_study, clock, "S-0001", lambda n: Outcome.SUCCESS, lambda n: 60, [4, 2] * 5)
    _full_session(store, demo_study, clock, "S-0002", lambda n: Outcome.SUCCESS, lambda n: 60, [5, 1] * 5)
    results = collect_study(store, demo_study.id)
    assert results.sus_scores == (75.0, 100.0) and results.sus.value == pytest.approx(87.5)


def test_quotes_are_withheld_when_the_plan_does_not_offer_quoting(store, clock) -> None:
    """Catches quotes allowed when the option was never offered (no answer is not a yes)."""
    plan = load_plan_text(DEMO.replace('"quotes", ', ""))
    assert "quotes" not in [o.value for o in plan.consent.options]
    engine = SessionEngine.start(store, plan, "Q-0101", clock, facilitator="F1")
    _to_first_task(engine, "audio")
    engine.start_task()
    engine.add_note("I never saw that button", ["quote"])
    engine.add_note("looked for the menu", ["confusion"])
    results = collect_study(store, plan.id)
    assert results.withheld_quotes == 1 and "quote" not in results.notes_by_tag
    assert [n.text for _, n in results.notes_by_tag["confusion"]] == ["looked for the menu"]
