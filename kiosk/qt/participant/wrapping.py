"""Word wrapping for buttons: at 200% text a choice or "I am ready to start" is wider than the screen.

A QPushButton draws one line unless its text holds line breaks, so a wrapping button keeps its full
text and shows it broken into lines that fit its current width. The arithmetic is plain (an ``advance``
function measures a string), so it is the same for every button and easy to test.
"""

from __future__ import annotations

from collections.abc import Callable


def wrap_words(text: str, width: int, advance: Callable[[str], int]) -> str:
    """``text`` with line breaks so that no line is wider than ``width`` where a break is possible.

    Breaks only at spaces; a single word wider than ``width`` keeps its own line (the button's minimum
    width is its longest word, so a layout never gives it less)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current: str | None = None
        for word in paragraph.split(" "):
            if current is None:
                current = word
                continue
            candidate = f"{current} {word}"
            if advance(candidate) <= width or not current.strip():
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current or "")
    return "\n".join(lines)


def longest_word(text: str, advance: Callable[[str], int]) -> str:
    """The widest unbreakable piece of ``text`` (what a wrapped button can never be narrower than)."""
    words = [word for line in text.split("\n") for word in line.split(" ") if word]
    return max(words, key=advance, default="")
