"""Slots that take arguments fixed at connect time; a module of its own so a widget can bind without the engine.

The start page needs ``bind`` but none of the session bridge, which imports the engine (issue 8).
"""

from __future__ import annotations

from collections.abc import Callable


def bind(function: Callable[..., object], *args: object) -> Callable[..., None]:
    """A slot that calls ``function(*args)`` and ignores what the signal sends (such as ``checked``).

    PySide6 passes ``clicked``'s boolean into the first parameter of a lambda with defaults, which
    silently replaces the default and has shown refcount errors at exit; this closure has none.
    """

    def slot(*_ignored: object) -> None:
        function(*args)

    return slot
