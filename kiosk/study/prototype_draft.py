"""The hotspot editor's live checks: what ``ux-kiosk check`` would say about the unsaved prototype.

The editor's work is written to TOML in memory and read by the very code that checks plans
(``check_prototype_text``), so the editor and ``check`` can never disagree; each problem is then tied
back to its screen and hotspot (the TOML keeps the editor's order) and given a catalog key, so the
facilitator reads it in the console's language and the editor can select what it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kiosk.prototype.draft_file import to_toml
from kiosk.prototype.graph import reachable
from kiosk.prototype.model import Action, Prototype
from kiosk.study.prototypes import check_prototype_text

_WHERE = re.compile(r"^screens\[(\d+)\](?:\.hotspots\[(\d+)\])?(?:\.(.*))?$")


@dataclass(frozen=True)
class DraftProblem:
    """One problem, located: ``key`` and ``values`` word it (``ui/i18n``), ``detail`` is check's English."""

    key: str
    values: dict[str, object] = field(default_factory=dict)
    screen: str | None = None
    hotspot: str | None = None
    detail: str = ""


def check_draft(prototype: Prototype, start: str | None = None) -> list[DraftProblem]:
    """Every problem of the prototype as it stands, plus goal hotspots the chosen start cannot reach."""
    _, problems = check_prototype_text(to_toml(prototype), prototype.folder)
    screens = list(prototype.screens.values())
    out: list[DraftProblem] = []
    for problem in problems:
        match = _WHERE.match(problem.key_path)
        if not match or int(match.group(1)) >= len(screens):
            out.append(DraftProblem("editor.check_other", {"detail": problem.message}, detail=problem.message))
            continue
        screen = screens[int(match.group(1))]
        rest = match.group(3) or ""
        if match.group(2) is not None and int(match.group(2)) < len(screen.hotspots):
            hotspot = screen.hotspots[int(match.group(2))]
            values: dict[str, object] = {"screen": screen.id, "hotspot": hotspot.id}
            if rest == "go" and not hotspot.target:
                out.append(DraftProblem("editor.check_unlinked", values, screen.id, hotspot.id, problem.message))
            elif rest == "go":
                out.append(DraftProblem("editor.check_missing_screen", {**values, "target": hotspot.target},
                                        screen.id, hotspot.id, problem.message))
            elif rest == "rect":
                out.append(DraftProblem("editor.check_outside", {**values, "width": screen.width,
                                                                 "height": screen.height},
                                        screen.id, hotspot.id, problem.message))
            else:
                out.append(DraftProblem("editor.check_hotspot_other", {**values, "detail": problem.message},
                                        screen.id, hotspot.id, problem.message))
        elif rest.startswith("image"):
            out.append(DraftProblem("editor.check_image", {"screen": screen.id, "detail": problem.message},
                                    screen.id, None, problem.message))
        else:
            out.append(DraftProblem("editor.check_screen_other", {"screen": screen.id, "detail": problem.message},
                                    screen.id, None, problem.message))
    if start in prototype.screens:
        can_reach = reachable(prototype, start)
        for screen in screens:
            for hotspot in screen.hotspots:
                if hotspot.action is Action.GOAL and screen.id not in can_reach:
                    out.append(DraftProblem("editor.check_goal_unreachable",
                                            {"hotspot": hotspot.id, "screen": screen.id, "start": start},
                                            screen.id, hotspot.id))
    return out
