"""The console's main window: the start page, or the running session's page.

The session page is built on first use (a session started or resumed), not at start: the console
must show fast on a field laptop (issue 8), and most starts show only the start page for a while.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from kiosk.i18n import Catalog
from kiosk.qt.console.placement import fit_console
from kiosk.qt.console.start_page import StartPage
from kiosk.store.db import Store

if TYPE_CHECKING:
    from kiosk.study.model import Study
    from kiosk.qt.console.session_page import SessionPage


class ConsoleWindow(QMainWindow):
    #: the session page was built (first use); the controller wires it then
    session_page_built = Signal(object)

    def __init__(self, catalog: Catalog, lang: str, store: Store, studies: list[Study] | None,
                 plan_warnings: list[str]) -> None:
        """``studies=None``: the plans are still being read (see ``StartPage.set_studies``)."""
        super().__init__()
        self._catalog = catalog
        self._lang = lang
        self._session_page: SessionPage | None = None
        self.setWindowTitle(catalog.text(lang, "console.window_title"))
        self.stack = QStackedWidget()
        self.start_page = StartPage(catalog, lang, store, studies, plan_warnings)
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)
        self.start_page.facilitator_edit.setFocus()  # the first thing typed is the facilitator's code, studies or not
        fit_console(self)  # 1200x800 at most, never taller than the screen with the title bar

    def allow_close(self) -> None:
        """The app's own shutdown, or a confirmed leave: closing goes ahead without asking again."""
        self._close_confirmed = True

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Alt+F4 or the title bar's close during a live session asks first, as New session does (the
        session stays resumable either way, but a slip must not end the app in the middle of it)."""
        if getattr(self, "_close_confirmed", False) or not self._session_is_live():
            event.accept()
            return
        event.ignore()
        self.session_page.ask_leave(self._close_after_confirm)

    def _close_after_confirm(self) -> None:
        self.allow_close()
        self.close()

    def _session_is_live(self) -> bool:
        page = self._session_page
        return page is not None and page.session_is_live()

    @property
    def session_page(self) -> SessionPage:
        """The running session's page, built (and announced) the first time it is asked for."""
        if self._session_page is None:
            from kiosk.qt.console.session_page import SessionPage

            self._session_page = SessionPage(self._catalog, self._lang)
            self.stack.addWidget(self._session_page)
            self.session_page_built.emit(self._session_page)
        return self._session_page

    def session_page_if_built(self) -> SessionPage | None:
        return self._session_page

    def show_start(self) -> None:
        self.start_page.reload()
        self.stack.setCurrentWidget(self.start_page)

    def show_session(self) -> None:
        self.stack.setCurrentWidget(self.session_page)
