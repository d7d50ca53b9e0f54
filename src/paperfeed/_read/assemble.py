"""Page facts and card checks: the view a URL names, the one reference date, titles.

What the builder, the fast path and the renderers must agree on: which view a page URL
shows (``page_kind``), which date year-less dates resolve against (argument -> capture
header -> page date -> today, with a note saying which), and why a line cannot be a
paper's title (a number, a bracket, markup, a URL, chrome, an "arxiv:" line).
"""

from __future__ import annotations

import datetime
import re
import urllib.parse
from collections.abc import Mapping

from paperfeed._common import DiagnosticSink, capture_date, normalize_ws
from paperfeed._dates import match_date
from paperfeed._models import Diagnostic, PageKind, Severity

from . import patterns as P
from .cards import Token
from .patterns import HTML_TAG

__all__ = ["NO_PAPERS", "choose_reference", "page_kind", "title_problem"]

NO_PAPERS = Diagnostic("no-papers", Severity.WARNING, "no paper cards found in the input", 0)
"""What a reader says about a papers page that lists no papers."""
_MARKUP_RE = re.compile(
    rf"\]\(|!\[|{HTML_TAG}|<!--|^\s*[#>|]|^\*\*|^\[.*\]$|^https?://|^www\.", re.IGNORECASE
)
_PUNCT_ONLY_RE = re.compile(r"[\W_]+")
_ARXIV_LINE_RE = re.compile(r"arxiv\s*:", re.IGNORECASE)


def title_problem(text: str) -> str | None:
    """Say why ``text`` cannot be a paper's title, or ``None`` if it can."""
    if P.parse_count(text) is not None or P.COUNTS_RE.fullmatch(text):
        return "a count"
    if _PUNCT_ONLY_RE.fullmatch(text):
        return "only punctuation"
    if _MARKUP_RE.search(text):
        return "markup or a URL"
    if _ARXIV_LINE_RE.match(text):
        return "an arXiv id line"
    if P.is_chrome(text):
        return "page chrome"
    if P.AUTHORS_RE.fullmatch(text) or P.SUBMITTED_RE.fullmatch(text):
        return "a card label"
    return None


def page_kind(url: str | None) -> tuple[PageKind | None, str | None]:
    """Say which papers view a page URL shows, and its search query if it is a search."""
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
    if P.paper_id_of(url) is not None:
        return PageKind.PAPER, None
    return None, None


def choose_reference(
    reference: datetime.date | None,
    fields: Mapping[str, str],
    page_date: Token | None,
    sink: DiagnosticSink,
) -> datetime.date:
    """Pick the one reference date: argument, capture header, page date, else today."""
    if reference is not None:
        return reference.date() if isinstance(reference, datetime.datetime) else reference
    found = capture_date(fields)
    if found is not None:
        return found
    today = datetime.date.today()
    if page_date is not None:
        printed = match_date(page_date.text, today)
        if printed is not None and printed.value is not None:
            sink.add(
                "reference-page-date",
                Severity.INFO,
                "no reference date given or recorded in the input; dates without a year "
                f"resolve against the page's own date ({printed.value.isoformat()})",
                page_date.line.lineno,
                page_date.line.column,
                page_date.line.raw,
            )
            return printed.value
    sink.add(
        "reference-today",
        Severity.INFO,
        f"no reference date given or recorded in the input; using today ({today.isoformat()})",
        0,
    )
    return today
