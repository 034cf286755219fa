"""The demo prototype's screens drawn with QPainter: a farm-subsidy e-service at kiosk size (1280×800).

Each screen is data (its buttons, with their rectangles and what they do) plus a function that draws the rest,
so the hotspots written to ``prototype.toml`` are the very rectangles the buttons were drawn in: they cannot
drift apart. Buttons without an action are parts of the service the prototype does not cover: a tap there is
a miss, as it would be on a designer's exported frames.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPen, QPolygonF

from kiosk.qt.demo_texts import text
from kiosk.qt.style import register_fonts

WIDTH, HEIGHT = 1280, 800
HEADER, BAND = 96, 56  # the agency's header band, then the service's title band
INK, MUTED, PAGE, LINE = QColor("#1B2733"), QColor("#4A5866"), QColor("#F4F6F9"), QColor("#C3CEDA")
BLUE, NAVY, RED, GREEN = QColor("#0C4076"), QColor("#0D2F55"), QColor("#C6363C"), QColor("#1E7B3C")
WHITE = QColor("#FFFFFF")
MIN_LABEL_PX = 18  # a label never shrinks below this to fit its button (elderly participants read these)


class Style(StrEnum):
    PRIMARY = "primary"  # filled blue: the way forward
    SECONDARY = "secondary"  # outlined: back, change
    TILE = "tile"  # a large card on the home page
    OPTION = "option"  # a wide choice in a list
    HEADER = "header"  # the Help button in the header band
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
        painter.drawEllipse(QPointF(x + w / 2, y + 62), 34, 34)
        _tile_icon(painter, button.id, QPointF(x + w / 2, y + 62), button.go == "choose")
        _fit(painter, QRect(x + 20, y + 106, w - 40, 64), text(button.label, lang), 26, True, ink, centre)
        _fit(painter, QRect(x + 20, y + 170, w - 40, 44), text(button.sub, lang), 19, False, MUTED, centre, 16)
    elif button.style is Style.OPTION:
        painter.fillRect(QRect(x + 2, y + 10, 8, h - 20), BLUE)
        _fit(painter, QRect(x + 36, y + 14, w - 120, 44), text(button.label, lang), 26, True, ink)
        _fit(painter, QRect(x + 36, y + 58, w - 120, 36), text(button.sub, lang), 19, False, MUTED, minimum=16)
        _fit(painter, QRect(x + w - 70, y, 50, h), "›", 44, True, BLUE, centre)
    else:
        _fit(painter, QRect(x + 14, y + 6, w - 28, h - 12), text(button.label, lang),
             {Style.HEADER: 21, Style.SMALL: 19}.get(button.style, 25), True, ink, centre)


def _tile_icon(painter: QPainter, kind: str, c: QPointF, on_blue: bool) -> None:
    """Simple pictograms: a plus for a new application, a list for applications, a field for the register."""
    painter.setPen(QPen(WHITE if on_blue else BLUE, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if kind.endswith("apply"):
        painter.drawLine(QPointF(c.x() - 15, c.y()), QPointF(c.x() + 15, c.y()))
        painter.drawLine(QPointF(c.x(), c.y() - 15), QPointF(c.x(), c.y() + 15))
    elif kind.endswith("applications"):
        for dy in (-11, 0, 11):
            painter.drawLine(QPointF(c.x() - 14, c.y() + dy), QPointF(c.x() + 14, c.y() + dy))
    else:
        painter.drawRect(QRectF(c.x() - 16, c.y() - 12, 32, 24))
        painter.drawLine(QPointF(c.x() - 16, c.y()), QPointF(c.x() + 16, c.y()))


def _chrome(painter: QPainter, spec: ScreenSpec, lang: str) -> None:
    """What every screen of the service shares: the agency's header, the service band, the footer."""
    painter.fillRect(0, 0, WIDTH, HEIGHT, PAGE)
    painter.fillRect(0, 0, WIDTH, HEADER, NAVY)
    for i, colour in enumerate((RED, BLUE, WHITE)):  # the flag's colours as a thin strip
        painter.fillRect(0, i * 3, WIDTH, 3, colour)
    shield = QPainterPath()
    shield.moveTo(24, 22)
    shield.lineTo(68, 22)
    shield.lineTo(68, 52)
    shield.quadTo(68, 76, 46, 84)
    shield.quadTo(24, 76, 24, 52)
    shield.closeSubpath()
    painter.setPen(QPen(QColor("#E3B23C"), 2))
    painter.setBrush(RED)
    painter.drawPath(shield)
    painter.fillRect(QRectF(43, 32, 6, 42), WHITE)  # a white cross on red
    painter.fillRect(QRectF(31, 45, 30, 6), WHITE)
    _fit(painter, QRect(84, 16, 600, 26), text("country", lang), 15, True, QColor("#C9D6E6"), minimum=12)
    _fit(painter, QRect(84, 42, 640, 38), text("agency", lang), 26, True, WHITE)
    _fit(painter, QRect(760, 26, 300 if spec.help_button else 476, 44), text("user", lang), 19, False, WHITE,
         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, 16)
    painter.fillRect(0, HEADER, WIDTH, BAND, QColor("#E2EAF3"))
    painter.fillRect(0, HEADER + BAND - 2, WIDTH, 2, LINE)
    _fit(painter, QRect(40, HEADER, 300, BAND), text("service", lang), 25, True, BLUE)
    crumb = text(spec.crumb, lang) if spec.crumb else ""
    if crumb:
        _fit(painter, QRect(330, HEADER, 900, BAND), f"›  {crumb}", 20, False, MUTED, minimum=16)
    if spec.heading:
        _fit(painter, QRect(40, 176, 1200, 56), text(spec.heading, lang), 36, True)
    painter.fillRect(0, HEIGHT - 40, WIDTH, 40, QColor("#E2EAF3"))
    _fit(painter, QRect(40, HEIGHT - 40, 1200, 40), text("footer", lang), 16, False, MUTED, minimum=13)


