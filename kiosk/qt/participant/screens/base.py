"""What every participant screen shares: the context it is built in and the Next contract.

Each screen says what its Next button means (or that it has none), whether Next is ready and, if
not, what is missing; the window owns the buttons, so Back, Help and Next never move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.i18n import Catalog
from kiosk.qt.bridge import SessionBridge
from kiosk.qt.participant.spoken import layout_texts
from kiosk.qt.participant.widgets import wrap_label
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.session.taps import TapGuard
from kiosk.speech import Part
from kiosk.speech_clips import find_clip, plan_folder
from kiosk.theme import Theme


@dataclass(frozen=True)
class ScreenContext:
    bridge: SessionBridge
    catalog: Catalog
    theme: Theme
    speak: Callable[[str, Path | None], None] = lambda _text, _clip: None
    #: asks the window for a confirmation screen ("decline", "stop", "delete") before acting
    confirm: Callable[[str], None] = lambda _what: None
    #: the window's tap guard, for screens with taps of their own (the prototype player)
    tap_guard: TapGuard = field(default_factory=TapGuard)

    @property
    def engine(self):
        return self.bridge.engine

    @property
    def lang(self) -> str:
        return self.engine.language

    def t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, key, **values)

    def run(self, action: Callable[..., object], *args: object) -> bool:
        return self.bridge.run(action, *args)


class Screen(QWidget):
    ready_changed = Signal(bool)
    next_key: str | None = "participant.next"
    #: what a tap on the greyed-out Next says is missing
    not_ready_key = "flow.next_needs_answer"
    #: a confirmation shown over the session's step (Stop, decline, delete, finish), not the step itself
    is_overlay = False
    #: the plain "what happens next" line at the end of the screen ({button}: the Next button's words)
    next_hint_key: str | None = None
    #: False where the page has no height to spare (the prototype player shows it on its task panel)
    shows_next_hint = True

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__()
        self.setObjectName("content")
        self.ctx = ctx
        #: the step this screen was built for: what it carries over is only restored on the same step
        self.step_seen = ctx.engine.step
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(mm_to_px(3, screen_of(self)))
        self.layout_.setContentsMargins(0, 0, mm_to_px(2, screen_of(self)), 0)
        self.build()
        self.layout_.addStretch(1)
        self.next_hint = self.add_text(self.next_hint_text(), "muted")
        self.next_hint.setObjectName("nextHint")
        self.next_hint.setVisible(bool(self.next_hint.text()) and self.shows_next_hint)

    def build(self) -> None:
        raise NotImplementedError

    def add_text(self, text: str, role: str = "body") -> QLabel:
        label = wrap_label(text, role)
        self.layout_.addWidget(label)
        return label

    def is_ready(self) -> bool:
        return True

    # -- speech ------------------------------------------------------------------------------------

    def next_hint_text(self) -> str:
        if not self.next_hint_key:
            return ""
        return self.ctx.t(self.next_hint_key, button=self.ctx.t(self.next_key) if self.next_key else "")

    def spoken_parts(self) -> list[str]:
        """The screen's words in reading order (override only where the walk of what is shown is wrong)."""
        return layout_texts(self.layout_, self)

    def spoken_text(self) -> str:
        return "\n".join(self.spoken_parts())

    def speech_parts(self) -> list[Part]:
        """What to say, each part with the clip the facilitator recorded for exactly its words, if any."""
        folder, lang = plan_folder(self.ctx.engine.study), self.ctx.lang
        return [Part(text, find_clip(folder, lang, text)) for text in self.spoken_parts()]

    def speech_identity(self) -> tuple[object, ...]:
        """Equal for the same screen rebuilt (a draft, an aid changed) so it is not read again; a new step,
        question, confirmation or language is a new screen."""
        state = self.ctx.engine.state
        return type(self).__name__, self.step_seen, state.stage_index, state.question_index, self.ctx.lang

    def on_next(self) -> None:
        raise NotImplementedError

    def flush_draft(self) -> None:
        """Commit anything typed but not yet kept (text fields), before the screen is rebuilt."""

    def carry_over(self) -> object | None:
        """What this screen holds that is not an engine draft (a drawn mark), for the same screen rebuilt
        in another language; None: nothing to carry."""
        return None

    def restore(self, state: object) -> None:
        """Take back what ``carry_over`` gave, on the same screen rebuilt (never on another step's)."""


class MessageScreen(Screen):
    """A screen that only says something: no Next."""

    next_key = None
    next_hint_key: str | None = "next.give_back"
    heading_key = ""
    body_key = ""

    def build(self) -> None:
        self.add_text(self.ctx.t(self.heading_key), "heading")
        if self.body_key:
            self.add_text(self.ctx.t(self.body_key)).setObjectName("outcome")
