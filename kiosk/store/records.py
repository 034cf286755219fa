"""Typed rows crossing the store boundary. Every row carries a global id and the laptop id (for the hub merge)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from kiosk.explained import ExplainedError
from kiosk.store.session_record import SessionRecord, SessionStatus

__all__ = ["ConsentRecord", "ContactRecord", "EventRecord", "Heartbeat", "IncompleteConsent", "PlanSnapshot",
           "SessionRecord", "SessionStatus", "Tombstone"]


@dataclass(frozen=True)
class PlanSnapshot:
    """The exact plan text a session runs against, and the folder its relative files (audio clips) came from."""

    content_hash: str
    study_id: str
    version: str
    source: str
    folder: str = ""


@dataclass(frozen=True)
class EventRecord:
    """One thing that happened, as committed. ``mono_ns`` is only comparable within one ``clock_epoch``."""

    id: str
    session_id: str
    seq: int
    kind: str
    utc: str
    mono_ns: int
    clock_epoch: str
    laptop_id: str
    payload: dict[str, Any] = field(default_factory=dict)

    def payload_json(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False, sort_keys=True)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class IncompleteConsent(ExplainedError, ValueError):
    """A consent record missing something the law needs to make it provable; it is never saved."""


@dataclass(frozen=True)
class ConsentRecord:
    """Proof of consent: who (by code), to what exact text, which options, how, before whom, when.

    Construction fails with :class:`IncompleteConsent` listing every missing part, so an incomplete
    record cannot exist, let alone be saved (the database's CHECK constraints say the same).
    """

    id: str
    session_id: str
    participant_code: str
    study_id: str
    plan_version: str
    consent_version: str
    text_sha256: str
    language: str
    script: str
    options: dict[str, bool]
    method: str
    facilitator: str
    utc: str
    local_time: str
    laptop_id: str
    signature_png: bytes | None = None
    witness: str = ""
    guardian: str = ""
    required_guardian: bool = False
    # The exact text shown and the ux-kiosk version that showed it (empty on records from before schema 5).
    text: str = ""
    app_version: str = ""

    def verifies(self) -> bool:
        """Whether the stored text is the one the SHA-256 was taken of: the proof, recomputed."""
        import hashlib  # not at start: the console shows before any consent is checked (issue 8)

        return bool(self.text) and hashlib.sha256(self.text.encode("utf-8")).hexdigest() == self.text_sha256

    def __post_init__(self) -> None:
        missing = [name for name in ("id", "session_id", "participant_code", "study_id", "plan_version",
                                     "consent_version", "language", "script", "method", "facilitator", "utc",
                                     "local_time", "laptop_id") if not str(getattr(self, name)).strip()]
        if len(self.text_sha256) != 64:
            missing.append("text_sha256 (the SHA-256 of the consent text shown)")
        elif self.text and not self.verifies():
            missing.append("text (the text stored is not the one text_sha256 was taken of)")
        if self.options.get("take_part") is not True:
            missing.append("options.take_part (taking part must be agreed to)")
        if not all(isinstance(v, bool) for v in self.options.values()):
            missing.append("options (every option must be yes or no)")
        if self.method in ("signature", "mark"):
            if not self.signature_png or not self.signature_png.startswith(PNG_SIGNATURE):
                missing.append(f"signature_png (a {self.method} must be captured as an image)")
        elif self.method == "verbal":
            if not self.witness.strip():
                missing.append("witness (verbal consent needs an impartial witness)")
        else:
            missing.append(f"method ({self.method!r} is not signature, mark or verbal)")
        if self.required_guardian and not self.guardian.strip():
            missing.append("guardian (a participant under 18 needs a parent or guardian's consent)")
        if missing:
            # the first thing a facilitator can supply names the message (the rest are the code's own guards)
            key = ("error.witness_needed" if any(m.startswith("witness") for m in missing)
                   else "error.guardian_consent_needed" if any(m.startswith("guardian") for m in missing) else None)
            raise IncompleteConsent("consent cannot be saved without: " + "; ".join(missing), key=key)


@dataclass(frozen=True)
class Heartbeat:
    """When a session was last known to be running: wall time and the monotonic clock of that run."""

    utc: str
    mono_ns: int
    clock_epoch: str


@dataclass(frozen=True)
class ContactRecord:
    """How to reach a participant who agreed to future studies; kept apart from the session's data."""

    id: str
    participant_code: str
    study_id: str
    session_id: str
    contact: str
    utc: str


@dataclass(frozen=True)
class Tombstone:
    """What stays after a participant's data are erased: enough for the hub to erase its copy too."""

    id: str
    participant_code: str
    study_id: str
    withdrawn_utc: str
    reason: str
    laptop_id: str
