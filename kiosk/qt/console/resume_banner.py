"""The interrupted sessions above the start page's form: one row and one Resume button each, newest first.

Built the first time a session is found interrupted (most starts have none): its scroll area and style sheet
are not on the console's way to its first paint (issue 8).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.qt.console.widgets import button
from kiosk.qt.slots import bind
from kiosk.store.session_record import SessionRecord


class ResumeBanner(QScrollArea):
    def __init__(self, text: Callable[..., str], local_time: Callable[[str], str],
                 resume: Callable[[str], object]) -> None:
        """``text(key, **values)`` words a catalog message; ``resume(session_id)`` is called by a row's button."""
        super().__init__()
        self._text, self._local_time, self._resume = text, local_time, resume
        self.setWidgetResizable(True)
        self.setMaximumHeight(150)
        self.setStyleSheet("background: #FFF4CC; color: #111;")
        rows = QWidget()
        self._rows = QVBoxLayout(rows)
        self._rows.setContentsMargins(6, 4, 6, 4)
        self.setWidget(rows)
        #: session id → its Resume button and its line, newest first
        self.buttons: dict[str, QPushButton] = {}
        self.labels: dict[str, QLabel] = {}
        self.hide()

    def show_sessions(self, records: list[SessionRecord]) -> None:
        """Every interrupted session gets its own row: none is hidden behind another. None: the banner hides."""
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons.clear()
        self.labels.clear()
        self.setVisible(bool(records))
        if not records:
            return
        heading = QLabel(self._text("console_flow.resume_heading"))
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        self._rows.addWidget(heading)
        for record in records:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            label = QLabel(self._text("console_flow.resume_row", code=record.participant_code,
                                      study=record.study_id, step=self._text(f"step.{record.step}"),
                                      started=self._local_time(record.created_utc)))
            label.setWordWrap(True)
            resume = button(self._text("console_flow.resume_code", code=record.participant_code))
            resume.clicked.connect(bind(self._resume, record.id))
            row.addWidget(label, 1)
            row.addWidget(resume)
            self._rows.addWidget(line)
            self.buttons[record.id] = resume
            self.labels[record.id] = label
