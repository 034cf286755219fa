"""The demo's texts say what the kiosk shows (issue 10, second new-user run): the first task has no prototype, yet
the participant read "do the task on the prototype" and the facilitator note said the prototype starts on the
home page. A task without a prototype never talks about one, in any language; the notes of a prototype task
name only labels its screens (or the kiosk) show."""

from __future__ import annotations

import re

from kiosk.i18n import default_catalog
from kiosk.qt import demo_texts
from kiosk.resources import demo_plan_path
from kiosk.study import load_plan

PROTOTYPE_WORDS = ("prototyp", "прототип", "prototip", "próbaváltozat")


def _texts(task, languages):
    for field in (task.title, task.instructions, task.facilitator_notes, task.success_criteria):
        for lang in languages:
            if field.available(lang):
                yield lang, field.get(lang)


def test_a_task_without_a_prototype_never_mentions_one() -> None:
    study = load_plan(demo_plan_path())
    plain = [task for task in study.tasks if task.prototype is None]
    assert plain, "the demo has tasks off the kiosk"
    catalog = default_catalog()
    for task in plain:
        shown = [*_texts(task, study.languages),
                 *((lang, catalog.text(lang, "participant.task_running_hint")) for lang in study.languages)]
        for lang, text in shown:
            assert not any(word in text.lower() for word in PROTOTYPE_WORDS), (task.id, lang, text)


def test_the_notes_of_a_prototype_task_quote_only_what_the_screens_say() -> None:
    study = load_plan(demo_plan_path())
    on_screen = {demo_texts.text(key, "en").strip(" ›‹") for key in demo_texts.keys()}
    on_kiosk = {default_catalog().text("en", "participant.task_done")}
    for task in study.tasks:
        if task.prototype is None:
            continue
        for quoted in re.findall(r"(?<!\w)'([^']+)'(?!\w)", task.facilitator_notes.get("en")):
            assert quoted in on_screen | on_kiosk, (task.id, quoted)
        notes = task.facilitator_notes.get("en") + task.success_criteria.get("en")
        assert "crop list" not in notes, task.id  # the prototype offers kinds of subsidy; its form shows the crop
