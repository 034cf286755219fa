"""Wires a session to both windows and decides where the participant view goes (one or two screens).

The controller is given its windows and data folders (Mu's ``Editor(view)``): tests may pass their own;
the rules it applies live in ``kiosk.session.console_rules``. The participant window (and the console's
session page) is built on first use, not at start, so the console shows fast (issue 8).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from kiosk.i18n import Catalog
from kiosk.lock import PinLock
from kiosk.paths import DataPaths
from kiosk.qt.explain import explain
from kiosk.qt.console.help_alert import HelpCue, alert_sound
from kiosk.qt.console.placement import side_by_side
from kiosk.qt.console.window import ConsoleWindow
from kiosk.qt.held_device import HeldDevice
from kiosk.session.clock import HEARTBEAT_SECONDS, Clock, SystemClock
from kiosk.session.console_rules import WithdrawMode, erases_open_session
from kiosk.session.mode import Mode
from kiosk.store.db import Store

if TYPE_CHECKING:
    from kiosk.qt.workers import Job
    from kiosk.theme import Theme
    from kiosk.session.access import AccessSettings
    from kiosk.study.model import Study
    from kiosk.qt.bridge import SessionBridge
    from kiosk.qt.console.session_page import SessionPage
    from kiosk.session.engine import SessionEngine
    from kiosk.qt.participant.window import ParticipantWindow


class KioskController(HeldDevice, QObject):
    def __init__(self, store: Store, studies: list[Study], plan_warnings: list[str], catalog: Catalog,
                 console_language: str, theme: Theme | str, pin_lock: PinLock | None = None, clock: Clock | None = None,
                 pin_prompt: Callable[[], bool] | None = None, *,
                 console: ConsoleWindow | None = None, participant: ParticipantWindow | None = None,
                 paths: DataPaths | None = None) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.lang = console_language
        self.pin_lock = pin_lock or PinLock.in_folder(store.path.parent)
        #: asks for the PIN and says whether it was right; tests pass their own instead of the modal dialog
        self.pin_prompt = pin_prompt
        self.clock = clock or SystemClock()
        self.bridge: SessionBridge | None = None
        self.console = console or ConsoleWindow(catalog, console_language, store, studies, plan_warnings)
        #: a Theme, or the name of one read when first needed (a participant window, a PIN dialog): the
        #: console does not use it, and reading it at start cost about 5 ms (issue 8)
        self._theme = theme
        self._participant: ParticipantWindow | None = None
        self._help_cue: HelpCue | None = None
        self.alert_sound = alert_sound  # replaceable: a help call must be heard, whatever makes the sound
        self._participant_alone = False  # the participant view has the screen and the console is hidden
        if participant is not None:
            self._wire_participant(participant)
        # a Qt connection, not a stored callback: the console must not keep a dropped controller alive
        self.console.session_page_built.connect(self._wire_session_page)
        if (built := self.console.session_page_if_built()) is not None:
            self._wire_session_page(built)
        self.console.start_page.start_requested.connect(self.start_session)
        self.console.start_page.resume_requested.connect(self.resume_session)
        start_page = self.console.start_page
        start_page.study_report_requested.connect(self.write_study_report)
        start_page.session_report_requested.connect(self.write_session_report)
        start_page.open_report_button.clicked.connect(self._open_report)
        start_page.withdraw_requested.connect(self.withdraw)
        self.jobs: set[Job] = set()
        paths = paths or DataPaths(store.path.parent)
        self.reports_folder = paths.reports
        self.receipts_folder = paths.root / "receipts"
        # Crash-safe task time: the engine notes every few seconds that the session is alive.
        self.heartbeat_timer = QTimer(self, interval=int(HEARTBEAT_SECONDS * 1000))
        self.heartbeat_timer.timeout.connect(self._on_heartbeat_due)

    @property
    def theme(self) -> Theme:
        if isinstance(self._theme, str):
            from kiosk.theme import load_theme

            self._theme = load_theme(self._theme)
        return self._theme

    @property
    def participant(self) -> ParticipantWindow:
        """The participant's window, built the first time it is needed (a session handed over, a test)."""
        if self._participant is None:
            from kiosk.qt.participant.window import ParticipantWindow

            window = ParticipantWindow(self.catalog, self.theme)
            window.console_lang = self.lang  # what it tells the facilitator is in the console's language
            self._wire_participant(window)
        assert self._participant is not None
        return self._participant

    @property
    def help_cue(self) -> HelpCue:
        """The quiet help cue on the participant's screen (builds the participant window if need be)."""
        if self._help_cue is None:
            _ = self.participant  # building the window makes the cue
        assert self._help_cue is not None
        return self._help_cue

    def _wire_participant(self, participant: ParticipantWindow) -> None:
        self._participant = participant
        self._help_cue = HelpCue(participant, anchor=getattr(participant, "corner", None))
        participant.take_back_requested.connect(self.take_back)
        participant.corner_unlock_requested.connect(self.unlock_with_pin)
        participant.erase_requested.connect(self.erase_current_participant)

    def _wire_session_page(self, page: SessionPage) -> None:
        page.help_called.connect(self._on_help_called)
        page.show_participant_requested.connect(self.hand_over)
        page.new_session_requested.connect(self.new_session)
        page.receipt_requested.connect(self.write_receipt)

    def _hide_help_cue(self) -> None:
        if self._help_cue is not None:
            self._help_cue.hide()

    def start_session(self, study: Study, code: str, number: int, mode: str, facilitator: str = "",
                      guardian: str = "", access: AccessSettings | None = None) -> None:
        from kiosk.session.engine import SessionEngine  # the engine loads with the first session, not at start

        self._open(lambda: SessionEngine.start(self.store, study, code, self.clock, participant_number=number,
                                               mode=mode, facilitator=facilitator, guardian=guardian, access=access))

    def resume_session(self, session_id: str) -> None:
        from kiosk.session.engine import SessionEngine

        self._open(lambda: SessionEngine.resume(self.store, session_id, self.clock))

    def _open(self, make_engine: Callable[[], SessionEngine]) -> None:
        from kiosk.qt.bridge import DOMAIN_ERRORS

        try:
            engine = make_engine()
        except (*DOMAIN_ERRORS, ValueError) as exc:
            self.console.start_page.show_error(explain(exc, self.catalog, self.lang))
            return
        self._attach(engine)

    def _attach(self, engine: SessionEngine) -> None:
        from kiosk.qt.bridge import SessionBridge

        self.bridge = SessionBridge(engine, self, explain=lambda exc: explain(exc, self.catalog, self.lang))
        self.console.start_page.reset_form()  # the next participant starts from a clean form
        self.console.start_page.open_session_id = engine.record.id
        self.heartbeat_timer.start()
        self.console.session_page.attach(self.bridge)
        self.participant.attach(self.bridge)
        self.bridge.event_committed.connect(self._update_help_cue)
        self._update_help_cue()
        self.console.show_session()
        self.hand_over()

    # -- help calls -------------------------------------------------------------------------------------

    def _on_help_called(self) -> None:
        self.alert_sound()

    def _update_help_cue(self, *_ignored: object) -> None:
        """One screen: the console is hidden, so the call also shows as a quiet cue on the participant's screen."""
        engine = self.bridge.engine if self.bridge is not None else None
        if engine is not None and engine.state.help_pending and self._participant_alone:
            self.help_cue.show_cue(self.catalog.text(engine.language, "console_flow.help_cue"))
        else:
            self.help_cue.hide()

    def _on_heartbeat_due(self) -> None:
        if self.bridge is not None and not self.store.closed:  # the store closes before the last timers at exit
            self.bridge.run(self.bridge.engine.heartbeat)

    def hand_over(self) -> None:
        """Show the participant view: on the second screen if asked and present, beside the console if asked
        and only one screen fits both, else full screen here (the console comes back with the shortcut)."""
        if self.bridge is None:
            return
        screens = QGuiApplication.screens()
        self._participant_alone = True
        if self.bridge.engine.record.mode == Mode.TWO_SCREENS:
            if len(screens) > 1:
                target = next(s for s in screens if s is not QGuiApplication.primaryScreen())
                self.participant.setScreen(target)
                self.participant.setGeometry(target.geometry())
                self.participant.showFullScreen()
                self._participant_alone = False
                self._update_help_cue()
                return
            placed = side_by_side(self.console.screen().availableGeometry(), self.console.minimumSizeHint(),
                                  self.participant.minimumSizeHint())
            if placed is not None:
                self.console.session_page.show_message(self.catalog.text(self.lang, "console.no_second_screen"))
                self.console.setGeometry(placed[0])
                self.participant.setGeometry(placed[1])
                self.participant.showNormal()
                self.console.show()
                self._participant_alone = False
                self._update_help_cue()
                return
            self.console.session_page.show_message(self.catalog.text(self.lang, "console_flow.one_screen_fallback"))
        if not self._commit_hold():  # committed before it is true on screen, as every event is
            self._participant_alone = False
            return
        self.participant.showFullScreen()
        self.console.hide()
        self._update_help_cue()

    def unlock_with_pin(self) -> None:
        """The hidden corner: anyone can tap it, so it goes through the PIN like every other way out."""
        self.take_back()

    def take_back(self) -> None:
        """Bring the console back (shortcut, corner, or closing the participant window).

        While the participant view is the only thing on screen, every way out needs the facilitator
        PIN: a participant with a keyboard can press Ctrl+Shift+F or Alt+F4 as well as anyone.
        """
        if getattr(self, "_asking_pin", False):
            return  # the shortcut pressed again while the PIN dialog is open
        if self._in_participant_mode():
            self._asking_pin = True
            try:
                if not (self.pin_prompt or self.ask_pin)():
                    return
            finally:
                self._asking_pin = False
        self._show_console()

    def _in_participant_mode(self) -> bool:
        return self._participant is not None and self._participant.on_screen() and not self.console.isVisible()

    def _show_console(self) -> None:
        self._release_hold()
        if self.bridge is not None and self.bridge.engine.record.mode == Mode.TWO_SCREENS:
            self.console.show()
            self.console.raise_()
            return
        if self._participant is not None:
            self._participant.put_away()
        self.console.show()
        self.console.raise_()

    def ask_pin(self) -> bool:
        """The real PIN dialog, over the participant view in its theme; True only for the right PIN."""
        from kiosk.qt.lock import PinDialog

        # the participant's touchscreen is the only screen (one-screen mode): no keyboard, so a keypad
        # in the theme's own sizes: the dialog is the facilitator's, not drawn at the participant's text size
        dialog = PinDialog(self.pin_lock, self.catalog, self.lang, self.participant.base_theme, self.participant,
                           keypad=self._participant_alone)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def shutdown(self) -> None:
        """Delete both windows while the QApplication still exists.

        Left to Python's garbage collector at interpreter exit, PySide6 objects may be destroyed after
        the application and crash the process (seen as ``bool_dealloc`` at shutdown).
        """
        from PySide6.QtCore import QCoreApplication, QEvent

        from kiosk.qt.workers import drain_ordered_pool

        if getattr(self, "_erasure", None) is not None:
            self._erasure.stop()
        send_window = self.console.start_page.send_window
        if send_window is not None:  # a sync stops at its next chunk (complete bundles stay) rather than hold the exit
            send_window.cancel_send()
        drain_ordered_pool()  # an erasure under way finishes before the store closes
        self.console.allow_close()
        windows: list[QWidget] = [self.console]
        if self._participant is not None:
            self._participant.allow_close()
            windows.insert(0, self._participant)
        for window in windows:
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
        service = self.erasure_service()

        def erased(*_result: object) -> None:  # say "deleted" only once it is true
            service.erasure_finished.disconnect(erased)
            self.participant.show_stopped(lang)

        service.erasure_finished.connect(erased)
        message = self.withdraw(engine.study.id, engine.record.participant_code, "delete", "participant stopped")
        self.console.start_page.show_status(message)

    def withdraw(self, study_id: str, code: str, mode: str, reason: str) -> str:
        """Withdraw by code (``keep`` or ``delete``) and say what was done.

        Deleting runs on the ordered worker after the reports already asked for; the message says it
        is under way, and the console is told again when it is done and when old copies are wiped.
        """
        from kiosk.qt.bridge import DOMAIN_ERRORS
        from kiosk.session.withdrawal import withdraw_participant

        current = self.bridge.engine if self.bridge is not None else None
        mode = WithdrawMode(mode)
        if erases_open_session(current.record if current else None, study_id, code, mode):
            self.bridge = None  # nothing of this session may be shown or written again
            self.console.session_page.detach()
            self.console.start_page.open_session_id = None
            self._hide_help_cue()
        if mode is WithdrawMode.DELETE:
            return self._erase(study_id, code, reason)
        try:
            result = withdraw_participant(self.store, study_id, code, False, reason, self.clock, current)
        except DOMAIN_ERRORS as exc:
            message = explain(exc, self.catalog, self.lang)
        else:
            key = "console.withdraw_unknown" if not result.sessions else "console.withdrawn_kept"
            message = self.catalog.text(self.lang, key, code=code, sessions=result.sessions, files=result.files)
        self.console.show_start()
        self.console.start_page.show_status(message)
        return message

    def _erase(self, study_id: str, code: str, reason: str) -> str:
        if not any(s.participant_code == code for s in self.store.sessions(study_id)):
            message = self.catalog.text(self.lang, "console.withdraw_unknown", code=code)
        else:
            self.erasure_service().erase(study_id, code, reason)
            message = self.catalog.text(self.lang, "erasure.running", code=code)
        self.console.show_start()
        self.console.start_page.show_status(message)
        return message

    def erasure_service(self):
        """The one erasure service, made on first use (its signals report to the start page)."""
        from kiosk.qt.erasure import ErasureService

        if getattr(self, "_erasure", None) is None:
            self._erasure = ErasureService(self.store.path, parent=self)
            self._erasure.erasure_finished.connect(self._on_erasure_finished)
            self._erasure.erasure_failed.connect(self._on_erasure_failed)
            self._erasure.wipe_completed.connect(self._on_wipe_completed)
        return self._erasure

    def _on_erasure_finished(self, result) -> None:
        counted = self.catalog.plural
        values = {"code": result.tombstone.participant_code,
                  "sessions": counted(self.lang, "count.sessions", result.sessions),
                  "files": counted(self.lang, "count.files", result.files),
                  "pages": counted(self.lang, "count.pages", result.pending_pages)}
        key = "console.withdrawn_deleted" if result.fully_compacted else "erasure.pending"
        self.console.start_page.reload()
        self.console.start_page.show_status(self.catalog.text(self.lang, key, **values))

    def _on_erasure_failed(self, error: str) -> None:
        self.console.start_page.reload()
        self.console.start_page.show_status(self.catalog.text(self.lang, "erasure.failed", error=error))

    def _on_wipe_completed(self) -> None:
        self.console.start_page.show_status(self.catalog.text(self.lang, "erasure.wiped"))

    def write_receipt(self, session_id: str) -> Job:
        from kiosk.qt.workers import Job  # the worker's Qt types are made when a job is first asked for (issue 8)
        from kiosk.reports.jobs import receipt_job

        page = self.console.session_page
        job = Job(receipt_job, self.store.path, session_id, self.receipts_folder)
        self.jobs.add(job)
        job.finished.connect(partial(self._on_receipt_written, job))
        job.failed.connect(partial(self._on_report_failed, job))
        page.show_message(self.catalog.text(self.lang, "console.report_running"), "ok")
        return job.start()

    def _on_receipt_written(self, job: Job, path) -> None:
        self.jobs.discard(job)
        self.console.session_page.show_message(self.catalog.text(self.lang, "console.receipt_saved", path=path), "ok")
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
        from kiosk.qt.workers import Job

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
            from PySide6.QtCore import QUrl  # QUrl's type costs about 1 ms to make: not for the start (issue 8)
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def new_session(self) -> None:
        """Back to the start page; a session still in progress stays so and is offered for Resume."""
        if self._participant is not None:
            self._participant.hide()
        self._hide_help_cue()
        if self.bridge is not None:
            self.bridge.event_committed.disconnect(self._update_help_cue)
        self.console.session_page.detach()
        self.bridge = None
        self.console.start_page.open_session_id = None
        self.console.show_start()
        self._release_hold()
        self.console.show()
