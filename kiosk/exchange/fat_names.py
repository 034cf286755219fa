"""Names a bundle may use on any destination: what a FAT32/exFAT stick, Windows and an SFTP server all accept.

USB sticks are FAT32 or exFAT: no ``: * ? " < > | \\``, no trailing dot or space, device names (``CON``,
``NUL``, ``COM1`` ...) refused even with an extension, names compared without case, and no file of 4 GiB or
more (FAT32). Rather than list what is forbidden, a name here is made of letters (of any script: long
names on FAT32 and exFAT are UTF-16), digits, ``_``, ``-`` and ``.``, starting with a letter, digit or
``_``, so it never looks like a hidden or partial folder (``.partial-``). This accepts what the bundle
writer's own escaping (``safe_component``: any script kept, ``_`` before a device name) produces.
"""

from __future__ import annotations

import re

from kiosk.exchange.destination_errors import UnsafeName

#: Folder (on the destination) where the hub leaves signed receipts, one file per received bundle; never a
#: bundle's name. Defined here, not in ``sink`` (which re-exports it): sink -> written -> fat_names -> sink
#: was an import cycle.
RECEIPTS_FOLDER = "receipts"

#: FAT32's limit is 4 GiB - 1 byte per file; exFAT has none, but a stick's format is not known in advance.
MAX_FILE_BYTES = 4 * 1024 ** 3 - 1
#: Longest name of one path component (FAT32/exFAT long names: 255 UTF-16 units; ASCII only here).
MAX_NAME = 255
#: Longest relative path inside a bundle, so that ``E:/<inbox>/<bundle>/<relpath>`` stays within Windows' 260.
MAX_RELPATH = 200

_SAFE = re.compile(r"\w[\w.-]*")
_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def check_name(name: str) -> str:
    """``name`` if one path component made of it is safe everywhere; else ``UnsafeName``."""
    if (not isinstance(name, str) or len(name) > MAX_NAME or not _SAFE.fullmatch(name) or name.endswith(".")
            or name.split(".", 1)[0].lower() in _DEVICES):
        raise UnsafeName(
            f"the name {name!r} cannot be written on a USB stick (FAT32/exFAT): use only letters, digits, "
            "'-', '_' and '.', starting with a letter, digit or '_'", key="exchange.error.unsafe_name",
            name=str(name))
    return name


def check_bundle_name(name: str) -> str:
    check_name(name)
    if name.lower() == RECEIPTS_FOLDER:
        raise UnsafeName(f"a bundle cannot be named {name!r}: that is the hub's receipts folder",
                         key="exchange.error.unsafe_name", name=name)
    return name


def check_relpath(relpath: str) -> tuple[str, ...]:
    """The components of a file's path inside a bundle ("a/b.txt", "/" only), each one checked."""
    if not isinstance(relpath, str) or len(relpath) > MAX_RELPATH:
        raise UnsafeName(f"the path {relpath!r} is too long for a USB stick (at most {MAX_RELPATH} characters)",
                         key="exchange.error.unsafe_name", name=str(relpath))
    return tuple(check_name(part) for part in relpath.split("/"))


def folded(relpath: str) -> str:
    """The path as a case-insensitive file system sees it: two files that fold alike would overwrite each other."""
    return relpath.lower()
