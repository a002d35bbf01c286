"""Partial ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) and validity intervals.

A partial date stands for a span of days: ``"2015"`` is all of 2015. An interval
``valid_from .. valid_to`` runs from the first day of ``valid_from`` to the last day of
``valid_to``, both inclusive; a missing bound is open.

Examples
--------
>>> date_bounds("2016-02")
(datetime.date(2016, 2, 1), datetime.date(2016, 2, 29))
>>> is_valid_on("2015", "2018", parse_as_of("2018-12-31"))
True
>>> is_valid_on("2015", "2018", parse_as_of("2019"))
False
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from govgraph.i18n import Phrase

__all__ = [
    "DAY_MAX",
    "DAY_MIN",
    "date_bounds",
    "interval",
    "intervals_overlap",
    "is_valid_on",
    "normalize_partial_date",
    "parse_as_of",
]

DAY_MIN = date.min
DAY_MAX = date.max

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalize_partial_date(value: object) -> str:
    """Check a partial ISO date and return it as a string.

    Accepts what YAML gives for dates: ``2015`` (an int), ``datetime.date`` or a string.
    Raises ``ValueError`` with a readable reason.

    >>> normalize_partial_date(2015), normalize_partial_date("2015-09")
    ('2015', '2015-09')
    >>> normalize_partial_date("2019-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2019-02-30' is not a real date (day 30 of 2019-02)
    """
    if isinstance(value, bool):
        raise ValueError(Phrase("date.not_a_date", value=value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(Phrase("date.not_a_date", value=value))
    text = value.strip()
    _check(text)
    return text


@lru_cache(maxsize=65536)
def _check(text: str) -> None:
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError(Phrase("date.not_a_date", value=text))
    year, month, day = match.groups()
    if int(year) < 1:
        raise ValueError(Phrase("date.year_0", value=text))
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(Phrase("date.bad_month", value=text, month=month))
    if day is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= last:
            raise ValueError(Phrase("date.bad_day", value=text, day=day, month=f"{year}-{month}"))


@lru_cache(maxsize=65536)
def date_bounds(text: str) -> tuple[date, date]:
    """The first and last day a partial date stands for.

    >>> date_bounds("2018")
    (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))
    """
    _check(text)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(*parts)
    return day, day


def interval(valid_from: str | None, valid_to: str | None) -> tuple[date, date]:
    """The closed interval of days ``[first, last]``; open ends become ``date.min/max``.

    >>> interval(None, "2019")
    (datetime.date(1, 1, 1), datetime.date(2019, 12, 31))
    """
    first = date_bounds(valid_from)[0] if valid_from else DAY_MIN
    last = date_bounds(valid_to)[1] if valid_to else DAY_MAX
    return first, last


def is_valid_on(valid_from: str | None, valid_to: str | None, day: date) -> bool:
    """Whether an interval covers a day.

    >>> is_valid_on(None, None, date(1900, 1, 1))
    True
    """
    if valid_from and date_bounds(valid_from)[0] > day:
        return False
    return not (valid_to and date_bounds(valid_to)[1] < day)


def intervals_overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Whether two closed intervals share at least one day.

    >>> intervals_overlap(interval("2015", "2016"), interval("2016-06", None))
    True
    >>> intervals_overlap(interval("2015", "2016"), interval("2017", None))
    False
    """
    return a[0] <= b[1] and b[0] <= a[1]


def parse_as_of(value: str | date) -> date:
    """The day an ``as_of`` argument names. A partial date means its first day.

    >>> parse_as_of("2017"), parse_as_of("2017-10-15")
    (datetime.date(2017, 1, 1), datetime.date(2017, 10, 15))
    """
    if isinstance(value, date):
        return value
    return date_bounds(normalize_partial_date(value))[0]
