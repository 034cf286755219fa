"""A ``prototype.toml`` given to ``ux-kiosk check`` on its own, and the plans beside it that play it (issue 10).

A new user who wrote a prototype checks that file first; read as a plan it only drew "unknown section" and
"the [study] section is missing". It is checked as a prototype instead, with the checks the plan's check runs
on it (in the languages of a plan that uses it, so titles are held to the same list), and the plans found in
the folders above it are named: only their check covers a task's start screen and goals.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.prototype.model import Prototype
from kiosk.study import source as toml_source
from kiosk.study.prototypes import PROTOTYPE_FILE, load_prototype
from kiosk.study.reader import PlanError, Problem

#: how many folders above the prototype's folder are searched for plans (a study folder holds its prototypes
#: directly or under ``prototypes/``)
SEARCH_LEVELS = 3


@dataclass(frozen=True)
class PrototypeCheck:
    """What checking one prototype file found: the prototype (None if it has problems), the problems, and the
    plans found that play it."""

    prototype: Prototype | None
    problems: tuple[Problem, ...]
    plans: tuple[Path, ...]


def _toml(path: Path) -> dict | None:
    """The file's TOML, or None; through the plan reader's guarded parser, so a file nested thousands of
    levels deep is None here (and a located problem in ``check``), never a RecursionError."""
    try:
        return toml_source.parse(toml_source.strip_bom(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, toml_source.SourceProblem):
        return None


def looks_like_prototype(path: Path) -> bool:
    """A file named ``prototype.toml``, or TOML with ``[prototype]`` or ``[[screens]]`` and no ``[study]``."""
    if path.name == PROTOTYPE_FILE:
        return True
    data = _toml(path) if path.suffix == ".toml" else None
    return data is not None and "study" not in data and ("prototype" in data or "screens" in data)


def _plays(data: dict, plan_folder: Path, folder: Path) -> bool:
    tasks = data.get("tasks")
    for task in tasks if isinstance(tasks, list) else ():
        use = task.get("prototype") if isinstance(task, dict) else None
        name = use.get("folder") if isinstance(use, dict) else None
        if isinstance(name, str) and name and (plan_folder / name).resolve() == folder:
            return True
    return False


def plans_using(folder: Path) -> list[tuple[Path, tuple[str, ...]]]:
    """Plans in the folders above ``folder`` that play it, with their languages; nearest first."""
    folder = folder.resolve()
    found = []
    for above in list(folder.parents)[:SEARCH_LEVELS]:
        for candidate in sorted(above.glob("*.toml")):
            data = _toml(candidate)
            if data is None or not isinstance(data.get("study"), dict) or not _plays(data, above, folder):
                continue
            languages = data["study"].get("languages")
            valid = isinstance(languages, list) and all(isinstance(lang, str) for lang in languages)
            found.append((candidate, tuple(languages) if valid else ()))
    return found


def check_prototype_file(path: Path) -> PrototypeCheck:
    """Check ``path`` as the plan's check checks the prototype folder it names."""
    plans = plans_using(path.parent)
    if path.name != PROTOTYPE_FILE:
        problem = Problem(str(path), None, "", f"a prototype is read from {PROTOTYPE_FILE} in the folder of its "
                          f"screens; rename this file to {path.parent / PROTOTYPE_FILE}")
        return PrototypeCheck(None, (problem,), tuple(plan for plan, _ in plans))
    languages = plans[0][1] if plans else ()
    try:
        prototype = load_prototype(path.parent, languages)
    except PlanError as exc:
        return PrototypeCheck(None, tuple(exc.problems), tuple(plan for plan, _ in plans))
    return PrototypeCheck(prototype, (), tuple(plan for plan, _ in plans))
