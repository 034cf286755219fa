"""`ux-kiosk edit-prototype FOLDER`: a mistake is one line, as for every other command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env if env is not None else dict(os.environ), timeout=60)


def test_a_missing_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    result = _run("edit-prototype", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"ux-kiosk: {tmp_path / 'nowhere'} is not a folder; give the "
                                                  "folder of the exported screens"]


def test_without_a_display_it_says_how_to_get_one(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _run("edit-prototype", str(tmp_path), env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"xvfb-run -a ux-kiosk edit-prototype {tmp_path}" in result.stderr


def test_the_help_names_the_command() -> None:
    assert "edit-prototype" in _run("--help").stdout
