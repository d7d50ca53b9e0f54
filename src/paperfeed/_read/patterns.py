"""Shared patterns and converters for card fields: counts, stars, authors, links, labels.

Every line of a copy is named with these, so "12.3k" stars, "1 authors", an upvote
box's login link or a "Submitted by" label mean the same thing in text and markdown
copies. Paper URLs themselves are ``paperfeed._common``'s (renderers write them too).
"""

from __future__ import annotations

import datetime
import re
import urllib.parse

from paperfeed._dates import match_date

from .chrome import CHROME, FOOTER

__all__ = [
    "AUTHORS_RE",
    "COUNT_RE",
    "GITHUB_RE",
    "HTML_TAG",
    "NAMED_AUTHORS_RE",
    "SUBMITTED_RE",
    "is_chrome",
    "is_plain",
    "org_slug",
    "parse_count",
    "strip_avatar_alt",
    "upvote_id_of",
]

HTML_TAG = (
    r"</?(?:a|abbr|article|b|body|br|code|div|em|font|h[1-6]|head|html|i|img|li|main|nav|"
    r"ol|p|pre|script|section|small|span|strong|style|sub|sup|table|td|th|tr|u|ul)"
    r"(?:\s[^<>]*)?/?>"
)
"""An HTML tag a converter left in its output; ``<think>`` in a title is text."""
_COUNT = r"(?:\d{1,3}(?:,\d{3})+|\d{1,9}(?:\.\d{1,3})?[kKmM]|\d{1,9}|-)"
COUNT_RE = re.compile(_COUNT)
"""A count as cards print it: "17", "1,234", "3.29k", or "-" for zero."""
COUNTS_RE = re.compile(rf"(?P<a>{_COUNT})\s+(?P<b>{_COUNT})")
"""Two counts on one line: a daily card's GitHub stars and comments ("12 2")."""
UPVOTE_RE = re.compile(rf"(?:upvotes?\s*)?(?P<n>{_COUNT})", re.IGNORECASE)
_AUTHORS = r"(?:authors?|位作者|名作者|autoren|autor|auteurs?|autores|autori)"
AUTHORS_RE = re.compile(rf"(?:[·•∙]\s*)?(?P<n>\d{{1,6}})\s*{_AUTHORS}", re.IGNORECASE)
"""An author count; Hugging Face writes "1 authors" too."""
NAMED_AUTHORS_RE = re.compile(
    rf"(?P<names>[^•·\d][^•·]{{0,400}}?)\s*[•·∙]\s*(?P<n>\d{{1,6}})\s*{_AUTHORS}", re.IGNORECASE
)
"""Author names before the count: "Ada Lovelace, Alan Turing • 2 authors"."""
GITHUB_RE = re.compile(rf"github(?::|\s)*(?P<n>{_COUNT})?", re.IGNORECASE)
# The card labels in English and as a browser's translation prints them.
_SUBMITTED_BY = (
    r"(?:submitted\s+by|提交者|提交人|提出者|eingereicht\s+von|soumis\s+par|enviado\s+por)"
)
SUBMITTED_RE = re.compile(
    rf"{_SUBMITTED_BY}:?(?:\s*(?P<name>[^\s·]+))?(?:\s+on\s+(?P<date>.+))?", re.IGNORECASE
)
WEEK_RE = re.compile(r"week\s+(?P<week>\d{1,2})(?:,?\s+(?P<year>\d{4}))?", re.IGNORECASE)
"""A weekly view's navigator: "Week 39", "Week 39, 2026"."""
MONTH_RE = re.compile(r"(?P<month>[a-z]{3,9})\.?\s+(?P<year>\d{4})", re.IGNORECASE)
"""A monthly view's navigator: "September 2026"."""
LINK_ROW_RE = re.compile(
    rf"(?P<github>github(?::|\s)*(?:{_COUNT})?)\s+(?P<arxiv>arxiv page|view arxiv page|arxiv|pdf)",
    re.IGNORECASE,
)
"""A card's link row copied as one line: "GitHub 3.29k arXiv Page"."""
TRUNCATED_RE = re.compile(
    r"[\[(]?(?:content\s+)?truncated(?:\s+content)?[.…]*[\])]?|\.\.\.\s*\(truncated\)",
    re.IGNORECASE,
)
"""A capture tool's note that it cut the page: "[Content truncated]"."""
RANK_RE = re.compile(r"#\d{1,4}\s+paper\s+of\s+the\s+(?:day|week|month)", re.IGNORECASE)
ARXIV_LABELS = frozenset({"arxiv page", "view arxiv page", "pdf", "arxiv", "view pdf"})

