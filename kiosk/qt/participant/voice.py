"""Reading aloud for the participant window, on a worker thread: kept out of the window, which has its own job.

One thing is said at a time (kiosk.speech.Speaker): a new reading, a screen change, Stop or a language
change stops the one before, killing eSpeak NG and stopping playback. If nothing can be heard (no device,
no voice), the technical detail goes to the facilitator's console and the participant gets a calm word on
the window's banner line; a reading that was stopped on purpose reports nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from kiosk.speech import Part, Speaker, SpeechStopped, Utterance


def _say(utterance: Utterance, play: bool) -> float | None:
    """On a pool thread: the whole utterance; None if it was stopped."""
    try:
        return utterance.run(play=play)
    except SpeechStopped:
        return None


class ParticipantVoice(QObject):
    #: a reading began (True) or ended, was stopped or failed (False)
    speaking_changed = Signal(bool)
    #: a reading ended by itself or was stopped: the utterance (tests check its files and its process)
    utterance_ended = Signal(object)

    def __init__(self, window: Any) -> None:
        """``window``: the ParticipantWindow (not imported here: it imports this module)."""
        super().__init__(window)
        self.window = window
        self.speaker = Speaker()
        #: False only where there is nothing to play on (tests): the audio is written, not played
        self.play = True
        #: the participant has read, this session, that nothing can be heard (said once: ReadAloud.attached)
        self.participant_told = False

    def say(self, parts: list[Part], lang: str) -> Utterance:
        from kiosk.qt.workers import Job

        utterance = self.speaker.utterance(parts, lang)
        job = Job(_say, utterance, self.play)
        job.finished.connect(lambda _seconds: self._ended(utterance))
        job.failed.connect(lambda detail: self._ended(utterance, detail))
        job.start(QThreadPool.globalInstance())  # touches no data: not the ordered worker
        self.speaking_changed.emit(True)
        return utterance

    def speak(self, text: str, clip: Path | None = None) -> None:
        assert self.window.bridge is not None
        self.say([Part(text, clip)], self.window.bridge.engine.language)

    def speaking(self) -> bool:
        return self.speaker.speaking()

    def stop(self) -> None:
        if self.speaker.speaking():
            self.speaker.stop()
            self.speaking_changed.emit(False)

    def _ended(self, utterance: Utterance, detail: str | None = None) -> None:
        if self.speaker.current is utterance:
            self.speaker.current = None
            self.speaking_changed.emit(False)
        if detail is not None and not utterance.stopped:
            self.failed(detail)
        elif detail is None and self.play and self.window.bridge is not None:
            self.window.bridge.speech_problem.emit("")  # heard: whatever stopped it before is solved
        self.utterance_ended.emit(utterance)

    def failed(self, detail: str) -> None:
        """The facilitator is told on the console (in the console's language) until a reading works; the
        participant once a session: at large text the calm line took a third of every screen."""
        window = self.window
        if window.bridge is None:
            return
        lang = getattr(window, "console_lang", "en")
        window.bridge.speech_problem.emit(window.catalog.text(lang, "consent.no_speaker", detail=detail))
        if not self.participant_told:
            self.participant_told = True
            window.banners.say("flow.no_speaker_calm")
