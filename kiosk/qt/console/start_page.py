"""Start page: choose a study, enter or generate a participant code, pick the mode; list and resume sessions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from kiosk.i18n import Catalog
from kiosk.qt.console.widgets import button, line_edit
from kiosk.qt.console.withdraw_dialog import WithdrawDialog
from kiosk.session.codes import generate_code
from kiosk.session.engine import Mode
from kiosk.store.db import Store
from kiosk.store.records import SessionRecord, SessionStatus
from kiosk.study.model import Study


class StartPage(QWidget):
    start_requested = Signal(object, str, int, str, str, str)  # Study, code, number, mode, facilitator, guardian
    resume_requested = Signal(str)  # session id
    study_report_requested = Signal(str)  # study id
    session_report_requested = Signal(str)  # session id
    withdraw_requested = Signal(str, str, str, str)  # study id, participant code, "keep" or "delete", reason

    def __init__(self, catalog: Catalog, lang: str, store: Store, studies: list[Study],
                 plan_warnings: list[str]) -> None:
        super().__init__()
        self.catalog, self.lang, self.store, self.studies = catalog, lang, store, studies
        t = self._t
        layout = QVBoxLayout(self)

        self.resume_banner = QWidget()
        banner_layout = QHBoxLayout(self.resume_banner)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.resume_banner_button = button(t("console.resume_session"))
        self.resume_banner_button.clicked.connect(self._on_resume_banner)
        banner_layout.addWidget(self.resume_label, 1)
        banner_layout.addWidget(self.resume_banner_button)
        self.resume_banner.setStyleSheet("background: #FFF4CC; color: #111;")
        layout.addWidget(self.resume_banner)

        for warning in plan_warnings:
            label = QLabel(warning)
            label.setWordWrap(True)
            label.setStyleSheet("color: #8A1010;")
            layout.addWidget(label)

        form_box = QGroupBox(t("console.new_session"))
        form = QFormLayout(form_box)
        self.study_box = QComboBox()
        self.study_box.setAccessibleName(t("console.study"))
        for study in studies:
            self.study_box.addItem(f"{study.title.get_or_fallback(lang)}  ({study.id} v{study.version})", study.id)
        self.study_box.currentIndexChanged.connect(self._on_study_changed)
        form.addRow(t("console.study"), self.study_box)
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
        self.reload()

    def _t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, key, **values)

    def current_study(self) -> Study | None:
        index = self.study_box.currentIndex()
        return self.studies[index] if 0 <= index < len(self.studies) else None

    def reload(self) -> None:
        """Refresh the sessions list, the suggested participant number and the resume banner."""
        self._records = self.store.sessions()
        self.table.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            values = [record.participant_code, record.study_id, self._t(f"state.{record.status.value}"),
                      self._t(f"step.{record.step}"), record.created_utc[:16].replace("T", " ")]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self._on_study_changed()
        self._on_selection()
        interrupted = [r for r in self._records if r.status is SessionStatus.IN_PROGRESS]
        self.resume_banner.setVisible(bool(interrupted))
        if interrupted:
            latest = interrupted[0]
            self._banner_session = latest.id
            self.resume_label.setText(self._t("console.resume_offer", code=latest.participant_code,
                                              step=self._t(f"step.{latest.step}")))

    def _on_study_changed(self) -> None:
        study = self.current_study()
        if study is not None:
            self.number_box.setValue(self.store.next_participant_number(study.id))
        if hasattr(self, "study_report_button"):
            self._on_selection()

    def _on_generate(self) -> None:
        study = self.current_study()
        taken = {r.participant_code for r in self._records if study is None or r.study_id == study.id}
        self.code_edit.setText(generate_code(taken, study.participant_code_pattern) if study else generate_code(taken))

    def _on_start(self) -> None:
        study = self.current_study()
        if study is None:
            return
        mode = Mode.TWO_SCREENS if self.two_screens.isChecked() else Mode.ONE_SCREEN
        self.error_label.clear()
        if not self.facilitator_edit.text().strip():
            self.show_error(self._t("console.facilitator_missing"))
            return
        if self.minor_box.isChecked() and not self.guardian_edit.text().strip():
            self.show_error(self._t("console.guardian_prompt"))
            return
        guardian = self.guardian_edit.text().strip() if self.minor_box.isChecked() else ""
        self.start_requested.emit(study, self.code_edit.text(), self.number_box.value(), mode,
                                  self.facilitator_edit.text().strip(), guardian)

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
        if study is None:
            return
        dialog = self.make_withdraw_dialog()
        record = self._selected_record()
        if record is not None:
            dialog.code_edit.setText(record.participant_code)
        if dialog.exec():
            self.withdraw_requested.emit(study.id, dialog.code_edit.text().strip().upper(), dialog.mode,
                                         dialog.reason_edit.text())

    def make_withdraw_dialog(self) -> WithdrawDialog:
        return WithdrawDialog(self.catalog, self.lang, self)

    def show_status(self, text: str, path: str | None = None) -> None:
        self.report_status.setText(text)
        self.open_report_button.setVisible(path is not None)
        self.open_report_button.setProperty("path", path)

    def _on_resume_selected(self) -> None:
        record = self._selected_record()
        if record is not None and record.status is SessionStatus.IN_PROGRESS:
            self.resume_requested.emit(record.id)

    def _on_resume_banner(self) -> None:
        self.resume_requested.emit(self._banner_session)
