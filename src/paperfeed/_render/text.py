"""Write a feed back out as the plain-text listing the text parser reads.

The output looks like a select-all copy of a Hugging Face papers page: the page chrome,
the date navigator, then one card per paper::

    Submitted by akhaliq          (submitted_by)
    12                            (upvotes; "-" for 0)
    Title

    Abstract

      • 8 authors                 (or "A, B • 8 authors", or an organisation line)
    ·
    Feb 15, 2023 3                (published_text, then the comment count)
    https://huggingface.co/papers/2302.01234#community   (paper_id)
    GitHub 62                     (github_stars)

``parse_text(render_text(feed), reference=feed.reference) == feed`` holds exactly for the
feeds ``representable_in_text`` accepts (``paperfeed._testing.text_rules``).
"""

from __future__ import annotations

import datetime

from paperfeed._dates import resolve_month_day
from paperfeed._models import Feed, PageKind, Paper

__all__ = [
    "CHROME_HEADER",
    "authors_line",
    "body_text",
    "card_lines",
    "community_url",
    "date_line",
    "format_count",
    "format_date",
    "front_matter_lines",
    "github_line",
    "render_text",
]

CHROME_HEADER = (
    "new",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
)
"""The page chrome a select-all copy carries above the date navigator."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PAPER_URL = "https://huggingface.co/papers/{}#community"


def format_date(value: datetime.date, reference: datetime.date) -> str:
    """Format a date as Hugging Face prints it: "Jul 9" in the reference's year, else with one."""
    text = f"{_MONTHS[value.month - 1]} {value.day}"
    if (
        value.year == reference.year
        and resolve_month_day(value.month, value.day, reference) == value
    ):
        return text
    return f"{text}, {value.year:04d}"


def format_count(value: int) -> str:
    """Format an upvote count as the upvote box does ("-" for 0, commas from ten million)."""
    if value == 0:
        return "-"
    return f"{value:,}" if value >= 10_000_000 else str(value)


def authors_line(paper: Paper) -> str | None:
    """Return the card's author line ("  • 8 authors", "A, B • 2 authors"), if it has one."""
    if paper.authors is None:
        return None
    count = paper.authors.count
    noun = "author" if count == 1 else "authors"
    if paper.authors.names:
        return f"{', '.join(paper.authors.names)} • {count} {noun}"
    return f"  • {count} {noun}"


def date_line(paper: Paper, reference: datetime.date) -> str | None:
    """Return the card's date line with its comment count, if the card has a date."""
    text = paper.published_text
    if text is None:
        if paper.published is None:
            return None
        text = format_date(paper.published, reference)
    return text if paper.comments is None else f"{text} {paper.comments}"


def body_text(paper: Paper, trending: bool) -> str | None:
    """Return the text under a card's title: the abstract, or on trending pages the AI summary."""
    if paper.abstract is not None or not trending:
        return paper.abstract
    return paper.ai_summary


def github_line(stars: int) -> str:
    """Return the GitHub trailer ("GitHub 62"; thousands separators from a billion)."""
    return f"GitHub {stars:,}" if stars >= 10**9 else f"GitHub {stars}"


def card_lines(
    paper: Paper, reference: datetime.date, trending: bool = False
) -> tuple[list[str], int]:
    """Return one card's lines (no blank lines) and the index of its date line (-1: none)."""
    lines: list[str] = []
    if paper.submitted_by is not None:
        lines.append(f"Submitted by {paper.submitted_by}")
    if paper.upvotes is not None:
        lines.append(format_count(paper.upvotes))
    lines.append(paper.title)
    body = body_text(paper, trending)
    if body is not None:
        lines.append(body)
    byline = authors_line(paper)
    if byline is None:
        byline = paper.organization
    if byline is not None:
        lines += [byline, "·"]
    date_index = -1
    dated = date_line(paper, reference)
    if dated is not None:
        date_index = len(lines)
        lines.append(dated)
    if paper.paper_id is not None:
        lines.append(community_url(paper.paper_id))
    if paper.github_stars is not None:
        lines.append(github_line(paper.github_stars))
    return lines, date_index


def community_url(paper_id: str) -> str:
    """Return the link to a paper's comments a card prints its ``paper_id`` as."""
    return _PAPER_URL.format(paper_id)


def front_matter_lines(feed: Feed) -> list[str]:
    """Return a YAML front matter recording the page URL (if any) and the reference date."""
    lines = ["---"]
    if feed.source_url is not None:
        lines.append(f"url: {feed.source_url}")
    lines += [f"retrieved: {feed.reference.isoformat()}", "---"]
    return lines


def render_text(feed: Feed, *, front_matter: bool | None = None) -> str:
    """Write ``feed`` as a plain-text listing that ``parse_text`` reads back.

    ``front_matter`` adds a YAML header with ``url:`` and ``retrieved:`` (the reference),
    which makes the text self-contained; by default it is written only when the feed has
    a ``source_url``. Fields the text format cannot carry are left out silently; use
    ``representable_in_text`` to know whether the round trip is exact.
    """
    out: list[str] = []
    if front_matter or (front_matter is None and feed.source_url is not None):
        out += front_matter_lines(feed)
    for line in CHROME_HEADER:
        out += [line, ""]
    if feed.date is not None:
        out += [format_date(feed.date, feed.reference), ""]
    trending = feed.kind is PageKind.TRENDING
    for paper in feed.papers:
        lines, _ = card_lines(paper, feed.reference, trending)
        title_index = (paper.submitted_by is not None) + (paper.upvotes is not None)
        body = body_text(paper, trending) is not None
        for index, line in enumerate(lines):
            out.append(line)
            if index == title_index or (body and index == title_index + 1):
                out.append("")
        out.append("")
    return "\n".join(out)
