"""Issue 9's "Done when" for reports: a Serbian-only study's reports keep to the reader's script.

A study whose plan has only Serbian Cyrillic texts is simulated (notes and quotes typed in Cyrillic and in
Latin, as facilitators do); its study and session reports are written in Serbian Latin, Serbian Cyrillic and
English and read back with pdftotext. Serbian Latin must hold no Cyrillic letter; Serbian Cyrillic no Latin
word but codes and ids, standard names and instrument names; English must say once, on its first page,
which language the plan's own texts are in.
"""

from __future__ import annotations

import re
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sessions_helper import run_session

from kiosk.metrics import TLX_SCALES
from kiosk.reports.consent_receipt import write_consent_receipt
from kiosk.reports.dataset import collect_study
from kiosk.reports.session_report import write_session_report
from kiosk.reports.study_report import write_study_report
from kiosk.session.clock import SimulatedClock
from kiosk.simulate import simulate
from kiosk.store import Store
from kiosk.study import Study, load_plan

pytestmark = pytest.mark.slow
PLAN = Path(__file__).parent / "plans" / "serbian_only.toml"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
#: standard and instrument names a Serbian Cyrillic report keeps in Latin (plus codes, ids, statistic symbols)
ALLOWED_LATIN = {"ISO/IEC", "SHA-256", "SUS", "SEQ", "UMUX-Lite", "NASA-TLX", "TLX", "n"}
PUNCTUATION = "„“”\"'()[]{}:;,.!?…–—•«»/"
LATIN_NOTES = ("Ne vidi dugme „Dalje” na dnu ekrana, traži ga dugo.", "„Ovo je lako, ovako bih i kod kuće.”")
CYRILLIC_NOTES = ("Не види дугме „Даље” на дну екрана.", "„Ово је лако, овако бих и код куће.”")


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def latin_words(text: str, ids: set[str]) -> list[str]:
    """Latin words that are none of: allowed names, ids, tokens with a digit (codes, hashes, versions)."""
    found = []
    for token in text.split():
        core = token.strip(PUNCTUATION)
        if not LATIN.search(core) or core in ALLOWED_LATIN or core in ids or any(ch.isdigit() for ch in core):
            continue
        if ":" in core and all(part in ids or part.isdigit() for part in core.split(":")):
            continue  # a compound id such as "nasa_tlx:check-eligibility:effort" (the timeline's event details)
        if core.startswith("t-") and not LATIN.search(core[2:]):  # the t-interval ("t-интервалом")
            continue
        if re.fullmatch(r"[A-F][+-]?", core):  # a grade of the Sauro–Lewis SUS grading scale
            continue
        found.append(token)
    return found


def study_ids(study: Study) -> set[str]:
    ids = {study.id, *(t.id for t in study.tasks)}
    for question in (*study.pre_questions, *study.post_task_questions, *study.post_session_questions):
        ids |= {question.id, *(c.id for c in question.choices)}
    return ids


