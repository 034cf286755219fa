"""Serbian Cyrillic to Serbian Latin by the standard (one-to-one Vuk/Gaj) transliteration.

Serbian Latin text is always derived, never typed twice, so the two scripts cannot drift apart.
The digraphs Љ, Њ, Џ become Lj, Nj, Dž in ordinary words and LJ, NJ, DŽ in all-caps words.
"""

from __future__ import annotations

_LOWER = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}
_UPPER = {cyr.upper(): lat.capitalize() for cyr, lat in _LOWER.items()}
_DIGRAPH_UPPER = {"Љ", "Њ", "Џ"}


def _is_upper_letter(ch: str) -> bool:
    return ch.isalpha() and ch.isupper()


def _word_is_all_caps(text: str, index: int) -> bool:
    """Decide whether the digraph at ``index`` stands in an all-caps word.

    A neighbouring upper-case letter decides it (``ЉУБАВ`` → ``LJUBAV``); a neighbouring
    lower-case letter decides against (``Љубав`` → ``Ljubav``); a lone capital stays ``Lj``.
    """
    nxt = text[index + 1] if index + 1 < len(text) else ""
    if nxt.isalpha():
        return nxt.isupper()
    prev = text[index - 1] if index > 0 else ""
    return _is_upper_letter(prev)


def cyrillic_to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic; characters of other scripts pass through unchanged."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _LOWER:
            out.append(_LOWER[ch])
        elif ch in _UPPER:
            latin = _UPPER[ch]
            if ch in _DIGRAPH_UPPER and _word_is_all_caps(text, i):
                latin = latin.upper()
            out.append(latin)
        else:
            out.append(ch)
    return "".join(out)


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)
