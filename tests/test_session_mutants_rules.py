"""The small session rules at their edges: the tap guard, real ink, drafts, new codes, withdrawal by code.

Issue 8: written against the mutants that survived `mutmut` on these modules after the engine was split
(docs/testing.md, "Mutation testing"). Each test states a property the participant or facilitator relies
on, at the exact value where a one-character change (``<`` for ``<=``, ``break`` for ``continue``) shows.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from conftest import consent
from kiosk.session import SessionEngine, Step
from kiosk.session.codes import DEFAULT_CODE_PATTERN, InvalidParticipantCode, generate_code, normalise_code
from kiosk.session.drafts import Draft, question_draft
from kiosk.session.ink import InkMeasure, has_real_ink, measure
from kiosk.session.taps import TapGuard
from kiosk.session.withdrawal import WithdrawalResult, withdraw_participant
from kiosk.store import SessionStatus
from kiosk.study import load_plan_text

# -- the tap guard ------------------------------------------------------------------------------------


class _Clock:
    """Seconds as exact binary fractions, so a guard time is hit exactly, not within a rounding error."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_tap_exactly_at_the_end_of_the_guard_time_is_accepted() -> None:
    clock = _Clock()
    guard = TapGuard(0.5, clock=clock)
    guard.meaning_changed()
    clock.now = 100.25
    assert not guard.accepts_tap()
    clock.now = 100.5  # 0.5 s after the change: the guard is over
    assert guard.accepts_tap()
    assert guard.ignored == 1


def test_every_swallowed_tap_is_counted() -> None:
    clock = _Clock()
    guard = TapGuard(0.5, clock=clock)
    guard.meaning_changed()
    for _ in range(3):
        assert not guard.accepts_tap("next")
    assert guard.ignored == 3


def test_a_control_that_changed_guards_itself_but_not_its_neighbours() -> None:
    clock = _Clock()
    guard = TapGuard(0.5, clock=clock)
    guard.meaning_changed("toggle")  # a toggle just ticked; the screen itself did not change
    clock.now = 100.25
    assert not guard.accepts_tap("toggle")
    assert guard.accepts_tap("next") and guard.accepts_tap()
    assert guard.ignored == 1


def test_ticking_a_control_does_not_end_the_guard_of_a_new_screen() -> None:
    clock = _Clock()
    guard = TapGuard(0.5, clock=clock)
    guard.meaning_changed()  # a new screen
    clock.now = 100.25
    guard.meaning_changed("toggle")
    assert not guard.accepts_tap("next"), "the screen changed 0.25 s ago: a tap on it is still refused"
    clock.now = 101.0
    guard.meaning_changed("toggle")
    guard.meaning_changed()  # a new screen forgets the old screen's controls
    clock.now = 101.5
    assert guard.accepts_tap("toggle")


def test_a_zero_guard_turns_the_guard_off_and_a_negative_one_is_refused() -> None:
    clock = _Clock()
    guard = TapGuard(0.0, clock=clock)
    guard.meaning_changed()
    assert guard.accepts_tap() and guard.ignored == 0
    with pytest.raises(ValueError, match="^a tap guard cannot be negative$"):
        TapGuard(-0.25, clock=clock)


# -- real ink -----------------------------------------------------------------------------------------


def test_ink_exactly_at_the_rule_counts() -> None:
    # 8 mm across, then 7 mm down: 15 mm of ink over 8 mm, the rule's two minimums exactly
    stroke = [[(0.0, 0.0), (8.0, 0.0), (8.0, 7.0)]]
    assert measure(stroke, 1.0) == InkMeasure(15.0, 8.0)
    assert has_real_ink(stroke, 1.0)
    assert not has_real_ink([[(0.0, 0.0), (8.0, 0.0), (8.0, 6.75)]], 1.0)  # 14.75 mm of ink
    assert not has_real_ink([[(0.0, 0.0), (7.75, 0.0), (7.75, 7.25)]], 1.0)  # 15 mm over 7.75 mm


def test_the_extent_is_the_wider_side_of_the_ink_away_from_the_origin() -> None:
    wide = [[(100.0, 200.0), (180.0, 212.0)]]  # 80 px across, 12 px down, at 4 px per mm
    assert measure(wide, 4.0).extent_mm == 20.0
    tall = [[(200.0, 100.0), (212.0, 180.0)]]
    assert measure(tall, 4.0).extent_mm == 20.0


def test_no_ink_measures_nothing() -> None:
    assert measure([], 4.0) == InkMeasure(0.0, 0.0)
    assert measure([[]], 0.5) == InkMeasure(0.0, 0.0)  # fewer than one pixel per mm is still a screen


def test_a_screen_size_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="^px_per_mm must be positive$"):
        measure([[(0.0, 0.0), (1.0, 1.0)]], 0.0)


