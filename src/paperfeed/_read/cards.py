"""Neutral lines -> named card parts: what each visible line is on a papers page.

Each ``Line`` is named by what it is (``Kind``): a card label ("Submitted by"), an
upvote box, a count, "N authors", "·", a date, a week or month navigator, a GitHub or
arXiv link, a link to the paper, a linked organisation, page chrome, or free text. A line
that prints several parts ("Kandinsky Lab · Published on Oct 4, 2026", "GitHub 131 arXiv
Page") gives several ``Token``s. ``cutter`` cuts the named lines into cards.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterable, Iterator

import attrs

from paperfeed._common import paper_id_of
from paperfeed._dates import match_date, month_number

from . import patterns as P
from .lines import Line

__all__ = ["Kind", "Token", "all_chrome", "classify", "tokens_of"]

_ANY_DAY = datetime.date(2000, 1, 1)
_BULLETS_ONLY_RE = re.compile(r"[\s*•+\-◦▪]*")
_DIGIT_RE = re.compile(r"\d")  # what every count, rank, week or month line holds


class Kind(enum.Enum):
    """What one visible line (or part of one) is on a papers page."""

    CHROME = "chrome"
    SUBMITTED = "submitted"
    UPVOTE = "upvote"
    COUNT = "count"
    COUNTS = "counts"
    AUTHORS = "authors"
    DOT = "dot"
    DATE = "date"
    GITHUB = "github"
    ARXIV = "arxiv"
    COMMENTS = "comments"
    THUMB = "thumb"
    PAPER = "paper"
    ORG = "org"
    RANK = "rank"
    PERIOD = "period"
    CUT = "cut"
    TEXT = "text"


@attrs.frozen(slots=True)
class Token:
    """A line named by its kind, with the value the kind carries."""

    kind: Kind
    line: Line
    text: str
    """The part of the line's text this token covers."""
    value: int | tuple[int, int] | str | None = None
    """A count, a pair of counts, a name or date text, depending on ``kind``."""
    paper_id: str | None = None
    """The paper this token's link points to, if any."""
    dotted: bool = False
    """A "·" stood right before it on its line ("· Oct 4, 2026", "· 48 authors")."""
    names: tuple[str, ...] = ()
    """Author names printed before an author count ("Ada Lovelace, Alan Turing • 2 authors")."""


def all_chrome(text: str) -> bool:
    if P.is_chrome(text):
        return True
    words = text.split()
    return len(text) <= 80 and bool(words) and all(P.is_chrome(w) for w in words)


def classify(line: Line) -> list[Token]:
    """Name one line; a line with "·" between a name and a date gives several tokens."""
    text = line.text
    if "·" in text and text != "·":
        left, _, right = text.partition("·")
        left, right = left.strip(), right.strip()
        if _BULLETS_ONLY_RE.fullmatch(left):
            left = ""
        right_tokens = _classify_part(line, right, dotted=True) if right else []
        if right_tokens and right_tokens[0].kind in (Kind.DATE, Kind.AUTHORS):
            head = _classify_part(line, left) if left else []
            # Before "· date" stands the organisation, even one named like chrome.
            head = [Token(Kind.TEXT, line, t.text) if t.kind is Kind.CHROME else t for t in head]
            return [*head, Token(Kind.DOT, line, "·"), *right_tokens]
        if not right and left:
            return [*_classify_part(line, left), Token(Kind.DOT, line, "·")]
    if (m := P.LINK_ROW_RE.fullmatch(text)) is not None:  # "GitHub 131 arXiv Page"
        return [*_classify_part(line, m["github"]), *_classify_part(line, m["arxiv"])]
    return _classify_part(line, text)


