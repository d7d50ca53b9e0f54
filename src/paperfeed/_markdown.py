"""The markdown parser: copies of a papers listing made by web-to-markdown tools.

``_mdlines`` reduces the markdown to visible lines plus the URL of every link; those
feed the plain-text card scanner of ``_text`` as text lines each followed by its URL
lines (the text parser already reads a URL on its own line after the text), numbered
with the markdown's own line numbers, so diagnostics point into the markdown. A single
paper page goes to ``_paperpage``.
"""

from __future__ import annotations

import datetime
import urllib.parse

from ._common import check_reference, find_paper_id, normalize_ws
from ._mdlines import MdLine
from ._models import Feed, PageKind
from ._paperpage import looks_like_paper_page, parse_paper_page_markdown
from ._read.listing import read_listing

__all__ = ["page_kind", "parse_markdown"]

# Site chrome a markdown capture keeps that the plain-text chrome lists do not name.
_MD_CHROME = frozenset({"trending papers ranked by github stars activity"})


def parse_markdown(text: str, reference: datetime.date | None = None, strict: bool = False) -> Feed:
    """Parse a markdown copy of a Hugging Face papers listing (or paper page) into a ``Feed``.

    Never raises on any ``str`` in the default mode; with ``strict=True`` the first
    problem raises ``ParseError`` with its line and column in the markdown.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"parse_markdown() takes a str, not {type(text).__name__}; "
            "decode bytes first, e.g. data.decode('utf-8-sig')"
        )
    check_reference(reference)
    if looks_like_paper_page(text):
        return parse_paper_page_markdown(text, reference, strict)
    return read_listing(text, markdown=True, reference=reference, strict=strict)


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
    if find_paper_id(url) is not None:
        return PageKind.PAPER, None
    return None, None


def _entries(lines: list[MdLine]) -> list[tuple[int, str]]:
    """Turn visible lines into (line number, text) pairs: the text, then its link URLs."""
    entries: list[tuple[int, str]] = []
    for line in lines:
        if not line.text:
            # An empty link ("[](…/papers/2401.08406)") still names the paper.
            entries.extend(
                (link.lineno, url) for link in line.links if (url := _absolute(link.url))
            )
            continue
        if line.text.lower() in _MD_CHROME:
            continue
        # Indent like the source so the scanner's column is the markdown's column.
        entries.append((line.lineno, " " * (line.column - 1) + line.text))
        entries.extend((link.lineno, url) for link in line.links if (url := _absolute(link.url)))
    return entries


def _absolute(url: str) -> str:
    """Make a site-relative link ("/papers/2401.08406") absolute; drop other non-web links."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("/") and not url.startswith("//"):
        return "https://huggingface.co" + url
    return ""
