"""Success criteria and facilitator notes by language, like every other plan text; a plain text stays valid (issue 9).

Before this, a table was refused ("expected a non-empty text in quotes, found a table") and Serbian
reports and consoles showed the plan's English criteria.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_study_loader_mutants import BASE, problems

from kiosk.i18n import LocalText
from kiosk.resources import demo_plan_path
from kiosk.study import load_plan, load_plan_text
from kiosk.study.labels import facilitator_text
from kiosk.study.model import UNTAGGED
from kiosk.translit import has_cyrillic

EXAMPLE = demo_plan_path().parent.parent / "example-social-card" / "plan.toml"


def _task(lines: str):
    (task,) = load_plan_text(BASE + lines).tasks
    return task


def test_a_table_by_language_a_plain_text_and_a_partial_table_are_all_valid() -> None:
    task = _task('success_criteria = { sr-Cyrl = "Види потврду", en = "Sees the receipt" }\n'
                 'facilitator_notes.en = "Watch the menu"\n')
    assert task.success_criteria == LocalText({"sr-Cyrl": "Види потврду", "en": "Sees the receipt"})
    assert task.facilitator_notes == LocalText({"en": "Watch the menu"})  # a language may be left out
    plain = _task('success_criteria = "Види потврду"\nfacilitator_notes = "Watch the menu"\n')
    assert plain.success_criteria == LocalText({UNTAGGED: "Види потврду"})
    assert plain.facilitator_notes == LocalText({UNTAGGED: "Watch the menu"})


@pytest.mark.parametrize(("lines", "expected"), [
    ("success_criteria = [\"Sees it\"]\n",
     [("tasks[0].success_criteria", 'expected a text in quotes or a table of texts by language, such as '
                                    '{ sr-Cyrl = "…", en = "…" }, found a list')]),
    ("success_criteria = {}\n",
     [("tasks[0].success_criteria", 'expected at least one text, such as { en = "…" }; found an empty table')]),
    ("success_criteria = \"  \"\n",
     [("tasks[0].success_criteria", "expected a non-empty text in quotes, found an empty text")]),
    ("facilitator_notes = { en = 3 }\n",
     [("tasks[0].facilitator_notes.en", "expected a non-empty text, found the number 3")]),
    ("facilitator_notes = { sr-Latn = \"Pazite\" }\n",
     [("tasks[0].facilitator_notes.sr-Latn", "sr-Latn is derived from sr-Cyrl and must not be typed; remove it")]),
    ("facilitator_notes = { de = \"Achtung\", en = \"Watch\" }\n",
     [("tasks[0].facilitator_notes.de", "unknown language 'de'; expected one of sr-Cyrl, sr-Latn, en, hu")]),
    ("success_criteria.sr-Cyrl = \"Vidi potvrdu\"\n",
     [("tasks[0].success_criteria.sr-Cyrl", "expected Serbian Cyrillic, found only Latin letters")]),
])
def test_wrong_facilitator_texts_are_located(lines: str, expected: list[tuple[str, str]]) -> None:
    assert problems(BASE + lines) == expected


def test_check_names_the_line_of_a_wrong_type(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(BASE + "expected_minutes = 2\nsuccess_criteria = { sr-Cyrl = \"Види\", en = 7 }\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kiosk", "check", str(plan)], capture_output=True, text=True)
    assert result.returncode == 1
    line = BASE.count("\n") + 2
    assert f"{plan}:{line}: tasks[0].success_criteria.en: expected a non-empty text, found the number 7" in result.stderr


def test_facilitator_text_falls_back_sensibly() -> None:
    both = LocalText({"sr-Cyrl": "Чува нови рачун", "en": "Saves the new account"})
    assert facilitator_text(both, "sr-Cyrl") == "Чува нови рачун"
    assert facilitator_text(both, "sr-Latn") == "Čuva novi račun"
    assert facilitator_text(both, "en") == "Saves the new account"
    assert facilitator_text(both, "hu") == "Saves the new account"  # no Hungarian: English before Serbian
    assert facilitator_text(LocalText({"en": "Opens it"}), "sr-Cyrl") == "Opens it"
    assert facilitator_text(LocalText({"sr-Cyrl": "Отвара га"}), "en") == "Отвара га"
    assert facilitator_text(LocalText({"sr-Cyrl": "Отвара га"}), "sr-Latn") == "Otvara ga"
    plain = LocalText({UNTAGGED: "Отвара решење"})
    assert facilitator_text(plain, "sr-Cyrl") == "Отвара решење"
    assert facilitator_text(plain, "sr-Latn") == "Otvara rešenje"  # a reader of Latin never gets Cyrillic
    assert facilitator_text(plain, "en") == "Отвара решење"
    assert facilitator_text(LocalText(), "en") == ""


@pytest.mark.parametrize("path", [demo_plan_path(), EXAMPLE], ids=["demo", "example"])
def test_the_demo_plans_give_their_facilitator_texts_in_serbian_and_english(path: Path) -> None:
    study = load_plan(path)
    for task in study.tasks:
        for text in (task.success_criteria, task.facilitator_notes):
            if text.values:
                assert set(text.values) == {"sr-Cyrl", "en"}, (task.id, text)
                assert has_cyrillic(text.get("sr-Cyrl")) and not has_cyrillic(text.get("en"))
        assert task.success_criteria.values, task.id
