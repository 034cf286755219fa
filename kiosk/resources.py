"""Find the bundled data folders (ui, sessions, assets) whether installed or run from a checkout.

The wheel copies the top-level data folders into ``kiosk/_data``; a source checkout (or an
editable install) has them beside the package. Looking in both places keeps one code path.
The package is always a folder on disk (PySide6 cannot run from a zip), so the folder beside this file
is the package's: ``importlib.resources`` found the same folder for 14 ms of the app's start (issue 8).
"""

from __future__ import annotations

from pathlib import Path

_FOLDERS = ("ui", "sessions", "assets")


def data_folder(name: str) -> Path:
    """Return the folder ``ui``, ``sessions`` or ``assets`` as a real filesystem path."""
    if name not in _FOLDERS:
        raise ValueError(f"unknown data folder {name!r}; expected one of {_FOLDERS}")
    installed = Path(__file__).resolve().parent / "_data" / name
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"the {name!r} data folder is missing: looked in {installed} and {checkout}. "
        "Reinstall ux-kiosk or run it from a complete checkout."
    )


def demo_plan_path() -> Path:
    """The bundled demo study, used by ``ux-kiosk demo`` and the tests."""
    return data_folder("sessions") / "demo-farm-subsidy" / "plan.toml"


def available_themes() -> list[str]:
    """The participant themes' names (``ui/themes/*.toml``). Here, not in :mod:`kiosk.theme`: the command line
    checks ``--theme`` (its default too) on every start, and listing a folder needs no TOML parser."""
    return sorted(p.stem for p in (data_folder("ui") / "themes").glob("*.toml"))


def font_path(file_name: str) -> Path:
    return data_folder("assets") / "fonts" / file_name
