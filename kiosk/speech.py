"""Speech output: a clip recorded for the text, or offline eSpeak NG, played through sounddevice.

Every failure says plainly what is missing (no voice for the language, no speaker), because the
facilitator must be able to tell the participant why nothing is heard. What is being said can be
stopped at once from any thread (``Utterance.stop``): the screen changed, Stop was pressed, the
language changed. ``Utterance.run`` blocks until the end, so it belongs on a worker thread, never on
the GUI thread. QtTextToSpeech is not a source: pyside6-essentials does not ship it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kiosk.explained import ExplainedError

#: eSpeak NG voice for each language tag we use; Serbian reads both scripts
ESPEAK_VOICES = {"sr-Cyrl": "sr", "sr-Latn": "sr", "en": "en", "hu": "hu"}
#: words per minute; slower than eSpeak's default 175 for elderly listeners
ESPEAK_RATE = 140
#: a part ending in none of these (a button's label) gets a full stop, so the voice pauses before the next
PAUSE_MARKS = (".", "!", "?", ":", ";", "…", "”", "\"", ")")


class SpeechUnavailable(ExplainedError, RuntimeError):
    """Nothing can be spoken; the message says what is missing (a condition of the laptop, not a bug)."""


class SpeechStopped(RuntimeError):
    """The utterance was stopped before its end (not a failure: nobody needs to be told)."""


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


def espeak_command(text: str, lang: str, out: Path) -> list[str]:
    """The eSpeak NG command line that writes ``text`` in ``lang`` to ``out``; refuses plainly if it cannot."""
    espeak = espeak_path()
    if espeak is None:
        raise SpeechUnavailable("eSpeak NG is not installed (Debian: apt-get install espeak-ng)")
    voice = ESPEAK_VOICES.get(lang)
    if voice is None or not can_speak(lang):
        raise SpeechUnavailable(f"no voice for {lang} in eSpeak NG on this computer")
    return [espeak, "-v", voice, "-s", str(ESPEAK_RATE), "-w", str(out), text]


def synthesize(text: str, lang: str, out: Path) -> Path:
    """Write ``text`` spoken in ``lang`` to a WAV file with eSpeak NG (offline)."""
    command = espeak_command(text, lang, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or not out.exists():
        raise SpeechUnavailable(f"eSpeak NG failed: {result.stderr.strip() or result.returncode}")
    return out


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def _load_wav(path: Path):
    import numpy as np

    with wave.open(str(path)) as wav:
        frames = wav.readframes(wav.getnframes())
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
    if width != 2:
        raise SpeechUnavailable(f"{path.name} is not 16-bit PCM audio")
    return np.frombuffer(frames, dtype="<i2").reshape(-1, channels), rate


def _sounddevice():
    try:
        import sounddevice as sd
    except OSError as exc:  # PortAudio missing
        raise SpeechUnavailable(f"no sound system ({exc}); on Debian install libportaudio2") from None
    return sd


def play_wav(path: Path) -> float:
    """Play a WAV file to the default output and wait for it to end; returns its length in seconds."""
    sd = _sounddevice()
    samples, rate = _load_wav(path)
    _check_output(sd)
    sd.play(samples, rate)
    sd.wait()
    return len(samples) / rate


def _check_output(sd) -> None:
    try:
        sd.query_devices(kind="output")
    except (ValueError, sd.PortAudioError):
        raise SpeechUnavailable("no speaker or headphones found; connect one and try again") from None


@dataclass(frozen=True)
class Part:
    """One piece of what a screen says, with the clip recorded for exactly these words (if any)."""

    text: str
    clip: Path | None = None


class Utterance:
    """One reading of a screen: recorded clips where they exist, eSpeak NG for the rest, in order.

    ``run`` (on a worker thread) returns the seconds heard, raises SpeechUnavailable with the reason,
    or SpeechStopped if ``stop`` came first. ``stop`` (any thread) kills eSpeak NG if it is still
    writing and stops playback; once stopped, nothing more of this utterance is played.
    """

    def __init__(self, parts: Sequence[Part], lang: str) -> None:
        self.parts = tuple(p for p in parts if p.text.strip() or p.clip is not None)
        self.lang = lang
        self._lock = threading.Lock()
        self._stopped = False
        #: set when playback ends; ``stop`` sets it too, so the playing thread returns at once
        self._done: threading.Event | None = None
        #: the eSpeak NG process while it writes (None otherwise): what ``stop`` kills
        self.process: subprocess.Popen[bytes] | None = None
        #: every file played, in order (a test reads them back)
        self.played: list[Path] = []

    @property
    def stopped(self) -> bool:
        return self._stopped

    def pieces(self) -> list[Part]:
        """What is played in turn: each recorded part alone, the unrecorded parts between them in one go
        (one eSpeak NG run reads a screen more naturally than one run per line)."""
        pieces: list[Part] = []
        pending: list[str] = []
        for part in self.parts:
            if part.clip is not None and part.clip.is_file():
                if pending:
                    pieces.append(Part("\n".join(pending)))
                    pending = []
                pieces.append(part)
            else:
                text = part.text.strip()
                pending.append(text if text.endswith(PAUSE_MARKS) else f"{text}.")  # a pause after a bare label
        if pending:
            pieces.append(Part("\n".join(pending)))
        return pieces

    def run(self, play: bool = True, keep: Path | None = None) -> float:
        """Say every piece and return the seconds said. With ``play=False`` the audio is only written
        (``self.played`` lists it), for machines without a speaker; ``keep``: a folder to write it to
        instead of a private temporary one that is removed afterwards."""
        seconds = 0.0
        with tempfile.TemporaryDirectory(prefix="ux-kiosk-") as temporary:
            private = keep or Path(temporary)
            private.mkdir(parents=True, exist_ok=True)
            for number, piece in enumerate(self.pieces()):
                self._check()
                if piece.clip is not None:
                    path = piece.clip
                else:
                    path = private / f"speech-{number}.wav"
                    path.touch(mode=0o600)  # private from the start: never a planted file (see speak)
                    self._synthesize(piece.text, path)
                self.played.append(path)
                seconds += self._play(path) if play else wav_seconds(path)
        self._check()
        return seconds

    def _synthesize(self, text: str, out: Path) -> None:
        command = espeak_command(text, self.lang, out)
        with self._lock:
            self._check()
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _out, err = self.process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            raise SpeechUnavailable("eSpeak NG took more than two minutes and was stopped") from None
        finally:
            with self._lock:
                code, self.process = (self.process.returncode if self.process else None), None
        self._check()
        if code != 0 or not out.stat().st_size:
            raise SpeechUnavailable(f"eSpeak NG failed: {err.decode(errors='replace').strip() or code}")

    def _play(self, path: Path) -> float:
        """Play on a stream this thread opens and closes: ``stop`` only sets a flag and an event, so no
        other thread ever stops or closes the stream (doing so raced with sounddevice's own close here)."""
        sd = _sounddevice()
        samples, rate = _load_wav(path)
        _check_output(sd)
        done = threading.Event()
        position = 0

        def feed(outdata, frames: int, _time, _status) -> None:  # PortAudio's thread
            nonlocal position
            if self._stopped:
                raise sd.CallbackAbort
            chunk = samples[position:position + frames]
            outdata[:len(chunk)] = chunk
            position += len(chunk)
            if len(chunk) < frames:
                outdata[len(chunk):] = 0
                raise sd.CallbackStop

        with self._lock:
            self._check()
            stream = sd.OutputStream(samplerate=rate, channels=samples.shape[1], dtype="int16", callback=feed,
                                     finished_callback=done.set)
            self._done = done
        try:
            stream.start()
            done.wait()
        finally:
            with self._lock:
                self._done = None
            if self._stopped:
                stream.abort(ignore_errors=True)
            stream.close(ignore_errors=True)
        self._check()
        return len(samples) / rate

    def _check(self) -> None:
        if self._stopped:
            raise SpeechStopped("stopped")

    def stop(self) -> None:
        """From any thread: kill eSpeak NG if it is writing, end playback (the playing thread closes its
        stream), and play nothing more of this utterance."""
        with self._lock:
            self._stopped = True
            process, done = self.process, self._done
            if process is not None and process.poll() is None:
                process.kill()
            if done is not None:
                done.set()

    def playing(self) -> bool:
        return self._done is not None


class Speaker:
    """Says one thing at a time: a new utterance stops the one before."""

    def __init__(self) -> None:
        self.current: Utterance | None = None

    def utterance(self, parts: Sequence[Part], lang: str) -> Utterance:
        """The next thing to say (the caller runs it on a worker thread); whatever was being said stops."""
        self.stop()
        self.current = Utterance(parts, lang)
        return self.current

    def stop(self) -> None:
        if self.current is not None:
            self.current.stop()
            self.current = None

    def speaking(self) -> bool:
        return self.current is not None


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
