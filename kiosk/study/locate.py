"""Map a key path such as ``tasks[2].instructions.en`` back to a line of the TOML source.

``tomllib`` gives values without positions, so validation errors would otherwise name only a key
path; a facilitator editing a plan in Notepad needs the line too. This is a best-effort scan of
table headers and keys, good for the hand-written plans we ship; it returns ``None`` if unsure.

Every line is read once per source, without backtracking regular expressions: a plan with a line of
thousands of spaces once took minutes here, and a plan with many problems asks for many lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SEGMENT = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")
_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")


def _segments(key_path: str) -> list[tuple[str, int | None]]:
    return [(m.group(1), int(m.group(2)) if m.group(2) else None) for m in _SEGMENT.finditer(key_path)]


def _header(line: str) -> tuple[bool, str] | None:
    """``(is_array, dotted name without spaces)`` if ``line`` is a table header, else None."""
    text = line.strip()
    if not text.startswith("["):
        return None
    is_array = text.startswith("[[")
    start = 2 if is_array else 1
    close = text.find("]", start)
    if close < 0:
        return None
    name = text[start:close].strip()
    rest = text[close + 1:]
    if is_array:
        if not rest.startswith("]"):
            return None
        rest = rest[1:]
    rest = rest.lstrip()
    if not name or (rest and not rest.startswith("#")):
        return None
    return is_array, name.replace(" ", "")


def _key(line: str) -> str | None:
    """The first key of a ``key = value`` or ``key.sub = value`` line, else None."""
    text = line.lstrip()
    quoted = text.startswith('"')
    match = _BARE_KEY.match(text, 1 if quoted else 0)
    if not match:
        return None
    end = match.end()
    if quoted:
        if not text.startswith('"', end):
            return None
        end += 1
    rest = text[end:].lstrip()
    return match.group() if rest[:1] in (".", "=") else None


@lru_cache(maxsize=8)
def _index(source: str) -> tuple[tuple[tuple[bool, str] | None, ...], tuple[str | None, ...]]:
    lines = source.splitlines()
    return tuple(_header(line) for line in lines), tuple(_key(line) for line in lines)


def locate(source: str, key_path: str) -> int | None:
    """Return the 1-based line where ``key_path`` is defined, or the line of its nearest table."""
    headers, keys = _index(source)
    segments = _segments(key_path)
    if not segments:
        return None
    best: int | None = None
    start, end = 0, len(headers)
    table_prefix: list[str] = []
    for name, index in segments:
        dotted = ".".join([*table_prefix, name])
        found = _find_header(headers, start, end, dotted, index)
        if found is not None:
            best = found + 1
            start, end = found + 1, _next_header(headers, found + 1, dotted)
            table_prefix.append(name)
            continue
        key_line = _find_key(headers, keys, start, end, name)
        if key_line is not None:
            return key_line + 1
        return best
    return best


def _find_header(headers, start: int, end: int, dotted: str, index: int | None) -> int | None:
    seen = -1
    for i in range(start, end):
        header = headers[i]
        if header is None or header[1] != dotted:
            continue
        is_array = header[0]
        if index is None and not is_array:
            return i
        if index is not None and is_array:
            seen += 1
            if seen == index:
                return i
    return None


def _next_header(headers, start: int, dotted: str) -> int:
    for i in range(start, len(headers)):
        header = headers[i]
        if header is not None and not header[1].startswith(dotted + "."):
            return i
    return len(headers)


def _find_key(headers, keys, start: int, end: int, name: str) -> int | None:
    for i in range(start, end):
        if headers[i] is not None:
            break
        if keys[i] == name:
            return i
    return None
