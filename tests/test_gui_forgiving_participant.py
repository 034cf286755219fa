"""A participant screen that forgives: double taps, stray touches and language switches never lose a
task, fake a consent or delete data (issue 7, items 1-7 and the read-aloud error). Real widgets, 1280x800."""

from __future__ import annotations

import pytest
from conftest import consent, unexpected_pin_prompt
from PySide6.QtCore import QPoint, Qt

from kiosk.qt.style import px_to_mm
from kiosk.session import Step
from kiosk.session.taps import TapGuard
from kiosk.store import SessionStatus

pytestmark = pytest.mark.gui


class ManualClock:
    """The tap guard's clock: moves only when the test says a finger waited."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def taps(kiosk) -> ManualClock:
    clock = ManualClock()
    kiosk.participant.tap_guard = TapGuard(0.5, clock=clock)
    return clock


def tap(qtbot, widget) -> None:
    assert widget.isVisible(), f"cannot see {widget.accessibleName()!r}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def deliberate(qtbot, taps, widget) -> None:
    """A tap after the participant has looked at the screen for a second."""
    taps.wait(1.0)
    tap(qtbot, widget)


def double_tap(qtbot, taps, widget) -> None:
    """Two taps 0.18 s apart on the same spot, as an older hand does on a touchscreen: the second lands
    on whatever is under the finger by then (the same button, or what replaced it)."""
    window = widget.window()
    spot = widget.mapTo(window, widget.rect().center())
    taps.wait(1.0)
    tap(qtbot, widget)
    taps.wait(0.18)
    target = window.childAt(spot)
    if target is not None:
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, spot))


def begin(kiosk, code: str, lang: str = "en"):
    kiosk.start_session(kiosk.console.start_page.studies[0], code, 1, "one_screen", facilitator="F-07")
    kiosk.participant.showNormal()
    kiosk.participant.resize(1280, 800)
    engine = kiosk.bridge.engine
    if lang != engine.language:
        engine.choose_language(lang)
    return engine


def to_first_task(engine) -> None:
    engine.continue_from_welcome()
    consent(engine)
    for value in ("65-74", "never", ["phone"]):
        engine.answer(value)


def draw(qtbot, pad, points) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for point in points[1:-1]:
        qtbot.mouseMove(pad, QPoint(*point))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


# -- item 1: a double tap on "I'm ready to start" ------------------------------------------------------

def test_double_tap_on_ready_starts_the_task_and_does_not_end_it(kiosk, qtbot, taps) -> None:
    engine = begin(kiosk, "F-0001")
    to_first_task(engine)
    p = kiosk.participant
    double_tap(qtbot, taps, p.next_button)
    assert engine.step is Step.RUNNING  # "I'm done" now sits where the finger was; the second tap is ignored
    assert p.tap_guard.ignored == 1
    deliberate(qtbot, taps, p.next_button)
    assert engine.step is Step.RUNNING  # "I have finished" asks first
    deliberate(qtbot, taps, p.screen_widget.yes)
    assert engine.step is Step.OUTCOME


# -- item 2: a tap on the signature pad is not a signature ----------------------------------------------

def test_a_touch_on_the_signature_pad_gives_no_consent(kiosk, qtbot, taps) -> None:
    engine = begin(kiosk, "F-0002")
    p = kiosk.participant
    engine.continue_from_welcome()
    engine.read_consent()
    deliberate(qtbot, taps, p.screen_widget.choices.buttons["take_part"])
    deliberate(qtbot, taps, p.next_button)
    deliberate(qtbot, taps, p.next_button)
    assert engine.step is Step.CONSENT_METHOD
    deliberate(qtbot, taps, p.screen_widget.methods.buttons["signature"])
    screen = p.screen_widget
    qtbot.mouseClick(screen.pad, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))  # an accidental touch
    assert not p.next_button.isEnabled() and screen.preview.isHidden()
    draw(qtbot, screen.pad, [(100, 100), (104, 102)])  # a slip of the finger
    assert not p.next_button.isEnabled()
    draw(qtbot, screen.pad, [(60, 60), (120, 140), (200, 90), (300, 150)])
    assert p.next_button.isEnabled() and screen.preview.isVisible()  # real ink, shown as it will be stored
    deliberate(qtbot, taps, screen.clear)
    assert not p.next_button.isEnabled() and screen.preview.isHidden()


# -- item 3: language switches keep what was chosen -------------------------------------------------------

def test_language_switch_keeps_ticks_seq_choice_and_the_stop_screen(kiosk, qtbot, taps) -> None:
    engine = begin(kiosk, "F-0003", "sr-Cyrl")
    p = kiosk.participant
    engine.continue_from_welcome()
    engine.read_consent()
    for option in ("take_part", "audio"):
        deliberate(qtbot, taps, p.screen_widget.choices.buttons[option])
    deliberate(qtbot, taps, p.language_buttons["en"])
    assert engine.language == "en"
    assert sorted(p.screen_widget.choices.selected()) == ["audio", "take_part"]
    deliberate(qtbot, taps, p.back_button)
    deliberate(qtbot, taps, p.next_button)  # read the text again
    assert sorted(p.screen_widget.choices.selected()) == ["audio", "take_part"] and p.next_button.isEnabled()

    deliberate(qtbot, taps, p.stop_button)
    deliberate(qtbot, taps, p.language_buttons["sr-Latn"])
    assert engine.language == "sr-Latn" and p.screen_widget.keep.isVisible()  # still asking about Stop
    deliberate(qtbot, taps, p.screen_widget.cancel)
    assert engine.step is Step.CONSENT_OPTIONS

    engine.choose_consent_options({o.value: o.value == "take_part" for o in engine.study.consent.options})
    engine.confirm_consent_choices()
    from kiosk.simulate import mark_png
    from kiosk.study.model import ConsentMethod
    engine.give_consent(ConsentMethod.MARK, mark_png())
    for value in ("65-74", "never", ["phone"]):
        engine.answer(value)
    engine.start_task()
    from kiosk.session import Outcome
    engine.record_outcome(Outcome.SUCCESS)
    deliberate(qtbot, taps, p.screen_widget.scale.buttons[6])
    deliberate(qtbot, taps, p.language_buttons["en"])
    assert p.screen_widget.scale.value() == 6 and p.next_button.isEnabled()


# -- item 4: two steps for what cannot be undone; "prefer not" is a choice; Back once per tap ------------

def test_declining_takes_two_steps_and_says_what_happened(kiosk, qtbot, taps, store) -> None:
    engine = begin(kiosk, "F-0004")
    p = kiosk.participant
    engine.continue_from_welcome()
    engine.read_consent()
    double_tap(qtbot, taps, p.screen_widget.decline)
    assert engine.state.status is SessionStatus.IN_PROGRESS  # only the question, nothing ended
    confirm = p.screen_widget
    safe, final = confirm.no, confirm.yes
    assert safe.mapTo(p, QPoint(0, 0)).y() < final.mapTo(p, QPoint(0, 0)).y()  # the safe choice comes first
    deliberate(qtbot, taps, safe)
    assert engine.step is Step.CONSENT_OPTIONS
    deliberate(qtbot, taps, p.screen_widget.decline)
    deliberate(qtbot, taps, p.screen_widget.yes)
    assert engine.state.status is SessionStatus.ABANDONED
    shown = p.scroll_area.widget().findChildren(type(p.banner))
    assert any(label.text() == kiosk.catalog.text("en", "flow.declined_done") for label in shown)


def test_stop_and_delete_takes_two_steps_far_apart_and_says_it_was_deleted(kiosk, qtbot, taps, store) -> None:
    engine = begin(kiosk, "F-0005", "sr-Cyrl")
    p = kiosk.participant
    engine.continue_from_welcome()
    consent(engine)
    deliberate(qtbot, taps, p.stop_button)
    stop = p.screen_widget
    gap = stop.delete.mapTo(p, QPoint(0, 0)).y() - (stop.keep.mapTo(p, QPoint(0, 0)).y() + stop.keep.height())
    assert px_to_mm(gap, p.screen()) >= 20  # "delete" is far from "keep", not 15 px below it
    double_tap(qtbot, taps, stop.delete)
    assert store.session(engine.record.id).status is SessionStatus.IN_PROGRESS  # asked, not deleted
    confirm = p.screen_widget
    assert confirm.no.mapTo(p, QPoint(0, 0)).y() < confirm.yes.mapTo(p, QPoint(0, 0)).y()
    with qtbot.waitSignal(kiosk.erasure_service().erasure_finished, timeout=30_000):  # the ordered worker
        deliberate(qtbot, taps, confirm.yes)
    assert [s for s in store.sessions() if s.participant_code == "F-0005"] == []
    shown = p.scroll_area.widget().findChildren(type(p.banner))
    assert any(label.text() == kiosk.catalog.text("sr-Cyrl", "flow.stopped_deleted") for label in shown)


def test_prefer_not_is_a_choice_and_back_goes_back_once(kiosk, qtbot, taps) -> None:
    engine = begin(kiosk, "F-0006")
    p = kiosk.participant
    engine.continue_from_welcome()
    consent(engine)
    p.refresh()
    deliberate(qtbot, taps, p.screen_widget.skip_button)
    assert engine.current_question.id == "age_band" and p.next_button.isEnabled()  # chosen, not yet sent
    deliberate(qtbot, taps, p.next_button)
    deliberate(qtbot, taps, p.screen_widget.choices.buttons["never"])
    deliberate(qtbot, taps, p.next_button)
    assert engine.current_question.id == "devices"
    double_tap(qtbot, taps, p.back_button)
    assert engine.current_question.id == "eservice_use"  # one question back, not two
    deliberate(qtbot, taps, p.back_button)
    assert engine.current_question.id == "age_band"
    assert p.screen_widget.skip_button.isChecked()  # the earlier "prefer not to answer" is shown as chosen


# -- item 5: exclusive choices ------------------------------------------------------------------------

def test_none_clears_the_devices_and_a_device_clears_none(kiosk, qtbot, taps) -> None:
    engine = begin(kiosk, "F-0007")
    p = kiosk.participant
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("65-74")
    engine.answer("never")
    p.refresh()
    buttons = p.screen_widget.choices.buttons
    deliberate(qtbot, taps, buttons["phone"])
    deliberate(qtbot, taps, buttons["none"])
    assert p.screen_widget.choices.selected() == ["none"]
    deliberate(qtbot, taps, buttons["computer"])
    assert p.screen_widget.choices.selected() == ["computer"]
    deliberate(qtbot, taps, p.next_button)
    assert engine.state.answers["devices"] == ["computer"]


# -- item 6: a failure is told to the participant, calmly, in their language ------------------------------

def test_a_failed_action_in_one_screen_mode_tells_the_participant(kiosk, qtbot, taps, store, monkeypatch) -> None:
    from kiosk.store.db import StoreError

    engine = begin(kiosk, "F-0008", "sr-Cyrl")
    p = kiosk.participant

    def full_disk(*_args, **_kwargs):
        raise StoreError("database or disk is full")

    monkeypatch.setattr(store, "append_event", full_disk)
    deliberate(qtbot, taps, p.next_button)
    assert engine.step is Step.WELCOME
    assert p.banner.isVisible() and p.banner.text() == kiosk.catalog.text("sr-Cyrl", "flow.action_failed")
    assert "disk is full" in kiosk.console.session_page.message_label.text()  # the detail is the facilitator's


# -- item 7: scrolling is visible, a disabled Next explains itself, nothing moves -------------------------

def test_consent_text_shows_there_is_more_and_a_wide_scrollbar(kiosk, qtbot, taps) -> None:
    engine = begin(kiosk, "F-0009", "sr-Cyrl")
    p = kiosk.participant
    engine.continue_from_welcome()
    p.refresh()
    bar = p.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert px_to_mm(bar.width(), p.screen()) >= 10
    assert p.more_hint.isVisible()
    deliberate(qtbot, taps, p.more_hint)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    assert p.more_hint.isHidden()


def test_tapping_a_disabled_next_says_what_is_missing(kiosk, qtbot, taps) -> None:
    engine = begin(kiosk, "F-0010")
    p = kiosk.participant
    engine.continue_from_welcome()
    engine.read_consent()
    assert not p.next_button.isEnabled()
    deliberate(qtbot, taps, p.next_button)
    assert p.banner.isVisible() and p.banner.text() == kiosk.catalog.text("en", "flow.next_needs_consent")


def test_stop_and_bottom_buttons_keep_their_places_and_sus_answers_do_not_move(kiosk, qtbot, taps) -> None:
    engine = begin(kiosk, "F-0011", "sr-Cyrl")
    p = kiosk.participant
    places = set()

    def place() -> None:
        qtbot.waitUntil(lambda: p.next_button.width() > 0)
        places.add(tuple((b.mapTo(p, QPoint(0, 0)), b.size().toTuple())
                         for b in (p.stop_button, p.back_button, p.help_button, p.next_button)))

    place()
    engine.continue_from_welcome()
    place()
    consent(engine)
    place()
    to_tasks = ("65-74", "never", ["phone"])
    for value in to_tasks:
        engine.answer(value)
    place()
    engine.start_task()
    place()
    assert len(places) == 1, places
    from kiosk.session import Outcome
    for _ in range(5):
        engine.record_outcome(Outcome.SUCCESS)
        engine.answer(4)
        if engine.step is Step.INSTRUCTIONS:
            engine.start_task()
    rows = set()
    while engine.step is Step.QUESTION and engine.current_question.instrument == "sus":
        scale = p.screen_widget.scale
        qtbot.waitUntil(lambda s=scale: s.height() > 0)
        rows.add(scale.mapTo(p, QPoint(0, 0)).y())
        engine.answer(3)
    assert len(rows) == 1, rows


# -- item 13 (part): the read-aloud error ------------------------------------------------------------------

def test_read_aloud_failure_is_calm_for_the_participant_and_detailed_for_the_facilitator(kiosk, qtbot) -> None:
    engine = begin(kiosk, "F-0012", "sr-Cyrl")
    p = kiosk.participant
    engine.continue_from_welcome()
    p._on_speech_failed("PortAudio library not found; connect a speaker")
    assert p.banner.text() == kiosk.catalog.text("sr-Cyrl", "flow.no_speaker_calm")
    assert "PortAudio" in kiosk.console.session_page.message_label.text()


# -- a whole session, every participant button double-tapped ------------------------------------------------

@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
@pytest.mark.parametrize("lang", ["sr-Cyrl", "en"])
def test_a_whole_session_by_double_taps_moves_one_step_per_tap(kiosk, qtbot, taps, store, clock, lang, size) -> None:
    from kiosk.session import Outcome
    from kiosk.session.events import EventKind

    from conftest import KIOSK_PIN

    kiosk.pin_prompt = lambda: kiosk.pin_lock.check(KIOSK_PIN).accepted  # the facilitator types the PIN
    kiosk.start_session(kiosk.console.start_page.studies[0], "F-0100", 1, "one_screen", facilitator="F-07")
    p = kiosk.participant
    p.showNormal()
    p.resize(*size)
    engine = kiosk.bridge.engine
    console = kiosk.console.session_page

    def actions() -> list[str]:
        return [e.kind for e in store.events(engine.record.id) if e.kind != EventKind.DRAFT_SAVED]

    def twice(widget, expect: Step | None = None) -> None:
        before = len(actions())
        double_tap(qtbot, taps, widget)
        assert len(actions()) - before <= 1, actions()[before:]  # one tap's worth of action, never two
        if expect is not None:
            assert engine.step is expect

    twice(p.language_buttons[lang])
    assert engine.language == lang
    twice(p.next_button, Step.CONSENT)
    twice(p.next_button, Step.CONSENT_OPTIONS)
    twice(p.screen_widget.choices.buttons["take_part"])
    assert p.screen_widget.choices.selected() == ["take_part"]  # the second tap did not untick it
    twice(p.next_button, Step.CONSENT_REVIEW)
    twice(p.next_button, Step.CONSENT_METHOD)
    twice(p.screen_widget.methods.buttons["mark"])
    draw(qtbot, p.screen_widget.pad, [(60, 60), (160, 160), (60, 160), (160, 60)])
    twice(p.next_button, Step.QUESTION)
    for choice in ("65-74", "never", "tablet"):
        question = engine.current_question.id
        twice(p.screen_widget.choices.buttons[choice])
        assert choice in p.screen_widget.choices.selected()
        twice(p.next_button)
        assert engine.current_question is None or engine.current_question.id != question
    assert engine.state.answers["devices"] == ["tablet"]
    for number in range(1, 6):
        twice(p.next_button, Step.RUNNING)
        if number == 1:
            twice(p.help_button)
            assert actions().count(EventKind.HELP_REQUESTED) == 1
        clock.advance(20)
        twice(p.next_button)
        if p.overlay == "finish":  # a prototype task asks "Have you finished this task?" first
            twice(p.screen_widget.yes)
        assert engine.step is Step.OUTCOME
        kiosk.take_back()
        qtbot.mouseClick(console.outcome_buttons[Outcome.SUCCESS], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(console.show_participant_button, Qt.MouseButton.LeftButton)
        assert engine.current_question.instrument == "seq"
        twice(p.screen_widget.scale.buttons[6])
        twice(p.next_button)
    assert actions().count(EventKind.TASK_ENDED) == 5
    sus_items = 0
    while engine.step is Step.QUESTION and engine.current_question.instrument == "sus":
        twice(p.screen_widget.scale.buttons[4])
        if sus_items == 3:
            twice(p.next_button)
            twice(p.back_button)  # back once to check; the answer is there
            assert p.screen_widget.scale.value() == 4
        twice(p.next_button)
        sus_items += 1
    assert sus_items == 10
    twice(p.screen_widget.choices.buttons["alone"])
    twice(p.next_button)
    assert engine.current_question.id == "anything_else"
    twice(p.screen_widget.skip_button)  # "I prefer not to answer": the second tap does not untick it
    assert p.screen_widget.skip_button.isChecked()
    twice(p.next_button, Step.CLOSING)
    twice(p.next_button, Step.ENDED)
    summary_events = actions()
    assert summary_events.count(EventKind.TASK_STARTED) == 5 and summary_events.count(EventKind.SESSION_ENDED) == 1
    assert p.tap_guard.ignored > 30  # every second tap was absorbed, none became a second action


def test_unconfirmed_ticks_and_typed_choice_survive_a_crash_and_resume(kiosk, qtbot, taps, store, demo_study,
                                                                        clock) -> None:
    from kiosk.i18n import default_catalog
    from kiosk.qt.controller import KioskController
    from kiosk.theme import load_theme

    engine = begin(kiosk, "F-0013", "sr-Cyrl")
    p = kiosk.participant
    engine.continue_from_welcome()
    engine.read_consent()
    for option in ("take_part", "quotes"):
        deliberate(qtbot, taps, p.screen_widget.choices.buttons[option])
    session_id = engine.record.id
    # the process dies here; a new app on the same database resumes the session
    again = KioskController(store, [demo_study], [], default_catalog(), "en", load_theme(), clock=clock,
                            pin_prompt=unexpected_pin_prompt)
    qtbot.addWidget(again.console, before_close_func=lambda w: w.allow_close())
    # closed at teardown without asking for the PIN: a real PIN dialog there waits for a person forever
    qtbot.addWidget(again.participant, before_close_func=lambda window: window.allow_close())
    try:
        again.resume_session(session_id)
        screen = again.participant.screen_widget
        assert sorted(screen.choices.selected()) == ["quotes", "take_part"]
        assert again.participant.next_button.isEnabled()
    finally:
        again.bridge = None  # as the kiosk fixture does: its heartbeat must not outlive this test's database


def test_typed_answer_survives_a_language_switch(kiosk, qtbot, taps) -> None:
    from kiosk.resources import demo_plan_path
    from kiosk.study import load_plan_text

    text = demo_plan_path().read_text(encoding="utf-8").replace("[[tasks]]", '''[[pre_questions]]
id = "job"
kind = "text"
text = { sr-Cyrl = "Чиме се бавите?", en = "What do you do?", hu = "Mivel foglalkozik?" }

[[tasks]]''', 1)
    study = load_plan_text(text, "plan.toml")
    kiosk.start_session(study, "F-0014", 1, "one_screen", facilitator="F-07")
    p = kiosk.participant
    p.showNormal()
    p.resize(1280, 800)
    engine = kiosk.bridge.engine
    engine.continue_from_welcome()
    consent(engine)
    for value in ("65-74", "never", ["phone"]):
        engine.answer(value)
    assert engine.current_question.id == "job"
    qtbot.keyClicks(p.screen_widget.text_input, "farmer")
    assert p.next_button.isEnabled()
    deliberate(qtbot, taps, p.language_buttons["sr-Latn"])
    assert p.screen_widget.text_input.text() == "farmer" and p.next_button.isEnabled()
    deliberate(qtbot, taps, p.next_button)
    assert engine.state.answers["job"] == "farmer"


@pytest.mark.parametrize("lang", ["sr-Cyrl", "en"])
def test_confirmation_and_last_screens_meet_the_accessibility_checks(kiosk, qtbot, taps, lang) -> None:
    from PySide6.QtWidgets import QApplication

    from test_gui_accessibility import _check_screen

    engine = begin(kiosk, "F-0015", lang)
    p = kiosk.participant
    engine.continue_from_welcome()
    engine.read_consent()
    p.refresh()
    problems = []

    def check(name: str) -> None:
        QApplication.processEvents()
        problems.extend(_check_screen(p, name, p.theme.min_pt))

    deliberate(qtbot, taps, p.screen_widget.decline)
    check("decline-confirm")
    deliberate(qtbot, taps, p.screen_widget.no)
    deliberate(qtbot, taps, p.stop_button)
    check("stop")
    deliberate(qtbot, taps, p.screen_widget.delete)
    check("delete-confirm")
    with qtbot.waitSignal(kiosk.erasure_service().erasure_finished, timeout=30_000):  # the ordered worker
        deliberate(qtbot, taps, p.screen_widget.yes)
    check("deleted")
    assert problems == [], "\n".join(problems)


def test_the_second_click_of_a_hand_over_does_not_reach_the_participant_screen(kiosk, qtbot, taps) -> None:
    """Found by a new user: double-clicking "Show participant screen" let the second click land on the
    participant's Back, which sits in the same corner, and sent the participant back a question."""
    from conftest import KIOSK_PIN

    engine = begin(kiosk, "F-0400")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("65-74")
    assert engine.state.question_index == 1
    kiosk.pin_prompt = lambda: kiosk.pin_lock.check(KIOSK_PIN).accepted
    taps.wait(5.0)
    kiosk.take_back()
    qtbot.waitUntil(kiosk.console.isVisible)
    taps.wait(5.0)  # the facilitator works on the console for a while
    qtbot.mouseClick(kiosk.console.session_page.show_participant_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(kiosk.participant.isVisible)
    taps.wait(0.18)  # the second click of the double click, now on the participant's Back
    tap(qtbot, kiosk.participant.back_button)
    assert engine.state.question_index == 1 and engine.step is Step.QUESTION
