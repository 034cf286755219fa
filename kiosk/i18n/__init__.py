"""Message catalogs (gettext, see ``catalog``), plan texts by language (``local_text``) and formats.

Importing this package reads no catalog: each language is read on first use.
"""

from kiosk.i18n.catalog import Catalog, default_catalog
from kiosk.i18n.local_text import DERIVED_LANGUAGES, FALLBACK_LANGUAGE, LocalText, MissingTranslation

__all__ = ["DERIVED_LANGUAGES", "FALLBACK_LANGUAGE", "Catalog", "LocalText", "MissingTranslation",
           "default_catalog"]
