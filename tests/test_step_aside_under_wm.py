"""Step-aside mode under a real window manager (Xvfb + openbox): what the offscreen tests cannot see.

The checks themselves are in wm_step_aside.py, run in a child process on the xcb platform.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xvfb_wm import run_under_wm, wm_display  # noqa: F401 (the fixture)

pytestmark = pytest.mark.slow


def test_step_aside_under_openbox(wm_display, tmp_path: Path) -> None:  # noqa: F811
    result = run_under_wm(wm_display, "wm_step_aside.py", tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout, result.stdout[-2000:]
