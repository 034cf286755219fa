"""Where the laptop keeps its data: platformdirs by default, overridable for tests and USB setups."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_HOME = "UX_KIOSK_HOME"
DATABASE_NAME = "kiosk.sqlite3"
DEMO_FOLDER = "demo"


@dataclass(frozen=True)
class DataPaths:
    """Every path the app writes to, derived from one root so that a test can point it anywhere."""

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

    def demo(self) -> "DataPaths":
        """The demo's own data folder inside this one, so trying the app never mixes with real sessions."""
        return DataPaths(self.root / DEMO_FOLDER)

    def ensure(self) -> "DataPaths":
        for folder in (self.root, self.media, self.reports):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_data_paths(cli_data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """Pick the data root: ``--data-dir`` first, then ``UX_KIOSK_HOME``, then the platform's user data folder.

    The order means a facilitator can run from a USB stick with one flag, while CI and tests set
    the environment variable once.
    """
    if cli_data_dir:
        return DataPaths(Path(cli_data_dir).expanduser().resolve())
    env = os.environ.get(ENV_HOME)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    from platformdirs import user_data_path

    return DataPaths(user_data_path("ux-kiosk", appauthor=False))
