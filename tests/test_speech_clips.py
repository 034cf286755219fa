"""Voice clips for a plan: found by their exact words, listed for every text a participant hears, recorded
from the microphone (a file standing in for one) into a 16-bit WAV that is read back (issue 12)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from audio_support import AMPLITUDE, RATE, TONE_HZ, synthetic_audio  # noqa: F401 (a fixture)
from kiosk.i18n import default_catalog
from kiosk.session.flow import build_stages
from kiosk.speech_clips import (
    NoMicrophone,
    Recorder,
    clip_key,
    clip_path,
    find_clip,
    plan_folder,
    plan_texts,
    write_wav,
)


def test_a_clip_is_found_by_its_exact_words_only(tmp_path: Path) -> None:
    path = clip_path(tmp_path, "en", "How old are you?")
    assert path == tmp_path / "clips" / "en" / f"{clip_key('How old are you?')}.wav"
    assert find_clip(tmp_path, "en", "How old are you?") is None
    write_wav(path, b"\x00\x00" * 1600, 16_000)
    assert find_clip(tmp_path, "en", "How old are you?") == path
    assert find_clip(tmp_path, "en", "How old are you? (edited)") is None  # an edited text has no clip
    assert find_clip(tmp_path, "hu", "How old are you?") is None
    assert find_clip(None, "en", "How old are you?") is None
    assert [p.name for p in path.parent.iterdir()] == [path.name], "no temporary file is left beside it"


def test_the_list_holds_every_question_task_and_fixed_message(demo_study) -> None:
    catalog = default_catalog()
    assert plan_folder(demo_study) == demo_study.source_path.parent
    for lang in demo_study.languages:
        texts = [t.text for t in plan_texts(demo_study, lang, catalog)]
        assert len(texts) == len(set(texts))
        for task in demo_study.tasks:
            assert task.title.get(lang) in texts and task.instructions.get(lang) in texts
        stages = build_stages(demo_study, tuple(t.id for t in demo_study.tasks))
        for question in (q for stage in stages for q in stage.questions):
            assert question.text.get(lang) in texts
        for expected in (demo_study.welcome.get(lang), demo_study.closing.get(lang),
                         catalog.text(lang, "participant.please_wait"),
                         catalog.text(lang, "next.task_ready", button=catalog.text(lang, "participant.task_ready"))):
            assert expected in texts, expected


def test_a_recording_from_the_microphone_is_written_as_16_bit_wav(synthetic_audio, tmp_path: Path) -> None:  # noqa: F811
    out = clip_path(tmp_path, "sr-Cyrl", "Колико имате година?")
    recorder = Recorder(out, max_seconds=2.0)  # the file microphone is not paced: stop at two seconds
    recorder.start()
    assert recorder.recording()
    assert recorder.full.wait(20)
    seconds = recorder.stop()
    assert seconds == pytest.approx(2.0)
    with wave.open(str(out)) as wav:
        assert (wav.getsampwidth(), wav.getnchannels(), wav.getframerate()) == (2, 1, RATE)
        assert wav.getnframes() == 2 * RATE
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    assert abs(int(samples.max()) - AMPLITUDE) < 50  # the tone, not silence
    crossings = np.count_nonzero(np.diff(np.signbit(samples[:RATE]).astype(int)) != 0)
    assert abs(crossings / 2 - TONE_HZ) < 5  # 440 Hz: the same sound, at the right rate
    assert find_clip(tmp_path, "sr-Cyrl", "Колико имате година?") == out


def test_no_microphone_is_said_plainly(tmp_path: Path, monkeypatch) -> None:
    import sounddevice as sd

    def no_input(*_args, **kwargs):
        raise ValueError("No input device matching")

    monkeypatch.setattr(sd, "query_devices", no_input)
    recorder = Recorder(tmp_path / "x.wav")
    with pytest.raises(NoMicrophone, match="^no microphone found"):
        recorder.start()
    assert not recorder.recording() and not (tmp_path / "x.wav").exists()
