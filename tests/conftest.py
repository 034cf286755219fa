"""Shared fixtures. Every test gets its own temporary data folder; nothing touches the user's data."""

from __future__ import annotations

import gc
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.resources import demo_plan_path  # noqa: E402
from kiosk.session.clock import SimulatedClock  # noqa: E402
from kiosk.store import Store  # noqa: E402
from kiosk.study import Study, load_plan  # noqa: E402


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread():
    """As the app does (kiosk.qt.garbage): widgets a test dropped must be destroyed here, on the GUI
    thread, never by a collection that a report job happens to trigger on the worker thread."""
    yield
    gc.collect()


@pytest.fixture(scope="session", autouse=True)
def _no_automatic_collection():
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "kiosk-home"
    monkeypatch.setenv("UX_KIOSK_HOME", str(home))
    return home


@pytest.fixture(scope="session", autouse=True)
def _demo_prototype_drawn() -> None:
    """The demo plan's prototype is drawn from code, never committed: draw it (if missing or out of date)
    before any test loads the demo plan, beside the plan itself, as scripts/setup does."""
    from kiosk.qt.demo_prototype import ready_demo_plan

    assert ready_demo_plan() == demo_plan_path(), "the checkout's demo study folder must be writable"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "data" / "kiosk.sqlite3")
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_study() -> Study:
    return load_plan(demo_plan_path())


def consent(engine, *agreed: str, method: str = "mark", witness: str = "", signature: bytes | None = None) -> None:
    """Walk the consent screens as a participant would: read, tick, review, confirm by mark (or verbally)."""
    from kiosk.simulate import mark_png
    from kiosk.study.model import ConsentMethod

    engine.read_consent()
    choice = {o.value: o.value == "take_part" or o.value in agreed for o in engine.study.consent.options}
    engine.choose_consent_options(choice)
    engine.confirm_consent_choices()
    if method == "verbal":
        engine.request_verbal_consent()
        engine.give_consent(ConsentMethod.VERBAL, witness=witness or "W-01")
    else:
        engine.give_consent(ConsentMethod(method), signature or mark_png())


@pytest.fixture
def clock() -> SimulatedClock:
    return SimulatedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))


#: the facilitator PIN set in the ``kiosk`` fixture's data folder
KIOSK_PIN = "2468"


def unexpected_pin_prompt() -> bool:
    """The kiosk fixture's PIN prompt: a test that means to be asked sets ``kiosk.pin_prompt`` itself;
    anything else asking would otherwise block on a modal dialog."""
    raise AssertionError("the PIN was asked for, but this test did not expect it")


class HumanPace:
    """The tap guard's clock in GUI tests: one second passes between any two readings, as between the
    taps of a participant who reads the screen first; tests of double taps use a clock of their own."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def make_kiosk(qtbot, store, studies, clock, lang: str = "en", theme="standard"):
    """A controller with both windows on ``store``, as the app builds it: the PIN set, taps at a human pace,
    every window closed at teardown without asking for the PIN. Tests set ``bridge = None`` when done."""
    from kiosk.i18n import default_catalog
    from kiosk.lock import PinLock
    from kiosk.qt.controller import KioskController
    from kiosk.session.taps import TapGuard
    from kiosk.theme import load_theme

    lock = PinLock.in_folder(store.path.parent)
    lock.set_pin(KIOSK_PIN)
    controller = KioskController(store, list(studies), [], default_catalog(), lang,
                                 load_theme(theme) if isinstance(theme, str) else theme, pin_lock=lock,
                                 clock=clock, pin_prompt=unexpected_pin_prompt)
    controller.participant.tap_guard = TapGuard(clock=HumanPace())
    controller.console.session_page.tap_guard = TapGuard(clock=HumanPace())
    qtbot.addWidget(controller.console, before_close_func=lambda w: w.allow_close())
    qtbot.addWidget(controller.participant, before_close_func=_close_participant)
    return controller


def _close_participant(window) -> None:
    """Closed at the test's end, when its store may be closed already: a draft the free-text screen keeps a
    second after the last key must not be written then (the app closes its store only after its windows)."""
    from PySide6.QtCore import QTimer

    for timer in window.findChildren(QTimer):
        timer.stop()
    window.allow_close()


@pytest.fixture
def kiosk(qtbot, store, demo_study, clock):
    """A controller with both windows on a temporary database, as the app builds it."""
    controller = make_kiosk(qtbot, store, [demo_study], clock)
    controller.console.show()
    yield controller
    controller.bridge = None
    _close_participant(controller.participant)  # before the store fixture closes its database
