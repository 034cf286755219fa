"""The participant window: language bar on top, one screen in the middle, Back/Help/Next at the bottom.

The window rebuilds its screen after every committed event, so what the participant sees is always
the engine's state; language changes simply rebuild in the new language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QScroller, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Catalog
from kiosk.qt.bridge import SessionBridge, bind
from kiosk.qt.participant.screens import Screen, ScreenContext, StopScreen, build_screen
from kiosk.qt.participant.widgets import BigButton, wrap_label
from kiosk.qt.style import mm_to_px, participant_stylesheet, register_fonts, screen_of
from kiosk.session.events import EventKind
from kiosk.session.flow import Step
from kiosk.store.records import SessionStatus
from kiosk.theme import Theme

TAKE_BACK_SHORTCUT = "Ctrl+Shift+F"
#: facilitator work that changes nothing the participant sees
CONSOLE_ONLY_EVENTS = {EventKind.NOTE_ADDED, EventKind.CONTACT_SAVED, EventKind.HELP_ACKNOWLEDGED}
CORNER_TAPS = 5


class ParticipantWindow(QWidget):
    #: the facilitator's keyboard shortcut or a close request (Alt+F4): the controller asks for the PIN
    take_back_requested = Signal()
    #: five taps on the blank corner: anyone can tap, so the controller asks for the PIN
    corner_unlock_requested = Signal()
    #: the participant chose "stop and delete everything about me"
    erase_requested = Signal()

    def __init__(self, catalog: Catalog, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        register_fonts()
        self.setObjectName("participantRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.catalog = catalog
        self.theme = theme
        self.bridge: SessionBridge | None = None
        self.screen_widget: Screen | None = None
        self.setStyleSheet(participant_stylesheet(theme))
        self._corner_taps = 0
        self._close_allowed = False
        self._corner_timer = QTimer(self, singleShot=True, interval=3000, timeout=self._reset_corner)

        outer = QVBoxLayout(self)
        margin = mm_to_px(8, screen_of(self))
        outer.setContentsMargins(margin, mm_to_px(2, screen_of(self)), margin, mm_to_px(5, screen_of(self)))
        outer.setSpacing(mm_to_px(3, screen_of(self)))
        self.header = QHBoxLayout()
        self.corner = BigButton("", role="corner", mm=16)
        self.corner.setAccessibleName("facilitator")
        self.corner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.corner.clicked.connect(self._on_corner_tapped)
        self.header.addWidget(self.corner)
        self.stop_button = BigButton("", role="danger", mm=16)
        self.stop_button.clicked.connect(self.show_stop_choice)
        self.header.addWidget(self.stop_button)
        self.header.addStretch(1)
        self.language_prompt = wrap_label("", "muted")
        self.language_prompt.setWordWrap(False)
        self.header.addWidget(self.language_prompt)
        self.language_buttons: dict[str, BigButton] = {}
        outer.addLayout(self.header)

        self.banner = wrap_label("", "banner")
        self.banner.hide()
        outer.addWidget(self.banner)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        QScroller.grabGesture(self.scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)  # finger drag
        outer.addWidget(self.scroll, 1)

        footer = QHBoxLayout()
        footer.setSpacing(mm_to_px(6, screen_of(self)))
        self.back_button = BigButton("", "secondary", mm=16)
        self.help_button = BigButton("", "secondary", mm=16)
        self.next_button = BigButton("", "primary", mm=16)
        for button in (self.back_button, self.help_button, self.next_button):
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # buttons keep their places even when unavailable
            policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
            button.setSizePolicy(policy)
        footer.addWidget(self.back_button, 2)
        footer.addWidget(self.help_button, 2)
        footer.addWidget(self.next_button, 3)
        outer.addLayout(footer)
        self.back_button.clicked.connect(self._on_back)
        self.help_button.clicked.connect(self._on_help)
        self.next_button.clicked.connect(self._on_next)
        take_back = QShortcut(QKeySequence(TAKE_BACK_SHORTCUT), self, activated=self.take_back_requested.emit)
        take_back.setContext(Qt.ShortcutContext.ApplicationShortcut)  # works whichever window has focus

    # -- leaving participant mode ------------------------------------------------------------------

    def allow_close(self) -> None:
        """Only the app's own shutdown may really close this window."""
        self._close_allowed = True

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Alt+F4 or the window manager's close would otherwise end the app (the console is hidden):
        refuse, and treat it as a request to take the device back, which needs the PIN."""
        if self._close_allowed:
            event.accept()
            return
        event.ignore()
        self.take_back_requested.emit()

    # -- attaching a session ----------------------------------------------------------------------

    def attach(self, bridge: SessionBridge) -> None:
        if self.bridge is not None:
            self.bridge.event_committed.disconnect(self._on_event_committed)
        self.bridge = bridge
        bridge.event_committed.connect(self._on_event_committed)
        self._build_language_bar()
        self.banner.hide()
        self.refresh()

    def _build_language_bar(self) -> None:
        for button in self.language_buttons.values():
            self.header.removeWidget(button)
            button.deleteLater()
        self.language_buttons.clear()
        assert self.bridge is not None
        for lang in self.bridge.engine.study.languages:
            button = BigButton(self.catalog.language_name(lang), role="language", mm=16)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(bind(self._on_language_chosen, lang))
            self.header.addWidget(button)
            self.language_buttons[lang] = button

    # -- reacting to the engine -------------------------------------------------------------------

    def _on_event_committed(self, event, state) -> None:
        if event.kind == EventKind.HELP_REQUESTED:
            self.banner.setText(self._t("participant.help_called"))
            self.banner.setAccessibleName(self.banner.text())
            self.banner.show()
            return
        if event.kind in CONSOLE_ONLY_EVENTS:
            return  # rebuilding the screen would wipe a choice the participant has not confirmed yet
        if event.kind != EventKind.LANGUAGE_CHANGED:
            self.banner.hide()
        self.refresh()

    def refresh(self) -> None:
        if self.bridge is None:
            return
        engine = self.bridge.engine
        lang = engine.language
        for code, button in self.language_buttons.items():
            button.setChecked(code == lang)
        self.screen_widget = build_screen(self._context())
        self.screen_widget.ready_changed.connect(self.next_button.setEnabled)
        self.scroll.setWidget(self.screen_widget)
        self.language_prompt.setText(self._t("participant.choose_language"))
        self.language_prompt.setVisible(engine.step is Step.WELCOME)
        self.back_button.setText(self._t("participant.back"))
        self.back_button.setVisible(engine.can_go_back())
        self.help_button.setText(self._t("participant.help"))
        active = engine.state.status is SessionStatus.IN_PROGRESS
        self.help_button.setVisible(active)
        self.stop_button.setText(self._t("consent.stop"))
        self.stop_button.setVisible(active)
        next_key = self.screen_widget.next_key
        self.next_button.setVisible(next_key is not None)
        if next_key:
            self.next_button.setText(self._t(next_key))
            self.next_button.setEnabled(self.screen_widget.is_ready())
        self.setWindowTitle(engine.study.title.get(lang))

    def _t(self, key: str, **values: object) -> str:
        assert self.bridge is not None
        return self.catalog.text(self.bridge.engine.language, key, **values)

    def _context(self) -> ScreenContext:
        assert self.bridge is not None
        return ScreenContext(self.bridge, self.catalog, self.theme, self.speak)

    # -- stopping ---------------------------------------------------------------------------------------

    def show_stop_choice(self) -> None:
        """Stop is always one tap away; what happens to the data is the participant's choice."""
        if self.bridge is None:
            return
        engine = self.bridge.engine
        self.screen_widget = StopScreen(self._context(), on_keep=bind(self.bridge.run, engine.withdraw,
                                                                      "participant stopped"),
                                        on_delete=self.erase_requested.emit, on_cancel=self.refresh)
        self.scroll.setWidget(self.screen_widget)
        for button in (self.back_button, self.help_button, self.next_button, self.stop_button):
            button.hide()

    def show_stopped(self, lang: str) -> None:
        """After erasure nothing of the session is left to show; thank the participant and stop."""
        if self.bridge is not None:
            self.bridge.event_committed.disconnect(self._on_event_committed)
            self.bridge = None
        label = wrap_label(self.catalog.text(lang, "consent.stopped"), "heading")
        holder = QWidget()
        holder.setObjectName("content")
        layout = QVBoxLayout(holder)
        layout.addWidget(label)
        layout.addStretch(1)
        self.scroll.setWidget(holder)
        self.screen_widget = None
        for button in (self.back_button, self.help_button, self.next_button, self.stop_button,
                       *self.language_buttons.values()):
            button.hide()
        self.banner.hide()

    # -- speech -------------------------------------------------------------------------------------------

    def speak(self, text: str, clip=None) -> None:
        """Read aloud on a worker thread; if nothing can be heard, say why in the banner."""
        from PySide6.QtCore import QThreadPool

        from kiosk.qt.workers import Job
        from kiosk.speech import speak

        assert self.bridge is not None
        lang = self.bridge.engine.language
        job = Job(speak, text, lang, clip)
        job.failed.connect(self._on_speech_failed)
        self._speech_job = job.start(QThreadPool.globalInstance())  # touches no data: not the ordered worker

    def _on_speech_failed(self, detail: str) -> None:
        if self.bridge is None:
            return
        self.banner.setText(self._t("consent.no_speaker", detail=detail))
        self.banner.setAccessibleName(self.banner.text())
        self.banner.show()

    # -- participant intent -------------------------------------------------------------------------

    def _on_language_chosen(self, lang: str) -> None:
        assert self.bridge is not None
        if not self.bridge.run(self.bridge.engine.choose_language, lang):
            self.refresh()

    def _on_back(self) -> None:
        assert self.bridge is not None
        self.bridge.run(self.bridge.engine.go_back)

    def _on_help(self) -> None:
        assert self.bridge is not None
        self.bridge.run(self.bridge.engine.request_help)

    def _on_next(self) -> None:
        if self.screen_widget is not None and self.screen_widget.is_ready():
            self.screen_widget.on_next()

    def _on_corner_tapped(self) -> None:
        """Five taps on the blank top-left corner within three seconds ask for the facilitator PIN."""
        self._corner_taps += 1
        self._corner_timer.start()
        if self._corner_taps >= CORNER_TAPS:
            self._reset_corner()
            self.corner_unlock_requested.emit()

    def _reset_corner(self) -> None:
        self._corner_taps = 0
