"""The plain-text parser: select-all copies and "save as text" files of a papers listing.

``iter_papers`` streams lines through the card scanner (``_scanner``). ``parse_text`` has
the whole text at hand, so it takes the common card shape with one regex and hands the
scanner only what that regex cannot vouch for; both give the same result.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from ._common import DiagnosticSink, normalize_line
from ._models import Diagnostic, Feed, Paper, _trusted_paper
from ._paperpage import looks_like_paper_page, parse_paper_page_text
from ._scanner import (
    _DATE,
    _TEXT,
    Scanner,
    _author_count,
    _take_front_matter,
    may_not_be_text,
)

__all__ = ["PaperStream", "iter_papers", "parse_text"]


def _file_lines(source: Iterable[str]) -> Iterator[str]:
    for chunk in source:
        if not isinstance(chunk, str):
            raise TypeError(
                f"iter_papers() reads text, got {type(chunk).__name__} lines; open the file "
                "in text mode: open(path, encoding='utf-8')"
            )
        if "\r" in chunk:  # a file opened with newline="" keeps CRs (CR-only files!)
            chunk = chunk.replace("\r\n", "\n").replace("\r", "\n")
        if chunk.endswith("\n"):
            chunk = chunk[:-1]
        if "\n" in chunk:  # a "line" that holds several, e.g. from a list of strings
            yield from chunk.split("\n")
        else:
            yield chunk


# The common card, in one pattern: [upvotes] title [abstract] "• N authors" "·" date.
# Every part is a whole line, so a failed attempt costs one pass over a few lines. Runs
# of blanks and blank lines are possessive (``*+``): giving one back never helps a card
# match, and not keeping track of them makes matching cheaper.
_HEAD = r"(?:(?P<up>[0-9]{1,7}|-)[ \t]*+\n(?:[ \t]*+\n)*+)?(?P<title>[^\n]+)\n(?:[ \t]*+\n)*+"
_ABSTRACT = r"(?:(?P<abstract>[^\n]+)\n(?:[ \t]*+\n)*+)?"
_TAIL = (
    r"[ \t]*+•[ \t]*+(?P<count>[0-9]{1,6})[ \t]+authors?[ \t]*+\n"
    r"[ \t]*+·[ \t]*+\n"
    r"(?P<date>[^\n]{1,48})(?:\n|\Z)(?:[ \t]*+\n)*+"
)
_CARD_RE = re.compile("^" + _HEAD + _ABSTRACT + _TAIL, re.MULTILINE)
# The same pattern in pieces (see ``_scan_text``): the head, then the abstract line by
# ``str.find``, then the tail with the blank lines before it.
_HEAD_RE = re.compile(_HEAD)
_TAIL_RE = re.compile(r"(?:[ \t]*+\n)*+" + _TAIL)

# The fields a card taken whole sets (``_trusted_paper``'s arguments), which the line
# scanner gets back as its ``pending`` card if a line follows.
_FAST_FIELDS = (
    "title",
    "abstract",
    "authors",
    "published",
    "published_text",
    "year_inferred",
    "comments",
    "upvotes",
)
_DateFields = tuple[datetime.date, str, bool, int | None]  # published ... comments


def _reopen(card: Paper) -> dict[str, Any]:
    """A card taken whole as the scanner's ``pending`` fields, for lines that follow it."""
    return {name: getattr(card, name) for name in _FAST_FIELDS}


_MISSING: Any = object()


def _head_lines(text: str) -> Iterator[str]:
    """Yield the first lines of ``text`` lazily, without copying the rest of it."""
    pos = 0
    while pos <= len(text):
        end = text.find("\n", pos)
        if end < 0:
            yield text[pos:]
            return
        yield text[pos:end]
        pos = end + 1


