"""Turn a plan file's bytes into parsed TOML, or into problems a researcher can act on.

Kept apart from validation because this is where hostile or damaged input first arrives: a byte-order
mark from Notepad, a text whose closing quote was forgotten, arrays nested thousands deep. Each must
become one clear problem with a line, never an exception from the parser.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import Any

BOM = "\ufeff"
_LINE = re.compile(r"at line (\d+)")
# tomllib recurses once per nesting level; deeper than this is no plan anyone writes by hand.
_MAX_NESTING = 100
_NEST_OPEN = frozenset("[{")
_ASSIGNMENT = re.compile(r"[ \t]*[A-Za-z0-9_.\-]+[ \t]*=[ \t]*")


class SourceProblem(Exception):
    """Why the text could not be read as TOML, and on which line (or None)."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def decode(raw: bytes) -> str:
    """UTF-8 text without a leading byte-order mark; ``UnicodeDecodeError`` for anything else."""
    return strip_bom(raw.decode("utf-8"))


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith(BOM) else text


def parse(text: str) -> dict[str, Any]:
    """``tomllib.loads`` that raises only :class:`SourceProblem`."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SourceProblem(text.count("\n", 0, exc.start) + 1,
                            "contains a character that cannot be saved as UTF-8; retype that line") from None
    depth_line = _too_deep(text)
    if depth_line is not None:
        raise SourceProblem(depth_line,
                            f"values are nested too deeply (more than {_MAX_NESTING} levels of [ ] or {{ }})")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        unclosed = unclosed_text(text, line)
        if unclosed is not None:
            line, quote = unclosed
            raise SourceProblem(line, f"not valid TOML: a text in quotes is not closed: the {quote} that opens it "
                                      f"on this line has no closing {quote}") from None
        raise SourceProblem(line, f"not valid TOML: {exc}") from None
    except RecursionError:  # pragma: no cover - _too_deep stops this first; kept as a last guard
        raise SourceProblem(None, "values are nested too deeply") from None


def _too_deep(text: str) -> int | None:
    """The line where brackets outside texts and comments nest beyond the limit, or None.

    A cheap over-estimate is enough: it only has to stop input that would exhaust the parser's stack.
    """
    if sum(text.count(c) for c in _NEST_OPEN) <= _MAX_NESTING:
        return None
    depth = 0
    for index, kind, _, _ in _scan(text):
        if kind == "[" or kind == "{":
            depth += 1
            if depth > _MAX_NESTING:
                return text.count("\n", 0, index) + 1
        elif kind == "]" or kind == "}":
            depth = max(0, depth - 1)
    return None


def unclosed_text(text: str, error_line: int | None = None) -> tuple[int, str] | None:
    """Line and quote of a text (string) that is never closed, if that explains a parse error on ``error_line``.

    Either a text runs to the end of its line or of the file, or a multi-line text swallowed the
    following lines until the triple quote that opens the next one, right after its ``key =``.
    """
    for index, kind, quote, end in _scan(text):
        start_line = text.count("\n", 0, index) + 1
        if error_line is not None and start_line > error_line:
            return None
        if kind == "unclosed":
            return start_line, quote
        if kind == "string" and len(quote) == 3 and error_line is not None and start_line < error_line:
            close_at = end - 3
            line_start = text.rfind("\n", 0, close_at) + 1
            if text.count("\n", 0, close_at) + 1 == error_line and _ASSIGNMENT.fullmatch(text, line_start, close_at):
                return start_line, quote
    return None


def _scan(text: str) -> Iterator[tuple[int, str, str, int]]:
    """Yield ``(index, kind, quote, end)`` for brackets outside strings and comments, strings, and unclosed strings.

    Linear in the length of the text: a single pass with ``str.find``, no backtracking.
    """
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "[]{}":
            yield i, c, "", i + 1
            i += 1
            continue
        if c == '"' or c == "'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            closed = _string_end(text, i + len(quote), quote)
            if closed is None:
                yield i, "unclosed", quote, n
                return
            yield i, "string", quote, closed
            i = closed
            continue
        i += 1


def _string_end(text: str, start: int, quote: str) -> int | None:
    """Index just past the closing ``quote`` of a string whose body starts at ``start``, or None."""
    escapes = quote[0] == '"'
    multiline = len(quote) == 3
    i = start
    while True:
        end = text.find(quote, i)
        newline = -1 if multiline else text.find("\n", i)
        if end < 0 or (0 <= newline < end):
            return None
        if escapes:
            backslashes = 0
            j = end - 1
            while j >= start and text[j] == "\\":
                backslashes += 1
                j -= 1
            if backslashes % 2:
                i = end + 1
                continue
        if multiline:
            while text.startswith(quote[0], end + len(quote)):  # """a"""" ends with the last three quotes
                end += 1
        return end + len(quote)
