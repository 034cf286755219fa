"""Participant screens, one module per screen; ``build_screen`` picks the one for the session's step."""

from __future__ import annotations

from kiosk.qt.participant.screens.base import Screen, ScreenContext
from kiosk.qt.participant.screens.confirm import (
    DeclineConfirmScreen,
    DeleteConfirmScreen,
    FinishConfirmScreen,
    StopScreen,
)
from kiosk.qt.participant.screens.consent_method import ConsentMethodScreen
from kiosk.qt.participant.screens.consent_options import ConsentOptionsScreen
from kiosk.qt.participant.screens.consent_review import ConsentReviewScreen
from kiosk.qt.participant.screens.consent_text import ConsentTextScreen
from kiosk.qt.participant.screens.ended import (
    AbandonedScreen,
    DeletedScreen,
    EndScreen,
    WithdrawnScreen,
)
from kiosk.qt.participant.screens.prototype import PrototypeScreen
from kiosk.qt.participant.screens.question import QuestionScreen
from kiosk.qt.participant.screens.task import ClosingScreen, TaskScreen, WaitScreen
from kiosk.qt.participant.screens.verbal_wait import VerbalWaitScreen
from kiosk.qt.participant.screens.welcome import WelcomeScreen
from kiosk.session.flow import Step

SCREENS: dict[Step, type[Screen]] = {
    Step.WELCOME: WelcomeScreen, Step.CONSENT: ConsentTextScreen, Step.CONSENT_OPTIONS: ConsentOptionsScreen,
    Step.CONSENT_REVIEW: ConsentReviewScreen, Step.CONSENT_METHOD: ConsentMethodScreen,
    Step.CONSENT_VERBAL: VerbalWaitScreen, Step.WITHDRAWN: WithdrawnScreen, Step.QUESTION: QuestionScreen,
    Step.INSTRUCTIONS: TaskScreen, Step.RUNNING: TaskScreen, Step.PAUSED: TaskScreen,
    Step.OUTCOME: WaitScreen, Step.CLOSING: ClosingScreen, Step.ENDED: EndScreen, Step.ABANDONED: AbandonedScreen,
}


def build_screen(ctx: ScreenContext) -> Screen:
    if ctx.engine.step is Step.RUNNING and ctx.engine.prototype.task() is not None:
        return PrototypeScreen(ctx)  # the task is played on the kiosk
    return SCREENS[ctx.engine.step](ctx)


__all__ = ["SCREENS", "DeclineConfirmScreen", "DeleteConfirmScreen", "DeletedScreen", "FinishConfirmScreen", "Screen", "ScreenContext",
           "StopScreen", "build_screen"]
