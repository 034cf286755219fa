"""Map a key path such as ``tasks[2].instructions.en`` back to a line of the TOML source.

``tomllib`` gives values without positions, so validation errors would otherwise name only a key
path; a facilitator editing a plan in Notepad needs the line too. This is a best-effort scan of
table headers and keys, good for the hand-written plans we ship; it returns ``None`` if unsure.
"""

from __future__ import annotations

import re

_SEGMENT = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*("?)([A-Za-z0-9_\-]+)\1\s*[.=]')


def _segments(key_path: str) -> list[tuple[str, int | None]]:
    return [(m.group(1), int(m.group(2)) if m.group(2) else None) for m in _SEGMENT.finditer(key_path)]


def locate(source: str, key_path: str) -> int | None:
    """Return the 1-based line where ``key_path`` is defined, or the line of its nearest table."""
    lines = source.splitlines()
    segments = _segments(key_path)
    if not segments:
        return None
    best: int | None = None
    start, end = 0, len(lines)
    table_prefix: list[str] = []
    for depth, (name, index) in enumerate(segments):
        dotted = ".".join([*table_prefix, name])
        found = _find_header(lines, start, end, dotted, index)
        if found is not None:
            best = found + 1
            start, end = found + 1, _next_header(lines, found + 1, dotted)
            table_prefix.append(name)
            continue
        key_line = _find_key(lines, start, end, name)
        if key_line is not None:
            return key_line + 1
        return best
    return best


def _find_header(lines: list[str], start: int, end: int, dotted: str, index: int | None) -> int | None:
    seen = -1
    for i in range(start, end):
        match = _HEADER.match(lines[i])
        if not match or match.group(2).replace(" ", "") != dotted:
            continue
        is_array = match.group(1) == "[["
        if index is None and not is_array:
            return i
        if index is not None and is_array:
            seen += 1
            if seen == index:
                return i
    return None


def _next_header(lines: list[str], start: int, dotted: str) -> int:
    for i in range(start, len(lines)):
        match = _HEADER.match(lines[i])
        if match and not match.group(2).replace(" ", "").startswith(dotted + "."):
            return i
    return len(lines)


def _find_key(lines: list[str], start: int, end: int, name: str) -> int | None:
    for i in range(start, end):
        if _HEADER.match(lines[i]):
            break
        match = _KEY.match(lines[i])
        if match and match.group(2) == name:
            return i
    return None
