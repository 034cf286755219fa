"""``ux-kiosk sync TARGET``: a folder or an sftp:// address, and anything else refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.exchange.destination_errors import DestinationMissing
from kiosk.exchange.folder import FolderDestination
from kiosk.exchange.targets import TargetOptions, open_destination, parse_sftp


@pytest.mark.parametrize(("text", "user", "host", "port", "path", "url"), [
    ("sftp://hub@10.0.0.2/srv/inbox", "hub", "10.0.0.2", 22, "/srv/inbox", "sftp://hub@10.0.0.2/srv/inbox"),
    ("sftp://hub@hub.example.org:2222/srv/inbox/", "hub", "hub.example.org", 2222, "/srv/inbox",
     "sftp://hub@hub.example.org:2222/srv/inbox"),
    ("sftp://field-01@hub/~/inbox", "field-01", "hub", 22, "inbox", "sftp://field-01@hub/~/inbox"),
    ("sftp://field-01@hub", "field-01", "hub", 22, ".", "sftp://field-01@hub/~/."),
    ("SFTP://hub@[::1]:22/in%20box", "hub", "::1", 22, "/in box", "sftp://hub@[::1]/in box"),
])
def test_sftp_addresses_are_parsed(text: str, user: str, host: str, port: int, path: str, url: str) -> None:
    address = parse_sftp(text)
    assert (address.user, address.host, address.port, address.path) == (user, host, port, path)
    assert address.url == url


@pytest.mark.parametrize("text", ["sftp://10.0.0.2/inbox", "sftp://hub@/inbox", "sftp://hub@h:99999/x",
                                  "sftp://hub@h/x?y=1", "ssh://hub@h/x", "smb://server/share", "http://h/x", ""])
def test_other_addresses_are_refused_by_name(text: str) -> None:
    with pytest.raises(DestinationMissing) as caught:
        open_destination(text)
    assert caught.value.key == "exchange.error.bad_target"
    assert caught.value.values == {"target": text}


def test_a_password_in_the_address_is_refused_and_not_repeated() -> None:
    with pytest.raises(DestinationMissing) as caught:
        open_destination("sftp://hub:secret@10.0.0.2/inbox")
    assert caught.value.key == "exchange.error.password_in_url"
    assert "secret" not in str(caught.value) and "secret" not in repr(caught.value.values)


def test_a_path_is_a_folder_destination_checking_by_reading_back(tmp_path: Path) -> None:
    target = open_destination(f"  {tmp_path}  ")
    assert isinstance(target, FolderDestination) and target.path == tmp_path and target.read_back
    assert not open_destination(str(tmp_path), TargetOptions(read_back=False)).read_back  # type: ignore[attr-defined]


def test_a_windows_drive_path_is_a_folder_not_an_address() -> None:
    target = open_destination(r"E:\inbox")
    assert isinstance(target, FolderDestination)
