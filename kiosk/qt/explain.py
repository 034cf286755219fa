"""A domain error in the console's language: the words its catalog key names, else a translated frame."""

from __future__ import annotations

from kiosk.explained import ExplainedError
from kiosk.i18n import Catalog


def explain(error: BaseException, catalog: Catalog, lang: str) -> str:
    """What to show a facilitator for ``error``; never raises (a missing message falls back to the English)."""
    if isinstance(error, ExplainedError) and error.key and error.key in catalog.keys("en"):
        # a value named ``<name>_key`` is itself a catalog key (which field, say), worded in the same language
        values = {name[:-4] if name.endswith("_key") else name:
                  catalog.text(lang, str(value)) if name.endswith("_key") else value
                  for name, value in error.values.items()}
        try:
            return catalog.text(lang, error.key, **values)
        except (KeyError, IndexError, ValueError):
            pass  # a translation that lost a placeholder: the English detail below is better than nothing
    return catalog.text(lang, "error.unexplained", detail=str(error) or type(error).__name__)
