"""The tap model for older hands: a control that changes meaning under the finger ignores taps
for a short guard time after the change, so a double tap never becomes two actions.

"I'm ready to start" becomes "I'm done" in the same place; Back on one question becomes Back on
the one before. The participant window tells the guard whenever what is under the finger changes,
and asks it before acting on any tap. Duration and clock are injectable so tests need no sleeps.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable

#: seconds after a screen changes during which taps on it are ignored (one setting for the app)
TAP_GUARD_SECONDS = 0.5


class TapGuard:
    def __init__(self, seconds: float = TAP_GUARD_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        if seconds < 0:
            raise ValueError("a tap guard cannot be negative")
        self.seconds = seconds
        self.clock = clock
        self._changed_at: dict[Hashable, float] = {}
        self.ignored = 0  #: taps swallowed so far, for tests and for the facilitator's curiosity

    def meaning_changed(self, target: Hashable = None) -> None:
        """What is under the finger now means something else: the whole screen (``None``, a new
        screen) or one control (a toggle just ticked). Starts the guard time for it."""
        if target is None:
            self._changed_at.clear()
        self._changed_at[target] = self.clock()

    def accepts_tap(self, target: Hashable = None) -> bool:
        """Whether a tap on ``target`` now is deliberate; one inside a guard time is counted and refused."""
        now = self.clock()
        for key in {None, target}:
            since = self._changed_at.get(key)
            if since is not None and now - since < self.seconds:
                self.ignored += 1
                return False
        return True
