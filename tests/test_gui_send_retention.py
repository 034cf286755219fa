"""The Send window's retention box on real widgets: the setting in words, changed by keyboard and saved at once,
and a real send (real folder, real hub import, real receipts) that then says what it deleted from this laptop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.exchange.hub.importer import import_inbox
from kiosk.exchange.keys import init_hub, trust_hub
from kiosk.exchange.retention import FILE_NAME, Retention, load_retention, save_retention
from kiosk.exchange.send import SendReport
from kiosk.i18n import default_catalog
from kiosk.simulate import simulate


@pytest.fixture
def data_root(store, demo_study) -> Path:
    simulate(store, demo_study, 2, seed=5)
    return Path(store.path).parent


def open_window(qtbot, store, lang: str = "en"):
    from kiosk.qt.console.send_page import SendWindow

    window = SendWindow(default_catalog(), lang, store)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_the_setting_is_said_in_words_and_changed_by_keyboard(qtbot, store, data_root) -> None:
    window = open_window(qtbot, store)
    box = window.retention_box
    assert "stay on this laptop for ever" in box.words.text()
    assert not box.remove_check.isChecked() and not box.days_box.isEnabled()
    for widget in (box, box.remove_check, box.days_box):
        assert widget.accessibleName(), widget
    assert "recordings" in box.remove_check.text() and "Delete" in box.remove_check.text()

    box.remove_check.setFocus()
    qtbot.keyClick(box.remove_check, Qt.Key.Key_Space)
    assert load_retention(data_root) == Retention(30)
    assert "deleted from this laptop 30 days after the hub confirms" in box.words.text()
    assert box.days_box.isEnabled()

    qtbot.keyClick(box.remove_check, Qt.Key.Key_Tab)  # the next stop is the number of days
    assert box.days_box.hasFocus()
    qtbot.keyClick(box.days_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.days_box, "7")
    assert load_retention(data_root) == Retention(30), "nothing saved while typing"
    qtbot.keyClick(box.days_box, Qt.Key.Key_Return)
    assert load_retention(data_root) == Retention(7) and "7 days after" in box.words.text()
    qtbot.keyClick(box.days_box, Qt.Key.Key_Down)
    assert load_retention(data_root) == Retention(6)

    box.remove_check.setFocus()
    qtbot.keyClick(box.remove_check, Qt.Key.Key_Space)
    assert load_retention(data_root).keeps_for_ever and "for ever" in box.words.text()


def test_a_saved_setting_and_a_damaged_one_are_shown_in_the_console_language(qtbot, store, data_root) -> None:
    save_retention(data_root, Retention(0))
    window = open_window(qtbot, store, "sr-Cyrl")
    box = window.retention_box
    assert box.remove_check.isChecked() and box.days_box.value() == 0
    assert "чим центар потврди" in box.words.text()
    (data_root / FILE_NAME).write_text("{")
    second = open_window(qtbot, store, "sr-Cyrl")
    damaged = second.retention_box
    assert "Подешавање чувања" in damaged.words.text() and not damaged.remove_check.isChecked()
    damaged.remove_check.click()  # setting it again repairs the file
    assert load_retention(data_root) == Retention(30)


def test_a_send_says_what_it_deleted_from_this_laptop(qtbot, store, data_root, tmp_path) -> None:
    hub_dir = tmp_path / "hub"
    hub_key = init_hub(hub_dir)
    trust_hub(data_root, hub_key.public)
    from kiosk.exchange.hub.database import HubStore
    from kiosk.exchange.keys import laptop_identity

    hub = HubStore.open(hub_dir)
    hub.trust_laptop(laptop_identity(data_root).public, "Sombor")
    hub.close()
    recordings = []
    for record in store.sessions():
        path = data_root / "media" / record.id / "rec.wav"
        path.parent.mkdir(parents=True)
        path.write_bytes(b"\x01" * 1_500_000)
        recordings.append(path)
    stick = tmp_path / "stick"
    stick.mkdir()
    window = open_window(qtbot, store)
    window.retention_box.remove_check.click()
    window.retention_box.days_box.setValue(0)
    window.target_edit.setText(str(stick))
    with qtbot.waitSignal(window.send_finished, timeout=60_000):
        window.send_button.click()
    assert all(p.exists() for p in recordings) and "Deleted" not in window.status.text(), "sent, not confirmed"
    assert import_inbox(stick, hub_dir).outcomes
    with qtbot.waitSignal(window.send_finished, timeout=60_000) as done:
        window.send_button.click()
    assert isinstance(done.args[0], SendReport) and len(done.args[0].received) == 2
    assert "Deleted from this laptop under the retention setting: 2 files (3 MB) of 2 sessions" \
        in window.status.text(), window.status.text()
    assert not any(p.exists() for p in recordings)
    assert window.state_texts() == ["received by hub"] * 2


def test_a_send_with_a_damaged_setting_says_so_and_deletes_nothing(qtbot, store, data_root, tmp_path) -> None:
    recording = data_root / "media" / store.sessions()[0].id / "rec.wav"
    recording.parent.mkdir(parents=True)
    recording.write_bytes(b"\x02" * 1000)
    (data_root / FILE_NAME).write_text('{"media_days": -3}')
    stick = tmp_path / "stick"
    stick.mkdir()
    window = open_window(qtbot, store, "sr-Cyrl")
    window.target_edit.setText(str(stick))
    with qtbot.waitSignal(window.send_finished, timeout=60_000) as done:
        window.send_button.click()
    assert isinstance(done.args[0], SendReport) and done.args[0].sync.complete, "the bundles went all the same"
    assert "Подешавање чувања" in window.status.text() and "ниједан медиј није обрисан" in window.status.text()
    assert recording.exists()


def test_the_box_reads_the_setting_again_when_the_window_shows_and_before_a_send(qtbot, store, data_root,
                                                                                tmp_path) -> None:
    """Found by the second new-user trial: the box read the file once, so after 'ux-kiosk retention --media-days 0'
    in a terminal it still said no media would go while the send deleted them (and the reverse)."""
    window = open_window(qtbot, store)
    box = window.retention_box
    assert "for ever" in box.words.text()
    save_retention(data_root, Retention(0))  # the command line, meanwhile
    window.close()
    window.reload()  # what opening the window again does (StartPage.open_send_window)
    assert box.remove_check.isChecked() and "as soon as the hub confirms" in box.words.text()
    (data_root / FILE_NAME).write_text("{")  # damaged while the window is open
    stick = tmp_path / "stick"
    stick.mkdir()
    window.target_edit.setText(str(stick))
    with qtbot.waitSignal(window.send_finished, timeout=60_000):
        window.send_button.click()
        assert not box.remove_check.isChecked(), "read again before the send, not after"
