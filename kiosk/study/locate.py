"""Map a key path such as ``tasks[2].instructions.en`` back to a line of the TOML source.

``tomllib`` gives values without positions, so validation errors would otherwise name only a key
path; a facilitator editing a plan in Notepad needs the line too. This is a best-effort scan of
table headers and keys, good for the hand-written plans we ship; it returns ``None`` if unsure.

Every line is read once per source, without backtracking regular expressions: a plan with a line of
thousands of spaces once took minutes here, and a plan with many problems asks for many lines.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
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


_Headers = tuple[tuple[bool, str] | None, ...]
_Keys = tuple[str | None, ...]


class _Index:
    """Headers and keys of every line, where the headers are, and (filled on demand) each block's keys."""

    def __init__(self, source: str) -> None:
        lines = source.splitlines()
        self.headers: _Headers = tuple(_header(line) for line in lines)
        self.keys: _Keys = tuple(_key(line) for line in lines)
        self.header_lines = tuple(i for i, header in enumerate(self.headers) if header is not None)
        self.blocks: dict[int, dict[str, int]] = {}
        # Lines of each table name, split by kind: [name] and [[name]].
        self.named: dict[tuple[bool, str], list[int]] = {}
        for i in self.header_lines:
            header = self.headers[i]
            assert header is not None
            self.named.setdefault(header, []).append(i)

    def headers_from(self, start: int, end: int | None = None) -> Iterator[tuple[int, tuple[bool, str]]]:
        for i in self.header_lines[bisect_left(self.header_lines, start):]:
            if end is not None and i >= end:
                return
            header = self.headers[i]
            assert header is not None
            yield i, header


@lru_cache(maxsize=8)
def _index(source: str) -> _Index:
    return _Index(source)


def locate(source: str, key_path: str) -> int | None:
    """Return the 1-based line where ``key_path`` is defined, or the line of its nearest table."""
    index_ = _index(source)
    segments = _segments(key_path)
    if not segments:
        return None
    best: int | None = None
    start, end = 0, len(index_.headers)
    table_prefix: list[str] = []
    for name, index in segments:
        dotted = ".".join([*table_prefix, name])
        found = _find_header(index_, start, end, dotted, index)
        if found is not None:
            best = found + 1
            start, end = found + 1, _next_header(index_, found + 1, dotted)
            table_prefix.append(name)
            continue
        key_line = _find_key(index_, start, name)
        if key_line is not None:
            return key_line + 1
        return best
    return best


def _find_header(index_: _Index, start: int, end: int, dotted: str, index: int | None) -> int | None:
    """The ``[dotted]`` header, or the ``index``-th ``[[dotted]]`` header, between ``start`` and ``end``."""
    lines = index_.named.get((index is not None, dotted), [])
    at = bisect_left(lines, start) + (index or 0)
    return lines[at] if at < len(lines) and lines[at] < end else None


def _next_header(index_: _Index, start: int, dotted: str) -> int:
    for i, (_, name) in index_.headers_from(start):
        if not name.startswith(dotted + "."):
            return i
    return len(index_.headers)


def _find_key(index_: _Index, start: int, name: str) -> int | None:
    """First line defining ``name`` between ``start`` and the next header; each block is read once."""
    block = index_.blocks.get(start)
    if block is None:
        block = index_.blocks[start] = {}
        for i in range(start, len(index_.headers)):
            if index_.headers[i] is not None:
                break
            key = index_.keys[i]
            if key is not None:
                block.setdefault(key, i)
    return block.get(name)
