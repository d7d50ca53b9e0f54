"""A speed trick for large select-all dumps: whole cards of the common shape by one regex.

A dump of a search view repeats one card shape thousands of times: [upvotes] title
[abstract] "• N authors" "·" date. ``fast_cards`` takes a run of such cards that reaches
the end of the input, card after card with nothing between, and builds their papers
without naming each line. It only vouches for a card whose every line the line reader
would name the same way (free text, an author count, a separator, a valid date); for
anything else it gives up and the caller reads the whole input the ordinary way. A
property test keeps both paths equal.
"""

from __future__ import annotations

import datetime
import re

import attrs

from paperfeed._common import normalize_line
from paperfeed._dates import match_date
from paperfeed._models import AuthorCount, Paper, _trusted_paper

from . import patterns as P
from .cards import Kind, Token, classify
from .chrome import FOOTER
from .lines import _CONTROLS_MAX, PAREN_CONTROL_RE, REFERENCES, Line, text_to_lines

__all__ = ["FastRun", "fast_cards", "find_fast_run"]

# [upvotes] title [abstract] "• N authors" "·" date, each a whole line; blank lines are
# possessive (``*+``): giving one back never helps a card match.
_CARD_RE = re.compile(
    r"(?:(?P<up>[0-9]{1,7}|-)[ \t]*+\n(?:[ \t]*+\n)*+)?"
    r"(?P<title>[^\n]+)\n(?:[ \t]*+\n)*+"
    r"(?:(?P<abstract>[^\n]+)\n(?:[ \t]*+\n)*+)?"
    r"[ \t]*+•[ \t]*+(?P<count>[0-9]{1,6})[ \t]+authors?[ \t]*+\n"
    r"[ \t]*+·[ \t]*+\n"
    r"(?P<date>[^\n]{1,48})(?:\n|\Z)(?:[ \t]*+\n)*+",
    re.MULTILINE,
)
_FIRST_RE = re.compile("^" + _CARD_RE.pattern, re.MULTILINE)
_HEAD = r"(?:(?P<up>[0-9]{1,7}|-)[ \t]*+\n(?:[ \t]*+\n)*+)?(?P<title>[^\n]+)\n(?:[ \t]*+\n)*+"
_HEAD_RE = re.compile(_HEAD)
# A card's tail, and the head of the card after it if one follows: one call per card.
_TAIL_RE = re.compile(
    r"(?:[ \t]*+\n)*+[ \t]*+•[ \t]*+(?P<count>[0-9]{1,6})[ \t]+authors?[ \t]*+\n"
    r"[ \t]*+·[ \t]*+\n"
    r"(?P<date>[^\n]{1,48})(?:\n|\Z)(?:[ \t]*+\n)*+"
    rf"(?:(?P<next>){_HEAD})?"
)
_DateFields = tuple[datetime.date, str, bool, int | None]  # published ... comments
_MIN_CARDS = 64  # below this the ordinary path is as fast
_CHROME_MAX = 80  # no chrome line or run of chrome words is longer
_NUMBERED_RE = re.compile(r"\d{1,3}\.\s")
_FIRST_WORDS = frozenset(
    entry.split(" ", 1)[0] for entry in (*FOOTER, *P.ARXIV_LABELS, REFERENCES.lower())
)  # FOOTER holds CHROME and is lower-case; the reader reads nothing after "References"
_LABELS = ("submitted", "github", "upvote", "http://", "https://", "www.", "arxiv")
_LABEL_INITIALS = frozenset("sSgGuUhHwWaA")
_ENDINGS = ("author", "authors", "ago", "today", "yesterday")
_ENDING_LASTS = frozenset("rRsSoOyY")


def _free(text: str) -> bool:
    """Cheap proof that the line reader names a line free text, unchanged.

    Every rule of the reader that could read or strip part of a line looks at its start
    (bullets, labels, URLs, image alts), its end (dates, counts and author counts end in a
    digit or their word), a markdown link tail, or, in lines of at most 120 characters,
    brackets and a text browser's controls. So a line that starts with a letter or digit
    that is no list marker, ends in none of those, holds none of those, and is neither
    chrome nor a run of chrome words is free text as it is.
    """
    first, last = text[0], text[-1]
    if not first.isalnum() or last.isdigit() or last == "·":
        return False
    if (first == "o" and text[1:2] == " ") or (first.isdigit() and _NUMBERED_RE.match(text)):
        return False
    if first in _LABEL_INITIALS and text[:12].lower().startswith(_LABELS):
        return False
    if last in _ENDING_LASTS and text[-9:].lower().endswith(_ENDINGS):
        return False
    if len(text) > _CONTROLS_MAX:
        # A one-character search first: memchr finds "]" twenty times as fast as
        # str's search finds "](" in a long line.
        return "]" not in text or "](" not in text
    if (
        "[" in text
        or "]" in text
        or ("_" in text and "__" in text)
        or "IFRAME" in text
        or ("(" in text and PAREN_CONTROL_RE.search(text) is not None)
    ):
        return False
    # Chrome lines, runs of chrome words and arXiv labels all start with a word from this set.
    return len(text) > _CHROME_MAX or text.split(" ", 1)[0].lower() not in _FIRST_WORDS


