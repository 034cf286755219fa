"""The controller's part in keeping participant mode locked across a crash (kiosk.store.handover).

Leaving participant mode needs the facilitator PIN; a killed process (kill -9, a crash, a power cut)
restarted by hand or by a kiosk shell such as ``cage`` must not be a way around it. So the hand-over is
committed before the participant view is shown alone, cleared when the console is back, and at start
a mark still set means the console opens only with the PIN. Kept out of controller.py to keep that
module to one job: wiring windows, engine and workers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from kiosk.i18n import Catalog
from kiosk.lock import PinLock
from kiosk.session.clock import Clock
from kiosk.store.db import Store, StoreError
from kiosk.store.handover import hand_to_participant, left_with_participant, take_back

if TYPE_CHECKING:
    from kiosk.theme import Theme
    from kiosk.qt.bridge import SessionBridge
    from kiosk.qt.console.window import ConsoleWindow


class HeldDevice:
    """Mixed into KioskController, whose attributes these are."""

    store: Store
    bridge: SessionBridge | None
    console: ConsoleWindow
    clock: Clock
    catalog: Catalog
    lang: str
    pin_lock: PinLock
    pin_prompt: Callable[[], bool] | None

    @property
    def theme(self) -> Theme:
        """The participant's theme (the controller reads it on first use)."""
        raise NotImplementedError

    def open_console(self) -> bool:
        """Show the console at start, unless the app last stopped while a participant had the device:
        then only the facilitator PIN opens it, and False means it stays shut (the app quits)."""
        if left_with_participant(self.store) is not None:
            if not (self.pin_prompt or self.ask_pin_at_start)():
                return False
            self._release_hold()
        self.console.show()
        return True

    def ask_pin_at_start(self) -> bool:
        """The PIN dialog before the console exists, saying why it asks; cancelling it quits the app."""
        from kiosk.qt.lock import PinDialog

        dialog = PinDialog(self.pin_lock, self.catalog, self.lang, self.theme, prompt_key="restart_reason",
                           cancel_key="quit", keypad=True)  # the device a participant held: a touchscreen
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def _commit_hold(self) -> bool:
        """Commit that the participant has the device, before they are shown it alone. A hold that cannot
        be saved is no hand-over: the console stays, with the reason (a full disk stops events too)."""
        assert self.bridge is not None
        try:
            hand_to_participant(self.store, self.bridge.engine.record.id,
                                self.clock.utc_now().isoformat(timespec="milliseconds"))
        except StoreError as exc:
            self.console.session_page.show_message(str(exc))
            self.console.show()
            return False
        return True

    def _release_hold(self) -> None:
        """The facilitator has the console again. A mark that cannot be cleared makes the next start
        ask for the PIN once more: the safe way to be wrong."""
        try:
            take_back(self.store)
        except StoreError as exc:
            self.console.start_page.show_status(str(exc))
