"""Numbers, percentages, ordinals and dates as each language writes them (Babel, CLDR data).

Serbian writes 67,5 and 1.234; English 67.5 and 1,234; Hungarian 67,5 and 1234. Reports and the console
format every number through here, never with ``f"{x:.1f}"``. Babel and its locale data cost ~120 ms on
first use, so they are imported inside each function: a start that formats nothing pays nothing.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

#: CLDR ordinal category → English suffix; other languages write ordinals as "21." (see ``ordinal``).
_ENGLISH_ORDINAL = {"one": "st", "two": "nd", "few": "rd", "other": "th"}


@lru_cache(maxsize=16)
def babel_locale(lang: str) -> Locale:
    """``sr-Latn`` → Babel's ``sr_Latn``; a language CLDR does not know formats like English."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def integer(lang: str, value: int) -> str:
    if -1000 < value < 1000:
        return str(value)  # no language groups below a thousand: skip loading Babel
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0", locale=babel_locale(lang))


def decimal(lang: str, value: float, digits: int = 1) -> str:
    """``value`` with exactly ``digits`` decimals, in the language's decimal separator."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=babel_locale(lang))


def percent(lang: str, ratio: float, digits: int = 0) -> str:
    """0.675 → "68%" (en, sr) or "68%" (hu): the language's own percent pattern and spacing."""
    from babel.numbers import format_percent

    locale = babel_locale(lang)
    pattern = locale.percent_formats[None].pattern
    if digits:
        pattern = pattern.replace("0%", "0." + "0" * digits + "%").replace("0\u00a0%", "0." + "0" * digits + "\u00a0%")
    return format_percent(ratio, format=pattern, locale=locale)


def data_size(lang: str, size: int) -> str:
    """A number of bytes as people read it, in decimal units: 960 B, 1.5 kB, 12.3 MB (12,3 MB in Serbian)."""
    if size < 1000:
        return f"{integer(lang, size)}\u00a0B"  # the symbol every language here writes ("960 byte" is CLDR English)
    from babel.units import format_unit

    for unit, scale in (("digital-terabyte", 10**12), ("digital-gigabyte", 10**9), ("digital-megabyte", 10**6)):
        if size >= scale:
            return format_unit(size / scale, unit, length="short", format="#,##0.#", locale=babel_locale(lang))
    return format_unit(size / 1000, "digital-kilobyte", length="short", format="#,##0.#", locale=babel_locale(lang))


def ordinal(lang: str, value: int) -> str:
    """21 → "21st" in English; Serbian and Hungarian write ordinals with a full stop: "21."."""
    if babel_locale(lang).language == "en":
        return f"{value}{_ENGLISH_ORDINAL.get(babel_locale('en').ordinal_form(value), 'th')}"
    return f"{value}."


def local_datetime(lang: str, moment: dt.datetime, *, with_seconds: bool = False) -> str:
    """A UTC time stamp shown in the laptop's local time zone, as the language writes dates."""
    from babel.dates import format_datetime

    local = moment.astimezone() if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc).astimezone()
    return format_datetime(local, "medium" if with_seconds else _short_with_year(lang), locale=babel_locale(lang))


def local_date(lang: str, moment: dt.datetime | dt.date) -> str:
    from babel.dates import format_date

    if isinstance(moment, dt.datetime):
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone().date()
    return format_date(moment, "medium", locale=babel_locale(lang))


def _short_with_year(lang: str) -> str:
    """The language's medium date with a short time (no seconds): '30. 11. 2026. 14:05'."""
    locale = babel_locale(lang)
    date = locale.date_formats["medium"].pattern
    time = locale.time_formats["short"].pattern
    return locale.datetime_formats["medium"].replace("{1}", date).replace("{0}", time)