@attrs.frozen
class FastRun:
    """Where a run of common-shape cards may start, and the shape its cards share."""

    start: int
    """Offset of the card after the input's first card of the shape."""
    leading_counts: bool
    """Whether its cards start with an upvote count (then every one must)."""


def find_fast_run(text: str) -> FastRun | None:
    """Find where a run of common-shape cards would start: after the first such card.

    The first card stays with the ordinary path (it may carry the page's chrome); the card
    right after it must be of the shape too. ``fast_cards`` checks the rest of the run.
    """
    first = _FIRST_RE.search(text)
    if first is None:
        return None
    second = _CARD_RE.match(text, first.end())
    if second is None or second.end() == first.end():
        return None
    return FastRun(first.end(), second["up"] is not None)


def _slow_plain(raw: str) -> str | None:
    """The line as the reader sees it if it names it free text, by asking the reader."""
    tokens = classify_line(raw)
    if tokens is None or len(tokens) != 1 or tokens[0].kind is not Kind.TEXT:
        return None
    return tokens[0].text


def classify_line(raw: str) -> list[Token] | None:
    """Name one raw line exactly as the line reader would (one visible run), or ``None``."""
    lines: list[Line] = list(text_to_lines([raw]))
    if len(lines) != 1 or lines[0].href is not None or lines[0].box:
        return None
    return classify(lines[0])


def fast_cards(
    text: str, run: FastRun, reference: datetime.date, min_cards: int = _MIN_CARDS
) -> list[Paper] | None:
    """Build the papers of ``run`` to the end of the input.

    ``None`` when any card is not plainly of the shape, when anything but blank lines
    stands between cards or after the last, or when the run is shorter than ``min_cards``.
    """
    from .assemble import title_problem

    out: list[Paper] = []
    dates: dict[str, _DateFields | None] = {}
    authors: dict[str, AuthorCount] = {}
    match = _CARD_RE.match
    tail, find, free = _TAIL_RE.match, text.find, _free
    pos = run.start
    end = len(text)
    while end and text[end - 1] in " \t\n":
        end -= 1
    leading = run.leading_counts
    # ``_CARD_RE.match(text, pos)`` in steps, so that memchr rather than the regex engine
    # crosses the abstract, each step the full regex's own first choice: the head (upvotes
    # and title), then the tail after one line or none, which takes the next card's head.
    up, raw_title, k = _head_at(text, pos)
    while pos < end:
        t = None
        if k >= 0:
            j = find("\n", k)
            if j > k and (t := tail(text, j + 1)) is not None:
                raw_abstract: str | None = text[k:j]
            elif (t := tail(text, k)) is not None:
                raw_abstract = None
        if t is not None:
            count, raw_date, following, next_up, next_title = t.groups()
            if following is None:
                pos, k = t.end(), -1
            else:
                pos, k = t.start("next"), t.end()
        else:
            m = match(text, pos)
            if m is None or m.end() == pos:
                return None  # something else between cards: not a run to the end
            pos = m.end()
            up, raw_title, raw_abstract, count, raw_date = m.groups()
            next_up, next_title, k = _head_at(text, pos)
        if (up is not None) != leading:
            return None
        title: str | None = normalize_line(raw_title)
        if not (title and free(title)):
            title = _slow_plain(raw_title)
            if title is None or title_problem(title) is not None:
                return None
        elif "<" in title and title_problem(title) is not None:
            return None
        abstract: str | None = None
        if raw_abstract is not None:
            abstract = normalize_line(raw_abstract)
            if not (abstract and free(abstract)):
                abstract = _slow_plain(raw_abstract)
                if abstract is None:
                    return None
        if raw_date in dates:
            dated = dates[raw_date]
        else:
            dated = dates[raw_date] = _date_fields(raw_date, reference)
        if dated is None:
            return None
        published, published_text, inferred, comments = dated
        out.append(
            _trusted_paper(
                title,
                abstract,
                authors.get(count) or authors.setdefault(count, AuthorCount(int(count))),
                published,
                published_text,
                inferred,
                comments,
                None if up is None else 0 if up == "-" else int(up),
            )
        )
        up, raw_title = next_up, next_title
    return out if len(out) >= min_cards else None


def _head_at(text: str, pos: int) -> tuple[str | None, str, int]:
    """The upvotes, title and end of a card's head at ``pos`` (end -1: no head there)."""
    h = _HEAD_RE.match(text, pos)
    return (None, "", -1) if h is None else (h["up"], h["title"], h.end())


def _date_fields(raw: str, reference: datetime.date) -> _DateFields | None:
    text = normalize_line(raw)
    tokens = classify_line(raw)
    if not text or tokens is None or len(tokens) != 1:
        return None
    token = tokens[0]
    if token.kind is not Kind.DATE or token.dotted:
        return None
    printed = match_date(token.text, reference)
    if printed is None or printed.value is None:
        return None
    return printed.value, printed.text, printed.year_inferred, printed.comments
