"""Shared fixtures. Every test gets its own temporary data folder; nothing touches the user's data."""

from __future__ import annotations

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
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "kiosk-home"
    monkeypatch.setenv("UX_KIOSK_HOME", str(home))
    return home


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


class HumanPace:
    """The tap guard's clock in GUI tests: one second passes between any two readings, as between the
    taps of a participant who reads the screen first; tests of double taps use a clock of their own."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def kiosk(qtbot, store, demo_study, clock):
    """A controller with both windows on a temporary database, as the app builds it."""
    from kiosk.i18n import default_catalog
    from kiosk.qt.controller import KioskController
    from kiosk.session.taps import TapGuard
    from kiosk.theme import load_theme

    controller = KioskController(store, [demo_study], [], default_catalog(), "en", load_theme(), pin="2468",
                                 clock=clock)
    controller.participant.tap_guard = TapGuard(clock=HumanPace())
    qtbot.addWidget(controller.console)
    qtbot.addWidget(controller.participant)
    controller.console.show()
    yield controller
    controller.bridge = None
