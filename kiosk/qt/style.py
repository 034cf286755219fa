"""Turns a Theme (plain data) into Qt: fonts, stylesheet, and millimetre sizes at the screen's real DPI."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFontDatabase, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from kiosk.resources import font_path
from kiosk.theme import Theme

FONT_FAMILY = "DejaVu Sans"


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Ship our own Cyrillic-complete font so every kiosk renders the same, whatever the OS has."""
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(font_path(name)))
    return FONT_FAMILY


def screen_of(widget: QWidget | None) -> QScreen:
    screen = widget.screen() if widget is not None else None
    return screen or QGuiApplication.primaryScreen()


def mm_to_px(mm: float, screen: QScreen) -> int:
    """Physical millimetres to device-independent pixels on this screen (touch targets are physical)."""
    dpi = screen.physicalDotsPerInch() or 96.0
    return round(mm * dpi / 25.4 / screen.devicePixelRatio())


def px_to_mm(px: float, screen: QScreen) -> float:
    dpi = screen.physicalDotsPerInch() or 96.0
    return px * screen.devicePixelRatio() * 25.4 / dpi


def participant_stylesheet(theme: Theme) -> str:
    c = theme.colors
    return f"""
    QWidget#participantRoot, QWidget#participantRoot QScrollArea, QWidget#participantRoot QWidget#content {{
        background: {c['background']}; color: {c['text']};
    }}
    QWidget#participantRoot QLabel {{ color: {c['text']}; font-family: "{FONT_FAMILY}"; font-size: {theme.body_pt}pt; }}
    QWidget#participantRoot QLabel[role="heading"] {{ font-size: {theme.heading_pt}pt; font-weight: bold; }}
    QWidget#participantRoot QLabel[role="muted"] {{ color: {c['muted_text']}; font-size: {theme.min_pt}pt; }}
    QWidget#participantRoot QLabel[role="banner"] {{
        background: {c['secondary_bg']}; color: {c['secondary_text']}; padding: 8px; border: 2px solid {c['border']};
    }}
    QWidget#participantRoot QPushButton, QWidget#participantRoot QLineEdit {{
        font-family: "{FONT_FAMILY}"; font-size: {theme.body_pt}pt; border-radius: 10px; padding: 6px 18px;
        background: {c['secondary_bg']}; color: {c['secondary_text']}; border: 4px solid {c['border']};
    }}
    QWidget#participantRoot QLineEdit {{ placeholder-text-color: {c['muted_text']}; }}
    QWidget#participantRoot QPushButton[role="primary"] {{
        background: {c['primary_bg']}; color: {c['primary_text']}; font-weight: bold; border-color: {c['primary_bg']};
    }}
    QWidget#participantRoot QPushButton[role="language"] {{ font-size: {theme.min_pt}pt; padding: 4px 12px; }}
    QWidget#participantRoot QPushButton[role="quiet"] {{
        background: {c['background']}; color: {c['text']}; border: 3px solid {c['border']}; padding: 6px 26px;
    }}
    QWidget#participantRoot QPushButton[role="danger"] {{ background: {c['danger_bg']}; color: {c['danger_text']}; }}
    QWidget#participantRoot QPushButton:checked {{
        background: {c['selected_bg']}; color: {c['selected_text']}; border-color: {c['focus']};
    }}
    QWidget#participantRoot QPushButton:disabled {{
        background: {c['background']}; color: {c['muted_text']}; border: 3px dashed {c['muted_text']};
    }}
    QWidget#participantRoot QPushButton[role="corner"] {{ background: transparent; border: none; }}
    QWidget#participantRoot QPushButton:focus, QWidget#participantRoot QLineEdit:focus {{ border-color: {c['focus']}; }}
    QWidget#participantRoot QPushButton[role="language"]:focus:!checked {{
        border-color: {c['border']}; border-style: dashed;
    }}
    """
