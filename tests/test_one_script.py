"""The one function every report string passes through: Serbian Latin ↔ Cyrillic, keeping codes and names."""

from __future__ import annotations

import pytest

from kiosk.reports.script import OneScript, any_cyrillic_to_latin, latin_to_cyrillic
from kiosk.translit import cyrillic_to_latin


@pytest.mark.parametrize("latin, cyrillic", [
    ("Ljubav i njiva, džep", "Љубав и њива, џеп"),
    ("LJUBAV NJIVA DŽEP", "ЉУБАВ ЊИВА ЏЕП"),
    ("Đorđe iz Čačka ćuti", "Ђорђе из Чачка ћути"),
    ("„Ne vidi dugme”", "„Не види дугме”"),
])
def test_serbian_latin_to_cyrillic_round_trips(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin) == cyrillic
    assert cyrillic_to_latin(cyrillic) == latin


def test_a_cyrillic_report_keeps_codes_ids_and_names_in_latin() -> None:
    guard = OneScript("sr-Cyrl").with_ids(["age_band", "check-eligibility"])
    text = "SUS 70,5 (C-), P-0042 rekao: age_band, check-eligibility, NASA-TLX, UMUX-Lite i ISO/IEC 25062 su ok."
    assert guard(text) == ("SUS 70,5 (C-), P-0042 рекао: age_band, check-eligibility, NASA-TLX, UMUX-Lite и "
                           "ISO/IEC 25062 су ок.")


def test_a_latin_report_has_no_cyrillic_left_even_from_other_languages() -> None:
    assert OneScript("sr-Latn")("Учесник P-0042: „Щука, ёж и я”") == "Učesnik P-0042: „Ščuka, jož i ja”"
    assert any_cyrillic_to_latin("Русин") == "Rusin"


def test_other_report_languages_are_left_as_written() -> None:
    assert OneScript("en")("Учесник said ok") == "Учесник said ok"


@pytest.mark.parametrize("text, english", [
    ("Reaches the confirmation page.", True),
    ("Participant hesitated at the second field", True),
    ("Did not see the button", True),
    ("Ne vidi dugme za slanje", False),
    ("Kaže da je forma predugačka", False),
    ("Zoološki vrt", False),
    ("Odustao je na trećem koraku", False),
])
def test_english_is_told_from_serbian_latin(text: str, english: bool) -> None:
    from kiosk.reports.script import looks_english

    assert looks_english(text) is english


def test_a_cyrillic_report_keeps_english_readable_and_serbian_latin_in_cyrillic() -> None:
    to_cyrillic = OneScript("sr-Cyrl")
    assert to_cyrillic("Reaches the confirmation page.") == "Reaches the confirmation page."
    assert to_cyrillic("Ne vidi dugme za slanje") == "Не види дугме за слање"
