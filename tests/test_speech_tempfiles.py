"""Read-aloud audio lives in a private, unpredictable temporary file that is gone after use.

The old code wrote to ``<tmp>/ux-kiosk-speech/speech-<lang>.wav``: anyone on the machine could plant a
symlink there and make the kiosk overwrite a file of their choice (seen: a decoy database).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

import kiosk.speech as speech

DECOY = b"SQLite format 3\x00 decoy database that must survive"


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private system temp folder for this test, with symlinks planted at every old fixed path."""
    system_tmp = tmp_path / "systmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    decoy = tmp_path / "decoy.sqlite3"
    decoy.write_bytes(DECOY)
    old = system_tmp / "ux-kiosk-speech"
    old.mkdir()
    for lang in ("en", "sr-Cyrl", "sr-Latn"):
        (old / f"speech-{lang}.wav").symlink_to(decoy)
    return decoy


def test_read_aloud_never_writes_through_a_planted_symlink(planted: Path, monkeypatch) -> None:
    played: list[tuple[Path, int, bytes]] = []

    def fake_speaker(path: Path) -> float:  # the sound card is not what is under test; the file is
        played.append((path, stat.S_IMODE(os.lstat(path).st_mode), path.read_bytes()[:4]))
        return 1.0

    monkeypatch.setattr(speech, "play_wav", fake_speaker)
    assert speech.speak("Participation is voluntary.", "en") == 1.0
    assert planted.read_bytes() == DECOY
    [(path, mode, head)] = played
    assert head == b"RIFF" and mode == 0o600
    assert "ux-kiosk-speech" not in str(path) and not path.is_symlink()
    assert not path.exists() and not path.parent.exists(), "the spoken audio must be deleted after use"


def test_the_temporary_audio_is_deleted_even_when_nothing_can_be_heard(planted: Path, monkeypatch) -> None:
    seen: list[Path] = []

    def no_speaker(path: Path) -> float:
        seen.append(path)
        raise speech.SpeechUnavailable("no speaker or headphones found")

    monkeypatch.setattr(speech, "play_wav", no_speaker)
    with pytest.raises(speech.SpeechUnavailable):
        speech.speak("Учешће је добровољно.", "sr-Cyrl")
    assert planted.read_bytes() == DECOY
    assert seen and not seen[0].exists() and not seen[0].parent.exists()


def test_the_participant_window_reads_aloud_through_the_private_file(kiosk, qtbot, planted) -> None:
    kiosk.start_session(kiosk.console.start_page.studies[0], "A-0001", 1, "two_screens", facilitator="F-07")
    voice = kiosk.participant.voice
    voice.play = False  # no speaker on a test machine: the audio is written (what is under test), not played
    with qtbot.waitSignal(voice.utterance_ended, timeout=30_000) as ended:
        kiosk.participant.speak("Participation is voluntary.")
    [path] = ended.args[0].played
    assert path.parent.name.startswith("ux-kiosk-") and "ux-kiosk-speech" not in str(path)
    assert not path.parent.exists(), "the spoken audio must be deleted after use"
    assert planted.read_bytes() == DECOY
