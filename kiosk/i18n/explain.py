"""An error in the reader's language: the words its catalog key names, its values written the language's way.

Qt-free, so the console (``kiosk.qt.explain``) and the command line word errors alike. The domain puts
plain values on an error (see ``kiosk.explained``); here a ``Quantity`` gets the language's digit
grouping (10.000 in Serbian, 10,000 in English), a ``Term`` becomes the catalog's word for it, and a
counted message (``{count}``) takes the plural form its number needs.
"""

from __future__ import annotations

from kiosk.explained import ExplainedError, Quantity, Term
from kiosk.i18n.catalog import Catalog


def words(catalog: Catalog, lang: str, key: str, values: dict[str, object]) -> str:
    """``key`` in ``lang`` with ``values`` formatted; raises KeyError/IndexError/ValueError on a broken message."""
    shown: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, Term):
            shown[name] = catalog.text(lang, value.key)
        elif isinstance(value, Quantity):
            from kiosk.i18n import formats

            shown[name] = formats.integer(lang, value)
        else:
            shown[name] = value
    if catalog.is_plural(key):
        count = shown.pop("count", 0)
        return catalog.plural(lang, key, int(count) if isinstance(count, int) else 0, **shown)
    return catalog.text(lang, key, **shown)


def explain(error: BaseException, catalog: Catalog, lang: str, *, frame: bool = True) -> str:
    """What to show a person for ``error``; never raises (a missing message falls back to the English).

    An error without words of its own is shown inside the translated frame ``error.unexplained`` (the
    console), or as its English text alone with ``frame=False`` (the command line's one-line errors).
    """
    if isinstance(error, ExplainedError) and error.key and error.key in catalog.keys("en"):
        try:
            return words(catalog, lang, error.key, dict(error.values))
        except (KeyError, IndexError, ValueError, TypeError):
            pass  # a translation that lost a placeholder: the English detail below is better than nothing
    detail = str(error) or type(error).__name__
    return catalog.text(lang, "error.unexplained", detail=detail) if frame else detail
