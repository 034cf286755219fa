"""Stop, and the two-step confirmations for what cannot be undone (decline, delete).

The safe choice always comes first, in the primary colour; the destructive one sits at the bottom,
far from it (and, on the delete confirmation, on the other side from where "delete" was tapped),
so neither a double tap nor a resting finger can end a session or delete data.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy

from kiosk.qt.bridge import bind
from kiosk.qt.participant.screens.base import Screen, ScreenContext
from kiosk.qt.participant.widgets import BigButton
from kiosk.qt.style import mm_to_px, screen_of


def _wide(button: BigButton) -> BigButton:
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


class StopScreen(Screen):
    """Shown over any step when the participant taps Stop: go on, stop and keep, or (two steps) delete."""

    next_key = None
    next_hint_key = "next.choose_button"
    is_overlay = True

    def __init__(self, ctx: ScreenContext, on_keep: Callable[[], None], on_delete: Callable[[], None],
                 on_cancel: Callable[[], None]) -> None:
        self._handlers = (on_keep, on_delete, on_cancel)
        super().__init__(ctx)

    def build(self) -> None:
        on_keep, on_delete, on_cancel = self._handlers
        self.add_text(self.ctx.t("consent.stop_title"), "heading")
        self.cancel = _wide(BigButton(self.ctx.t("consent.stop_cancel"), role="primary"))
        self.keep = _wide(BigButton(self.ctx.t("consent.stop_keep"), role="secondary"))
        self.delete = BigButton(self.ctx.t("consent.stop_delete"), role="danger")
        for button, handler in ((self.cancel, on_cancel), (self.keep, on_keep), (self.delete, on_delete)):
            button.clicked.connect(bind(handler))
        self.layout_.addWidget(self.cancel)
        self.layout_.addWidget(self.keep)
        self.layout_.addSpacing(mm_to_px(25, screen_of(self)))
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.delete, 0, Qt.AlignmentFlag.AlignLeft)


class ConfirmScreen(Screen):
    """A question with a safe answer first and the irreversible one last, far below and to the right."""

    next_key = None
    next_hint_key = "next.choose_button"
    is_overlay = True
    title_key = ""
    body_key = ""
    no_key = ""
    yes_key = ""

    def __init__(self, ctx: ScreenContext, on_yes: Callable[[], None], on_no: Callable[[], None]) -> None:
        self._handlers = (on_yes, on_no)
        super().__init__(ctx)

    def build(self) -> None:
        on_yes, on_no = self._handlers
        self.add_text(self.ctx.t(self.title_key), "heading")
        self.add_text(self.ctx.t(self.body_key))
        self.no = _wide(BigButton(self.ctx.t(self.no_key), role="primary"))
        self.yes = BigButton(self.ctx.t(self.yes_key), role="danger")
        self.no.clicked.connect(bind(on_no))
        self.yes.clicked.connect(bind(on_yes))
        self.layout_.addWidget(self.no)
        self.layout_.addSpacing(mm_to_px(25, screen_of(self)))
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.yes, 0, Qt.AlignmentFlag.AlignRight)


class DeclineConfirmScreen(ConfirmScreen):
    title_key = "flow.decline_title"
    body_key = "flow.decline_body"
    no_key = "flow.decline_no"
    yes_key = "flow.decline_yes"


class DeleteConfirmScreen(ConfirmScreen):
    title_key = "flow.delete_title"
    body_key = "flow.delete_body"
    no_key = "flow.delete_no"
    yes_key = "flow.delete_yes"


class FinishConfirmScreen(ConfirmScreen):
    """"I have finished" on a prototype task: the task ends only on a second, deliberate answer. On the player
    the button sits where the finger works the prototype, so one stray tap must not end the task."""

    title_key = "flow.finish_title"
    body_key = "flow.finish_body"
    no_key = "flow.finish_no"
    yes_key = "flow.finish_yes"
