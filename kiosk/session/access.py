"""What one participant needs to take part without help: larger text, reading aloud, pictures on scales.

These are per participant, not per study: the facilitator sets them when the session starts (the
participant can change the text size on the welcome screen), and every change is an event, so a
resumed session looks as it did, and the hub can tell which participants used which aid. Kept as
plain data here; the participant window is only a rendering of it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Mapping

#: the text sizes offered, in percent of the theme's sizes; 200% is the most every screen is built to fit
TEXT_SIZES = (100, 125, 150, 175, 200)


@dataclass(frozen=True)
class AccessSettings:
    #: percent of the theme's text sizes (one of TEXT_SIZES)
    text_size: int = 100
    #: read every screen aloud as it appears (the read-aloud button works either way)
    read_aloud: bool = False
    #: pictures (faces) beside the numbers on rating scales
    pictures: bool = False

    def __post_init__(self) -> None:
        if self.text_size not in TEXT_SIZES:
            raise ValueError(f"text size {self.text_size}% is not offered; expected one of "
                             f"{', '.join(f'{size}%' for size in TEXT_SIZES)}")

    @property
    def scale(self) -> float:
        """The factor every participant text size is multiplied by."""
        return self.text_size / 100

    def larger(self) -> AccessSettings:
        """One step up (unchanged at the largest), for the welcome screen's "larger text" button."""
        index = TEXT_SIZES.index(self.text_size)
        return replace(self, text_size=TEXT_SIZES[min(index + 1, len(TEXT_SIZES) - 1)])

    def smaller(self) -> AccessSettings:
        index = TEXT_SIZES.index(self.text_size)
        return replace(self, text_size=TEXT_SIZES[max(index - 1, 0)])

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any] | None) -> AccessSettings:
        """From a stored event; sessions recorded before these settings existed get the defaults."""
        if not payload:
            return cls()
        return cls(text_size=int(payload.get("text_size", 100)), read_aloud=bool(payload.get("read_aloud", False)),
                   pictures=bool(payload.get("pictures", False)))
