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
feeds ``representable_in_text`` accepts; see its docstring for the rules.
"""

from __future__ import annotations

import datetime

from ._common import FOOTER, find_paper_id, normalize_ws
from ._dates import match_date, resolve_month_day
from ._models import Feed, Paper
from ._paperpage import looks_like_paper_page
from ._scanner import _SEPARATORS, _SUBMITTED_RE, KIND_NAMES, SHORT_LINE, classify_line

__all__ = ["CHROME_HEADER", "format_date", "render_text", "representable_in_text"]

CHROME_HEADER = (
    "new",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
)
"""The page chrome a select-all copy carries above the date navigator."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LINE_MAX = SHORT_LINE  # the scanner only classifies lines this short as dates, counts, ...
_ORG_MAX = 64  # conservative: the scanner accepts organisations up to 100 characters
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


def card_lines(paper: Paper, reference: datetime.date) -> tuple[list[str], int]:
    """Return one card's lines (no blank lines) and the index of its date line (-1: none)."""
    lines: list[str] = []
    if paper.submitted_by is not None:
        lines.append(f"Submitted by {paper.submitted_by}")
    if paper.upvotes is not None:
        lines.append(format_count(paper.upvotes))
    lines.append(paper.title)
    if paper.abstract is not None:
        lines.append(paper.abstract)
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
        lines.append(_PAPER_URL.format(paper.paper_id))
    if paper.github_stars is not None:
        lines.append(f"GitHub {paper.github_stars}")
    return lines, date_index


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
    for paper in feed.papers:
        lines, _ = card_lines(paper, feed.reference)
        title_index = (paper.submitted_by is not None) + (paper.upvotes is not None)
        for index, line in enumerate(lines):
            out.append(line)
            if index == title_index or (paper.abstract is not None and index == title_index + 1):
                out.append("")
        out.append("")
    return "\n".join(out)


# -- what the text format can carry ------------------------------------------------------


def line_kind(line: str, reference: datetime.date) -> str:
    """Classify one normalized line as the card scanner does ("text", "date", "url", ...)."""
    kind, _ = classify_line(line, lambda s: match_date(s, reference))
    return KIND_NAMES[kind]


def _normalized(text: str) -> bool:
    return bool(text) and normalize_ws(text) == text


def is_free_text(text: str, reference: datetime.date) -> bool:
    """True for a normalized line the scanner reads as free text and never as chrome."""
    return _normalized(text) and text.lower() not in FOOTER and line_kind(text, reference) == "text"


def _names_ok(names: tuple[str, ...]) -> bool:
    return all(_normalized(n) and "," not in n and not _SEPARATORS & set(n) for n in names)


def _date_ok(paper: Paper, reference: datetime.date) -> bool:
    line = date_line(paper, reference)
    if paper.published_text is None or line is None or not _normalized(line):
        return False
    if line_kind(line, reference) != "date" or paper.published is None:
        return False
    printed = match_date(line, reference)
    return printed is not None and (
        printed.text,
        printed.value,
        printed.year_inferred,
        printed.comments,
    ) == (paper.published_text, paper.published, paper.year_inferred, paper.comments)


