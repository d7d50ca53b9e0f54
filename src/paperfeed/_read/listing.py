"""The line-based reader: a text or markdown copy of a listing, through every stage."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator

from paperfeed._common import DiagnosticSink, check_reference
from paperfeed._mdlines import read_header, split_lines
from paperfeed._errors import ParseError
from paperfeed._models import Diagnostic, Feed, Paper

from .assemble import Builder, assemble
from .cards import cut_cards, tokens_of
from .lines import lynx_refs, markdown_to_lines, text_to_lines, wrap_width

__all__ = ["PaperStream", "read_listing"]

_SAMPLE = 500  # lines a stream looks at for the wrap width before it reads on


def read_listing(
    text: str, *, markdown: bool, reference: datetime.date | None, strict: bool
) -> Feed:
    """Read a whole text (``markdown=False``) or markdown copy of a papers listing."""
    check_reference(reference)
    lines = split_lines(text)
    fields, start = read_header(lines)
    # Strict mode raises the first error in input order, so it reads the whole input first.
    sink = DiagnosticSink(False)
    if markdown:
        visible: Iterable[object] = markdown_to_lines(lines, start)
    else:
        refs, end = lynx_refs(lines, start)
        visible = text_to_lines(lines[start:end], start + 1, refs, wrap_width(lines[start:end]))
    feed = assemble(cut_cards(tokens_of(visible)), fields, reference, sink)  # type: ignore[arg-type]
    if strict and feed.errors:
        first = feed.errors[0]
        raise ParseError(first.message, first.line, first.column, first.code)
    return feed


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
