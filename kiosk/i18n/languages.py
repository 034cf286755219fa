"""The languages the app knows of: which are derived from another (Serbian Latin), which only test layouts,
and the language every text falls back to.

Apart from :mod:`kiosk.i18n.local_text` (a plan's texts, a dataclass) because the message catalog needs these
names before the console's first paint and the plan texts only once the plans are read (issue 8).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kiosk.translit import cyrillic_to_latin

#: accented look-alikes, so a stretched screen shows at a glance which text came through the catalog or plan
_ACCENTED = str.maketrans("aceinosuyzACEINOSUYZ", "āçēīñōšūýžĀÇĒĪÑŌŠŪÝŽ")
_PLACEHOLDER = re.compile(r"({[^{}]*})")


def stretch(text: str) -> str:
    """English made twice as long, for layout tests: "Next" → "[Ņēxţ Ņēxţ]"-like "[Nēxt Nēxt]".

    Every line is written twice (accented, in brackets); placeholders (``{count}``) stay intact in the first
    copy only, so a value filled in is not doubled again."""
    def line(part: str) -> str:
        if not part.strip():
            return part
        pieces = _PLACEHOLDER.split(part)
        first = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTED) for p in pieces)
        second = " ".join("".join(p for p in pieces if not _PLACEHOLDER.fullmatch(p)).translate(_ACCENTED).split())
        return f"[{first} {second}]" if second else f"[{first}]"

    return "\n".join(line(part) for part in text.split("\n"))


#: a language that exists only to test layouts (``x-`` is the private-use prefix): never offered to participants
STRETCH_LANGUAGE = "x-stretch"
PSEUDO_LANGUAGES = (STRETCH_LANGUAGE,)

#: language tag → (source tag, derivation). Serbian Latin is never typed twice.
DERIVED_LANGUAGES: dict[str, tuple[str, Callable[[str], str]]] = {
    "sr-Latn": ("sr-Cyrl", cyrillic_to_latin),
    STRETCH_LANGUAGE: ("en", stretch),
}
FALLBACK_LANGUAGE = "en"


class MissingTranslation(KeyError):
    """A participant-facing text has no wording in the requested language (a plan or catalog bug)."""
