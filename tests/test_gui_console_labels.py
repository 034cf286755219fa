"""The console's timeline and task box speak the console's language, in the words the participant saw (issue 9).

Before this the timeline read "Одговор на age_band: 18-34" and the task box showed English success criteria
to a Serbian facilitator.
"""

from __future__ import annotations

import pytest
from conftest import consent
from test_session_report_labels import _edited_plan

from kiosk.i18n import default_catalog
from kiosk.session import SessionEngine, Step

pytestmark = pytest.mark.gui


@pytest.fixture
def console_in(qtbot, store, clock):
    from kiosk.qt.controller import KioskController
    from kiosk.theme import load_theme

    made = []

    def make(lang: str, study):
        controller = KioskController(store, [study], [], default_catalog(), lang, load_theme(), clock=clock,
                                     pin_prompt=lambda: True)
        qtbot.addWidget(controller.console, before_close_func=lambda w: w.allow_close())
        qtbot.addWidget(controller.participant, before_close_func=lambda w: w.allow_close())
        controller.console.resize(1280, 800)
        controller.console.show()
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.bridge = None


def _items(page) -> list[str]:
    return [page.timeline.item(i).text() for i in range(page.timeline.count())]


def test_timeline_and_task_box_in_serbian_from_the_sessions_own_plan(console_in, qtbot, store, demo_study,
                                                                      clock, tmp_path) -> None:
    engine = SessionEngine.start(store, demo_study, "C-0001", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    engine.answer("18-34")
    engine.skip_question()
    engine.answer(["phone", "computer"])
    assert engine.step is Step.INSTRUCTIONS
    # the console now runs the edited plan; the session keeps the words it was shown
    controller = console_in("sr-Cyrl", _edited_plan())
    controller.resume_session(engine.record.id)
    controller.take_back()
    page = controller.console.session_page
    items = _items(page)
    assert any(item.endswith("Одговор на „Колико имате година?”: 18 до 34") for item in items), items
    assert any(item.endswith("Без одговора на „Да ли сте раније користили електронске услуге…”") for item in items)
    assert any(item.endswith("Одговор на „Које уређаје користите?”: Мобилни телефон, Рачунар") for item in items)
    assert not any("age_band" in item or "18-34" in item or "phone" in item for item in items)

    first = controller.bridge.engine.current_task
    criteria = first.success_criteria.get("sr-Cyrl")
    assert page.task_box.isVisible()
    assert f"Критеријум успеха: {criteria}" in page.task_info.text()
    assert first.success_criteria.get("en") not in page.task_info.text()
    assert first.facilitator_notes.get("sr-Cyrl") in page.task_info.text()

    live = controller.bridge.engine
    assert controller.bridge.run(live.start_task)
    assert controller.bridge.run(live.end_task)
    catalog = default_catalog()
    from kiosk.session import Outcome

    assert controller.bridge.run(live.record_outcome, Outcome.SUCCESS)
    assert controller.bridge.run(live.answer, 7)
    qtbot.waitUntil(lambda: _items(page)[-1].endswith(f"7 — {catalog.text('sr-Cyrl', 'seq.high')}"))
    assert "Одговор на SEQ „" in _items(page)[-1]
    controller.console.grab().save(str(tmp_path / "console-sr-Cyrl.png"))


def test_a_latin_console_shows_the_criteria_in_latin(console_in, store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "C-0002", clock, facilitator="F1")
    engine.continue_from_welcome()
    consent(engine)
    for _ in demo_study.pre_questions:
        engine.skip_question()
    controller = console_in("sr-Latn", demo_study)
    controller.resume_session(engine.record.id)
    controller.take_back()
    page = controller.console.session_page
    task = controller.bridge.engine.current_task
    assert task.success_criteria.get("sr-Latn") in page.task_info.text()
    assert task.facilitator_notes.get("sr-Latn") in page.task_info.text()
    assert not any(ch in page.task_info.text() for ch in "абвгдђежзијклљмнњопрстћуфхцчџш")
