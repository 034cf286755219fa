"""Texts written in a study plan, keyed by language tag; Serbian Latin is derived, never typed twice."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class LocalText:
    """A text keyed by language tag, as written in a study plan or catalog."""

    values: Mapping[str, str] = field(default_factory=dict)

    def available(self, lang: str) -> bool:
        if lang in self.values:
            return True
        derived = DERIVED_LANGUAGES.get(lang)
        return derived is not None and derived[0] in self.values

    def get(self, lang: str) -> str:
        if lang in self.values:
            return self.values[lang]
        derived = DERIVED_LANGUAGES.get(lang)
        if derived and derived[0] in self.values:
            source, convert = derived
            return convert(self.values[source])
        raise MissingTranslation(f"no text in {lang!r} (have: {', '.join(sorted(self.values)) or 'none'})")

    def get_or_fallback(self, lang: str) -> str:
        """For facilitator-only text, where English is better than nothing."""
        if self.available(lang):
            return self.get(lang)
        for other in (FALLBACK_LANGUAGE, *sorted(self.values)):
            if self.available(other):
                return self.get(other)
        return ""

    def shown_in(self, lang: str) -> str | None:
        """The language ``get_or_fallback(lang)`` actually answers in (None: no text at all)."""
        if self.available(lang):
            return lang
        for other in (FALLBACK_LANGUAGE, *sorted(self.values)):
            if self.available(other):
                return other
        return None
