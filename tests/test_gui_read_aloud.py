"""The participant window's read-aloud control (issue 12): one place on every screen, reads and stops, reads
each new screen by itself when the facilitator chose so, stops when the screen, the language or the session
changes, prefers a recorded clip, and says plainly when there is no voice.

Speech is real: eSpeak NG writes the audio; where it is played, it goes to ALSA's null device
(tests/audio_support.py). A reading that must still be running when it is stopped is a very long text,
so eSpeak NG is still writing it when the stop comes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from audio_support import synthetic_audio  # noqa: F401 (a fixture)
from conftest import consent
from kiosk.qt.participant.screens import QuestionScreen, StopScreen
from kiosk.qt.participant.screens.prototype import PrototypeScreen
from kiosk.qt.screenshots import sample_answer, walk_session
from kiosk.session import Step
from kiosk.session.access import AccessSettings
from kiosk.speech import Part
from kiosk.speech_clips import clip_path, write_wav
from kiosk.study import load_plan
from test_prototype_session import _to_prototype_task
from test_speech_voices import espeak_without_hungarian  # noqa: F401 (a fixture)

pytestmark = pytest.mark.gui

LONG = "Participation is voluntary and you can stop at any moment without giving a reason. " * 400


def _start(kiosk, lang: str = "en", read_aloud: bool = False, study=None, number: int = 1):
    study = study or kiosk.console.start_page.studies[0]
    kiosk.start_session(study, "P-0130", number, "one_screen", facilitator="F1",
                        access=AccessSettings(read_aloud=read_aloud))
    engine = kiosk.bridge.engine
    if lang != engine.language:
        engine.choose_language(lang)
    return engine, kiosk.participant


def _long_reading(window, qtbot):
    """A reading still under way: eSpeak NG is writing a very long text."""
    utterance = window.voice.say([Part(LONG)], window.bridge.engine.language)
    qtbot.waitUntil(lambda: utterance.process is not None, timeout=20_000)
    assert window.read_aloud.button.accessibleName() == "Stop reading"
    return utterance, utterance.process


def _assert_stopped(qtbot, window, utterance, process, read_anew: bool = False) -> None:
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=20_000)
    assert process.returncode < 0, "eSpeak NG is killed, not left to finish"
    assert utterance.stopped and window.voice.speaker.current is not utterance
    assert read_anew or not window.voice.speaking()
    qtbot.waitUntil(lambda: utterance.played == [] or not utterance.played[0].parent.exists(), timeout=20_000)
    assert window.bridge is None or window.banner_text() == ""  # a stop is no failure: nothing to tell


def test_the_control_is_in_the_same_place_on_every_screen_and_named_in_each_language(kiosk, clock) -> None:
    engine, window = _start(kiosk)
    window.showNormal()
    window.resize(1280, 800)
    button = window.read_aloud.button
    assert window.header.indexOf(button) == window.header.indexOf(window.stop_button) + 1
    names = {"en": "Read aloud", "sr-Cyrl": "Прочитај наглас", "sr-Latn": "Pročitaj naglas", "hu": "Felolvasás"}
    for lang, name in names.items():
        engine.choose_language(lang)
        QApplication.processEvents()
        assert button.accessibleName() == name and button.isEnabled()
        assert not button.icon().isNull()  # the speaker, whether or not the word fits beside it
    places = set()
    for _name in walk_session(engine, clock):
        QApplication.processEvents()
        assert button.isVisibleTo(window)
        places.add((button.mapTo(window, QPoint(0, 0)).toTuple(), button.size().toTuple()))
    assert len(places) == 1, places


def test_pressing_reads_the_screen_and_pressing_while_reading_stops(kiosk, qtbot, synthetic_audio) -> None:  # noqa: F811
    engine, window = _start(kiosk)
    button = window.read_aloud.button
    with qtbot.waitSignal(window.voice.utterance_ended, timeout=30_000) as ended:
        button.click()
    utterance = ended.args[0]
    assert [part.text for part in utterance.parts] == [part.text for part in window.read_aloud.parts()]
    assert engine.study.title.get("en") in utterance.parts[0].text and not utterance.stopped
    assert len(utterance.played) == 1 and not utterance.played[0].exists()  # played, then its file removed
    utterance, process = _long_reading(window, qtbot)
    button.click()
    _assert_stopped(qtbot, window, utterance, process)
    assert button.accessibleName() == "Read aloud"


def test_a_new_screen_stops_the_reading(kiosk, qtbot) -> None:
    engine, window = _start(kiosk)
    utterance, process = _long_reading(window, qtbot)
    engine.continue_from_welcome()
    assert engine.step is Step.CONSENT
    _assert_stopped(qtbot, window, utterance, process)


def test_stop_stops_the_reading(kiosk, qtbot) -> None:
    engine, window = _start(kiosk)
    engine.continue_from_welcome()
    utterance, process = _long_reading(window, qtbot)
    window.stop_button.click()
    assert isinstance(window.screen_widget, StopScreen)
    _assert_stopped(qtbot, window, utterance, process)


def test_the_end_of_the_session_stops_the_reading(kiosk, qtbot) -> None:
    _engine, window = _start(kiosk)
    utterance, process = _long_reading(window, qtbot)
    window.show_stopped("en")  # after erasure: the session is gone
    _assert_stopped(qtbot, window, utterance, process)
    assert not window.read_aloud.button.isVisibleTo(window)


def test_each_new_screen_is_read_once_by_itself(kiosk, qtbot, synthetic_audio) -> None:  # noqa: F811
    engine, window = _start(kiosk, read_aloud=True)
    read_aloud = window.read_aloud
    said: list[object] = []
    window.voice.utterance_ended.connect(said.append)
    first = read_aloud.auto_readings  # the welcome, in Serbian, then in English: 2
    assert first == 2
    engine.continue_from_welcome()
    assert read_aloud.auto_readings == first + 1
    consent(engine)  # read, options, review, method: four more screens
    assert read_aloud.auto_readings == first + 5 and isinstance(window.screen_widget, QuestionScreen)
    screen = window.screen_widget
    shown = read_aloud.spoken_text()
    qtbot.waitUntil(lambda: bool(said) and said[-1].parts[0].text == shown.split("\n")[0], timeout=30_000)
    assert not said[-1].stopped  # the question was read to its end
    choice = next(iter(screen.choices.buttons.values())) if screen.choices else None
    if choice is not None:
        choice.click()  # a draft: the same screen, not read again
    engine.set_access(AccessSettings(text_size=125, read_aloud=True))  # an aid changed: the same screen rebuilt
    assert read_aloud.auto_readings == first + 5 and window.screen_widget is not screen
    engine.answer(sample_answer(engine.current_question))  # Next: a new screen
    assert read_aloud.auto_readings == first + 6


def test_turning_reading_on_reads_the_screen_shown(kiosk, qtbot) -> None:
    engine, window = _start(kiosk)
    window.voice.play = False
    assert window.read_aloud.auto_readings == 0
    engine.continue_from_welcome()
    assert window.read_aloud.auto_readings == 0
    with qtbot.waitSignal(window.voice.utterance_ended, timeout=30_000) as ended:
        engine.set_access(AccessSettings(read_aloud=True))
    assert window.read_aloud.auto_readings == 1
    assert ended.args[0].parts[0].text == kiosk.catalog.text("en", "participant.consent_title")
    engine.set_access(AccessSettings(text_size=150, read_aloud=True))
    assert window.read_aloud.auto_readings == 1


def test_a_language_change_stops_the_reading_and_reads_the_screen_anew(kiosk, qtbot) -> None:
    engine, window = _start(kiosk, read_aloud=True)
    window.voice.play = False
    utterance, process = _long_reading(window, qtbot)
    before = window.read_aloud.auto_readings
    window.language_buttons["hu"].click()
    _assert_stopped(qtbot, window, utterance, process, read_anew=True)
    assert window.read_aloud.auto_readings == before + 1
    current = window.voice.speaker.current
    if current is not None:  # it may already have ended: then it was the last one to end
        assert current.lang == "hu"
    assert window.read_aloud.spoken_text().startswith(engine.study.title.get("hu"))


def test_a_clip_recorded_for_a_text_is_played_instead_of_espeak(kiosk, qtbot, demo_study, tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(demo_study.source_path.parent, folder)
    study = load_plan(folder / demo_study.source_path.name)
    title = study.title.get("en")
    clip = write_wav(clip_path(folder, "en", title), b"\x00\x08" * 8_000, 16_000)  # half a second
    _engine, window = _start(kiosk, study=study)
    window.voice.play = False
    with qtbot.waitSignal(window.voice.utterance_ended, timeout=30_000) as ended:
        window.read_aloud.button.click()
    utterance = ended.args[0]
    assert utterance.parts[0].text == title and utterance.parts[0].clip == clip
    recorded, synthesised = utterance.played
    assert recorded == clip and clip.exists()  # the clip is played as it is, and kept
    assert synthesised != clip and not synthesised.exists()  # the rest came from eSpeak NG, then was removed


def test_no_voice_for_the_language_is_said_plainly(espeak_without_hungarian, kiosk, qtbot) -> None:  # noqa: F811
    engine, window = _start(kiosk, read_aloud=True)
    with qtbot.waitSignal(kiosk.bridge.speech_problem, timeout=10_000) as failed:
        window.language_buttons["hu"].click()
    assert failed.args[0].startswith("The text cannot be read aloud: no voice for hu")
    assert window.banner_text() == kiosk.catalog.text("hu", "flow.no_speaker_calm")
    button = window.read_aloud.button
    assert not button.isEnabled() and button.accessibleName() == "Nincs hang"
    engine.continue_from_welcome()  # told once: the facilitator knows, and the control says it on every screen
    assert not button.isEnabled() and window.banner_text() == ""


def test_no_speaker_is_said_to_the_facilitator_and_calmly_to_the_participant(kiosk, qtbot, monkeypatch) -> None:
    import sounddevice as sd

    def no_output(*_args, **_kwargs):
        raise ValueError("No output device matching")

    monkeypatch.setattr(sd, "query_devices", no_output)
    _engine, window = _start(kiosk, lang="sr-Cyrl")
    with qtbot.waitSignal(kiosk.bridge.speech_problem, timeout=30_000) as failed:
        window.read_aloud.button.click()
    assert failed.args[0] == ("The text cannot be read aloud: no speaker or headphones found; "
                              "connect one and try again")
    assert window.banner_text() == kiosk.catalog.text("sr-Cyrl", "flow.no_speaker_calm")
    assert not window.voice.speaking() and window.read_aloud.button.accessibleName() == "Прочитај наглас"


def test_the_text_size_buttons_are_not_read_before_the_welcome(kiosk, qtbot) -> None:
    """"Smaller text. Larger text." was the first thing heard on the welcome screen; they are controls for the
    eye, like the language buttons, and Read aloud says the screen's words."""
    engine, window = _start(kiosk)
    said = window.read_aloud.spoken_text().splitlines()
    assert engine.study.title.get("en") in said[0]
    assert not {"Smaller text", "Larger text"} & set(said)


