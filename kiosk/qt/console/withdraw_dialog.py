"""Withdraw a participant later, by study and code: stop and keep what was recorded, or delete everything.

The study is part of the question because codes repeat across studies; deleting asks once more
(see ``ConfirmDialog``), with keeping the data as the first and default answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QRadioButton,
                               QVBoxLayout, QWidget)

from kiosk.i18n import Catalog
from kiosk.qt.console.dialogs import translate_buttons
from kiosk.qt.console.widgets import line_edit
from kiosk.session.console_rules import WithdrawMode


class WithdrawDialog(QDialog):
    def __init__(self, catalog: Catalog, lang: str, parent: QWidget | None = None,
                 studies: Sequence[tuple[str, str]] = (), study_id: str = "", code: str = "") -> None:
        """``studies`` are (id, title) pairs: every study on offer and every study with sessions."""
        super().__init__(parent)

        def t(key: str) -> str:
            return catalog.text(lang, key)

        self.setWindowTitle(t("console.withdraw_title"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        hint = QLabel(t("console_flow.withdraw_pick"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        self.study_box = QComboBox()
        self.study_box.setAccessibleName(t("console_flow.withdraw_study"))
        for sid, title in studies:
            self.study_box.addItem(f"{title}  ({sid})" if title and title != sid else sid, sid)
        index = self.study_box.findData(study_id)
        self.study_box.setCurrentIndex(max(index, 0))
        form.addRow(t("console_flow.withdraw_study"), self.study_box)
        self.code_edit = line_edit(t("console.withdraw_code"), placeholder=False)
        self.code_edit.setText(code)
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
        translate_buttons(buttons, catalog, lang)
        self.confirm = buttons.addButton(t("console.withdraw_confirm"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setAccessibleName(t("console.withdraw_confirm"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def mode(self) -> WithdrawMode:
        return WithdrawMode.DELETE if self.delete.isChecked() else WithdrawMode.KEEP

    @property
    def study_id(self) -> str:
        return str(self.study_box.currentData() or "")

    @property
    def study_title(self) -> str:
        return self.study_box.currentText()
