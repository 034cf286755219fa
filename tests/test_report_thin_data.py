"""Reports that make sense with thin data: one task, a handful of sessions, shares that add up, one unit a column."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import consent
from hypothesis import given
from hypothesis import strategies as st

from kiosk.reports.dataset import collect_study
from kiosk.reports.rounding import largest_remainder
from kiosk.reports.session_report import write_session_report
from kiosk.reports.study_report import write_study_report
from kiosk.session import Outcome, SessionEngine, Step
from kiosk.session.clock import SimulatedClock
from kiosk.study.model import QuestionKind


def pdf_text(path: Path, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def answer_questions(engine: SessionEngine) -> None:
    while engine.step is Step.QUESTION:
        question = engine.current_question
        if question.kind is QuestionKind.SINGLE_CHOICE:
            engine.answer(question.choices[0].id)
        elif question.kind is QuestionKind.MULTI_CHOICE:
            engine.answer([question.choices[0].id])
        elif question.kind is QuestionKind.LIKERT:
            engine.answer(question.scale_values[-1])
        else:
            engine.skip_question()


def session(store, study, code: str, hour: int, *, language: str | None = None, task_seconds=(),
            consent_given: bool = True, end: bool = True, abandon: bool = False) -> SessionEngine:
    """Tasks take ``task_seconds`` in turn (then the rest are skipped); the session ends, stops or stays open."""
    clock = SimulatedClock(datetime(2026, 11, 2, hour, 0, tzinfo=UTC), epoch=code)
    engine = SessionEngine.start(store, study, code, clock, facilitator="F1", language=language)
    engine.continue_from_welcome()
    if not consent_given:
        engine.decline_consent()
        return engine
    consent(engine, "quotes")
    seconds = list(task_seconds)
    while engine.step not in (Step.CLOSING, Step.ENDED):
        answer_questions(engine)
        if engine.step is Step.INSTRUCTIONS:
            if abandon:
                engine.abandon("tired")
                return engine
            if not seconds:
                engine.skip_task("not needed")
                continue
            engine.start_task()
            clock.advance(seconds.pop(0))
            engine.record_outcome(Outcome.SUCCESS)
    if end:
        engine.finish()
    return engine


@pytest.mark.slow
def test_one_attempted_task_is_not_both_hardest_and_easiest(store, demo_study, tmp_path: Path) -> None:
    session(store, demo_study, "P-0001", 9, task_seconds=[50])
    results = collect_study(store, demo_study.id)
    assert sum(t.attempts > 0 for t in results.tasks) == 1
    text = " ".join(pdf_text(write_study_report(results, tmp_path / "one.pdf", "en")).split())
    assert "The easiest task" not in text and "The hardest task" not in text
    assert "Only one task was attempted" in text


@pytest.mark.slow
def test_took_part_and_its_breakdown_add_up_and_are_labelled(store, demo_study, tmp_path: Path) -> None:
    session(store, demo_study, "P-0001", 9, task_seconds=[50, 60, 70, 80, 90])
    session(store, demo_study, "P-0002", 10, abandon=True)
    session(store, demo_study, "P-0003", 11, consent_given=False)
    session(store, demo_study, "P-0004", 12, task_seconds=[50], end=False)
    text = pdf_text(write_study_report(collect_study(store, demo_study.id), tmp_path / "b.pdf", "en"), layout=True)
    flat = " ".join(text.split())
    assert "4 participants took part." in flat
    for label, count in (("Finished the whole session", 1), ("Stopped early", 1), ("Declined consent", 1),
                         ("Still in progress", 1), ("Took part (all sessions)", 4)):
        assert re.search(rf"{re.escape(label)}\s+{count}\b", text), label


@pytest.mark.slow
def test_shares_in_one_table_add_up_to_100(store, demo_study, tmp_path: Path) -> None:
    for n, language in enumerate(("sr-Cyrl", "sr-Latn", "en")):
        session(store, demo_study, f"P-000{n + 1}", 9 + n, language=language, task_seconds=[50] * 5)
    text = pdf_text(write_study_report(collect_study(store, demo_study.id), tmp_path / "l.pdf", "en"), layout=True)
    rows = re.findall(r"^\s*(Serbian \(Cyrillic\)|Serbian \(Latin\)|English)\s+1\s+(\d+)%", text, re.M)
    assert len(rows) == 3, text
    assert sum(int(share) for _, share in rows) == 100


@pytest.mark.slow
def test_one_unit_per_time_column(store, demo_study, tmp_path: Path) -> None:
    engine = session(store, demo_study, "P-0001", 9, task_seconds=[45, 190, 30, 300, 50])
    text = pdf_text(write_session_report(store, engine.record.id, tmp_path / "s.pdf", "en"))
    section = text.split("Task outcomes")[1].split("Answers")[0]
    units = set(re.findall(r"\d+(?:[.,]\d+)? (s|min)\b", section))
    assert units == {"min"}, section
    study_text = pdf_text(write_study_report(collect_study(store, demo_study.id), tmp_path / "t.pdf", "en"))
    table = study_text.split("Key findings")[1].split("Introduction")[0]
    assert len(set(re.findall(r"\d+(?:[.,]\d+)? (s|min)\b", table))) == 1, table


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=30))
def test_largest_remainder_adds_up_and_stays_within_one(counts: list[int]) -> None:
    shares = largest_remainder(counts)
    total = sum(counts)
    if total == 0:
        assert shares == [0] * len(counts)
        return
    assert sum(shares) == 100
    for count, share in zip(counts, shares):
        assert abs(share - 100 * count / total) < 1
    for a, b in zip(counts, shares):  # a larger count never gets a smaller share
        for c, d in zip(counts, shares):
            if a > c:
                assert b >= d


def test_largest_remainder_gives_the_extra_point_to_the_largest_remainders() -> None:
    assert largest_remainder([1, 1, 1]) == [34, 33, 33]
    assert largest_remainder([2, 1]) == [67, 33]
    assert largest_remainder([1, 0, 0]) == [100, 0, 0]
    assert largest_remainder([7, 6, 7], total=10) == [4, 3, 3] or largest_remainder([7, 6, 7], total=10) == [3, 3, 4]


@pytest.mark.slow
@pytest.mark.parametrize("lang, wanted", [("en", "(n = 1, too few for a 95% interval)"),
                                          ("sr-Cyrl", "(n = 1, премало за 95% интервал)")])
def test_one_sus_score_has_no_empty_interval(store, demo_study, tmp_path: Path, lang: str, wanted: str) -> None:
    session(store, demo_study, "P-0001", 9, task_seconds=[50] * 5)
    text = " ".join(pdf_text(write_study_report(collect_study(store, demo_study.id), tmp_path / "o.pdf", lang)).split())
    assert wanted in text
    assert "— to —" not in text and "од — до —" not in text


@pytest.mark.slow
def test_a_study_held_on_one_day_names_the_day_once(store, demo_study, tmp_path: Path) -> None:
    """The issue-9 new-user run: 'од 5. 10. 2026. до 5. 10. 2026.' for a study of one day."""
    session(store, demo_study, "D-0001", 9, task_seconds=(60,))
    session(store, demo_study, "D-0002", 11, task_seconds=(60,))
    for lang, once in (("en", "held offline on "), ("sr-Cyrl", "одржане ван мреже ")):
        out = write_study_report(collect_study(store, demo_study.id), tmp_path / f"{lang}.pdf", lang)
        text = " ".join(pdf_text(out).split())
        assert once in text and " до " not in text.split(once)[1][:20] and "between" not in text
