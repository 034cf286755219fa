"""The consent receipt renders in both scripts; speech is synthesised offline and says what is missing."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from conftest import consent
from kiosk.reports.consent_receipt import write_consent_receipt
from kiosk.session import SessionEngine
from kiosk.speech import SpeechUnavailable, can_speak, play_wav, synthesize
from kiosk.store import StoreError

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("lang", "title", "withdraw"), [
    ("sr-Cyrl", "Потврда о сагласности", "Позовите 011 123 4567"),
    ("sr-Latn", "Potvrda o saglasnosti", "Pozovite 011 123 4567"),
    ("en", "Consent receipt", "Call 011 123 4567"),
])
def test_consent_receipt_in_each_script(store, demo_study, clock, tmp_path: Path, lang, title, withdraw) -> None:
    engine = SessionEngine.start(store, demo_study, "R-0042", clock, facilitator="F-07", language=lang)
    engine.continue_from_welcome()
    consent(engine, "audio", method="verbal", witness="W-Milica")
    out = write_consent_receipt(store, engine.record.id, tmp_path / f"receipt-{lang}.pdf")
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split())
    record = store.consent_record(engine.record.id)
    for expected in (title, "R-0042", withdraw, "W-Milica", "F-07", record.text_sha256, "2026-10-01"):
        assert expected in text, expected
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / lang)], check=True)
    assert list(tmp_path.glob(f"{lang}-*.png"))


def test_no_receipt_before_consent(store, demo_study, clock, tmp_path: Path) -> None:
    engine = SessionEngine.start(store, demo_study, "R-0043", clock, facilitator="F-07")
    with pytest.raises(StoreError, match="no consent record"):
        write_consent_receipt(store, engine.record.id, tmp_path / "r.pdf")


def test_espeak_ng_speaks_serbian_cyrillic_to_a_wav_file(tmp_path: Path) -> None:
    assert shutil.which("espeak-ng"), "install espeak-ng (bash scripts/setup does it)"
    assert can_speak("sr-Cyrl") and can_speak("en") and not can_speak("xx")
    path = synthesize("Учешће је добровољно. Можете стати у било ком тренутку.", "sr-Cyrl", tmp_path / "sr.wav")
    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        assert wav.getsampwidth() == 2 and seconds > 1.5


def test_playback_says_plainly_that_no_speaker_is_there(tmp_path: Path, monkeypatch) -> None:
    """Whatever this machine has: the sound system reports no output device, as on a kiosk with none."""
    import sounddevice as sd

    def no_output(*args, **kwargs):
        raise ValueError("No output device matching")

    played = []
    monkeypatch.setattr(sd, "query_devices", no_output)
    monkeypatch.setattr(sd, "play", lambda *a, **k: played.append(a))
    path = synthesize("Hello.", "en", tmp_path / "en.wav")
    with pytest.raises(SpeechUnavailable, match="^no speaker or headphones found; connect one and try again$"):
        play_wav(path)
    assert played == []


def test_playback_sends_the_whole_clip_at_its_rate(tmp_path: Path, monkeypatch) -> None:
    """A speaker present (stood in for at the sound system's edge): every sample, the WAV's rate, then wait."""
    import sounddevice as sd

    calls = []
    monkeypatch.setattr(sd, "query_devices", lambda *a, **k: {"name": "speaker", "max_output_channels": 2})
    monkeypatch.setattr(sd, "play", lambda samples, rate: calls.append(("play", samples.shape, rate)))
    monkeypatch.setattr(sd, "wait", lambda: calls.append(("wait",)))
    path = synthesize("Hello, this is a test.", "en", tmp_path / "en.wav")
    with wave.open(str(path)) as wav:
        frames, rate, channels = wav.getnframes(), wav.getframerate(), wav.getnchannels()
    assert play_wav(path) == pytest.approx(frames / rate) and frames / rate > 0.5
    assert calls == [("play", (frames, channels), rate), ("wait",)]
