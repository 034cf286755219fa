"""Where the laptop keeps its data: platformdirs by default, overridable for tests and USB setups."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

ENV_HOME = "UX_KIOSK_HOME"
DATABASE_NAME = "kiosk.sqlite3"
DEMO_FOLDER = "demo"

# The data folder holds consent signatures, notes and contacts: only the user running the kiosk may read it.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def private_folder(path: Path) -> Path:
    """Create ``path`` (and parents) if needed, 0700; an existing folder loses group and other access."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    _narrow(path)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 if missing, without a moment of wider access; else narrow it."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    except FileExistsError:
        pass
    _narrow(path)
    return path


def make_private(path: Path) -> None:
    """Take group and other access away from an existing file or folder; a missing path is left alone."""
    if path.exists():
        _narrow(path)


def _narrow(path: Path) -> None:
    """Remove group and other bits, never add any: a file an archivist made read-only stays read-only.

    Windows keeps only the read-only bit (the user's profile folder is private there already); a file
    system without Unix permissions (FAT on a USB stick) refuses chmod and is governed by its mount
    options instead, which must not stop the kiosk from running.
    """
    if os.name != "posix":
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & 0o077:
        return
    try:
        os.chmod(path, mode & ~0o077)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise


class DataPaths(NamedTuple):
    """Every path the app writes to, derived from one root so that a test can point it anywhere.

    A NamedTuple, not a frozen dataclass: it is made before the console's first paint, where a dataclass
    costs about 0.9 ms to create on Python 3.11 (issue 8)."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def media(self) -> Path:
        return self.root / "media"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def receipts(self) -> Path:
        return self.root / "receipts"

    def demo(self) -> "DataPaths":
        """The demo's own data folder inside this one, so trying the app never mixes with real sessions."""
        return DataPaths(self.root / DEMO_FOLDER)

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.media, self.reports, self.receipts):
            private_folder(folder)
        return self


#: the command line's ``--data-dir`` for this process (``choose_data_dir``); None: not given
_chosen_data_dir: Path | None = None


def choose_data_dir(cli_data_dir: str | os.PathLike[str] | None) -> bool:
    """Make ``--data-dir`` the data folder of the whole process, not only of the command that reads it: what
    lives beside the data (``translations/``) must follow it. Called once per command line, before the catalog
    is read; None puts the default back. True if the choice changed."""
    global _chosen_data_dir
    chosen = Path(cli_data_dir).expanduser().resolve() if cli_data_dir else None
    changed, _chosen_data_dir = chosen != _chosen_data_dir, chosen
    return changed


def resolve_data_paths(cli_data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """Pick the data root: ``--data-dir`` first, then ``UX_KIOSK_HOME``, then the platform's user data folder.

    The order means a facilitator can run from a USB stick with one flag, while CI and tests set
    the environment variable once.
    """
    if cli_data_dir:
        return DataPaths(Path(cli_data_dir).expanduser().resolve())
    if _chosen_data_dir is not None:
        return DataPaths(_chosen_data_dir)
    env = os.environ.get(ENV_HOME)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    from platformdirs import user_data_path

    return DataPaths(user_data_path("ux-kiosk", appauthor=False))


def cache_folder() -> Path:
    """Where derived files that can be rebuilt at any time live (compiled translations).

    Always the platform's user cache folder, never the data folder: a data folder on a USB stick or
    under ``--data-dir`` holds participants' data and nothing else. Nothing here is ever the only copy.
    """
    from platformdirs import user_cache_path

    return user_cache_path("ux-kiosk", appauthor=False)


def translations_folder() -> Path:
    """Where a translator drops a ``<tag>.po`` file into an installed app (beside the data folder)."""
    return resolve_data_paths().root / "translations"
