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
