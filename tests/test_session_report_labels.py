"""The session report's answer table and timeline name answers by the words the participant saw (issue 9).

The plan snapshot the session ran against is the source: a plan edited afterwards changes nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sessions_helper import run_session

from kiosk.reports.session_report import write_session_report
from kiosk.resources import demo_plan_path
from kiosk.study.loader import load_plan, load_plan_text
from kiosk.translit import has_cyrillic

pytestmark = pytest.mark.slow


def _text(path: Path) -> str:
    assert shutil.which("pdftotext"), "install poppler-utils (bash scripts/setup test does it)"
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(raw.split())


def _edited_plan():
    """The demo plan as it was later edited: new wording for the first age band and for the question."""
    text = demo_plan_path().read_text(encoding="utf-8")
    text = text.replace('label = { sr-Cyrl = "18 до 34", en = "18 to 34" }',
                        'label = { sr-Cyrl = "од 18 до 34 године", en = "aged 18 to 34" }')
    text = text.replace('text = { sr-Cyrl = "Колико имате година?", en = "How old are you?" }',
                        'text = { sr-Cyrl = "Ваше године?", en = "Your age?" }')
    return load_plan_text(text, demo_plan_path())


def test_session_report_names_answers_as_shown_from_the_plan_the_session_ran(store, demo_study, clock,
                                                                              tmp_path) -> None:
    engine = run_session(store, demo_study, "R-0001", clock, sus=(5, 1) * 5)
    run_session(store, _edited_plan(), "R-0002", clock)  # the plan changed after R-0001's session
    english = _text(write_session_report(store, engine.record.id, tmp_path / "en.pdf", "en"))
    assert "Answered “How old are you?”: 18 to 34" in english
    assert "Answered SUS 1 “I think that I would like to use this system…”: 5 — Strongly agree" in english
    assert "Answered SEQ “Overall, how difficult or easy was this task to…”: 6" in english
    assert "aged 18 to 34" not in english and "Your age?" not in english
    assert "age_band" not in english and "sus:" not in english and "seq:" not in english
    # the answer table: full wording, and the scale point's label
    assert "SUS 2: I found the system unnecessarily complex. 1 — Strongly disagree" in english
    assert "How old are you? 18 to 34" in english

    serbian = _text(write_session_report(store, engine.record.id, tmp_path / "sr.pdf", "sr-Cyrl"))
    assert "Одговор на „Колико имате година?”: 18 до 34" in serbian
    assert "5 — Потпуно се слажем" in serbian and "1 — Уопште се не слажем" in serbian
    assert "age_band" not in serbian and "sus:" not in serbian

    latin = _text(write_session_report(store, engine.record.id, tmp_path / "latn.pdf", "sr-Latn"))
    timeline = latin[latin.index("Tok sesije"):]
    assert "Odgovor na „Koliko imate godina?”: 18 do 34" in timeline
    assert not has_cyrillic(timeline)


def test_tlx_answers_in_the_session_report_carry_the_scale_labels(store, clock, tmp_path) -> None:
    example = load_plan(demo_plan_path().parent.parent / "example-social-card" / "plan.toml")
    engine = run_session(store, example, "R-0003", clock)
    english = _text(write_session_report(store, engine.record.id, tmp_path / "tlx.pdf", "en"))
    assert "NASA-TLX: How mentally demanding was the task? Check eligibility 0 — Very low" in english
    assert "Answered NASA-TLX “Mental demand”: 0 — Very low" in english
    assert "nasa_tlx:" not in english


def test_study_report_prints_success_criteria_in_the_report_language(store, demo_study, tmp_path) -> None:
    from kiosk.reports.dataset import collect_study
    from kiosk.reports.study_report import write_study_report
    from kiosk.simulate import simulate

    simulate(store, demo_study, participants=3, seed=1)
    results = collect_study(store, demo_study.id)
    serbian = _text(write_study_report(results, tmp_path / "sr.pdf", "sr-Cyrl"))
    assert "Отвара документ решења." in serbian and "Opens the decision document" not in serbian
    latin = _text(write_study_report(results, tmp_path / "latn.pdf", "sr-Latn"))
    assert "Otvara dokument rešenja." in latin
    english = _text(write_study_report(results, tmp_path / "en.pdf", "en"))
    assert "Opens the decision document." in english and "Отвара" not in english
