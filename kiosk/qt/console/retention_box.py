"""The Send window's retention box: how long media (recordings) stay on this laptop after the hub confirms them.

The words say plainly that recordings are deleted from this laptop; the check box and the number of days save
the setting at once (a small private file, ``kiosk.exchange.retention``), nothing more is asked: no media go
until a later send reads the hub's receipt, and the hub keeps its copy. The purge itself runs in the send.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout

from kiosk.exchange.retention import MAX_DAYS, Retention, RetentionError, load_retention, save_retention
from kiosk.exchange.retention_words import setting_words
from kiosk.i18n import Catalog
from kiosk.qt.explain import explain

#: the days offered when a facilitator first ticks the box
DEFAULT_DAYS = 30


class RetentionBox(QGroupBox):
    #: the setting was saved (the new Retention)
    retention_changed = Signal(object)

    def __init__(self, catalog: Catalog, lang: str, data_root: Path, parent=None) -> None:
        super().__init__(catalog.text(lang, "console.send_retention_group"), parent)
        self.catalog, self.lang, self.data_root = catalog, lang, Path(data_root)
        self.problem = ""
        t = lambda key, **values: catalog.text(lang, key, **values)  # noqa: E731
        self.setAccessibleName(t("console.send_retention_group"))
        layout = QVBoxLayout(self)
        self.words = QLabel()
        self.words.setWordWrap(True)
        layout.addWidget(self.words)
        row = QHBoxLayout()
        self.remove_check = QCheckBox(t("console.send_retention_remove"))
        self.remove_check.setAccessibleName(t("console.send_retention_remove"))
        self.days_label = QLabel(t("console.send_retention_days"))
        self.days_box = QSpinBox()
        self.days_box.setRange(0, MAX_DAYS)
        self.days_box.setValue(DEFAULT_DAYS)
        self.days_box.setKeyboardTracking(False)  # typing "30" saves 30, not 3 on the way
        self.days_box.setAccessibleName(t("console.send_retention_days"))
        self.days_label.setBuddy(self.days_box)
        row.addWidget(self.remove_check, 1)
        row.addWidget(self.days_label)
        row.addWidget(self.days_box)
        layout.addLayout(row)
        self._show(self._loaded())
        self.remove_check.toggled.connect(self._on_changed)
        self.days_box.valueChanged.connect(self._on_changed)

    def refresh(self) -> None:
        """Read the setting again: ``ux-kiosk retention`` may have changed it meanwhile (or damaged it)."""
        self.problem = ""
        self._show(self._loaded())

    def _loaded(self) -> Retention | None:
        """The saved setting, or None when the file is damaged (its words are shown; ticking saves anew)."""
        try:
            return load_retention(self.data_root)
        except RetentionError as exc:
            self.problem = explain(exc, self.catalog, self.lang)
            return None

    def _show(self, retention: Retention | None) -> None:
        for widget in (self.remove_check, self.days_box):
            widget.blockSignals(True)
        if retention is None:
            self.words.setText(self.problem)
            self.remove_check.setChecked(False)
        else:
            self.words.setText(setting_words(self.catalog, self.lang, retention))
            self.remove_check.setChecked(retention.media_days is not None)
            if retention.media_days is not None:
                self.days_box.setValue(retention.media_days)
        self.days_box.setEnabled(self.remove_check.isChecked())
        self.days_label.setEnabled(self.remove_check.isChecked())
        for widget in (self.remove_check, self.days_box):
            widget.blockSignals(False)

    def retention(self) -> Retention:
        return Retention(self.days_box.value() if self.remove_check.isChecked() else None)

    def _on_changed(self, *_: object) -> None:
        chosen = self.retention()
        try:
            save_retention(self.data_root, chosen)
        except OSError as exc:
            self._show(self._loaded())  # the boxes show what is really in force
            self.words.setText(self.catalog.text(self.lang, "console.send_retention_not_saved",
                                                 reason=exc.strerror or str(exc)))
            return
        self._show(chosen)
        self.retention_changed.emit(chosen)