def test_the_player_reads_its_task_not_the_picture_and_reads_the_task_shown_again(kiosk, qtbot) -> None:
    engine, window = _start(kiosk, read_aloud=True)
    window.voice.play = False
    _to_prototype_task(engine, "apply-subsidy")
    screen = window.screen_widget
    assert isinstance(screen, PrototypeScreen)
    task = engine.current_task
    assert [part.text for part in window.read_aloud.parts()] == [
        task.title.get("en"), task.instructions.get("en"), screen.next_hint_text()]
    said: list[object] = []
    window.voice.utterance_ended.connect(said.append)
    screen.task_button.click()  # "Show the task again"
    qtbot.waitUntil(lambda: any(len(u.parts) == 1 and not u.stopped for u in said), timeout=30_000)
    [part] = next(u for u in said if len(u.parts) == 1).parts
    assert part.text.startswith(f"{task.title.get('en')}. {task.instructions.get('en')}")
    assert screen.next_hint_text() in part.text


def test_without_a_speaker_the_participant_is_told_once_and_the_console_keeps_saying_it(kiosk, qtbot,
                                                                                        monkeypatch) -> None:
    """Trial at 200% with reading on and no speaker: the calm line (three lines, 300 of 800 px) came back on
    every new screen, and the console's warning was wiped by the next event (a tap on "Smaller text"), in
    English whatever the console's language."""
    import sounddevice as sd

    def no_output(*_args, **_kwargs):
        raise ValueError("No output device matching")

    monkeypatch.setattr(sd, "query_devices", no_output)
    kiosk.participant.console_lang = "sr-Cyrl"  # as the controller sets it for a Serbian console
    engine, window = _start(kiosk, lang="hu", read_aloud=True)
    page = kiosk.console.session_page
    qtbot.waitUntil(lambda: bool(page.message_label.text()), timeout=30_000)
    assert window.banner_text() == kiosk.catalog.text("hu", "flow.no_speaker_calm")
    assert page.message_label.text().startswith(kiosk.catalog.text("sr-Cyrl", "consent.no_speaker", detail="")
                                                .split(":")[0])
    engine.continue_from_welcome()  # a new screen, read automatically: it fails again
    qtbot.wait(300)
    qtbot.waitUntil(lambda: not window.voice.speaking(), timeout=30_000)
    assert window.banner_text() == "", "told once is enough: the line took the page at large text"
    assert page.message_label.text(), "the facilitator still sees why nothing is heard"
