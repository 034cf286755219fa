"""A plan's task plays a prototype: the loader reads it, `check` names its problems, snapshots never strand."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.resources import data_folder
from kiosk.study import PlanError, load_plan
from kiosk.study.loader import load_plan_text
from prototype_fixtures import farm_prototype

SOCIAL = data_folder("sessions") / "example-social-card" / "plan.toml"
USES = '''expected_minutes = 4
prototype = { folder = "prototypes/farm", start = "home", goals = ["receipt"] }
'''


def _plan(tmp_path: Path, uses: str = USES) -> Path:
    folder = tmp_path / "study"
    folder.mkdir()
    text = SOCIAL.read_text(encoding="utf-8").replace("expected_minutes = 4\n", uses, 1)
    (folder / "plan.toml").write_text(text, encoding="utf-8")
    farm_prototype(folder / "prototypes" / "farm")
    return folder / "plan.toml"


def test_a_task_with_a_prototype_loads_with_it(tmp_path: Path) -> None:
    study = load_plan(_plan(tmp_path))
    task = study.task("check-eligibility")
    assert task.prototype is not None and task.prototype.start == "home"
    assert task.prototype.expected_paths == (("home", "form", "sent"),)
    assert list(study.prototypes) == ["farm"] and study.prototypes["farm"].folder == tmp_path / "study" / "prototypes" / "farm"
    assert study.task("submit-application").prototype is None


def test_check_names_the_prototypes_problems_with_file_and_line(tmp_path: Path) -> None:
    plan = _plan(tmp_path, USES.replace('goals = ["receipt"]', 'goals = ["recipt"]'))
    (plan.parent / "prototypes" / "farm" / "sent.png").unlink()
    with pytest.raises(PlanError) as caught:
        load_plan(plan)
    problems = [str(p) for p in caught.value.problems]
    assert any("prototypes/farm/prototype.toml:" in p and "the image sent.png is missing" in p for p in problems)
    result = subprocess.run([sys.executable, "-m", "kiosk", "check", str(plan)], capture_output=True, text=True)
    assert result.returncode == 1 and "sent.png is missing" in result.stderr


def test_a_goal_that_does_not_exist_is_named_in_the_plan(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        load_plan(_plan(tmp_path, USES.replace('goals = ["receipt"]', 'goals = ["recipt"]')))
    (problem,) = caught.value.problems
    assert problem.key_path == "tasks[0].prototype.goals" and problem.file.endswith("study/plan.toml")
    assert problem.message == "'recipt' is neither a screen nor a hotspot of prototypes/farm"


def test_a_stored_snapshot_whose_prototype_is_gone_still_loads(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    text = plan.read_text(encoding="utf-8")
    shutil.rmtree(plan.parent / "prototypes")
    with pytest.raises(PlanError):
        load_plan(plan)  # authoring: a missing prototype is a problem to fix
    study = load_plan_text(text, plan.parent / "<plan abc from the database>")  # a session's snapshot
    assert study.task("check-eligibility").prototype is None and study.prototypes == {}


def test_a_stored_snapshot_lacking_a_languages_image_shows_the_default_image(tmp_path: Path) -> None:
    """A session bundle carries the images of the languages that session used; at the hub the snapshot of its
    plan lacks the others, and the whole prototype (report sections, heatmaps) was dropped for it. Authoring
    still refuses a missing image; a stored snapshot falls back to the screen's default image."""
    plan = _plan(tmp_path)
    folder = plan.parent / "prototypes" / "farm"
    toml = (folder / "prototype.toml").read_text(encoding="utf-8")
    toml = toml.replace('image = "home.png"', 'image = "home.png"\nimages = { en = "home.en.png" }', 1)
    (folder / "prototype.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(PlanError, match="home.en.png is missing"):
        load_plan(plan)
    study = load_plan_text(plan.read_text(encoding="utf-8"), plan.parent / "<plan abc from the database>")
    farm = study.prototypes["farm"]
    assert farm.screens["home"].images == {} and farm.image_path("home", "en") == folder / "home.png"
