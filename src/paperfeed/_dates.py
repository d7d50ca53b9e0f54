"""Dates as Hugging Face prints them: "Feb 15, 2023", "Jul 9", "today", "3 days ago".

Year-less dates are resolved against one reference date per input. Nothing here calls
``strptime("%b %d")``: parsing a day without a year is deprecated in CPython 3.13+ and
would silently pick 1900, where Feb 29 does not exist.
"""

from __future__ import annotations

import calendar
import datetime
import re

import attrs
import dateutil.parser

__all__ = [
    "SKEW_DAYS",
    "PrintedDate",
    "match_date",
    "month_number",
    "parse_capture_date",
    "resolve_month_day",
]

SKEW_DAYS = 2
"""A year-less date may lie this many days after the reference (clock and time-zone skew)."""

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
    _MONTHS[calendar.month_name[_number].lower()] = _number
_MONTHS["sept"] = 9
# calendar's names follow the C locale at import; pin English in case a locale was set.
_MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "may": 5,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
        "january": 1,
        "february": 2,
        "march": 3,
        "april": 4,
        "june": 6,
        "july": 7,
        "august": 8,
        "september": 9,
        "october": 10,
        "november": 11,
        "december": 12,
    }
)

# A whole date as printed on a card or the date navigator, optionally followed by the
# comment count ("Nov 1, 2022 1") and optionally introduced by "Published on".
_DATE_RE = re.compile(
    r"""
    (?:published\ on\ )?
    (?:  # relative words first: "yesterday 2" is not month "yesterday", day 2
        (?P<today>today)
      | (?P<yesterday>yesterday)
      | (?P<ago>\d{1,4}|an?)\ (?P<unit>day|week)s?\ ago
      | (?P<iso>\d{4}-\d{2}-\d{2})
      | (?P<month>[a-z]{3,9})\.?\ (?P<day>\d{1,2})
        (?:,\ ?(?P<year>\d{4})|\ (?P<bare_year>(?:19|20)\d{2})(?!\d))?  # "Aug 20 2022" too
      | (?P<day_first>\d{1,2})\ (?P<month_after>[a-z]{3,9})\.?,?\ (?P<year_after>\d{4})
      | (?:(?P<cjk_year>\d{4})\ ?年\ ?)?(?P<cjk_month>\d{1,2})\ ?月\ ?(?P<cjk_day>\d{1,2})\ ?日
    )
    (?:\ +(?P<comments>\d{1,7}))?
    """,
    re.VERBOSE | re.IGNORECASE,
)


@attrs.frozen
class PrintedDate:
    """A date line taken apart: the date text as printed, its value, and any comment count."""

    text: str
    """The date exactly as printed, without "Published on" and the comment count."""
    value: datetime.date | None
    """The resolved date; ``None`` when the text names no real day ("Feb 30, 2023")."""
    year_inferred: bool
    """True when the year was not printed and came from the reference."""
    comments: int | None
    """The integer printed after the date, if any."""


def month_number(name: str) -> int | None:
    """The number of a month named in English, in full or short ("Sep", "September")."""
    return _MONTHS.get(name.lower().rstrip("."))


def resolve_month_day(month: int, day: int, reference: datetime.date) -> datetime.date | None:
    """Return the latest ``month``/``day`` on or before ``reference`` (plus the skew).

    Feb 29 goes to the latest leap year that fits; an impossible day gives ``None``.
    """
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    limit = reference + datetime.timedelta(days=SKEW_DAYS)
    year = limit.year
    for _ in range(10):  # a fitting leap day is at most 9 years back (2104-01 -> 2096)
        if year < datetime.MINYEAR:
            return None
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            if month == 2 and day == 29:
                year -= 1
                continue
            return None
        if candidate <= limit:
            return candidate
        year -= 1
    return None


def match_date(line: str, reference: datetime.date) -> PrintedDate | None:
    """Read ``line`` as a whole date line, or return ``None`` if it is not one."""
    m = _DATE_RE.fullmatch(line)
    if m is None:
        return None
    comments = None if m["comments"] is None else int(m["comments"])
    start = m.start("comments") if m["comments"] is not None else m.end()
    text = line[:start].rstrip()
    if text[:13].lower() == "published on ":
        text = text[13:]
    if m["month"] is not None or m["month_after"] is not None:
        month = _MONTHS.get((m["month"] or m["month_after"]).lower())
        if month is None:
            return None
        day = int(m["day"] or m["day_first"])
        year = m["year"] or m["bare_year"] or m["year_after"]
        if year is not None:
            try:
                value: datetime.date | None = datetime.date(int(year), month, day)
            except ValueError:
                value = None
            return PrintedDate(text, value, False, comments)
        return PrintedDate(text, resolve_month_day(month, day, reference), True, comments)
    if m["cjk_month"] is not None:  # "9月28日", "2025年9月28日" (a translated page)
        month, day = int(m["cjk_month"]), int(m["cjk_day"])
        if m["cjk_year"] is not None:
            try:
                value = datetime.date(int(m["cjk_year"]), month, day)
            except ValueError:
                value = None
            return PrintedDate(text, value, False, comments)
        return PrintedDate(text, resolve_month_day(month, day, reference), True, comments)
    if m["iso"] is not None:
        try:
            value = datetime.date.fromisoformat(m["iso"])
        except ValueError:
            value = None
        return PrintedDate(text, value, False, comments)
    if m["today"] is not None:
        return PrintedDate(text, reference, False, comments)
    if m["yesterday"] is not None:
        return PrintedDate(text, _days_before(reference, 1), False, comments)
    count = 1 if m["ago"].lower() in ("a", "an") else int(m["ago"])
    days = count * (7 if m["unit"].lower() == "week" else 1)
    return PrintedDate(text, _days_before(reference, days), False, comments)


def _days_before(reference: datetime.date, days: int) -> datetime.date | None:
    try:
        return reference - datetime.timedelta(days=days)
    except OverflowError:
        return None


def parse_capture_date(value: str) -> datetime.date | None:
    """Read a capture timestamp from front matter ("2026-10-02", "Oct 2, 2026 10:00 UTC")."""
    value = value.strip().strip("\"'")
    if not value:
        return None
    try:
        return dateutil.parser.isoparse(value).date()
    except (ValueError, OverflowError):
        pass
    try:
        # A fixed default makes a missing year an error we can see rather than "this year".
        default = datetime.datetime(1, 1, 1)
        parsed = dateutil.parser.parse(value, default=default)
    except (ValueError, OverflowError):
        return None
    return None if parsed.year == 1 else parsed.date()
