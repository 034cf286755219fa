"""The bundled plans in Hungarian, and a consent wording a native speaker has not reviewed yet, said out loud."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.resources import data_folder
from kiosk.study import PlanError, load_plan
from kiosk.study.loader import load_plan_text

PLANS = sorted((data_folder("sessions")).glob("*/plan.toml"))


def _texts(study):
    """Every participant-facing text of a plan (LocalText), for a whole-plan check."""
    yield study.title
    yield study.welcome
    yield study.closing
    consent = study.consent
    yield from (consent.text, consent.easy_read, consent.retention, consent.how_to_withdraw)
    for question in (*study.pre_questions, *study.post_task_questions, *study.post_session_questions):
        yield question.text
        yield from (choice.label for choice in question.choices)
        yield from (label for label in (question.low_label, question.high_label) if label is not None)
    for task in study.tasks:
        yield task.title
        yield task.instructions


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.parent.name)
def test_every_bundled_plan_is_in_hungarian_with_its_own_words(path: Path) -> None:
    study = load_plan(path)
    assert study.languages[-1] == "hu"
    for text in _texts(study):
        hungarian = text.get("hu")
        assert hungarian.strip() and hungarian != text.get("en"), hungarian  # translated, not copied
    assert "Önt" in study.welcome.get("hu")  # the polite form public services use


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.parent.name)
def test_the_bundled_hungarian_consent_is_marked_not_yet_reviewed(path: Path) -> None:
    consent = load_plan(path).consent
    assert consent.unreviewed_languages == ("hu",)
    assert not consent.reviewed_in("hu")
    assert consent.reviewed_in("sr-Cyrl") and consent.reviewed_in("sr-Latn") and consent.reviewed_in("en")


PLAN = """
[study]
id = "s"
version = "1"
title = {{ sr-Cyrl = "Студија", en = "Study", hu = "Vizsgálat" }}
languages = ["sr-Cyrl", "sr-Latn", "en", "hu"]
[welcome]
text = {{ sr-Cyrl = "Добро дошли", en = "Welcome", hu = "Üdvözöljük" }}
[consent]
version = "1"
{review}
text = {{ sr-Cyrl = "Текст", en = "Text", hu = "Szöveg" }}
easy_read = {{ sr-Cyrl = "Кратко", en = "Short", hu = "Röviden" }}
retention = {{ sr-Cyrl = "годину дана", en = "one year", hu = "egy évig" }}
how_to_withdraw = {{ sr-Cyrl = "Позовите нас", en = "Call us", hu = "Hívjon minket" }}
[[tasks]]
id = "t"
title = {{ sr-Cyrl = "Задатак", en = "Task", hu = "Feladat" }}
instructions = {{ sr-Cyrl = "Урадите", en = "Do it", hu = "Végezze el" }}
[closing]
text = {{ sr-Cyrl = "Хвала", en = "Thanks", hu = "Köszönjük" }}
"""


def test_a_plan_without_the_field_has_every_consent_reviewed() -> None:
    consent = load_plan_text(PLAN.format(review="")).consent
    assert consent.unreviewed_languages == () and consent.reviewed_in("hu")


def test_serbian_latin_follows_the_cyrillic_it_is_made_from() -> None:
    consent = load_plan_text(PLAN.format(review='unreviewed_languages = ["sr-Cyrl"]')).consent
    assert not consent.reviewed_in("sr-Cyrl") and not consent.reviewed_in("sr-Latn") and consent.reviewed_in("hu")


@pytest.mark.parametrize(("review", "expected"), [
    ('unreviewed_languages = ["sk"]', "consent.unreviewed_languages: 'sk' is not one of study.languages"),
    ('unreviewed_languages = ["sr-Latn"]', "'sr-Latn' is made from the Cyrillic: list 'sr-Cyrl'"),
    ('unreviewed_languages = "hu"', 'expected a list of language tags such as ["hu"]'),
    ('unreviewed_languages = ["hu", "hu"]', "'hu' is listed twice"),
])
def test_a_wrong_review_list_is_a_plan_problem(review: str, expected: str) -> None:
    with pytest.raises(PlanError) as caught:
        load_plan_text(PLAN.format(review=review), "p.toml")
    assert expected in str(caught.value)


def test_check_warns_that_the_hungarian_consent_is_not_reviewed_but_passes(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN.format(review='unreviewed_languages = ["hu"]'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kiosk", "check", str(plan)], capture_output=True, text=True,
                            timeout=120, env={**__import__("os").environ, "UX_KIOSK_HOME": str(tmp_path / "d")})
    assert result.returncode == 0, result.stderr
    assert (f"{plan}: warning: the consent text (Hungarian) has not been reviewed by a native speaker yet"
            in result.stderr)
    hungarian = subprocess.run([sys.executable, "-m", "kiosk", "--lang", "hu", "check", str(plan)],
                               capture_output=True, text=True, timeout=120)
    assert hungarian.returncode == 0, hungarian.stderr
    assert "a terv érvényes (1 feladat" in hungarian.stdout
    assert "a hozzájárulási szöveget (magyar) anyanyelvi beszélő még nem ellenőrizte" in hungarian.stderr


def test_the_study_report_of_a_plan_with_hungarian_is_written_in_hungarian(tmp_path: Path) -> None:
    from kiosk.reports.dataset import collect_study
    from kiosk.reports.study_report import write_study_report
    from kiosk.simulate import simulate
    from kiosk.store import Store

    store = Store(tmp_path / "kiosk.sqlite3")
    simulate(store, load_plan(data_folder("sessions") / "example-social-card" / "plan.toml"), participants=9, seed=2)
    results = collect_study(store, "example-social-card")
    out = write_study_report(results, tmp_path / "study-hu.pdf", "hu")
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in ("Használhatósági vizsgálati jelentés", "Vezetői összefoglaló", "Eredmények csoportonként",
                     "Szociális kártya: pénzbeli szociális segély igénylése", "A jogosultság ellenőrzése",
                     "Dokumentum hozzáadása", "Terhelés (NASA-TLX", "Függelék: a vizsgálati terv"):
        assert expected in text, expected
    assert "Executive summary" not in text and "Results by group" not in text
