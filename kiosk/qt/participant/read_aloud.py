"""The participant window's read-aloud control: one button in the same place on every screen.

Pressed, it reads the screen (the banner line first, if any, then ``Screen.speech_parts``); pressed while
reading, it stops. With the participant's aid "read aloud" on (``engine.access.read_aloud``), each new
screen is read as it appears. "The same screen" is ``Screen.speech_identity``: a rebuild after a draft or
a changed aid is not new, a new step, question, confirmation or language is. A language change stops the
old reading first and reads the screen again from its start in the new language (when reading is
automatic): never the rest of a sentence in a language the participant just left.

Where no voice at all exists for the language (no eSpeak NG voice, no recorded clip for every part),
the button says so ("No voice", greyed) instead of doing nothing when pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton

from kiosk.qt.participant.widgets import BigButton
from kiosk.qt.style import mm_to_px, screen_of
from kiosk.speech import Part, can_speak


def speaker_icon(size: int, color: QColor, muted: bool = False) -> QIcon:
    """A loudspeaker with sound waves (or crossed out): drawn, as the bundled font has no such glyph."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, max(2, size // 12)))
    painter.setBrush(color)
    body = QPainterPath(QPointF(size * 0.1, size * 0.38))
    for x, y in ((0.28, 0.38), (0.5, 0.18), (0.5, 0.82), (0.28, 0.62), (0.1, 0.62)):
        body.lineTo(QPointF(size * x, size * y))
    body.closeSubpath()
    painter.drawPath(body)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if muted:
        painter.drawLine(QPointF(size * 0.62, size * 0.35), QPointF(size * 0.9, size * 0.65))
        painter.drawLine(QPointF(size * 0.9, size * 0.35), QPointF(size * 0.62, size * 0.65))
    else:
        for radius in (0.18, 0.32):
            rect = QRectF(size * (0.5 - radius), size * (0.5 - radius), size * radius * 2, size * radius * 2)
            painter.drawArc(rect, -45 * 16, 90 * 16)
    painter.end()
    return QIcon(pixmap)


#: the button's word in each state: read the screen, stop reading, no voice for this language
LABELS = {"read": "speech.read_aloud", "stop": "speech.stop_reading", "none": "speech.no_voice_button"}


class ReadAloudButton(BigButton):
    """The speaker with its word where the header has room for it, the speaker alone where it has not.

    At 100% text on a 1280-pixel screen the header (corner, Stop, four languages) leaves room for a 16 mm
    square and no more; on a wider screen the word shows too. It asks for room for its longest word (so its
    neighbours never move between states) but settles for the square; its accessible name is always the word.
    """

    def __init__(self, mm: float = 16.0) -> None:
        super().__init__("", "secondary", mm=mm)
        self.label = ""
        self.longest = ""
        #: told when the stylesheet gives the button another font (the text size changed)
        self.font_changed: Callable[[], None] = lambda: None

    def set_label(self, text: str, longest: str) -> None:
        self.label, self.longest = text, longest
        self._show_fitting()
        self.setAccessibleName(text)
        self.updateGeometry()

    def _hint_for(self, text: str) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        metrics = self.fontMetrics()
        width, height = metrics.horizontalAdvance(text), metrics.height()
        if not self.icon().isNull():
            width += self.iconSize().width() + 4
            height = max(height, self.iconSize().height())
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, QSize(width, height), self)
        square = self.minimumSizeHint()
        return QSize(max(size.width(), square.width()), max(size.height(), square.height()))

    def sizeHint(self) -> QSize:
        return self._hint_for(self.longest or self.label)

    def minimumSizeHint(self) -> QSize:
        px = mm_to_px(self.target_mm, screen_of(self))
        return QSize(px, px)

    def _show_fitting(self) -> None:
        shown = self.label if self.width() >= self._hint_for(self.label).width() else ""
        if self.text() != shown:
            QPushButton.setText(self, shown)  # not BigButton's: the accessible name stays the word

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._show_fitting()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self.font_changed()
            self.updateGeometry()
            self._show_fitting()


