"""Reading aloud for the participant window, on a worker thread: kept out of the window, which has its own job.

If nothing can be heard (no device, no voice), the technical detail goes to the facilitator's console and
the participant gets a calm word on the window's banner line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class ParticipantVoice:
    def __init__(self, window: Any) -> None:
        """``window``: the ParticipantWindow (not imported here: it imports this module)."""
        self.window = window
        self._job: object | None = None

    def speak(self, text: str, clip: Path | None = None) -> None:
        from PySide6.QtCore import QThreadPool

        from kiosk.qt.workers import Job
        from kiosk.speech import speak

        window = self.window
        assert window.bridge is not None
        job = Job(speak, text, window.bridge.engine.language, clip)
        job.failed.connect(self.failed)
        self._job = job.start(QThreadPool.globalInstance())  # touches no data: not the ordered worker

    def failed(self, detail: str) -> None:
        window = self.window
        if window.bridge is None:
            return
        window.bridge.action_failed.emit(window.catalog.text("en", "consent.no_speaker", detail=detail))
        window.banners.say("flow.no_speaker_calm")
