"""A Serbian console says every refusal in Serbian (issue 9): domain errors carry catalog words, not only English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from conftest import make_kiosk
from kiosk.explained import ExplainedError
from kiosk.study.model import ConsentMethod
from kiosk.i18n import default_catalog
from kiosk.qt.explain import explain

pytestmark = pytest.mark.gui
LANG = "sr-Cyrl"


@pytest.fixture
def serbian_kiosk(qtbot, store, demo_study, clock):
    controller = make_kiosk(qtbot, store, [demo_study], clock, LANG)
    controller.console.show()
    yield controller
    controller.bridge = None


def _start(kiosk, qtbot, facilitator: str, code: str) -> str:
    page = kiosk.console.start_page
    page.facilitator_edit.setText(facilitator)
    page.code_edit.setText(code)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    return page.error_label.text()


def test_start_refusals_are_in_the_console_language(serbian_kiosk, qtbot, demo_study) -> None:
    t = default_catalog()
    assert _start(serbian_kiosk, qtbot, "F-07", "Marko Petrovic") == t.text(LANG, "error.code_format_default")
    assert _start(serbian_kiosk, qtbot, "F-07", "P-0042") == ""
    serbian_kiosk.new_session()
    message = _start(serbian_kiosk, qtbot, "F-07", "P-0042")
    assert message == t.text(LANG, "error.code_taken", code="P-0042", study=demo_study.id)
    assert message.startswith("P-0042 је већ учествовао")


def test_a_refused_session_action_is_in_the_console_language(serbian_kiosk, qtbot) -> None:
    assert _start(serbian_kiosk, qtbot, "F-07", "P-0043") == ""
    bridge = serbian_kiosk.bridge
    assert bridge.run(bridge.engine.add_note, "") is False
    assert serbian_kiosk.console.session_page.message_label.text() == "Белешка мора да има текст или ознаку."


def test_a_too_long_note_names_the_note_and_its_limit_in_serbian(serbian_kiosk, qtbot) -> None:
    assert _start(serbian_kiosk, qtbot, "F-07", "P-0044") == ""
    bridge = serbian_kiosk.bridge
    assert bridge.run(bridge.engine.add_note, "x" * 10_001) is False
    assert serbian_kiosk.console.session_page.message_label.text() == (
        "Овај текст (белешка) је предугачак: највише 10.000 знакова, а има их 10.001. "
        "Скратите га или поделите на више делова.")


def test_an_error_without_words_of_its_own_is_framed_in_the_language() -> None:
    assert explain(ExplainedError("a guard fired"), default_catalog(), LANG) == "Ово сада не може: a guard fired"
    assert explain(RuntimeError("boom"), default_catalog(), "sr-Latn") == "Ovo sada ne može: boom"


def test_every_error_key_in_the_code_is_in_the_catalog() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path("kiosk").rglob("*.py"))
    keys = set(re.findall(r'key="(error\.[a-z_]+)"', source))
    keys |= {f"error.code_{rule}_{shape}" for rule in ("format", "not_in_study") for shape in ("default", "pattern")}
    assert len(keys) >= 16
    assert keys - default_catalog().keys("en") == set()


def test_a_text_too_long_says_which_field_in_the_console_language(serbian_kiosk, qtbot) -> None:
    """A new-user run: 'This text is too long' after typing 150 characters as the facilitator code did not say
    which of the form's fields was meant."""
    message = _start(serbian_kiosk, qtbot, "Ф" * 150, "P-0044")
    assert message == ("Овај текст (шифра или иницијали водитеља) је предугачак: највише 100 знакова, а има их 150. "
                       "Скратите га или поделите на више делова.")


def test_a_verbal_consent_without_a_witness_is_refused_in_the_console_language(serbian_kiosk, qtbot) -> None:
    """A new-user run saw 'Ovo sada ne može: consent cannot be saved without: witness (...)' on a Latin console."""
    assert _start(serbian_kiosk, qtbot, "F-07", "P-0045") == ""
    bridge = serbian_kiosk.bridge
    engine = bridge.engine
    engine.continue_from_welcome()
    engine.read_consent()
    engine.choose_consent_options({o.value: o.value == "take_part" for o in engine.study.consent.options})
    engine.confirm_consent_choices()
    engine.request_verbal_consent()
    assert bridge.run(engine.give_consent, ConsentMethod.VERBAL, None, "") is False
    assert serbian_kiosk.console.session_page.message_label.text() == \
        "Упишите име или шифру сведока: усмена сагласност захтева непристрасног сведока."
