"""Study and session reports from simulated data, checked with real PDF tools; tidy CSV read back."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.i18n.formats import decimal
from kiosk.reports.dataset import NoSessions, collect_study
from kiosk.reports.session_report import write_session_report
from kiosk.reports.study_report import write_study_report
from kiosk.reports.tabular import FILES, export_study_csv
from kiosk.resources import data_folder
from kiosk.simulate import simulate
from kiosk.store import SessionStatus, Store
from kiosk.study import load_plan, load_plan_text

pytestmark = pytest.mark.slow
TOOLS = ("qpdf", "pdftotext", "pdftoppm")


@pytest.fixture(scope="module")
def simulated(tmp_path_factory) -> Store:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"install {' '.join(missing)} (bash scripts/setup test does it)"
    store = Store(tmp_path_factory.mktemp("sim") / "kiosk.sqlite3")
    demo = load_plan(data_folder("sessions") / "demo-farm-subsidy" / "plan.toml")
    example = load_plan(data_folder("sessions") / "example-social-card" / "plan.toml")
    simulate(store, demo, participants=30, seed=7)
    simulate(store, example, participants=8, seed=3)
    return store


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def check_pdf(path: Path, tmp_path: Path) -> int:
    """qpdf finds no damage and every page renders to a non-blank PNG; returns the page count."""
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    pages = int(subprocess.run(["qpdf", "--show-npages", str(path)], capture_output=True, text=True,
                               check=True).stdout)
    prefix = tmp_path / path.stem
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(prefix)], check=True)
    images = sorted(tmp_path.glob(f"{path.stem}-*.png"))
    assert len(images) == pages
    assert all(image.stat().st_size > 2000 for image in images)
    return pages


@pytest.mark.parametrize("lang", ["sr-Cyrl", "en"])
def test_study_report_of_30_simulated_participants(simulated: Store, tmp_path: Path, lang: str) -> None:
    results = collect_study(simulated, "demo-farm-subsidy")
    assert results.participants == 30
    out = write_study_report(results, tmp_path / f"study-{lang}.pdf", lang)
    pages = check_pdf(out, tmp_path)
    assert pages >= 5
    text = " ".join(pdf_text(out).split())
    for task in results.study.tasks:
        assert task.title.get(lang) in text
    assert decimal(lang, results.sus.value) in text  # the SUS mean, as the language writes it (67,2 in Serbian)
    assert results.sus_grade in text
    if lang == "sr-Cyrl":
        assert "Упис пољопривредног газдинства" in text and "Резултати по групама" in text
        assert "није валидиран" in text  # the plan says its Serbian SUS is not validated
    else:
        assert "ISO/IEC 25062" in text and "Results by group" in text
    for version in results.plan_versions:
        assert version.content_hash in text


def test_example_study_report_has_workload_and_umux(simulated: Store, tmp_path: Path) -> None:
    results = collect_study(simulated, "example-social-card")
    assert results.umux.value is not None and all(t.tlx_raw.value is not None for t in results.tasks)
    out = write_study_report(results, tmp_path / "example.pdf", "sr-Latn")
    check_pdf(out, tmp_path)
    text = " ".join(pdf_text(out).split())
    assert "UMUX-Lite" in text and "NASA-TLX" in text and "Provera prava na pomoć" in text


def test_weighted_tlx_when_the_plan_asks_for_the_pairs(store: Store) -> None:
    source = (data_folder("sessions") / "example-social-card" / "plan.toml").read_text(encoding="utf-8")
    study = load_plan_text(source.replace("pictorial = true", "pictorial = true\nnasa_tlx_weighted = true"))
    simulate(store, study, participants=3, seed=1)
    results = collect_study(store, "example-social-card")
    task = results.tasks[0]
    assert task.tlx_weighted.value is not None and 0 <= task.tlx_weighted.value <= 100
    assert task.tlx_weighted.n == task.tlx_raw.n


def test_session_report(simulated: Store, tmp_path: Path) -> None:
    record = next(r for r in simulated.sessions("demo-farm-subsidy") if r.status is SessionStatus.ENDED)
    out = write_session_report(simulated, record.id, tmp_path / "session.pdf", "sr-Latn")
    check_pdf(out, tmp_path)
    text = " ".join(pdf_text(out).split())
    assert record.participant_code in text and "Izveštaj o sesiji" in text and "Tok sesije" in text
    assert "Koliko imate godina?" in text  # plan questions appear in their own wording


def test_report_command_end_to_end(simulated: Store, tmp_path: Path) -> None:
    home = simulated.path.parent
    ok = subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(home), "report", "--study",
                         "demo-farm-subsidy", "--out", str(tmp_path / "cli.pdf"), "--lang", "sr-Latn"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "Izveštaj o testiranju upotrebljivosti" in " ".join(pdf_text(tmp_path / "cli.pdf").split())
    missing = subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(home), "report", "--study", "nope",
                              "--out", str(tmp_path / "x.pdf")], capture_output=True, text=True)
    assert missing.returncode == 1 and "no sessions of study 'nope'" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_no_sessions_is_a_clear_error(store: Store) -> None:
    with pytest.raises(NoSessions, match="simulate"):
        collect_study(store, "demo-farm-subsidy")


def test_tidy_csv_export_reads_back(simulated: Store, tmp_path: Path) -> None:
    files = export_study_csv(simulated, "demo-farm-subsidy", tmp_path / "csv")
    tables = [p for p in files if p.suffix == ".csv"]
    assert sorted(p.name for p in tables) == sorted([*FILES, "data_dictionary.csv"])
    heatmaps = {p.name for p in files if p.parent.name == "heatmaps"}  # the demo's prototype tasks were tapped
    # each drawn over the image its taps were made on: the demo draws every screen once per language
    assert {f"farm-subsidy-{screen}.{lang}.png" for screen in ("home", "applications")
            for lang in ("sr-Cyrl", "sr-Latn", "en", "hu")} <= heatmaps and len(files) == len(tables) + len(heatmaps)
    read = {p.name: list(csv.DictReader(p.open(encoding="utf-8"))) for p in tables}
    assert len(read["participants.csv"]) == 30
    assert len(read["task_results.csv"]) == 30 * 5  # one row per participant × task
    assert {r["outcome"] for r in read["task_results.csv"]} <= {"success", "assisted", "partial", "failed",
                                                                "gave_up", "skipped", ""}
    for row in read["task_results.csv"]:
        if row["outcome"] == "success":
            assert row["success"] == "1" and float(row["active_seconds"]) > 0
        elif row["outcome"] in ("assisted", "partial", "failed", "gave_up"):
            assert row["success"] == "0"
    sus_rows = [r for r in read["answers.csv"] if r["instrument"] == "sus"]
    assert {r["item"] for r in sus_rows} == {str(n) for n in range(1, 11)}
    assert all(";" not in r["value"] or r["item"] == "devices" for r in read["answers.csv"])
    assert any("РПГ" in r["text"] for r in read["notes.csv"])  # Cyrillic survives
    events = read["events.csv"]
    assert len(events) == sum(len(simulated.events(s.id)) for s in simulated.sessions("demo-farm-subsidy"))
    described = {(r["file"], r["column"]) for r in read["data_dictionary.csv"]}
    for name in FILES:
        header = next(csv.reader((tmp_path / "csv" / name).open(encoding="utf-8")))
        assert {(name, column) for column in header} <= described, f"undocumented columns in {name}"


def test_excel_option_writes_a_byte_order_mark(simulated: Store, tmp_path: Path) -> None:
    export_study_csv(simulated, "demo-farm-subsidy", tmp_path / "excel", excel=True)
    raw = (tmp_path / "excel" / "notes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "РПГ".encode() in raw
    export_study_csv(simulated, "demo-farm-subsidy", tmp_path / "plain")
    assert not (tmp_path / "plain" / "notes.csv").read_bytes().startswith(b"\xef\xbb\xbf")
