"""Speech output: a clip recorded for the plan, or offline eSpeak NG, played through sounddevice.

Every failure says plainly what is missing (no voice for the language, no speaker), because the
facilitator must be able to tell the participant why nothing is heard.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import wave
from functools import lru_cache
from pathlib import Path

#: eSpeak NG voice for each language tag we use; Serbian reads both scripts
ESPEAK_VOICES = {"sr-Cyrl": "sr", "sr-Latn": "sr", "en": "en", "hu": "hu"}


class SpeechUnavailable(RuntimeError):
    """Nothing can be spoken; the message says what is missing."""


def espeak_path() -> str | None:
    return shutil.which("espeak-ng")


def can_speak(lang: str, clip: Path | None = None) -> bool:
    if clip is not None and clip.is_file():
        return True
    espeak, voice = espeak_path(), ESPEAK_VOICES.get(lang)
    return espeak is not None and voice is not None and _has_voice(espeak, voice, os.environ.get("ESPEAK_DATA_PATH"))


@lru_cache(maxsize=32)
def _has_voice(espeak: str, voice: str, _data_path: str | None) -> bool:
    """Whether eSpeak NG has its own voice data for ``voice`` (a build may lack a language).

    An MBROLA voice (file ``mb/...``) is listed even without the MBROLA program and its voice files, which
    are not installed with eSpeak NG, so it does not count. The data path is part of the cache key because
    ``ESPEAK_DATA_PATH`` chooses which data eSpeak NG reads.
    """
    try:
        listing = subprocess.run([espeak, f"--voices={voice}"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    for line in listing.splitlines()[1:]:
        columns = line.split()
        if len(columns) < 5 or columns[4].startswith("mb/"):
            continue
        if columns[1] == voice or f"({voice} " in " ".join(columns[5:]):  # "en" is listed as en-gb's "(en 2)"
            return True
    return False


def synthesize(text: str, lang: str, out: Path) -> Path:
    """Write ``text`` spoken in ``lang`` to a WAV file with eSpeak NG (offline)."""
    espeak = espeak_path()
    if espeak is None:
        raise SpeechUnavailable("eSpeak NG is not installed (Debian: apt-get install espeak-ng)")
    voice = ESPEAK_VOICES.get(lang)
    if voice is None or not can_speak(lang):
        raise SpeechUnavailable(f"no voice for {lang} in eSpeak NG on this computer")
    out.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([espeak, "-v", voice, "-s", "140", "-w", str(out), text], capture_output=True, text=True,
                            timeout=120)
    if result.returncode != 0 or not out.exists():
        raise SpeechUnavailable(f"eSpeak NG failed: {result.stderr.strip() or result.returncode}")
    return out


def play_wav(path: Path) -> float:
    """Play a WAV file to the default output and wait for it to end; returns its length in seconds."""
    try:
        import numpy as np
        import sounddevice as sd
    except OSError as exc:  # PortAudio missing
        raise SpeechUnavailable(f"no sound system ({exc}); on Debian install libportaudio2") from None
    with wave.open(str(path)) as wav:
        frames = wav.readframes(wav.getnframes())
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
    if width != 2:
        raise SpeechUnavailable(f"{path.name} is not 16-bit PCM audio")
    try:
        sd.query_devices(kind="output")
    except (ValueError, sd.PortAudioError):
        raise SpeechUnavailable("no speaker or headphones found; connect one and try again") from None
    samples = np.frombuffer(frames, dtype="<i2").reshape(-1, channels)
    sd.play(samples, rate)
    sd.wait()
    return len(samples) / rate


def speak(text: str, lang: str, clip: Path | None = None) -> float:
    """Speak the text (or play the recorded clip); raises SpeechUnavailable with the reason.

    Synthesised audio goes to a fresh private folder (``mkdtemp``: unpredictable name, mode 0700) that
    is removed afterwards: a fixed name in the shared temp folder let anyone plant a symlink there and
    make the kiosk overwrite a file of their choice.
    """
    if clip is not None and clip.is_file():
        return play_wav(clip)
    with tempfile.TemporaryDirectory(prefix="ux-kiosk-") as private:
        out = Path(private) / "speech.wav"
        out.touch(mode=0o600)
        return play_wav(synthesize(text, lang, out))
