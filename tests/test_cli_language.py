"""The command line speaks ``--lang`` (issue 9): every refusal and every line it prints, counted in the
language's grammar, with local times; the English wording stays on the error for logs and tests.

These run ``kiosk.cli.main`` in this process (the subprocess cases are in test_cli_errors.py).
"""

from __future__ import annotations

import errno
import time
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.cli.errors import CliError, cannot_write, os_problem, plan_problem
from kiosk.explained import ExplainedError
from kiosk.i18n import default_catalog
from kiosk.i18n.explain import explain
from kiosk.session import SessionEngine
from kiosk.study.reader import PlanError, Problem


@pytest.fixture
def belgrade(monkeypatch: pytest.MonkeyPatch):
    """The laptop's clock is on Belgrade time (CET, UTC+1 in November)."""
    monkeypatch.setenv("TZ", "Europe/Belgrade")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.fixture
def data(store, demo_study, clock) -> Path:
    """A data folder with one session started at 09:00 UTC (10:00 in Belgrade), still in progress."""
    engine = SessionEngine.start(store, demo_study, "P-0001", clock, facilitator="F1")
    engine.continue_from_welcome()
    return store.path.parent


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- sessions ------------------------------------------------------------------------------------------------------

def test_sessions_in_serbian_shows_serbian_columns_words_and_local_time(data, belgrade, capsys) -> None:
    code, out, err = cli(capsys, "--data-dir", str(data), "--lang", "sr-Cyrl", "sessions")
    assert code == 0, err
    header, row = out.splitlines()
    assert header.split() == ["СЕСИЈА", "СТУДИЈА", "ШИФРА", "СТАЊЕ", "ПОЧЕТАК"]
    assert row.split("  ")[0].strip() and "demo-farm-subsidy" in row and "P-0001" in row
    assert "У току (Сагласност)" in row
    assert row.rstrip().endswith("2. 11. 2026. 10:00")  # local time, not 09:00 UTC
    assert "UTC" not in out and "in progress" not in out


def test_sessions_in_english_shows_local_time_and_the_columns_line_up(data, belgrade, capsys) -> None:
    code, out, _ = cli(capsys, "--data-dir", str(data), "sessions")
    assert code == 0
    header, row = out.splitlines()
    assert header.split() == ["SESSION", "STUDY", "CODE", "STATUS", "STARTED"]
    assert row[header.index("STATUS"):header.index("STARTED")].strip() == "In progress (Consent)"
    assert row[header.index("STARTED"):] == "Nov 2, 2026, 10:00\u202fAM"
    assert row[header.index("CODE"):header.index("STATUS")].strip() == "P-0001"


def test_sessions_in_serbian_latin_is_transliterated(data, belgrade, capsys) -> None:
    _, out, _ = cli(capsys, "--data-dir", str(data), "--lang", "sr-Latn", "sessions")
    assert out.split()[:5] == ["SESIJA", "STUDIJA", "ŠIFRA", "STANJE", "POČETAK"]


# --- refusals ------------------------------------------------------------------------------------------------------

def test_an_unknown_session_is_refused_in_serbian_and_in_english(data, capsys, tmp_path) -> None:
    argv = ("--data-dir", str(data), "report", "--session", "nope", "--out", str(tmp_path / "x.pdf"))
    code, out, err = cli(capsys, "--lang", "sr-Cyrl", *argv)
    assert (code, out) == (1, "")
    assert err == (f"ux-kiosk: нема сесије „nope” у {data / 'kiosk.sqlite3'}; "
                   "списак даје 'ux-kiosk sessions'\n")
    _, _, err = cli(capsys, *argv)
    assert err == f"ux-kiosk: no session 'nope' in {data / 'kiosk.sqlite3'}; 'ux-kiosk sessions' lists them\n"


def test_an_unknown_study_names_the_known_ones_in_serbian(data, capsys) -> None:
    _, _, err = cli(capsys, "--data-dir", str(data), "--lang", "sr-Cyrl", "sessions", "--study", "nope")
    assert err == (f"ux-kiosk: нема сесија студије „nope” у {data / 'kiosk.sqlite3'}; "
                   "тамо постоје студије: demo-farm-subsidy\n")


def test_no_data_yet_in_serbian(tmp_path, capsys) -> None:
    code, _, err = cli(capsys, "--data-dir", str(tmp_path / "empty"), "--lang", "sr-Cyrl", "sessions")
    assert code == 1
    assert err == (f"ux-kiosk: у {tmp_path / 'empty'} нема података: прво спроведите сесије "
                   "(или 'ux-kiosk simulate PLAN'), или задајте --data-dir\n")


