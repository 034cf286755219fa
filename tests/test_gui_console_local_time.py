"""The console shows times in the laptop's local time and its language's format (issue 9), never UTC:
the resume rows and the sessions table of the start page; and a refused note names its field in Serbian."""

from __future__ import annotations

import time

import pytest

from kiosk.i18n import default_catalog
from kiosk.session import SessionEngine

pytestmark = pytest.mark.gui


@pytest.fixture
def belgrade(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "Europe/Belgrade")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def _start_page(qtbot, store, demo_study, lang: str):
    from kiosk.qt.console.start_page import StartPage

    page = StartPage(default_catalog(), lang, store, [demo_study], [])
    qtbot.addWidget(page)
    return page


def test_the_resume_row_and_the_table_show_local_time_in_serbian(qtbot, store, demo_study, clock, belgrade) -> None:
    SessionEngine.start(store, demo_study, "P-0001", clock, facilitator="F1")  # 09:00 UTC, left unfinished
    page = _start_page(qtbot, store, demo_study, "sr-Cyrl")
    assert page.resume_label.text() == ("P-0001 · demo-farm-subsidy · на кораку „Добродошлица и језик” · "
                                        "почетак 2. 11. 2026. 10:00")
    assert page.table.item(0, 4).text() == "2. 11. 2026. 10:00"
    assert page.table.horizontalHeaderItem(4).text() == "Почетак"


def test_the_resume_row_in_english_is_local_time_too(qtbot, store, demo_study, clock, belgrade) -> None:
    SessionEngine.start(store, demo_study, "P-0001", clock, facilitator="F1")
    page = _start_page(qtbot, store, demo_study, "en")
    assert page.resume_label.text().endswith("started Nov 2, 2026, 10:00\u202fAM")
    assert "UTC" not in page.resume_label.text()
    assert page.table.horizontalHeaderItem(4).text() == "Started"
