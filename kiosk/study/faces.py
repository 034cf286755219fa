"""Which picture a rating scale shows beside its numbers: a study rule, not a widget's choice.

Pictures help participants who read with difficulty, so every rating scale can have them: the plan turns
them on for everyone (``pictorial = true``), the facilitator for one participant (``engine.access.pictures``).
Which picture depends on what the scale's high end means. A smiling face at the high end says "high is
good": true for the SEQ (very easy), UMUX-Lite (agreeing that it meets my needs, that it is easy), a SUS whose
items are all positive, and a plan's own scales when the plan's author vouched for their direction by
opting in with ``pictorial = true``. Where a smile would mislead, the scale gets a neutral picture of amount
(from one bar to many, no face): the standard SUS (half of its items are negative, so agreeing is bad there),
NASA-TLX (high workload is bad), and a plan's own scale shown with pictures only because this participant
needs them (nobody said which end is good).
"""

from __future__ import annotations

from enum import Enum

from kiosk.study.model import Question, QuestionKind, QuestionnaireOptions

#: instruments whose high end is the good end whatever the plan says
HIGH_IS_GOOD = ("seq", "umux_lite")


class Picture(Enum):
    NONE = "none"
    #: a face from frowning (low) to smiling (high)
    FACES = "faces"
    #: bars from one to many: how much, with no judgement
    AMOUNT = "amount"


def scale_picture(options: QuestionnaireOptions, question: Question, wanted: bool = False) -> Picture:
    """The picture for ``question``; ``wanted``: this participant's aid (pictures on rating scales)."""
    if question.kind is not QuestionKind.LIKERT or not (options.pictorial or wanted):
        return Picture.NONE
    if question.instrument in HIGH_IS_GOOD:
        return Picture.FACES
    if question.instrument == "sus" and options.sus_version == "all_positive":
        return Picture.FACES
    if question.instrument is None and options.pictorial:
        return Picture.FACES
    return Picture.AMOUNT


def shows_faces(options: QuestionnaireOptions, question: Question) -> bool:
    """Faces where the plan alone asks for pictures (kept for callers that know no participant)."""
    return scale_picture(options, question) is Picture.FACES
