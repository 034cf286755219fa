"""The retention setting and a purge's outcome in a reader's language: one wording for the command line and
the console, so both say the same thing (and both say that recordings are deleted from this laptop)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.exchange.retention import Purge, Retention
from kiosk.i18n.formats import data_size

if TYPE_CHECKING:
    from kiosk.i18n import Catalog


def setting_words(catalog: Catalog, lang: str, retention: Retention) -> str:
    """"Media stay on this laptop for ever" / "… deleted … 30 days after the hub confirms it has them"."""
    if retention.media_days is None:
        return catalog.text(lang, "retention.keep_for_ever")
    if retention.media_days == 0:
        return catalog.text(lang, "retention.at_once")
    return catalog.plural(lang, "retention.after_days", retention.media_days)


def purge_words(catalog: Catalog, lang: str, purge: Purge) -> list[str]:
    """One line for what was deleted (none when nothing was), one per file or folder that could not be."""
    lines = []
    if purge.files:
        lines.append(catalog.plural(lang, "retention.purged", purge.emptied,
                                    files=catalog.plural(lang, "count.files", purge.files),
                                    size=data_size(lang, purge.bytes)))
    lines += [catalog.text(lang, "retention.not_removed", path=p.path, reason=p.reason) for p in purge.problems]
    return lines
