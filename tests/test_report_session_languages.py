"""Reports say which languages a session used (issue 10, second new-user run: a session that started in Serbian
Cyrillic and switched to English read "Language of the session: English 100%"), and leave out a Satisfaction
section the plan gives nothing for. Read back from the PDFs with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kiosk.reports.dataset import collect_study
from kiosk.reports.session_report import write_session_report
from kiosk.reports.study_report import write_study_report
from kiosk.session import Outcome, SessionEngine
from kiosk.session.summary import summarize
from kiosk.study import load_plan
from prototype_study import play, to_the_task, write_plan

pytestmark = pytest.mark.slow
STUDY = "example-social-card"


def _text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(raw.split())


def _switched(store, clock, study) -> SessionEngine:
    """The trial's case: started in Serbian Cyrillic, two minutes later switched to English for four."""
    engine = SessionEngine.start(store, study, "P-0201", clock, facilitator="F1", participant_number=1)
    clock.advance(120)
    engine.choose_language("en")
    to_the_task(engine)
    clock.advance(240)
    engine.end_task()
    engine.record_outcome(Outcome.SUCCESS)
    return engine


def test_the_summary_keeps_each_language_and_its_time(store, clock, tmp_path: Path) -> None:
    study = load_plan(write_plan(tmp_path / "study"))
    engine = _switched(store, clock, study)
    summary = summarize(engine.record, store.events(engine.record.id), study)
    assert [(u.language, round(u.seconds)) for u in summary.language_uses] == [("sr-Cyrl", 120), ("en", 240)]
    assert summary.language == "en"


def test_the_session_report_names_both_languages(store, clock, tmp_path: Path) -> None:
    study = load_plan(write_plan(tmp_path / "study"))
    engine = _switched(store, clock, study)
    text = _text(write_session_report(store, engine.record.id, tmp_path / "s.pdf", "en"))
    assert "Language Serbian (Cyrillic): 2.0 min, English: 4.0 min (started in Serbian (Cyrillic), ended in " \
           "English)" in text, text[:600]


def test_the_study_report_counts_the_switch_not_only_the_last_language(store, clock, tmp_path: Path) -> None:
    study = load_plan(write_plan(tmp_path / "study"))
    _switched(store, clock, study)
    play(store, study, clock, "P-0202", 2, [], Outcome.FAILED)  # Serbian Cyrillic throughout
    text = _text(write_study_report(collect_study(store, STUDY), tmp_path / "r.pdf", "en"))
    assert "Serbian (Cyrillic), then English 1 50%" in text, text
    assert "Serbian (Cyrillic) 1 50%" in text
    assert "English 1 100%" not in text


def test_a_plan_without_questionnaires_has_no_satisfaction_section(store, clock, tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "study")
    source = plan.read_text(encoding="utf-8")
    start = source.index("[questionnaires]")
    end = source.index("\n[", start + 1)
    plan.write_text(source[:start] + "[questionnaires]\nafter_each_task = []\nafter_last_task = []\n"
                    + source[end:], encoding="utf-8")
    study = load_plan(plan)
    assert not study.after_each_task and not study.after_last_task
    play(store, study, clock, "P-0301", 1, [], Outcome.SUCCESS)
    text = _text(write_study_report(collect_study(store, STUDY), tmp_path / "r.pdf", "en"))
    assert "Satisfaction" not in text, text
