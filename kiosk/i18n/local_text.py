"""Texts written in a study plan, keyed by language tag; Serbian Latin is derived, never typed twice."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.i18n.languages import (DERIVED_LANGUAGES, FALLBACK_LANGUAGE, PSEUDO_LANGUAGES, STRETCH_LANGUAGE,
                                    MissingTranslation, stretch)

__all__ = ["DERIVED_LANGUAGES", "FALLBACK_LANGUAGE", "PSEUDO_LANGUAGES", "STRETCH_LANGUAGE", "LocalText",
           "MissingTranslation", "stretch"]


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
