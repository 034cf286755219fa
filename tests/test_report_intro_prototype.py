"""The study report's introduction counts as "on a prototype" only the tasks that have one (issue 10, new-user
run): a plan of three tasks with one played on the kiosk's prototype says so, a plan without any says nothing of
prototypes. Read back from the PDF with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kiosk.reports.dataset import collect_study
from kiosk.reports.study_report import write_study_report
from prototype_study import scripted_study

pytestmark = pytest.mark.slow


def _text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(raw.split())


@pytest.mark.parametrize("lang, expected", [
    ("en", "Participants carried out 3 tasks while a facilitator observed. 1 of them was done on a click-through "
           "prototype on the kiosk."),
    ("sr-Cyrl", "Учесници су урадили 3 задатка док их је водитељ посматрао. Од тога је 1 задатак урађен на "
                "прототипу на киоску."),
])
def test_the_intro_counts_only_the_tasks_played_on_a_prototype(store, clock, tmp_path: Path, lang: str,
                                                                expected: str) -> None:
    study = scripted_study(store, tmp_path / "study", clock)
    assert len(study.tasks) == 3 and sum(t.prototype is not None for t in study.tasks) == 1
    text = _text(write_study_report(collect_study(store, "example-social-card"), tmp_path / "r.pdf", lang))
    assert expected in text


def test_a_study_without_prototype_tasks_says_nothing_of_a_prototype(store, clock, tmp_path: Path) -> None:
    from kiosk.session import Outcome
    from kiosk.study import load_plan
    from prototype_study import play, write_plan

    study = load_plan(write_plan(tmp_path / "study", "expected_minutes = 4\n"))
    play(store, study, clock, "P-0101", 1, [], Outcome.FAILED)
    text = _text(write_study_report(collect_study(store, "example-social-card"), tmp_path / "r.pdf", "en"))
    assert "Participants carried out 3 tasks while a facilitator observed." in text
    assert "prototype" not in text.lower()
