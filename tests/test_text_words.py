"""A refused free text names its field in the reader's language (issue 9): "note", "contact" and the
others are catalog words, never English inside a Serbian sentence; the limits are written the language's way."""

from __future__ import annotations

import re

import pytest

from kiosk.i18n import default_catalog
from kiosk.i18n.explain import explain
from kiosk.session import InvalidAction, SessionEngine
from kiosk.text import CONTACT, FIELDS, NOTE, InvalidText, clean_text


def _refusal(value: object, field) -> InvalidText:
    with pytest.raises(InvalidText) as caught:
        clean_text(value, field)
    return caught.value


def test_a_too_long_note_is_refused_in_serbian_and_english() -> None:
    error = _refusal("x" * 10_001, NOTE)
    assert explain(error, default_catalog(), "sr-Cyrl") == (
        "Овај текст (белешка) је предугачак: највише 10.000 знакова, а има их 10.001. "
        "Скратите га или поделите на више делова.")
    assert explain(error, default_catalog(), "en") == (
        "This text (note) is too long: at most 10,000 characters, and it has 10,001. "
        "Shorten it, or split it into several.")
    assert explain(error, default_catalog(), "sr-Latn").startswith("Ovaj tekst (beleška) je predugačak")
    assert str(error).startswith("a note can be at most 10,000 characters long; this one has 10,001.")


def test_a_too_long_contact_names_the_contact() -> None:
    error = _refusal("7" * 201, CONTACT)
    assert explain(error, default_catalog(), "sr-Cyrl").startswith(
        "Овај текст (број телефона или имејл адреса) је предугачак: највише 200 знакова, а има их 201.")


def test_what_is_not_text_is_refused_in_serbian_too() -> None:
    error = _refusal(b"bytes", NOTE)
    assert str(error) == "a note must be text, not bytes"
    assert explain(error, default_catalog(), "sr-Cyrl") == (
        "Овај текст (белешка) није могуће прочитати (bytes); откуцајте га поново.")
    assert explain(error, default_catalog(), "en") == "This text (note) could not be read (bytes); type it again."


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.label)
def test_every_field_has_serbian_words_for_both_refusals(field) -> None:
    for value in ("x" * (field.limit + 1), 42):
        words = explain(_refusal(value, field), default_catalog(), "sr-Cyrl")
        assert not re.search("[A-Za-z]", words.replace("int", "")), words


def test_the_engine_passes_the_field_words_on(store, demo_study, clock) -> None:
    engine = SessionEngine.start(store, demo_study, "P-0001", clock, facilitator="F1")
    with pytest.raises(InvalidAction) as caught:
        engine.add_note("x" * 10_001, [])
    assert explain(caught.value, default_catalog(), "sr-Cyrl").startswith("Овај текст (белешка) је предугачак")
