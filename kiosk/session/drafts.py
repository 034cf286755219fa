"""Unconfirmed answers: what the participant has tapped but not yet confirmed with Next.

They are session state, not widget state, so a language switch, Back and Next, or a crash and
resume never wipe a tick. Each change is one DRAFT_SAVED event, committed like any other; the
confirmed answer (ANSWER_RECORDED, CONSENT_OPTIONS_CHOSEN) is still the only thing analysed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.study.model import Question, QuestionKind

#: the draft key of the consent options screen (question ids never contain a dot)
CONSENT_OPTIONS = "consent.options"


@dataclass(frozen=True)
class Draft:
    """A choice on screen: a value, or "I prefer not to answer" (a choice like the others)."""

    value: Any = None
    prefer_not: bool = False

    @property
    def chosen(self) -> bool:
        return self.prefer_not or self.value not in (None, "", [])

    def payload(self) -> dict[str, Any]:
        return {"value": self.value, "prefer_not": self.prefer_not}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Draft:
        return cls(payload.get("value"), bool(payload.get("prefer_not", False)))


def question_draft(drafts: Mapping[str, Any], answers: Mapping[str, Any], skipped: frozenset[str],
                   question: Question) -> Draft:
    """What a question's screen shows: the unconfirmed choice, else the confirmed answer or skip."""
    if question.id in drafts:
        return Draft.from_payload(drafts[question.id])
    if question.id in skipped:
        return Draft(prefer_not=True)
    return Draft(answers.get(question.id))


def with_exclusive_rule(question: Question, before: list[str], after: list[str]) -> list[str]:
    """Apply a tap to a multi-choice selection: an exclusive choice (such as "None") clears the
    others, and any other choice clears the exclusive ones. ``after`` is the selection the tap made."""
    exclusive = {c.id for c in question.choices if c.exclusive}
    added = [cid for cid in after if cid not in before]
    if not added:
        return after
    if any(cid in exclusive for cid in added):
        return [added[-1]]
    return [cid for cid in after if cid not in exclusive]


def mixes_exclusive(question: Question, ids: list[str]) -> bool:
    """True when a selection holds an exclusive choice together with any other."""
    if question.kind is not QuestionKind.MULTI_CHOICE or len(ids) < 2:
        return False
    exclusive = {c.id for c in question.choices if c.exclusive}
    return any(cid in exclusive for cid in ids)