class PaperStream(Iterator[Paper]):
    """Papers of a listing, parsed lazily; page facts fill in as the scan goes.

    ``reference`` is known once the first paper is produced (or the input is exhausted);
    ``date`` once the date navigator has been read; ``diagnostics`` grows as lines are
    skipped (unless an ``on_diagnostic`` callback takes them instead).
    """

    def __init__(
        self,
        lines: Iterable[str],
        reference: datetime.date | None,
        strict: bool,
        on_diagnostic: Callable[[Diagnostic], None] | None = None,
    ) -> None:
        self._sink = DiagnosticSink(strict, on_diagnostic)
        self.date: datetime.date | None = None
        self.reference: datetime.date | None = reference
        self.source_url: str | None = None
        self._scanner = Scanner(self, lines, reference)
        self._papers = self._scanner.run()

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Diagnostics collected so far, in input order."""
        return tuple(sorted(self._sink.items, key=lambda d: d.line))

    def __iter__(self) -> PaperStream:
        return self

    def __next__(self) -> Paper:
        return next(self._papers)


def _feed_lines(self: Scanner, text: str, start: int, end: int, lineno: int) -> int:
    """Feed the lines of ``text[start:end]`` (line ``lineno`` on) to the line scanner.

    Return the line number at ``end``.
    """
    lines = text[start:end].split("\n")
    if text.endswith("\n", start, end):
        lines.pop()
    feed = self.feed
    for raw in lines:
        feed(lineno, raw)
        lineno += 1
    return lineno


def _scan_text(self: Scanner, text: str, pos: int, lineno: int) -> None:
    """Scan a whole text from ``pos``: plain cards by one regex, the rest line by line.

    A card the regex finds is taken whole only where the line scanner would read the very
    same lines the very same way (same line kinds, nothing pending before it, not the
    first card); everything else goes to ``feed``, so both paths give equal results.
    The last card taken whole stays open in ``card`` (the scanner's ``pending``, in
    short) until the next one starts right after it; any other line first hands it to
    the scanner, which may still attach trailing lines to it.

    ``lineno`` is the line number at offset ``counted``; it is brought up to date only when
    lines go to ``feed``, since cards taken whole need no line numbers. This loop runs once
    per card of a large dump, so it is written out inline.
    """
    out, fast_dates = self.out, self._fast_dates
    head, tail, find = _HEAD_RE.match, _TAIL_RE.match, text.find
    counted = pos
    card: Paper | None = None  # the last card taken whole, open for trailing lines
    while True:
        t = None
        if card is not None:
            # Right after a card, ``_CARD_RE.match(text, pos)`` in three steps, so that
            # memchr rather than the regex engine crosses the long abstract line. Each
            # step is the regex's own first choice, and its alternatives exclude each
            # other (a tail line starts with "•"), so a match is the one it would find;
            # on no match, the full regex decides.
            h = head(text, pos)
            if h is not None:
                k = h.end()
                j = find("\n", k)
                if j > k and (t := tail(text, j + 1)) is not None:
                    raw_abstract: str | None = text[k:j]
                elif (t := tail(text, k)) is not None:
                    raw_abstract = None
                if t is not None:
                    up, raw_title = h.groups()
        whole = True  # whether the card is taken whole, so far
        if t is not None:
            start, end = pos, t.end()
            count, raw_date = t.groups()
        else:
            m = _CARD_RE.search(text, pos)
            if m is None:
                break
            start, end = m.span()
            up, raw_title, raw_abstract, count, raw_date = m.groups()
            if start != pos or card is None:  # lines between cards, or no card open
                if card is not None:
                    self.pending = _reopen(card)
                    card = None
                if start > pos:
                    lineno = _feed_lines(
                        self, text, pos, start, lineno + text.count("\n", counted, pos)
                    )
                    counted = start
                # Lines pending, or the first card (it may carry page chrome).
                whole = not (
                    self.block
                    or self.stash is not None
                    or (self.pending is None and self.cards == 0 and self.stream.date is None)
                )
        if whole:
            dated = fast_dates.get(raw_date, _MISSING)
            if dated is _MISSING:
                dated = _fast_date(self, raw_date)
            title = normalize_line(raw_title)
            abstract = None if raw_abstract is None else normalize_line(raw_abstract)
            whole = not (
                dated is None
                or not title
                or (may_not_be_text(title) and self.classify(title)[0] != _TEXT)
                or (
                    abstract is not None
                    and (
                        not abstract
                        or (may_not_be_text(abstract) and self.classify(abstract)[0] != _TEXT)
                    )
                )
            )
        if not whole:  # the line scanner reads this card
            if card is not None:
                self.pending = _reopen(card)
                card = None
            lineno = _feed_lines(self, text, start, end, lineno + text.count("\n", counted, start))
            counted = pos = end
            continue
        if card is not None:
            self.cards += 1
            out.append(card)
        elif self.pending is not None:
            self.cards += 1
            out.append(Paper(**self.pending))
            self.pending = None
        published, published_text, year_inferred, comments = dated
        # The checks above are what Paper's validators check: skip them (see _models).
        card = _trusted_paper(
            title,
            abstract,
            _author_count(int(count)),
            published,
            published_text,
            year_inferred,
            comments,
            None if up is None else 0 if up == "-" else int(up),
        )
        pos = end
    if card is not None:
        self.pending = _reopen(card)
    if pos < len(text):
        _feed_lines(self, text, pos, len(text), lineno + text.count("\n", counted, pos))


def _fast_date(self: Scanner, raw: str) -> _DateFields | None:
    """A card's date fields from a raw date line, if the line scanner reads a valid date."""
    if len(self._fast_dates) >= 4096:
        self._fast_dates.clear()
    s = normalize_line(raw)
    fields = None
    if s:
        kind, date = self.classify(s)
        if kind == _DATE and date.value is not None:
            fields = (date.value, date.text, date.year_inferred, date.comments)
    self._fast_dates[raw] = fields
    return fields


