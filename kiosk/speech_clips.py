"""Voice clips a facilitator records for a plan's texts: where they live, recording and listing them.

A clip is stored under the plan folder as ``clips/<lang>/<sha256 of the exact text>.wav``: the player
finds it by the same key, and a text edited in the plan simply no longer has a clip (the stale file is
never played for words it does not say). Recording runs in PortAudio's callback thread, which only
copies blocks into a queue; the WAV is written when recording stops, to a temporary file that is then
renamed, so a crash never leaves half a clip under a valid name.
"""

from __future__ import annotations

import hashlib
import os
import queue
import tempfile
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.i18n import Catalog
from kiosk.session.flow import build_stages
from kiosk.study.model import QuestionKind, Study

CLIP_FOLDER = "clips"
RECORD_RATE = 16_000
#: a clip longer than this is cut there (a recording left running must not fill the memory)
MAX_SECONDS = 600.0
#: catalog keys the participant screens show whatever the plan (headings, hints, choices of the consent)
FIXED_KEYS = (
    "participant.no_hurry", "participant.consent_title", "consent.easy_read_title", "consent.full_text",
    "consent.options_title", "consent.review_title", "consent.method_title",
    "consent.verbal_wait", "participant.choose_one", "participant.choose_any", "participant.prefer_not",
    "participant.please_wait", "participant.closing_title", "participant.session_over",
    "consent.stop_title", "consent.stop_cancel", "consent.stop_keep", "consent.stop_delete",
    "flow.stopped_title", "flow.stopped_kept", "flow.declined_done", "flow.session_stopped",
    "flow.finish_title", "flow.finish_body", "flow.finish_no", "flow.finish_yes",
    "next.wait_facilitator", "next.outcome_wait", "next.give_back", "next.choose_button",
)
#: "what happens next" lines and the Next button words they name, as the screens pair them
HINTS = (
    ("next.welcome", "participant.welcome_start"), ("next.consent_text", "participant.next"),
    ("next.consent_options", "participant.next"), ("next.consent_review", "consent.confirm"),
    ("next.consent_method", "consent.confirm"), ("next.question_one", "participant.next"),
    ("next.question_many", "participant.next"), ("next.question_text", "participant.next"),
    ("next.task_ready", "participant.task_ready"), ("next.task_running", "participant.task_done"),
    ("next.prototype", "participant.task_done"), ("next.closing", "participant.next"),
)


class NoMicrophone(RuntimeError):
    """No input device to record from; the message says so plainly."""


def clip_key(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def plan_folder(study: Study) -> Path | None:
    return study.source_path.parent if study.source_path is not None else None


def clip_path(folder: Path, lang: str, text: str) -> Path:
    return folder / CLIP_FOLDER / lang / f"{clip_key(text)}.wav"


def find_clip(folder: Path | None, lang: str, text: str) -> Path | None:
    """The clip recorded for exactly ``text`` in ``lang`` (None: not recorded, or no plan folder)."""
    if folder is None or not text.strip():
        return None
    path = clip_path(folder, lang, text)
    return path if path.is_file() else None


@dataclass(frozen=True)
class ClipText:
    """One text a participant hears, with where it comes from (for the facilitator's list)."""

    where: str
    text: str


def plan_texts(study: Study, lang: str, catalog: Catalog) -> list[ClipText]:
    """Every text the participant screens read aloud for this plan in ``lang``, each once, in plan order."""
    texts: list[ClipText] = []

    def add(where: str, text: str) -> None:
        if text.strip() and all(t.text != text for t in texts):
            texts.append(ClipText(where, text))

    add("welcome", study.title.get(lang))
    add("welcome", study.welcome.get(lang))
    spec = study.consent
    add("consent", spec.easy_read.get(lang))
    add("consent", spec.text.get(lang))
    add("consent", catalog.text(lang, "consent.retention", text=spec.retention.get(lang)))
    for option in spec.options:
        add("consent", catalog.text(lang, f"consent.option_{option.value}"))
    for method in spec.methods:
        add("consent", catalog.text(lang, f"consent.method_{method.value}"))
    for task in study.tasks:
        add(f"task {task.id}", task.title.get(lang))
        add(f"task {task.id}", task.instructions.get(lang))
    stages = build_stages(study, tuple(task.id for task in study.tasks))
    for question in (question for stage in stages for question in stage.questions):
        where = f"question {question.id}"
        add(where, question.text.get(lang))
        if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTI_CHOICE):
            for choice in question.choices:
                add(where, choice.label.get(lang))
    add("closing", study.closing.get(lang))
    for key in FIXED_KEYS:
        add("message", catalog.text(lang, key))
    for key, button in HINTS:
        add("message", catalog.text(lang, key, button=catalog.text(lang, button)))
    return texts


def write_wav(path: Path, samples: bytes, rate: int, channels: int = 1) -> Path:
    """Write 16-bit PCM atomically: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".clip-", suffix=".wav", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as raw, wave.open(raw, "wb") as wav:
            wav.setnchannels(channels)
            wav.setsampwidth(2)
            wav.setframerate(rate)
            wav.writeframes(samples)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def delete_clip(path: Path) -> None:
    path.unlink(missing_ok=True)


class Recorder:
    """Records from the default microphone until ``stop``, which writes the clip and returns its seconds.

    ``start`` opens the input stream (raises NoMicrophone plainly); blocks arrive on PortAudio's thread and
    are only queued there. ``stop`` may block for the file write, so callers run it off the GUI thread.
    """

    def __init__(self, out: Path, rate: int = RECORD_RATE, max_seconds: float = MAX_SECONDS) -> None:
        self.out = out
        self.rate = rate
        self._room = int(max_seconds * rate) * 2  # bytes of 16-bit mono still allowed
        self._blocks: queue.Queue[bytes] = queue.Queue()
        self._stream: Any = None
        self._lock = threading.Lock()
        self._stop_block: type[Exception] = RuntimeError
        #: set when the clip reached its longest and the microphone was let go
        self.full = threading.Event()

    def start(self) -> None:
        try:
            import sounddevice as sd
        except OSError as exc:
            raise NoMicrophone(f"no sound system ({exc}); on Debian install libportaudio2") from None
        try:
            sd.query_devices(kind="input")
            stream = sd.RawInputStream(samplerate=self.rate, channels=1, dtype="int16", callback=self._on_block)
            self._stop_block = sd.CallbackStop
            stream.start()
        except (ValueError, sd.PortAudioError) as exc:
            raise NoMicrophone(f"no microphone found ({exc})") from None
        self._stream = stream

    def _on_block(self, data, _frames, _time, _status) -> None:
        """PortAudio's thread: copy and go; past the longest clip, end the stream."""
        block = bytes(data)[:self._room]
        self._room -= len(block)
        self._blocks.put(block)
        if self._room <= 0:
            self.full.set()
            raise self._stop_block

    def recording(self) -> bool:
        return self._stream is not None

    def stop(self) -> float:
        with self._lock:
            stream, self._stream = self._stream, None
        if stream is None:
            raise NoMicrophone("nothing is being recorded")
        stream.stop()
        stream.close()
        chunks = []
        while not self._blocks.empty():
            chunks.append(self._blocks.get_nowait())
        samples = b"".join(chunks)
        if not samples:
            raise NoMicrophone("the microphone gave no sound at all; check that it is connected and switched on")
        write_wav(self.out, samples, self.rate)
        return len(samples) / 2 / self.rate
