"""The domain must run without Qt: importing every module outside kiosk/qt must not load PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kiosk


def _domain_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
        if info.name == "kiosk.qt" or info.name.startswith("kiosk.qt."):
            continue
        names.append(info.name)
    return names


def test_domain_modules_do_not_load_pyside6() -> None:
    modules = _domain_modules()
    assert "kiosk.session.engine" in modules and "kiosk.store.db" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"PySide6 loaded by the domain: {result.stdout}"


def test_generic_data_folders_are_not_installed_as_packages() -> None:
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(kiosk.__file__).parent.parent / "pyproject.toml").read_text())
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["kiosk"]
    assert set(wheel["force-include"].values()) == {"kiosk/_data/ui", "kiosk/_data/sessions", "kiosk/_data/assets"}
