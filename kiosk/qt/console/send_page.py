"""The console's "Send to hub" window: this laptop's key, the hub's, each session's journey, and a Send button.

The sync runs on the ordered worker (it reads participant data, so it waits for a report or an erasure
asked for before it), never on the GUI thread; progress crosses back through a queued signal. Cancel
sets the sync's flag: the bundle being written is dropped from the target, complete ones stay, and
nothing on this laptop is deleted. A send that was not cancelled deletes the media the retention setting
(the box under the table, retention_box.py) lets go once the hub has confirmed them, and says so.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QProgressBar, QTableWidget, QTableWidgetItem, QVBoxLayout)

from kiosk.exchange.bundle import BundleKind
from kiosk.exchange.retention_words import purge_words
from kiosk.exchange.keys import KeyFileError, laptop_identity, trusted_hub
from kiosk.exchange.send import SendReport
from kiosk.exchange.send_status import bar_position, send_at, send_rows
from kiosk.exchange.send_target import SavedTarget, load_target
from kiosk.exchange.sync import Outcome, Progress
from kiosk.exchange.targets import TargetOptions
from kiosk.explained import ExplainedError
from kiosk.i18n import Catalog
from kiosk.qt.console.retention_box import RetentionBox
from kiosk.qt.console.widgets import button, line_edit
from kiosk.qt.explain import explain
from kiosk.qt.workers import Job
from kiosk.store.db import Store


class _ProgressRelay(QObject):
    """Emitted on the worker thread, delivered on the GUI thread (the receiver lives there)."""

    progressed = Signal(object)


#: lines the status keeps room for (a result: totals, what was deleted, a problem or two)
STATUS_LINES = 4


class SendWindow(QDialog):
    #: the sync finished (its SendReport), failed to run (a str), or was cancelled: the words are shown
    send_finished = Signal(object)

    def __init__(self, catalog: Catalog, lang: str, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.catalog, self.lang, self.store = catalog, lang, store
        self.data_root = Path(store.path).parent
        t = self._t
        self.setWindowTitle(t("console.send_title"))
        self.setAccessibleName(t("console.send_title"))
        layout = QVBoxLayout(self)
        self.laptop_key = QLabel()
        self.hub_key = QLabel()
        for label in (self.laptop_key, self.hub_key):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to read out by phone
            layout.addWidget(label)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(t("console.send_table"))
        self.table.setHorizontalHeaderLabels([t("console.send_col_who"), t("console.send_col_study"),
                                              t("console.send_col_state"), t("console.send_col_problem")])
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.retention_box = RetentionBox(catalog, lang, self.data_root)  # kiosk/qt/console/retention_box.py
        layout.addWidget(self.retention_box)

        target_row = QHBoxLayout()
        target_label = QLabel(t("console.send_target"))
        self.target_edit = line_edit(t("console.send_target"), placeholder=False)
        self.target_edit.setPlaceholderText(t("console.send_target_hint"))
        target_label.setBuddy(self.target_edit)
        self.choose_button = button(t("console.send_choose_folder"))
        self.choose_button.clicked.connect(self._on_choose)
        target_row.addWidget(target_label)
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.choose_button)
        layout.addLayout(target_row)
        layout.addLayout(self._ssh_rows())

        action_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(t("console.send_progress_name"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.send_button = button(t("console.send_button"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.start_send)
        self.cancel_button = button(t("console.send_cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_send)
        action_row.addWidget(self.progress, 1)
        action_row.addWidget(self.send_button)
        action_row.addWidget(self.cancel_button)
        layout.addLayout(action_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(t("console.send_status_name"))
        # room for a result of a few lines from the start, so the buttons above never move under a finger
        self.status.setMinimumHeight(STATUS_LINES * self.status.fontMetrics().lineSpacing())
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.status)

        self._relay = _ProgressRelay()
        self._relay.progressed.connect(self._on_progress)
        self._cancel: threading.Event | None = None
        self._job: Job | None = None
        self.resize(1100, 680)
        self.reload()

    def _t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, key, **values)

    def _ssh_rows(self) -> QFormLayout:
        """The server key to pin and the login key to use, for an sftp:// hub (the command line's --host-key
        and --identity): without them a hub over SFTP needed ~/.ssh set up by hand, or a terminal."""
        t = self._t
        form = QFormLayout()
        self.host_key_edit = line_edit(t("console.send_host_key"), placeholder=False)
        self.host_key_edit.setPlaceholderText(t("console.send_host_key_hint"))
        self.login_key_edit = line_edit(t("console.send_login_key"), placeholder=False)
        self.login_key_edit.setPlaceholderText(t("console.send_login_key_hint"))
        self.choose_login_key_button = button(t("console.send_choose_login_key"))
        self.choose_login_key_button.clicked.connect(self._on_choose_login_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.login_key_edit, 1)
        key_row.addWidget(self.choose_login_key_button)
        form.addRow(t("console.send_host_key"), self.host_key_edit)
        form.addRow(t("console.send_login_key"), key_row)
        saved = load_target(self.data_root)  # where the last send went (kiosk/exchange/send_target.py)
        self.target_edit.setText(saved.target)
        self.host_key_edit.setText(saved.host_key)
        self.login_key_edit.setText(saved.login_key)
        return form

    def _on_choose_login_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self._t("console.send_choose_login_key"),
                                              self.login_key_edit.text() or str(Path.home() / ".ssh"))
        if path:
            self.login_key_edit.setText(path)

    def target_options(self) -> TargetOptions:
        host_key, login_key = self.host_key_edit.text().strip(), self.login_key_edit.text().strip()
        return TargetOptions(host_key=host_key or None, key_file=Path(login_key).expanduser() if login_key else None)

    def start_clean(self) -> None:
        """Opened again: an empty bar and no words from the last run, unless a send is still running."""
        if not self.is_sending():
            self.progress.setRange(0, 1000)
            self.progress.setValue(0)
            self.status.clear()

    def reload(self) -> None:
        """The keys, the retention setting and every session's state, read again (on opening, after each send)."""
        t = self._t
        self.retention_box.refresh()
        self.laptop_key.setText(t("console.send_laptop_key", fingerprint=laptop_identity(self.data_root).public.fingerprint))
        try:
            hub = trusted_hub(self.data_root)
        except KeyFileError as exc:
            self.hub_key.setText(explain(exc, self.catalog, self.lang))
        else:
            self.hub_key.setText(t("console.send_hub_trusted", fingerprint=hub.fingerprint) if hub is not None
                                 else t("console.send_no_hub"))
        rows = send_rows(self.store)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            who = row.participant_code if row.kind is BundleKind.SESSION else t("console.send_withdrawal")
            problem = explain(row.problem, self.catalog, self.lang) if row.problem is not None else row.last_error
            cells = (who, row.study_id, t(f"console.send_state_{row.state.value}"), problem)
            for column, text in enumerate(cells):
                self.table.setItem(i, column, QTableWidgetItem(text))

    def state_texts(self) -> list[str]:
        return [item.text() if (item := self.table.item(i, 2)) else "" for i in range(self.table.rowCount())]

    def _on_choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self._t("console.send_choose_folder"), self.target_edit.text())
        if folder:
            self.target_edit.setText(folder)

    def start_send(self) -> None:
        target = self.target_edit.text().strip()
        if not target:
            self.status.setText(self._t("console.send_need_target"))
            self.target_edit.setFocus()
            return
        self.retention_box.refresh()  # what the send will apply is what the box says
        self._cancel = threading.Event()
        self.send_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first report says how much
        self.status.setText(self._t("console.send_connecting", target=target))
        remember = SavedTarget(target, self.host_key_edit.text().strip(), self.login_key_edit.text().strip())
        self._job = Job(send_at, self.store.path, target, self._relay.progressed.emit, self._cancel,
                        self.target_options(), remember)
        self._job.finished.connect(self._on_finished)
        self._job.failed.connect(self._on_failed)
        self._job.start()

    def cancel_send(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self._t("console.send_cancelling"))

    def is_sending(self) -> bool:
        return self._job is not None

    def _on_progress(self, progress: Progress) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(bar_position(progress))
        if progress.bundle and not (self._cancel and self._cancel.is_set()):
            self.status.setText(self._t("console.send_sending", name=progress.bundle,
                                        number=progress.bundles_done + 1, total=progress.bundles_total))

    def _done(self) -> None:
        self._job = None
        self.send_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.reload()

    def _on_finished(self, report: SendReport | ExplainedError) -> None:
        if isinstance(report, ExplainedError):  # the target could not be opened: nothing was tried
            self._on_failed(explain(report, self.catalog, self.lang))
            return
        self._done()
        self.progress.setValue(1 if report.sync.complete else 0)
        self.status.setText(self.result_words(report))
        self.send_finished.emit(report)

    def _on_failed(self, error: str) -> None:
        self._done()
        self.progress.setValue(0)
        self.status.setText(self._t("console.send_could_not_run", reason=error))
        self.send_finished.emit(error)

    def result_words(self, report: SendReport) -> str:
        t = self._t
        sync = report.sync
        count = {outcome: len(sync.names(outcome)) for outcome in Outcome}
        parts = [t("console.send_result", sent=count[Outcome.SENT],
                   already=count[Outcome.ALREADY_THERE], hub_had=len(report.skipped),
                   failed=count[Outcome.FAILED] + count[Outcome.NOT_TRIED] + count[Outcome.CANCELLED],
                   received=len(report.received))]
        if sync.cancelled:
            parts.append(t("console.send_was_cancelled"))
        if sync.stopped_by is not None:
            parts.append(t("console.send_stopped", reason=explain(sync.stopped_by, self.catalog, self.lang)))
        for result in sync.results:
            if result.outcome is Outcome.FAILED and result.error is not None:
                parts.append(t("console.send_bundle_failed", name=result.name,
                               reason=explain(result.error, self.catalog, self.lang)))
        if report.receipts_error is not None:
            parts.append(explain(report.receipts_error, self.catalog, self.lang))
        if report.refused:
            parts.append(self.catalog.plural(self.lang, "console.send_refused", len(report.refused),
                                             reason=report.refused[0].reason))
        if report.no_hub_key:
            parts.append(t("console.send_no_hub"))
        parts += purge_words(self.catalog, self.lang, report.purged)
        if report.retention_problem is not None:
            parts.append(explain(report.retention_problem, self.catalog, self.lang))
        return "\n".join(parts)
