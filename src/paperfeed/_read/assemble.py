"""Parsed cards -> ``Paper``s and a ``Feed``: the one reference date, card checks, the feed.

Every reader ends here. ``choose_reference`` is the only place that decides which date
year-less dates resolve against (argument -> capture header -> the page's own date ->
today, with a note saying which when it was not given); ``assemble_feed`` puts the papers,
the page facts and the diagnostics (in input order) into the ``Feed``; ``title_problem``
says why a line cannot be a paper's title.
"""

from __future__ import annotations

import datetime
import re

from paperfeed._common import PageFacts
from paperfeed._dates import match_date
from paperfeed._models import Diagnostic, Feed, Paper, Severity

from . import patterns as P
from .cards import Token
from .diagnostics import DiagnosticSink
from .patterns import HTML_TAG

__all__ = [
    "NO_PAPERS",
    "assemble_feed",
    "check_reference",
    "choose_reference",
    "title_problem",
]

NO_PAPERS = Diagnostic("no-papers", Severity.WARNING, "no paper cards found in the input", 0)
"""What a reader says about a papers page that lists no papers."""
_MARKUP_RE = re.compile(
    rf"\]\(|!\[|{HTML_TAG}|<!--|^\s*[#>|]|^\*\*|^\[.*\]$|^https?://|^www\.", re.IGNORECASE
)
_PUNCT_ONLY_RE = re.compile(r"[\W_]+")
_ARXIV_LINE_RE = re.compile(r"arxiv\s*:", re.IGNORECASE)


def check_reference(reference: object) -> None:
    """Raise a helpful ``TypeError`` unless ``reference`` is ``None`` or a date."""
    if reference is not None and not isinstance(reference, datetime.date):
        raise TypeError(
            f"reference must be a datetime.date, not {type(reference).__name__}; "
            "use datetime.date.fromisoformat('YYYY-MM-DD')"
        )


def choose_reference(
    reference: datetime.date | None,
    sink: DiagnosticSink,
    *,
    captured: datetime.date | None = None,
    page_date: datetime.date | None = None,
    printed_page_date: Token | None = None,
) -> datetime.date:
    """Pick the one reference date of an input: argument, capture date, page date, today.

    ``captured`` is what a capture header records; ``page_date`` the date a page's data
    states (HTML props, API JSON, the page URL); ``printed_page_date`` the date navigator
    a copy printed, read against today and noted, as its year may be a guess. Falling
    back to today is noted too.
    """
    check_reference(reference)
    if reference is not None:
        return reference.date() if isinstance(reference, datetime.datetime) else reference
    if captured is not None:
        return captured
    if page_date is not None:
        return page_date
    today = datetime.date.today()
    if printed_page_date is not None:
        printed = match_date(printed_page_date.text, today)
        if printed is not None and printed.value is not None:
            line = printed_page_date.line
            sink.add(
                "reference-page-date",
                Severity.INFO,
                "no reference date given or recorded in the input; dates without a year "
                f"resolve against the page's own date ({printed.value.isoformat()})",
                line.lineno,
                line.column,
                line.raw,
            )
            return printed.value
    sink.add(
        "reference-today",
        Severity.INFO,
        f"no reference date given or recorded in the input; using today ({today.isoformat()})",
        0,
    )
    return today


def assemble_feed(
    papers: tuple[Paper, ...],
    reference: datetime.date,
    sink: DiagnosticSink,
    facts: PageFacts,
    source_url: str | None = None,
) -> Feed:
    """Put a reading together: its papers, reference, page facts and diagnostics in order."""
    return Feed(
        papers=papers,
        reference=reference,
        date=facts.date,
        diagnostics=sink.in_order(),
        kind=facts.kind,
        period_start=facts.period_start,
        period_end=facts.period_end,
        query=facts.query,
        source_url=source_url,
    )


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
