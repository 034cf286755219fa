"""Wires a session to both windows and decides where the participant view goes (one or two screens)."""

from __future__ import annotations

from functools import partial
from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit

from kiosk.i18n import Catalog
from kiosk.qt.bridge import DOMAIN_ERRORS, SessionBridge
from kiosk.qt.console.window import ConsoleWindow
from kiosk.qt.participant.window import ParticipantWindow
from kiosk.qt.workers import Job
from kiosk.session.clock import Clock, SystemClock
from kiosk.session.engine import Mode, SessionEngine
from kiosk.session.lifecycle import HEARTBEAT_SECONDS
from kiosk.store.db import Store
from kiosk.study.model import Study
from kiosk.theme import Theme

DEFAULT_PIN = "0000"


class KioskController(QObject):
    def __init__(self, store: Store, studies: list[Study], plan_warnings: list[str], catalog: Catalog,
                 console_language: str, theme: Theme, pin: str | None = None, clock: Clock | None = None) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.lang = console_language
        self.pin = pin or DEFAULT_PIN
        self.clock = clock or SystemClock()
        self.bridge: SessionBridge | None = None
        self.console = ConsoleWindow(catalog, console_language, store, studies, plan_warnings)
        self.participant = ParticipantWindow(catalog, theme)
        self.console.start_page.start_requested.connect(self.start_session)
        self.console.start_page.resume_requested.connect(self.resume_session)
        self.console.session_page.show_participant_requested.connect(self.hand_over)
        self.console.session_page.new_session_requested.connect(self.new_session)
        self.participant.take_back_requested.connect(self.take_back)
        self.participant.corner_unlock_requested.connect(self.unlock_with_pin)
        start_page = self.console.start_page
        start_page.study_report_requested.connect(self.write_study_report)
        start_page.session_report_requested.connect(self.write_session_report)
        start_page.open_report_button.clicked.connect(self._open_report)
        start_page.withdraw_requested.connect(self.withdraw)
        self.participant.erase_requested.connect(self.erase_current_participant)
        self.console.session_page.receipt_requested.connect(self.write_receipt)
        self.jobs: set[Job] = set()
        self.reports_folder = store.path.parent / "reports"
        # Crash-safe task time: the engine notes every few seconds that the session is alive.
        self.heartbeat_timer = QTimer(self, interval=int(HEARTBEAT_SECONDS * 1000))
        self.heartbeat_timer.timeout.connect(self._on_heartbeat_due)

    def start_session(self, study: Study, code: str, number: int, mode: str, facilitator: str = "",
                      guardian: str = "") -> None:
        try:
            engine = SessionEngine.start(self.store, study, code, self.clock, participant_number=number, mode=mode,
                                         facilitator=facilitator, guardian=guardian)
        except (*DOMAIN_ERRORS, ValueError) as exc:
            self.console.start_page.show_error(str(exc))
            return
        self._attach(engine)

    def resume_session(self, session_id: str) -> None:
        try:
            engine = SessionEngine.resume(self.store, session_id, self.clock)
        except (*DOMAIN_ERRORS, ValueError) as exc:
            self.console.start_page.show_error(str(exc))
            return
        self._attach(engine)

    def _attach(self, engine: SessionEngine) -> None:
        self.bridge = SessionBridge(engine, self)
        self.heartbeat_timer.start()
        self.console.session_page.attach(self.bridge)
        self.participant.attach(self.bridge)
        self.console.show_session()
        self.hand_over()

    def _on_heartbeat_due(self) -> None:
        if self.bridge is not None:
            self.bridge.run(self.bridge.engine.heartbeat)

    def hand_over(self) -> None:
        """Show the participant view: on the second screen if asked and present, else full screen here."""
        if self.bridge is None:
            return
        screens = QGuiApplication.screens()
        if self.bridge.engine.record.mode == Mode.TWO_SCREENS:
            if len(screens) > 1:
                target = next(s for s in screens if s is not QGuiApplication.primaryScreen())
                self.participant.setScreen(target)
                self.participant.setGeometry(target.geometry())
                self.participant.showFullScreen()
                return
            self.console.session_page.message_label.setText(self.catalog.text(self.lang, "console.no_second_screen"))
            self.participant.showNormal()
            self.console.show()
            return
        self.participant.showFullScreen()
        self.console.hide()

    def unlock_with_pin(self) -> None:
        """The hidden corner is reachable by touch, so it needs the facilitator PIN."""
        if self.ask_pin() == self.pin:
            self.take_back()

    def take_back(self) -> None:
        """Bring the console back (the keyboard shortcut, or the corner after the PIN)."""
        if self.bridge is not None and self.bridge.engine.record.mode == Mode.TWO_SCREENS:
            self.console.show()
            self.console.raise_()
            return
        self.participant.hide()
        self.console.show()
        self.console.raise_()

    def ask_pin(self) -> str | None:
        text, ok = QInputDialog.getText(self.participant, self.catalog.text(self.lang, "console.take_back"),
                                        self.catalog.text(self.lang, "console.pin_prompt"), QLineEdit.EchoMode.Password)
        return text if ok else None

    def shutdown(self) -> None:
        """Delete both windows while the QApplication still exists.

        Left to Python's garbage collector at interpreter exit, PySide6 objects may be destroyed after
        the application and crash the process (seen as ``bool_dealloc`` at shutdown).
        """
        from PySide6.QtCore import QCoreApplication, QEvent

        for window in (self.participant, self.console):
            window.close()
            window.deleteLater()
        self.bridge = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # -- withdrawal -------------------------------------------------------------------------------------

    def erase_current_participant(self) -> None:
        """The participant chose "stop and delete everything about me" on their own screen."""
        if self.bridge is None:
            return
        engine = self.bridge.engine
        lang = engine.language
        message = self.withdraw(engine.study.id, engine.record.participant_code, "delete", "participant stopped")
        self.participant.show_stopped(lang)
        self.console.start_page.show_status(message)

    def withdraw(self, study_id: str, code: str, mode: str, reason: str) -> str:
        """Withdraw by code (``keep`` or ``delete``) and say what was done."""
        from kiosk.session.withdrawal import withdraw_participant

        current = self.bridge.engine if self.bridge is not None else None
        if mode == "delete" and current is not None and current.record.participant_code == code:
            self.bridge = None  # nothing of this session may be shown or written again
        try:
            result = withdraw_participant(self.store, study_id, code, mode == "delete", reason, self.clock, current)
        except DOMAIN_ERRORS as exc:
            message = str(exc)
        else:
            key = ("console.withdraw_unknown" if not result.sessions else
                   "console.withdrawn_deleted" if result.erased else "console.withdrawn_kept")
            message = self.catalog.text(self.lang, key, code=code, sessions=result.sessions, files=result.files)
        self.console.show_start()
        self.console.start_page.show_status(message)
        return message

    def write_receipt(self, session_id: str) -> Job:
        from kiosk.reports.jobs import receipt_job

        page = self.console.session_page
        job = Job(receipt_job, self.store.path, session_id, self.store.path.parent / "receipts")
        self.jobs.add(job)
        job.finished.connect(partial(self._on_receipt_written, job))
        job.failed.connect(partial(self._on_report_failed, job))
        page.message_label.setText(self.catalog.text(self.lang, "console.report_running"))
        return job.start()

    def _on_receipt_written(self, job: Job, path) -> None:
        self.jobs.discard(job)
        self.console.session_page.message_label.setText(self.catalog.text(self.lang, "console.receipt_saved", path=path))
        self.console.start_page.show_status(self.catalog.text(self.lang, "console.receipt_saved", path=path), str(path))

    # -- reports (worker thread; the GUI keeps recording) ------------------------------------------------

    def write_study_report(self, study_id: str) -> Job:
        from kiosk.reports.jobs import study_report_job  # reportlab loads only when a report is asked for

        return self._run_report(study_report_job, study_id)

    def write_session_report(self, session_id: str) -> Job:
        from kiosk.reports.jobs import session_report_job

        return self._run_report(session_report_job, session_id)

    def _run_report(self, function, subject: str) -> Job:
        page = self.console.start_page
        page.show_status(self.catalog.text(self.lang, "console.report_running"))
        job = Job(function, self.store.path, subject, self.reports_folder, self.lang)
        self.jobs.add(job)
        job.finished.connect(partial(self._on_report_written, job))
        job.failed.connect(partial(self._on_report_failed, job))
        return job.start()

    def _on_report_written(self, job: Job, path) -> None:
        self.jobs.discard(job)
        self.console.start_page.show_status(self.catalog.text(self.lang, "console.report_saved", path=path),
                                                   str(path))

    def _on_report_failed(self, job: Job, error: str) -> None:
        self.jobs.discard(job)
        self.console.start_page.show_status(self.catalog.text(self.lang, "console.report_failed", error=error))

    def _open_report(self) -> None:
        path = self.console.start_page.open_report_button.property("path")
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def new_session(self) -> None:
        self.participant.hide()
        self.console.show_start()
        self.console.show()
