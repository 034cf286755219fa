"""Numbers, percentages, ordinals and dates as each language writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.i18n import formats


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "67.5"), ("sr-Cyrl", "67,5"), ("sr-Latn", "67,5"), ("hu", "67,5")])
def test_decimal_separator(lang: str, expected: str) -> None:
    assert formats.decimal(lang, 67.5) == expected
    assert formats.decimal(lang, 3.14159, 2) == expected.replace("67", "3").replace("5", "14")


def test_grouping_and_integers() -> None:
    assert formats.integer("en", 12345) == "12,345"
    assert formats.integer("sr-Cyrl", 12345) == "12.345"
    assert formats.integer("hu", 12345) == "12\xa0345"
    assert formats.integer("sr-Cyrl", 999) == "999"


def test_percent() -> None:
    assert formats.percent("en", 0.675) == "68%"
    assert formats.percent("sr-Latn", 0.6754, 1) == "67,5%"
    assert formats.percent("en", 1) == "100%"


@pytest.mark.parametrize(("n", "english"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
    (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th"), (112, "112th")])
def test_ordinals(n: int, english: str) -> None:
    assert formats.ordinal("en", n) == english
    assert formats.ordinal("sr-Cyrl", n) == f"{n}."
    assert formats.ordinal("hu", n) == f"{n}."


def test_dates_are_local_time_written_the_languages_way(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Belgrade")
    time.tzset()
    try:
        moment = dt.datetime(2026, 11, 30, 13, 5, tzinfo=dt.timezone.utc)  # 14:05 in Belgrade (CET)
        assert formats.local_datetime("sr-Latn", moment) == "30. 11. 2026. 14:05"
        assert formats.local_datetime("en", moment) == "Nov 30, 2026, 2:05\u202fPM"
        assert formats.local_date("sr-Cyrl", moment) == "30. 11. 2026."
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_an_unknown_language_formats_like_english() -> None:
    assert formats.decimal("xx-Qaaa", 1.5) == "1.5"
