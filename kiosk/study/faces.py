"""Which scales may be shown with faces: a study rule, not a widget's choice.

A smiling face at the high end says "high is good". That holds for the SEQ (very easy) and for a
plan's own scales, whose authors opted in with ``pictorial = true``; it is false for SUS (half of its
items are negative) and NASA-TLX (high workload is bad), so those never get faces.
"""

from __future__ import annotations

from kiosk.study.model import Question, QuestionKind, QuestionnaireOptions

#: instruments whose high end is the good end (None: the plan's own questions)
HIGH_IS_GOOD = (None, "seq")


def shows_faces(options: QuestionnaireOptions, question: Question) -> bool:
    return options.pictorial and question.kind is QuestionKind.LIKERT and question.instrument in HIGH_IS_GOOD
