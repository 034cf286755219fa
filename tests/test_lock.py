"""The facilitator PIN: only a salted scrypt hash on disk, a growing lock-out, and no way round it by trying.

The audit accepted 4,821 wrong PINs in a row against a plain-text "0000" passed on the command line.
"""

from __future__ import annotations

import hmac
import json
import os
import stat
from pathlib import Path

import pytest

from kiosk.lock import LockoutPolicy, PinError, PinLock


class FakeClock:
    """Wall-clock seconds that only move when the test says so."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def lock(tmp_path: Path, clock: FakeClock) -> PinLock:
    pin = PinLock.in_folder(tmp_path / "data", clock=clock)
    pin.set_pin("4826")
    return pin


def test_the_pin_file_is_private_and_holds_only_a_salted_scrypt_hash(lock: PinLock, tmp_path: Path) -> None:
    raw = lock.path.read_bytes()
    assert lock.path.name == "pin.json"
    assert stat.S_IMODE(os.stat(lock.path).st_mode) == 0o600
    assert b"4826" not in raw
    data = json.loads(raw)
    assert data["kdf"] == "scrypt" and data["n"] >= 2 ** 14 and len(bytes.fromhex(data["salt"])) == 16
    other = PinLock(tmp_path / "other.json")
    other.set_pin("4826")
    assert json.loads(other.path.read_bytes())["hash"] != data["hash"], "the same PIN must not give the same hash"
    assert lock.check("4826").accepted and not lock.check("4827").accepted


def test_no_default_pin_and_easy_pins_are_refused(tmp_path: Path) -> None:
    fresh = PinLock.in_folder(tmp_path)
    assert not fresh.is_set()
    with pytest.raises(PinError) as no_pin:
        fresh.check("0000")
    assert no_pin.value.key == "not_set"
    for pin, key in (("0000", "too_easy"), ("1234", "too_easy"), ("9876", "too_easy"), ("12", "length"),
                     ("1234567890123", "length"), ("12a4", "digits_only"), ("١٢٣٥", "digits_only")):
        with pytest.raises(PinError) as refused:
            fresh.set_pin(pin)
        assert refused.value.key == key, pin
    assert not fresh.is_set()


def test_wrong_tries_lock_out_with_a_growing_delay(lock: PinLock, clock: FakeClock) -> None:
    policy = lock.policy
    first = [lock.check("1111") for _ in range(policy.free_tries)]
    assert [c.accepted for c in first] == [False] * policy.free_tries
    assert [c.wait_s for c in first[:-1]] == [0.0] * (policy.free_tries - 1)
    assert first[-1].wait_s == policy.first_delay_s
    # during the wait even the right PIN is refused unseen
    during = lock.check("4826")
    assert not during.accepted and during.locked_out and 0 < during.wait_s <= policy.first_delay_s
    waits = []
    for _ in range(4):
        clock.now += lock.remaining_delay()
        refused = lock.check("2222")
        waits.append(refused.wait_s)
    assert waits == [policy.first_delay_s * 2, policy.first_delay_s * 4, policy.first_delay_s * 8,
                     policy.first_delay_s * 16]
    clock.now += lock.remaining_delay()
    assert lock.check("4826").accepted
    assert lock.check("9999").wait_s == 0.0, "a right PIN starts the count again"


def test_thousands_of_wrong_tries_are_not_accepted_and_cost_time(lock: PinLock, clock: FakeClock) -> None:
    """4,821 tries as fast as they come, with no waiting: only the free ones are even looked at."""
    outcomes = [lock.check(f"{n:04d}") for n in range(4821) if f"{n:04d}" != "4826"]
    assert not any(o.accepted for o in outcomes)
    assert sum(not o.locked_out for o in outcomes) == lock.policy.free_tries
    assert lock.remaining_delay() > 0


def test_the_lockout_survives_a_restart(lock: PinLock, clock: FakeClock) -> None:
    for _ in range(lock.policy.free_tries):
        lock.check("5555")
    again = PinLock(lock.path, clock=clock)  # the app was killed and started again
    assert again.remaining_delay() == pytest.approx(lock.policy.first_delay_s)
    assert again.check("4826").locked_out


def test_the_comparison_is_constant_time(lock: PinLock, monkeypatch) -> None:
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert lock.check("4826").accepted and not lock.check("4825").accepted
    assert calls == [(32, 32), (32, 32)]


def test_policy_delay_is_capped() -> None:
    policy = LockoutPolicy(free_tries=2, first_delay_s=10, factor=3, max_delay_s=100)
    assert [policy.delay_after(n) for n in range(1, 7)] == [0, 10, 30, 90, 100, 100]


def test_a_planted_symlink_at_the_pin_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    decoy = tmp_path / "decoy"
    decoy.write_text("keep me")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "pin.json").symlink_to(decoy)
    lock = PinLock.in_folder(tmp_path / "data")
    with pytest.raises(PinError):
        lock.is_set()  # the decoy is not a PIN file: say so rather than trust it
    lock.set_pin("4826")
    assert decoy.read_text() == "keep me" and not lock.path.is_symlink() and lock.check("4826").accepted


def test_a_clock_set_back_cannot_stretch_the_lockout_beyond_the_longest_delay(lock: PinLock, clock: FakeClock) -> None:
    for _ in range(lock.policy.free_tries):
        lock.check("5555")
    clock.now -= 86_400  # the system clock was put back a day
    assert lock.remaining_delay() == lock.policy.max_delay_s
    clock.now += lock.policy.max_delay_s
    assert lock.check("4826").accepted


def test_an_empty_try_is_not_counted_as_a_wrong_pin(lock: PinLock, clock: FakeClock, tmp_path: Path) -> None:
    """Enter pressed on an empty field (or a second Enter after the field was cleared) is no try at all:
    counting it halved the free tries a facilitator has (found by a new-user test under a real window manager)."""
    outcome = lock.check("")
    assert outcome.accepted is False and outcome.wait_s == 0 and outcome.failures == 0
    assert lock.check("   ").failures == 0
    assert lock.check("1111").failures == 1  # a real wrong try still counts
    assert json.loads((tmp_path / "data" / "pin.json").read_text())["failures"] == 1