class ReadAloud(QObject):
    def __init__(self, window: Any) -> None:
        """``window``: the ParticipantWindow (not imported: it imports this module)."""
        super().__init__(window)
        self.window = window
        self.voice = window.voice
        self.button = ReadAloudButton()
        self._color = QColor(window.theme.colors["text"])
        self._icons: dict[str, QIcon] = {}
        self._icon_px = 0
        self._size_icons()
        self.button.font_changed = self._size_icons
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # may shrink to the square
        policy.setRetainSizeWhenHidden(True)  # nothing in the header moves when it hides
        self.button.setSizePolicy(policy)
        self.button.clicked.connect(self.toggle)
        self.voice.speaking_changed.connect(lambda _speaking: self._show_state())
        #: the screen last shown (``speech_identity``), and whether reading was automatic then
        self._shown: tuple[object, ...] | None = None
        self._auto = False
        #: languages the facilitator was already told have no voice, this session
        self._told: set[str] = set()
        #: automatic readings started (tests count them)
        self.auto_readings = 0

    def _size_icons(self) -> None:
        """The speaker as tall as a line of the button's text (at least 7 mm): at 200% text, where the header
        leaves no room for the word, a small speaker in a wide button was easy to miss."""
        px = max(mm_to_px(7, screen_of(self.window)), self.button.fontMetrics().height())
        if px == self._icon_px:
            return
        self._icon_px = px
        self.button.setIconSize(QSize(px, px))
        self._icons = {state: speaker_icon(px, self._color, muted=state == "none") for state in ("read", "stop",
                                                                                               "none")}
        if self.window.bridge is not None:
            self._show_state()

    # -- what is said -----------------------------------------------------------------------------

    def parts(self) -> list[Part]:
        window = self.window
        screen = window.screen_widget
        banner = window.banner_text()
        return ([Part(banner)] if banner else []) + (screen.speech_parts() if screen is not None else [])

    def spoken_text(self) -> str:
        return "\n".join(part.text for part in self.parts())

    def available(self) -> bool:
        if self.window.bridge is None:
            return False
        lang = self.window.bridge.engine.language
        return can_speak(lang) or all(part.clip is not None for part in self.parts())

    # -- intent -----------------------------------------------------------------------------------

    def toggle(self) -> None:
        if self.voice.speaking():
            self.voice.stop()
        else:
            self.read()

    def read(self) -> None:
        window = self.window
        if window.bridge is None:
            return
        lang = window.bridge.engine.language
        if not self.available():
            if lang not in self._told:
                self._told.add(lang)
                self.voice.failed(f"no voice for {lang} on this computer (eSpeak NG, or clips recorded for the plan)")
            return
        self.voice.say(self.parts(), lang)

    def stop(self) -> None:
        self.voice.stop()

    # -- the window tells it what happened ----------------------------------------------------------

    def attached(self) -> None:
        """A new session: nothing of the last one is being said, nothing was shown yet."""
        self.stop()
        self._shown, self._auto, self._told = None, False, set()
        self.voice.participant_told = False

    def screen_shown(self) -> None:
        """After every rebuild (``ParticipantWindow.refresh``): a new screen stops the reading and, if
        reading is automatic, is read; the same screen rebuilt is left alone."""
        window = self.window
        screen = window.screen_widget
        if window.bridge is None or screen is None:
            return
        engine = window.bridge.engine
        identity = (*screen.speech_identity(), window.overlay)
        new = identity != self._shown
        if new:
            self.stop()
            self._shown = identity
        auto = engine.access.read_aloud
        turned_on, self._auto = auto and not self._auto, auto
        self._show_state()
        if auto and (new or turned_on):
            self.auto_readings += 1
            self.read()

    def _show_state(self) -> None:
        window = self.window
        if window.bridge is None:
            return
        lang = window.bridge.engine.language
        available = self.available()
        state = "stop" if self.voice.speaking() else "read" if available else "none"
        key = LABELS[state]
        words = [window.catalog.text(lang, k) for k in LABELS.values()]
        self.button.setIcon(self._icons[state])
        self.button.set_label(window.catalog.text(lang, key), max(words, key=self.button.fontMetrics().horizontalAdvance))
        self.button.setEnabled(available or self.voice.speaking())
        self.button.setAccessibleDescription("" if available else window.catalog.text(lang, "consent.no_voice"))
        self.button.setToolTip(self.button.accessibleDescription())
