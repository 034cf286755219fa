"""One line of plain language per event, for the console timeline and session reports.

``study`` is the plan snapshot the session ran: answers are named by the words the participant saw there.
"""

from __future__ import annotations

from kiosk.i18n import Catalog
from kiosk.i18n.formats import percent
from kiosk.session.events import EventKind
from kiosk.store.records import EventRecord
from kiosk.study.labels import find_question, question_in_line, value_label
from kiosk.study.model import Study


#: reasons the code itself records when none is typed, and the message that says them in any language
DEFAULT_REASONS = {"participant stopped": "console_flow.reason_participant_stopped",
                   "withdrawn by the facilitator": "console_flow.reason_facilitator"}


def _task_title(study: Study, task_id: str | None, lang: str) -> str:
    if not task_id:
        return ""
    try:
        return study.task(task_id).title.get_or_fallback(lang)
    except KeyError:
        return task_id


def _screen_title(study: Study, screen_id: str, lang: str) -> str:
    """A prototype screen by its title in the plan, else its id (screens need no title)."""
    for prototype in study.prototypes.values():
        screen = prototype.screens.get(screen_id)
        if screen is not None and screen.title.values:
            return screen.title.get_or_fallback(lang)
    return screen_id


def describe_event(catalog: Catalog, lang: str, event: EventRecord, study: Study) -> str:
    p = event.payload
    kind = EventKind(event.kind)
    key = f"event.{kind.value}"
    if kind is EventKind.LANGUAGE_CHANGED:
        return catalog.text(lang, key, language=catalog.language_name(p["language"], in_lang=lang))
    if kind in (EventKind.TASK_STARTED, EventKind.TASK_SKIPPED):
        return catalog.text(lang, key, task=_task_title(study, p.get("task_id"), lang))
    if kind in (EventKind.OUTCOME_RECORDED, EventKind.OUTCOME_REVISED):
        if p.get("by") == "goal":
            key = "event.outcome_by_goal"
        text = catalog.text(lang, key, outcome=catalog.text(lang, f"outcome.{p['outcome']}"),
                            task=_task_title(study, p.get("task_id"), lang))
        return f"{text} ({p['assistance']})" if p.get("assistance") else text
    if kind in (EventKind.ANSWER_RECORDED, EventKind.ANSWER_SKIPPED):
        question_id = str(p.get("question_id", ""))
        question = find_question(study, question_id, p.get("instrument"), p.get("task_id"), catalog)
        return catalog.text(lang, key, question=question_in_line(catalog, lang, question, question_id),
                            value=value_label(catalog, lang, question, p.get("value")))
    if kind is EventKind.NOTE_ADDED:
        known = catalog.keys(lang)
        tags = " ".join(f"[{catalog.text(lang, f'tag.{t}') if f'tag.{t}' in known else t}]" for t in p.get("tags", []))
        return catalog.text(lang, key, text=f"{tags} {p.get('text', '')}".strip())
    if kind in (EventKind.SESSION_ABANDONED, EventKind.PARTICIPANT_WITHDREW):
        reason = p.get("reason", "")
        default_key = DEFAULT_REASONS.get(reason)  # defaults are stored in English; typed reasons are shown as typed
        return catalog.text(lang, key, reason=catalog.text(lang, default_key) if default_key else reason)
    if kind is EventKind.PROTOTYPE_TAPPED:
        screen, to = str(p.get("screen", "")), str(p.get("to", ""))
        if not p.get("hotspot"):
            return catalog.text(lang, "event.prototype_missed", screen=_screen_title(study, screen, lang))
        if p.get("goal"):
            return catalog.text(lang, "event.prototype_goal", screen=_screen_title(study, to, lang))
        return catalog.text(lang, key, screen=_screen_title(study, to, lang))
    if kind is EventKind.PROTOTYPE_HINT_SHOWN:
        return catalog.text(lang, key, screen=_screen_title(study, str(p.get("screen", "")), lang))
    if kind is EventKind.ACCESS_CHANGED:
        def on_off(flag: object) -> str:
            return catalog.text(lang, "access.on" if flag else "access.off")
        values = {"size": percent(lang, p.get("text_size", 100) / 100, 0), "reading": on_off(p.get("read_aloud")),
                  "pictures": on_off(p.get("pictures"))}
        if p.get("by") in ("participant", "facilitator"):  # who changed it: the participant on the welcome screen
            return catalog.text(lang, "event.access_changed_by", who=catalog.text(lang, f"access.by_{p['by']}"),
                                **values)
        return catalog.text(lang, key, **values)
    if kind is EventKind.SESSION_INTERRUPTED:
        return catalog.text(lang, key, seconds=round(p.get("gap_seconds", 0)))
    return catalog.text(lang, key)
