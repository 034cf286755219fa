"""What is said can be stopped at once: eSpeak NG killed while it writes, nothing played after a stop (issue 12).

The synthesis runs for real (eSpeak NG is installed here and in CI); playback goes to ALSA's null device
(tests/audio_support.py) where it is played at all, so PortAudio really opens and writes a stream.
"""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

import pytest

from audio_support import paced_speaker, synthetic_audio  # noqa: F401 (fixtures)
from kiosk.speech import Part, Speaker, SpeechStopped, SpeechUnavailable, Utterance
from kiosk.speech_clips import write_wav

LONG = "Participation is voluntary and you can stop at any moment without giving a reason. " * 400


def _run_in_thread(utterance: Utterance) -> tuple[threading.Thread, dict[str, object]]:
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["seconds"] = utterance.run(play=False)
        except (SpeechStopped, SpeechUnavailable) as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


def test_stop_kills_espeak_while_it_writes() -> None:
    utterance = Utterance([Part(LONG)], "en")
    thread, outcome = _run_in_thread(utterance)
    _wait_for(lambda: utterance.process is not None)
    process = utterance.process
    assert process is not None and process.poll() is None  # still writing a very long text
    utterance.stop()
    thread.join(20)
    assert not thread.is_alive()
    assert process.poll() is not None and process.returncode < 0, "eSpeak NG must be killed, not left to finish"
    assert isinstance(outcome.get("error"), SpeechStopped) and utterance.stopped
    assert all(not path.parent.exists() for path in utterance.played)  # the private folder is gone


def test_a_second_utterance_stops_the_first() -> None:
    speaker = Speaker()
    first = speaker.utterance([Part(LONG)], "en")
    thread, outcome = _run_in_thread(first)
    _wait_for(lambda: first.process is not None)
    process = first.process
    second = speaker.utterance([Part("Next screen.")], "en")
    thread.join(20)
    assert first.stopped and not second.stopped and speaker.current is second
    assert process is not None and process.returncode is not None and process.returncode < 0
    assert isinstance(outcome["error"], SpeechStopped)
    assert second.run(play=False) > 0.3


def test_nothing_is_played_after_a_stop() -> None:
    utterance = Utterance([Part("Hello.")], "en")
    utterance.stop()
    with pytest.raises(SpeechStopped):
        utterance.run(play=False)
    assert utterance.played == [] and utterance.process is None


def test_recorded_parts_are_played_as_they_are_and_the_rest_is_read_in_one_go(tmp_path: Path) -> None:
    clip = write_wav(tmp_path / "clip.wav", b"\x00\x10" * 16_000, 16_000)
    utterance = Utterance([Part("Question 1 of 3"), Part("How old are you?", clip), Part("Choose one"),
                           Part("Next, please.")], "en")
    assert [(p.text, p.clip) for p in utterance.pieces()] == [
        ("Question 1 of 3.", None), ("How old are you?", clip), ("Choose one.\nNext, please.", None)]
    seconds = utterance.run(play=False, keep=tmp_path / "out")
    first, recorded, last = utterance.played
    assert recorded == clip and first.parent == last.parent == tmp_path / "out"
    lengths = []
    for path in (first, recorded, last):
        with wave.open(str(path)) as wav:
            lengths.append(wav.getnframes() / wav.getframerate())
    assert lengths[1] == pytest.approx(1.0) and min(lengths) > 0.5
    assert seconds == pytest.approx(sum(lengths))


def test_an_utterance_is_played_through_the_sound_device(synthetic_audio) -> None:  # noqa: F811 (the fixture)
    text = [Part("Choose an answer. Then press Next.")]
    written = Utterance(text, "en").run(play=False)
    assert Utterance(text, "en").run(play=True) == pytest.approx(written) and written > 1.0


def test_stop_ends_playback_at_once_and_plays_nothing_more(paced_speaker) -> None:  # noqa: F811 (the fixture)
    """The speaker here takes sound only as the test reads it, as a real one takes it only in real time."""
    text = [Part("Participation is voluntary and you can stop at any moment without giving a reason. " * 5)]
    whole = Utterance(text, "en").run(play=False)  # about 29 seconds
    utterance = Utterance(text, "en")
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["seconds"] = utterance.run()
        except SpeechStopped as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    _wait_for(utterance.playing)
    _wait_for(lambda: paced_speaker.drain() > 0)  # sound is coming out
    began = time.monotonic()
    utterance.stop()
    assert time.monotonic() - began < 0.05, "stop must not wait for the sound system (the GUI thread calls it)"
    deadline = time.monotonic() + 20
    while thread.is_alive() and time.monotonic() < deadline:
        paced_speaker.drain()  # the speaker takes what was already sent; the stream then ends
        thread.join(0.01)
    assert not thread.is_alive() and isinstance(outcome.get("error"), SpeechStopped)
    paced_speaker.drain()
    sent_seconds = paced_speaker.received / (2 * 22_050)
    assert sent_seconds < whole / 4, f"{sent_seconds:.1f} s of {whole:.1f} s went out after the stop"


def test_without_a_sound_device_playback_fails_plainly(monkeypatch) -> None:
    import sounddevice as sd

    def no_output(*_args, **_kwargs):
        raise ValueError("No output device matching")

    monkeypatch.setattr(sd, "query_devices", no_output)
    with pytest.raises(SpeechUnavailable, match="^no speaker or headphones found; connect one and try again$"):
        Utterance([Part("Hello.")], "en").run()
