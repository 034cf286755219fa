"""Pseudonymous participant codes: short, unambiguous, and shaped so that a name cannot pass for one.

Two layers: rules every code obeys (letters A–Z, digits and '-', at least one digit, at most 24
characters: no spaces, so no "first last"), then the study's pattern. The default pattern, a short
prefix and digits, refuses name-like codes with a digit (``PETAR-PETROVIC-1``, ``JOVANA-065123456``)
that the first layer alone let through. A study with its own scheme sets
``[study] participant_code_pattern``.
"""

from __future__ import annotations

import re

from kiosk.explained import ExplainedError
from kiosk.text import PARTICIPANT_CODE_PATTERN

#: one to four letters, an optional '-', one to six digits: P-0042, P0042, AB-12, KS-123456
DEFAULT_CODE_PATTERN = PARTICIPANT_CODE_PATTERN
MAX_CODE_LENGTH = 24
_BASE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
_DIGITS = "23456789"
_NEVER_A_NAME = "never type a participant's name"


class InvalidParticipantCode(ExplainedError, ValueError):
    pass


def describe_pattern(pattern: str) -> str:
    """What a code looks like, for the facilitator who typed one that does not fit."""
    if pattern == DEFAULT_CODE_PATTERN:
        return "one to four letters, an optional '-', then one to six digits, such as P-0042"
    return f"this study's codes match {pattern} (see the plan; the usual form is such as P-0042)"


def _shape_words(pattern: str, code: str) -> dict[str, str]:
    """The catalog's words for a refused code: which rule it broke, in the default shape or the study's."""
    shape = "default" if pattern == DEFAULT_CODE_PATTERN else "pattern"
    rule = "not_in_study" if code else "format"
    return {"key": f"error.code_{rule}_{shape}", "code": code, "pattern": pattern}


def normalise_code(raw: str, pattern: str = DEFAULT_CODE_PATTERN) -> str:
    """Upper-case and check a typed code against the rules for every code and then ``pattern``."""
    code = raw.strip().upper() if isinstance(raw, str) else ""
    if not 1 <= len(code) <= MAX_CODE_LENGTH or not _BASE.fullmatch(code) or not any(ch.isdigit() for ch in code):
        raise InvalidParticipantCode(f"a participant code uses letters A–Z, digits and '-': "
                                     f"{describe_pattern(pattern)}; {_NEVER_A_NAME}", **_shape_words(pattern, ""))
    if not re.fullmatch(pattern, code):
        raise InvalidParticipantCode(f"{code} is not a participant code of this study: {describe_pattern(pattern)}; "
                                     f"{_NEVER_A_NAME}", **_shape_words(pattern, code))
    return code


def _number(digits: int) -> str:
    import secrets  # loaded when a code is made, not with the start page (issue 8)

    return "".join(secrets.choice(_DIGITS) for _ in range(digits))


def generate_code(taken: set[str] | frozenset[str] = frozenset(), pattern: str = DEFAULT_CODE_PATTERN) -> str:
    """A fresh random code that ``pattern`` accepts: P-dddd by default. For a study's own pattern, the
    first common shape that fits (P-digits, P+digits, the pattern's literal prefix + digits, digits);
    if none does, P-dddd, and starting the session then says what the study's codes look like."""
    literal = re.match(r"\^?([A-Z-]*)", pattern)
    prefix = literal.group(1) if literal else ""
    for _ in range(500):
        for digits in (4, 5, 6, 3, 7, 8):  # wider numbers as the short ones run out
            number = _number(digits)
            for code in (f"P-{number}", f"P{number}", prefix + number, number):
                if code not in taken and re.fullmatch(pattern, code):
                    return code
    return f"P-{_number(4)}"
