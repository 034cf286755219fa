"""A translation dropped into ``translations/`` of the data folder counts for the data folder in use: the
README tells a facilitator who runs from a USB stick (``--data-dir``) to put it there, beside the data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
PO = """msgid ""
msgstr ""
"Language: xx\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "meta.name"
msgid "English"
msgstr "Ixxian"
"""


def _sessions(data_dir: Path | None, home: Path, *extra: str, data_dir_last: bool = False
              ) -> subprocess.CompletedProcess[str]:
    from kiosk.store import Store

    for folder in (data_dir, home):
        if folder is not None:
            Store(folder / "kiosk.sqlite3").close()  # `sessions` wants a database, even an empty one
    env = {**os.environ, "UX_KIOSK_HOME": str(home)}
    given = ["--data-dir", str(data_dir)] if data_dir else []
    args = [*extra, *given] if data_dir_last else [*given, *extra]
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


@pytest.mark.parametrize("order", ["data-dir first", "lang first"])
def test_a_language_dropped_beside_the_data_given_by_data_dir_is_offered(tmp_path: Path, order: str) -> None:
    stick, home = tmp_path / "stick" / "kiosk", tmp_path / "home"
    (stick / "translations").mkdir(parents=True)
    (stick / "translations" / "xx.po").write_text(PO, encoding="utf-8")
    result = _sessions(stick, home, "--lang", "xx", "sessions", data_dir_last=order == "lang first")
    assert result.returncode == 0, result.stderr
    assert "unknown language" not in result.stderr


def test_a_language_in_another_data_folder_is_not_offered(tmp_path: Path) -> None:
    """The data folder in use decides, not the default one: a file beside other data does not count."""
    stick, home = tmp_path / "stick", tmp_path / "home"
    (home / "translations").mkdir(parents=True)
    (home / "translations" / "xx.po").write_text(PO, encoding="utf-8")
    stick.mkdir()
    assert _sessions(None, home, "--lang", "xx", "sessions").returncode == 0  # the default folder: offered
    refused = _sessions(stick, home, "--lang", "xx", "sessions")
    assert refused.returncode == 2 and "unknown language 'xx'" in refused.stderr


def test_the_data_folder_given_to_one_command_line_does_not_outlive_it(tmp_path: Path, _isolated_home: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """``main()`` run in a process that goes on (the tests, an embedding tool): the next code that asks for the
    data folder must get the default again, not the last command line's ``--data-dir``."""
    from kiosk.cli import main
    from kiosk.paths import resolve_data_paths
    from kiosk.store import Store

    stick = tmp_path / "stick"
    Store(stick / "kiosk.sqlite3").close()
    assert main(["--data-dir", str(stick), "sessions"]) == 0
    capsys.readouterr()
    assert resolve_data_paths().root == _isolated_home.resolve()
