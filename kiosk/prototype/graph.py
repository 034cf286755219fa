"""The prototype as a graph of screens: what can be reached from where, and the shortest ways to a goal."""

from __future__ import annotations

from collections import deque

from kiosk.prototype.model import Action, Prototype


def links(prototype: Prototype) -> dict[str, list[str]]:
    """Screen → the screens its GO hotspots lead to (in hotspot order, without repeats)."""
    out: dict[str, list[str]] = {}
    for screen in prototype.screens.values():
        targets: list[str] = []
        for hotspot in screen.hotspots:
            if hotspot.action is Action.GO and hotspot.target in prototype.screens and hotspot.target not in targets:
                targets.append(hotspot.target)
        out[screen.id] = targets
    return out


def reachable(prototype: Prototype, start: str) -> set[str]:
    seen = {start}
    queue = deque([start])
    graph = links(prototype)
    while queue:
        for target in graph.get(queue.popleft(), []):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def goal_screen(prototype: Prototype, goal: str) -> str | None:
    """The screen a goal is on: itself if it is a screen, the hotspot's screen if it is a hotspot."""
    if goal in prototype.screens:
        return goal
    found = prototype.hotspot(goal)
    return found[0].id if found else None


def shortest_paths(prototype: Prototype, start: str, goals: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every shortest screen sequence from ``start`` to the nearest goal (BFS keeping all parents)."""
    targets = {s for s in (goal_screen(prototype, g) for g in goals) if s}
    if not targets:
        return []
    graph = links(prototype)
    depth = {start: 0}
    parents: dict[str, list[str]] = {start: []}
    queue = deque([start])
    found_depth: int | None = 0 if start in targets else None
    while queue:
        here = queue.popleft()
        if found_depth is not None and depth[here] >= found_depth:
            continue
        for target in graph.get(here, []):
            if target not in depth:
                depth[target] = depth[here] + 1
                parents[target] = [here]
                queue.append(target)
                if target in targets and found_depth is None:
                    found_depth = depth[target]
            elif depth[target] == depth[here] + 1:
                parents[target].append(here)
    if found_depth is None:
        return []
    ends = sorted(t for t in targets if depth.get(t) == found_depth)

    def back(screen: str) -> list[tuple[str, ...]]:
        if not parents[screen]:
            return [(screen,)]
        return [path + (screen,) for parent in parents[screen] for path in back(parent)]

    return sorted(path for end in ends for path in back(end))
