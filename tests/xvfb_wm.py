"""A private X display with a real window manager (Xvfb + openbox), for what only shows under one.

Offscreen Qt has no window manager: nothing there maps, stacks, maximises or keeps struts. Tests that need
one start this fixture and run their Qt part in a child process on the ``xcb`` platform (the test process
itself already has an offscreen QApplication, and a process gets one platform).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).parent


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"gave up waiting for {what}")
        time.sleep(0.05)  # polling a child process, not the Qt event loop


@pytest.fixture
def wm_display(tmp_path: Path) -> Iterator[str]:
    """DISPLAY of a fresh 1280×800 Xvfb with openbox managing it."""
    missing = [tool for tool in ("Xvfb", "openbox", "xprop") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"needs {', '.join(missing)} (scripts/setup test installs xvfb, openbox, x11-utils)")
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        display = ":" + pipe.readline().strip()
    env = {**os.environ, "DISPLAY": display, "HOME": str(tmp_path)}
    openbox = subprocess.Popen(["openbox", "--sm-disable"], env=env, stderr=subprocess.DEVNULL)
    try:
        def wm_ready() -> bool:
            out = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env, capture_output=True,
                                 text=True).stdout
            return "window id" in out
        _wait(wm_ready, 20, "openbox to manage the display")
        yield display
    finally:
        for process in (openbox, xvfb):
            process.terminate()
            process.wait(10)


def run_under_wm(display: str, test_file: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run the pytest module ``test_file`` (beside this one) on ``display`` with Qt on xcb."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                           str(TESTS / test_file)], env=env, capture_output=True, text=True, timeout=300,
                          cwd=TESTS.parent)
