"""Withdraw a participant later, by code: stop and keep what was recorded, or delete everything."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QRadioButton, QVBoxLayout, QWidget

from kiosk.i18n import Catalog
from kiosk.qt.console.widgets import line_edit


class WithdrawDialog(QDialog):
    def __init__(self, catalog: Catalog, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        def t(key: str) -> str:
            return catalog.text(lang, key)

        self.setWindowTitle(t("console.withdraw_title"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.code_edit = line_edit(t("console.withdraw_code"), placeholder=False)
        form.addRow(t("console.withdraw_code"), self.code_edit)
        self.keep = QRadioButton(t("console.withdraw_keep"))
        self.delete = QRadioButton(t("console.withdraw_delete"))
        self.keep.setAccessibleName(t("console.withdraw_keep"))
        self.delete.setAccessibleName(t("console.withdraw_delete"))
        self.keep.setChecked(True)
        form.addRow(self.keep)
        form.addRow(self.delete)
        self.reason_edit = line_edit(t("console.withdraw_reason"), placeholder=False)
        form.addRow(t("console.withdraw_reason"), self.reason_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = buttons.addButton(t("console.withdraw_confirm"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setAccessibleName(t("console.withdraw_confirm"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def mode(self) -> str:
        return "delete" if self.delete.isChecked() else "keep"
