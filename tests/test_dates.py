"""Date resolution: printed dates, inferred years, leap days, skew, relative dates."""

from __future__ import annotations

import datetime
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperfeed._dates import SKEW_DAYS, match_date, parse_capture_date, resolve_month_day

D = datetime.date


@pytest.mark.parametrize(
    ("month", "day", "reference", "expected"),
    [
        (7, 9, D(2025, 12, 20), D(2025, 7, 9)),
        (12, 21, D(2025, 12, 20), D(2025, 12, 21)),  # one day ahead: clock skew
        (12, 22, D(2025, 12, 20), D(2025, 12, 22)),  # two days ahead: still skew
        (12, 23, D(2025, 12, 20), D(2024, 12, 23)),  # three days ahead: last year
        (1, 1, D(2025, 12, 28), D(2025, 1, 1)),
        (1, 1, D(2025, 12, 30), D(2026, 1, 1)),  # year boundary inside the skew
        (12, 31, D(2026, 1, 1), D(2025, 12, 31)),
        (2, 29, D(2025, 6, 1), D(2024, 2, 29)),
        (2, 29, D(2024, 2, 28), D(2024, 2, 29)),  # skew reaches the leap day
        (2, 29, D(2024, 2, 26), D(2020, 2, 29)),
        (2, 29, D(2104, 1, 10), D(2096, 2, 29)),  # 2100 is not a leap year
        (2, 30, D(2024, 6, 1), None),
        (4, 31, D(2024, 6, 1), None),
        (13, 1, D(2024, 6, 1), None),
    ],
)
def test_resolve_month_day(month: int, day: int, reference: D, expected: D | None) -> None:
    assert resolve_month_day(month, day, reference) == expected


@given(st.dates(min_value=D(2, 1, 1)), st.integers(1, 12), st.integers(1, 31))
def test_resolved_date_is_the_latest_fitting_one(reference: D, month: int, day: int) -> None:
    found = resolve_month_day(month, day, reference)
    if found is None:
        # Only impossible days (or leap days before year 1) go unresolved.
        try:
            D(2000, month, day)
        except ValueError:
            return
        assert (month, day) == (2, 29)
        assert reference.year < 10
        return
    limit = reference + datetime.timedelta(days=SKEW_DAYS)
    assert (found.month, found.day) == (month, day)
    assert found <= limit
    later = [y for y in range(found.year + 1, limit.year + 1) if _exists(y, month, day)]
    assert all(D(y, month, day) > limit for y in later)


def _exists(year: int, month: int, day: int) -> bool:
    try:
        D(year, month, day)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("line", "value", "text", "inferred", "comments"),
    [
        ("Feb 15, 2023", D(2023, 2, 15), "Feb 15, 2023", False, None),
        ("Nov 1, 2022 1", D(2022, 11, 1), "Nov 1, 2022", False, 1),
        ("Jun 25 1", D(2025, 6, 25), "Jun 25", True, 1),
        ("Jul 9", D(2025, 7, 9), "Jul 9", True, None),
        ("Published on Oct 4, 2024", D(2024, 10, 4), "Oct 4, 2024", False, None),
        ("September 9, 2024", D(2024, 9, 9), "September 9, 2024", False, None),
        ("Sept 9", D(2025, 9, 9), "Sept 9", True, None),
        ("2024-01-31", D(2024, 1, 31), "2024-01-31", False, None),
        ("today", D(2025, 12, 20), "today", False, None),
        ("yesterday 2", D(2025, 12, 19), "yesterday", False, 2),
        ("5 days ago", D(2025, 12, 15), "5 days ago", False, None),
        ("a day ago", D(2025, 12, 19), "a day ago", False, None),
        ("2 weeks ago", D(2025, 12, 6), "2 weeks ago", False, None),
        ("Feb 30, 2023", None, "Feb 30, 2023", False, None),
        # No comma: a year, not 2022 comments; a short number after it is still comments.
        ("Aug 20 2022", D(2022, 8, 20), "Aug 20 2022", False, None),
        ("Aug 20 2022 4", D(2022, 8, 20), "Aug 20 2022", False, 4),
        ("Aug 20 12", D(2025, 8, 20), "Aug 20", True, 12),
        ("20 Aug 2022", D(2022, 8, 20), "20 Aug 2022", False, None),
    ],
)
def test_match_date(
    line: str, value: D | None, text: str, inferred: bool, comments: int | None
) -> None:
    found = match_date(line, D(2025, 12, 20))
    assert found is not None
    assert (found.value, found.text, found.year_inferred, found.comments) == (
        value,
        text,
        inferred,
        comments,
    )


@pytest.mark.parametrize(
    "line",
    [
        "May 2024",
        "Foo 12",
        "Jul 9, 23",
        "Jul 9th 2023 x",
        "9 July",
        "12 authors",
        "Learning to date",
        "12",
        "Mayday 3",
    ],
)
def test_not_a_date(line: str) -> None:
    assert match_date(line, D(2025, 12, 20)) is None


def test_no_deprecated_yearless_strptime() -> None:
    # CPython 3.13 warns on strptime("%b %d") without a year; we must never trigger it.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert match_date("Feb 29", D(2025, 3, 1)) is not None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-10-02", D(2026, 10, 2)),
        ("2026-10-02T23:59:00Z", D(2026, 10, 2)),
        ("'2026-10-02'", D(2026, 10, 2)),
        ("Oct 2, 2026 10:00", D(2026, 10, 2)),
        ("Oct 2", None),
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_capture_date(value: str, expected: D | None) -> None:
    assert parse_capture_date(value) == expected
