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
