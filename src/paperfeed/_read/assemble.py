"""Parsed cards -> ``Paper``s and a ``Feed``: the one reference date, card checks, the feed.

Every reader ends here. ``choose_reference`` is the only place that decides which date
year-less dates resolve against (argument -> capture header -> the page's own date ->
today, with a note saying which when it was not given); ``build_paper`` checks a raw card
of a text or markdown copy and builds its ``Paper`` in one straight line (``title_problem``
says why a line cannot be a title); ``assemble_feed`` puts the papers, the page facts and
the diagnostics (in input order) into the ``Feed``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from paperfeed._common import PageFacts
from paperfeed._dates import match_date
from paperfeed._models import AuthorCount, Diagnostic, Feed, PageKind, Paper, Severity

from . import patterns as P
from .cards import Kind, Token
from .diagnostics import DiagnosticSink
from .lines import Line
from .patterns import HTML_TAG
from .rawcard import RawCard

__all__ = [
    "DAILY_CARDS",
    "NO_PAPERS",
    "Report",
    "assemble_feed",
    "build_paper",
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
_ORG_MAX = 120
_SENTENCE_END_RE = re.compile(r"[.!?]\s+[A-Z]")
_SUMMARY_MAX = 400
_WRAPPED_MIN = 50  # a title line this long may have been wrapped (text browsers: 72-80)
DAILY_CARDS = (PageKind.DAILY, PageKind.WEEKLY, PageKind.MONTHLY)
"""The views whose cards share one layout (a submitter, no date, comments only when some)."""
Report = Callable[[str, Severity, str, Line], None]
"""Record a diagnostic (code, severity, message) located at a line and quoting it."""
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


def build_paper(
    card: RawCard, reference: datetime.date, kind: PageKind | None, report: Report
) -> Paper | None:
    """Check one raw card and build its ``Paper``; ``None`` (reported) if it cannot be one.

    The title must pass ``title_problem`` (a linked count may be a title); the last short
    line before the date is the organisation (on a daily card, which prints no abstract,
    the one line after the title: any more are reported); on trending pages a one-sentence text is
    the AI summary; the date is read against ``reference``; unlabelled counts are the
    GitHub stars and comments; daily cards without a comment count have none.
    """
    title = card.title
    if title is None:
        report("no-title", Severity.ERROR, "card has no title; skipped", card.tokens[0].line)
        return None
    body = list(card.body)
    daily = kind in DAILY_CARDS and card.date is None
    # A daily card shows an organisation or an author count, never both, and no abstract.
    shown = card.org is not None or card.authors is not None
    title_text = title.text
    if daily and shown and body and _wrapped_rest(title, body[0]):
        title_text = f"{title_text} {body.pop(0).text}"
    problem = title_problem(title_text)
    if problem is not None and not (title.kind is Kind.PAPER and problem == "a count"):
        report(
            "bad-title",
            Severity.ERROR,
            f"card title {title.text[:60]!r} is {problem}; card skipped",
            title.line,
        )
        return None
    if daily and (len(body) > 1 or (body and shown)):
        # A daily card prints no abstract: past its organisation (or beside its author
        # count, which it prints instead), a line is no field of it.
        keep = 0 if shown else 1
        for token in body[keep:]:
            report(
                "unknown-line",
                Severity.ERROR,
                "line is not part of the card (daily cards print no abstract)",
                token.line,
            )
        body = body[:keep]
    org: str | None = None
    if card.org is not None:
        org = card.org.text
    elif body and card.authors is None and _is_org_text(body[-1]):
        dated = card.dot or card.date is not None
        if dated or len(body) == 1:
            org = P.strip_avatar_alt(body.pop().text)
    text = " ".join(t.text for t in body) or None
    abstract, summary = text, None
    if text is not None and kind is PageKind.TRENDING and _is_summary(text):
        abstract, summary = None, text
    published = published_text = None
    inferred = False
    comments = card.comments
    if card.date is not None:
        date = card.date
        printed = match_date(date.text, reference)
        if printed is not None and printed.value is not None:
            published, published_text = printed.value, printed.text
            inferred = printed.year_inferred
            if printed.comments is not None and comments is None:
                comments = printed.comments
        else:
            published_text = printed.text if printed is not None else date.text
            report(
                "invalid-date",
                Severity.ERROR,
                f"{published_text!r} is not a date of a real day",
                date.line,
            )
    stars = card.github_stars
    counts = list(card.counts)
    if len(counts) >= 2 and stars is None:
        stars = counts.pop(0)
    if counts:
        if comments is None:
            comments = counts.pop()
        elif stars is None:
            stars = counts.pop()
    if comments is None and kind in DAILY_CARDS and card.date is None:
        comments = 0  # daily cards print a comment count only when there are comments
    authors = None
    if card.authors is not None:
        names = card.names if len(card.names) <= card.authors else ()
        authors = AuthorCount(card.authors, names)
    return Paper(
        title=title_text,
        abstract=abstract,
        authors=authors,
        organization=org,
        published=published,
        published_text=published_text,
        year_inferred=inferred,
        comments=comments,
        upvotes=card.upvotes,
        paper_id=card.paper_id,
        submitted_by=card.submitted_by,
        github_repo=card.github_repo,
        github_stars=stars,
        ai_summary=summary,
    )


def _is_org_text(token: Token) -> bool:
    text = token.text
    return len(text) <= _ORG_MAX and len(text.split()) <= 15 and not text.endswith(".")


def _wrapped_rest(title: Token, line: Token) -> bool:
    """Say whether ``line`` is the wrapped rest of a daily card's title (no abstract
    follows one): free text on the very next line, which a text browser that wrapped a
    long title prints there."""
    return (
        line.kind is Kind.TEXT
        and line.line.lineno == title.line.lineno + 1
        and not line.line.gap
        and len(title.line.text) >= _WRAPPED_MIN
    )


def _is_summary(text: str) -> bool:
    """Say whether a trending card's text is an AI summary (one sentence), not an abstract."""
    return len(text) <= _SUMMARY_MAX and len(_SENTENCE_END_RE.findall(text)) <= 1


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
