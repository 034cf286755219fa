"""Read aloud is offered only in a language eSpeak NG really has a voice for; otherwise the screen says so.

A machine's eSpeak NG may lack a language (a minimal build, a Windows install without that data): here a
copy of the real voice data without Hungarian stands in for such a machine (``ESPEAK_DATA_PATH``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.session import Step
from kiosk.speech import SpeechUnavailable, can_speak, synthesize


def _espeak_data() -> Path:
    version = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Data at: (\S+)", version)
    assert match, version
    return Path(match.group(1))


@pytest.fixture
def espeak_without_hungarian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    assert shutil.which("espeak-ng"), "install espeak-ng (bash scripts/setup does it)"
    data = tmp_path / "espeak-ng-data"
    shutil.copytree(_espeak_data(), data, ignore=shutil.ignore_patterns("hu", "hu_dict"))
    monkeypatch.setenv("ESPEAK_DATA_PATH", str(tmp_path))
    return data


def test_a_language_whose_voice_is_missing_cannot_be_spoken(espeak_without_hungarian, tmp_path: Path) -> None:
    assert not can_speak("hu")  # the MBROLA Hungarian voice is still listed, but needs a program we do not ship
    assert can_speak("sr-Cyrl") and can_speak("en")
    with pytest.raises(SpeechUnavailable, match="^no voice for hu in eSpeak NG on this computer"):
        synthesize("Köszönjük", "hu", tmp_path / "hu.wav")


def test_with_the_voice_installed_hungarian_can_be_spoken() -> None:
    assert can_speak("hu")


def _read_aloud_on_the_consent_screen(kiosk, lang: str):
    kiosk.start_session(kiosk.console.start_page.studies[0], "P-0300", 1, "one_screen", facilitator="F1")
    engine = kiosk.bridge.engine
    engine.choose_language(lang)
    engine.continue_from_welcome()
    assert engine.step is Step.CONSENT
    window = kiosk.participant
    texts = [label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window)]
    return texts, window.read_aloud.button


def test_the_read_aloud_control_says_plainly_there_is_no_voice(espeak_without_hungarian, kiosk) -> None:
    """The consent screen's own button is gone (issue 12): the window's control, on every screen, says it."""
    _texts, button = _read_aloud_on_the_consent_screen(kiosk, "hu")
    assert not button.isEnabled() and button.accessibleName() == "Nincs hang"
    assert button.accessibleDescription() == "Ezen a számítógépen nincs felolvasó hang ehhez a nyelvhez."
    assert button.isVisibleTo(kiosk.participant)


def test_the_read_aloud_control_offers_reading_in_hungarian(kiosk) -> None:
    _texts, button = _read_aloud_on_the_consent_screen(kiosk, "hu")
    assert button.isEnabled() and button.accessibleName() == "Felolvasás" and not button.accessibleDescription()
