"""`ux-kiosk check FOLDER/prototype.toml` (issue 10, second new-user run): the prototype file was read as a plan
("unknown section 'prototype'", "the [study] section is missing"). It is checked as a prototype, with the same
located checks the plan's check runs on it, and the answer names the plan that uses it, whose check covers
the task's start screen and goals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from prototype_fixtures import FARM_TOML, farm_prototype
from prototype_study import write_plan

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def check(*paths: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "check", "--lang", lang, *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ}, timeout=120)


def test_a_valid_prototype_is_checked_as_one_and_names_its_plan(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "study")
    result = check(tmp_path / "study" / "prototypes" / "farm" / "prototype.toml")
    assert result.returncode == 0, result
    assert "unknown section" not in result.stderr and "[study]" not in result.stderr, result.stderr
    assert "prototype is valid (4 screens)" in result.stdout, result.stdout
    assert f"ux-kiosk check {plan}" in result.stdout, result.stdout


def test_a_broken_prototype_gets_the_same_located_problems_as_its_plan(tmp_path: Path) -> None:
    write_plan(tmp_path / "study")
    prototype = tmp_path / "study" / "prototypes" / "farm" / "prototype.toml"
    prototype.write_text(FARM_TOML.replace('go = "help"', 'go = "helpp"', 1), encoding="utf-8")
    alone = check(prototype)
    with_plan = check(tmp_path / "study" / "plan.toml")
    assert alone.returncode == 1 and with_plan.returncode == 1
    located = [line for line in alone.stderr.splitlines() if line.startswith(f"{prototype}:")]
    assert located and "helpp" in located[0] and ":16:" in located[0], alone.stderr
    assert set(located) <= set(with_plan.stderr.splitlines()), (alone.stderr, with_plan.stderr)
    assert "unknown section" not in alone.stderr and "[study]" not in alone.stderr, alone.stderr


def test_a_prototype_no_plan_uses_says_how_to_check_the_rest(tmp_path: Path) -> None:
    folder = farm_prototype(tmp_path / "flow")
    result = check(folder / "prototype.toml", lang="sr-Cyrl")
    assert result.returncode == 0, result
    assert "ux-kiosk check PLAN" in result.stdout and "прототип" in result.stdout, result.stdout
