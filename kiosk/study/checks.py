"""Plan checks that look across sections or inside words, kept apart from the section-by-section reader.

Both guard against plans that pass a naive check and then lose data or read wrongly: two questions
with one id overwrite each other's answers, and a Latin ``a`` typed inside a Cyrillic word looks right
on screen but transliterates to nonsense in Serbian Latin and breaks search and read-aloud.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from kiosk.i18n import DERIVED_LANGUAGES
from kiosk.study.instruments import KNOWN_INSTRUMENTS
from kiosk.study.model import Question

# Names the built-in questionnaires use as answer-id prefixes (``seq:task``, ``nasa_tlx_pair:...``).
RESERVED_QUESTION_IDS = frozenset({*KNOWN_INSTRUMENTS, "nasa_tlx_pair"})
_WORD = re.compile(r"\w+")
# Digits that stand in for Cyrillic letters of the same shape (3 for З, 0 for О).
_LOOKALIKE_DIGITS = frozenset("30")


def question_id_problems(lists: Iterable[tuple[str, tuple[Question, ...]]]) -> list[tuple[str, str]]:
    """``(key path, message)`` for ids reused across question lists or taken by a built-in questionnaire."""
    problems: list[tuple[str, str]] = []
    first: dict[str, str] = {}
    for section, questions in lists:
        for i, question in enumerate(questions):
            path = f"{section}[{i}].id"
            if question.id in RESERVED_QUESTION_IDS:
                problems.append((path, f"{question.id!r} is the name of a built-in questionnaire; "
                                       "choose another id so their answers stay apart"))
            elif question.id in first and not first[question.id].startswith(f"{section}["):
                problems.append((path, f"duplicate id {question.id!r}, already used by {first[question.id]}; "
                                       "question ids must be unique across pre-, post-task and post-session questions"))
            first.setdefault(question.id, path.removesuffix(".id"))
    return problems


def _script(ch: str) -> str:
    if "\u0400" <= ch <= "\u04ff":
        return "cyrillic"
    if ch.isascii() and ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN"):
        return "latin"
    return "other"


def mixed_script_words(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """``(offset, word, foreign characters)`` for Cyrillic words with Latin letters or look-alike digits in them.

    A digit counts only where every other character of the word is a Cyrillic letter (``3апочните``),
    so ordinary mixtures such as ``2 МБ`` or ``10км`` are left alone.
    """
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        scripts = [_script(ch) for ch in word]
        if "cyrillic" not in scripts:
            continue
        foreign = [ch for ch, script in zip(word, scripts) if script == "latin"]
        others = [ch for ch, script in zip(word, scripts) if script == "other"]
        if others and all(ch in _LOOKALIKE_DIGITS for ch in others) and len(word) - len(others) >= 3:
            foreign += others
        if foreign:
            found.append((match.start(), word, tuple(dict.fromkeys(foreign))))
    return found


def unreviewed_language_problems(value: object, languages: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """``[consent] unreviewed_languages``: the tags it names, and what is wrong with the list.

    A tag the study does not offer would mark nothing (a typo hiding an unreviewed text); Serbian Latin is
    never written, so its review status is the Cyrillic's and only ``sr-Cyrl`` may be listed.
    """
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        return (), [f'expected a list of language tags such as ["hu"], found {type(value).__name__}']
    tags: list[str] = []
    problems: list[str] = []
    for tag in value:
        if tag in DERIVED_LANGUAGES:
            problems.append(f"{tag!r} is made from the Cyrillic: list {DERIVED_LANGUAGES[tag][0]!r}")
        elif tag not in languages:
            problems.append(f"{tag!r} is not one of study.languages ({', '.join(languages)})")
        elif tag in tags:
            problems.append(f"{tag!r} is listed twice")
        else:
            tags.append(tag)
    return tuple(tags), problems