def test_a_file_given_as_out_folder_is_refused_in_serbian(data, capsys, tmp_path) -> None:
    target = tmp_path / "csv"
    target.write_text("x")
    _, _, err = cli(capsys, "--data-dir", str(data), "--lang", "sr-Cyrl", "export-csv", "--study",
                    "demo-farm-subsidy", "--out", str(target))
    assert err == (f"ux-kiosk: --out {target} није фасцикла; задајте фасциклу за датотеке "
                   "(направиће се ако не постоји)\n")


def test_a_cli_error_keeps_its_english_text_and_carries_catalog_words() -> None:
    error = cannot_write(Path("/x/r.pdf"), OSError(errno.ENOSPC, "No space left on device"))
    assert isinstance(error, ExplainedError) and isinstance(error, CliError)
    assert str(error) == "cannot write /x/r.pdf: No space left on the disk; free some space or choose another place"
    assert explain(error, default_catalog(), "en") == str(error)
    assert explain(error, default_catalog(), "sr-Cyrl") == (
        "не може да се пише у /x/r.pdf: на диску нема места; ослободите простор или изаберите друго место")


def test_the_cannot_use_line_for_a_system_error_is_in_serbian(tmp_path) -> None:
    try:
        open(tmp_path / "missing" / "plan.toml", encoding="utf-8")
    except OSError as exc:
        error = os_problem(exc)
    assert str(error) == f"cannot use {tmp_path / 'missing' / 'plan.toml'}: No such file or directory"
    assert explain(error, default_catalog(), "sr-Cyrl") == (
        f"не може да се користи {tmp_path / 'missing' / 'plan.toml'}: No such file or directory")


def _plan_error(problems: int) -> PlanError:
    return PlanError([Problem("plan.toml", i + 1, "tasks", "expected a list") for i in range(problems)])


@pytest.mark.parametrize(("more", "english", "serbian"), [
    (1, "and 1 more problem", "и још 1 проблем"),
    (2, "and 2 more problems", "и још 2 проблема"),
    (5, "and 5 more problems", "и још 5 проблема"),
    (21, "and 21 more problems", "и још 21 проблем"),
])
def test_and_n_more_problems_is_counted_in_each_language(more: int, english: str, serbian: str) -> None:
    error = plan_problem(Path("plan.toml"), _plan_error(more + 1))
    catalog = default_catalog()
    first = "plan.toml:1: tasks: expected a list"
    assert str(error) == f"{first} ({english}; 'ux-kiosk check plan.toml' lists them)"
    assert explain(error, catalog, "en") == str(error)
    assert explain(error, catalog, "sr-Cyrl") == f"{first} ({serbian}; списак даје 'ux-kiosk check plan.toml')"


def test_a_plan_with_one_problem_is_that_problem_alone() -> None:
    error = plan_problem(Path("plan.toml"), _plan_error(1))
    assert explain(error, default_catalog(), "sr-Cyrl", frame=False) == "plan.toml:1: tasks: expected a list"


def test_a_broken_plan_given_to_simulate_is_counted_in_serbian(tmp_path, capsys) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text("[study]\nid = 5\n", encoding="utf-8")
    code, _, err = cli(capsys, "--data-dir", str(tmp_path / "d"), "--lang", "sr-Cyrl", "simulate", str(plan))
    assert code == 1 and err.count("\n") == 1
    assert f"; списак даје 'ux-kiosk check {plan}')" in err and "проблем" in err and "more" not in err


def test_every_cli_message_key_in_the_code_is_in_english_and_serbian() -> None:
    import re

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path("kiosk").rglob("*.py"))
    keys = set(re.findall(r'"(cli\.[a-z_]+)"', source)) | {f"cli.col_{c}" for c in
                                                           ("session", "study", "code", "status", "started")}
    assert len(keys) >= 25
    catalog = default_catalog()
    assert keys - catalog.keys("en") == set()
    assert keys - catalog.keys("sr-Cyrl") == set()


def test_interrupted_and_a_stored_plan_are_worded_too() -> None:
    catalog = default_catalog()
    assert explain(CliError("interrupted", key="cli.interrupted"), catalog, "sr-Cyrl") == "прекинуто"
    assert [catalog.plural("sr-Cyrl", "cli.plan_and_more", n, problem="x") for n in (1, 2, 5, 21)] == [
        "x (и још 1 проблем)", "x (и још 2 проблема)", "x (и још 5 проблема)", "x (и још 21 проблем)"]
    assert [catalog.plural("sr-Cyrl", "cli.screenshots_written", n, path="s") for n in (1, 2, 5, 21)] == [
        "1 снимак екрана у s", "2 снимка екрана у s", "5 снимака екрана у s", "21 снимак екрана у s"]
    assert [catalog.plural("en", "cli.screenshots_written", n, path="s") for n in (1, 2)] == [
        "1 screenshot in s", "2 screenshots in s"]
