"""The words a participant saw for an answer stored by ids: the question's wording and the chosen option's label.

Events, summaries and CSV keep ids, because they are data; timelines and answer tables are read by people.
Every lookup goes to the plan snapshot the session ran (the ``study`` passed in), so a plan edited later
changes nothing already recorded, and an id that snapshot lacks reads as itself instead of failing.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.i18n import DERIVED_LANGUAGES, Catalog, LocalText
from kiosk.study.instruments import KNOWN_INSTRUMENTS, instrument_questions
from kiosk.study.model import Question, QuestionKind, Study

#: standard instrument names: the same in every language, as the literature cites them
INSTRUMENT_NAMES = {"seq": "SEQ", "sus": "SUS", "umux_lite": "UMUX-Lite", "nasa_tlx": "NASA-TLX",
                    "nasa_tlx_pair": "NASA-TLX"}
#: instruments whose items are numbered on paper (SUS 1–10, UMUX-Lite 1–2): the number stays in the name
_NUMBERED = ("sus", "umux_lite")
#: how many characters a question may take in a one-line description (console timeline) before it is cut
ONE_LINE = 48


def find_question(study: Study, question_id: str, instrument: str | None = None, task_id: str | None = None,
                  catalog: Catalog | None = None) -> Question | None:
    """The question an answer was given to, from the plan or the standard instrument; None if unknown."""
    # a plan's own post-task question is asked after every task as "<id>:<task id>" (plan ids have no ':')
    plan_id = question_id if instrument else question_id.split(":", 1)[0]
    for question in (*study.pre_questions, *study.post_task_questions, *study.post_session_questions):
        if question.id == plan_id:
            return question
    name = instrument or question_id.split(":", 1)[0]
    source = "nasa_tlx" if name == "nasa_tlx_pair" else name
    if source not in KNOWN_INSTRUMENTS:
        return None
    options = replace(study.options, nasa_tlx_weighted=True) if name == "nasa_tlx_pair" else study.options
    candidates = [q for q in instrument_questions(source, task_id, options, catalog) if q.instrument == name]
    for question in candidates:
        if question.id == question_id:
            return question
    # an answer whose task is not known (an older payload): an item's wording is the same for every task
    item = "seq" if name == "seq" else question_id.rsplit(":", 1)[-1]
    return next((q for q in candidates if q.item == item), None)


def question_heading(catalog: Catalog, lang: str, study: Study, question_id: str, instrument: str | None = None,
                     task_id: str | None = None) -> str:
    """The question's full wording, for answer tables; a standard item is named by its instrument first."""
    question = find_question(study, question_id, instrument, task_id, catalog)
    if question is None:
        return question_id
    text = question.text.get_or_fallback(lang)
    if question.instrument == "nasa_tlx_pair":
        text = f"{text} ({_pair(question, lang)})"
    name = _instrument_name(question)
    return catalog.text(lang, "event.instrument_question", instrument=name, question=text) if name else text


def question_in_line(catalog: Catalog, lang: str, question: Question | None, question_id: str) -> str:
    """The question in a few quoted words, for one-line descriptions: the plan's short form, or the text cut."""
    if question is None:
        return question_id
    if question.short is not None:
        words = question.short.get_or_fallback(lang)
    elif question.instrument == "nasa_tlx":
        words = catalog.text(lang, f"nasa_tlx.{question.item}")
    elif question.instrument == "nasa_tlx_pair":
        words = _pair(question, lang)
    else:
        words = elide(question.text.get_or_fallback(lang), ONE_LINE)
    quoted = catalog.text(lang, "event.quoted", text=words)
    name = _instrument_name(question)
    return f"{name} {quoted}" if name else quoted


def value_label(catalog: Catalog, lang: str, question: Question | None, value: object) -> str:
    """The answer as shown: a choice's label, a scale point with its label where the scale has one, or the text."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value_label(catalog, lang, question, v) for v in value)
    if question is None:
        return str(value)
    if isinstance(value, str):
        for choice in question.choices:
            if choice.id == value:
                return choice.label.get_or_fallback(lang)
        return value
    if question.kind is QuestionKind.LIKERT and isinstance(value, int) and not isinstance(value, bool):
        label = (question.low_label if value == question.scale_min else
                 question.high_label if value == question.scale_max else None)
        if label is not None and (words := label.get_or_fallback(lang)):
            return catalog.text(lang, "event.scale_point", value=value, label=words)
    return str(value)


def facilitator_text(text: LocalText, lang: str) -> str:
    """A facilitator-only plan text in ``lang``, else the nearest there is (English first, then any).

    A plain, untagged text written in Cyrillic is still shown in Latin to a Serbian Latin reader.
    """
    shown = text.get_or_fallback(lang)
    derived = DERIVED_LANGUAGES.get(lang)
    if derived is not None and text.shown_in(lang) != lang:
        return derived[1](shown)
    return shown


def elide(text: str, limit: int) -> str:
    """``text`` on one line in at most ``limit`` characters, cut at a word where one is near, marked with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    if text[limit - 1] != " ":
        space = head.rfind(" ")
        if space >= limit // 2:
            head = head[:space]
    return head.rstrip(" ,;:-–—") + "…"


def _instrument_name(question: Question) -> str:
    name = INSTRUMENT_NAMES.get(question.instrument or "", "")
    return f"{name} {question.item}" if name and question.instrument in _NUMBERED else name


def _pair(question: Question, lang: str) -> str:
    return " / ".join(choice.label.get_or_fallback(lang) for choice in question.choices)
