"""The demo study's click-through prototype, drawn from code on first use and never committed (issue 10).

Generated media stay out of the repository, so the screens (and the ``prototype.toml`` whose hotspots are the
drawn buttons) are written by ``ensure_demo_prototype``: by ``scripts/setup``, by the app before it loads the
bundled plans, by the tests once per run, and by ``ux-kiosk demo``. A stamp (a digest of the drawing code, its
words and the plan's languages) says whether what is on disk is current, so a start that finds it so pays
well under a millisecond. An installed app whose package folder is read-only draws into a copy of the demo
study under the user cache folder instead (``ready_demo_plan``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path

from kiosk.paths import cache_folder
from kiosk.resources import demo_plan_path

PROTOTYPE_FOLDER = "prototype"
PROTOTYPE_FILE = "prototype.toml"
STAMP = ".drawn"


def plan_languages(plan: Path) -> tuple[str, ...]:
    """The languages the demo plan offers (Serbian Latin counts: its screens are transliterated, not shared)."""
    data = tomllib.loads(plan.read_text(encoding="utf-8"))
    return tuple(data.get("study", {}).get("languages", ("sr-Cyrl",)))


def _stamp(languages: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for module in ("demo_screens.py", "demo_texts.py", "demo_prototype.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    digest.update(" ".join(languages).encode())
    return digest.hexdigest()


def is_current(folder: Path, languages: Sequence[str]) -> bool:
    """True when ``folder`` holds the screens this code draws for these languages: the stamp matches and
    every file it lists is there (cheap: one small read and a few dozen stats, no Qt)."""
    try:
        digest, *files = (folder / STAMP).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return False
    return digest == _stamp(languages) and all((folder / name).is_file() for name in files)


def image_name(screen: str, lang: str) -> str:
    return f"{screen}.png" if lang == "sr-Cyrl" else f"{screen}.{lang}.png"


def prototype_toml(languages: Sequence[str]) -> str:
    """The prototype's description, with each drawn button that leads somewhere as a hotspot."""
    from kiosk.qt.demo_screens import SCREENS
    from kiosk.qt.demo_texts import text

    lines = ["# Drawn by kiosk/qt/demo_prototype.py: do not edit (regenerated when the drawing code changes).",
             "[prototype]", 'id = "farm-subsidy"', ""]
    others = [lang for lang in languages if lang != "sr-Cyrl"]
    for spec in SCREENS:
        lines += ["[[screens]]", f'id = "{spec.id}"', f'image = "{image_name(spec.id, "sr-Cyrl")}"']
        titles = ", ".join(f'{lang} = "{text(f"title.{spec.id}", lang)}"' for lang in languages if lang != "sr-Latn")
        lines.append(f"title = {{ {titles} }}")  # reports name screens by these, not by their ids
        if others:
            images = ", ".join(f'{lang} = "{image_name(spec.id, lang)}"' for lang in others)
            lines.append(f"images = {{ {images} }}")
        lines.append("")
        for button in spec.buttons:
            if not button.linked:
                continue
            x, y, w, h = button.rect
            action = f'go = "{button.go}"' if button.go else ("back = true" if button.back else "goal = true")
            lines += ["  [[screens.hotspots]]", f'  id = "{button.id}"', f"  rect = [{x}, {y}, {w}, {h}]",
                      f"  {action}", ""]
    return "\n".join(lines)


def _gui_application() -> None:
    """Drawing text needs a QGuiApplication; outside the app (setup, tests) one is made without a screen."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        QApplication(sys.argv[:1])  # a QApplication, so widgets made later in the same process still work


def ensure_demo_prototype(folder: Path, languages: Sequence[str] | None = None) -> bool:
    """Draw the demo prototype into ``folder`` unless it is current; True if it drew. Raises OSError when
    ``folder`` cannot be written. Files are written beside their final names and moved into place, and the
    stamp last, so an interrupted drawing is never taken for a finished one."""
    languages = tuple(languages) if languages is not None else plan_languages(folder.parent / "plan.toml")
    if is_current(folder, languages):
        return False
    _gui_application()
    from kiosk.qt.demo_screens import SCREENS, draw_screen

    folder.mkdir(parents=True, exist_ok=True)
    (folder / STAMP).unlink(missing_ok=True)
    names = []
    for spec in SCREENS:
        for lang in languages:
            names.append(image_name(spec.id, lang))
            _write(folder / names[-1], lambda path, s=spec, lg=lang: _save(draw_screen(s, lg), path))
    _write(folder / PROTOTYPE_FILE, lambda path: path.write_text(prototype_toml(languages), encoding="utf-8"))
    for old in folder.glob("*.png"):  # screens of a language the plan no longer has
        if old.name not in names:
            old.unlink()
    stamp = "\n".join([_stamp(languages), PROTOTYPE_FILE, *names])
    _write(folder / STAMP, lambda path: path.write_text(stamp, encoding="utf-8"))
    return True


def _save(image, path: Path) -> None:
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def _write(target: Path, write) -> None:
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=target.suffix)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.chmod(temporary, 0o644)  # package data: readable by everyone, as the rest of the study folder
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def ready_demo_plan(plan: Path | None = None, fallback: Path | None = None) -> Path:
    """The demo plan with its prototype drawn: the bundled plan itself, or, when its folder cannot be written
    (an installed app in a read-only location), a copy of the plan under ``fallback`` (the user cache folder)
    with the prototype drawn beside it."""
    plan = plan or demo_plan_path()
    languages = plan_languages(plan)
    try:
        ensure_demo_prototype(plan.parent / PROTOTYPE_FOLDER, languages)
        return plan
    except OSError:
        pass
    copy = (fallback or cache_folder()) / plan.parent.name
    copy.mkdir(parents=True, exist_ok=True)
    if not (copy / "plan.toml").is_file() or (copy / "plan.toml").read_bytes() != plan.read_bytes():
        shutil.copyfile(plan, copy / "plan.toml")
    ensure_demo_prototype(copy / PROTOTYPE_FOLDER, languages)
    return copy / "plan.toml"


def main() -> int:
    """``python -m kiosk.qt.demo_prototype``: draw the bundled demo's prototype (run by scripts/setup)."""
    plan = ready_demo_plan()
    print(f"demo prototype ready: {plan.parent / PROTOTYPE_FOLDER}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
