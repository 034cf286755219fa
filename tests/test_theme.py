"""Participant themes meet the contrast and size rules before anything is drawn."""

from dataclasses import replace

import pytest

from kiosk.theme import (
    MIN_TEXT_CONTRAST,
    TEXT_PAIRS,
    available_themes,
    contrast_problems,
    contrast_ratio,
    load_theme,
)


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the classic AA grey


@pytest.mark.parametrize("name", available_themes())
def test_every_text_pair_reaches_7_to_1(name: str) -> None:
    theme = load_theme(name)
    for fg, bg in TEXT_PAIRS:
        ratio = contrast_ratio(theme.colors[fg], theme.colors[bg])
        assert ratio >= MIN_TEXT_CONTRAST, f"{name}: {fg} on {bg} is {ratio:.2f}:1"


@pytest.mark.parametrize("name", available_themes())
def test_sizes_meet_the_brief(name: str) -> None:
    theme = load_theme(name)
    assert theme.min_pt >= 18 and theme.body_pt >= theme.min_pt
    assert theme.primary_target_mm >= 16 and theme.min_target_mm >= 10


def test_unknown_theme_names_the_choices() -> None:
    with pytest.raises(ValueError, match="high_contrast"):
        load_theme("neon")


@pytest.mark.parametrize("name", available_themes())
def test_every_edge_pair_reaches_3_to_1(name: str) -> None:
    """Borders on the page and on the control's fill, fills that are their own border, focus, disabled outline."""
    assert contrast_problems(load_theme(name)) == []


def test_the_theme_check_catches_a_weak_border_and_a_weak_text() -> None:
    theme = load_theme("standard")
    broken = replace(theme, colors={**theme.colors, "border": "#C8C8C8", "muted_text": "#8A8A8A"})
    problems = contrast_problems(broken)
    assert any("edge border #C8C8C8 on background" in p for p in problems)
    assert any("text muted_text #8A8A8A on background" in p for p in problems)
    assert any("edge muted_text" in p for p in problems) is False  # #8A8A8A is still 3.5:1: an outline may be
