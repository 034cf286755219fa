"""The participant window: language bar on top, one screen in the middle, Back/Help/Next at the bottom.

The window rebuilds its screen after every committed event, so what the participant sees is always
the engine's state; unconfirmed choices are engine drafts, so a rebuild (a language change) keeps
them. Every tap on a button passes the tap guard (kiosk.session.taps) first: right after a screen
changes, or a toggle flips, a second tap of the same double tap is ignored.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Catalog
from kiosk.qt.bridge import SessionBridge, bind
from kiosk.qt.participant.screens import (
    DeclineConfirmScreen,
    DeleteConfirmScreen,
    DeletedScreen,
    FinishConfirmScreen,
    Screen,
    ScreenContext,
    StopScreen,
    build_screen,
)
from kiosk.qt.participant.banner import BannerLine
from kiosk.qt.participant.corner import CornerTaps
from kiosk.qt.participant.header import LanguageBar
from kiosk.qt.participant.exposure import RepaintOnExpose
from kiosk.qt.participant.read_aloud import ReadAloud
from kiosk.qt.participant.scrolling import MoreBelowHint, touch_scrollbar_stylesheet
from kiosk.qt.participant.step_aside import StepAsideMode
from kiosk.qt.participant.text_size import FOOTER_SHARES, WindowSizing
from kiosk.qt.participant.voice import ParticipantVoice
from kiosk.qt.participant.widgets import BigButton, wrap_label
from kiosk.qt.style import mm_to_px, participant_stylesheet, register_fonts, screen_of
from kiosk.session.events import EventKind
from kiosk.session.flow import Step
from kiosk.session.taps import TapGuard
from kiosk.store.records import SessionStatus
from kiosk.theme import Theme

TAKE_BACK_SHORTCUT = "Ctrl+Shift+F"
#: events that change nothing the participant sees (a draft is already on screen as the participant left it)
CONSOLE_ONLY_EVENTS = {EventKind.NOTE_ADDED, EventKind.CONTACT_SAVED, EventKind.HELP_ACKNOWLEDGED, EventKind.DRAFT_SAVED,
                       # the prototype player draws its own next screen: a rebuild would reset its timer and hints
                       EventKind.PROTOTYPE_TAPPED, EventKind.PROTOTYPE_HINT_SHOWN, EventKind.TASK_SHOWN_AGAIN}
#: events that change only whether "help is on the way" shows (here and on the step-aside bar)
HELP_EVENTS = {EventKind.HELP_REQUESTED, EventKind.HELP_ACKNOWLEDGED}
TAPS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
#: the least height of the page between the header and the footer (at 200% text it then scrolls)
PAGE_MIN_MM = 25


class ParticipantWindow(QWidget):
    #: the facilitator's keyboard shortcut or a close request (Alt+F4): the controller asks for the PIN
    take_back_requested = Signal()
    #: five taps on the blank corner: anyone can tap, so the controller asks for the PIN
    corner_unlock_requested = Signal()
    #: the participant chose "stop and delete everything about me", and confirmed it
    erase_requested = Signal()

    def __init__(self, catalog: Catalog, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        register_fonts()
        self.setObjectName("participantRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.catalog = catalog
        #: the theme as the plan's data, and as drawn now (its text sizes scaled to the participant's text size)
        self.base_theme = theme
        self.theme = theme
        self.sizing = WindowSizing(self)
        self.bridge: SessionBridge | None = None
        #: the facilitator's language, for what the window tells the console (the controller sets it)
        self.console_lang = "en"
        self.screen_widget: Screen | None = None
        self.tap_guard = TapGuard()
        #: a confirmation shown over the session's step: "stop", "delete", "decline", "finish" (None: the step)
        self.overlay: str | None = None
        #: the step's screen under a confirmation: its type, step and what it carries over (time on a screen)
        self._kept: tuple[type, object, object] | None = None
        self.setStyleSheet(participant_stylesheet(theme))
        self._close_allowed = False
        self.corner_taps = CornerTaps(self)
        self.corner_taps.unlock_requested.connect(self.corner_unlock_requested.emit)

        outer = QVBoxLayout(self)
        margin = mm_to_px(8, screen_of(self))
        outer.setContentsMargins(margin, mm_to_px(2, screen_of(self)), margin, mm_to_px(5, screen_of(self)))
        outer.setSpacing(mm_to_px(3, screen_of(self)))
        self.header = QHBoxLayout()
        self.corner = BigButton("", role="corner", mm=16)
        self.corner.setAccessibleName("facilitator")
        self.corner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.corner.clicked.connect(self.corner_taps.tapped)
        self.header.addWidget(self.corner, 0, Qt.AlignmentFlag.AlignTop)
        self.stop_button = BigButton("", role="danger", mm=16)
        self.stop_button.clicked.connect(self.show_stop_choice)
        self.header.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignTop)
        self.header.addStretch(1)
        self.language_bar = LanguageBar()
        self.header.addWidget(self.language_bar, 100)  # all the room Stop leaves; wraps into rows if that is not enough
        self.language_buttons: dict[str, BigButton] = {}
        outer.addLayout(self.header)
        # "Choose your language" goes under the buttons, on the welcome screen only: beside four languages it
        # made the window wider than a 1280 px screen, and above them it would move Stop between screens
        self.language_prompt = wrap_label("", "muted")
        self.language_prompt.setAlignment(Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self.language_prompt)

        self.scroll_area = QScrollArea()
        self.banners = BannerLine(self, self.scroll_area)
        self.banner = self.banners.in_flow
        outer.addWidget(self.banner)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        # its own minimum counts a horizontal scroll bar it never shows: at 200% text that pushed Next off screen
        self.scroll_area.setMinimumHeight(mm_to_px(PAGE_MIN_MM, screen_of(self)))
        self.scroll_area.setStyleSheet(touch_scrollbar_stylesheet(theme, screen_of(self)))
        QScroller.grabGesture(self.scroll_area.viewport(), QScroller.ScrollerGestureType.TouchGesture)  # finger drag
        outer.addWidget(self.scroll_area, 1)
        self.more_hint = MoreBelowHint(self.scroll_area)

        self.footer = footer = QHBoxLayout()
        footer.setSpacing(mm_to_px(6, screen_of(self)))
        self.back_button = BigButton("", "secondary", mm=16)
        self.help_button = BigButton("", "secondary", mm=16)
        self.next_button = BigButton("", "primary", mm=16)
        for button in (self.back_button, self.help_button, self.next_button, self.stop_button):
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # buttons keep their places even when unavailable
            button.setSizePolicy(policy)
        for button, share in zip((self.back_button, self.help_button, self.next_button), FOOTER_SHARES):
            policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # width from the share alone,
            policy.setRetainSizeWhenHidden(True)  # not from the text, so no label moves the others
            button.setSizePolicy(policy)
            footer.addWidget(button, share)
        outer.addLayout(footer)
        self.back_button.clicked.connect(self._on_back)
        self.help_button.clicked.connect(self._on_help)
        self.next_button.clicked.connect(self._on_next)
        self.exposure = RepaintOnExpose(self)
        self.voice = ParticipantVoice(self)
        self.speak, self._on_speech_failed = self.voice.speak, self.voice.failed
        self.read_aloud = ReadAloud(self)  # same place on every screen: right after Stop
        self.header.insertWidget(self.header.indexOf(self.stop_button) + 1, self.read_aloud.button, 0,
                                 Qt.AlignmentFlag.AlignTop)
        self.step_aside = StepAsideMode(self, participant_stylesheet(theme))
        self.step_aside_bar = self.step_aside.bar
        take_back = QShortcut(QKeySequence(TAKE_BACK_SHORTCUT), self)
        take_back.activated.connect(self.take_back_requested.emit)
        take_back.setContext(Qt.ShortcutContext.ApplicationShortcut)  # works whichever window has focus

    # -- leaving participant mode ------------------------------------------------------------------

    def put_away(self) -> None:
        """The facilitator has the device: neither the view nor its step-aside bar stays on screen."""
        self.read_aloud.stop()
        self.step_aside_bar.hide()
        self.hide()

    def on_screen(self) -> bool:
        """Whether the participant has the device: the full view, or its step-aside bar over another program."""
        return self.isVisible() or self.step_aside_bar.isVisible()

    def allow_close(self) -> None:
        """Only the app's own shutdown may really close this window (and its step-aside bar)."""
        self._close_allowed = True
        self.step_aside_bar.allow_close()
        self.step_aside_bar.close()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """The window appearing is a change under the finger: the second click of a facilitator's
        double click on "Show participant screen" must not land on Back, which sits in the same corner."""
        self.tap_guard.meaning_changed()
        super().showEvent(event)
        self.exposure.watch()  # what changed while hidden is repainted once the window is on screen again
        if self.bridge is not None:  # handed back during a step-aside task: step aside again at once
            QTimer.singleShot(0, self.step_aside.refollow)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Alt+F4 or the window manager's close would otherwise end the app (the console is hidden):
        refuse, and treat it as a request to take the device back, which needs the PIN."""
        if self._close_allowed:
            event.accept()
            return
        event.ignore()
        self.take_back_requested.emit()

    # -- the tap guard ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Every press on one of our buttons passes the tap guard; a greyed-out Next says why."""
        if event.type() not in TAPS or not isinstance(watched, QAbstractButton) or watched is self.corner:
            return False
        if watched is self.next_button and not watched.isEnabled() and watched.isVisible():
            if self.tap_guard.accepts_tap(watched):
                self._explain_next()
            return True
        if not watched.isEnabled():
            return False
        if watched.property("typing_key"):  # on-screen keys: "ll" is two taps on purpose; only a new screen guards
            return not self.tap_guard.accepts_tap()
        if not self.tap_guard.accepts_tap(watched):
            return True  # the second tap of a double tap, or a tap on something that just changed
        self.tap_guard.meaning_changed(watched)
        return False

    def _guard_buttons(self) -> None:
        """Route every button of this window through ``eventFilter`` (installing twice is harmless)."""
        for button in self.findChildren(QAbstractButton):
            if button is not self.corner:
                button.installEventFilter(self)

    def _explain_next(self) -> None:
        if self.screen_widget is not None and self.bridge is not None:
            self.banners.say(self.screen_widget.not_ready_key)

    def banner_text(self) -> str:
        """The line of news the participant reads now, wherever it lies ("" if none)."""
        return self.banners.text()

    # -- attaching a session ----------------------------------------------------------------------

    def attach(self, bridge: SessionBridge) -> None:
        if self.bridge is not None:
            self.bridge.event_committed.disconnect(self._on_event_committed)
            self.bridge.action_failed.disconnect(self._on_action_failed)
        self.bridge = bridge
        self.overlay, self._kept = None, None
        bridge.event_committed.connect(self._on_event_committed)
        bridge.action_failed.connect(self._on_action_failed)
        self._build_language_bar()
        self.banners.clear()
        self.read_aloud.attached()
        self.refresh()

    def _build_language_bar(self) -> None:
        assert self.bridge is not None
        self.language_buttons = self.language_bar.rebuild(self.bridge.engine.study.languages, self.catalog,
                                                          self._on_language_chosen)

    # -- reacting to the engine -------------------------------------------------------------------

    def _on_event_committed(self, event, state) -> None:
        if event.kind in HELP_EVENTS and self.bridge is not None:
            self.banners.update()
            self.step_aside.follow(self.bridge.engine)
            return
        if event.kind in CONSOLE_ONLY_EVENTS:
            return  # rebuilding the screen would reset scrolling and restart the tap guard for nothing
        if event.kind != EventKind.LANGUAGE_CHANGED:
            self.banners.clear()
        self.refresh()

    def _on_action_failed(self, _detail: str) -> None:
        """The detail is for the facilitator (the console shows it); the participant gets a calm word."""
        if self.bridge is not None:
            self.banners.say("flow.action_failed")

    def refresh(self) -> None:
        if self.bridge is None:
            return
        engine = self.bridge.engine
        lang = engine.language
        active = engine.state.status is SessionStatus.IN_PROGRESS
        if not active:
            self.overlay = None
        self.sizing.apply(engine.access.scale)
        for code, button in self.language_buttons.items():
            button.setChecked(code == lang)
        old = self.screen_widget
        if old is not None and not old.is_overlay:  # kept across a confirmation shown over it, too
            self._kept = (type(old), old.step_seen, old.carry_over())
        self.screen_widget = self._overlay_screen() if self.overlay else build_screen(self._context())
        kept_type, kept_step, carried = self._kept or (None, None, None)
        if carried is not None and not self.overlay and kept_type is type(self.screen_widget) \
                and kept_step == engine.step:
            self.screen_widget.restore(carried)  # the same screen in another language: keep what was drawn
        self.screen_widget.ready_changed.connect(self.next_button.setEnabled)
        self.scroll_area.setWidget(self.screen_widget)
        self._guard_buttons()
        self.tap_guard.meaning_changed()
        self.sizing.fit_footer(lang)
        self.language_prompt.setText(self._t("participant.choose_language"))
        self.language_prompt.setVisible(engine.step is Step.WELCOME and not self.overlay)
        self.back_button.setText(self._t("participant.back"))
        self.back_button.setVisible(engine.can_go_back() and not self.overlay)
        self.help_button.setText(self._t("participant.help"))
        self.help_button.setVisible(active)
        self.stop_button.setText(self._t("consent.stop"))
        self.stop_button.setVisible(active and not self.overlay)
        next_key = self.screen_widget.next_key
        self.next_button.setVisible(next_key is not None)
        if next_key:
            self.next_button.setText(self._t(next_key))
            self.next_button.setEnabled(self.screen_widget.is_ready())
        self.setWindowTitle(engine.study.title.get(lang))
        self.more_hint.set_text(self._t("flow.more_below"), self._t("flow.scroll_bar"))
        self.banners.update()  # in the language now chosen, and over the page or above it as the screen needs
        self.step_aside.follow(engine)
        self.read_aloud.screen_shown()  # a new screen stops the reading (and is read, if reading is automatic)

    def _overlay_screen(self) -> Screen:
        assert self.bridge is not None
        engine, ctx = self.bridge.engine, self._context()
        if self.overlay == "decline":
            return DeclineConfirmScreen(ctx, on_yes=bind(self.bridge.run, engine.decline_consent),
                                        on_no=bind(self._set_overlay, None))
        if self.overlay == "finish":
            return FinishConfirmScreen(ctx, on_yes=self._end_task, on_no=self._cancel_finish)
        if self.overlay == "delete":
            return DeleteConfirmScreen(ctx, on_yes=self.erase_requested.emit, on_no=bind(self._set_overlay, "stop"))
        return StopScreen(ctx, on_keep=bind(self.bridge.run, engine.withdraw, "participant stopped"),
                          on_delete=bind(self._set_overlay, "delete"), on_cancel=self.close_stop_choice)

    def _end_task(self) -> None:
        """"Yes, I have finished": the task's next step replaces the question (or, if not committed, the task)."""
        self.overlay = None
        if self.bridge is not None and not self.bridge.run(self.bridge.engine.end_task):
            self.refresh()

    def _cancel_finish(self) -> None:
        """"No, go back to the task": logged (as Stop taken back is), then the task as it was."""
        if self.bridge is not None:
            self.bridge.run(self.bridge.engine.cancel_finish)  # a refused log still goes back: the task comes first
        self._set_overlay(None)

    def _set_overlay(self, overlay: str | None) -> None:
        self.overlay = overlay
        self.banners.clear()
        self.refresh()

    def _t(self, key: str, **values: object) -> str:
        assert self.bridge is not None
        return self.catalog.text(self.bridge.engine.language, key, **values)

    def _context(self) -> ScreenContext:
        assert self.bridge is not None
        return ScreenContext(self.bridge, self.catalog, self.theme, self.speak, self._confirm, self.tap_guard)

    def _confirm(self, what: str) -> None:
        self._flush()
        self._set_overlay(what)

    def _flush(self) -> None:
        if self.screen_widget is not None and not self.overlay:
            self.screen_widget.flush_draft()

    # -- stopping ---------------------------------------------------------------------------------------

    def show_stop_choice(self) -> None:
        """Stop is always one tap away; what happens to the data is the participant's choice."""
        if self.bridge is None:
            return
        if self.overlay is None:  # a second press while the choice shows is not a second Stop
            self._flush()
            self.bridge.run(self.bridge.engine.offer_stop)  # a refused log still shows the choice: Stop always works
        self._confirm("stop")

    def close_stop_choice(self) -> None:
        """Back to the session's step, as "go back and continue" does."""
        if self.bridge is not None and self.overlay is not None:
            self.bridge.run(self.bridge.engine.cancel_stop)
        self._set_overlay(None)

    def show_stopped(self, lang: str) -> None:
        """After erasure nothing of the session is left to show: say, in their language, that it is deleted."""
        self.read_aloud.stop()
        if self.bridge is not None:
            self.bridge.event_committed.disconnect(self._on_event_committed)
            self.bridge.action_failed.disconnect(self._on_action_failed)
            bridge, self.bridge = self.bridge, None
            self.screen_widget = DeletedScreen(ScreenContext(bridge, self.catalog, self.theme))
        else:
            holder = wrap_label(self.catalog.text(lang, "flow.stopped_deleted"), "heading")
            self.screen_widget = None
            self.scroll_area.setWidget(holder)
        if self.screen_widget is not None:
            self.scroll_area.setWidget(self.screen_widget)
        self.overlay = None
        for button in (self.back_button, self.help_button, self.next_button, self.stop_button,
                       self.read_aloud.button, *self.language_buttons.values()):
            button.hide()
        self.language_prompt.hide()
        self.banners.clear()

    # -- participant intent -------------------------------------------------------------------------

    def _on_language_chosen(self, lang: str) -> None:
        assert self.bridge is not None
        self._flush()
        if not self.bridge.run(self.bridge.engine.choose_language, lang):
            self.refresh()

    def _on_back(self) -> None:
        assert self.bridge is not None
        self._flush()
        self.bridge.run(self.bridge.engine.go_back)

    def _on_help(self) -> None:
        assert self.bridge is not None
        self.bridge.run(self.bridge.engine.request_help)

    def _on_next(self) -> None:
        if self.screen_widget is not None and self.screen_widget.is_ready():
            self.screen_widget.on_next()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self.corner_taps.released_beside(event, self.corner)
        super().mouseReleaseEvent(event)
