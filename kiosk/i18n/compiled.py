"""Translation files (gettext ``.po``) compiled at load time into a cache, never into the repository.

Translators work on standard ``.po`` files with the tools they know (Poedit, Weblate); Babel reads them.
Babel's PO reader costs ~150 ms of import and parsing, too much for every start of a kiosk, so the
result of compiling each file is cached as JSON under a name made from the file's checksum and length: a changed
file is recompiled, an unchanged one is read back in about a millisecond. The cache is only ever a copy;
when it cannot be written (read-only home, full disk) the catalog is compiled in memory instead.

Each message is keyed by its ``msgctxt`` (``participant.next``), which is how the code asks for it;
``msgid`` is the English source text translators translate from. Empty and fuzzy translations are left
out, so they fall back to English and show up in ``ux-kiosk translations``.
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

#: Bump when the cached JSON layout changes, so old caches are never misread.
CACHE_FORMAT = 2
#: Compiled versions kept per file: two installs (or an update tried and rolled back) that share one user
#: cache each find their own version instead of recompiling at every start, which costs Babel's ~60 ms.
KEEP_VERSIONS = 4
ENGLISH_PLURAL = "(n != 1)"


class Compiled(NamedTuple):
    """One language's messages: key → forms (one form, or one per plural category in gettext order)."""

    language: str
    plural_expr: str
    nplurals: int
    messages: dict[str, tuple[str, ...]]
    #: keys whose translation is marked fuzzy (needs review): left out of ``messages``
    fuzzy: tuple[str, ...] = ()
    #: how the language writes a whole percentage below a thousand, ``{}`` for the number ("{}%", "%{}",
    #: "{} %"): taken from Babel while compiling, so that showing "125%" later needs no Babel (20 ms at start)
    whole_percent: str = "{}%"


def load_compiled(path: Path, cache: Path | None) -> Compiled:
    """Read ``path`` through the cache in ``cache`` (None: never cache)."""
    raw = path.read_bytes()
    # CRC-32 and length, not SHA-256: hashlib is not otherwise loaded at start (tests/test_start_cost.py),
    # and this only has to notice that a translation file changed, not resist anyone.
    digest = f"{zlib.crc32(raw):08x}{len(raw):x}{CACHE_FORMAT}"
    cached = cache / f"{path.stem}-{digest}.json" if cache else None
    if cached is not None:
        try:
            return _from_json(json.loads(cached.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing or damaged: rebuild below
    compiled = compile_po(raw, is_template=path.suffix == ".pot", name=path.stem)
    if cached is not None:
        _write_quietly(cached, json.dumps(_to_json(compiled), ensure_ascii=False))
        _remove_quietly(_older_versions(cached.parent, path.stem) + _abandoned_temporaries(cached.parent))
    return compiled


def compile_po(raw: bytes, *, is_template: bool, name: str) -> Compiled:
    """Parse one PO/POT file with Babel; the template's ``msgid`` is the English text itself."""
    import io

    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(raw), abort_invalid=True)
    messages: dict[str, tuple[str, ...]] = {}
    fuzzy: list[str] = []
    for message in catalog:
        if not message.id or message.context is None:
            continue
        if is_template:
            forms = tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)
        else:
            strings = message.string
            forms = tuple(str(s or "") for s in strings) if isinstance(strings, (list, tuple)) else (str(strings or ""),)
            if message.fuzzy:
                fuzzy.append(message.context)
                continue
            if not all(forms):
                continue
        messages[message.context] = forms
    if is_template:
        return Compiled("en", ENGLISH_PLURAL, 2, messages, whole_percent=whole_percent_pattern("en"))
    language = str(catalog.locale).replace("_", "-") if catalog.locale else name
    return Compiled(language, _plural_expression(catalog.plural_forms), catalog.num_plurals, messages,
                    tuple(fuzzy), whole_percent_pattern(language))


def whole_percent_pattern(language: str) -> str:
    """Babel's "100%" for ``language`` with ``{}`` where the number goes (no grouping below a thousand)."""
    from kiosk.i18n.formats import percent

    written = percent(language, 1.0)
    return written.replace("100", "{}", 1) if written.count("100") == 1 else "{}%"


def _plural_expression(header: str) -> str:
    """``nplurals=3; plural=(...);`` → the expression after ``plural=``."""
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name.strip() == "plural":
            return value.strip()
    return ENGLISH_PLURAL


def _to_json(compiled: Compiled) -> dict[str, object]:
    return {"format": CACHE_FORMAT, "language": compiled.language, "plural": compiled.plural_expr,
            "nplurals": compiled.nplurals, "messages": {k: list(v) for k, v in compiled.messages.items()},
            "fuzzy": list(compiled.fuzzy), "whole_percent": compiled.whole_percent}


def _from_json(data: dict[str, object]) -> Compiled:
    if data["format"] != CACHE_FORMAT:
        raise ValueError("old cache format")
    messages, fuzzy = data["messages"], data["fuzzy"]
    if not isinstance(messages, dict) or not isinstance(fuzzy, list):
        raise TypeError("damaged cache")
    whole_percent = str(data["whole_percent"])
    if whole_percent.count("{}") != 1:
        raise ValueError("damaged cache")
    return Compiled(str(data["language"]), str(data["plural"]), int(str(data["nplurals"])),
                    {str(k): tuple(str(s) for s in v) for k, v in messages.items()}, tuple(str(k) for k in fuzzy),
                    whole_percent)


def _older_versions(cache: Path, stem: str) -> list[Path]:
    """Compiled versions of ``stem`` beyond the newest ``KEEP_VERSIONS`` (by when they were written)."""
    def written(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    versions = sorted(cache.glob(f"{stem}-*.json"), key=written, reverse=True)
    return versions[KEEP_VERSIONS:]


#: a temporary file older than this was left by a process killed while writing (a younger one may be in use)
ABANDONED_AFTER_SECONDS = 3600


def _abandoned_temporaries(cache: Path) -> list[Path]:
    """``.<random>.tmp`` files (``_write_quietly``'s) that no write will finish: their process was killed."""
    import time

    found = []
    for temp in cache.glob(".*.tmp"):
        try:
            if time.time() - temp.stat().st_mtime > ABANDONED_AFTER_SECONDS:
                found.append(temp)
        except OSError:
            continue
    return found


def _remove_quietly(paths: Iterable[Path]) -> None:
    try:
        for old in paths:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _write_quietly(target: Path, text: str) -> None:
    """Atomic write (temp file + rename); any failure leaves the app running on the in-memory catalog."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
