"""Free text typed at the kiosk, made safe to store, show, print and export: one normaliser, documented limits.

Notes, answers, assistance and names come from a keyboard, a touch keyboard or the clipboard. What
arrives can hold NUL and other control characters (a pasted terminal line), bidirectional overrides
that make a note read backwards in the report (U+202E), lone surrogates that cannot be written as
UTF-8, or megabytes by accident. The store keeps only what can be shown as typed: NFC, no controls
other than line breaks, and no longer than the field's limit. Over-long text is refused (with the
count, so the facilitator can shorten or split it), never cut silently.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from kiosk.explained import ExplainedError, Quantity, Term

#: participant codes: one to four letters, an optional '-', one to six digits (P-0042); see kiosk.session.codes.
#: Here, at the bottom layer, so the start page checks codes without importing the study model (issue 8).
PARTICIPANT_CODE_PATTERN = r"^[A-Z]{1,4}-?[0-9]{1,6}$"


class InvalidText(ExplainedError, ValueError):
    """Text that cannot be stored as it is; the message says what to change."""


class TextField(NamedTuple):
    """A kind of free text: how it is named in messages, its length limit, and whether it keeps line breaks.

    ``label`` names it in the English text of a refusal; ``key`` is its catalog word (``field.note``), so
    that the console and the command line name it in their own language.
    """

    label: str
    limit: int
    multiline: bool = True
    key: str = ""


#: Length limits, in characters after normalisation (documented in sessions/README.md).
NOTE = TextField("a note", 10_000, key="field.note")
ANSWER = TextField("a written answer", 5_000, key="field.answer")
ASSISTANCE = TextField("the help given", 4_000, key="field.assistance")
#: as long as a note: the console takes the reason to abandon from the note field, and a long note there
#: must never stop the facilitator from ending a session
REASON = TextField("a reason", 10_000, key="field.reason")
FACILITATOR = TextField("the facilitator's code or initials", 100, multiline=False, key="field.facilitator")
WITNESS = TextField("the witness's name or code", 100, multiline=False, key="field.witness")
GUARDIAN = TextField("the parent's or guardian's name", 100, multiline=False, key="field.guardian")
CONTACT = TextField("a phone number or e-mail address", 200, multiline=False, key="field.contact")
FIELDS = (NOTE, ANSWER, ASSISTANCE, REASON, FACILITATOR, WITNESS, GUARDIAN, CONTACT)

#: Bidirectional formatting: embeddings, overrides, isolates and marks. Serbian and English never need
#: them, and an override makes stored text display in a different order from what was typed.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = re.compile("\r\n|[\r\u0085\u2028\u2029\u000b\u000c]")
# C0 and C1 controls (but line feed), DEL, bidi controls, the byte-order mark and the two noncharacters.
_INVISIBLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_HOPELESS = 4  # times the limit: such a text is a paste gone wrong, refused as typed
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")


def _showable(value: str, multiline: bool) -> str:
    # Lone surrogates (from a broken clipboard or a bad decoder) cannot be encoded: show U+FFFD in
    # their place; a surrogate pair split into two code points is joined into its character.
    value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    value = _LINE_BREAKS.sub("\n", value).replace("\t", " ")
    value = _INVISIBLE.sub("", value)
    value = unicodedata.normalize("NFC", value)  # after removal, which can bring a letter and its accent together
    if multiline:
        value = _BLANK_LINES.sub("\n\n", value)
    else:
        value = _SPACES.sub(" ", value)
    return value.strip()


def clean_text(value: object, field: TextField) -> str:
    """The value to store for ``field``, or :class:`InvalidText` if it is not text or is too long.

    Empty after cleaning is returned as ``""``: whether empty is allowed is the caller's rule.
    """
    if not isinstance(value, str):
        raise InvalidText(f"{field.label} must be text, not {type(value).__name__}", key="error.text_not_text",
                          field=Term(field.key), kind=type(value).__name__)
    # Far too long is refused before the work: cleaning 16 MiB took 0.7-2.5 s on the GUI thread.
    cleaned = value if len(value) > _HOPELESS * field.limit else _showable(value, field.multiline)
    if len(cleaned) > field.limit:
        raise InvalidText(f"{field.label} can be at most {field.limit:,} characters long; this one has "
                          f"{len(cleaned):,}. Shorten it, or split it into several.",
                          key="error.text_too_long", field=Term(field.key), limit=Quantity(field.limit),
                          length=Quantity(len(cleaned)))
    return cleaned


def printable(value: str) -> str:
    """Text as reports show it: the same cleaning without a limit, for data stored before it existed."""
    return _showable(value, multiline=True)
