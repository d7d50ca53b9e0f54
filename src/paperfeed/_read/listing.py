"""The line-based reader: a text or markdown copy of a listing, through every stage."""

from __future__ import annotations

import contextlib
import datetime
import gc
import itertools
import re
from collections.abc import Callable, Iterator

from paperfeed._errors import ParseError
from paperfeed._models import Diagnostic, Feed, Paper

from .assemble import check_reference
from .builder import Builder
from .cards import Kind, tokens_of
from .cutter import Cutter, cut_cards
from .diagnostics import DiagnosticSink
from .fast import FastRun, fast_cards, find_fast_run
from .fastmd import Card, Lines, papers, plan
from .lines import REFERENCES, Line, lynx_refs, text_to_lines, wrap_width
from .markdown_lines import markdown_to_lines
from .mdsyntax import read_header

__all__ = ["PaperStream", "read_listing"]

_SAMPLE = 500  # lines a stream looks at for the wrap width before it reads on
_FAST_MIN = 64  # cards in a run before the fast path pays
_HEAD_LINES = 201  # a capture header is never longer
_HEAD_CHARS = 65_536


def read_listing(
    text: str, *, markdown: bool, reference: datetime.date | None, strict: bool
) -> Feed:
    """Read a whole text (``markdown=False``) or markdown copy of a papers listing."""
    check_reference(reference)
    if "\r" in text:  # the same line ends as a file opened in text mode
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removeprefix("\ufeff")
    head = text[:_HEAD_CHARS].split("\n", _HEAD_LINES)[:_HEAD_LINES]
    fields, start = read_header(head)
    # Strict mode raises the first error in input order, so it reads the whole input first.
    sink = DiagnosticSink(False)
    builder = Builder(reference, fields, sink)
    found: list[Paper] | None = None  # the papers, once a fast path has read the input
    if markdown:
        if text.count(_MD_UPVOTE, 0, _MD_SAMPLE) >= _MD_FAST_MIN:
            with _paused_gc():
                found = _read_markdown_fast(text, start, builder)
    elif (fast := _fast_run(text, start)) is not None:
        with _paused_gc():
            found = _read_with_fast_run(fast, start, builder)
    if found is None:  # no fast path, or not the ordinary path's reading: start over
        sink = DiagnosticSink(False)
        builder = Builder(reference, fields, sink)
        lines = text.split("\n")
        if markdown:
            visible: Iterator[Line] = iter(markdown_to_lines(lines, start))
        else:
            refs, end = lynx_refs(lines, start) if REFERENCES in text else ({}, len(lines))
            body = lines[start:end]
            visible = text_to_lines(body, start + 1, refs, wrap_width(body))
        found = list(builder.feed(Cutter().run(tokens_of(visible))))
    papers = found
    assert builder.reference is not None
    feed = Feed(
        papers=papers,
        reference=builder.reference,
        date=builder.page_date,
        kind=builder.kind,
        period_start=None if builder.period is None else builder.period[0],
        period_end=None if builder.period is None else builder.period[1],
        query=builder.query,
        source_url=builder.url,
        diagnostics=sorted(sink.items, key=lambda d: d.line),
    )
    if strict and feed.errors:
        first = feed.errors[0]
        raise ParseError(first.message, first.line, first.column, first.code)
    return feed


# Many upvote links in a markdown copy: maybe a big link-keeping dump. Reference
# definitions, fences and HTML blocks hold state across paragraphs: an input with any
# outside the cards the fast path proves (they hold none) is read the ordinary way.
_MD_UPVOTE = "](https://huggingface.co/login?next=%2Fpapers%2F"
_MD_SAMPLE = 1 << 20  # characters in which to count them
_MD_FAST_MIN = 64  # upvote links there before the fast path pays
_MD_SLOW_RE = re.compile(
    r"^[ \t]*(?:```|~~~|\[[^\]\n]+\]:|<(?:!--|pre|script|style|textarea|\?|!))", re.MULTILINE
)


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a fast path builds thousands of papers (no cycles).

    It runs after every 700 new container objects and walks them, and now and then all of
    them: on a 100 MB dump it took an eighth of the parse. Mercurial's ``nogc`` does the
    same for the same reason; the collector is left as it was found.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_markdown_fast(text: str, start: int, builder: Builder) -> list[Paper] | None:
    """Read a markdown copy: runs of common-shape cards by the fast path, the rest as usual.

    A stretch read the ordinary way ends with a card of the shape whose last line is its
    date, and the next one starts with a card of the shape, so the line reader sees the
    card boundaries it would see reading the whole input (its state does not cross the
    blank line between two such cards); the fast path builds only the cards it proved it
    reads alike (``fastmd``). ``None`` when a stretch read the ordinary way holds what
    carries state across paragraphs (a reference definition, a fence, an HTML block), or
    the header is all there is.
    """
    offset = _line_offset(text, start)
    if offset is None:
        return None
    line_at, counted = start, offset  # line index of character offset ``counted``

    def line_of(at: int) -> int:
        nonlocal line_at, counted
        line_at += text.count("\n", counted, at)
        counted = at
        return line_at

    def ordinary(begin: int, begin_at: int, end_at: int | None) -> list[Line] | None:
        stretch = text[begin_at:end_at]
        if _MD_SLOW_RE.search(stretch) is not None:
            return None
        return markdown_to_lines(stretch.split("\n"), base=begin)

    cutter = Cutter()
    cache = Lines()
    out: list[Paper] = []
    begin, begin_at = start, offset  # the first line not read yet, and its offset
    for before, stretch in _stretches(plan(text, offset, cache)):
        first_at = stretch[0].start
        visible = ordinary(begin, begin_at, first_at)
        if visible is None:
            return None
        if any(line.cut for line in visible):
            continue  # a bracket left open: it may close past the stretch
        out.extend(builder.take(cutter.run(tokens_of(visible))))
        before_line = line_of(before.start) + 1
        begin, begin_at = line_of(first_at), first_at
        last = cutter.last
        if (
            cutter.opener is not Kind.UPVOTE
            or not builder.fast_ok()
            or last is None  # the card before was read as the whole card it is
            or last.first_line != before_line
            or last.paper_id != before.paper_id
            or last.title is None
            or last.date is None
        ):
            continue
        out.extend(builder.flush())
        out.extend(papers(stretch, cache, builder.settle()))
        end_at = stretch[-1].end
        end = begin + sum(card.lines for card in stretch)  # counted as the cards were proved
        line_at, counted = end, end_at
        builder.skip(len(stretch), end - 1)
        # Read on from the blank line before the next card, as the whole input would.
        begin, begin_at = end - 1, text.rfind("\n", 0, end_at - 1) + 1
    visible = ordinary(begin, begin_at, None)
    if visible is None:
        return None
    out.extend(builder.feed(cutter.run(tokens_of(visible))))
    return out


