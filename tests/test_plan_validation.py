"""Study plan validation: the demo plan passes; each kind of broken plan gets a message naming where and what."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.resources import demo_plan_path
from kiosk.study import PlanError, load_plan, load_plan_text
from kiosk.study.model import QuestionKind, TaskOrder

DEMO = demo_plan_path().read_text(encoding="utf-8")


def test_demo_plan_is_valid(demo_study) -> None:
    assert demo_study.id == "demo-farm-subsidy"
    assert 4 <= len(demo_study.tasks) <= 6
    assert demo_study.languages == ("sr-Cyrl", "sr-Latn", "en", "hu")
    assert demo_study.task_order is TaskOrder.COUNTERBALANCED
    assert demo_study.pre_questions[0].kind is QuestionKind.SINGLE_CHOICE
    assert demo_study.tasks[0].title.get("sr-Latn") == "Upis poljoprivrednog gazdinstva"
    assert demo_study.tasks[0].expected_seconds == 360
    assert len(demo_study.content_hash) == 64


def test_content_hash_changes_with_any_edit(demo_study) -> None:
    edited = load_plan_text(DEMO.replace("expected_minutes = 6", "expected_minutes = 7"))
    assert edited.content_hash != demo_study.content_hash


def _problems(text: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan_text(text, "plan.toml")
    return [str(p) for p in caught.value.problems]


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(next(line for line in text.splitlines() if needle in line)) + 1


BROKEN = [
    # (name, edit, expected fragment of one message)
    ("toml syntax", lambda t: t.replace('version = "1.0"', 'version = "1.0'), f"plan.toml:{_line_of(DEMO, 'version = ')}: not valid TOML"),
    ("no study section", lambda t: t.replace("[study]", "[studdy]"), "unknown section 'studdy'; did you mean 'study'?"),
    ("missing id", lambda t: t.replace('id = "demo-farm-subsidy"\n', ""), "study.id: is missing"),
    ("bad id", lambda t: t.replace('id = "demo-farm-subsidy"', 'id = "Demo Farm"'), "study.id: 'Demo Farm' is not a valid id"),
    ("version not text", lambda t: t.replace('version = "1.0"', "version = 1.0"), 'study.version: expected a version in quotes such as "1.0", found the number 1.0'),
    ("unknown language", lambda t: t.replace('"sr-Latn", "en", "hu"]', '"sr-Latn", "en", "hu", "xx"]'), "study.languages: unknown language 'xx'"),
    ("missing english", lambda t: t.replace('instructions.en = "Apply for', 'instructions.fr = "Apply for'), "tasks[1].instructions.fr: unknown language 'fr'"),
    ("latin typed twice", lambda t: t.replace('title = { sr-Cyrl = "Провера', 'title = { sr-Latn = "Provera", sr-Cyrl = "Провера'), "tasks[2].title.sr-Latn: sr-Latn is derived from sr-Cyrl and must not be typed"),
    ("cyrillic typed in latin", lambda t: t.replace("Преузимање решења", "Preuzimanje rešenja"), "tasks[4].title.sr-Cyrl: expected Serbian Cyrillic, found only Latin letters"),
    ("duplicate task id", lambda t: t.replace('id = "check-status"', 'id = "apply-subsidy"'), "tasks[2].id: duplicate id 'apply-subsidy'"),
    ("no tasks", lambda t: t.replace("[[tasks]]", "[[chores]]"), "tasks: no tasks; expected at least one [[tasks]] section"),
    ("negative minutes", lambda t: t.replace("expected_minutes = 8", "expected_minutes = -8"), "tasks[1].expected_minutes: expected a number of minutes from 0 to 180, found the number -8"),
    ("bad task order", lambda t: t.replace('"counterbalanced"', '"random"'), "study.task_order: 'random' is not a task order"),
    ("bad code scope", lambda t: t.replace("[study]\n", '[study]\nparticipant_codes = "global"\n', 1), "study.participant_codes: 'global' is not a scope of participant codes; expected 'per_laptop'"),
    ("one choice only", lambda t: t.replace('  { id = "with-help", label = { sr-Cyrl = "Да, уз нечију помоћ", en = "Yes, with someone\'s help", hu = "Igen, valaki segítségével" } },\n  { id = "alone", label = { sr-Cyrl = "Да, сам/сама", en = "Yes, on my own", hu = "Igen, egyedül" } },\n', ""), "pre_questions[1].choices: a single_choice question needs at least two choices"),
    ("unknown question kind", lambda t: t.replace('kind = "multi_choice"', 'kind = "checkboxes"'), "pre_questions[2].kind: 'checkboxes' is not a question kind"),
    ("unknown questionnaire", lambda t: t.replace('after_last_task = ["sus"]', 'after_last_task = ["sus", "nps"]'), "questionnaires.after_last_task: unknown questionnaire 'nps'"),
    ("typo in task key", lambda t: t.replace("success_criteria.en = \"Opens", "sucess_criteria.en = \"Opens"), "tasks[4].sucess_criteria: unknown key 'sucess_criteria'; did you mean 'success_criteria'?"),
    ("empty welcome", lambda t: t.replace('text.en = """Welcome, and thank you for coming.\nToday we are trying out a new service for farmers. We are testing the service, not you.\nThere are no wrong answers."""', 'text.en = ""'), "welcome.text.en: expected a non-empty text"),
]


@pytest.mark.parametrize(("name", "edit", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_plan_is_reported(name, edit, expected) -> None:
    broken = edit(DEMO)
    assert broken != DEMO, "the edit did not apply; the test would prove nothing"
    problems = _problems(broken)
    assert any(expected in p for p in problems), "\n".join(problems)


def test_problems_carry_line_numbers() -> None:
    broken = DEMO.replace("expected_minutes = 8", "expected_minutes = -8")
    [problem] = _problems(broken)
    assert problem.startswith(f"plan.toml:{_line_of(broken, 'expected_minutes = -8')}: ")


def test_every_problem_is_listed_not_just_the_first() -> None:
    broken = DEMO.replace('version = "1.0"', "version = 1").replace("expected_minutes = 3", "expected_minutes = 999")
    problems = _problems(broken)
    assert len(problems) == 3  # version, and both tasks with expected_minutes = 3


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="cannot read the plan"):
        load_plan(tmp_path / "missing.toml")
    latin1 = tmp_path / "plan.toml"
    latin1.write_bytes(DEMO.replace("Бачки", "Ba\u010dki").encode("utf-8")[:200] + "ŠČ".encode("cp1250"))
    with pytest.raises(PlanError, match="not UTF-8"):
        load_plan(latin1)


def test_check_command_exit_status_and_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.replace('version = "1.0"', "version = 1.0"), encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "kiosk", "check", str(demo_plan_path())], capture_output=True, text=True)
    assert ok.returncode == 0 and "plan is valid (5 tasks" in ok.stdout
    failed = subprocess.run([sys.executable, "-m", "kiosk", "check", str(bad)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert f"{bad}:{_line_of(DEMO, 'version = ')}: study.version: expected a version in quotes" in failed.stderr
