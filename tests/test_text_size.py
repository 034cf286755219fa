"""Text size as a rendering of the theme, the stretched pseudo language and button wrapping: plain rules, no Qt."""

from __future__ import annotations

import math
import re

import pytest

from kiosk.i18n import Catalog, LocalText
from kiosk.i18n.local_text import STRETCH_LANGUAGE, stretch
from kiosk.qt.participant.wrapping import longest_word, wrap_words
from kiosk.session.access import TEXT_SIZES
from kiosk.theme import available_themes, load_theme


@pytest.mark.parametrize("name", available_themes())
@pytest.mark.parametrize("size", TEXT_SIZES)
def test_every_text_size_scales_every_participant_text_and_no_target(name: str, size: int) -> None:
    theme = load_theme(name)
    scaled = theme.scaled(size / 100)
    for attr in ("body_pt", "heading_pt", "min_pt"):
        assert getattr(scaled, attr) >= getattr(theme, attr) * size / 100  # never below min_pt × scale
        assert getattr(scaled, attr) == math.ceil(getattr(theme, attr) * size / 100)
    assert (scaled.primary_target_mm, scaled.min_target_mm) == (theme.primary_target_mm, theme.min_target_mm)
    assert scaled.colors == theme.colors and scaled.text_scale == size / 100


def test_scaling_a_scaled_theme_starts_from_the_theme_not_from_the_last_size() -> None:
    theme = load_theme()
    def sizes(t):
        return t.body_pt, t.heading_pt, t.min_pt
    assert theme.scaled(2.0).scaled(1.25) == theme.scaled(1.25)
    for size in TEXT_SIZES:  # 22 pt × 1.75 = 39 pt, and back at 100% must be 22 pt again, not 23
        assert sizes(theme.scaled(size / 100).scaled(1.0)) == sizes(theme)


def test_the_stretched_language_doubles_every_message_and_keeps_its_placeholders() -> None:
    catalog = Catalog()
    english = catalog.keys("en")
    for key in sorted(english):
        if key.startswith("meta."):
            assert catalog.text(STRETCH_LANGUAGE, key) == catalog.text("en", key)  # settings, not text
            continue
        values = {name: "7" for name in catalog.placeholders(key) if name != "count"}
        if catalog.is_plural(key):
            source, stretched = catalog.plural("en", key, 7, **values), catalog.plural(STRETCH_LANGUAGE, key, 7, **values)
        else:
            source, stretched = catalog.text("en", key, **values), catalog.text(STRETCH_LANGUAGE, key, **values)
        if source.strip():
            assert len(stretched) >= 2 * len(source.replace("7", "")), key
            assert stretched != source


def test_stretch_keeps_placeholders_once_and_lines_apart() -> None:
    assert stretch("Next") == "[Ñēxt Ñēxt]"
    assert stretch("{count} files") == "[{count} fīlēš fīlēš]"
    assert re.findall(r"{\w+}", stretch("Question {number} of {total}")) == ["{number}", "{total}"]
    assert stretch("one\n\ntwo") == "[ōñē ōñē]\n\n[twō twō]"


def test_plan_texts_resolve_to_stretched_english_and_participants_are_never_offered_it() -> None:
    assert LocalText({"en": "Hello", "sr-Cyrl": "Здраво"}).get(STRETCH_LANGUAGE) == stretch("Hello")
    assert STRETCH_LANGUAGE not in Catalog().languages  # nor in plan checks, the CLI's --lang, a facilitator's list


def test_wrap_words_breaks_at_spaces_to_fit_and_never_inside_a_word() -> None:
    def advance(text: str) -> int:
        return len(text) * 10
    assert wrap_words("I am ready to start", 100, advance) == "I am ready\nto start"
    assert wrap_words("I am ready to start", 1000, advance) == "I am ready to start"
    assert wrap_words("Megszentségteleníthetetlenség is long", 100, advance) == \
        "Megszentségteleníthetetlenség\nis long"
    assert longest_word("Megszentségteleníthetetlenség is long", advance) == "Megszentségteleníthetetlenség"