def _stretches(runs: list[list[Card]]) -> Iterator[tuple[Card, list[Card]]]:
    """The stretches of proved cards the fast path builds, each with the card before it.

    The card before a stretch is proved too, and the card after it is in its run: the
    ordinary reader reads both, so each seam falls between two whole cards of the shape.
    """
    for run in runs:
        stretch: list[Card] = []
        for before, card in itertools.pairwise(run[:-1]):
            if card.fields is not None and (stretch or before.fields is not None):
                if not stretch:
                    start = before
                stretch.append(card)
            elif stretch:
                yield start, stretch
                stretch = []
        if stretch:
            yield start, stretch


def _line_offset(text: str, line: int) -> int | None:
    """The character offset of line index ``line`` (after a header); ``None`` past the end."""
    offset = 0
    for _ in range(line):
        offset = text.find("\n", offset) + 1
        if offset == 0:  # the header is all there is
            return None
    return offset


def _fast_run(text: str, start: int) -> tuple[str, FastRun] | None:
    """Find a long run of common-shape cards in a plain, unwrapped, link-less text copy."""
    offset = _line_offset(text, start)
    if offset is None:
        return None
    body = text[offset:]
    sample = body[: _HEAD_CHARS * 4].split("\n")
    if wrap_width(sample) is not None:
        return None
    run = find_fast_run(body)
    return None if run is None else (body, run)


def _read_with_fast_run(
    fast: tuple[str, FastRun], start: int, builder: Builder
) -> list[Paper] | None:
    """Read the head the ordinary way, then the run of common cards by the fast path.

    ``None`` when the fast path cannot vouch that it reads the run as the ordinary path
    would (then the caller reads the whole input the ordinary way).
    """
    joined, run = fast
    before = joined[: run.start]
    if REFERENCES in before:
        return None  # a text browser's link list: the reader reads no further
    head = before.split("\n")
    if head and head[-1] == "":
        head.pop()
    cutter = Cutter()
    papers = list(builder.take(cutter.run(tokens_of(text_to_lines(head, start + 1)))))
    leading = cutter.opener in (Kind.UPVOTE, Kind.COUNT)
    last = cutter.last
    if (
        leading != run.leading_counts
        or last is None
        or last.date is None
        or not last.meta
        or not builder.fast_ok()
    ):
        return None
    cards = fast_cards(joined, run, builder.settle(), _FAST_MIN)
    if cards is None:
        return None
    papers.extend(builder.finish())
    papers.extend(cards)
    return papers


class PaperStream(Iterator[Paper]):
    """Papers of a plain-text listing read lazily from lines; page facts fill in as it goes.

    ``reference`` is known once the first paper is produced (or the input is exhausted);
    ``date`` once the date navigator has been read; ``diagnostics`` grows as lines are
    skipped (unless an ``on_diagnostic`` callback takes them instead).
    """

    def __init__(
        self,
        lines: Iterator[str],
        reference: datetime.date | None,
        strict: bool,
        on_diagnostic: Callable[[Diagnostic], None] | None = None,
    ) -> None:
        check_reference(reference)
        self._sink = DiagnosticSink(strict, on_diagnostic)
        head = list(itertools.islice(lines, _SAMPLE))
        if head:
            head[0] = head[0].removeprefix("\ufeff")  # as parse_text drops it
        fields, start = read_header(head)
        self._builder = Builder(reference, fields, self._sink)
        body = itertools.chain(head[start:], lines)
        visible = text_to_lines(body, start + 1, {}, wrap_width(head[start:]))
        self._papers = self._builder.feed(cut_cards(tokens_of(visible)))

    @property
    def reference(self) -> datetime.date | None:
        return self._builder.reference

    @property
    def date(self) -> datetime.date | None:
        return self._builder.page_date

    @property
    def source_url(self) -> str | None:
        return self._builder.url

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Diagnostics collected so far, in input order."""
        return tuple(sorted(self._sink.items, key=lambda d: d.line))

    def __iter__(self) -> PaperStream:
        return self

    def __next__(self) -> Paper:
        return next(self._papers)
