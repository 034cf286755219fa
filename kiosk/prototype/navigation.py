"""Following a participant's taps through a prototype: which hotspot, which screen next, which goal reached.

Pure and replayable: the player widget feeds it taps in image coordinates and logs what it returns, and
the same taps replayed after a crash rebuild the same screen and history. Nothing a tap does is hidden
from the record: a miss is a tap like any other, only with no hotspot.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.prototype.model import Action, Prototype, PrototypeTask


@dataclass(frozen=True)
class Tap:
    """One logged tap. ``to`` is the screen shown after it (the same screen for a miss or a goal hotspot)."""

    screen: str
    x: float
    y: float
    ms: int  # since this screen appeared
    hotspot: str | None = None
    action: Action | None = None
    to: str = ""
    goal: str | None = None  # the task goal this tap reached, if any

    @property
    def hit(self) -> bool:
        return self.hotspot is not None

    def payload(self) -> dict[str, object]:
        return {"screen": self.screen, "x": round(self.x, 1), "y": round(self.y, 1), "ms": self.ms,
                "hotspot": self.hotspot, "action": self.action.value if self.action else None, "to": self.to,
                "goal": self.goal}

    @classmethod
    def from_payload(cls, data: dict[str, object]) -> Tap:
        action = data.get("action")
        return cls(str(data["screen"]), float(str(data["x"])), float(str(data["y"])), int(str(data["ms"])),
                   str(data["hotspot"]) if data.get("hotspot") else None, Action(str(action)) if action else None,
                   str(data.get("to") or data["screen"]), str(data["goal"]) if data.get("goal") else None)


class Navigator:
    """Where a participant is in a prototype during one task, and what each tap does there."""

    def __init__(self, prototype: Prototype, task: PrototypeTask) -> None:
        self.prototype = prototype
        self.task = task
        self.history: list[str] = [task.start]
        self.goal_reached: str | None = task.start if task.start in task.goals else None
        self.misses_in_a_row = 0

    @property
    def screen(self) -> str:
        return self.history[-1]

    def tap(self, x: float, y: float, ms: int) -> Tap:
        """Follow the tap at image point (x, y); a tap outside every hotspot is a miss and changes nothing."""
        screen = self.prototype.screen(self.screen)
        hotspot = screen.hotspot_at(x, y)
        if hotspot is None:
            self.misses_in_a_row += 1
            return Tap(screen.id, x, y, ms, to=screen.id)
        self.misses_in_a_row = 0
        goal = None
        if hotspot.action is Action.GO:
            self.history.append(hotspot.target)
            goal = hotspot.target if hotspot.target in self.task.goals else None
        elif hotspot.action is Action.BACK and len(self.history) > 1:
            self.history.pop()
        if hotspot.id in self.task.goals:
            goal = hotspot.id
        if goal is not None and self.goal_reached is None:
            self.goal_reached = goal
        return Tap(screen.id, x, y, ms, hotspot.id, hotspot.action, self.screen, goal)

    def copy(self) -> Navigator:
        """A navigator in the same place, to try a tap before it is committed."""
        twin = Navigator(self.prototype, self.task)
        twin.history, twin.goal_reached, twin.misses_in_a_row = list(self.history), self.goal_reached, self.misses_in_a_row
        return twin

    def replay(self, taps: list[Tap]) -> None:
        """Rebuild the state from logged taps (after a crash or a resume)."""
        for tap in taps:
            self.tap(tap.x, tap.y, tap.ms)

    def should_hint(self) -> bool:
        """Hotspot hints are off unless the plan asks; then they show after that many misses in a row."""
        return self.task.hint_after_misses > 0 and self.misses_in_a_row >= self.task.hint_after_misses
