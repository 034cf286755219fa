"""Every command-line mistake ends in one clear line on stderr and a non-zero exit, never a traceback.

Each case runs the real command (``python -m kiosk ...``) in a subprocess, as a facilitator would.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.resources import demo_plan_path
from kiosk.simulate import simulate
from kiosk.store import Store
from kiosk.study import load_plan
from prototype_fixtures import link_demo_prototype

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, cwd=ROOT,
                          env=full_env, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a few simulated sessions of the demo study."""
    root = tmp_path_factory.mktemp("cli-home")
    store = Store(root / "kiosk.sqlite3")
    simulate(store, load_plan(demo_plan_path()), 12, seed=3)
    store.close()
    return root


# --- --out -----------------------------------------------------------------------------------------------------

def test_report_out_is_a_folder(home: Path, tmp_path: Path) -> None:
    one_line_error(run("--data-dir", str(home), "report", "--study", "demo-farm-subsidy", "--out", str(tmp_path)),
                   "--out", str(tmp_path), "folder")


def test_report_out_that_is_not_a_regular_file_is_refused_and_kept(home: Path, tmp_path: Path) -> None:
    """Found by a new user: a named pipe (or, as root, /dev/full) given as --out was deleted and replaced by
    the PDF, and the command exited 0."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    one_line_error(run("--data-dir", str(home), "report", "--study", "demo-farm-subsidy", "--out", str(pipe)),
                   "--out", str(pipe), "not a regular file")
    assert pipe.is_fifo()


def test_report_out_cannot_be_written(home: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    one_line_error(run("--data-dir", str(home), "report", "--study", "demo-farm-subsidy",
                       "--out", str(blocker / "report.pdf")), str(blocker / "report.pdf"), "is a file, not a folder")
    assert blocker.read_text() == "x"


def test_export_out_is_a_file(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "csv"
    target.write_text("x")
    one_line_error(run("--data-dir", str(home), "export-csv", "--study", "demo-farm-subsidy", "--out", str(target)),
                   "--out", "not a folder")


@pytest.fixture
def full_disk(tmp_path: Path):
    """A 64 KiB filesystem: too small for a study report or a CSV export."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    (mount / "filler").write_bytes(b"\0" * 40_000)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_report_on_a_read_only_disk(home: Path, tmp_path: Path) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a read-only tmpfs")
    try:
        one_line_error(run("--data-dir", str(home), "report", "--study", "demo-farm-subsidy",
                           "--out", str(mount / "study.pdf")), "cannot write", "Read-only file system")
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_report_on_a_full_disk_leaves_no_part_file(home: Path, full_disk: Path) -> None:
    out = full_disk / "study.pdf"
    one_line_error(run("--data-dir", str(home), "report", "--study", "demo-farm-subsidy", "--out", str(out)),
                   "cannot write", "No space left")
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


def test_export_on_a_full_disk_leaves_no_part_file(home: Path, full_disk: Path) -> None:
    one_line_error(run("--data-dir", str(home), "export-csv", "--study", "demo-farm-subsidy",
                       "--out", str(full_disk / "csv")), "cannot write", "No space left")
    assert not list(full_disk.rglob("*.part"))


# --- data folder, languages, sizes, themes, numbers -------------------------------------------------------------

def test_data_dir_pointing_at_a_file(tmp_path: Path) -> None:
    afile = tmp_path / "kiosk.txt"
    afile.write_text("x")
    one_line_error(run("--data-dir", str(afile), "sessions"), str(afile), "not a folder")
    one_line_error(run("sessions", env={"UX_KIOSK_HOME": str(afile)}), str(afile), "not a folder")
    one_line_error(run("simulate", str(demo_plan_path()), "--data-dir", str(afile)), "not a folder")
    assert afile.read_text() == "x"


def test_unknown_language_is_refused_with_the_choices(home: Path, tmp_path: Path) -> None:
    one_line_error(run("--data-dir", str(home), "report", "--study", "demo-farm-subsidy", "--lang", "fr",
                       "--out", str(tmp_path / "r.pdf")), "'fr'", "sr-Cyrl, sr-Latn, en")
    assert not (tmp_path / "r.pdf").exists()


