"""What one participant needs to take part without help: larger text, reading aloud, pictures on scales.

These are per participant, not per study: the facilitator sets them when the session starts (the
participant can change the text size on the welcome screen), and every change is an event, so a
resumed session looks as it did, and the hub can tell which participants used which aid. Kept as
plain data here; the participant window is only a rendering of it.
"""

from __future__ import annotations

from typing import Any, Mapping, NamedTuple

#: the text sizes offered, in percent of the theme's sizes; 200% is the most every screen is built to fit
TEXT_SIZES = (100, 125, 150, 175, 200)


class _Aids(NamedTuple):
    #: percent of the theme's text sizes (one of TEXT_SIZES)
    text_size: int = 100
    #: read every screen aloud as it appears (the read-aloud button works either way)
    read_aloud: bool = False
    #: pictures (faces) beside the numbers on rating scales
    pictures: bool = False


class AccessSettings(_Aids):
    """One participant's aids; a text size that is not offered is refused when the value is made.

    A NamedTuple, not a frozen dataclass: the start page makes one before the console's first paint, where
    the dataclass and its module cost about 3 ms on Python 3.11 (issue 8). Make a changed copy with the
    constructor, not ``_replace`` (which would skip the check)."""

    __slots__ = ()

    def __new__(cls, text_size: int = 100, read_aloud: bool = False, pictures: bool = False) -> AccessSettings:
        if text_size not in TEXT_SIZES:
            raise ValueError(f"text size {text_size}% is not offered; expected one of "
                             f"{', '.join(f'{size}%' for size in TEXT_SIZES)}")
        return super().__new__(cls, text_size, read_aloud, pictures)

    @property
    def scale(self) -> float:
        """The factor every participant text size is multiplied by."""
        return self.text_size / 100

    def larger(self) -> AccessSettings:
        """One step up (unchanged at the largest), for the welcome screen's "larger text" button."""
        index = TEXT_SIZES.index(self.text_size)
        return AccessSettings(TEXT_SIZES[min(index + 1, len(TEXT_SIZES) - 1)], self.read_aloud, self.pictures)

    def smaller(self) -> AccessSettings:
        index = TEXT_SIZES.index(self.text_size)
        return AccessSettings(TEXT_SIZES[max(index - 1, 0)], self.read_aloud, self.pictures)

    def payload(self) -> dict[str, Any]:
        return self._asdict()

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any] | None) -> AccessSettings:
        """From a stored event; sessions recorded before these settings existed get the defaults."""
        if not payload:
            return cls()
        return cls(text_size=int(payload.get("text_size", 100)), read_aloud=bool(payload.get("read_aloud", False)),
                   pictures=bool(payload.get("pictures", False)))
