"""The demo prototype's screens drawn with QPainter: a farm-subsidy e-service, at the size the player shows it.

Each screen is data (its buttons, with their rectangles and what they do) plus a function that draws the rest,
so the hotspots written to ``prototype.toml`` are the very rectangles the buttons were drawn in: they cannot
drift apart. Buttons without an action are parts of the service the prototype does not cover: a tap there is
a miss, as it would be on a designer's exported frames.

The screens are drawn at 1200×550, the room the player gives the prototype on a 1280×800 kiosk (its language
bar, the task's title row and Help / "I have finished" take the rest), so they are shown at scale 1 and every
drawn word is at least the theme's minimum size (18 pt, 24 px) on the glass. Drawn at 1280×800 they were shown
at 0.69 and their 16 px footer came out at 11 px (issue 10 new-user run). Each image records the smallest text
it drew (``SMALLEST_TEXT`` in its PNG text) for the test that checks this.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPen, QPolygonF

from kiosk.qt.demo_texts import text
from kiosk.qt.style import register_fonts

WIDTH, HEIGHT = 1200, 550
HEADER, BAND, FOOTER = 64, 44, 40  # the agency's header band, the service's title band, the contact line
INK, MUTED, PAGE, LINE = QColor("#1B2733"), QColor("#4A5866"), QColor("#F4F6F9"), QColor("#C3CEDA")
BLUE, NAVY, RED, GREEN = QColor("#0C4076"), QColor("#0D2F55"), QColor("#C6363C"), QColor("#1E7B3C")
WHITE = QColor("#FFFFFF")
MIN_LABEL_PX = 24  # no drawn word below the kiosk theme's minimum (18 pt = 24 px) at scale 1
SMALLEST_TEXT = "smallest_text_px"  # the PNG text key: the smallest text size drawn on the image


class Style(StrEnum):
    PRIMARY = "primary"  # filled blue: the way forward
    SECONDARY = "secondary"  # outlined: back, change
    TILE = "tile"  # a large card on the home page
    OPTION = "option"  # a wide choice in a list
    HEADER = "header"  # the questions button in the header band
    SMALL = "small"  # a button inside a table row


@dataclass(frozen=True)
class Button:
    id: str
    rect: tuple[int, int, int, int]  # x, y, width, height in image pixels: also the hotspot
    label: str  # text key
    style: Style
    go: str = ""
    back: bool = False
    goal: bool = False
    sub: str = ""  # a second, smaller line (text key)

    @property
    def linked(self) -> bool:
        return bool(self.go) or self.back or self.goal


@dataclass(frozen=True)
class ScreenSpec:
    id: str
    crumb: str  # text key of the service band's breadcrumb
    heading: str  # text key of the page heading ("" for none)
    buttons: tuple[Button, ...]
    body: Callable[[QPainter, str], None]
    help_button: bool = True


class TextTooLong(ValueError):
    """A label does not fit its button even at the smallest size allowed: shorten the text or widen the button."""


_drawn_sizes: list[int] = []  # the text sizes used on the image being drawn


def _font(px: int, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def _fit(painter: QPainter, rect: QRect, words: str, px: int, bold: bool = False, colour: QColor = INK,
         align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
         minimum: int = MIN_LABEL_PX) -> int:
    """Draw ``words`` wrapped inside ``rect``, shrinking from ``px`` until they fit; raise if they never do."""
    flags = int(align) | int(Qt.TextFlag.TextWordWrap)
    for size in range(px, minimum - 1, -1):
        metrics = QFontMetrics(_font(size, bold))
        needed = metrics.boundingRect(rect, flags, words)
        if needed.width() <= rect.width() and needed.height() <= rect.height():
            painter.setFont(_font(size, bold))
            painter.setPen(colour)
            painter.drawText(rect, flags, words)
            _drawn_sizes.append(size)
            return size
    raise TextTooLong(f"{words!r} does not fit {rect.width()}×{rect.height()} px at {minimum} px")


def _button(painter: QPainter, button: Button, lang: str) -> None:
    x, y, w, h = button.rect
    box = QRectF(x + 1, y + 1, w - 2, h - 2)
    fill, border, ink, radius = {
        Style.PRIMARY: (BLUE, BLUE, WHITE, 10), Style.SECONDARY: (WHITE, BLUE, BLUE, 10),
        Style.TILE: (WHITE, LINE, INK, 14), Style.OPTION: (WHITE, LINE, INK, 10),
        Style.HEADER: (NAVY, WHITE, WHITE, 10), Style.SMALL: (WHITE, BLUE, BLUE, 8),
    }[button.style]
    if button.style in (Style.TILE, Style.OPTION):  # a soft shadow lifts cards off the page
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 28))
        painter.drawRoundedRect(box.translated(0, 4), radius, radius)
    painter.setPen(QPen(border, 3 if button.style in (Style.SECONDARY, Style.SMALL, Style.HEADER) else 2))
    painter.setBrush(fill)
    painter.drawRoundedRect(box, radius, radius)
    centre = Qt.AlignmentFlag.AlignCenter
    if button.style is Style.TILE:
        painter.setBrush(BLUE if button.go == "choose" else QColor("#DCE6F2"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(x + w / 2, y + 52), 30, 30)
        _tile_icon(painter, button.id, QPointF(x + w / 2, y + 52), button.go == "choose")
        _fit(painter, QRect(x + 16, y + 92, w - 32, 96), text(button.label, lang), 28, True, ink, centre)
        _fit(painter, QRect(x + 16, y + 190, w - 32, 84), text(button.sub, lang), 24, False, MUTED, centre)
    elif button.style is Style.OPTION:
        painter.fillRect(QRect(x + 2, y + 10, 8, h - 20), BLUE)
        _fit(painter, QRect(x + 30, y + 4, w - 110, 42), text(button.label, lang), 27, True, ink)
        _fit(painter, QRect(x + 30, y + 44, w - 110, 34), text(button.sub, lang), 24, False, MUTED)
        _fit(painter, QRect(x + w - 70, y, 50, h), "›", 44, True, BLUE, centre)
    else:
        _fit(painter, QRect(x + 14, y + 6, w - 28, h - 12), text(button.label, lang), 26, True, ink, centre)


def _tile_icon(painter: QPainter, kind: str, c: QPointF, on_blue: bool) -> None:
    """Simple pictograms: a plus for a new application, a list for applications, a field for the register."""
    painter.setPen(QPen(WHITE if on_blue else BLUE, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if kind.endswith("apply"):
        painter.drawLine(QPointF(c.x() - 14, c.y()), QPointF(c.x() + 14, c.y()))
        painter.drawLine(QPointF(c.x(), c.y() - 14), QPointF(c.x(), c.y() + 14))
    elif kind.endswith("applications"):
        for dy in (-10, 0, 10):
            painter.drawLine(QPointF(c.x() - 13, c.y() + dy), QPointF(c.x() + 13, c.y() + dy))
    else:
        painter.drawRect(QRectF(c.x() - 15, c.y() - 11, 30, 22))
        painter.drawLine(QPointF(c.x() - 15, c.y()), QPointF(c.x() + 15, c.y()))


def _chrome(painter: QPainter, spec: ScreenSpec, lang: str) -> None:
    """What every screen of the service shares: the agency's header, the service band, the footer."""
    painter.fillRect(0, 0, WIDTH, HEIGHT, PAGE)
    painter.fillRect(0, 0, WIDTH, HEADER, NAVY)
    for i, colour in enumerate((RED, BLUE, WHITE)):  # the flag's colours as a thin strip
        painter.fillRect(0, i * 3, WIDTH, 3, colour)
    shield = QPainterPath()
    shield.moveTo(20, 15)
    shield.lineTo(54, 15)
    shield.lineTo(54, 37)
    shield.quadTo(54, 54, 37, 60)
    shield.quadTo(20, 54, 20, 37)
    shield.closeSubpath()
    painter.setPen(QPen(QColor("#E3B23C"), 2))
    painter.setBrush(RED)
    painter.drawPath(shield)
    painter.fillRect(QRectF(34, 22, 6, 30), WHITE)  # a white cross on red
    painter.fillRect(QRectF(25, 32, 24, 6), WHITE)
    _fit(painter, QRect(68, 9, 560, 55), text("agency", lang), 26, True, WHITE)
    _fit(painter, QRect(640, 9, 230 if spec.help_button else 530, 55), text("user", lang), 24, False, WHITE,
         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    painter.fillRect(0, HEADER, WIDTH, BAND, QColor("#E2EAF3"))
    painter.fillRect(0, HEADER + BAND - 2, WIDTH, 2, LINE)
    _fit(painter, QRect(30, HEADER, 220, BAND), text("service", lang), 26, True, BLUE)
    if spec.crumb:
        _fit(painter, QRect(250, HEADER, 920, BAND), f"›  {text(spec.crumb, lang)}", 24, False, MUTED)
    if spec.heading:
        _fit(painter, QRect(30, 114, 1140, 50), text(spec.heading, lang), 32, True)
    painter.fillRect(0, HEIGHT - FOOTER, WIDTH, FOOTER, QColor("#E2EAF3"))
    _fit(painter, QRect(30, HEIGHT - FOOTER, 1140, FOOTER), text("footer", lang), 24, False, MUTED)


def draw_screen(spec: ScreenSpec, lang: str) -> QImage:
    """One screen in one language, as the participant will see it (a QGuiApplication must exist)."""
    register_fonts()
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    _drawn_sizes.clear()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _chrome(painter, spec, lang)
        spec.body(painter, lang)
        for button in spec.buttons:
            _button(painter, button, lang)
    finally:
        painter.end()
    image.setText(SMALLEST_TEXT, str(min(_drawn_sizes)))
    return image


# --- the bodies: what each screen shows besides its buttons -------------------------------------------------

def _nothing(painter: QPainter, lang: str) -> None:
    pass


def _step(painter: QPainter, key: str, lang: str) -> None:
    """"Step 1 of 2" at the right of the service band (the heading below may take the whole width)."""
    _fit(painter, QRect(600, HEADER, 570, BAND), text(key, lang), 24, False, MUTED,
         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _field(painter: QPainter, x: int, y: int, w: int, label: str, value: str, lang: str, chevron: bool = False) -> None:
    _fit(painter, QRect(x, y, w, 34), text(label, lang), 24, True)
    painter.setPen(QPen(QColor("#8A99A8"), 2))
    painter.setBrush(WHITE)
    painter.drawRoundedRect(QRectF(x, y + 38, w, 56), 6, 6)
    _fit(painter, QRect(x + 16, y + 38, w - 70, 56), value, 26)
    if chevron:
        painter.setPen(QPen(BLUE, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPolyline(QPolygonF([QPointF(x + w - 42, y + 60), QPointF(x + w - 30, y + 73),
                                        QPointF(x + w - 18, y + 60)]))


def _form(painter: QPainter, lang: str) -> None:
    _step(painter, "form.step", lang)
    _field(painter, 30, 172, 560, "form.holding", "712345678901", lang)
    _field(painter, 30, 276, 560, "form.crop", text("form.maize", lang), lang, chevron=True)
    _field(painter, 620, 172, 400, "form.area", text("form.area.value", lang), lang)
    note = QRect(620, 282, 550, 150)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#E6F0FA"))
    painter.drawRoundedRect(QRectF(note), 10, 10)
    painter.fillRect(QRect(note.x(), note.y(), 8, note.height()), BLUE)
    _fit(painter, note.adjusted(26, 10, -16, -10), text("form.note", lang), 24)


def _table(painter: QPainter, top: int, rows: list[tuple[str, str]], lang: str, height: int = 44) -> None:
    """Label and value rows on a white card (the review, an application's details)."""
    painter.setPen(QPen(LINE, 2))
    painter.setBrush(WHITE)
    painter.drawRoundedRect(QRectF(30, top, 1140, len(rows) * height + 8), 10, 10)
    for i, (label, value) in enumerate(rows):
        y = top + 4 + i * height
        if i:
            painter.fillRect(46, y, 1108, 1, LINE)
        _fit(painter, QRect(50, y, 380, height), text(label, lang), 24, False, MUTED)
        _fit(painter, QRect(440, y, 710, height), value, 24, True)


def _review(painter: QPainter, lang: str) -> None:
    _step(painter, "review.step", lang)
    _table(painter, 170, [("review.applicant", text("user", lang)), ("form.holding", "712345678901"),
                          ("review.subsidy", text("choose.crop", lang)), ("form.crop", text("form.maize", lang)),
                          ("form.area", text("review.area.value", lang)),
                          ("review.amount", text("review.amount.value", lang))], lang, 42)
    box = QRectF(32, 455, 32, 32)
    painter.setPen(QPen(BLUE, 3))
    painter.setBrush(BLUE)
    painter.drawRoundedRect(box, 5, 5)
    painter.setPen(QPen(WHITE, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPolyline(QPolygonF([QPointF(39, 471), QPointF(46, 479), QPointF(57, 463)]))
    _fit(painter, QRect(74, 440, 480, 62), text("review.declare", lang), 24)


def _sent(painter: QPainter, lang: str) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(GREEN)
    painter.drawEllipse(QPointF(600, 150), 34, 34)
    painter.setPen(QPen(WHITE, 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPolyline(QPolygonF([QPointF(584, 151), QPointF(596, 164), QPointF(617, 139)]))
    centre = Qt.AlignmentFlag.AlignCenter
    _fit(painter, QRect(30, 190, 1140, 48), text("sent.heading", lang), 32, True, INK, centre)
    card = QRect(330, 244, 540, 96)
    painter.setPen(QPen(LINE, 2))
    painter.setBrush(WHITE)
    painter.drawRoundedRect(QRectF(card), 10, 10)
    _fit(painter, QRect(card.x(), card.y() + 4, card.width(), 34), text("sent.case", lang), 24, False, MUTED, centre)
    _fit(painter, QRect(card.x(), card.y() + 38, card.width(), 52), "404-02-01234/2026-07", 32, True, INK, centre)
    _fit(painter, QRect(100, 340, 1000, 64), text("sent.keep", lang), 24, False, INK, centre)
    _fit(painter, QRect(100, 402, 1000, 34), text("sent.date", lang), 24, False, MUTED, centre)


def _questions(painter: QPainter, lang: str) -> None:
    for i in range(3):
        y = 168 + i * 96
        _fit(painter, QRect(30, y, 1140, 34), text(f"help.q{i + 1}", lang), 26, True, BLUE)
        _fit(painter, QRect(30, y + 34, 1140, 62), text(f"help.a{i + 1}", lang), 24, False, INK,
             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def _applications(painter: QPainter, lang: str) -> None:
    """The list of applications: what they are, not how they stand (the status is on each one's own page)."""
    columns = [(30, 330, "apps.case"), (360, 370, "apps.subsidy"), (730, 170, "apps.date")]
    painter.setPen(QPen(LINE, 2))
    painter.setBrush(WHITE)
    painter.drawRoundedRect(QRectF(30, 168, 1140, 262), 10, 10)
    for x, w, key in columns:
        _fit(painter, QRect(x + 16, 170, w - 24, 42), text(key, lang), 24, True, MUTED)
    painter.fillRect(40, 212, 1120, 2, LINE)
    rows = [("404-02-00871/2026-07", "apps.row1.subsidy", "apps.row1.date"),
            ("404-02-00412/2025-07", "apps.row2.subsidy", "apps.row2.date")]
    for i, (case, subsidy, date) in enumerate(rows):
        y = 218 + i * 106
        if i:
            painter.fillRect(40, y - 3, 1120, 1, LINE)
        _fit(painter, QRect(46, y, 310, 100), case, 24)
        _fit(painter, QRect(376, y, 340, 100), text(subsidy, lang), 24)
        _fit(painter, QRect(746, y, 150, 100), text(date, lang), 24)


def _status(painter: QPainter, lang: str) -> None:
    """One application's own page: where its status is (the goal of the "check the status" task)."""
    _table(painter, 168, [("apps.case", "404-02-00871/2026-07"), ("apps.subsidy", text("apps.row1.subsidy", lang)),
                          ("apps.date", text("apps.row1.date", lang))], lang)
    _fit(painter, QRect(50, 318, 380, 56), text("apps.status", lang), 24, False, MUTED)
    badge = QRect(440, 318, 360, 56)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(GREEN.red(), GREEN.green(), GREEN.blue(), 34))
    painter.drawRoundedRect(QRectF(badge), 28, 28)
    painter.setBrush(GREEN)
    painter.drawEllipse(QPointF(badge.x() + 30, badge.center().y() + 1), 9, 9)
    _fit(painter, badge.adjusted(52, 0, -12, 0), text("apps.approved", lang), 28, True, GREEN)


BACK = (30, 440, 220, 62)  # "‹ Back" at the bottom left of every inner page
QUESTIONS = (890, 13, 290, 42)  # the service's own questions page, top right (the kiosk's Help is at the bottom)


def _questions_button(screen: str) -> Button:
    return Button(f"{screen}-help", QUESTIONS, "faq", Style.HEADER, go="help")


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("home", "home.crumb", "home.heading", (
        Button("home-apply", (30, 176, 360, 290), "home.apply", Style.TILE, go="choose", sub="home.apply.sub"),
        Button("home-applications", (420, 176, 360, 290), "home.applications", Style.TILE, go="applications",
               sub="home.applications.sub"),
        Button("home-registry", (810, 176, 360, 290), "home.registry", Style.TILE, sub="home.registry.sub"),
        _questions_button("home")), _nothing),
    ScreenSpec("choose", "choose.crumb", "choose.heading", (
        Button("choose-crop", (30, 172, 1140, 82), "choose.crop", Style.OPTION, go="form", sub="choose.crop.sub"),
        Button("choose-livestock", (30, 262, 1140, 82), "choose.livestock", Style.OPTION, sub="choose.livestock.sub"),
        Button("choose-machinery", (30, 352, 1140, 82), "choose.machinery", Style.OPTION,
               sub="choose.machinery.sub"),
        Button("choose-back", BACK, "back", Style.SECONDARY, back=True), _questions_button("choose")), _nothing),
    ScreenSpec("form", "choose.crumb", "choose.crop", (
        Button("form-back", BACK, "back", Style.SECONDARY, back=True),
        Button("form-next", (900, 440, 270, 62), "next", Style.PRIMARY, go="review"),
        _questions_button("form")), _form),
    ScreenSpec("review", "choose.crumb", "review.heading", (
        Button("review-edit", (580, 440, 220, 62), "review.edit", Style.SECONDARY, back=True),
        Button("review-send", (820, 440, 350, 62), "review.send", Style.PRIMARY, go="sent"),
        _questions_button("review")), _review),
    ScreenSpec("sent", "sent.crumb", "", (
        Button("sent-home", (425, 442, 350, 56), "sent.home", Style.PRIMARY, go="home"),
        _questions_button("sent")), _sent),
    ScreenSpec("help", "faq", "faq", (
        Button("help-back", (30, 450, 220, 52), "back", Style.SECONDARY, back=True),), _questions, help_button=False),
    ScreenSpec("applications", "home.applications", "home.applications", (
        Button("applications-open", (910, 236, 240, 64), "apps.open", Style.SMALL, go="status"),
        Button("applications-open-old", (910, 342, 240, 64), "apps.open", Style.SMALL),
        Button("applications-back", BACK, "back", Style.SECONDARY, back=True),
        Button("applications-new", (860, 440, 310, 62), "apps.new", Style.PRIMARY, go="choose"),
        _questions_button("applications")), _applications),
    ScreenSpec("status", "home.applications", "status.heading", (
        Button("decision-download", (820, 388, 350, 50), "apps.download", Style.SMALL, goal=True),
        Button("status-back", BACK, "back", Style.SECONDARY, back=True),
        _questions_button("status")), _status),
)
