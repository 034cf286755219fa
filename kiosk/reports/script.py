"""One script on every report page: whatever was typed or planned, a Serbian report shows it in its own script.

Facilitators type notes in either Serbian script (and now and then in English), plans may hold only Cyrillic,
and a Serbian Latin reader must not meet a Cyrillic letter, nor a Cyrillic reader a Latin word. Every string a
report puts on a page passes through :class:`OneScript` of the report's language, so no call site can forget.

Kept as written: codes, ids, hashes and versions (any token with a digit or an underscore, or one of the
study's own ids), standard and instrument names (ISO/IEC, SHA-256, SUS, SEQ, UMUX-Lite, NASA-TLX), statistic
symbols (n, t-) and SUS grades (A+ … F). Serbian Latin to Cyrillic is the standard one-to-one mapping
(lj, nj, dž as digraphs); letters Serbian lacks are written as they sound (w → в, x → кс, y → ј, q → к).

One exception, for a Cyrillic report: a text that is plainly English (a note a facilitator typed in English,
an English-only plan text) stays in Latin. Spelt in Cyrillic ("Реацхес тхе цонфирматион паге") it is neither
Serbian nor readable English; a Serbian reader of a Cyrillic report reads Latin English without trouble.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kiosk.translit import cyrillic_to_latin

#: Latin names a Serbian Cyrillic report keeps: standards, instruments, statistic symbols
KEEP_NAMES = frozenset({"ISO/IEC", "ISO", "IEC", "SHA-256", "SUS", "SEQ", "UMUX-Lite", "UMUX", "NASA-TLX", "TLX",
                        "NASA", "n", "t", "PDF", "CSV"})
_SUS_GRADE = re.compile(r"^[A-F][+-]?$")
_EDGE = "„“”\"'‘’()[]{}<>:;,.!?…–—•«»*"
_TOKEN = re.compile(r"\S+")

_LATIN_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
_LATIN = {
    "a": "а", "b": "б", "c": "ц", "č": "ч", "ć": "ћ", "d": "д", "đ": "ђ", "e": "е", "f": "ф", "g": "г", "h": "х",
    "i": "и", "j": "ј", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "š": "ш",
    "t": "т", "u": "у", "v": "в", "z": "з", "ž": "ж", "q": "к", "w": "в", "x": "кс", "y": "ј",
}
#: Cyrillic letters Serbian does not use (Russian, Ukrainian, Rusyn, Macedonian), for a Latin report
_OTHER_CYRILLIC = {
    "я": "ja", "ю": "ju", "ё": "jo", "є": "je", "ї": "ji", "і": "i", "ы": "y", "э": "e", "й": "j", "щ": "šč",
    "ь": "", "ъ": "", "ґ": "g", "ў": "u", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}


def latin_to_cyrillic(text: str) -> str:
    """Serbian Latin to Serbian Cyrillic, letter by letter; anything not Latin passes through."""
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair.lower() in _LATIN_DIGRAPHS:
            cyr = _LATIN_DIGRAPHS[pair.lower()]
            out.append(cyr.upper() if pair[0].isupper() else cyr)
            i += 2
            continue
        ch = text[i]
        lower = ch.lower()
        if lower not in _LATIN:  # é, ü, ö …: the base letter
            base = unicodedata.normalize("NFD", lower)[0]
            lower = base if base in _LATIN and base.isascii() else lower
        letter = _LATIN.get(lower)
        out.append(ch if letter is None else (letter[0].upper() + letter[1:] if ch.isupper() else letter))
        i += 1
    return "".join(out)


def any_cyrillic_to_latin(text: str) -> str:
    """Serbian Cyrillic by the standard transliteration; other Cyrillic letters by a plain one."""
    text = cyrillic_to_latin(text)
    if not any("\u0400" <= ch <= "\u04ff" for ch in text):
        return text
    out = []
    for ch in text:
        latin = _OTHER_CYRILLIC.get(ch.lower())
        out.append(ch if latin is None else latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


#: report language → how a string is brought into its script (languages not listed are left as they are)
_CONVERT: dict[str, Callable[[str], str]] = {"sr-Latn": any_cyrillic_to_latin, "sr-Cyrl": latin_to_cyrillic}


#: English function words that are not also Serbian words ("to", "on", "a" are both, so they do not count)
_ENGLISH_WORDS = frozenset({"the", "and", "of", "is", "was", "with", "for", "not", "this", "that", "did", "does",
                            "she", "they", "it", "are", "be", "has", "have", "were", "would", "could", "an", "at",
                            "her", "his", "what", "when", "where", "which", "who", "will", "can't", "didn't"})
_ENGLISH_SPELLING = re.compile(r"[qwxy]|th|sh|ch|ck|ee|oo")
_LATIN_WORD = re.compile(r"[A-Za-zčćđšžČĆĐŠŽ']+")


def looks_english(text: str) -> bool:
    """Whether a Latin text is English rather than Serbian Latin: English function words and spellings that
    Serbian Latin never uses (q, w, x, y, th, sh, ch, ck, ee, oo), in more than one word or most of a short text."""
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    if not words:
        return False
    marked = sum(w in _ENGLISH_WORDS or bool(_ENGLISH_SPELLING.search(w)) for w in words)
    return marked >= 2 or marked * 2 > len(words)


@dataclass(frozen=True)
class OneScript:
    """The one function every string on a report page passes through (see the module docstring)."""

    lang: str
    #: the study's own ids and the participants' codes, kept as written
    ids: frozenset[str] = field(default_factory=frozenset)

    def __call__(self, text: str) -> str:
        convert = _CONVERT.get(self.lang)
        if convert is None or not text:
            return text
        if convert is any_cyrillic_to_latin:
            return convert(text)  # nothing Cyrillic is ever worth keeping in a Latin report
        if looks_english(" ".join(t for t in _TOKEN.findall(text) if not self.keeps(t))):
            return text  # see the module docstring: English stays readable English (ids and names not counted)
        return _TOKEN.sub(lambda m: m.group() if self.keeps(m.group()) else convert(m.group()), text)

    def keeps(self, token: str) -> bool:
        core = token.strip(_EDGE)
        if not core or core in KEEP_NAMES or core in self.ids or _SUS_GRADE.match(core):
            return True
        if core.startswith("t-") and not re.search(r"[A-Za-z]", core[2:]):
            return True  # the t-interval: "t-интервалом"
        return any(ch.isdigit() or ch == "_" for ch in core)

    def with_ids(self, ids: Iterable[str]) -> OneScript:
        return OneScript(self.lang, self.ids | frozenset(i for i in ids if i))
