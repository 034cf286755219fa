"""Pseudonymous participant codes: short, unambiguous, and shaped so that a name cannot pass for one."""

from __future__ import annotations

import re
import secrets

_CODE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
_DIGITS = "23456789"


class InvalidParticipantCode(ValueError):
    pass


def normalise_code(raw: str) -> str:
    """Upper-case and check a typed code; the rules keep names out of the data (no spaces, needs a digit)."""
    code = raw.strip().upper()
    if not 3 <= len(code) <= 16:
        raise InvalidParticipantCode("a participant code has 3 to 16 characters, such as P-0042")
    if not _CODE.match(code) or not any(ch.isdigit() for ch in code):
        raise InvalidParticipantCode(
            "a participant code uses letters A–Z, digits and '-', with at least one digit (such as P-0042); "
            "never type a participant's name"
        )
    return code


def generate_code(taken: set[str] | frozenset[str] = frozenset()) -> str:
    while True:
        code = "P-" + "".join(secrets.choice(_DIGITS) for _ in range(4))
        if code not in taken:
            return code