def _classify_part(line: Line, text: str, dotted: bool = False) -> list[Token]:
    if P.TRUNCATED_RE.fullmatch(text):  # a capture tool's "[Content truncated]"
        return [Token(Kind.CUT, line, text)]
    href = line.href
    paper = paper_id_of(href)
    if text == "·":
        return [Token(Kind.DOT, line, text)]
    if not text:
        if paper is not None:
            return [Token(Kind.THUMB, line, text, paper_id=paper[0])]
        return []
    upvote_id = P.upvote_id_of(href)
    short = len(text) <= 40
    if upvote_id is not None or (short and (line.box or text[:6].lower() == "upvote")):
        m = P.UPVOTE_RE.fullmatch(text)
        if m is not None:
            return [Token(Kind.UPVOTE, line, text, P.parse_count(m["n"]), upvote_id)]
    if paper is not None and paper[1].startswith("#community"):
        count = P.parse_count(text)
        if count is not None:
            return [Token(Kind.COMMENTS, line, text, count, paper[0])]
    if href is not None and "github.com" in href:
        m = P.GITHUB_RE.fullmatch(text)
        stars = P.parse_count(m["n"]) if m is not None and m["n"] else P.parse_count(text)
        return [Token(Kind.GITHUB, line, text, stars, paper[0] if paper else None)]
    # A count, rank, week or month needs a digit; names before a count need a dot too.
    digits = _DIGIT_RE.search(text) is not None
    if short and digits and (m := P.AUTHORS_RE.fullmatch(text)) is not None:
        dot = dotted or text[0] in "·•∙"
        return [Token(Kind.AUTHORS, line, text, int(m["n"]), paper and paper[0], dot)]
    if (
        digits
        and ("•" in text or "·" in text or "∙" in text)
        and (m := P.NAMED_AUTHORS_RE.fullmatch(text)) is not None
    ):
        names = tuple(n.strip() for n in m["names"].split(",") if n.strip())
        if 0 < len(names) <= int(m["n"]):
            return [Token(Kind.AUTHORS, line, text, int(m["n"]), paper and paper[0], dotted, names)]
    if short:
        if (m := P.SUBMITTED_RE.fullmatch(text)) is not None:
            return [Token(Kind.SUBMITTED, line, text, m["name"])]
        if text.lower() in P.ARXIV_LABELS or (href is not None and "arxiv.org/" in href):
            return [Token(Kind.ARXIV, line, text)]
        if (m := P.GITHUB_RE.fullmatch(text)) is not None and text[:6].lower() == "github":
            return [Token(Kind.GITHUB, line, text, m["n"] and P.parse_count(m["n"]))]
        count = P.parse_count(text)
        if count is not None:
            kind = Kind.COUNT
            return [Token(kind, line, text, count, paper and paper[0])]
        if (digits or "-" in text) and (m := P.COUNTS_RE.fullmatch(text)) is not None:
            pair = (P.parse_count(m["a"]) or 0, P.parse_count(m["b"]) or 0)
            return [Token(Kind.COUNTS, line, text, pair)]
        if digits and P.RANK_RE.fullmatch(text):
            return [Token(Kind.RANK, line, text)]
        if digits and (m := P.WEEK_RE.fullmatch(text)) is not None:
            return [
                Token(
                    Kind.PERIOD,
                    line,
                    text,
                    f"W{m['week']}" + (f",{m['year']}" if m["year"] else ""),
                )
            ]
        if (
            digits
            and (m := P.MONTH_RE.fullmatch(text)) is not None
            and (month := month_number(m["month"]))
        ):
            return [Token(Kind.PERIOD, line, text, f"M{month},{m['year']}")]
        bare = text.lstrip("·• ")
        if match_date(bare, _ANY_DAY) is not None:
            dot = dotted or bare != text or bare[:12].lower() == "published on"
            return [Token(Kind.DATE, line, bare, bare, paper and paper[0], dot)]
    if paper is not None:
        return [Token(Kind.PAPER, line, text, None, paper[0])]
    slug = P.org_slug(href)
    if slug is not None:
        return [Token(Kind.ORG, line, P.strip_avatar_alt(text, slug), slug)]
    if all_chrome(text):
        return [Token(Kind.CHROME, line, text)]
    return [Token(Kind.TEXT, line, text)]


def tokens_of(lines: Iterable[Line]) -> Iterator[Token]:
    """Name every line."""
    for line in lines:
        yield from classify(line)