def draw_screen(spec: ScreenSpec, lang: str) -> QImage:
    """One screen in one language, as the participant will see it (a QGuiApplication must exist)."""
    register_fonts()
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _chrome(painter, spec, lang)
        spec.body(painter, lang)
        for button in spec.buttons:
            _button(painter, button, lang)
    finally:
        painter.end()
    return image


# --- the bodies: what each screen shows besides its buttons -------------------------------------------------

def _nothing(painter: QPainter, lang: str) -> None:
    pass


def _field(painter: QPainter, x: int, y: int, w: int, label: str, value: str, lang: str, chevron: bool = False) -> None:
    _fit(painter, QRect(x, y, w, 34), text(label, lang), 21, True)
    painter.setPen(QPen(QColor("#8A99A8"), 2))
    painter.setBrush(WHITE)
    painter.drawRoundedRect(QRectF(x, y + 40, w, 64), 6, 6)
    _fit(painter, QRect(x + 18, y + 40, w - 80, 64), value, 24)
    if chevron:
        painter.setPen(QPen(BLUE, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPolyline(QPolygonF([QPointF(x + w - 44, y + 64), QPointF(x + w - 32, y + 78),
                                        QPointF(x + w - 20, y + 64)]))


def _form(painter: QPainter, lang: str) -> None:
    _fit(painter, QRect(40, 232, 800, 34), text("form.step", lang), 21, False, MUTED)
    _field(painter, 40, 282, 620, "form.holding", "712345678901", lang)
    _field(painter, 40, 400, 620, "form.crop", text("form.maize", lang), lang, chevron=True)
    _field(painter, 40, 518, 300, "form.area", text("form.area.value", lang), lang)
    note = QRect(720, 300, 520, 170)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#E6F0FA"))
    painter.drawRoundedRect(QRectF(note), 10, 10)
    painter.fillRect(QRect(note.x(), note.y(), 8, note.height()), BLUE)
    _fit(painter, note.adjusted(30, 16, -20, -16), text("form.note", lang), 22)


def _review(painter: QPainter, lang: str) -> None:
    _fit(painter, QRect(40, 232, 800, 34), text("review.step", lang), 21, False, MUTED)
    rows = [("review.applicant", text("user", lang)), ("form.holding", "712345678901"),
            ("review.subsidy", text("choose.crop", lang)), ("form.crop", text("form.maize", lang)),
            ("form.area", text("review.area.value", lang)), ("review.amount", text("review.amount.value", lang))]
    painter.setPen(QPen(LINE, 2))
    painter.setBrush(WHITE)
    painter.drawRoundedRect(QRectF(40, 276, 1200, 6 * 52 + 12), 10, 10)
    for i, (label, value) in enumerate(rows):
        y = 282 + i * 52
        if i:
            painter.fillRect(60, y, 1160, 1, LINE)
        _fit(painter, QRect(64, y, 400, 52), text(label, lang), 21, False, MUTED, minimum=16)
        _fit(painter, QRect(480, y, 740, 52), value, 22, True)
    box = QRectF(44, 618, 34, 34)
    painter.setPen(QPen(BLUE, 3))
    painter.setBrush(BLUE)
    painter.drawRoundedRect(box, 5, 5)
    painter.setPen(QPen(WHITE, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPolyline(QPolygonF([QPointF(52, 635), QPointF(59, 643), QPointF(71, 626)]))
    _fit(painter, QRect(92, 610, 700, 50), text("review.declare", lang), 22)


def _sent(painter: QPainter, lang: str) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(GREEN)
    painter.drawEllipse(QPointF(640, 240), 48, 48)
    painter.setPen(QPen(WHITE, 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPolyline(QPolygonF([QPointF(617, 242), QPointF(634, 260), QPointF(664, 224)]))
    centre = Qt.AlignmentFlag.AlignCenter
    _fit(painter, QRect(40, 300, 1200, 56), text("sent.heading", lang), 36, True, INK, centre)
    card = QRect(340, 372, 600, 110)
    painter.setPen(QPen(LINE, 2))
    painter.setBrush(WHITE)
    painter.drawRoundedRect(QRectF(card), 10, 10)
    _fit(painter, QRect(card.x(), card.y() + 10, card.width(), 34), text("sent.case", lang), 21, False, MUTED, centre)
    _fit(painter, QRect(card.x(), card.y() + 44, card.width(), 56), "404-02-01234/2026-07", 34, True, INK, centre)
    _fit(painter, QRect(190, 496, 900, 70), text("sent.keep", lang), 22, False, INK, centre)
    _fit(painter, QRect(190, 566, 900, 34), text("sent.date", lang), 20, False, MUTED, centre, 16)


def _help(painter: QPainter, lang: str) -> None:
    for i in range(3):
        y = 248 + i * 140
        _fit(painter, QRect(40, y, 1200, 40), text(f"help.q{i + 1}", lang), 25, True, BLUE)
        _fit(painter, QRect(40, y + 44, 1200, 80), text(f"help.a{i + 1}", lang), 22, False, INK,
             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def _applications(painter: QPainter, lang: str) -> None:
    columns = [(40, 270, "apps.case"), (310, 410, "apps.subsidy"), (720, 180, "apps.date"), (900, 340, "apps.status")]
    painter.setPen(QPen(LINE, 2))
    painter.setBrush(WHITE)
    painter.drawRoundedRect(QRectF(30, 250, 1220, 350), 10, 10)
    for x, w, key in columns:
        _fit(painter, QRect(x + 16, 256, w - 24, 48), text(key, lang), 19, True, MUTED, minimum=15)
    painter.fillRect(40, 306, 1200, 2, LINE)
    rows = [("404-02-00871/2026-07", "apps.row1.subsidy", "apps.row1.date", "apps.approved", GREEN),
            ("404-02-00412/2025-07", "apps.row2.subsidy", "apps.row2.date", "apps.paid", MUTED)]
    for i, (case, subsidy, date, status, colour) in enumerate(rows):
        y = 316 + i * 140
        if i:
            painter.fillRect(40, y - 8, 1200, 1, LINE)
        _fit(painter, QRect(56, y, 250, 124), case, 20, True, minimum=16)
        _fit(painter, QRect(326, y, 380, 124), text(subsidy, lang), 21, minimum=16)
        _fit(painter, QRect(736, y, 160, 124), text(date, lang), 20, minimum=16)
        badge = QRect(916, y + 8, 300, 44)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour.red(), colour.green(), colour.blue(), 34))
        painter.drawRoundedRect(QRectF(badge), 22, 22)
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(badge.x() + 24, badge.center().y() + 1), 7, 7)
        _fit(painter, badge.adjusted(42, 0, -10, 0), text(status, lang), 21, True, colour, minimum=16)


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("home", "home.crumb", "home.heading", (
        Button("home-apply", (40, 280, 376, 230), "home.apply", Style.TILE, go="choose", sub="home.apply.sub"),
        Button("home-applications", (452, 280, 376, 230), "home.applications", Style.TILE, go="applications",
               sub="home.applications.sub"),
        Button("home-registry", (864, 280, 376, 230), "home.registry", Style.TILE, sub="home.registry.sub"),
        Button("home-help", (1080, 22, 160, 52), "help", Style.HEADER, go="help")), _nothing),
    ScreenSpec("choose", "choose.crumb", "choose.heading", (
        Button("choose-crop", (40, 250, 1200, 104), "choose.crop", Style.OPTION, go="form", sub="choose.crop.sub"),
        Button("choose-livestock", (40, 372, 1200, 104), "choose.livestock", Style.OPTION, sub="choose.livestock.sub"),
        Button("choose-machinery", (40, 494, 1200, 104), "choose.machinery", Style.OPTION,
               sub="choose.machinery.sub"),
        Button("choose-back", (40, 656, 240, 80), "back", Style.SECONDARY, back=True),
        Button("choose-help", (1080, 22, 160, 52), "help", Style.HEADER, go="help")), _nothing),
    ScreenSpec("form", "choose.crumb", "choose.crop", (
        Button("form-back", (40, 656, 240, 80), "back", Style.SECONDARY, back=True),
        Button("form-next", (960, 656, 280, 80), "next", Style.PRIMARY, go="review"),
        Button("form-help", (1080, 22, 160, 52), "help", Style.HEADER, go="help")), _form),
    ScreenSpec("review", "choose.crumb", "review.heading", (
        Button("review-edit", (40, 672, 240, 72), "review.edit", Style.SECONDARY, back=True),
        Button("review-send", (880, 672, 360, 72), "review.send", Style.PRIMARY, go="sent"),
        Button("review-help", (1080, 22, 160, 52), "help", Style.HEADER, go="help")), _review),
    ScreenSpec("sent", "sent.crumb", "", (
        Button("sent-home", (470, 630, 340, 80), "sent.home", Style.PRIMARY, go="home"),
        Button("sent-help", (1080, 22, 160, 52), "help", Style.HEADER, go="help")), _sent),
    ScreenSpec("help", "help.heading", "help.heading", (
        Button("help-back", (40, 656, 240, 80), "back", Style.SECONDARY, back=True),), _help, help_button=False),
    ScreenSpec("applications", "home.applications", "home.applications", (
        Button("decision-download", (916, 382, 300, 56), "apps.download", Style.SMALL, goal=True),
        Button("applications-back", (40, 656, 240, 80), "back", Style.SECONDARY, back=True),
        Button("applications-new", (900, 656, 340, 80), "apps.new", Style.PRIMARY, go="choose"),
        Button("applications-help", (1080, 22, 160, 52), "help", Style.HEADER, go="help")), _applications),
)
