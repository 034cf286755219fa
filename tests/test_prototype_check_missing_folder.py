"""`ux-kiosk check` on a plan whose prototype folder is missing points at the plan line that names it (issue 10,
new-user run): the facilitator sees which task's ``prototype = ...`` entry to fix, as for every other plan error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.study import PlanError, load_plan
from test_prototype_plan import _plan


def _line_of(plan: Path, text: str) -> int:
    return next(n for n, line in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_missing_prototype_folder_is_located_at_the_plans_prototype_entry(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    shutil.rmtree(plan.parent / "prototypes" / "farm")
    with pytest.raises(PlanError) as caught:
        load_plan(plan)
    (problem,) = caught.value.problems
    assert problem.file == str(plan)
    assert problem.line == _line_of(plan, "prototype = { folder")
    assert problem.key_path == "tasks[0].prototype.folder"
    assert "prototypes/farm" in problem.message and "does not exist" in problem.message
    result = subprocess.run([sys.executable, "-m", "kiosk", "check", str(plan)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{plan}:{problem.line}: tasks[0].prototype.folder:" in result.stderr


def test_a_folder_without_prototype_toml_is_located_at_the_plan_line_too(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    (plan.parent / "prototypes" / "farm" / "prototype.toml").unlink()
    with pytest.raises(PlanError) as caught:
        load_plan(plan)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(plan), _line_of(plan, "prototype = { folder"))
    assert "prototype.toml" in problem.message
