"""The retention setting, a purge and data sizes in each language: the words the command line and console share."""

from __future__ import annotations

import pytest

from kiosk.exchange.retention import MediaDue, NotRemoved, Purge, PurgedSession, Retention
from kiosk.exchange.retention_words import purge_words, setting_words
from kiosk.i18n import default_catalog
from kiosk.i18n.formats import data_size


@pytest.mark.parametrize(("lang", "size", "shown"), [
    ("en", 0, "0\u00a0B"), ("en", 960, "960\u00a0B"), ("en", 1500, "1.5 kB"), ("en", 12_340_000, "12.3 MB"),
    ("en", 1_073_741_824, "1.1 GB"), ("sr-Cyrl", 12_340_000, "12,3 MB"), ("hu", 1_500_000_000, "1,5 GB"),
])
def test_data_sizes_use_decimal_units_and_the_language_s_separator(lang: str, size: int, shown: str) -> None:
    assert data_size(lang, size) == shown


def test_each_setting_says_in_words_that_recordings_leave_this_laptop() -> None:
    catalog = default_catalog()
    assert "for ever" in setting_words(catalog, "en", Retention(None))
    assert "as soon as the hub confirms" in setting_words(catalog, "en", Retention(0))
    assert "deleted from this laptop 1 day after" in setting_words(catalog, "en", Retention(1))
    assert "30 days after" in setting_words(catalog, "en", Retention(30))
    assert "2 дана пошто центар потврди" in setting_words(catalog, "sr-Cyrl", Retention(2))
    assert "21 дан пошто" in setting_words(catalog, "sr-Cyrl", Retention(21))
    assert "2 dana pošto" in setting_words(catalog, "sr-Latn", Retention(2)), "Serbian Latin is derived"
    assert "30 nappal azután törli" in setting_words(catalog, "hu", Retention(30))


def test_a_purge_is_one_line_and_one_more_per_file_not_deleted() -> None:
    catalog = default_catalog()
    assert purge_words(catalog, "en", Purge()) == []
    due = MediaDue("s1", "study", "P-1", "2026-11-30T10:00:00+00:00", 3, 3_000_000)
    purge = Purge((PurgedSession(due, 2, 2_000_000, (NotRemoved("/data/media/s1/b.wav", "Read-only file system"),)),))
    lines = purge_words(catalog, "en", purge)
    assert lines == ["Deleted from this laptop under the retention setting: 2 files (2 MB) of 1 session; the hub "
                     "keeps its copy.", "Could not delete /data/media/s1/b.wav: Read-only file system"]
    assert purge_words(catalog, "sr-Cyrl", purge)[0].startswith("Обрисано са овог рачунара по подешавању чувања: "
                                                                "2 датотеке (2 MB) из 1 сесије")
