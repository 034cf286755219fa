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
