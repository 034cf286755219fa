"""Hungarian (``hu``), the fourth language: a complete catalog, CLDR plurals, honest about its review status."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from kiosk.i18n import Catalog
from kiosk.resources import data_folder

HU_PO = data_folder("ui") / "i18n" / "hu.po"
COUNTS = (0, 1, 2, 5, 11, 21, 22, 25, 101, 112)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Catalog:
    return Catalog(cache=tmp_path_factory.mktemp("cache"))


def test_hungarian_is_a_shipped_language_named_in_every_catalog(catalog: Catalog) -> None:
    assert catalog.languages == ["sr-Cyrl", "sr-Latn", "en", "hu"]
    assert catalog.language_name("hu") == "Magyar"
    assert catalog.language_name("hu", in_lang="en") == "Hungarian"
    assert catalog.language_name("hu", in_lang="sr-Cyrl") == "Мађарски"
    assert catalog.language_name("hu", in_lang="sr-Latn") == "Mađarski"
    assert catalog.language_name("sr-Cyrl", in_lang="hu") == "Szerb (cirill betűs)"
    assert catalog.text("hu", "participant.next") == "Tovább"
    assert catalog.untranslated("hu") == [] and catalog.fuzzy("hu") == ()


def test_hungarian_plurals_one_other_with_the_noun_in_the_singular(catalog: Catalog) -> None:
    """CLDR: one/other; after a numeral Hungarian keeps the noun singular ("5 feladat"), so every n reads right."""
    assert [catalog.plural("hu", "count.tasks", n) for n in COUNTS] == [f"{n} feladat" for n in COUNTS]
    assert [catalog.plural("hu", "count.sessions", n) for n in COUNTS] == [f"{n} foglalkozás" for n in COUNTS]
    assert catalog.plural("hu", "lock.wrong_wait", 1) == "Hibás PIN-kód. Várjon 1 másodpercet a következő próbálkozásig."
    assert catalog.plural("hu", "lock.wrong_wait", 21).startswith("Hibás PIN-kód. Várjon 21 másodpercet")


def test_the_file_says_it_is_an_unreviewed_machine_assisted_draft() -> None:
    with HU_PO.open("rb") as handle:
        po = read_po(handle)
    assert str(po.locale) == "hu"
    assert "not yet reviewed by a native speaker" in (po.language_team or "")
    assert "machine-assisted" in (po.last_translator or "")


def test_hungarian_letters_are_the_double_acute_ones_not_lookalikes() -> None:
    """ő and ű, never õ/ô or û/ü̃ from a Latin-1 keyboard or font: a wrong accent is a spelling mistake."""
    with HU_PO.open("rb") as handle:
        po = read_po(handle)
    strings = [s for m in po if m.id for s in (m.string if isinstance(m.string, tuple) else (m.string,))]
    text = "\n".join(strings)
    assert not set(text) & set("õôûÕÔÛ")
    assert "ő" in text and "ű" in text


def test_the_translators_check_passes_for_hungarian() -> None:
    result = subprocess.run([sys.executable, "-m", "kiosk", "translations", str(HU_PO)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"hu\.po \(hu\): (\d+) of \1 messages translated, 0 to review", result.stdout), result.stdout


def test_lang_hu_is_accepted_in_any_case_for_the_console_and_the_command_line() -> None:
    from kiosk.cli.options import parse

    assert parse(["--lang", "HU", "sessions"]).lang == "hu"
    assert parse(["sessions", "--lang", "hu"]).lang == "hu"


def test_espeak_ng_reads_the_hungarian_consent_aloud(tmp_path) -> None:
    """Read aloud in Hungarian uses eSpeak NG's own Hungarian voice, not the English one reading Hungarian words."""
    import shutil
    import wave

    from kiosk.speech import ESPEAK_VOICES, can_speak, synthesize

    assert shutil.which("espeak-ng"), "install espeak-ng (bash scripts/setup does it)"
    voices = subprocess.run(["espeak-ng", f"--voices={ESPEAK_VOICES['hu']}"], capture_output=True, text=True,
                            check=True).stdout.split()
    assert "hu" in voices and can_speak("hu")
    path = synthesize("Egy új szolgáltatást próbál ki. Bármikor abbahagyhatja. Köszönjük, hogy időt szánt ránk.",
                      "hu", tmp_path / "hu.wav")
    with wave.open(str(path)) as wav:
        assert wav.getsampwidth() == 2 and wav.getnframes() / wav.getframerate() > 2.0
