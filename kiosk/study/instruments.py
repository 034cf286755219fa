"""Standard questionnaires (SEQ, SUS) built from the message catalog, so their wording is translated once."""

from __future__ import annotations

from kiosk.i18n import Catalog, LocalText, default_catalog
from kiosk.study.model import Question, QuestionKind

SUS_ITEMS = 10
KNOWN_INSTRUMENTS = ("seq", "sus")


def _local(catalog: Catalog, key: str) -> LocalText:
    return LocalText({lang: catalog.text(lang, key) for lang in catalog.languages})


def seq_question(task_id: str, catalog: Catalog | None = None) -> Question:
    """The Single Ease Question: 1 (very difficult) to 7 (very easy), asked after each task."""
    catalog = catalog or default_catalog()
    return Question(
        id=f"seq:{task_id}",
        kind=QuestionKind.LIKERT,
        text=_local(catalog, "seq.question"),
        scale_min=1,
        scale_max=7,
        low_label=_local(catalog, "seq.low"),
        high_label=_local(catalog, "seq.high"),
        instrument="seq",
    )


def sus_questions(catalog: Catalog | None = None) -> tuple[Question, ...]:
    """The ten System Usability Scale items, 1 (strongly disagree) to 5 (strongly agree)."""
    catalog = catalog or default_catalog()
    return tuple(
        Question(
            id=f"sus:{n}",
            kind=QuestionKind.LIKERT,
            text=_local(catalog, f"sus.item{n}"),
            scale_min=1,
            scale_max=5,
            low_label=_local(catalog, "sus.low"),
            high_label=_local(catalog, "sus.high"),
            instrument="sus",
        )
        for n in range(1, SUS_ITEMS + 1)
    )


def instrument_questions(name: str, task_id: str | None = None) -> tuple[Question, ...]:
    if name == "seq":
        return (seq_question(task_id or "study"),)
    if name == "sus":
        return sus_questions()
    raise KeyError(name)
