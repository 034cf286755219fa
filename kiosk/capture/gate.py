"""The only way a recording stream starts: through the participant's consent, checked at start time.

Every stream kind maps to one consent option. ``CaptureGate.start`` refuses a stream the participant
did not agree to, and ``stop_all`` runs when the session stops or the participant withdraws, so the
rule "no media for any stream without a matching consent option" lives in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from kiosk.study.model import ConsentOption


class StreamKind(StrEnum):
    AUDIO = "audio"
    CAMERA = "camera"
    SCREEN = "screen"


#: the consent option each stream needs
REQUIRED_CONSENT = {
    StreamKind.AUDIO: ConsentOption.AUDIO,
    StreamKind.CAMERA: ConsentOption.CAMERA,
    StreamKind.SCREEN: ConsentOption.SCREEN,
}


class Stream(Protocol):
    """A recording device writing segments into a folder (microphone, camera, screen grabber)."""

    kind: StreamKind

    def start(self, folder: Path) -> None: ...

    def stop(self) -> None: ...


class ConsentRequired(PermissionError):
    """A stream was asked for without the participant's consent to it."""


class CaptureGate:
    def __init__(self, permits: Callable[[ConsentOption], bool], media_folder: Path) -> None:
        self._permits = permits
        self._media = Path(media_folder)
        self._running: dict[StreamKind, Stream] = {}

    def allowed(self, kind: StreamKind) -> bool:
        return self._permits(REQUIRED_CONSENT[kind])

    def start(self, stream: Stream) -> None:
        if not self.allowed(stream.kind):
            raise ConsentRequired(f"no {stream.kind.value} recording: the participant did not agree to it")
        if stream.kind in self._running:
            return
        folder = self._media / stream.kind.value
        folder.mkdir(parents=True, exist_ok=True)
        stream.start(folder)
        self._running[stream.kind] = stream

    def start_permitted(self, streams: list[Stream]) -> list[StreamKind]:
        """Start every stream the participant agreed to; return the kinds started."""
        started = []
        for stream in streams:
            if self.allowed(stream.kind):
                self.start(stream)
                started.append(stream.kind)
        return started

    def stop_all(self) -> None:
        for stream in list(self._running.values()):
            stream.stop()
        self._running.clear()

    @property
    def running(self) -> set[StreamKind]:
        return set(self._running)