_UPVOTE_PATH_RE = re.compile(
    r"https?://(?:www\.)?huggingface\.co/login\?next=%2Fpapers%2F(?P<id>\d{4}\.\d{4,5})"
)
_ORG_PATH_RE = re.compile(r"https?://(?:www\.)?huggingface\.co/(?P<slug>[A-Za-z0-9][\w.-]{0,95})/?")
# First path segments of the site itself, never an organisation or a user.
_SITE_PATHS = frozenset(
    [
        "models",
        "datasets",
        "spaces",
        "docs",
        "pricing",
        "enterprise",
        "login",
        "join",
        "papers",
        "blog",
        "posts",
        "learn",
        "collections",
        "organizations",
        "settings",
        "tasks",
        "chat",
        "storage",
        "inference-endpoints",
        "hardware",
        "languages",
        "search",
        "new",
        "notifications",
        "terms-of-service",
        "privacy",
        "about",
        "careers",
        "jobs",
        "huggingchat",
        "api",
        "buckets",
        "pro",
        "support",
        "inference",
        "welcome",
        "changelog",
        "brand",
        "chat",
    ]
)
_ANY_DAY = datetime.date(2000, 1, 1)  # a reference for "is this a date?" only
_STOP = frozenset({"of", "and", "the", "for", "de", "at", "in", "&"})


def parse_count(text: str) -> int | None:
    """Read a printed count: "-" is 0, "1,234" is 1234, "3.29k" is 3290."""
    text = text.strip()
    if text == "-":
        return 0
    if COUNT_RE.fullmatch(text) is None:
        return None
    scale = 1
    if text[-1] in "kKmM":
        scale = 1000 if text[-1] in "kK" else 1_000_000
        text = text[:-1]
    if "." in text:
        return round(float(text) * scale)
    return int(text.replace(",", "")) * scale


def upvote_id_of(href: str | None) -> str | None:
    """Return the paper id of an upvote box's login link, else ``None``."""
    if href is None:
        return None
    m = _UPVOTE_PATH_RE.match(href)
    return None if m is None else m["id"]


def org_slug(href: str | None) -> str | None:
    """Return the name of the organisation or user a link points to, else ``None``."""
    if href is None:
        return None
    m = _ORG_PATH_RE.fullmatch(href)
    if m is None or m["slug"].lower() in _SITE_PATHS:
        return None
    return urllib.parse.unquote(m["slug"])


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def strip_avatar_alt(text: str, slug: str | None = None) -> str:
    """Drop an organisation avatar's alt text that a converter glued before its name.

    ``"USC-PSI-Lab USC Physical Superintelligence (PSI) Lab"`` reads as the name after the
    slug; ``slug`` is the link's own when the copy kept it. Without it the first word is
    dropped only when it plainly names the rest (same letters, its parts all in the rest,
    or the rest's initials).
    """
    head, sep, rest = text.partition(" ")
    if not sep or not rest.strip():
        return text
    if slug is not None:
        return rest.strip() if head == slug else text
    if len(head) < 3:
        return text
    return rest.strip() if _names(_squash(head), rest) else text


def _names(head: str, rest: str) -> bool:
    """Say whether the squashed slug ``head`` plainly names the organisation ``rest``."""
    squashed = _squash(rest)
    if not squashed or not head:
        return False
    if squashed in head or head in squashed:  # "thalesgroup Thales", "GAIR SII - GAIR"
        return True
    if head[0] == squashed[0] and _subsequence(head, squashed):  # "SeoulNatlUniv Seoul …"
        return True
    words = [w for w in rest.lower().split() if w not in _STOP and w[0].isalnum()]
    initials = "".join(w[0] for w in words)
    return len(initials) >= 2 and head.startswith(initials)  # "CUHK-CSE The Chinese …"


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def is_chrome(text: str) -> bool:
    """Say whether ``text`` is a known piece of site navigation or footer."""
    return text.lower() in FOOTER or text.lower() in CHROME


def is_plain(text: str) -> bool:
    """Say whether ``text`` is free text: no count, date, author count or card label."""
    if not text or text == "·":
        return False
    if len(text) <= 40:
        if (
            COUNT_RE.fullmatch(text)
            or COUNTS_RE.fullmatch(text)
            or AUTHORS_RE.fullmatch(text)
            or SUBMITTED_RE.fullmatch(text)
            or is_chrome(text)
        ):
            return False
        if match_date(text.lstrip("·• "), _ANY_DAY) is not None:
            return False
    return True
