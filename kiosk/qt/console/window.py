"""The console's main window: the start page, or the running session's page."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QStackedWidget

from kiosk.i18n import Catalog
from kiosk.qt.console.placement import fit_console
from kiosk.qt.console.session_page import SessionPage
from kiosk.qt.console.start_page import StartPage
from kiosk.store.db import Store
from kiosk.study.model import Study


class ConsoleWindow(QMainWindow):
    def __init__(self, catalog: Catalog, lang: str, store: Store, studies: list[Study],
                 plan_warnings: list[str]) -> None:
        super().__init__()
        self.setWindowTitle(catalog.text(lang, "console.window_title"))
        self.stack = QStackedWidget()
        self.start_page = StartPage(catalog, lang, store, studies, plan_warnings)
        self.session_page = SessionPage(catalog, lang)
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.session_page)
        self.setCentralWidget(self.stack)
        fit_console(self)  # 1200x800 at most, never taller than the screen with the title bar

    def allow_close(self) -> None:
        """The app's own shutdown, or a confirmed leave: closing goes ahead without asking again."""
        self._close_confirmed = True

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Alt+F4 or the title bar's close during a live session asks first, as New session does (the
        session stays resumable either way, but a slip must not end the app in the middle of it)."""
        if getattr(self, "_close_confirmed", False) or not self.session_page.session_is_live():
            event.accept()
            return
        event.ignore()
        self.session_page.ask_leave(self._close_after_confirm)

    def _close_after_confirm(self) -> None:
        self.allow_close()
        self.close()

    def show_start(self) -> None:
        self.start_page.reload()
        self.stack.setCurrentWidget(self.start_page)

    def show_session(self) -> None:
        self.stack.setCurrentWidget(self.session_page)
