"""Which participant controls are primary actions (at least the theme's ``primary_target_mm``, 16 mm) and which
are aids that may be smaller (at least ``min_target_mm``, 10 mm): written down here, once.

Primary: everything that moves the session on or answers it. Next, Back, Help, Stop, every choice (choice
buttons, the numbers of a rating scale, "I prefer not to answer"), the answers of a confirmation (Stop's
three, decline, delete, finish), the language buttons, the step-aside bar's Help and "I have finished",
the task panel's close button, a text field. An older participant with a tremor must hit these first time.

Not primary: aids next to the work itself, which a participant can do without: "Show the task again" above
the prototype (it must leave the prototype its room), the "more below" hint over a long text (scrolling by
finger does the same), the scroll bar, and the keys of the on-screen keyboard (12.7 mm tall and twice as
wide at 100% text: a mistyped letter is one Delete away, and 16 mm keys would push the answer field off a
1280×800 screen). Each says so with ``mark_aid``; everything else counts as primary, so a
new control is held to the larger size unless someone decides otherwise here.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QAbstractSlider, QWidget

#: the widget property that records the decision
TARGET_PROPERTY = "target"
AID = "aid"
W = TypeVar("W", bound=QWidget)


def mark_aid(widget: W) -> W:
    """``widget`` is an aid, not a primary action: it may be as small as the theme's ``min_target_mm``."""
    widget.setProperty(TARGET_PROPERTY, AID)
    return widget


def is_primary(widget: QWidget) -> bool:
    if isinstance(widget, QAbstractSlider):  # a scroll bar: the finger drags the page itself too
        return False
    return widget.property(TARGET_PROPERTY) != AID
