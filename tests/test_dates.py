from datetime import date

import pytest

from govgraph.dates import (
    date_bounds,
    interval,
    intervals_overlap,
    is_valid_on,
    normalize_partial_date,
    parse_as_of,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2015, "2015"),
        ("2015", "2015"),
        ("2015-09", "2015-09"),
        ("2016-02-29", "2016-02-29"),
        (date(2017, 10, 1), "2017-10-01"),
    ],
)
def test_partial_dates_are_accepted_and_kept_as_written(value, expected):
    assert normalize_partial_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["2019-02-29", "2015-13", "2015-00", "15", "2015/09", "2015-9", "", "soon", True, 20.5, "0000"],
)
def test_impossible_or_malformed_dates_are_refused(value):
    with pytest.raises(ValueError):
        normalize_partial_date(value)


def test_a_partial_date_stands_for_a_span_of_days():
    assert date_bounds("2016") == (date(2016, 1, 1), date(2016, 12, 31))
    assert date_bounds("2016-02") == (date(2016, 2, 1), date(2016, 2, 29))
    assert date_bounds("2017-02") == (date(2017, 2, 1), date(2017, 2, 28))
    assert date_bounds("2017-10-15") == (date(2017, 10, 15), date(2017, 10, 15))


def test_validity_is_inclusive_at_both_ends_and_open_when_missing():
    assert is_valid_on("2015", "2018", date(2015, 1, 1))
    assert is_valid_on("2015", "2018", date(2018, 12, 31))
    assert not is_valid_on("2015", "2018", date(2014, 12, 31))
    assert not is_valid_on("2015", "2018", date(2019, 1, 1))
    assert is_valid_on(None, None, date(1, 1, 1))
    assert is_valid_on(None, "2000", date(1900, 6, 1))


def test_intervals_overlap_when_they_share_a_day():
    assert intervals_overlap(interval("2015", "2016"), interval("2016-12-31", None))
    assert not intervals_overlap(interval("2015", "2016"), interval("2017", None))
    assert intervals_overlap(interval(None, None), interval("2020", "2020"))


def test_as_of_takes_partial_dates_as_their_first_day():
    assert parse_as_of("2018") == date(2018, 1, 1)
    assert parse_as_of("2018-06") == date(2018, 6, 1)
    assert parse_as_of(date(2018, 6, 5)) == date(2018, 6, 5)
    with pytest.raises(ValueError):
        parse_as_of("2018-02-30")
