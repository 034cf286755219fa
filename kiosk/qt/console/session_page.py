"""Session page: the current step and what comes next, task controls with shortcuts, notes, timeline.

A help call takes over the status line and shows a banner until the facilitator acknowledges it; ending,
skipping or leaving a running session each ask first, with their own reason field (never the note field).
"""

from __future__ import annotations

from collections.abc import Callable

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from kiosk.i18n import Catalog
from kiosk.qt.bridge import SessionBridge, bind
from kiosk.qt.console.aids_group import SessionTextSize
from kiosk.qt.console.dialogs import confirm
from kiosk.qt.console.help_alert import ACKNOWLEDGE_KEY, HelpBanner
from kiosk.qt.console.prototype_mirror import PrototypeMirror
from kiosk.qt.console.following_list import FollowingList
from kiosk.qt.console.widgets import field_row, line_edit, review_note
from kiosk.qt.console.widgets import button as make_button
from kiosk.session.console_rules import contact_wanted
from kiosk.session.describe import describe_event
from kiosk.session.events import EventKind, NoteTag
from kiosk.session.taps import TapGuard
from kiosk.session.flow import Outcome, Step
from kiosk.store.records import EventRecord, SessionStatus
from kiosk.study.labels import facilitator_text

MESSAGE_TONES = {"error": "color: #8A1010; font-weight: bold;", "ok": "color: #0B5D1E; font-weight: bold;"}

OUTCOME_KEYS = {Outcome.SUCCESS: "Ctrl+1", Outcome.ASSISTED: "Ctrl+2", Outcome.PARTIAL: "Ctrl+3",
                Outcome.FAILED: "Ctrl+4", Outcome.GAVE_UP: "Ctrl+5"}
SKIP_KEY = "Ctrl+6"
TAG_KEYS = {NoteTag.CONFUSION: "Alt+C", NoteTag.ERROR: "Alt+E", NoteTag.QUOTE: "Alt+Q",
            NoteTag.ASKED_HELP: "Alt+H", NoteTag.BARRIER: "Alt+B"}
TASK_KEYS = {"start": "F5", "pause": "F6", "end": "F7", "advance": "F8"}


