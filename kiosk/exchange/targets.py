"""What ``ux-kiosk sync TARGET`` was given: a folder path or an ``sftp://user@host[:port]/path`` address.

Anything that looks like another kind of address (``ssh://``, ``smb://``, ``http://``) is refused by name
rather than taken as a folder called ``smb:``; a Windows drive path (``E:\\inbox``) is a folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from kiosk.exchange.destination_errors import DestinationMissing
from kiosk.exchange.sink import Destination

if TYPE_CHECKING:  # paramiko loads only when an sftp:// target is used (about 0.1 s of imports)
    from kiosk.exchange.sftp import SftpAddress

_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")


@dataclass(frozen=True)
class TargetOptions:
    """The sync command's options about where bundles go (see ``kiosk.exchange.sftp.SshOptions``)."""

    known_hosts: Path | None = None
    host_key: str | None = None
    key_file: Path | None = None
    timeout: float = 20.0
    #: read every file back and compare its SHA-256; None: yes for a folder, no over SFTP (sftp.py says why)
    read_back: bool | None = None


def _bad(text: str) -> DestinationMissing:
    return DestinationMissing(f"{text} is neither a folder nor an address of the form sftp://user@host/path",
                              key="exchange.error.bad_target", target=text)


def parse_sftp(text: str) -> SftpAddress:
    """The ``SftpAddress`` of an ``sftp://`` URL; ``DestinationMissing`` (worded) when it is not one."""
    from kiosk.exchange.sftp import SftpAddress

    parts = urlsplit(text)
    if parts.scheme.lower() != "sftp" or not parts.hostname or not parts.username or parts.query or parts.fragment:
        raise _bad(text)
    if parts.password is not None:
        raise DestinationMissing("do not put a password in the address: sync logs in with an SSH key",
                                 key="exchange.error.password_in_url")
    try:
        port = parts.port or 22
    except ValueError:
        raise _bad(text) from None
    path = unquote(parts.path)
    if path in ("", "/~", "/~/"):
        path = "."
    elif path.startswith("/~/"):
        path = path[3:].rstrip("/") or "."
    else:
        path = path.rstrip("/") or "/"
    return SftpAddress(unquote(parts.username), parts.hostname, port, path)


def open_destination(text: str, options: TargetOptions | None = None) -> Destination:
    """The destination ``text`` names, connected (SFTP: host key checked, logged in) and ready for ``begin``."""
    options = options or TargetOptions()
    text = text.strip()
    if not text:
        raise _bad(text)
    if _ADDRESS.match(text):
        from kiosk.exchange.sftp import SftpDestination, SshOptions

        address = parse_sftp(text)
        return SftpDestination(address, SshOptions(
            known_hosts=options.known_hosts, host_key=options.host_key, key_file=options.key_file,
            timeout=options.timeout, read_back=bool(options.read_back)))
    from kiosk.exchange.folder import FolderDestination

    return FolderDestination(Path(text).expanduser(), read_back=options.read_back is not False)
