"""What an answer may be: refused here before it is stored, so stored data is always analysable.

Kept apart from the engine (which re-exports ``InvalidAction``) so the engine stays one job: steps and commits.
"""

from __future__ import annotations

from kiosk.explained import ExplainedError
from kiosk.session.drafts import mixes_exclusive
from kiosk.study.model import Question, QuestionKind


class InvalidAction(ExplainedError, RuntimeError):
    """An action that does not fit the session's current step; the message says what would."""


def checked_answer(question: Question, value: object) -> object:
    """Refuse answers the question cannot have, so stored data is always analysable."""
    kind = question.kind
    if kind is QuestionKind.LIKERT:
        if isinstance(value, bool) or value not in question.scale_values:
            raise InvalidAction(f"{value!r} is not on the scale of {question.id} ({question.scale_values})")
    elif kind is QuestionKind.SINGLE_CHOICE:
        if not isinstance(value, str) or value not in {c.id for c in question.choices}:
            raise InvalidAction(f"{value!r} is not a choice of {question.id}")
    elif kind is QuestionKind.MULTI_CHOICE:
        ids = {c.id for c in question.choices}
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value) \
                or not set(value) <= ids:
            raise InvalidAction(f"{value!r} is not a selection of choices of {question.id}")
        if mixes_exclusive(question, value):
            only = ", ".join(c.id for c in question.choices if c.exclusive)
            raise InvalidAction(f"{only} in {question.id} cannot be chosen together with other choices")
        return sorted(set(value), key=[c.id for c in question.choices].index)
    elif not isinstance(value, str) or not value.strip():
        raise InvalidAction(f"an answer to {question.id} must be some text")
    return value.strip() if isinstance(value, str) else value
