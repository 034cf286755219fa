"""Waiting while the facilitator confirms verbal consent with a witness."""

from __future__ import annotations

from kiosk.qt.participant.screens.base import MessageScreen


class VerbalWaitScreen(MessageScreen):
    heading_key = "consent.verbal_wait"
    next_hint_key = "next.wait_facilitator"
