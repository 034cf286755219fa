"""Scrolling that older participants can see and use: a wide scrollbar with a solid handle, and a
"more below" button over the bottom of the text while there is more to read (tapping it scrolls)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QScrollArea

from kiosk.qt.participant.targets import mark_aid
from kiosk.qt.participant.widgets import BigButton
from kiosk.qt.style import mm_to_px
from kiosk.theme import Theme

SCROLLBAR_MM = 12


def touch_scrollbar_stylesheet(theme: Theme, screen: QScreen) -> str:
    c = theme.colors
    width, handle = mm_to_px(SCROLLBAR_MM, screen), mm_to_px(20, screen)
    return f"""
    QScrollBar:vertical {{ width: {width}px; background: {c['background']}; border: 2px solid {c['border']};
                           border-radius: {width // 3}px; margin: 0; }}
    QScrollBar::handle:vertical {{ background: {c['text']}; min-height: {handle}px; border-radius: {width // 3}px;
                                   margin: 3px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
    QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
    """


class MoreBelowHint(BigButton):
    """Floats over the bottom of the scroll area while text is hidden below; one tap scrolls a page."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__("", role="secondary", mm=14, parent=area)
        mark_aid(self)  # scrolling by finger does the same: it may be smaller than a primary action
        self.area = area
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(self.update_visibility)
        bar.valueChanged.connect(self.update_visibility)
        area.installEventFilter(self)
        self.clicked.connect(self._scroll_down)
        self.hide()

    def set_text(self, text: str, bar_name: str = "") -> None:
        """The hint's words, and the scroll bar's accessible name (a screen reader names every control)."""
        self.area.verticalScrollBar().setAccessibleName(bar_name or text)
        self.setText(f"{text}  ↓")
        self.adjustSize()
        self.update_visibility()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area and event.type() == QEvent.Type.Resize:
            self.update_visibility()
        return False

    def _scroll_down(self) -> None:
        bar = self.area.verticalScrollBar()
        bar.setValue(min(bar.maximum(), bar.value() + max(bar.pageStep() - bar.singleStep() * 4, bar.singleStep())))

    def _make_room(self) -> None:
        """Once a screen scrolls, give its end room below, so at the bottom the hint (then hidden)
        never covered anything and, while shown, covers only text that scrolling will reveal."""
        content = self.area.widget()
        if content is None or content.property("hint_room") or (layout := content.layout()) is None:
            return
        room = self.sizeHint().height() + 16
        content.setProperty("hint_room", room)
        self._add_margin(content, layout, room)

    def _take_back_room(self) -> bool:
        """A page that only seemed to overflow while it was being laid out (a button wrapped at a passing
        width) gets its room back once it fits without it; True if it did."""
        content = self.area.widget()
        if content is None or (layout := content.layout()) is None:
            return False
        room = int(content.property("hint_room") or 0)
        if not room:
            return False
        viewport = self.area.viewport()
        needed = content.heightForWidth(viewport.width()) if content.hasHeightForWidth() else -1
        needed = max(needed, content.minimumSizeHint().height())
        if needed - room > viewport.height():
            return False
        content.setProperty("hint_room", 0)
        self._add_margin(content, layout, -room)
        return True

    @staticmethod
    def _add_margin(content, layout, px: int) -> None:
        margins = layout.contentsMargins()
        margins.setBottom(margins.bottom() + px)
        layout.setContentsMargins(margins)
        # changed inside the scroll bar's range change, the page keeps places laid out for the old margins
        # (text overlapping text at large sizes): lay it out again once that change is over
        QTimer.singleShot(0, content, lambda: (layout.invalidate(), layout.activate()))

    def update_visibility(self, *_args: object) -> None:
        bar = self.area.verticalScrollBar()
        more = bar.maximum() > 0 and bar.value() < bar.maximum()
        if more and self._take_back_room():
            return  # the range changes again, and this runs again
        if more:
            self._make_room()
            self.adjustSize()
            viewport = self.area.viewport().geometry()
            # at the right, beside the scroll bar it works with: centred, it lay over the middle of every
            # full-width choice, where its words are (new-user trial, issue 12)
            self.move(max(viewport.left(), viewport.right() - self.width() - 8), viewport.bottom() - self.height() - 8)
            self.raise_()
        self.setVisible(more)
