"""Errors a facilitator reads, worded once in English and once per language through the catalog.

The domain cannot know the console's language (and must not import the catalog's machinery into the
store), so an error carries its English text, for logs, the command line and tests, plus the catalog
key and values that word it in any language. ``kiosk.qt.explain`` picks the words; an error without a
key (a guard the UI never lets a person reach) is still shown, inside a translated sentence.
"""

from __future__ import annotations


class ExplainedError(Exception):
    """Base of the domain errors a person may see; ``key`` names a message in ``ui/i18n/messages.pot``."""

    def __init__(self, text: str = "", *, key: str | None = None, **values: object) -> None:
        super().__init__(text)
        self.key = key
        self.values = values

    def carried_by(self, other: ExplainedError) -> ExplainedError:
        """Give ``other``'s words to this error, when one domain error is raised as another."""
        self.key, self.values = other.key, dict(other.values)
        return self


class Term(str):
    """A value of an error that is itself a catalog word (a field's name such as "note"), worded in the
    reader's language by ``kiosk.i18n.explain``; as a ``str`` it is the key, so logs stay readable."""

    __slots__ = ()

    @property
    def key(self) -> str:
        return str(self)


class Quantity(int):
    """A value of an error that is an amount (a length, a limit), written with the language's digit
    grouping (10.000 in Serbian); a plain ``int`` such as a participant number is shown as it is."""

    __slots__ = ()


def stored_words(error: BaseException) -> tuple[str, dict[str, object]]:
    """An error's catalog key and values in a form JSON keeps (``""`` and ``{}`` for an error without words):
    a ``Term`` or ``Quantity`` is tagged so ``restored_words`` gives it back as one, and any other value that
    JSON cannot hold is kept as its text. For records read later in another language (the bundle ledger)."""
    if not isinstance(error, ExplainedError) or not error.key:
        return "", {}
    values: dict[str, object] = {}
    for name, value in error.values.items():
        if isinstance(value, Term):
            values[name] = {"term": str(value)}
        elif isinstance(value, Quantity):
            values[name] = {"quantity": int(value)}
        elif isinstance(value, (str, int, float, bool)) or value is None:
            values[name] = value
        else:
            values[name] = str(value)
    return error.key, values


def restored_words(key: str, stored: dict[str, object]) -> ExplainedError:
    """The error ``stored_words`` kept, with its words again (its English text is not kept with them)."""
    values: dict[str, object] = {}
    for name, value in stored.items():
        if isinstance(value, dict) and set(value) == {"term"}:
            values[name] = Term(str(value["term"]))
        elif isinstance(value, dict) and set(value) == {"quantity"}:
            values[name] = Quantity(int(str(value["quantity"])))
        else:
            values[name] = value
    error = ExplainedError(key=key)
    error.values = values
    return error
