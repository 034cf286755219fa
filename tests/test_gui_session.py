"""A full demo session run by clicking the participant screens and the facilitator console (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from conftest import consent
from kiosk.session import Step
from kiosk.session.summary import summarize
from kiosk.study.model import ConsentOption
from kiosk.store import SessionStatus

pytestmark = pytest.mark.gui


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"cannot click {widget.accessibleName()!r}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def start(kiosk, qtbot, code: str = "P-0042") -> None:
    page = kiosk.console.start_page
    qtbot.keyClicks(page.facilitator_edit, "F-07")
    qtbot.keyClicks(page.code_edit, code)
    click(qtbot, page.start_button)
    assert kiosk.bridge is not None, page.error_label.text()
    kiosk.participant.showNormal()
    kiosk.participant.resize(1280, 800)


def test_full_demo_session_by_clicking(kiosk, qtbot, store, clock) -> None:
    start(kiosk, qtbot)
    p = kiosk.participant
    console = kiosk.console.session_page
    engine = kiosk.bridge.engine
    assert engine.step is Step.WELCOME and kiosk.console.isHidden()  # one-screen mode hands the device over

    click(qtbot, p.language_buttons["sr-Latn"])
    assert p.next_button.text() == "Počni" and engine.language == "sr-Latn"
    click(qtbot, p.next_button)
    assert engine.step is Step.CONSENT
    click(qtbot, p.next_button)  # read the consent text
    assert engine.step is Step.CONSENT_OPTIONS and not p.next_button.isEnabled()  # nothing ticked by default
    options = p.screen_widget.choices.buttons
    assert not any(button.isChecked() for button in options.values())
    click(qtbot, options["audio"])
    assert not p.next_button.isEnabled()  # taking part itself is still needed
    click(qtbot, options["take_part"])
    click(qtbot, options["quotes"])
    click(qtbot, p.next_button)
    assert engine.step is Step.CONSENT_REVIEW
    click(qtbot, p.next_button)  # "Ovo je tačno"
    assert engine.step is Step.CONSENT_METHOD
    click(qtbot, p.screen_widget.methods.buttons["signature"])
    pad = p.screen_widget.pad
    assert pad.isVisible() and not p.next_button.isEnabled()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 60))
    for x in range(50, 300, 25):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 50)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 80))
    assert p.next_button.isEnabled()
    click(qtbot, p.next_button)
    assert engine.permits(ConsentOption.AUDIO) and engine.permits(ConsentOption.QUOTES)
    assert not engine.permits(ConsentOption.SCREEN)
    saved = store.consent_record(engine.record.id)
    assert saved.method == "signature" and saved.signature_png.startswith(b"\x89PNG") and saved.facilitator == "F-07"
    assert saved.language == "sr-Latn" and saved.script == "Latn"

    # Pre-session questions: Next waits for an answer; Back returns to the previous question.
    assert not p.next_button.isEnabled()
    click(qtbot, p.screen_widget.choices.buttons["65-74"])
    click(qtbot, p.next_button)
    click(qtbot, p.back_button)
    assert p.screen_widget.choices.buttons["65-74"].isChecked()  # the earlier answer is shown again
    click(qtbot, p.screen_widget.choices.buttons["75-plus"])
    click(qtbot, p.next_button)
    click(qtbot, p.screen_widget.skip_button)  # "I prefer not to answer" is a choice like the others...
    click(qtbot, p.next_button)  # ...confirmed with Next
    for choice in ("phone", "computer"):
        click(qtbot, p.screen_widget.choices.buttons[choice])
    click(qtbot, p.next_button)

    outcomes = ["success", "assisted", "partial", "failed", "gave_up"]
    for number, outcome in enumerate(outcomes, start=1):
        assert engine.step is Step.INSTRUCTIONS and engine.task_number == number
        click(qtbot, p.next_button)  # "Spreman/na sam da počnem"
        assert engine.step is Step.RUNNING
        clock.advance(30)
        if number == 1:
            click(qtbot, p.help_button)
            assert p.banner.isVisible() and "Pomoć stiže" in p.banner.text()
            asked: list[str] = []
            kiosk.pin_prompt = lambda: asked.append("2468") or kiosk.pin_lock.check("2468").accepted
            qtbot.keyClick(p, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            assert kiosk.console.isVisible() and p.isHidden() and asked  # the shortcut too asks for the PIN
            click(qtbot, console.pause_button)
            clock.advance(100)
            click(qtbot, console.pause_button)  # resume
            console.tag_buttons[next(iter(console.tag_buttons))].setChecked(True)
            console.note_edit.setText("Traži dugme Dalje")  # QTest cannot type non-ASCII keys
            qtbot.keyClick(console.note_edit, Qt.Key.Key_Return)
            assert console.note_edit.text() == ""
            click(qtbot, console.show_participant_button)
            assert p.isVisible() and kiosk.console.isHidden()
        clock.advance(30)
        click(qtbot, p.next_button)  # "Završio/la sam"
        if p.overlay == "finish":  # a prototype task asks "Da li ste završili ovaj zadatak?" first
            click(qtbot, p.screen_widget.yes)
        assert engine.step is Step.OUTCOME and p.next_button.isHidden()
        kiosk.take_back()  # one screen: the facilitator takes the device back to record the outcome
        from kiosk.session import Outcome

        if outcome == "assisted":
            click(qtbot, console.outcome_buttons[Outcome.ASSISTED])
            assert "what help was given" in console.message_label.text()
            qtbot.keyClicks(console.assistance_edit, "Pokazan meni")
        click(qtbot, console.outcome_buttons[Outcome(outcome)])
        assert engine.step is Step.QUESTION and engine.current_question.instrument == "seq"
        click(qtbot, console.show_participant_button)
        click(qtbot, p.screen_widget.scale.buttons[7 - number])
        click(qtbot, p.next_button)

    for item in range(10):
        click(qtbot, p.screen_widget.scale.buttons[5 if item % 2 == 0 else 1])
        click(qtbot, p.next_button)
    click(qtbot, p.screen_widget.choices.buttons["no"])
    click(qtbot, p.next_button)
    click(qtbot, p.screen_widget.skip_button)  # nothing else to tell: "I prefer not to answer"
    click(qtbot, p.next_button)
    assert engine.step is Step.CLOSING
    click(qtbot, p.next_button)
    assert engine.step is Step.ENDED
    assert p.next_button.isHidden() and p.help_button.isHidden()

    record = store.session(engine.record.id)
    assert record.status is SessionStatus.ENDED
    summary = summarize(record, store.events(record.id))
    assert summary.answers["age_band"] == "75-plus"
    assert "eservice_use" not in summary.answers
    assert summary.answers["devices"] == ["phone", "computer"]
    assert [t.outcome.value for t in summary.tasks] == outcomes
    assert [t.seq for t in summary.tasks] == [6, 5, 4, 3, 2]
    first = summary.tasks[0]
    assert first.active_seconds == pytest.approx(60) and first.paused_seconds == pytest.approx(100)
    assert first.help_requests == 1
    assert summary.tasks[1].assistance == "Pokazan meni"
    assert summary.sus_responses() == [5, 1] * 5
    assert summary.answers["would_use"] == "no"
    assert summary.notes[0].text == "Traži dugme Dalje" and summary.notes[0].tags == ("confusion",)
    assert summary.language == "sr-Latn"
    assert console.timeline.count() == len(store.events(record.id))


def test_console_keyboard_shortcuts_drive_a_task(kiosk, qtbot, clock) -> None:
    start(kiosk, qtbot, "P-0043")
    engine = kiosk.bridge.engine
    engine.continue_from_welcome()
    consent(engine)
    for value in ("18-34", "alone", ["tablet"]):
        engine.answer(value)
    console = kiosk.console.session_page
    kiosk.console.show()
    kiosk.console.activateWindow()
    qtbot.keyClick(kiosk.console, Qt.Key.Key_F5)
    assert engine.step is Step.RUNNING
    qtbot.keyClick(kiosk.console, Qt.Key.Key_F6)
    assert engine.step is Step.PAUSED
    qtbot.keyClick(kiosk.console, Qt.Key.Key_F6)
    assert engine.step is Step.RUNNING
    qtbot.keyClick(kiosk.console, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert console.tag_buttons[next(iter(console.tag_buttons))].isChecked()
    qtbot.keyClick(kiosk.console, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert engine.step is Step.QUESTION


def test_invalid_code_is_refused_with_a_message(kiosk, qtbot) -> None:
    page = kiosk.console.start_page
    page.facilitator_edit.setText("F-07")
    page.code_edit.setText("Marko Petrović")  # QTest cannot type non-ASCII keys
    click(qtbot, page.start_button)
    assert kiosk.bridge is None
    assert page.error_label.text() == kiosk.catalog.text("en", "error.code_format_default")


def test_a_code_cannot_take_part_twice_in_one_study(kiosk, qtbot) -> None:
    start(kiosk, qtbot, "P-0050")
    kiosk.new_session()
    page = kiosk.console.start_page
    page.code_edit.setText("p-0050")
    click(qtbot, page.start_button)
    assert "already took part" in page.error_label.text()


def test_take_back_needs_the_pin_via_shortcut_or_hidden_corner(kiosk, qtbot, monkeypatch) -> None:
    start(kiosk, qtbot, "P-0044")
    assert kiosk.console.isHidden()
    answers = iter(["1357", "2468"])
    kiosk.pin_prompt = lambda: kiosk.pin_lock.check(next(answers)).accepted
    for _ in range(4):
        qtbot.mouseClick(kiosk.participant.corner, Qt.MouseButton.LeftButton)
    assert kiosk.console.isHidden()  # four taps are not enough
    qtbot.mouseClick(kiosk.participant.corner, Qt.MouseButton.LeftButton)
    assert kiosk.console.isHidden()  # five taps, wrong PIN
    for _ in range(5):
        qtbot.mouseClick(kiosk.participant.corner, Qt.MouseButton.LeftButton)
    assert kiosk.console.isVisible() and kiosk.participant.isHidden()
    click(qtbot, kiosk.console.session_page.show_participant_button)
    assert kiosk.participant.isVisible() and kiosk.console.isHidden()


def test_two_screen_mode_without_a_second_screen_says_so(kiosk, qtbot) -> None:
    page = kiosk.console.start_page
    page.two_screens.setChecked(True)
    qtbot.keyClicks(page.facilitator_edit, "F-07")
    qtbot.keyClicks(page.code_edit, "P-0045")
    click(qtbot, page.start_button)
    # the 800x800 test screen is too small for both windows: the participant view has it to itself
    assert kiosk.console.isHidden() and kiosk.participant.isVisible()
    assert "Only one screen" in kiosk.console.session_page.message_label.text()


def test_interrupted_session_is_offered_and_resumed_at_its_step(qtbot, store, demo_study, clock) -> None:
    from kiosk.i18n import default_catalog
    from kiosk.qt.controller import KioskController
    from kiosk.session import SessionEngine
    from kiosk.theme import load_theme

    crashed = SessionEngine.start(store, demo_study, "P-0046", clock, facilitator="F1")
    crashed.continue_from_welcome()
    consent(crashed)
    crashed.answer("35-49")
    controller = KioskController(store, [demo_study], [], default_catalog(), "en", load_theme(), clock=clock,
                                 pin_prompt=lambda: True)
    qtbot.addWidget(controller.console, before_close_func=lambda w: w.allow_close())
    qtbot.addWidget(controller.participant, before_close_func=lambda window: window.allow_close())
    page = controller.console.start_page
    assert not page.resume_banner.isHidden()
    assert "P-0046" in page.resume_label.text()
    qtbot.mouseClick(page.resume_banner_button, Qt.MouseButton.LeftButton)
    engine = controller.bridge.engine
    assert engine.step is Step.QUESTION and engine.current_question.id == "eservice_use"
    assert controller.participant.screen_widget.question.id == "eservice_use"
    controller.bridge = None  # its heartbeat must not outlive this test's database


def test_the_hidden_corner_counts_taps_on_the_very_corner_of_the_screen(kiosk, qtbot) -> None:
    """A facilitator aims for the corner itself; the corner button sat inside the window's 8 mm margin, so
    taps on the outermost pixels (issue 8 new-user run) fell on the blank window and did nothing."""
    from PySide6.QtCore import QPoint

    start(kiosk, qtbot, "P-0046")
    kiosk.pin_prompt = lambda: kiosk.pin_lock.check("2468").accepted
    participant = kiosk.participant
    assert participant.corner.geometry().left() > 0  # the button itself does not reach the corner
    for _ in range(5):
        qtbot.mouseClick(participant, Qt.MouseButton.LeftButton, pos=QPoint(1, 1))
    assert kiosk.console.isVisible() and participant.isHidden()


def test_a_tap_on_the_blank_window_far_from_the_corner_is_not_a_corner_tap(kiosk, qtbot) -> None:
    from PySide6.QtCore import QPoint

    start(kiosk, qtbot, "P-0047")
    asked: list[bool] = []
    kiosk.pin_prompt = lambda: asked.append(True) or False
    participant = kiosk.participant
    corner = participant.corner.geometry()
    away = QPoint(corner.right() + 5, participant.height() - 3)  # blank bottom margin
    for _ in range(5):
        qtbot.mouseClick(participant, Qt.MouseButton.LeftButton, pos=away)
    assert asked == [] and participant.isVisible()


def test_stop_pressed_then_taken_back_is_in_the_timeline(kiosk, qtbot, store) -> None:
    """Found by a new user (issue 8): a participant who pressed Stop by mistake and went back left no trace,
    so the facilitator could not tell why the task took longer or ask about it afterwards. Both moments are
    logged; pressing Stop twice in a row logs one offer."""
    start(kiosk, qtbot, "P-0048")
    participant = kiosk.participant
    engine = kiosk.bridge.engine
    click(qtbot, participant.next_button)  # past the welcome screen: Stop shows from consent on
    assert participant.stop_button.isVisible()
    click(qtbot, participant.stop_button)
    participant.show_stop_choice()  # a second press (a double tap) while the choice is already on screen
    assert participant.overlay == "stop"
    click(qtbot, participant.screen_widget.cancel)  # "go back and continue"
    assert participant.overlay is None and engine.state.status is SessionStatus.IN_PROGRESS
    kinds = [e.kind for e in store.events(engine.record.id)]
    assert kinds[-2:] == ["stop_offered", "stop_cancelled"]
    assert kinds.count("stop_offered") == 1
    from kiosk.i18n import default_catalog
    from kiosk.session.describe import describe_event

    texts = [describe_event(default_catalog(), "en", e, engine.study) for e in store.events(engine.record.id)[-2:]]
    assert texts == ["Participant pressed Stop", "Participant went back and continued"]