# -- one card -------------------------------------------------------------------------


def iter_papers(
    source: Iterable[str] | IO[str],
    reference: datetime.date | None = None,
    strict: bool = False,
    on_diagnostic: Callable[[Diagnostic], None] | None = None,
) -> PaperStream:
    """Stream the papers of a plain-text listing from lines or an open text file.

    Memory stays bounded by one card. Diagnostics collect on the returned stream's
    ``diagnostics`` (or go to ``on_diagnostic`` as they happen, keeping nothing).
    """
    if isinstance(source, (str, bytes)):
        raise TypeError(
            "iter_papers() takes lines or an open text file; use parse_text() for a whole string"
        )
    return PaperStream(_file_lines(source), reference, strict, on_diagnostic)


def parse_text(text: str, reference: datetime.date | None = None, strict: bool = False) -> Feed:
    """Parse a plain-text copy of a Hugging Face papers listing into a ``Feed``.

    A copy of a single paper's page is recognised and read as a feed of that one paper.

    Never raises on any ``str`` in the default mode; with ``strict=True`` the first
    problem raises ``ParseError`` with its line and column.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"parse_text() takes a str, not {type(text).__name__}; "
            "decode bytes first, e.g. data.decode('utf-8-sig')"
        )
    if looks_like_paper_page(text):
        return parse_paper_page_text(text, reference, strict)
    if "\r" in text:  # the same line ends as a file opened in text mode
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    stream = PaperStream((), reference, strict)
    scanner = stream._scanner
    fields, _, consumed = _take_front_matter(enumerate(_head_lines(text), 1))
    scanner.settle(fields)
    pos = 0
    for _ in range(consumed):
        pos = text.index("\n", pos) + 1 if text.find("\n", pos) >= 0 else len(text)
    while not consumed and text.startswith("\ufeff", pos):
        pos += 1
    _scan_text(scanner, text, pos, consumed + 1)
    scanner.end()
    papers = tuple(scanner.out)
    scanner.out.clear()  # the scanner and its stream form a cycle: let the papers go with the feed
    assert stream.reference is not None
    return Feed(
        papers=papers,
        reference=stream.reference,
        date=stream.date,
        diagnostics=stream.diagnostics,
        source_url=stream.source_url,
    )
