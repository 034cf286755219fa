"""Where the console last sent bundles, so a facilitator does not type an sftp:// address and a server key
fingerprint again at every visit to the hub.

Kept beside the database, private to the user. It holds no secret: an address, a public key fingerprint,
and the path of a login key (never the key). A missing or unreadable file means "nothing remembered".
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk.paths import private_file

FILE_NAME = "send-target.json"


@dataclass(frozen=True)
class SavedTarget:
    target: str = ""
    host_key: str = ""
    login_key: str = ""


def load_target(data_root: Path) -> SavedTarget:
    try:
        data = json.loads((data_root / FILE_NAME).read_text(encoding="utf-8"))
        return SavedTarget(**{name: str(data.get(name, "")) for name in ("target", "host_key", "login_key")})
    except (OSError, ValueError, AttributeError):
        return SavedTarget()


def save_target(data_root: Path, saved: SavedTarget) -> None:
    """Written whole or not at all (a temporary file renamed over the old one)."""
    path = data_root / FILE_NAME
    part = private_file(path.with_name(path.name + ".part"))  # 0600 before a byte is written
    with open(part, "w", encoding="utf-8") as out:
        json.dump(asdict(saved), out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, path)
