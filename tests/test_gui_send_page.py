"""The console's Send to hub window on real widgets: reached from the start page by keyboard, the sync on the
ordered worker into a real folder, the table showing "sent", and Cancel stopping it with nothing lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.exchange.keys import init_hub, laptop_identity, trust_hub
from kiosk.exchange.send import SendReport
from kiosk.i18n import default_catalog
from kiosk.simulate import simulate
from kiosk.store.ledger import BundleState, entries
from sshd import sshd_server  # noqa: F401  (the fixture)


@pytest.fixture
def sessions(store, demo_study) -> Path:
    simulate(store, demo_study, 3, seed=5)
    return Path(store.path).parent


def open_window(qtbot, store, demo_study, lang: str = "en"):
    from kiosk.qt.console.start_page import StartPage

    page = StartPage(default_catalog(), lang, store, [demo_study], [])
    qtbot.addWidget(page)
    page.show()
    page.send_button.setFocus()
    qtbot.keyClick(page.send_button, Qt.Key.Key_Space)  # keyboard reachable: a focused button and Space
    window = page.send_window
    assert window is not None and window.isVisible()
    return page, window


def test_the_window_shows_both_keys_and_every_session_not_exported(qtbot, store, demo_study, sessions,
                                                                    tmp_path) -> None:
    trust_hub(sessions, init_hub(tmp_path / "hub").public)
    page, window = open_window(qtbot, store, demo_study)
    assert laptop_identity(sessions).public.fingerprint in window.laptop_key.text()
    assert "Hub key trusted" in window.hub_key.text()
    assert window.state_texts() == ["not exported"] * 3
    for widget in (window.target_edit, window.choose_button, window.send_button, window.cancel_button,
                   window.table, window.progress, page.send_button):
        assert widget.accessibleName(), widget


def test_send_runs_on_the_worker_into_a_folder_and_the_table_shows_sent(qtbot, store, demo_study, sessions,
                                                                         tmp_path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    _, window = open_window(qtbot, store, demo_study, "sr-Cyrl")
    window.target_edit.setText(str(stick))
    with qtbot.waitSignal(window.send_finished, timeout=60_000) as done:
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        assert not window.send_button.isEnabled() and window.cancel_button.isEnabled()
    report = done.args[0]
    assert isinstance(report, SendReport) and report.sync.complete
    assert window.state_texts() == ["послато"] * 3
    assert "Послато 3" in window.status.text()
    assert {e.state for e in entries(store)} == {BundleState.SENT}
    assert len([p for p in stick.iterdir() if p.is_dir()]) == 3
    assert window.send_button.isEnabled() and not window.cancel_button.isEnabled()


def test_cancel_stops_the_sync_and_nothing_is_lost(qtbot, store, demo_study, sessions, tmp_path) -> None:
    # a recording-sized file makes the first bundle long enough to cancel while it is being written
    first = store.sessions()[-1].id
    media = sessions / "media" / first
    media.mkdir(parents=True)
    (media / "recording.bin").write_bytes(os.urandom(48 * 1024 * 1024))
    trust_hub(sessions, init_hub(tmp_path / "hub").public)  # sealing too: slower, as in the field
    stick = tmp_path / "stick"
    stick.mkdir()
    _, window = open_window(qtbot, store, demo_study)
    window.target_edit.setText(str(stick))
    pressed: list[bool] = []

    def cancel_once(_progress) -> None:  # as a facilitator would: Cancel, once, while the first bundle is written
        if not pressed and window.cancel_button.isEnabled():
            pressed.append(True)
            window.cancel_button.click()

    window._relay.progressed.connect(cancel_once)
    with qtbot.waitSignal(window.send_finished, timeout=120_000) as done:
        window.send_button.click()
    report = done.args[0]
    assert report.sync.cancelled
    assert "Cancelled" in window.status.text() and "nothing on this laptop was deleted" in window.status.text()
    assert not [p for p in stick.iterdir() if p.is_dir() and not p.name.startswith(".partial-")]
    assert (media / "recording.bin").stat().st_size == 48 * 1024 * 1024
    assert len(store.sessions()) == 3
    assert window.state_texts() == ["not exported"] * 3

    with qtbot.waitSignal(window.send_finished, timeout=120_000) as done:
        window.send_button.click()
    assert done.args[0].sync.complete and window.state_texts() == ["sent"] * 3
    assert not list(stick.glob(".partial-*"))


def test_send_without_a_target_says_what_to_do(qtbot, store, demo_study, sessions) -> None:
    _, window = open_window(qtbot, store, demo_study, "hu")
    window.send_button.click()
    assert "sftp://" in window.status.text() and window.send_button.isEnabled()
    assert window.cancel_button.isEnabled() is False


def test_a_target_that_is_not_there_is_said_in_the_console_language(qtbot, store, demo_study, sessions,
                                                                     tmp_path) -> None:
    _, window = open_window(qtbot, store, demo_study, "sr-Cyrl")
    window.target_edit.setText(str(tmp_path / "unplugged"))
    with qtbot.waitSignal(window.send_finished, timeout=60_000):
        window.send_button.click()
    shown = window.status.text()
    assert "није пронађено" in shown and "is not there" not in shown, shown  # Serbian, not the English log text
    assert not (tmp_path / "unplugged").exists()
    assert window.state_texts() == ["није извезено"] * 3 and window.send_button.isEnabled()


def test_a_server_that_cannot_be_reached_is_said_in_the_console_language(qtbot, store, demo_study,
                                                                          sessions) -> None:
    import socket

    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _, window = open_window(qtbot, store, demo_study, "sr-Cyrl")
    window.target_edit.setText(f"sftp://kiosk@127.0.0.1:{port}/inbox")
    with qtbot.waitSignal(window.send_finished, timeout=60_000):
        window.send_button.click()
    shown = window.status.text()
    assert "127.0.0.1" in shown and "Ништа није послато" in shown, shown
    assert window.state_texts() == ["није извезено"] * 3 and window.send_button.isEnabled()


def test_closing_the_app_cancels_a_sync_rather_than_wait_for_it(qtbot, store, demo_study, clock, sessions,
                                                                 tmp_path) -> None:
    """Shutdown drains the ordered worker (an erasure must finish); a sync is cancelled first, so closing does
    not wait for a whole recording to be sealed and written, and the stick keeps only complete bundles."""
    first = store.sessions()[-1].id
    media = sessions / "media" / first
    media.mkdir(parents=True)
    (media / "recording.bin").write_bytes(os.urandom(48 * 1024 * 1024))
    stick = tmp_path / "stick"
    stick.mkdir()
    from kiosk.qt.controller import KioskController
    from kiosk.theme import load_theme

    kiosk = KioskController(store, [demo_study], [], default_catalog(), "en", load_theme(), pin_prompt=lambda: True,
                            clock=clock)  # not the kiosk fixture: shutdown deletes the windows it would close
    kiosk.console.show()
    page = kiosk.console.start_page
    page.open_send_window()
    window = page.send_window
    window.target_edit.setText(str(stick))
    window.send_button.click()
    kiosk.shutdown()
    assert not [p for p in stick.iterdir() if p.is_dir() and not p.name.startswith(".partial-")]
    assert (media / "recording.bin").stat().st_size == 48 * 1024 * 1024


def test_the_last_problem_is_worded_in_the_console_language(qtbot, store, demo_study, sessions) -> None:
    """The ledger keeps an error's catalog key and values, not only its English line, so the console says it in
    its own language (it showed the stored English to a Serbian facilitator)."""
    from kiosk.exchange.bundle import subjects
    from kiosk.exchange.destination_errors import from_os_error
    from kiosk.exchange.send import ledger_entry
    from kiosk.store.ledger import record_failure

    first = subjects(store)[0]
    error = from_os_error(OSError(28, "No space left on device"), "/media/stick", first.name)
    record_failure(store, ledger_entry(first, False), "/media/stick", error)
    _, window = open_window(qtbot, store, demo_study, "sr-Cyrl")
    problems = [window.table.item(i, 3).text() for i in range(window.table.rowCount())]
    serbian = default_catalog().text("sr-Cyrl", "exchange.error.destination_full", destination="/media/stick",
                                     bundle=first.name)
    assert problems[0] == serbian and "full" not in problems[0]
    assert problems[1:] == ["", ""]
    assert entries(store)[0].last_error.startswith("/media/stick is full")  # the English stays for logs


@pytest.mark.sshd
def test_the_console_sends_over_sftp_with_a_pinned_server_key_and_a_chosen_login_key(
        qtbot, store, demo_study, sessions, sshd_server, tmp_path) -> None:  # noqa: F811
    """The command line had --host-key and --identity; the console had neither, so a hub reached over SFTP
    could only be used from a terminal (unless ~/.ssh was set up by hand)."""
    inbox = sshd_server.root / "console-inbox"
    inbox.mkdir()
    _, window = open_window(qtbot, store, demo_study)
    for widget in (window.host_key_edit, window.login_key_edit, window.choose_login_key_button):
        assert widget.accessibleName()
    window.target_edit.setText(sshd_server.url(inbox))
    window.host_key_edit.setText(sshd_server.fingerprint)
    window.login_key_edit.setText(str(sshd_server.user_key))
    with qtbot.waitSignal(window.send_finished, timeout=120_000) as finished:
        window.send_button.click()
    assert isinstance(finished.args[0], SendReport), window.status.text()
    assert window.state_texts() == ["sent"] * 3
    assert len([p for p in inbox.iterdir() if not p.name.startswith(".")]) == 3

    window.host_key_edit.setText("SHA256:" + "A" * 43)  # a key that is not the server's: nothing is sent
    inbox2 = sshd_server.root / "console-inbox-2"
    inbox2.mkdir()
    window.target_edit.setText(sshd_server.url(inbox2))
    with qtbot.waitSignal(window.send_finished, timeout=120_000):
        window.send_button.click()
    assert list(inbox2.iterdir()) == [] and window.send_button.isEnabled()


def test_the_window_remembers_where_it_last_sent(qtbot, store, demo_study, sessions, tmp_path) -> None:
    """The address and the SFTP fields come back at the next visit (typed again each time, they were typed wrong);
    a server that could not be reached is not remembered; nothing secret is kept (a key's path, not the key)."""
    import socket

    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    stick = tmp_path / "stick"
    stick.mkdir()
    page, window = open_window(qtbot, store, demo_study)
    window.target_edit.setText(f"sftp://kiosk@127.0.0.1:{port}/inbox")
    with qtbot.waitSignal(window.send_finished, timeout=60_000):
        window.send_button.click()
    window.close()
    _, again = open_window(qtbot, store, demo_study)
    assert again.target_edit.text() == ""
    again.target_edit.setText(str(stick))
    again.host_key_edit.setText("SHA256:abc")
    again.login_key_edit.setText("/home/f/.ssh/hub_ed25519")
    with qtbot.waitSignal(again.send_finished, timeout=60_000):
        again.send_button.click()
    again.close()
    _, third = open_window(qtbot, store, demo_study)
    assert (third.target_edit.text(), third.host_key_edit.text(), third.login_key_edit.text()) == \
        (str(stick), "SHA256:abc", "/home/f/.ssh/hub_ed25519")
    saved = sessions / "send-target.json"
    assert saved.stat().st_mode & 0o077 == 0 and "PRIVATE KEY" not in saved.read_text()


def test_the_bar_moves_while_one_large_bundle_is_written(qtbot, store, demo_study, sessions, tmp_path) -> None:
    """Found by the new-user trial: with one 1 GB recording the bar stood at 0% for the whole bundle, as if the
    send had hung. The bar now moves with the bundle's bytes, against its expected size."""
    first = store.sessions()[-1].id
    media = sessions / "media" / first
    media.mkdir(parents=True)
    (media / "recording.bin").write_bytes(os.urandom(24 * 1024 * 1024))
    stick = tmp_path / "stick"
    stick.mkdir()
    _, window = open_window(qtbot, store, demo_study)
    window.target_edit.setText(str(stick))
    values: list[tuple[int, int]] = []
    window._relay.progressed.connect(lambda p: values.append((p.bundles_done, window.progress.value())))
    with qtbot.waitSignal(window.send_finished, timeout=120_000):
        window.send_button.click()
    during_first = {value for done, value in values if done == 0}
    assert len(during_first) > 3 and max(during_first) > 0, "it moved inside the first bundle"
    assert [value for _, value in values] == sorted(value for _, value in values), "never backwards"


def test_the_window_opened_again_starts_clean_unless_a_send_is_running(qtbot, store, demo_study, sessions,
                                                                        tmp_path) -> None:
    """Found by the new-user trial: reopened the next day, the window still showed the last run's full bar and
    its words, as if a send had just finished."""
    stick = tmp_path / "stick"
    stick.mkdir()
    page, window = open_window(qtbot, store, demo_study)
    window.target_edit.setText(str(stick))
    with qtbot.waitSignal(window.send_finished, timeout=60_000):
        window.send_button.click()
    assert window.status.text() and window.progress.value() > 0
    window.close()
    page.open_send_window()
    assert page.send_window is window
    assert window.status.text() == "" and window.progress.value() == 0
    assert window.target_edit.text() == str(stick), "what was typed stays"


def test_the_buttons_stay_put_whatever_the_status_says(qtbot, store, demo_study, sessions) -> None:
    """Found by the second new-user trial: the Send and Cancel buttons moved 14-28 px between idle, sending and
    finished, as the status grew from nothing to three lines, so a click aimed at Send could land elsewhere."""
    _, window = open_window(qtbot, store, demo_study)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.send_button.isVisible())
    places = []
    for text in ("", "Sending bundle s-1 (1 of 3)…", "3 sent.\nDeleted from this laptop: 4 files.\nThe hub key is…"):
        window.status.setText(text)
        qtbot.wait(20)
        places.append((window.send_button.mapTo(window, window.send_button.rect().topLeft()),
                       window.cancel_button.mapTo(window, window.cancel_button.rect().topLeft())))
    assert places[0] == places[1] == places[2]
