"""The facilitator's voice clips for a plan: every text the participant hears, recorded, replayed or deleted.

The list is the plan's own (kiosk.speech_clips.plan_texts) in the chosen participant language; a clip is
stored under the plan folder by the hash of its exact words, where the participant window finds it.
Opening the microphone, writing the WAV and playing run on Qt's global pool, never on the GUI thread;
a missing microphone or speaker is said plainly on the window's status line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Catalog
from kiosk.i18n.formats import decimal
from kiosk.qt.console.widgets import button
from kiosk.qt.workers import Job
from kiosk.speech import Part, Speaker, SpeechStopped, Utterance, wav_seconds
from kiosk.speech_clips import (
    MAX_SECONDS,
    ClipText,
    NoMicrophone,
    Recorder,
    clip_path,
    delete_clip,
    plan_folder,
    plan_texts,
)
from kiosk.study.model import Study


def _open(recorder: Recorder) -> str | None:
    """On a pool thread: start recording; the plain reason if there is no microphone (None: recording)."""
    try:
        recorder.start()
    except NoMicrophone as exc:
        return str(exc)
    return None


def _play(utterance: Utterance) -> float | None:
    try:
        return utterance.run()
    except SpeechStopped:
        return None


class ClipsWindow(QWidget):
    #: a clip was written (its path) or deleted: the list shows it
    clip_saved = Signal(object)
    clip_deleted = Signal(object)
    #: a clip was played to its end (the utterance: what was played)
    clip_played = Signal(object)
    #: something could not be done: the plain reason, as shown on the status line
    clip_failed = Signal(str)

    def __init__(self, catalog: Catalog, lang: str, study: Study, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog, self.lang, self.study = catalog, lang, study
        self.folder = plan_folder(study)
        self.recorder: Recorder | None = None
        #: the longest clip, in seconds (a test's file microphone is not paced: it sets a short one)
        self.max_seconds = MAX_SECONDS
        self.speaker = Speaker()
        self.texts: list[ClipText] = []
        t = self._t
        self.setWindowTitle(t("speech.clips_title", plan=study.title.get_or_fallback(lang)))
        layout = QVBoxLayout(self)
        intro = QLabel(t("speech.clips_intro"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel(t("speech.clips_language")))
        self.language_box = QComboBox()
        self.language_box.setAccessibleName(t("speech.clips_language"))
        for code in study.languages:
            self.language_box.addItem(catalog.language_name(code, lang), code)
        self.language_box.currentIndexChanged.connect(self.fill)
        row.addWidget(self.language_box)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName(t("speech.clips_title", plan=""))
        self.table.horizontalHeader().setVisible(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._show_buttons)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.record_button = button(t("speech.clip_record"))
        self.stop_button = button(t("speech.clip_stop"))
        self.play_button = button(t("speech.clip_play"))
        self.delete_button = button(t("speech.clip_delete"))
        for widget, slot in ((self.record_button, self.record), (self.stop_button, self.stop),
                             (self.play_button, self.play), (self.delete_button, self.delete)):
            widget.clicked.connect(slot)
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.clip_failed.connect(self.status.setText)
        self.resize(900, 640)
        self.fill()

    def _t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, key, **values)

    # -- the list -------------------------------------------------------------------------------------

    def participant_lang(self) -> str:
        return self.language_box.currentData() or self.study.default_language

    def fill(self) -> None:
        self.texts = plan_texts(self.study, self.participant_lang(), self.catalog)
        self.table.setRowCount(len(self.texts))
        for row, text in enumerate(self.texts):
            self.table.setItem(row, 0, QTableWidgetItem(text.text))
            self.table.setItem(row, 1, QTableWidgetItem(self._state_of(text)))
        self.table.resizeRowsToContents()
        self._show_buttons()

    def clip_of(self, text: ClipText) -> Path | None:
        return clip_path(self.folder, self.participant_lang(), text.text) if self.folder is not None else None

    def _state_of(self, text: ClipText) -> str:
        path = self.clip_of(text)
        if path is None or not path.is_file():
            return self._t("speech.clip_none")
        return self._t("speech.clip_recorded", seconds=decimal(self.lang, wav_seconds(path), 1))

    def selected(self) -> ClipText | None:
        rows = self.table.selectionModel().selectedRows()
        return self.texts[rows[0].row()] if rows else None

    def select(self, text: str) -> None:
        self.table.selectRow(next(i for i, t in enumerate(self.texts) if t.text == text))

    def _show_buttons(self) -> None:
        chosen = self.selected()
        path = self.clip_of(chosen) if chosen is not None else None
        recording = self.recorder is not None
        self.record_button.setEnabled(chosen is not None and path is not None and not recording)
        self.stop_button.setEnabled(recording or self.speaker.speaking())
        self.play_button.setEnabled(path is not None and path.is_file() and not recording)
        self.delete_button.setEnabled(path is not None and path.is_file() and not recording)
        self.language_box.setEnabled(not recording)

    def _refresh_row(self) -> None:
        for row, text in enumerate(self.texts):
            self.table.setItem(row, 1, QTableWidgetItem(self._state_of(text)))
        self._show_buttons()

    # -- record, stop, play, delete --------------------------------------------------------------------

    def record(self) -> None:
        chosen = self.selected()
        path = self.clip_of(chosen) if chosen is not None else None
        if path is None or self.recorder is not None:
            return
        self.speaker.stop()
        recorder = Recorder(path, max_seconds=self.max_seconds)
        self.recorder = recorder
        self._show_buttons()
        self.status.setText(self._t("speech.clip_recording"))
        job = Job(_open, recorder)
        job.finished.connect(lambda missing: self._recording_failed(recorder, missing, True) if missing else None)
        job.failed.connect(lambda detail: self._recording_failed(recorder, detail))
        job.start(QThreadPool.globalInstance())

    def _recording_failed(self, recorder: Recorder, detail: str, no_microphone: bool = False) -> None:
        if self.recorder is recorder:
            self.recorder = None
        self.clip_failed.emit(self._t("speech.no_microphone") if no_microphone else
                              self._t("speech.clip_failed", detail=detail))
        self._show_buttons()

    def stop(self) -> None:
        recorder, self.recorder = self.recorder, None
        if recorder is None:
            self.speaker.stop()
            self._show_buttons()
            return
        job = Job(recorder.stop)
        job.finished.connect(lambda _seconds: self._recorded(recorder.out))
        job.failed.connect(lambda detail: self._recording_failed(recorder, detail))
        job.start(QThreadPool.globalInstance())
        self._show_buttons()

    def _recorded(self, path: Path) -> None:
        self.status.setText("")
        self._refresh_row()
        self.clip_saved.emit(path)

    def play(self) -> None:
        chosen = self.selected()
        path = self.clip_of(chosen) if chosen is not None else None
        if chosen is None or path is None or not path.is_file():
            return
        utterance = self.speaker.utterance([Part(chosen.text, path)], self.participant_lang())
        job = Job(_play, utterance)
        job.finished.connect(lambda seconds: self._played(utterance, seconds is not None))
        job.failed.connect(lambda detail: self._play_failed(utterance, detail))
        job.start(QThreadPool.globalInstance())
        self._show_buttons()

    def _played(self, utterance: Utterance, to_the_end: bool = False) -> None:
        if self.speaker.current is utterance:
            self.speaker.current = None
        self._show_buttons()
        if to_the_end:
            self.clip_played.emit(utterance)

    def _play_failed(self, utterance: Utterance, detail: str) -> None:
        self._played(utterance)
        self.clip_failed.emit(self._t("speech.play_failed", detail=detail))

    def delete(self) -> None:
        chosen = self.selected()
        path = self.clip_of(chosen) if chosen is not None else None
        if path is None or self.recorder is not None:
            return
        self.speaker.stop()
        delete_clip(path)
        self._refresh_row()
        self.clip_deleted.emit(path)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Closing while recording keeps what was said (as Stop would); playing stops."""
        if self.recorder is not None:
            self.stop()
        self.speaker.stop()
        super().closeEvent(event)


def open_clips_window(page) -> ClipsWindow | None:
    """From the start page: the clips of the plan chosen there (one window per plan, kept while open)."""
    study = page.current_study()
    if study is None:
        return None
    windows: dict[str, ClipsWindow] = page.__dict__.setdefault("clips_windows", {})
    window = windows.get(study.id)
    if window is None:
        window = windows[study.id] = ClipsWindow(page.catalog, page.lang, study)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
