"""A synthetic sound system for speech and clip tests: ALSA's null output and a file as the microphone.

PortAudio reads ALSA's configuration when it starts, so the fixture restarts it with ``ALSA_CONFIG_PATH``
pointing at a throwaway configuration (docs: /work/shared/PLATFORM.md), and restarts it again afterwards,
so later tests see the machine as it is. The null output is not paced in real time: playback ends at
once; the file microphone is not paced either: a recording fills as fast as it is read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

RATE = 16_000
TONE_HZ = 440
AMPLITUDE = 8_000

CONFIG = """
pcm.!default {{ type asym playback.pcm "nullout" capture.pcm "microphone" }}
pcm.nullout {{ type null }}
pcm.microphone {{ type plug slave {{ pcm "filein" format S16_LE rate {rate} channels 1 }} }}
pcm.filein {{ type file file "/dev/null" infile "{tone}" format "raw" slave.pcm "nullout" }}
"""


#: a speaker that takes sound only as fast as the test reads it: ALSA's file plugin writing into a pipe
PACED_CONFIG = """
pcm.!default {{ type plug slave.pcm "pipe" }}
pcm.pipe {{ type file file "{fifo}" format "raw" slave.pcm "nullout" }}
pcm.nullout {{ type null }}
"""


@dataclass(frozen=True)
class SyntheticAudio:
    tone: Path
    rate: int = RATE
    hz: int = TONE_HZ
    amplitude: int = AMPLITUDE


def _restart_portaudio(config: Path | None) -> None:
    import sounddevice as sd

    sd._terminate()
    if config is None:
        os.environ.pop("ALSA_CONFIG_PATH", None)
    else:
        os.environ["ALSA_CONFIG_PATH"] = str(config)
    sd._initialize()


@pytest.fixture
def synthetic_audio(tmp_path: Path):
    seconds = np.arange(RATE * 3) / RATE
    tone = tmp_path / "tone.raw"
    tone.write_bytes((np.sin(2 * np.pi * TONE_HZ * seconds) * AMPLITUDE).astype("<i2").tobytes())
    config = tmp_path / "asound.conf"
    config.write_text(CONFIG.format(rate=RATE, tone=tone))
    before = os.environ.get("ALSA_CONFIG_PATH")
    _restart_portaudio(config)
    try:
        import sounddevice as sd

        assert sd.query_devices(kind="input") and sd.query_devices(kind="output")
        yield SyntheticAudio(tone)
    finally:
        _restart_portaudio(Path(before) if before else None)


@dataclass
class PacedSpeaker:
    """What was played comes out of ``fifo``; nothing more is played until ``drain`` reads it."""

    fifo: Path
    reader: int
    received: int = 0

    def drain(self) -> int:
        """Read what is waiting (never blocks); returns the bytes read so far."""
        while True:
            try:
                block = os.read(self.reader, 1 << 16)
            except BlockingIOError:
                return self.received
            if not block:
                return self.received
            self.received += len(block)


@pytest.fixture
def paced_speaker(tmp_path: Path):
    """PortAudio opens the pipe when it starts (to list the device), so the test's end is opened first."""
    fifo = tmp_path / "speaker.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    config = tmp_path / "asound-paced.conf"
    config.write_text(PACED_CONFIG.format(fifo=fifo))
    before = os.environ.get("ALSA_CONFIG_PATH")
    _restart_portaudio(config)
    try:
        yield PacedSpeaker(fifo, reader)
    finally:
        _restart_portaudio(Path(before) if before else None)
        os.close(reader)
