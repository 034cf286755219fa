"""One message catalog for UI, reports and CLI: Serbian Cyrillic is the master, Serbian Latin is derived.

Catalogs are plain TOML files in ``ui/i18n/<language-tag>.toml``; adding a language means adding a
file (no compile step, nothing generated to commit). A language listed in ``DERIVED_LANGUAGES`` is
produced from its source language by a function, so it never needs a file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kiosk.resources import data_folder
from kiosk.translit import cyrillic_to_latin

#: language tag → (source tag, derivation). Serbian Latin is never typed twice.
DERIVED_LANGUAGES: dict[str, tuple[str, Callable[[str], str]]] = {
    "sr-Latn": ("sr-Cyrl", cyrillic_to_latin),
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


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = str(value)
    return flat


class Catalog:
    """Every UI, report and CLI message, in every language found in the catalog folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_folder("ui") / "i18n"
        self._messages: dict[str, dict[str, str]] = {}
        for path in sorted(self.folder.glob("*.toml")):
            with path.open("rb") as handle:
                self._messages[path.stem] = _flatten(tomllib.load(handle))
        for tag, (source, convert) in DERIVED_LANGUAGES.items():
            if tag not in self._messages and source in self._messages:
                self._messages[tag] = {k: convert(v) for k, v in self._messages[source].items()}
        # A derived language keeps its own name and may override single messages.
        if "sr-Latn" in self._messages and "sr-Cyrl" in self._messages:
            self._messages["sr-Latn"]["meta.name"] = self._messages["sr-Cyrl"].get(
                "meta.name_latin", self._messages["sr-Latn"]["meta.name"]
            )

    @property
    def languages(self) -> list[str]:
        """Language tags in a stable order: Serbian Cyrillic, Serbian Latin, then the rest by tag."""
        order = {"sr-Cyrl": 0, "sr-Latn": 1}
        return sorted(self._messages, key=lambda tag: (order.get(tag, 2), tag))

    def language_name(self, lang: str) -> str:
        return self._messages[lang]["meta.name"]

    def keys(self, lang: str) -> set[str]:
        return set(self._messages.get(lang, {}))

    def text(self, lang: str, key: str, **values: object) -> str:
        messages = self._messages.get(lang) or self._messages[FALLBACK_LANGUAGE]
        try:
            template = messages[key]
        except KeyError:
            raise MissingTranslation(f"message {key!r} is missing from the {lang!r} catalog") from None
        return template.format(**values) if values else template


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    return Catalog()