def test_language_is_accepted_in_any_case(home: Path, tmp_path: Path) -> None:
    result = run("--data-dir", str(home), "report", "--study", "demo-farm-subsidy", "--lang", "sr-cyrl",
                 "--out", str(tmp_path / "r.pdf"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    check = run("check", str(demo_plan_path()), "--lang", "SR-LATN")
    assert check.returncode == 0 and "plan je ispravan" in check.stdout


@pytest.mark.parametrize("size", ["huge", "0x0", "1920x", "-5x10", "99999x99999"])
def test_screenshot_size_must_be_width_x_height(tmp_path: Path, size: str) -> None:
    one_line_error(run("screenshots", "--out", str(tmp_path / "s"), f"--size={size}"), "--size", "WIDTHxHEIGHT")
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("command", [["screenshots", "--out", "shots"], ["demo"], ["gui"]])
def test_unknown_theme_is_refused_with_the_choices(tmp_path: Path, command: list[str]) -> None:
    one_line_error(run(*command, "--theme", "neon", env={"QT_QPA_PLATFORM": "offscreen"}),
                   "'neon'", "high_contrast, standard")


def test_participants_must_be_a_positive_number(tmp_path: Path) -> None:
    one_line_error(run("--data-dir", str(tmp_path), "simulate", str(demo_plan_path()), "--participants", "-3"),
                   "--participants", "-3")
    assert not (tmp_path / "kiosk.sqlite3").exists()


# --- studies and sessions ---------------------------------------------------------------------------------------

def test_unknown_study_lists_the_studies_that_exist(home: Path, tmp_path: Path) -> None:
    for command in (["report", "--study", "nope", "--out", str(tmp_path / "x.pdf")],
                    ["export-csv", "--study", "nope", "--out", str(tmp_path / "csv")], ["sessions", "--study", "nope"]):
        one_line_error(run("--data-dir", str(home), *command), "'nope'", "demo-farm-subsidy")
    assert not list(tmp_path.iterdir())


def test_unknown_session_says_how_to_list_them(home: Path, tmp_path: Path) -> None:
    one_line_error(run("--data-dir", str(home), "report", "--session", "nope", "--out", str(tmp_path / "x.pdf")),
                   "'nope'", "ux-kiosk sessions")


def test_no_data_yet_is_one_line(tmp_path: Path) -> None:
    one_line_error(run("--data-dir", str(tmp_path / "empty"), "sessions"), "no data", "simulate")


def test_sessions_has_a_header_and_one_status_column(home: Path) -> None:
    result = run("--data-dir", str(home), "sessions")
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["SESSION", "STUDY", "CODE", "STATUS", "STARTED"]  # local time (issue 9)
    assert len(rows) == 12
    for row in rows:
        status = row[header.index("STATUS"):header.index("STARTED")].strip()
        assert status in {"Ended", "Abandoned", "Withdrawn"} or status.startswith("In progress ("), row
        assert row.count("Ended") <= 1, row


def test_sessions_piped_into_head_exits_quietly(home: Path) -> None:
    result = subprocess.run(f"{sys.executable} -m kiosk --data-dir {home} sessions | head -n 1", shell=True,
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.startswith("SESSION")
    assert result.stderr == "", result.stderr


# --- the app without a screen -----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["demo"], ["gui"], []])
def test_the_app_without_a_display_says_how_to_get_one(command: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "kiosk", *command], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=60)
    one_line_error(result, "no display", "xvfb-run", "scripts/setup demo")


# --- help -------------------------------------------------------------------------------------------------------

def test_every_argument_has_help_with_its_default() -> None:
    from kiosk.cli.options import build_parser

    parser = build_parser()
    parsers = [parser] + [p for a in parser._actions if isinstance(a, argparse._SubParsersAction)
                          for p in a.choices.values()]
    checked = 0
    for p in parsers:
        for action in p._actions:
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)):
                continue
            assert action.help, f"{p.prog} {action.dest} has no help"
            assert "default" in action.help or "required" in action.help, f"{p.prog} {action.dest}: {action.help}"
            checked += 1
    assert checked > 25
    assert "default: en" in run("report", "--help").stdout


def test_a_command_word_given_as_an_options_value_parses_as_before() -> None:
    """``parse`` gives options only to the commands the line names; a value that is also a command's name
    (a data folder called ``sync``) must still leave the real command its options."""
    from kiosk.cli.options import parse

    args = parse(["--data-dir", "sync", "check", "plan.toml"])
    assert (args.command, args.data_dir, args.plans) == ("check", "sync", [Path("plan.toml")])
    args = parse(["sync", "--data-dir", "gui", "/media/stick", "--study", "s1"])
    assert (args.command, args.data_dir, args.target, args.study) == ("sync", "gui", "/media/stick", "s1")
    assert parse(["gui"]).theme == "standard" and parse([]).command is None


@pytest.mark.parametrize("line", [["--data-dir"], ["sessions", "--data-dir"], ["demo", "--data-dir"]])
def test_a_data_folder_option_without_a_value_is_one_line(line: list[str]) -> None:
    """The data folder is looked for before parsing (its translations word the errors); that early look
    printed its own usage and error above the real one."""
    one_line_error(run(*line), "--data-dir", "expected one argument")


