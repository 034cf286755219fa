"""Start page: choose a study, enter or generate a participant code, pick the mode; list and resume sessions.

The form forgets the previous participant as soon as their session starts (``reset_form``): a stale
under-18 tick once made the next adult's consent ask for a parent. The app shows the page before the
study plans are parsed (``studies=None``; issue 8) and hands them over with ``set_studies``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QRadioButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kiosk.i18n import Catalog
from kiosk.qt.console.aids_group import AidsGroup
from kiosk.i18n.formats import local_datetime
from kiosk.qt.explain import explain
from kiosk.qt.console.prototype_entry import PrototypeEntry
from kiosk.qt.console.widgets import button, line_edit, review_note
from kiosk.qt.slots import bind
from kiosk.session.codes import InvalidParticipantCode, generate_code
from kiosk.session.console_rules import StartForm, WithdrawMode, interrupted_sessions, withdraw_code, withdraw_target
from kiosk.session.mode import Mode
from kiosk.store.db import Store
from kiosk.store.session_record import SessionRecord, SessionStatus

if TYPE_CHECKING:
    from kiosk.qt.console.resume_banner import ResumeBanner
    from kiosk.qt.console.send_page import SendWindow
    from kiosk.qt.console.withdraw_dialog import WithdrawDialog
    from kiosk.study.model import Study


class StartPage(QWidget):
    #: Study, code, number, mode, facilitator, guardian, AccessSettings
    start_requested = Signal(object, str, int, str, str, str, object)
    resume_requested = Signal(str)  # session id
    study_report_requested = Signal(str)  # study id
    session_report_requested = Signal(str)  # session id
    withdraw_requested = Signal(str, str, str, str)  # study id, participant code, "keep" or "delete", reason

    def __init__(self, catalog: Catalog, lang: str, store: Store, studies: list[Study] | None,
                 plan_warnings: list[str]) -> None:
        """``studies=None``: the plans are still being read; nothing can start until ``set_studies``."""
        super().__init__()
        self.catalog, self.lang, self.store = catalog, lang, store
        self.studies: list[Study] = []
        t = self._t
        layout = QVBoxLayout(self)
        self._page_layout = layout

        self._resume_banner: ResumeBanner | None = None  # built when a session is first interrupted
        self.open_session_id: str | None = None  # the session on the console now is not "interrupted"

        self.warnings_layout = QVBoxLayout()
        self.warnings_layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.warnings_layout)

        form_box = QGroupBox(t("console.new_session"))
        form = QFormLayout(form_box)
        self.study_box = QComboBox()
        self.study_box.setAccessibleName(t("console.study"))
        self.study_box.setPlaceholderText(catalog.text(lang, "console.loading_studies"))  # while the plans are read
        self.study_box.currentIndexChanged.connect(self._on_study_changed)
        form.addRow(t("console.study"), self.study_box)
        self.prototype_entry = PrototypeEntry(self, self)  # the hotspot editor, for a plan with a prototype
        self.edit_prototype_button = self.prototype_entry.button
        entry_row = QHBoxLayout()  # a side way, not the page's main action: as wide as its words
        entry_row.addWidget(self.edit_prototype_button)
        self.clips_button = button(t("speech.clips_button"))  # the facilitator's own voice for the plan's texts
        self.clips_button.clicked.connect(self.open_clips_window)
        entry_row.addWidget(self.clips_button)
        entry_row.addStretch(1)
        form.addRow("", entry_row)
        self.consent_review_note = review_note()  # told before the device is handed over
        form.addRow(self.consent_review_note)
        self.facilitator_edit = line_edit(t("console.facilitator"), placeholder=False)
        form.addRow(t("console.facilitator"), self.facilitator_edit)
        code_row = QHBoxLayout()
        self.code_edit = line_edit(t("console.participant_code"), placeholder=False)
        self.code_edit.setPlaceholderText(t("console.participant_code_hint"))
        self.code_edit.returnPressed.connect(self._on_start)
        self.generate_button = button(t("console.generate_code"))
        self.generate_button.clicked.connect(self._on_generate)
        code_row.addWidget(self.code_edit, 1)
        code_row.addWidget(self.generate_button)
        form.addRow(t("console.participant_code"), code_row)
        self.number_box = QSpinBox()
        self.number_box.setRange(1, 100000)
        self.number_box.setAccessibleName(t("console.participant_number"))
        form.addRow(t("console.participant_number"), self.number_box)
        self.minor_box = QCheckBox(t("console.minor"))
        self.minor_box.setAccessibleName(t("console.minor"))
        self.guardian_edit = line_edit(t("console.guardian_prompt"))
        self.guardian_edit.setEnabled(False)
        self.minor_box.toggled.connect(self.guardian_edit.setEnabled)
        minor_row = QHBoxLayout()
        minor_row.addWidget(self.minor_box)
        minor_row.addWidget(self.guardian_edit, 1)
        form.addRow("", minor_row)
        self.one_screen = QRadioButton(t("console.mode_one_screen"))
        self.two_screens = QRadioButton(t("console.mode_two_screens"))
        self.one_screen.setAccessibleName(t("console.mode_one_screen"))
        self.two_screens.setAccessibleName(t("console.mode_two_screens"))
        self.one_screen.setChecked(True)
        mode_row = QVBoxLayout()
        mode_row.addWidget(self.one_screen)
        mode_row.addWidget(self.two_screens)
        form.addRow(t("console.mode"), mode_row)
        self.aids = AidsGroup(catalog, lang)  # text size, reading aloud, pictures: this participant's
        form.addRow(self.aids)
        self.start_button = button(t("console.start_session"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start)
        form.addRow(self.start_button)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #8A1010;")
        form.addRow(self.error_label)
        layout.addWidget(form_box)

        sessions_box = QGroupBox(t("console.sessions"))
        sessions_layout = QVBoxLayout(sessions_box)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(t("console.sessions"))
        self.table.setHorizontalHeaderLabels([t("console.col_code"), t("console.col_study"), t("console.col_state"),
                                              t("console.col_step"), t("console.col_started")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _: self._on_resume_selected())
        sessions_layout.addWidget(self.table)
        self.resume_button = button(t("console.resume_session"))
        self.resume_button.clicked.connect(self._on_resume_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.resume_button, 2)
        self.session_report_button = button(t("console.session_report"))
        self.session_report_button.clicked.connect(self._on_session_report)
        self.study_report_button = button(t("console.study_report"))
        self.study_report_button.clicked.connect(self._on_study_report)
        buttons.addWidget(self.session_report_button, 1)
        buttons.addWidget(self.study_report_button, 1)
        self.withdraw_button = button(t("console.withdraw"))
        self.withdraw_button.clicked.connect(self._on_withdraw)
        buttons.addWidget(self.withdraw_button, 1)
        self.send_button = button(t("console.send_open"))  # issue 11: sessions to the hub
        self.send_button.clicked.connect(self.open_send_window)
        buttons.addWidget(self.send_button, 1)
        sessions_layout.addLayout(buttons)
        report_row = QHBoxLayout()
        self.report_status = QLabel()
        self.report_status.setWordWrap(True)
        self.open_report_button = button(t("console.open_report"))
        self.open_report_button.hide()
        report_row.addWidget(self.report_status, 1)
        report_row.addWidget(self.open_report_button)
        sessions_layout.addLayout(report_row)
        layout.addWidget(sessions_box, 1)
        self._records: list[SessionRecord] = []
        self.send_window: SendWindow | None = None  # built on first use
        self.reload()
        self._show_studies_ready(False)
        if studies is not None:
            self.set_studies(studies, plan_warnings)

    def open_send_window(self) -> None:
        """The Send to hub window, one per console, kept while it is open (a sync may be running in it)."""
        from kiosk.qt.console.send_page import SendWindow

        if self.send_window is None:
            self.send_window = SendWindow(self.catalog, self.lang, self.store, self)
        elif not self.send_window.isVisible():
            self.send_window.start_clean()  # yesterday's result is not this visit's
        self.send_window.reload()
        self.send_window.show()
        self.send_window.raise_()
        self.send_window.activateWindow()

    def open_clips_window(self) -> None:
        from kiosk.qt.console.clips_window import open_clips_window

        open_clips_window(self)

    def set_studies(self, studies: list[Study], plan_warnings: list[str]) -> None:
        """The plans on offer, once read; a plan that could not be read is a warning on the page."""
        while (item := self.warnings_layout.takeAt(0)) is not None:
            if (old := item.widget()) is not None:
                old.deleteLater()
        self.study_box.clear()
        for warning in plan_warnings:
            label = QLabel(warning)
            label.setWordWrap(True)
            label.setStyleSheet("color: #8A1010;")
            self.warnings_layout.addWidget(label)
        self.studies = list(studies)
        for study in self.studies:
            self.study_box.addItem(f"{study.title.get_or_fallback(self.lang)}  ({study.id} v{study.version})",
                                   study.id)
        self.study_box.setCurrentIndex(0 if self.studies else -1)  # with a placeholder, nothing is chosen by itself
        if not self.studies:  # every plan failed (its reason is above the form): nothing is loading any more
            self.study_box.setPlaceholderText(self._t("console.no_studies"))
        self._show_studies_ready(bool(self.studies))
        self._on_study_changed()

    def on_studies_loaded(self, loaded: tuple[list[Study], list[str]]) -> None:
        """The worker read the plans: ``(studies, warnings)``."""
        self.set_studies(*loaded)

    def on_studies_failed(self, error: str) -> None:
        """Not a plan problem (those are warnings): say it, rather than wait for studies that never come."""
        self.set_studies([], [error])

    def _show_studies_ready(self, ready: bool) -> None:
        for widget in (self.study_box, self.start_button, self.generate_button):
            widget.setEnabled(ready)

    def plan_warnings_text(self) -> str:
        """Every plan warning shown on the page, one a line."""
        items = (self.warnings_layout.itemAt(i) for i in range(self.warnings_layout.count()))
        labels = (item.widget() for item in items if item is not None)
        return "\n".join(label.text() for label in labels if isinstance(label, QLabel))

    def _t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, key, **values)

    def _local_time(self, utc: str) -> str:
        """A stored UTC time stamp as the facilitator reads clocks: local time, in the console's language."""
        return local_datetime(self.lang, datetime.fromisoformat(utc))

    def current_study(self) -> Study | None:
        index = self.study_box.currentIndex()
        return self.studies[index] if 0 <= index < len(self.studies) else None

    def reload(self) -> None:
        """Refresh the sessions list, the suggested participant number and the resume banner."""
        selected = self._selected_record()
        self._records = self.store.sessions()
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            values = [record.participant_code, record.study_id, self._t(f"state.{record.status.value}"),
                      self._t(f"step.{record.step}"), self._local_time(record.created_utc)]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setCurrentIndex(QModelIndex())
        self.table.clearSelection()  # rows removed under the selection must not hand it to someone else
        if selected is not None:  # the same session stays selected; a deleted one leaves no selection
            selected_row = next((i for i, r in enumerate(self._records) if r.id == selected.id), None)
            if selected_row is not None:
                self.table.selectRow(selected_row)
        self._on_study_changed()
        self._on_selection()
        self._fill_resume_rows(interrupted_sessions(self._records, self.open_session_id))

    @property
    def resume_banner(self) -> ResumeBanner:
        """The interrupted sessions, above the form; built on first use, as most starts have none (issue 8)."""
        if self._resume_banner is None:
            from kiosk.qt.console.resume_banner import ResumeBanner

            self._resume_banner = ResumeBanner(self._t, self._local_time, self.resume_requested.emit)
            self._page_layout.insertWidget(0, self._resume_banner)
        return self._resume_banner

    def _fill_resume_rows(self, records: list[SessionRecord]) -> None:
        if records or self._resume_banner is not None:
            self.resume_banner.show_sessions(records)

    @property
    def resume_buttons(self) -> dict[str, QPushButton]:
        return self._resume_banner.buttons if self._resume_banner is not None else {}

    @property
    def resume_labels(self) -> dict[str, QLabel]:
        return self._resume_banner.labels if self._resume_banner is not None else {}

    def resume_sessions(self) -> list[str]:
        """Ids of the sessions offered for Resume, newest first."""
        return list(self.resume_buttons)

    @property
    def resume_label(self) -> QLabel:
        """The newest interrupted session's line."""
        return next(iter(self.resume_labels.values()))

    @property
    def resume_banner_button(self) -> QPushButton:
        return next(iter(self.resume_buttons.values()))

    def reset_form(self) -> None:
        """Forget the previous participant: code, guardian, under-18 and mode. The facilitator's code stays,
        selected, so typing replaces it instead of appending to it."""
        self.code_edit.clear()
        self.guardian_edit.clear()
        self.minor_box.setChecked(False)
        self.one_screen.setChecked(True)
        self.aids.reset()
        self.error_label.clear()
        self.facilitator_edit.selectAll()
        self.code_edit.setFocus()

    def _on_study_changed(self) -> None:
        study = self.current_study()
        if study is not None:
            self.number_box.setValue(self.store.next_participant_number(study.id))
        unreviewed = study.consent.unreviewed_languages if study is not None else ()
        self.consent_review_note.setText(self._t("console.consent_unreviewed", language=", ".join(
            self.catalog.language_name(lang, in_lang=self.lang, in_sentence=True) for lang in unreviewed)) if unreviewed else "")
        self.consent_review_note.setVisible(bool(unreviewed))
        self.prototype_entry.update(study)
        if hasattr(self, "study_report_button"):
            self._on_selection()

    def _on_generate(self) -> None:
        study = self.current_study()
        taken = {r.participant_code for r in self._records if study is None or r.study_id == study.id}
        self.code_edit.setText(generate_code(taken, study.participant_code_pattern) if study else generate_code(taken))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Enter starts from a focused check box or radio button too (they ignore it; a text field already
        starts on its own returnPressed): the README's "or Enter" did nothing after ticking an aid."""
        from PySide6.QtCore import Qt  # not at import: it builds every Qt-wide enum, which the start avoids

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                isinstance(self.focusWidget(), (QCheckBox, QRadioButton)):
            self._on_start()
            return
        super().keyPressEvent(event)

    def _on_start(self) -> None:
        study = self.current_study()
        if study is None:
            return
        mode = Mode.TWO_SCREENS if self.two_screens.isChecked() else Mode.ONE_SCREEN
        self.error_label.clear()
        form = StartForm(self.facilitator_edit.text(), self.code_edit.text(), self.minor_box.isChecked(),
                         self.guardian_edit.text())
        problem = form.problem()
        if problem is not None:
            self.show_error(self._t(problem))
            return
        self.start_requested.emit(study, self.code_edit.text(), self.number_box.value(), mode,
                                  form.facilitator.strip(), form.guardian_to_record, self.aids.settings())

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)

    def _selected_record(self) -> SessionRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self._records[rows[0].row()] if rows else None

    def _on_selection(self) -> None:
        record = self._selected_record()
        self.resume_button.setEnabled(record is not None and record.status is SessionStatus.IN_PROGRESS)
        self.session_report_button.setEnabled(record is not None)
        study = self.current_study()
        self.study_report_button.setEnabled(study is not None and any(r.study_id == study.id for r in self._records))

    def _on_study_report(self) -> None:
        study = self.current_study()
        if study is not None:
            self.study_report_requested.emit(study.id)

    def _on_session_report(self) -> None:
        record = self._selected_record()
        if record is not None:
            self.session_report_requested.emit(record.id)

    def _on_withdraw(self) -> None:
        study = self.current_study()
        study_id, code = withdraw_target(self._selected_record(), study.id if study is not None else "")
        dialog = self.make_withdraw_dialog(study_id, code)
        dialog.accepted.connect(bind(self._on_withdraw_chosen, dialog))
        dialog.open()

    def make_withdraw_dialog(self, study_id: str = "", code: str = "") -> WithdrawDialog:
        from kiosk.qt.console.withdraw_dialog import WithdrawDialog  # built when asked for, not with the page

        titles = {s.id: s.title.get_or_fallback(self.lang) for s in self.studies}
        for record in self._records:
            titles.setdefault(record.study_id, record.study_id)
        return WithdrawDialog(self.catalog, self.lang, self, list(titles.items()), study_id, code)

    def _on_withdraw_chosen(self, dialog: WithdrawDialog) -> None:
        from kiosk.qt.console.dialogs import confirm  # the dialogs load when asked for, not with the page

        try:
            code = withdraw_code(dialog.code_edit.text())
        except InvalidParticipantCode as exc:
            self.show_status(explain(exc, self.catalog, self.lang))
            return
        study_id, mode, reason = dialog.study_id, dialog.mode, dialog.reason_edit.text().strip()
        if mode is WithdrawMode.KEEP:
            self.withdraw_requested.emit(study_id, code, mode.value, reason)
            return
        confirm(self, self._t("console_flow.delete_title"),
                self._t("console_flow.delete_text", code=code, study=dialog.study_title),
                self._t("console_flow.keep_data"), self._t("console_flow.delete_forever"),
                bind(self.withdraw_requested.emit, study_id, code, mode.value, reason), destructive=True)

    def show_status(self, text: str, path: str | None = None) -> None:
        self.report_status.setText(text)
        self.open_report_button.setVisible(path is not None)
        self.open_report_button.setProperty("path", path)

    def _on_resume_selected(self) -> None:
        record = self._selected_record()
        if record is not None and record.status is SessionStatus.IN_PROGRESS:
            self.resume_requested.emit(record.id)
