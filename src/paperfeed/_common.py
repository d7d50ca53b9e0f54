"""The shared floor: what the reading, writing and rendering stages must agree on.

Two things, both below every stage: whitespace normalisation, and the shapes of
Hugging Face's papers site (paper URLs, the view and period a page URL or a page's
``dateString`` names). A reader reads them, a renderer writes them, and the testing kit
checks the round trip with the very same functions.
"""

from __future__ import annotations

import calendar
import datetime
import re
import urllib.parse
from collections.abc import Mapping
from typing import Any

import attrs

from ._models import PageKind

__all__ = [
    "PageFacts",
    "find_paper_id",
    "normalize_line",
    "normalize_ws",
    "page_facts",
    "page_from_url",
    "page_kind",
    "paper_id_of",
    "period",
    "with_url",
]

# -- whitespace ----------------------------------------------------------------------------

# Whitespace other than a plain space (every character ``str.split`` splits at), spelled
# out: a class of ranges scans about half again as fast as ``[^\S ]``.
_NON_SPACE_WS = re.compile(
    "[\t\n\x0b-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


def normalize_line(raw: str) -> str:
    """``normalize_ws`` for one line of input: text without ``\n`` or ``\r``.

    The line parsers call it on every line (and twice per card of a large dump), so it
    proves a line clean with a few fast searches before falling back to a split.
    """
    s = raw.strip()
    # On prose, str.rfind's reverse search finds "  " about twice as fast as str.find, "in"
    # or SRE's literal search (spaces are common, so forward searches stop often).
    if not s or s.rfind("  ") >= 0:
        return " ".join(s.split())
    if s.isascii():
        # The other ASCII whitespace a line can hold is all below "\x20"; memchr finds it.
        if (
            "\t" in s
            or "\x0b" in s
            or "\x0c" in s
            or "\x1c" in s
            or "\x1d" in s
            or ("\x1e" in s or "\x1f" in s)
        ):
            return " ".join(s.split())
        return s
    return s if _NON_SPACE_WS.search(s) is None else " ".join(s.split())


def normalize_ws(text: str) -> str:
    """Strip ``text`` and collapse every whitespace run (as ``str.split`` sees it) to a space."""
    if "\n" in text or "\r" in text:
        return " ".join(text.split())
    return normalize_line(text)


# -- paper URLs ----------------------------------------------------------------------------

_PAPER_ID_RE = re.compile(
    r"""(?:huggingface\.co/(?:papers/|login\?next=%2Fpapers%2F)|arxiv\.org/(?:abs|pdf)/)
        (?P<id>[0-9]{4}\.[0-9]{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?""",
    re.VERBOSE,
)
_PAPER_PATH_RE = re.compile(
    r"https?://(?:www\.)?huggingface\.co/papers/(?P<id>\d{4}\.\d{4,5})(?:v\d+)?/?(?P<frag>#\S*)?"
)


def find_paper_id(text: str) -> str | None:
    """Return the paper id a Hugging Face or arXiv URL in ``text`` points to."""
    m = _PAPER_ID_RE.search(text)
    if m is None:
        return None
    return m["id"]  # a version suffix ("v2") names the same paper on the Hub


def paper_id_of(href: str | None) -> tuple[str, str] | None:
    """Return (id, fragment) of a link to a paper page, else ``None``."""
    if href is None:
        return None
    m = _PAPER_PATH_RE.fullmatch(href)
    if m is None:
        return None
    return m["id"], (m["frag"] or "")


# -- the view a page shows -----------------------------------------------------------------

_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK_RE = re.compile(r"(\d{4})-W(\d{1,2})")
_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_PERIODS = {"day": PageKind.DAILY, "week": PageKind.WEEKLY, "month": PageKind.MONTHLY}
_URL_KIND_RE = re.compile(
    r"""huggingface\.co/papers
        (?:/date/(?P<day>\d{4}-\d{2}-\d{2})
          |/week/(?P<week>\d{4}-W\d{1,2})
          |/month/(?P<month>\d{4}-\d{2})
          |/(?P<trending>trending)
          |/(?P<paper>[^/?#]+))?
        /?(?:\?(?P<qs>[^#]*))?(?:\#.*)?$""",
    re.VERBOSE,
)


@attrs.frozen
class PageFacts:
    """What a page says about the listing besides its papers: its view, period and query."""

    kind: PageKind | None = None
    """The view: daily, weekly, monthly, trending, search or one paper's page."""
    date: datetime.date | None = None
    """The page's date: the day, or the first day of its week or month."""
    period_start: datetime.date | None = None
    """The first day the view covers."""
    period_end: datetime.date | None = None
    """The last day the view covers."""
    query: str | None = None
    """A search view's query."""


def period(date_string: str) -> tuple[datetime.date, datetime.date, PageKind] | None:
    """Read a ``dateString`` as (first day, last day, view kind), or ``None``.

    ``YYYY-MM-DD`` is a day, ``YYYY-Www`` an ISO week and ``YYYY-MM`` a month.
    """
    try:
        if m := _DAY_RE.fullmatch(date_string):
            day = datetime.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, PageKind.DAILY
        if m := _WEEK_RE.fullmatch(date_string):
            monday = datetime.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + datetime.timedelta(days=6), PageKind.WEEKLY
        if m := _MONTH_RE.fullmatch(date_string):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return (
                datetime.date(year, month, 1),
                datetime.date(year, month, last),
                PageKind.MONTHLY,
            )
    except (ValueError, OverflowError):
        pass
    return None


def page_facts(meta: Mapping[str, Any], kind: PageKind | None = None) -> PageFacts:
    """Read the page facts of page props or an API answer (``dateString``, ``periodType``...)."""
    date = start = end = None
    date_string = meta.get("dateString")
    found = period(date_string) if isinstance(date_string, str) else None
    if found is not None:
        start, end, kind = found
        date = start
    period_type = meta.get("periodType")
    if isinstance(period_type, str) and period_type in _PERIODS and found is None:
        kind = _PERIODS[period_type]
    query = meta.get("query")
    q = query.get("q") if isinstance(query, dict) else None
    q = normalize_ws(q) if isinstance(q, str) else None
    if meta.get("isTrending") is True:
        kind = PageKind.TRENDING
    if q:
        kind = PageKind.SEARCH
    return PageFacts(kind, date, start, end, q or None)


def page_from_url(url: str | None) -> PageFacts:
    """Tell the view and its period from the page URL (``/papers/week/2026-W39``...)."""
    m = _URL_KIND_RE.search(url or "")
    if m is None:
        return PageFacts()
    qs = urllib.parse.parse_qs(m["qs"] or "")
    query = qs.get("q", [""])[0].strip() or None
    found = period(m["day"] or m["week"] or m["month"] or qs.get("date", [""])[0])
    if found is not None:
        return PageFacts(found[2], found[0], found[0], found[1], query)
    if query:
        return PageFacts(PageKind.SEARCH, query=query)
    if m["trending"]:
        return PageFacts(PageKind.TRENDING)
    if m["paper"]:
        return PageFacts(PageKind.PAPER)
    return PageFacts(PageKind.DAILY)


def with_url(facts: PageFacts, url: str | None) -> PageFacts:
    """Fill in the view and period the page data leaves out from what its URL says."""
    if facts.kind is not None and facts.date is not None:
        return facts
    seen = page_from_url(url)
    names = ("kind", "date", "period_start", "period_end", "query")
    missing = {n: getattr(seen, n) for n in names if getattr(facts, n) is None}
    return attrs.evolve(facts, **missing)


def page_kind(url: str | None) -> tuple[PageKind | None, str | None]:
    """Say which papers view a saved copy's URL shows, and its search query if it is one.

    Stricter than ``page_from_url`` (which reads the URLs of saved HTML pages): only
    ``/papers`` paths and ``?q=`` searches name a view, and a paper page only by its id.
    """
    if not url:
        return None, None
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qs(parts.query).get("q")
    if query and query[0].strip():
        return PageKind.SEARCH, normalize_ws(query[0])
    path = parts.path.rstrip("/")
    if not path.startswith("/papers"):
        return None, None
    for prefix, kind in (
        ("/papers/trending", PageKind.TRENDING),
        ("/papers/week/", PageKind.WEEKLY),
        ("/papers/month/", PageKind.MONTHLY),
        ("/papers/date/", PageKind.DAILY),
    ):
        if path.startswith(prefix):
            return kind, None
    if path == "/papers":
        return PageKind.DAILY, None
    if paper_id_of(url) is not None:
        return PageKind.PAPER, None
    return None, None
