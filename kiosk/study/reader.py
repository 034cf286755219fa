"""The validation vocabulary shared by the plan loader: a problem, the error listing them, and the reader.

The reader walks parsed TOML and records each problem with its key path and line, so a researcher
fixing a plan sees every problem at once. Split from ``loader.py`` to keep each module to one job.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.i18n import DERIVED_LANGUAGES, LocalText, default_catalog
from kiosk.study.checks import mixed_script_words
from kiosk.study.locate import locate
from kiosk.study.model import UNTAGGED
from kiosk.translit import has_cyrillic

ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    key_path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key_path}: {self.message}" if self.key_path else f"{where}: {self.message}"


class PlanError(Exception):
    """A plan that cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


class Reader:
    """Walks the parsed TOML and records problems with their key paths."""

    def __init__(self, source: str, file_name: str, authoring: bool = False) -> None:
        self.source = source
        self.file_name = file_name
        self.authoring = authoring
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ()

    def problem(self, key_path: str, message: str, line: int | None = None) -> None:
        line = line if line is not None else locate(self.source, key_path)
        self.problems.append(Problem(self.file_name, line, key_path, message))

    def table(self, value: Any, path: str, allowed: set[str]) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.problem(path, f"expected a table ([{path}]), found {kind_of(value)}")
            return {}
        for key in value:
            if key not in allowed:
                hint = difflib.get_close_matches(key, sorted(allowed), n=1)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; expected one of {', '.join(sorted(allowed))}"
                self.problem(f"{path}.{key}", f"unknown key {key!r}{suggestion}")
        return value

    def text(self, table: Mapping[str, Any], key: str, path: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(f"{path}.{key}", "is missing; expected a text")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{path}.{key}", f"expected a non-empty text in quotes, found {kind_of(value)}")
            return ""
        return value

    def identifier(self, table: Mapping[str, Any], path: str, seen: set[str]) -> str:
        value = self.text(table, "id", path)
        if value and not ID.match(value):
            self.problem(f"{path}.id", f"{value!r} is not a valid id; expected lower-case letters, digits, '-' or '_'")
        elif value in seen:
            self.problem(f"{path}.id", f"duplicate id {value!r}; every id in a list must be unique")
        seen.add(value)
        return value

    def facilitator_text(self, table: Mapping[str, Any], key: str, path: str) -> LocalText:
        """An optional facilitator-only text: one plain text, or a table by language that may leave some out.

        The facilitator reads it with a fallback (English, then any), so a missing language is no error.
        """
        value = table.get(key)
        if value is None:
            return LocalText({})
        if isinstance(value, str):
            if not value.strip():
                self.problem(f"{path}.{key}", f"expected a non-empty text in quotes, found {kind_of(value)}")
                return LocalText({})
            return LocalText({UNTAGGED: value})
        if not isinstance(value, Mapping):
            self.problem(f"{path}.{key}", 'expected a text in quotes or a table of texts by language, such as '
                                          f'{{ sr-Cyrl = "…", en = "…" }}, found {kind_of(value)}')
            return LocalText({})
        return self.local_text(table, key, path, complete=False)

    def local_text(self, table: Mapping[str, Any], key: str, path: str, complete: bool = True) -> LocalText:
        """A text by language; ``complete`` requires every language of ``study.languages``."""
        full = f"{path}.{key}" if path else key
        value = table.get(key)
        if value is None:
            self.problem(full, f"is missing; expected a text for each language ({', '.join(self.languages)})")
            return LocalText({})
        if not isinstance(value, Mapping):
            self.problem(full, f'expected a table of texts by language, such as {{ sr-Cyrl = "…", en = "…" }}, found {kind_of(value)}')
            return LocalText({})
        texts: dict[str, str] = {}
        for lang, text in value.items():
            if lang in DERIVED_LANGUAGES:
                source = DERIVED_LANGUAGES[lang][0]
                self.problem(f"{full}.{lang}", f"{lang} is derived from {source} and must not be typed; remove it")
                continue
            if lang not in default_catalog().languages:
                self.problem(f"{full}.{lang}", f"unknown language {lang!r}; expected one of {', '.join(default_catalog().languages)}")
                continue
            if not isinstance(text, str) or not text.strip():
                self.problem(f"{full}.{lang}", f"expected a non-empty text, found {kind_of(text)}")
                continue
            if lang == "sr-Cyrl" and any(c.isalpha() for c in text) and not has_cyrillic(text):
                self.problem(f"{full}.{lang}", "expected Serbian Cyrillic, found only Latin letters")
            elif lang == "sr-Cyrl" and self.authoring:
                self.lookalikes(f"{full}.{lang}", text)
            texts[lang] = text
        local = LocalText(texts)
        if not value and not complete:
            self.problem(full, "expected at least one text, such as { en = \"…\" }; found an empty table")
        for lang in self.languages if complete else ():
            if not local.available(lang):
                source = DERIVED_LANGUAGES.get(lang, (lang,))[0]
                self.problem(f"{full}.{source}", f"missing the {source} text required by study.languages")
        return local

    def lookalikes(self, key_path: str, text: str) -> None:
        # Search from the line where this text's key is, so a comment or an earlier text quoting the same
        # word does not take the location.
        key_line = locate(self.source, key_path) or 1
        from_offset = _line_offset(self.source, key_line)
        for _, word, foreign in mixed_script_words(text):
            at = self.source.find(word, from_offset)
            at = at if at >= 0 else self.source.find(word)
            line = self.source.count("\n", 0, at) + 1 if at >= 0 else None
            self.problem(key_path, f"the word {word!r} mixes {', '.join(repr(c) for c in foreign)} into Cyrillic; "
                                   "retype those letters on the Serbian Cyrillic keyboard", line)


def kind_of(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "an empty text" if not value.strip() else f"the text {value!r}"
    return type(value).__name__


def _line_offset(source: str, line: int) -> int:
    """Offset of the first character of 1-based ``line``."""
    offset = 0
    for _ in range(line - 1):
        offset = source.find("\n", offset) + 1
        if offset == 0:
            return 0
    return offset
