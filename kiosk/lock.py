"""The facilitator PIN that locks participant mode: a salted scrypt hash with a growing lock-out.

The PIN stops a participant (or a passer-by) from leaving the kiosk, so it must not be guessable by
trying: after a few wrong tries every further one waits longer, and the count survives a restart
(it is kept beside the hash). Nothing but the hash is stored; the file is private to the user.
Kept free of Qt so the policy is tested with an injected clock and no dialog.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

PIN_FILE = "pin.json"
MIN_LENGTH, MAX_LENGTH = 4, 12
#: scrypt cost: about 0.1 s and 16 MiB per try (measured on the 2-core dev machine): slow to guess offline
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}


class PinError(ValueError):
    """A PIN the facilitator chose cannot be used, or no PIN is set; the message says what to do.

    ``key`` names the catalog message (``lock.<key>``) the console shows in the facilitator's language.
    """

    def __init__(self, message: str, key: str = "unusable") -> None:
        super().__init__(message)
        self.key = key


class LockoutPolicy(NamedTuple):
    """How many tries are free, and how the wait grows after that (doubling, up to a ceiling)."""

    free_tries: int = 3
    first_delay_s: float = 30.0
    factor: float = 2.0
    max_delay_s: float = 15 * 60.0

    def delay_after(self, failures: int) -> float:
        if failures < self.free_tries:
            return 0.0
        return min(self.max_delay_s, self.first_delay_s * self.factor ** (failures - self.free_tries))


class PinCheck(NamedTuple):
    """The outcome of one try: accepted, or refused with how long the next try must wait."""

    accepted: bool
    wait_s: float = 0.0
    #: True when the try was not even looked at because the lock-out was still running
    locked_out: bool = False
    failures: int = 0


def validate_new_pin(pin: str) -> None:
    """Digits only (a touchscreen keypad), 4 to 12 of them, and not a PIN guessed first (0000, 1234)."""
    if not (pin.isascii() and pin.isdigit()):
        raise PinError("the PIN must be digits only", "digits_only")
    if not MIN_LENGTH <= len(pin) <= MAX_LENGTH:
        raise PinError(f"the PIN must have {MIN_LENGTH} to {MAX_LENGTH} digits", "length")
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    if len(set(pin)) == 1 or steps in ({1}, {-1}):
        raise PinError("the PIN is too easy to guess (all the same digit, or a run such as 1234)", "too_easy")


def _digest(pin: str, salt: bytes, params: dict[str, int]) -> bytes:
    import hashlib  # hashlib, hmac and secrets load when a PIN is typed, not with the app (issue 8)

    return hashlib.scrypt(pin.encode("ascii", "replace"), salt=salt, maxmem=64 * 1024 * 1024, **params)


class PinLock:
    """The PIN file in the data folder (``pin.json``, mode 0600): hash, salt, cost, and the lock-out state.

    ``clock`` returns wall-clock seconds; it is wall time, not monotonic, so that a lock-out also
    holds across a restart of the app.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time,
                 policy: LockoutPolicy = LockoutPolicy()) -> None:
        self.path = Path(path)
        self.clock = clock
        self.policy = policy

    @classmethod
    def in_folder(cls, data_root: Path, **kwargs: object) -> "PinLock":
        return cls(Path(data_root) / PIN_FILE, **kwargs)  # type: ignore[arg-type]

    # -- the file ---------------------------------------------------------------------------------

    def _load(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise PinError(f"the PIN file {self.path} cannot be read ({exc}); delete it and set a new PIN",
                           "unreadable") from None

    def _save(self, data: dict) -> None:
        """Write a new file beside the old one and rename it over: never half a PIN file, never world-readable."""
        import secrets

        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.part")
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(part, self.path)
        except BaseException:
            part.unlink(missing_ok=True)
            raise

    # -- what the app asks ----------------------------------------------------------------------

    def is_set(self) -> bool:
        data = self._load()
        return bool(data and data.get("hash"))

    def set_pin(self, pin: str) -> None:
        import secrets

        validate_new_pin(pin)
        salt = secrets.token_bytes(16)
        self._save({"version": 1, "kdf": "scrypt", **SCRYPT, "salt": salt.hex(),
                    "hash": _digest(pin, salt, SCRYPT).hex(), "failures": 0, "locked_until": 0.0})

    def _wait(self, data: dict) -> float:
        """Seconds left in the lock-out; never more than the longest delay, should the clock jump back
        (the end is then moved, so that waiting the longest delay always ends it)."""
        now = self.clock()
        wait = float(data.get("locked_until", 0.0)) - now
        if wait > self.policy.max_delay_s:
            data["locked_until"] = now + self.policy.max_delay_s
            self._save(data)
            wait = self.policy.max_delay_s
        return max(0.0, wait)

    def remaining_delay(self) -> float:
        return self._wait(self._load() or {})

    def check(self, pin: str) -> PinCheck:
        """Try a PIN. During a lock-out the try is refused unseen, so waiting is the only way on."""
        data = self._load()
        if not data or not data.get("hash"):
            raise PinError("no facilitator PIN is set; start the app on the console to set one", "not_set")
        failures = int(data.get("failures", 0))
        wait = self._wait(data)
        if wait > 0:
            return PinCheck(False, wait, locked_out=True, failures=failures)
        if not pin.strip():
            # Nothing typed (an Enter on the empty field) is no try: counting it would halve the free tries.
            return PinCheck(False, 0.0, failures=failures)
        params = {k: int(data[k]) for k in SCRYPT}
        given = _digest(pin, bytes.fromhex(data["salt"]), params)
        import hmac

        if hmac.compare_digest(given, bytes.fromhex(data["hash"])):
            if failures:
                self._save({**data, "failures": 0, "locked_until": 0.0})
            return PinCheck(True)
        failures += 1
        delay = self.policy.delay_after(failures)
        self._save({**data, "failures": failures, "locked_until": self.clock() + delay})
        return PinCheck(False, delay, failures=failures)
