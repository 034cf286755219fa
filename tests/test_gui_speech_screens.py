"""Every participant screen, in every language of the demo plan, is read aloud through eSpeak NG (issue 12).

The walk is the one the screenshots and the accessibility audit use (``walk_session``), with the prototype
player and the Stop choice. On each screen what the read-aloud control would say must hold the screen's
main text and its "what happens next" line, and eSpeak NG must turn it into a WAV whose length fits the
number of characters at the rate used (not empty, not cut short, not a runaway).
"""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.qt.participant.widgets import LikertScale
from kiosk.qt.screenshots import walk_session
from kiosk.session.flow import Step
from kiosk.speech import ESPEAK_RATE, Utterance
from kiosk.study.model import QuestionKind

pytestmark = pytest.mark.gui

#: seconds of speech per character at ESPEAK_RATE (140 words a minute): measured 0.069-0.119 on the demo
#: plan's screens in all four languages; the bounds leave room for voices and punctuation pauses
SECONDS_PER_CHAR = (0.035, 0.16)


def _main_texts(window, name: str) -> list[str]:
    """What the screen is about: its headings, and what the participant is asked or told to do."""
    engine = window.bridge.engine
    lang = engine.language
    screen = window.screen_widget
    texts = [label.text() for label in screen.findChildren(QLabel)
             if label.property("role") == "heading" and label.isVisibleTo(screen)]
    if engine.step is Step.QUESTION and not window.overlay:
        question = engine.current_question
        texts.append(question.text.get(lang))
        if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTI_CHOICE):
            texts += [choice.label.get(lang) for choice in question.choices]
        if question.kind is QuestionKind.LIKERT:
            scale = screen.findChild(LikertScale)
            texts += [button.accessibleName() for button in scale.buttons.values()]
            if question.low_label:
                texts.append(f"{question.scale_min}: {question.low_label.get(lang)}")
    if (name.startswith("task-") or name == "prototype-running") and engine.current_task is not None:
        texts += [engine.current_task.title.get(lang), engine.current_task.instructions.get(lang)]
    if name == "consent":
        texts.append(engine.study.consent.easy_read.get(lang))
    if name == "closing":
        texts.append(engine.study.closing.get(lang))
    if name == "help-called":
        texts.append(window.banner_text())
    assert texts, f"{name}: nothing to look for"
    return texts


def _check_screen(window, name: str, folder: Path) -> tuple[int, float]:
    screen = window.screen_widget
    spoken = window.read_aloud.spoken_text()
    for text in _main_texts(window, name):
        assert text in spoken, f"{name}: {text!r} is not read aloud:\n{spoken}"
    hint = screen.next_hint_text()
    assert hint and spoken.rstrip().endswith(hint), f"{name}: no 'what happens next' line at the end:\n{spoken}"
    if screen.shows_next_hint:
        assert screen.next_hint.isVisibleTo(window) and screen.next_hint.text() == hint
        assert screen.next_hint.font().pointSizeF() >= window.theme.min_pt
    else:  # the player: on the task panel, which "Show the task again" opens
        assert hint in screen.task_panel.text.text()
    utterance = Utterance(window.read_aloud.parts(), window.bridge.engine.language)
    folder.mkdir(parents=True)
    seconds = utterance.run(play=False, keep=folder)
    [wav_path] = utterance.played  # no clips recorded: the whole screen in one eSpeak NG run
    with wave.open(str(wav_path)) as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1 and wav.getframerate() >= 16_000
        assert wav.getnframes() / wav.getframerate() == pytest.approx(seconds)
    low, high = (len(spoken) * rate for rate in SECONDS_PER_CHAR)
    assert low <= seconds <= high, f"{name}: {seconds:.1f} s for {len(spoken)} characters at {ESPEAK_RATE} wpm"
    return len(spoken), seconds


#: participant 2's first task is played on the prototype (the walk's "task-running" is the player);
#: participant 1's is done away from the kiosk (the running task's own screen)
WALKS = [("sr-Cyrl", 2), ("sr-Latn", 2), ("en", 2), ("hu", 2), ("en", 1)]


@pytest.mark.parametrize(("lang", "number"), WALKS)
def test_every_screen_is_read_aloud_with_what_happens_next(kiosk, qtbot, clock, lang: str, number: int,
                                                           tmp_path: Path) -> None:
    assert shutil.which("espeak-ng"), "install espeak-ng (bash scripts/setup does it)"
    study = kiosk.console.start_page.studies[0]
    assert lang in study.languages
    kiosk.start_session(study, "P-0120", number, "one_screen", facilitator="F1")
    engine = kiosk.bridge.engine
    engine.choose_language(lang)
    window = kiosk.participant
    window.showNormal()
    window.resize(1280, 800)
    seen: list[str] = []
    for name in walk_session(engine, clock):
        QApplication.processEvents()
        seen.append(name)
        _check_screen(window, name, tmp_path / name)
        if name == "task-running":
            player = type(window.screen_widget).__name__ == "PrototypeScreen"
            assert player == (number == 2)
            window.show_stop_choice()
            QApplication.processEvents()
            _check_screen(window, "stop-choice", tmp_path / "stop-choice")
            window.close_stop_choice()
    assert {"welcome", "consent", "consent-method", "task-instructions", "task-running", "closing", "ended"} <= set(seen)


def test_the_confirmations_and_the_deleted_screen_say_what_happens_next(kiosk, qtbot, tmp_path: Path) -> None:
    """The screens the walk does not reach: declining, deleting, finishing a prototype task, and deleted."""
    from test_prototype_session import _to_prototype_task

    kiosk.start_session(kiosk.console.start_page.studies[0], "P-0121", 2, "one_screen", facilitator="F1")
    engine = kiosk.bridge.engine
    engine.choose_language("hu")
    window = kiosk.participant
    _to_prototype_task(engine, "apply-subsidy")
    window.next_button.click()  # "I have finished" on the player asks first
    assert type(window.screen_widget).__name__ == "FinishConfirmScreen"
    _check_screen(window, "finish-confirm", tmp_path / "finish-confirm")
    for overlay, kind in (("decline", "DeclineConfirmScreen"), ("delete", "DeleteConfirmScreen")):
        window._set_overlay(overlay)  # the window's own way there; the screen is the same over any step
        QApplication.processEvents()
        assert type(window.screen_widget).__name__ == kind
        _check_screen(window, overlay, tmp_path / overlay)
    window.show_stopped("hu")
    screen = window.screen_widget
    assert type(screen).__name__ == "DeletedScreen"
    assert screen.spoken_text().endswith(kiosk.catalog.text("hu", "next.give_back"))
