"""A new user runs the demo, then the README's `ux-kiosk report` and `ux-kiosk sessions` (issue 10, second run):
the demo keeps its sessions in ``<data>/demo``, so the plain data folder has none. The refusal must say where
the demo's sessions are and the option that reads them, in every language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.paths import DataPaths
from kiosk.store import Store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ}, timeout=120)


@pytest.fixture
def data_with_demo(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    demo = DataPaths(root).demo()
    demo.ensure()
    Store(demo.database).close()
    return root


@pytest.mark.parametrize("command", [["sessions"], ["report", "--study", "demo-farm-subsidy", "--out", "s.pdf"]])
def test_no_data_points_at_the_demo_folder(data_with_demo: Path, command: list[str]) -> None:
    result = run("--data-dir", str(data_with_demo), *command)
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    demo = data_with_demo / "demo"
    assert f"--data-dir {demo}" in lines[0], lines[0]
    assert "demo" in lines[0].split(str(demo))[0], lines[0]  # says whose sessions they are before naming the place


def test_the_hint_is_worded_in_the_chosen_language(data_with_demo: Path) -> None:
    result = run("--lang", "sr-Cyrl", "--data-dir", str(data_with_demo), "sessions")
    line = result.stderr.strip()
    assert f"--data-dir {data_with_demo / 'demo'}" in line and "демо" in line.lower(), line


def test_without_demo_sessions_the_plain_message_stays(tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path / "empty"), "sessions")
    assert "simulate" in result.stderr and "/demo" not in result.stderr, result.stderr