class SessionPage(QWidget):
    TOGGLE_GUARD_S = 0.5
    show_participant_requested = Signal()
    new_session_requested = Signal()
    receipt_requested = Signal(str)  # session id
    help_called = Signal()  # a help call was committed just now (not on replay)

    def __init__(self, catalog: Catalog, lang: str) -> None:
        super().__init__()
        self.catalog, self.lang = catalog, lang
        self.bridge: SessionBridge | None = None
        self._last_toggle_ns: int | None = None
        t = self._t
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setStyleSheet("font-size: 13pt; font-weight: bold;")
        layout.addWidget(self.header)
        self.help_banner = HelpBanner(t("console_flow.acknowledge"))
        self.acknowledge_button = self.help_banner.acknowledge_button
        self.acknowledge_button.clicked.connect(bind(self._run, "acknowledge_help"))
        layout.addWidget(self.help_banner)
        self.step_label = QLabel()
        self.step_label.setStyleSheet("font-size: 20pt; font-weight: bold; color: #0B3D91;")
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("font-size: 12pt;")
        step_row = QHBoxLayout()
        step_row.addWidget(self.step_label)
        step_row.addStretch(1)
        self.advance_button = make_button(t("console.advance"), TASK_KEYS["advance"])
        step_row.addWidget(self.advance_button)
        layout.addLayout(step_row)
        layout.addWidget(self.hint_label)
        self.consent_review_note = review_note()  # while the session's language has an unreviewed consent text
        layout.addWidget(self.consent_review_note)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.show_message("")
        layout.addWidget(self.message_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        self.task_box = QGroupBox()
        task_layout = QVBoxLayout(self.task_box)
        self.task_info = QLabel()
        self.task_info.setWordWrap(True)
        self.elapsed_label = QLabel()
        self.elapsed_label.setStyleSheet("font-size: 16pt; font-family: monospace;")
        task_layout.addWidget(self.task_info)
        task_layout.addWidget(self.elapsed_label)
        controls = QHBoxLayout()
        self.start_button = make_button(t("console.start_task"), TASK_KEYS["start"])
        self.pause_button = make_button(t("console.pause_task"), TASK_KEYS["pause"])
        self.end_button = make_button(t("console.end_task"), TASK_KEYS["end"])
        for button in (self.start_button, self.pause_button, self.end_button):
            controls.addWidget(button)
        task_layout.addLayout(controls)
        outcomes = QGridLayout()
        self.outcome_buttons: dict[Outcome, QPushButton] = {}
        for i, (outcome, key) in enumerate(OUTCOME_KEYS.items()):
            button = make_button(t(f"outcome.{outcome.value}"), key)
            button.clicked.connect(bind(self._record_outcome, outcome))
            outcomes.addWidget(button, i // 3, i % 3)
            self.outcome_buttons[outcome] = button
        self.skip_button = make_button(t("console.skip_task"), SKIP_KEY)
        outcomes.addWidget(self.skip_button, 1, 2)
        task_layout.addLayout(outcomes)
        self.assistance_edit = line_edit(t("console.assistance_prompt"))
        task_layout.addWidget(self.assistance_edit)
        left_layout.addWidget(self.task_box)

        self.consent_box = QGroupBox(t("step.consent"))
        consent_layout = QVBoxLayout(self.consent_box)
        self.verbal_panel, self.witness_edit, self.confirm_verbal_button = field_row(
            t("console.witness_prompt"), t("console.confirm_verbal"), self._confirm_verbal)
        self.contact_panel, self.contact_edit, self.save_contact_button = field_row(
            t("console.contact_prompt"), t("console.save_contact"), self._save_contact)
        consent_layout.addWidget(self.verbal_panel)
        consent_layout.addWidget(self.contact_panel)
        self.tap_guard = TapGuard()  # buttons that appear under the mouse ignore the rest of a double click
        self.receipt_button = make_button(t("console.receipt"))
        self.receipt_button.clicked.connect(self._request_receipt)
        consent_layout.addWidget(self.receipt_button)
        left_layout.addWidget(self.consent_box)

        notes_box = QGroupBox(t("console.note"))
        notes_layout = QVBoxLayout(notes_box)
        tags_row = QGridLayout()  # two a row: five in one row made the console wider than an 800 px screen
        self.tag_buttons: dict[NoteTag, QPushButton] = {}
        for i, (tag, key) in enumerate(TAG_KEYS.items()):
            button = make_button(t(f"tag.{tag.value}"), key)
            button.setCheckable(True)
            tags_row.addWidget(button, i // 2, i % 2)
            self.tag_buttons[tag] = button
            QShortcut(QKeySequence(key), self).activated.connect(button.toggle)
        notes_layout.addLayout(tags_row)
        note_row = QHBoxLayout()
        self.note_edit = line_edit(t("console.note"), placeholder=False)
        self.note_edit.setPlaceholderText(t("console.note_hint"))
        self.note_edit.returnPressed.connect(self._save_note)
        self.save_note_button = make_button(t("console.add_note"))
        self.save_note_button.clicked.connect(self._save_note)
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.save_note_button)
        notes_layout.addLayout(note_row)
        left_layout.addWidget(notes_box)
        left_layout.addStretch(1)
        splitter.addWidget(left)

        timeline_box = QGroupBox(t("console.timeline"))
        timeline_layout = QVBoxLayout(timeline_box)
        self.timeline = FollowingList()
        self.timeline.setAccessibleName(t("console.timeline"))
        timeline_layout.addWidget(self.timeline)
        right = QSplitter(Qt.Orientation.Vertical)  # the prototype mirror shows above the timeline during its tasks
        self.prototype_mirror = PrototypeMirror(catalog, lang)
        right.addWidget(self.prototype_mirror)
        right.addWidget(timeline_box)
        splitter.addWidget(right)
        splitter.setSizes([640, 420])
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.show_participant_button = make_button(t("console.show_participant"))
        self.abandon_button = make_button(t("console.abandon"))
        self.new_session_button = make_button(t("console.new_session"))
        bottom.addWidget(self.show_participant_button)
        self.text_size_control = SessionTextSize(catalog, lang)  # the participant's text size, during the session
        self.text_size_control.access_chosen.connect(self._on_access_chosen)
        bottom.addWidget(self.text_size_control)
        bottom.addStretch(1)
        bottom.addWidget(self.abandon_button)
        bottom.addWidget(self.new_session_button)
        layout.addLayout(bottom)

        self.start_button.clicked.connect(bind(self._run, "start_task"))
        self.pause_button.clicked.connect(self._toggle_pause)
        self.end_button.clicked.connect(bind(self._run, "end_task"))
        self.advance_button.clicked.connect(self._advance)
        self.skip_button.clicked.connect(self._ask_skip)
        self.show_participant_button.clicked.connect(self.show_participant_requested.emit)
        self.abandon_button.clicked.connect(self._abandon)
        self.new_session_button.clicked.connect(self._ask_new_session)
        QShortcut(QKeySequence(ACKNOWLEDGE_KEY), self).activated.connect(self._acknowledge_by_key)
        # a key does not move
        QShortcut(QKeySequence(TASK_KEYS["pause"]), self).activated.connect(self._toggle_pause_now)
        for button, key in ((self.start_button, TASK_KEYS["start"]),
                            (self.end_button, TASK_KEYS["end"]), (self.advance_button, TASK_KEYS["advance"]),
                            (self.skip_button, SKIP_KEY), *[(self.outcome_buttons[o], k) for o, k in OUTCOME_KEYS.items()]):
            QShortcut(QKeySequence(key), self).activated.connect(button.click)
        self._timer = QTimer(self, interval=500)
        self._timer.timeout.connect(self.update_elapsed)
        self._timer.start()

    def _t(self, key: str, **values: object) -> str:
        return self.catalog.text(self.lang, key, **values)

    # -- attaching ----------------------------------------------------------------------------------

    def attach(self, bridge: SessionBridge) -> None:
        if self.bridge is not None:
            self.bridge.event_committed.disconnect(self._on_event_committed)
            self.bridge.action_failed.disconnect(self.show_message)
            self.bridge.speech_problem.disconnect(self._on_speech_problem)
        self.bridge = bridge
        self._last_toggle_ns = None  # each session has its own clock
        bridge.event_committed.connect(self._on_event_committed)
        bridge.action_failed.connect(self.show_message)
        bridge.speech_problem.connect(self._on_speech_problem)
        self._speech_problem = ""
        self.timeline.clear()
        self._start_utc: datetime | None = None
        for event in bridge.engine.store.events(bridge.engine.record.id):
            self._append_timeline(event)
        self.timeline.follow()
        self.show_message("")
        self.refresh()

    def detach(self) -> None:
        """Leave the session (it stays resumable); nothing on this page may act on it any more."""
        if self.bridge is not None:
            self.bridge.event_committed.disconnect(self._on_event_committed)
            self.bridge.action_failed.disconnect(self.show_message)
            self.bridge.speech_problem.disconnect(self._on_speech_problem)
        self.bridge = None

    def _on_event_committed(self, event: EventRecord, _state) -> None:
        self._append_timeline(event)
        self.show_message(self._speech_problem)  # an action's error goes with the next event; no sound stays
        self.refresh()
        if event.kind == EventKind.HELP_REQUESTED:
            self.help_called.emit()

    def _on_speech_problem(self, text: str) -> None:
        self._speech_problem = text
        self.show_message(text)

    def _on_access_chosen(self, access) -> None:
        if self.bridge is not None:
            engine = self.bridge.engine
            self.bridge.run(lambda: engine.set_access(access, by="facilitator"))

    def show_message(self, text: str, tone: str = "error") -> None:
        """The line under the status: errors in red, confirmations (such as a saved contact) in green."""
        self.message_label.setText(text)
        self.message_label.setProperty("tone", tone)
        self.message_label.setStyleSheet(MESSAGE_TONES[tone])

    def _append_timeline(self, event: EventRecord) -> None:
        assert self.bridge is not None
        when = datetime.fromisoformat(event.utc)
        if self._start_utc is None:
            self._start_utc = when
        offset = int((when - self._start_utc).total_seconds())
        text = describe_event(self.catalog, self.lang, event, self.bridge.engine.study)
        self.timeline.addItem(f"{offset // 60:02d}:{offset % 60:02d}  {text}")
        self.timeline.follow()

    # -- showing state --------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.bridge is None:
            return
        engine = self.bridge.engine
        step = engine.step
        record = engine.record
        self.text_size_control.show_access(engine.access)
        self.header.setText(f"{record.participant_code}  ·  {engine.study.title.get_or_fallback(self.lang)}  ·  "
                            f"#{record.participant_number}")
        self.step_label.setText(self._t(f"step.{step.value}"))
        hint_key = {Step.RUNNING: "running", Step.PAUSED: "paused", Step.OUTCOME: "running",
                    Step.ABANDONED: "ended", Step.WITHDRAWN: "ended", Step.CONSENT_OPTIONS: "consent",
                    Step.CONSENT_REVIEW: "consent", Step.CONSENT_METHOD: "consent",
                    Step.CONSENT_VERBAL: "consent_verbal"}.get(step, step.value)
        hint_text = self._t(f"console_flow.hint_{hint_key}" if hint_key == "paused" else f"console.hint_{hint_key}")
        if engine.state.help_pending:
            self.step_label.setText(self._t("console_flow.help_status"))
            hint_text = self._t("console_flow.hint_help")
            self.help_banner.show_call(self._t("console_flow.help_banner", code=record.participant_code,
                                               step=self._t(f"step.{(engine.state.help_step or step).value}")))
        else:
            self.help_banner.hide()
        self.hint_label.setText(self._t("console.next_step", hint=hint_text))
        unreviewed = not engine.study.consent.reviewed_in(engine.language)
        self.consent_review_note.setText(self._t("console.consent_unreviewed", language=self.catalog.language_name(
            engine.language, in_lang=self.lang, in_sentence=True)) if unreviewed else "")
        self.consent_review_note.setVisible(unreviewed)
        task = engine.current_task
        self.prototype_mirror.follow(engine)
        self.task_box.setVisible(task is not None)
        if task is not None:
            self.task_box.setTitle(f"{engine.task_number}/{len(record.task_order)}  {task.title.get_or_fallback(self.lang)}")
            lines = [self._t("console.expected", minutes=round(task.expected_seconds / 60))] \
                if task.expected_seconds else []  # no "Expected: 0 min" for a plan that gives none
            if criteria := facilitator_text(task.success_criteria, self.lang):
                lines.append(self._t("console.success_criteria", text=criteria))
            if notes := facilitator_text(task.facilitator_notes, self.lang):
                lines.append(self._t("console.facilitator_notes", text=notes))
            self.task_info.setText("\n".join(lines))
        else:
            self.task_box.setTitle("")
            self.task_info.setText("")
        in_task = step in (Step.RUNNING, Step.PAUSED)
        self.start_button.setEnabled(step is Step.INSTRUCTIONS)
        self.skip_button.setEnabled(step is Step.INSTRUCTIONS)
        self.pause_button.setEnabled(in_task)
        self.pause_button.setText(self._t("console.resume_task" if step is Step.PAUSED else "console.pause_task")
                                  + f"  [{TASK_KEYS['pause']}]")
        self.end_button.setEnabled(in_task)
        self.advance_button.setEnabled(step in (Step.WELCOME, Step.CLOSING))
        to_review = engine.prototype.goal_outcome_to_review()
        for button in self.outcome_buttons.values():
            button.setEnabled(in_task or step is Step.OUTCOME or to_review is not None)
        if to_review is not None:
            self.hint_label.setText(self._t("console.revise_hint"))
        consented = bool(engine.state.consent)
        wants_contact = contact_wanted(engine.state)
        self.verbal_panel.setVisible(step is Step.CONSENT_VERBAL)
        self.contact_panel.setVisible(bool(wants_contact))
        if consented and self.receipt_button.isHidden():  # it appears where "Confirm verbal consent" was
            self.tap_guard.meaning_changed(self.receipt_button)
        self.receipt_button.setVisible(consented)
        self.consent_box.setVisible(step is Step.CONSENT_VERBAL or consented)
        active = step not in (Step.ENDED, Step.ABANDONED, Step.WITHDRAWN)
        self.abandon_button.setEnabled(active)
        self.show_participant_button.setEnabled(active)
        self.update_elapsed()

    def update_elapsed(self) -> None:
        if self.bridge is None or self.bridge.engine.step not in (Step.RUNNING, Step.PAUSED, Step.OUTCOME):
            self.elapsed_label.setText("")  # after the outcome the task's clock is reset: 00:00 would mislead
            return
        seconds = int(self.bridge.engine.task_active_seconds())
        self.elapsed_label.setText(self._t("console.elapsed", time=f"{seconds // 60:02d}:{seconds % 60:02d}"))

    # -- facilitator intent ---------------------------------------------------------------------------

    def _run(self, action: str, *args: object) -> bool:
        assert self.bridge is not None
        return self.bridge.run(getattr(self.bridge.engine, action), *args)

    def _toggle_pause(self) -> None:
        """Pause turns into Resume under the pointer: a second click within ``TOGGLE_GUARD_S`` (by the
        session's clock, so tests set the time instead of sleeping) is the rest of a double click. F6 is not
        guarded: a key does not change meaning under a finger."""
        assert self.bridge is not None
        now = self.bridge.engine.clock.monotonic_ns()
        if self._last_toggle_ns is not None and now - self._last_toggle_ns < self.TOGGLE_GUARD_S * 1e9:
            return
        self._toggle_pause_now()

    def _toggle_pause_now(self) -> None:
        if self.bridge is None or self.bridge.engine.step not in (Step.RUNNING, Step.PAUSED):
            return
        self._last_toggle_ns = self.bridge.engine.clock.monotonic_ns()
        self._run("resume_task" if self.bridge.engine.step is Step.PAUSED else "pause_task")

    def _advance(self) -> None:
        assert self.bridge is not None
        step = self.bridge.engine.step
        if step is Step.WELCOME:
            self._run("continue_from_welcome")
        elif step is Step.CLOSING:
            self._run("finish")

    def _record_outcome(self, outcome: Outcome) -> None:
        if outcome is Outcome.ASSISTED and not self.assistance_edit.text().strip():
            self.show_message(self._t("console_flow.assistance_missing"))
            self.assistance_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        to_review = self.bridge.engine.prototype.goal_outcome_to_review() if self.bridge else None
        if to_review is not None:
            done = self._run("revise_outcome", to_review, outcome, self.assistance_edit.text())
        else:
            done = self._run("record_outcome", outcome, self.assistance_edit.text())
        if done:
            self.assistance_edit.clear()

    def _save_note(self) -> None:
        tags = [tag.value for tag, button in self.tag_buttons.items() if button.isChecked()]
        if self._run("add_note", self.note_edit.text(), tags):
            self.note_edit.clear()
            for button in self.tag_buttons.values():
                button.setChecked(False)
            self.show_message("")

    def _confirm_verbal(self) -> None:
        from kiosk.study.model import ConsentMethod

        if self._run("give_consent", ConsentMethod.VERBAL, None, self.witness_edit.text()):
            self.witness_edit.clear()

    def _save_contact(self) -> None:
        if self._run("save_contact", self.contact_edit.text()):
            self.contact_edit.clear()
            self.show_message(self._t("console.contact_saved"), "ok")

    def _request_receipt(self) -> None:
        """Not on the second click of a double click on "Confirm verbal consent", which it replaces."""
        if self.bridge is not None and self.tap_guard.accepts_tap(self.receipt_button):
            self.receipt_requested.emit(self.bridge.engine.record.id)

    def _abandon(self) -> None:
        confirm(self, self._t("console.abandon"), self._t("console.abandon_confirm"),
                self._t("console_flow.abandon_keep"), self._t("console_flow.abandon_act"),
                lambda reason: self._run("abandon", reason), reason_prompt=self._t("console_flow.abandon_reason"),
                destructive=True)

    def _ask_skip(self) -> None:
        """Ctrl+6 sits beside the outcome keys: ask why before a task is lost to a slipped finger."""
        if self.bridge is None or self.bridge.engine.step is not Step.INSTRUCTIONS:
            return
        task = self.bridge.engine.current_task
        title = task.title.get_or_fallback(self.lang) if task is not None else ""
        confirm(self, self._t("console_flow.skip_title"), self._t("console_flow.skip_text", task=title),
                self._t("console_flow.skip_keep"), self._t("console_flow.skip_act"),
                lambda reason: self._run("skip_task", reason), reason_prompt=self._t("console_flow.skip_reason"))

    def _ask_new_session(self) -> None:
        self.ask_leave(self.new_session_requested.emit)

    def session_is_live(self) -> bool:
        return self.bridge is not None and self.bridge.engine.state.status is SessionStatus.IN_PROGRESS

    def ask_leave(self, on_leave: Callable[[], object]) -> None:
        """Leaving a running session (New session, or closing the console) keeps it resumable, but it
        must be a choice, not a slip: staying is the default."""
        if not self.session_is_live():
            on_leave()
            return
        assert self.bridge is not None
        confirm(self, self._t("console_flow.leave_title"),
                self._t("console_flow.leave_text", code=self.bridge.engine.record.participant_code),
                self._t("console_flow.stay"), self._t("console_flow.leave"), bind(on_leave))

    def _acknowledge_by_key(self) -> None:
        if self.bridge is not None and self.bridge.engine.state.help_pending:
            self._run("acknowledge_help")