def paper_representable(paper: Paper, reference: datetime.date, *, first: bool = False) -> bool:
    """Tell whether one card round-trips; ``first``: it is the first card, with no page date.

    A card round-trips when every rule holds:

    - no field the text format lacks: ``featured_at``, ``github_repo``, ``project_page``,
      ``ai_summary`` are ``None`` and ``ai_keywords`` is empty; not both ``authors`` and
      ``organization``;
    - ``published_text`` is set, normalized, and ``match_date`` reads the date line
      (text plus comment count) back as exactly ``published_text``, ``published``,
      ``year_inferred`` and ``comments``; the line is at most 64 characters;
    - the abstract, the organisation (at most 64 characters) and the title are normalized
      single lines the scanner reads as free text (not a date, count, "N authors",
      label, URL, "GitHub N", "Submitted by", separator, nor page chrome/footer);
      a title may also be a bare count such as "0" when ``upvotes`` is set and the card
      has an author line, organisation or abstract, or when it has no abstract and has an
      author line;
    - a card with no author line and no organisation has a free-text title or an
      abstract, and, if ``first``, at least two of submitter, upvotes, title, abstract;
    - author names are normalized, without commas or bullets; fewer than a million authors;
    - ``submitted_by`` is normalized and "Submitted by <user>" reads back as that user;
    - ``upvotes`` prints within 64 characters; ``comments`` < 10,000,000;
      ``github_stars`` < 2**53; ``paper_id`` is one ``find_paper_id`` reads from its URL.
    """
    p = paper
    if (p.featured_at, p.github_repo, p.project_page, p.ai_summary) != (None,) * 4:
        return False
    if p.ai_keywords or (p.authors is not None and p.organization is not None):
        return False
    if not _date_ok(p, reference):
        return False
    if p.abstract is not None and not is_free_text(p.abstract, reference):
        return False
    if p.organization is not None and not (
        is_free_text(p.organization, reference) and len(p.organization) <= _ORG_MAX
    ):
        return False
    if p.authors is not None and not (p.authors.count < 1_000_000 and _names_ok(p.authors.names)):
        return False
    if not is_free_text(p.title, reference):
        count_title = _normalized(p.title) and line_kind(p.title, reference) == "upvote"
        if not count_title:
            return False
        has_byline = p.authors is not None or p.organization is not None
        if not (
            (p.upvotes is not None and (has_byline or p.abstract is not None))
            or (p.abstract is None and p.authors is not None)
        ):
            return False
    if p.authors is None and p.organization is None:
        if not (is_free_text(p.title, reference) or p.abstract is not None):
            return False
        if first and sum(x is not None for x in (p.submitted_by, p.upvotes, p.abstract)) < 1:
            return False
    if p.submitted_by is not None:
        line = f"Submitted by {p.submitted_by}"
        m = _SUBMITTED_RE.fullmatch(line)
        if not (
            _normalized(p.submitted_by)
            and len(line) <= _LINE_MAX
            and line_kind(line, reference) == "submitted"
            and m is not None
            and m["user"] == p.submitted_by
        ):
            return False
    if p.upvotes is not None and len(format_count(p.upvotes)) > _LINE_MAX:
        return False
    if p.comments is not None and p.comments >= 10_000_000:
        return False
    if p.github_stars is not None and p.github_stars >= 2**53:
        return False
    return p.paper_id is None or find_paper_id(_PAPER_URL.format(p.paper_id)) == p.paper_id


def _url_ok(url: str) -> bool:
    return (
        url.startswith(("http://", "https://"))
        and len(url.split()) == 1
        and url == url.strip().strip("\"'")
    )


def representable_in_text(feed: Feed) -> bool:
    """Tell whether ``parse_text(render_text(feed), reference=feed.reference) == feed``.

    The feed has no diagnostics, ``kind``, ``period_start``, ``period_end`` or ``query``;
    its ``source_url`` (if any) is an http(s) URL without whitespace or quotes at its ends;
    every paper passes ``paper_representable`` (the first one with ``first=True`` when the
    feed has no page ``date``); and the text does not look like a single paper's page
    (``looks_like_paper_page``: a title "Paper page - ...", a ``url:`` naming one paper, or
    lines "Authors: ..." and "Abstract" together), which ``parse_text`` would read as one.
    """
    if (
        feed.diagnostics
        or (feed.kind, feed.period_start, feed.period_end, feed.query) != (None,) * 4
    ):
        return False
    if feed.source_url is not None and not _url_ok(feed.source_url):
        return False
    return all(
        paper_representable(p, feed.reference, first=(i == 0 and feed.date is None))
        for i, p in enumerate(feed.papers)
    ) and not looks_like_paper_page(render_text(feed))