# -- drafts -------------------------------------------------------------------------------------------


def test_a_draft_round_trips_through_its_payload() -> None:
    assert Draft("x", prefer_not=True).payload() == {"value": "x", "prefer_not": True}
    assert Draft.from_payload({"value": None, "prefer_not": True}) == Draft(None, prefer_not=True)
    assert Draft.from_payload({"value": "50-64", "prefer_not": False}) == Draft("50-64")
    assert Draft.from_payload({"value": "50-64"}) == Draft("50-64", prefer_not=False)


def test_prefer_not_is_stored_and_shown_again_before_it_is_confirmed(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "D-0101", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.save_draft(Draft(prefer_not=True))
    assert store.events(engine.record.id)[-1].payload == {"key": "age_band", "value": None, "prefer_not": True}
    resumed = SessionEngine.resume(store, engine.record.id, clock)
    question = resumed.current_question
    shown = question_draft(resumed.state.drafts, resumed.state.answers, resumed.state.skipped, question)
    assert shown == Draft(None, prefer_not=True)


# -- new participant codes ----------------------------------------------------------------------------


@pytest.mark.parametrize("digits", [3, 4, 5, 6, 7, 8])
def test_a_new_code_fits_a_study_pattern_of_any_common_width(digits: int) -> None:
    pattern = rf"P-\d{{{digits}}}"
    for _ in range(5):
        assert re.fullmatch(pattern, generate_code(pattern=pattern))


def test_a_new_code_takes_the_studys_own_prefix() -> None:
    assert re.fullmatch(r"KS-[2-9]{3}", generate_code(pattern=r"^KS-\d{3}$"))


def test_when_no_shape_fits_the_new_code_is_the_usual_one() -> None:
    """Starting the session with it then says what the study's codes look like."""
    code = generate_code(pattern=r"Q-\d{2}")
    assert re.fullmatch(r"P-[2-9]{4}", code)
    with pytest.raises(InvalidParticipantCode, match=r"is not a participant code of this study: this study's codes"):
        normalise_code(code, r"Q-\d{2}")


def test_a_refused_code_says_what_a_code_looks_like() -> None:
    with pytest.raises(InvalidParticipantCode) as caught:
        normalise_code("P-12345678")
    assert str(caught.value) == ("P-12345678 is not a participant code of this study: one to four letters, an "
                                 "optional '-', then one to six digits, such as P-0042; never type a participant's "
                                 "name")
    assert normalise_code("P-123456", DEFAULT_CODE_PATTERN) == "P-123456"


# -- withdrawal by code -------------------------------------------------------------------------------

OTHER_STUDY = """\
[study]
id = "other-study"
version = "1"
title = { en = "Another study" }
languages = ["en"]

[welcome]
text = { en = "Hello" }

[closing]
text = { en = "Thanks" }

[consent]
version = "1"
text = { en = "Consent" }
easy_read = { en = "Easy" }
retention = { en = "A year" }
how_to_withdraw = { en = "Say so" }

[[tasks]]
id = "t1"
title = { en = "First" }
instructions = { en = "Do it" }
"""


def test_withdrawing_keeps_the_same_code_in_another_study(store, demo_study, clock) -> None:
    other = SessionEngine.start(store, load_plan_text(OTHER_STUDY), "P-0001", clock, facilitator="F1")
    clock.advance(1)
    ours = SessionEngine.start(store, demo_study, "P-0001", clock, facilitator="F1")
    result = withdraw_participant(store, demo_study.id, "P-0001", erase=False, reason="", clock=clock)
    assert result == WithdrawalResult(1, erased=False, files=0)
    assert store.session(ours.record.id).status is SessionStatus.WITHDRAWN
    assert store.session(other.record.id).status is SessionStatus.IN_PROGRESS
    last = store.events(ours.record.id)[-1]
    assert (last.kind, last.payload["reason"]) == ("participant_withdrew", "withdrawn by the facilitator")


def test_the_reason_typed_is_the_reason_recorded(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0002", clock, facilitator="F1")
    withdraw_participant(store, demo_study.id, "P-0002", erase=False, reason="phoned", clock=clock)
    assert store.events(engine.record.id)[-1].payload["reason"] == "phoned"


def test_an_unknown_code_withdraws_nothing(store, demo_study, clock) -> None:
    SessionEngine.start(store, demo_study, "P-0003", clock, facilitator="F1")
    for erase in (False, True):
        assert withdraw_participant(store, demo_study.id, "P-9999", erase=erase, reason="", clock=clock) == \
            WithdrawalResult(0, erased=False, files=0)
    assert [s.status for s in store.sessions()] == [SessionStatus.IN_PROGRESS]


def test_erasing_counts_the_sessions_and_files_it_removed(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0004", clock, facilitator="F1")
    receipts = store.path.parent / "receipts"
    receipts.mkdir()
    (receipts / f"{engine.record.id}.pdf").write_bytes(b"%PDF receipt")
    result = withdraw_participant(store, demo_study.id, "P-0004", erase=True, reason="asked", clock=clock)
    assert result == WithdrawalResult(1, erased=True, files=1)
    assert store.sessions() == [] and not (receipts / f"{engine.record.id}.pdf").exists()


def test_the_open_sessions_engine_is_the_one_that_withdraws(store, demo_study, clock) -> None:
    """The console keeps using ``current``: its state must say withdrawn, and no resume may interrupt it."""
    SessionEngine.start(store, demo_study, "P-0005", clock, facilitator="F1")  # an older session
    clock.advance(1)
    current = SessionEngine.start(store, demo_study, "P-0006", clock, facilitator="F1")
    current.continue_from_welcome()
    withdraw_participant(store, demo_study.id, "P-0006", erase=False, reason="", clock=clock, current=current)
    assert current.step is Step.WITHDRAWN
    kinds = [e.kind for e in store.events(current.record.id)]
    assert kinds == ["session_started", "step_advanced", "participant_withdrew"]


def test_every_session_of_an_old_duplicated_code_is_withdrawn(store, demo_study, clock) -> None:
    """A database from before one code meant one session keeps its duplicates (``duplicate_of``, see
    kiosk/store/schema.py); withdrawal must reach all of them, past one already withdrawn."""
    first = SessionEngine.start(store, demo_study, "P-0007", clock, facilitator="F1")
    clock.advance(1)
    later = SessionEngine.start(store, demo_study, "P-0008", clock, facilitator="F1")
    later.withdraw("earlier request")
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE sessions SET participant_code = 'P-0007', duplicate_of = ? WHERE id = ?",
                     (first.record.id, later.record.id))
    conn.close()
    result = withdraw_participant(store, demo_study.id, "P-0007", erase=False, reason="", clock=clock)
    assert result == WithdrawalResult(2, erased=False)
    assert store.session(first.record.id).status is SessionStatus.WITHDRAWN
    assert [e.kind for e in store.events(later.record.id)].count("participant_withdrew") == 1


# -- clocks -------------------------------------------------------------------------------------------


def test_a_simulated_clock_may_stand_still_but_never_go_back() -> None:
    from datetime import UTC, datetime

    from kiosk.session.clock import SimulatedClock

    clock = SimulatedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    clock.advance(0)
    assert clock.monotonic_ns() == 0
    with pytest.raises(ValueError, match="^a clock cannot go backwards$"):
        clock.advance(-0.001)
    clock.advance(1.5)
    assert clock.monotonic_ns() == 1_500_000_000
    assert clock.utc_now() == datetime(2026, 11, 2, 9, 0, 1, 500000, tzinfo=UTC)


def test_the_system_clock_is_utc_and_every_run_has_its_own_epoch() -> None:
    from datetime import timedelta

    from kiosk.session.clock import SystemClock

    first, second = SystemClock(), SystemClock()
    assert isinstance(first.epoch, str) and first.epoch and first.epoch != second.epoch
    assert first.utc_now().utcoffset() == timedelta(0)
    assert first.monotonic_ns() <= second.monotonic_ns()


def test_the_simulated_clock_never_rounds_up() -> None:
    from datetime import UTC, datetime

    from kiosk.session.clock import SimulatedClock

    clock = SimulatedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    clock.advance(1.2345678915)
    assert clock.monotonic_ns() == 1_234_567_891
    assert clock.utc_now() == datetime(2026, 11, 2, 9, 0, 1, 234567, tzinfo=UTC)


@pytest.mark.parametrize("raw", ["MARKO", "Marko Petrović 1", "P_0042", "P-" + "1" * 23, "", None, 42])
def test_the_rules_for_every_code_hold_whatever_the_studys_pattern(raw) -> None:
    """A study's pattern narrows codes; it never lets a name, a space or an overlong code through."""
    with pytest.raises(InvalidParticipantCode, match="^a participant code uses letters A–Z, digits and '-'"):
        normalise_code(raw, r".+")


def test_a_one_character_code_is_a_code_if_the_study_says_so() -> None:
    assert normalise_code(" 7 ", r"\d+") == "7"


def test_the_longest_code_is_24_characters_and_a_refusal_names_the_studys_pattern() -> None:
    longest = "P-" + "1" * 22
    assert normalise_code(longest.lower(), r".+") == longest
    with pytest.raises(InvalidParticipantCode) as caught:
        normalise_code(longest + "1", r"P-\d+")
    assert str(caught.value) == ("a participant code uses letters A–Z, digits and '-': this study's codes match "
                                 r"P-\d+ (see the plan; the usual form is such as P-0042); never type a "
                                 "participant's name")
