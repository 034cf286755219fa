"""The facilitator records, replays and deletes voice clips for a plan's texts (issue 12).

The microphone is a file (tests/audio_support.py): a 440 Hz tone, read through PortAudio like a real one.
The plan is a copy, so nothing is written into the checkout's demo plan.
"""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from audio_support import RATE, synthetic_audio  # noqa: F401 (a fixture)
from kiosk.i18n import default_catalog
from kiosk.qt.console.clips_window import ClipsWindow
from kiosk.speech_clips import clip_path, find_clip
from kiosk.study import load_plan

pytestmark = pytest.mark.gui


@pytest.fixture
def plan_copy(demo_study, tmp_path: Path):
    folder = tmp_path / "plan"
    shutil.copytree(demo_study.source_path.parent, folder)
    return load_plan(folder / demo_study.source_path.name)


def _window(qtbot, study, lang: str = "sr-Cyrl") -> ClipsWindow:
    window = ClipsWindow(default_catalog(), "en", study)
    qtbot.addWidget(window)
    window.language_box.setCurrentIndex(study.languages.index(lang))
    return window


def test_the_start_page_opens_the_clips_of_the_chosen_plan(kiosk, qtbot) -> None:
    page = kiosk.console.start_page
    page.study_box.setCurrentIndex(0)
    page.clips_button.click()
    [window] = page.clips_windows.values()
    assert window.isVisible() and window.study.id == page.current_study().id
    task = window.study.tasks[0]
    texts = [item.text for item in window.texts]
    assert task.instructions.get(window.participant_lang()) in texts
    assert window.table.rowCount() == len(texts)
    for widget in (window.record_button, window.stop_button, window.play_button, window.delete_button,
                   window.language_box):
        assert widget.accessibleName()
    window.close()


def test_record_play_and_delete_a_clip(qtbot, plan_copy, synthetic_audio) -> None:  # noqa: F811
    window = _window(qtbot, plan_copy)
    question = next(q for q in plan_copy.pre_questions)
    text = question.text.get("sr-Cyrl")
    window.select(text)
    assert window.record_button.isEnabled() and not window.play_button.isEnabled()
    window.max_seconds = 1.5  # the file microphone is read as fast as it can be: a short clip
    window.record_button.click()
    assert window.status.text() == "Recording… press Stop when done"
    qtbot.waitUntil(lambda: window.recorder is not None and window.recorder.full.is_set(), timeout=20_000)
    with qtbot.waitSignal(window.clip_saved, timeout=20_000) as saved:
        window.stop_button.click()
    path = saved.args[0]
    assert path == clip_path(plan_copy.source_path.parent, "sr-Cyrl", text) == find_clip(
        plan_copy.source_path.parent, "sr-Cyrl", text)
    with wave.open(str(path)) as wav:
        assert (wav.getsampwidth(), wav.getnchannels(), wav.getframerate(), wav.getnframes()) == (2, 1, RATE,
                                                                                                 int(1.5 * RATE))
    row = [t.text for t in window.texts].index(text)
    assert window.table.item(row, 1).text() == "Recorded (1.5 s)"
    assert window.play_button.isEnabled() and window.delete_button.isEnabled()
    with qtbot.waitSignal(window.clip_played, timeout=20_000) as played:
        window.play_button.click()
    assert played.args[0].played == [path]
    with qtbot.waitSignal(window.clip_deleted, timeout=5_000):
        window.delete_button.click()
    assert not path.exists() and window.table.item(row, 1).text() == "No recording"
    assert not window.play_button.isEnabled()


def test_no_microphone_is_said_plainly(qtbot, plan_copy, monkeypatch) -> None:
    import sounddevice as sd

    def no_input(*_args, **_kwargs):
        raise ValueError("No input device matching")

    monkeypatch.setattr(sd, "query_devices", no_input)
    window = _window(qtbot, plan_copy, "hu")
    window.select(plan_copy.tasks[0].instructions.get("hu"))
    with qtbot.waitSignal(window.clip_failed, timeout=10_000):
        window.record_button.click()
    assert window.status.text() == "No microphone found. Connect one and try again."
    assert window.recorder is None and window.record_button.isEnabled()
    assert not (plan_copy.source_path.parent / "clips").exists()
