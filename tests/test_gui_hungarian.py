"""A whole session in Hungarian, chosen on the participant's screen like the other languages (pytest-qt).

The console runs in Hungarian too (``--lang hu``), so the session report and the receipt a participant
takes home are Hungarian from end to end, with ő and ű intact in the PDFs' text.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel

from conftest import KIOSK_PIN, HumanPace
from kiosk.qt.workers import drain_ordered_pool
from kiosk.session import Outcome, Step
from kiosk.session.summary import summarize
from kiosk.store import SessionStatus
from kiosk.study.model import ConsentOption

pytestmark = pytest.mark.gui

LANGUAGES = ["sr-Cyrl", "sr-Latn", "en", "hu"]


@pytest.fixture
def hungarian_kiosk(qtbot, store, demo_study, clock):
    """The app as ``ux-kiosk --lang hu`` builds it, on a temporary database, facilitator PIN set."""
    from kiosk.i18n import default_catalog
    from kiosk.lock import PinLock
    from kiosk.qt.controller import KioskController
    from kiosk.session.taps import TapGuard
    from kiosk.theme import load_theme

    lock = PinLock.in_folder(store.path.parent)
    lock.set_pin(KIOSK_PIN)
    controller = KioskController(store, [demo_study], [], default_catalog(), "hu", load_theme(), pin_lock=lock,
                                 clock=clock, pin_prompt=lambda: lock.check(KIOSK_PIN).accepted)
    controller.participant.tap_guard = TapGuard(clock=HumanPace())
    controller.console.session_page.tap_guard = TapGuard(clock=HumanPace())
    qtbot.addWidget(controller.console, before_close_func=lambda w: w.allow_close())
    qtbot.addWidget(controller.participant, before_close_func=lambda window: window.allow_close())
    controller.console.show()
    yield controller
    controller.bridge = None


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"cannot click {widget.accessibleName()!r}"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def start(kiosk, qtbot, width: int = 1280, height: int = 800) -> None:
    page = kiosk.console.start_page
    qtbot.keyClicks(page.facilitator_edit, "F-07")
    qtbot.keyClicks(page.code_edit, "P-0042")
    click(qtbot, page.start_button)
    assert kiosk.bridge is not None, page.error_label.text()
    kiosk.participant.showNormal()
    kiosk.participant.resize(width, height)


def labels(window) -> list[str]:
    return [label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window)]


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1920, 1080)])
def test_four_language_buttons_fit_the_screen_as_big_touch_targets(hungarian_kiosk, qtbot, width, height) -> None:
    start(hungarian_kiosk, qtbot, width, height)
    p = hungarian_kiosk.participant
    for step in ("welcome", "welcome in Hungarian", "consent"):  # the language screen, and a later screen
        qtbot.waitUntil(lambda: p.width() == width)
        assert (p.width(), p.height()) == (width, height), f"{step}: the window grew to fit its header"
        assert list(p.language_buttons) == LANGUAGES
        window = QRect(0, 0, width, height)
        target = p.language_buttons["hu"].sizeHint().height()
        for lang, button in p.language_buttons.items():
            box = QRect(button.mapTo(p, QPoint(0, 0)), button.size())
            assert button.isVisible() and window.contains(box), f"{step}: {lang} at {box} is off {window}"
            assert button.height() >= target and button.width() >= target, f"{step}: {lang} is {button.size()}"
        if step == "welcome":
            click(qtbot, p.language_buttons["hu"])
        elif step == "welcome in Hungarian":
            assert "Válasszon nyelvet" in labels(p) and p.stop_button.text() == "Abbahagyás"
            click(qtbot, p.next_button)
    assert p.language_buttons["hu"].isChecked() and p.next_button.text() == "Tovább"


def test_the_console_says_the_hungarian_consent_is_not_reviewed(hungarian_kiosk, qtbot) -> None:
    start_page = hungarian_kiosk.console.start_page
    note = "A hozzájárulási szöveget (magyar) anyanyelvi beszélő még nem ellenőrizte."
    assert start_page.consent_review_note.isVisibleTo(start_page)  # before the device is handed over
    assert start_page.consent_review_note.text().startswith(note)
    start(hungarian_kiosk, qtbot)
    page = hungarian_kiosk.console.session_page
    assert not page.consent_review_note.isVisibleTo(page)  # Serbian, the study's default: reviewed
    click(qtbot, hungarian_kiosk.participant.language_buttons["hu"])
    assert page.consent_review_note.isVisibleTo(page) and page.consent_review_note.text().startswith(note)
    click(qtbot, hungarian_kiosk.participant.language_buttons["en"])
    assert not page.consent_review_note.isVisibleTo(page)


def test_a_whole_session_runs_in_hungarian(hungarian_kiosk, qtbot, store, clock) -> None:
    kiosk = hungarian_kiosk
    assert kiosk.console.windowTitle() == "ux-kiosk: vizsgálatvezetői konzol"
    start(kiosk, qtbot)
    p, console, engine = kiosk.participant, kiosk.console.session_page, kiosk.bridge.engine

    click(qtbot, p.language_buttons["hu"])
    assert engine.language == "hu" and p.next_button.text() == "Kezdés"
    assert "eTámogatások: mezőgazdasági támogatás igénylése" in labels(p)
    click(qtbot, p.next_button)
    assert engine.step is Step.CONSENT and p.stop_button.text() == "Abbahagyás"
    assert any(text.startswith("Ezt a vizsgálatot egy közszolgáltatásokat tervező csapat végzi.") for text in labels(p))
    click(qtbot, p.next_button)
    options = p.screen_widget.choices.buttons
    assert "Hozzájárulok, hogy részt vegyek." in options["take_part"].text()
    for option in ("take_part", "quotes", "future_contact"):
        click(qtbot, options[option])
    click(qtbot, p.next_button)
    assert engine.step is Step.CONSENT_REVIEW and "Kérjük, ellenőrizze a választásait" in labels(p)
    click(qtbot, p.next_button)
    assert "Szólok a vizsgálatvezetőnek" in p.screen_widget.methods.buttons["verbal"].text()
    click(qtbot, p.screen_widget.methods.buttons["verbal"])
    assert engine.step is Step.CONSENT_VERBAL and any(text.startswith("Kérjük, mondja meg") for text in labels(p))

    kiosk.take_back()  # the facilitator confirms verbal consent with a witness, on a Hungarian console
    assert console.confirm_verbal_button.text().startswith("Szóbeli hozzájárulás megerősítése")
    console.witness_edit.setText("Szűcs Ödön")  # QTest types no accented letters
    click(qtbot, console.confirm_verbal_button)
    assert engine.step is Step.QUESTION and engine.permits(ConsentOption.QUOTES)
    click(qtbot, console.receipt_button)
    drain_ordered_pool(30_000)
    qtbot.waitUntil(lambda: not kiosk.jobs, timeout=20_000)
    receipt = store.path.parent / "receipts" / f"{engine.record.id}.pdf"
    assert "A hozzájárulási igazolás elmentve" in console.message_label.text()
    click(qtbot, console.show_participant_button)

    assert p.screen_widget.choices.buttons["65-74"].text() == "65 és 74 között"
    click(qtbot, p.screen_widget.choices.buttons["65-74"])
    click(qtbot, p.next_button)
    click(qtbot, p.screen_widget.skip_button)
    assert p.screen_widget.skip_button.text() == "Nem kívánok válaszolni"
    click(qtbot, p.next_button)
    click(qtbot, p.screen_widget.choices.buttons["phone"])
    click(qtbot, p.next_button)

    outcomes = [Outcome.SUCCESS, Outcome.SUCCESS, Outcome.PARTIAL, Outcome.FAILED, Outcome.SUCCESS]
    for number, outcome in enumerate(outcomes, start=1):
        assert engine.step is Step.INSTRUCTIONS and f"{number}. feladat (összesen 5)" in labels(p)
        assert p.next_button.text() == "Készen állok, kezdhetjük"
        click(qtbot, p.next_button)
        clock.advance(40 + number)
        click(qtbot, p.next_button)  # "Befejeztem"
        if p.overlay == "finish":  # a prototype task asks "Befejezte ezt a feladatot?" first
            click(qtbot, p.screen_widget.yes)
        kiosk.take_back()
        if number == 1:
            console.note_edit.setText("Azt mondja: a betűk túl kicsik")
            qtbot.keyClick(console.note_edit, Qt.Key.Key_Return)
        click(qtbot, console.outcome_buttons[outcome])
        click(qtbot, console.show_participant_button)
        assert "Összességében mennyire volt nehéz vagy könnyű elvégezni ezt a feladatot?" in labels(p)
        click(qtbot, p.screen_widget.scale.buttons[6])
        click(qtbot, p.next_button)
    for item in range(10):
        assert engine.current_question.instrument == "sus"
        click(qtbot, p.screen_widget.scale.buttons[4 if item % 2 == 0 else 2])
        click(qtbot, p.next_button)
    assert "Használná ezt a szolgáltatást otthon?" in labels(p)
    click(qtbot, p.screen_widget.choices.buttons["with-help"])
    click(qtbot, p.next_button)
    assert "Szeretne még valamit mondani nekünk erről a szolgáltatásról?" in labels(p)
    board = p.screen_widget.keyboard
    for letter in "jó":  # on the Hungarian on-screen keyboard
        click(qtbot, next(k for k in board.keys() if k.isVisible() and k.accessibleName() == letter))
    click(qtbot, p.next_button)
    assert engine.step is Step.CLOSING and "Köszönjük!" in labels(p)
    click(qtbot, p.next_button)
    assert engine.step is Step.ENDED

    record = store.session(engine.record.id)
    summary = summarize(record, store.events(record.id))
    assert record.status is SessionStatus.ENDED and summary.language == "hu"
    assert [t.outcome for t in summary.tasks] == outcomes and summary.answers["would_use"] == "with-help"
    assert summary.answers["anything_else"] == "jó"

    receipt_text = pdf_text(receipt)
    for expected in ("Igazolás a hozzájárulásról", "Őrizze meg ezt a lapot.", "P-0042",
                     "eTámogatások: mezőgazdasági támogatás igénylése", "Szűcs Ödön", "Magyar",
                     "Rögzíthetik a hangomat.", "A jelentésekben idézhetik, amit mondok, a nevem nélkül.",
                     "2027. december 31-ig, utána töröljük őket", "Bármikor visszavonhatja a hozzájárulását"):
        assert expected in receipt_text, expected
    assert "Consent receipt" not in receipt_text and "õ" not in receipt_text and "û" not in receipt_text

    kiosk.new_session()
    kiosk.write_session_report(record.id)
    drain_ordered_pool(60_000)
    qtbot.waitUntil(lambda: not kiosk.jobs, timeout=30_000)
    report = Path(kiosk.console.start_page.open_report_button.property("path"))
    report_text = pdf_text(report)
    for expected in ("Foglalkozási jelentés", "A feladatok eredménye", "Mezőgazdasági gazdaság bejegyzése",
                     "Sikeres", "Részben sikeres", "Sikertelen", "Válaszok", "Hány éves?", "65 és 74 között",
                     "Idővonal", "A foglalkozás elkezdődött", "Azt mondja: a betűk túl kicsik", "Magyar"):
        assert expected in report_text, expected
    assert "Session report" not in report_text and "Task outcomes" not in report_text
