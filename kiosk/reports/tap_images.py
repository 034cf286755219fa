"""Which screen image each tap was made on, so a heatmap is drawn over the picture the participant saw.

A screen may have one image per language (text differs, and with it where the buttons are); a tap logged on
it was made on the image of the participant's language at that moment (``Screen.image_for``). Drawing
every heatmap over the default image would put English taps over Serbian buttons (issue 10, new-user run).
The language of a tap is the session's language when it was logged: a switch on the player (a
``language_changed`` event) changes the image from the next tap on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from kiosk.prototype.model import Screen
from kiosk.prototype.navigation import Tap
from kiosk.session.events import EventKind
from kiosk.store.records import EventRecord


@dataclass(frozen=True)
class ImageTaps:
    """The taps of one screen made on one of its images, and the languages they were made in (most taps first)."""

    image: str  # file name inside the prototype folder
    languages: tuple[str, ...]
    taps: tuple[Tap, ...]


def languages_at(events: Sequence[EventRecord]) -> Iterator[tuple[EventRecord, str]]:
    """Each event with the session's language when it was logged."""
    language = ""
    for event in events:
        if event.kind in (EventKind.SESSION_STARTED, EventKind.LANGUAGE_CHANGED) and "language" in event.payload:
            language = str(event.payload["language"])
        yield event, language


def by_image(screen: Screen, taps: Iterable[tuple[Tap, str]]) -> list[ImageTaps]:
    """A screen's taps (each with its language) grouped by the image they were made on, most taps first."""
    groups: dict[str, tuple[dict[str, int], list[Tap]]] = {}
    for tap, language in taps:
        counts, listed = groups.setdefault(screen.image_for(language), ({}, []))
        counts[language] = counts.get(language, 0) + 1
        listed.append(tap)
    found = [ImageTaps(image, tuple(sorted(counts, key=lambda lang: (-counts[lang], lang))), tuple(listed))
             for image, (counts, listed) in groups.items()]
    return sorted(found, key=lambda group: (-len(group.taps), group.image))


def has_language_images(screen: Screen) -> bool:
    """Whether some language sees another image of this screen than the default."""
    return any(image != screen.image for image in screen.images.values())
