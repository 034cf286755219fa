"""On-screen keyboard layouts as data (``ui/keyboards/<language>.toml``), and the rule for capitals.

A touchscreen kiosk has no physical keyboard, so free-text answers are typed on the screen. Each
language's letters are a small file, so a further language needs no code: this module reads and
checks one (a broken file is refused with the file, the key and what was expected), picks the file
for a participant's language, and says what a key types with Shift. Kept free of Qt so the layouts
and the capital rule are tested without a window.

A language without a file of its own gets the keyboard of its base language (``sr-Latn-RS`` ->
``sr-Latn``), else the English QWERTY one: Latin letters in the most widely known order are the best
guess for a language the kiosk does not know, and the physical keyboard keeps working beside it.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.resources import data_folder

#: the keyboard of a language with no layout of its own (and no base language with one)
FALLBACK_LAYOUT = "en"
#: limits that keep every key at least 10 mm wide on a 1280-pixel screen (the rows also wrap)
MAX_ROWS = 4
MAX_KEYS_PER_ROW = 13
#: a key types one letter, or a few (Serbian Latin "dž", "lj", "nj")
MAX_KEY_LENGTH = 3
_FIELDS = {"language", "letters", "symbols"}


class LayoutError(ValueError):
    """A keyboard layout file cannot be used; the message names the file, the key and what was expected."""


class Shift(StrEnum):
    """Shift as a tap cycle: off, one capital (the next key only), all capitals (caps lock), off again.

    No timing is involved: a deliberate second tap on Shift locks capitals, a third releases them.
    """

    OFF = "off"
    ONCE = "once"
    LOCKED = "locked"

    def tapped(self) -> Shift:
        return {Shift.OFF: Shift.ONCE, Shift.ONCE: Shift.LOCKED, Shift.LOCKED: Shift.OFF}[self]

    def after_key(self) -> Shift:
        """One capital lasts one key; caps lock lasts until Shift is tapped again."""
        return Shift.OFF if self is Shift.ONCE else self


def typed(key: str, shift: Shift) -> str:
    """What ``key`` types: a digraph capitalises as "Dž", "Lj", "Nj" with one capital (it starts a word)
    and as "DŽ", "LJ", "NJ" with caps lock (an all-capitals word), as Serbian spelling writes them."""
    if shift is Shift.OFF:
        return key
    if shift is Shift.ONCE:
        return key[:1].upper() + key[1:]
    return key.upper()


@dataclass(frozen=True)
class KeyboardLayout:
    """The letter rows and the digits-and-signs rows of one language; keys as the text they insert."""

    language: str
    letters: tuple[tuple[str, ...], ...]
    symbols: tuple[tuple[str, ...], ...]

    def keys(self) -> set[str]:
        return {key for page in (self.letters, self.symbols) for row in page for key in row}


def keyboards_folder() -> Path:
    return data_folder("ui") / "keyboards"


def available_layouts(folder: Path | None = None) -> list[str]:
    return sorted(p.stem for p in (folder or keyboards_folder()).glob("*.toml"))


def load_layout(path: Path) -> KeyboardLayout:
    """Read and check one layout file; LayoutError says what is wrong and where."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    return parse_layout(text, path.stem, str(path))


def parse_layout(text: str, language: str, source: str = "<layout>") -> KeyboardLayout:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LayoutError(f"{source}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise LayoutError(f"{source}: unknown key {unknown[0]!r}; a layout has only "
                          f"{', '.join(sorted(_FIELDS))}")
    if data.get("language") != language:
        raise LayoutError(f"{source}: language: expected {language!r} (the file's name), "
                          f"found {data.get('language')!r}")
    return KeyboardLayout(language, _page(data, "letters", source), _page(data, "symbols", source))


def _page(data: dict[str, object], name: str, source: str) -> tuple[tuple[str, ...], ...]:
    rows = data.get(name)
    if not isinstance(rows, list) or not 1 <= len(rows) <= MAX_ROWS:
        raise LayoutError(f"{source}: {name}: expected a list of 1 to {MAX_ROWS} rows, each a string of keys "
                          f"separated by spaces, found {rows!r}")
    page: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        where = f"{source}: {name}[{number}]"
        if not isinstance(row, str):
            raise LayoutError(f"{where}: expected a string of keys separated by spaces, found {row!r}")
        keys = tuple(row.split())
        if not 1 <= len(keys) <= MAX_KEYS_PER_ROW:
            raise LayoutError(f"{where}: expected 1 to {MAX_KEYS_PER_ROW} keys, found {len(keys)}")
        for key in keys:
            _check_key(key, where)
            if key in seen:
                raise LayoutError(f"{where}: the key {key!r} is on this page twice")
            seen.add(key)
        page.append(keys)
    return tuple(page)


def _check_key(key: str, where: str) -> None:
    if len(key) > MAX_KEY_LENGTH:
        raise LayoutError(f"{where}: the key {key!r} is longer than {MAX_KEY_LENGTH} characters; "
                          "separate keys with spaces")
    if not unicodedata.is_normalized("NFC", key):
        raise LayoutError(f"{where}: the key {key!r} is written with a separate accent (decomposed); "
                          f"write it as one character ({unicodedata.normalize('NFC', key)!r}, NFC)")
    for ch in key:
        if unicodedata.category(ch)[0] in "CZ":
            raise LayoutError(f"{where}: the key {key!r} holds an invisible or control character "
                              f"U+{ord(ch):04X}")


def layout_for(language: str, folder: Path | None = None) -> KeyboardLayout:
    """The keyboard for ``language``: its own file, else its base language's, else English (see above)."""
    have = set(available_layouts(folder))
    parts = language.split("-")
    for end in range(len(parts), 0, -1):
        tag = "-".join(parts[:end])
        if tag in have:
            return load_layout((folder or keyboards_folder()) / f"{tag}.toml")
    return load_layout((folder or keyboards_folder()) / f"{FALLBACK_LAYOUT}.toml")