@pytest.fixture(scope="module")
def serbian_store(tmp_path_factory) -> tuple[Store, Study, list[str]]:
    store = Store(tmp_path_factory.mktemp("sr") / "kiosk.sqlite3")
    study = load_plan(PLAN)
    assert study.languages == ("sr-Cyrl", "sr-Latn")
    simulate(store, study, participants=19, seed=5)  # the simulation's notes: Cyrillic and one in English
    ids = []
    for n, note in enumerate((*LATIN_NOTES, *CYRILLIC_NOTES)[:2]):
        clock = SimulatedClock(datetime(2026, 11, 2, 9 + n, 0, tzinfo=UTC), epoch=f"typed-{n}")
        engine = run_session(store, study, f"P-{n + 1:04d}", clock, note=note + " " + CYRILLIC_NOTES[n],
                             assistance="Pokazan meni „Moji zahtevi”.", end=False)
        engine.add_note(LATIN_NOTES[1] if n else CYRILLIC_NOTES[1], ["quote"])
        engine.finish()
        ids.append(engine.record.id)
    return store, study, ids


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl"])
def test_serbian_reports_keep_to_one_script(serbian_store, tmp_path: Path, lang: str) -> None:
    store, study, session_ids = serbian_store
    results = collect_study(store, study.id)
    assert results.participants == 21
    study_pdf = write_study_report(results, tmp_path / f"study-{lang}.pdf", lang)
    texts = {"study": pdf_text(study_pdf)}
    for session_id in session_ids:
        texts[session_id] = pdf_text(write_session_report(store, session_id, tmp_path / f"{session_id}.pdf", lang))
    ids = (study_ids(study) | {s.record.participant_code for s in results.summaries}
           | {"sus", "seq", "umux_lite", "nasa_tlx", "nasa_tlx_pair", *TLX_SCALES})
    for name, text in texts.items():
        if lang == "sr-Latn":
            letters = sorted(set(CYRILLIC.findall(text)))
            assert not letters, f"{name}: Cyrillic in a Serbian Latin report: {letters}"
        else:
            words = latin_words(text, ids)
            assert not words, f"{name}: Latin words in a Serbian Cyrillic report: {sorted(set(words))[:20]}"
    study_text = " ".join(texts["study"].split())
    if lang == "sr-Latn":
        assert "Učestvovao je 21 učesnik" in study_text
        assert "Srpski (ćirilica)" in study_text  # the language of the simulated sessions, in Latin
        assert "Ne vidi dugme „Dalje”" in study_text  # a note typed in Latin stays as typed
        assert "Ne vidi dugme „Dalje” na dnu ekrana." in study_text  # one typed in Cyrillic, transliterated
    else:
        assert "Учествовао је 21 учесник" in study_text
        assert "Не види дугме „Даље” на дну екрана, тражи га дуго." in study_text  # typed in Latin
        assert "SUS" in study_text and "ISO/IEC 25062" in study_text


def test_english_report_of_a_serbian_only_plan_says_why_it_is_cyrillic(serbian_store, tmp_path: Path) -> None:
    store, study, session_ids = serbian_store
    note = "The study's own texts (tasks, questions) are in Serbian (Cyrillic): the plan has no English."
    study_pdf = write_study_report(collect_study(store, study.id), tmp_path / "study-en.pdf", "en")
    session_pdf = write_session_report(store, session_ids[0], tmp_path / "session-en.pdf", "en")
    for pdf in (study_pdf, session_pdf):
        first_page = " ".join(pdf_text(pdf, 1, 1).split())
        assert first_page.count(note) == 1, first_page[:600]
        assert note not in " ".join(pdf_text(pdf, 2).split())  # once: not repeated on later pages
    serbian = write_study_report(collect_study(store, study.id), tmp_path / "study-sr.pdf", "sr-Latn")
    assert "the plan has no" not in pdf_text(serbian) and "plan nema" not in pdf_text(serbian)


def test_serbian_numbers_use_a_decimal_comma_and_local_time(serbian_store, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Belgrade")
    time.tzset()
    try:
        store, study, session_ids = serbian_store
        results = collect_study(store, study.id)
        text = " ".join(pdf_text(write_study_report(results, tmp_path / "s.pdf", "sr-Cyrl")).split())
        assert results.sus.value is not None
        assert f"{results.sus.value:.1f}".replace(".", ",") in text
        assert f"{results.sus.value:.1f}" not in text
        assert not re.search(r"\d\.\d (мин|с)\b", text), re.findall(r"\S+ \d\.\d (?:мин|с)\b", text)
        assert "UTC" not in text
        session = " ".join(pdf_text(write_session_report(store, session_ids[0], tmp_path / "p.pdf", "sr-Cyrl")).split())
        assert "2. 11. 2026. 10:00" in session  # 09:00 UTC is 10:00 in Belgrade in November
        assert "UTC" not in session
        receipt = " ".join(pdf_text(write_consent_receipt(store, session_ids[0], tmp_path / "r.pdf")).split())
        assert "2. 11. 2026. 10:00" in receipt
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
