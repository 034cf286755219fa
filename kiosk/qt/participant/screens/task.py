"""Instructions before the task, and the same text kept visible while the participant works."""

from __future__ import annotations

from kiosk.qt.participant.screens.base import MessageScreen, Screen
from kiosk.session.flow import Step


class TaskScreen(Screen):
    def build(self) -> None:
        engine = self.ctx.engine
        task = engine.current_task
        assert task is not None
        running = engine.step in (Step.RUNNING, Step.PAUSED)
        self.next_key = "participant.task_done" if running else "participant.task_ready"
        self.next_hint_key = "next.task_running" if running else "next.task_ready"
        self.add_text(self.ctx.t("participant.task_heading", number=engine.task_number,
                                 total=len(engine.record.task_order)), "muted")
        self.add_text(task.title.get(self.ctx.lang), "heading")
        self.add_text(task.instructions.get(self.ctx.lang))
        self.add_text(self.ctx.t("participant.task_running_hint" if running else "participant.no_hurry"), "muted")

    def on_next(self) -> None:
        """"I have finished" asks first, as on the prototype player: the tap guard drops a double tap's
        second half, but a later accidental tap (a resting finger, a tap meant to show the facilitator
        something) ended the task at once."""
        engine = self.ctx.engine
        if engine.step in (Step.RUNNING, Step.PAUSED):
            self.ctx.confirm("finish")
        else:
            self.ctx.run(engine.start_task)


class WaitScreen(MessageScreen):
    heading_key = "participant.please_wait"
    next_hint_key = "next.outcome_wait"


class ClosingScreen(Screen):
    next_hint_key = "next.closing"

    def build(self) -> None:
        self.add_text(self.ctx.t("participant.closing_title"), "heading")
        self.add_text(self.ctx.engine.study.closing.get(self.ctx.lang))

    def on_next(self) -> None:
        self.ctx.run(self.ctx.engine.finish)
