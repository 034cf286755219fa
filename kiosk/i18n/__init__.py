"""Message catalogs (gettext, see ``catalog``), plan texts by language (``local_text``) and formats.

Importing this package reads no catalog: each language is read on first use. ``LocalText`` (a plan's texts)
loads on first use too: the console shows before the plans are read (issue 8).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.i18n.catalog import Catalog, default_catalog
from kiosk.i18n.languages import DERIVED_LANGUAGES, FALLBACK_LANGUAGE, MissingTranslation

if TYPE_CHECKING:
    from kiosk.i18n.local_text import LocalText

__all__ = ["DERIVED_LANGUAGES", "FALLBACK_LANGUAGE", "Catalog", "LocalText", "MissingTranslation",
           "default_catalog"]


def __getattr__(name: str) -> Any:
    if name != "LocalText":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from kiosk.i18n.local_text import LocalText

    return LocalText
