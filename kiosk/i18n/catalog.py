"""Every UI, report and CLI message, in every language: English source, gettext translations, plurals.

``ui/i18n/messages.pot`` holds the English text of every message (``msgctxt`` is the key the code uses);
``ui/i18n/<tag>.po`` holds one language, made from the template in Poedit or Weblate. A ``.po`` dropped
into the translations folder beside the data (``kiosk.paths.translations_folder``) adds or overrides a
language without touching the installed app. Serbian Latin is derived from Serbian Cyrillic, never typed.

A message counted by a number (``plural``) has one form per plural category of its language, chosen by
the ``Plural-Forms`` rule in the file's header: Serbian one/few/other (1 особа, 2 особе, 5 особа, 21
особа), Hungarian and English one/other. A message the language has not translated yet (missing, empty
or fuzzy) is shown in English rather than as a hole; ``ux-kiosk translations`` lists such gaps.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kiosk.i18n.compiled import Compiled, load_compiled
from kiosk.i18n.languages import DERIVED_LANGUAGES, FALLBACK_LANGUAGE, PSEUDO_LANGUAGES, MissingTranslation
from kiosk.resources import data_folder

TEMPLATE_NAME = "messages.pot"
_PLACEHOLDER = re.compile(r"{(\w+)[^{}]*}")


class _Language(NamedTuple):
    tag: str
    messages: dict[str, tuple[str, ...]]
    plural_index: Callable[[int], int]
    fuzzy: tuple[str, ...]
    whole_percent: str


class Catalog:
    """Messages by language tag; each language is read on first use, so a start reads only what it shows."""

    def __init__(self, folder: Path | None = None, *, extra_folders: tuple[Path, ...] = (),
                 cache: Path | None = None) -> None:
        self.folder = folder or data_folder("ui") / "i18n"
        self._cache = cache
        self._files: dict[str, Path] = {}
        for source in (self.folder, *extra_folders):
            if source.is_dir():
                self._files.update({path.stem: path for path in sorted(source.glob("*.po"))})
        self._english = load_compiled(self.folder / TEMPLATE_NAME, cache)
        self._loaded: dict[str, _Language] = {}

    # -- which languages -------------------------------------------------------------------------
    @property
    def languages(self) -> list[str]:
        """Language tags in a stable order: Serbian Cyrillic, Serbian Latin, English, then the rest by tag."""
        tags = {FALLBACK_LANGUAGE, *self._files}
        tags |= {tag for tag, (source, _) in DERIVED_LANGUAGES.items() if source in tags and tag not in PSEUDO_LANGUAGES}
        order = {"sr-Cyrl": 0, "sr-Latn": 1, FALLBACK_LANGUAGE: 2}
        return sorted(tags, key=lambda tag: (order.get(tag, 3), tag))

    def language_name(self, lang: str, in_lang: str | None = None, *, in_sentence: bool = False) -> str:
        """``lang``'s name as written in ``in_lang`` (default: its own name, for a language button).

        Names live in the catalogs (``language.<tag>``), so a Serbian Latin report names Cyrillic as
        "Srpski (ćirilica)"; a language no catalog names yet goes by its own ``meta.name``. Inside a
        sentence a language that writes language names in lower case ("на српском (ћирилица)", "magyar")
        gets its first letter lowered; each catalog says so in ``meta.language_names_capitalised``.
        """
        key = f"language.{lang}"
        writer = in_lang or lang
        if writer in self.languages and key in self._language(writer).messages:
            name = self._language(writer).messages[key][0]
        else:
            name = self._language(lang).messages.get("meta.name", self._english.messages["meta.name"])[0]
        if in_sentence and name and self.text(writer if writer in self.languages else "en",
                                               "meta.language_names_capitalised") == "no":
            return name[0].lower() + name[1:]
        return name

    def files(self) -> list[Path]:
        """The translation files in use, one per language (a dropped-in file wins over the bundled one)."""
        return [self._files[tag] for tag in sorted(self._files)]

    def keys(self, lang: str) -> set[str]:
        """Keys the language has its own wording for (English has all of them)."""
        return set(self._language(lang).messages) if lang in self.languages else set()

    def untranslated(self, lang: str) -> list[str]:
        """Keys shown in English in ``lang`` because its file lacks them (or marks them fuzzy)."""
        return sorted(set(self._english.messages) - self.keys(lang))

    def fuzzy(self, lang: str) -> tuple[str, ...]:
        return self._language(lang).fuzzy

    # -- the messages ----------------------------------------------------------------------------
    def text(self, lang: str, key: str, **values: object) -> str:
        forms = self._forms(lang, key)
        if len(forms) > 1:
            raise TypeError(f"message {key!r} depends on a number: use Catalog.plural")
        return forms[0].format(**values) if values else forms[0]

    def plural(self, lang: str, key: str, count: int, **values: object) -> str:
        """The form of ``key`` that ``count`` takes in ``lang``; ``{count}`` in it is the number."""
        forms = self._forms(lang, key)
        language = self._language(lang) if len(forms) > 1 and key in self.keys(lang) else self._language("en")
        index = language.plural_index(abs(int(count))) if len(forms) > 1 else 0
        return forms[min(index, len(forms) - 1)].format(count=count, **values)

    def whole_percent(self, lang: str, value: int) -> str:
        """``value`` per cent as ``lang`` writes it ("125%", "125 %", "%125"), as ``formats.percent`` does, but
        from the catalog below a thousand: the console's first screen shows text sizes without loading Babel."""
        if not 0 <= value < 1000:
            from kiosk.i18n.formats import percent

            return percent(lang, value / 100)
        known = lang if lang in self.languages or lang in PSEUDO_LANGUAGES else FALLBACK_LANGUAGE
        return self._language(known).whole_percent.format(value)

    def is_plural(self, key: str) -> bool:
        return len(self._english.messages[key]) > 1

    def placeholders(self, key: str) -> set[str]:
        """Names the English source fills in (``{name}``), which every translation must keep."""
        return {name for form in self._english.messages[key] for name in _PLACEHOLDER.findall(form)}

    def _forms(self, lang: str, key: str) -> tuple[str, ...]:
        if key not in self._english.messages:
            raise MissingTranslation(f"message {key!r} is not in {TEMPLATE_NAME}")
        language = self._language(lang if lang in self.languages or lang in PSEUDO_LANGUAGES else FALLBACK_LANGUAGE)
        return language.messages.get(key) or self._english.messages[key]

    def _language(self, lang: str) -> _Language:
        if lang not in self._loaded:
            self._loaded[lang] = self._load(lang)
        return self._loaded[lang]

    def _load(self, lang: str) -> _Language:
        if lang == FALLBACK_LANGUAGE and lang not in self._files:
            return _language_of(self._english)
        if lang in DERIVED_LANGUAGES and lang not in self._files:
            source, convert = DERIVED_LANGUAGES[lang]
            base = self._language(source)
            messages = {key: forms if lang in PSEUDO_LANGUAGES and key.startswith("meta.")  # settings, not text
                        else tuple(convert(form) for form in forms) for key, forms in base.messages.items()}
            return _Language(lang, messages, base.plural_index, base.fuzzy, base.whole_percent)
        if lang not in self._files:
            raise MissingTranslation(f"no catalog for language {lang!r} (have: {', '.join(self.languages)})")
        return _language_of(load_compiled(self._files[lang], self._cache))


def _language_of(compiled: Compiled) -> _Language:
    return _Language(compiled.language, compiled.messages, gettext.c2py(compiled.plural_expr), compiled.fuzzy,
                     compiled.whole_percent)


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    from kiosk.paths import cache_folder, translations_folder

    return Catalog(extra_folders=(translations_folder(),), cache=cache_folder() / "i18n")