@pytest.mark.parametrize("command", [["sessions"], ["check", "plan.toml"], ["retention"]])
def test_an_unknown_option_after_a_command_points_at_that_commands_help(command: list[str]) -> None:
    name = command[0]
    one_line_error(run(*command, "--bogus"), f"ux-kiosk {name}:", "--bogus", f"see ux-kiosk {name} --help")


@pytest.mark.parametrize("line, option", [(["--theme", "neon"], "--theme"), (["--theme", "high_contrast", "gui"], "--theme"),
                                          (["--set-pin", "gui"], "--set-pin"), (["--plan", "x.toml", "gui"], "--plan")])
def test_a_commands_option_before_the_command_says_where_it_goes(line: list[str], option: str) -> None:
    """argparse took ``--theme neon`` for an unknown option and a command named 'neon'."""
    message = one_line_error(run(*line), option, "goes after a command", "gui")
    assert "invalid choice" not in message


@pytest.mark.parametrize("command", [["report", "--study", "demo-farm-subsidy", "--out", "{file}/x.pdf"],
                                     ["export-csv", "--study", "demo-farm-subsidy", "--out", "{file}/csv"]])
def test_an_out_path_under_a_file_names_the_file_in_the_way(home: Path, tmp_path: Path, command: list[str]) -> None:
    """It said "cannot write …: File exists", the system's words for a folder it could not make."""
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    line = [part.format(file=blocker) for part in command]
    message = one_line_error(run("--data-dir", str(home), *line), str(blocker), "is a file, not a folder")
    assert "File exists" not in message


def test_argument_mistakes_are_one_line_too() -> None:
    one_line_error(run("report", "--study"), "--study")
    one_line_error(run("no-such-command"), "no-such-command")


def test_check_of_a_folder_without_a_plan_is_a_plan_problem_not_a_crash(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{tmp_path}: a folder with no plan.toml" in result.stderr


def test_a_study_folder_is_checked_and_simulated_as_its_plan(tmp_path: Path) -> None:
    """The README calls a study "one folder per study"; giving that folder said "Is a directory"."""
    folder = ROOT / "sessions" / "demo-farm-subsidy"
    checked = run("check", str(folder))
    assert checked.returncode == 0 and "Traceback" not in checked.stderr, checked.stderr
    assert "plan is valid" in checked.stdout
    simulated = run("--data-dir", str(tmp_path / "home"), "simulate", str(folder), "--participants", "1")
    assert simulated.returncode == 0, simulated.stderr


@pytest.mark.parametrize("environ, platform, refused", [
    ({}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "wayland"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({}, "win32", False),
    ({}, "darwin", False),
])
def test_display_detection(environ: dict[str, str], platform: str, refused: bool) -> None:
    from kiosk.cli.app import NoDisplay, ensure_display

    if refused:
        with pytest.raises(NoDisplay, match="xvfb-run"):
            ensure_display("gui", environ, platform)
    else:
        ensure_display("gui", environ, platform)


def test_a_broken_plan_given_to_simulate_or_screenshots_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "plan.toml"
    broken.write_text(demo_plan_path().read_text(encoding="utf-8").replace('version = "1.0"', "version = 1.0")
                      .replace('id = "demo-farm-subsidy"', 'id = "Demo Farm"'), encoding="utf-8")
    link_demo_prototype(tmp_path)
    line = one_line_error(run("--data-dir", str(tmp_path / "home"), "simulate", str(broken)),
                          f"{broken}:", "study.id", "1 more", f"ux-kiosk check {broken}")
    assert "study.version" not in line
    one_line_error(run("screenshots", "--out", str(tmp_path / "shots"), "--plan", str(tmp_path / "missing.toml")),
                   "missing.toml", "cannot read the plan")
    assert not (tmp_path / "home" / "kiosk.sqlite3").exists()


def test_a_stored_plan_that_no_longer_loads_is_one_line(tmp_path: Path) -> None:
    import sqlite3

    home = tmp_path / "home"
    store = Store(home / "kiosk.sqlite3")
    session_id = simulate(store, load_plan(demo_plan_path()), 1, seed=1).session_ids[0]
    store.close()
    with sqlite3.connect(home / "kiosk.sqlite3") as db:  # a damaged snapshot, as a bad copy might leave it
        db.execute("UPDATE plans SET source = ?", ('[study]\nid = "Demo Farm"\nversion = 1\n',))
    db.close()
    one_line_error(run("--data-dir", str(home), "report", "--session", session_id, "--out", str(tmp_path / "s.pdf")),
                   "study.id", "more")
