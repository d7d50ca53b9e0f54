"""The plain-text parser: select-all copies, text-browser dumps and "save as text" files.

Both entry points run the one line reader (``listing``): ``parse_text`` over a whole
string, ``iter_papers`` lazily over lines, with memory bounded by one card.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from paperfeed._models import Diagnostic, Feed

from .listing import PaperStream, read_listing
from .paperpage import looks_like_paper_page, parse_paper_page_text

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
    return read_listing(text, markdown=False, reference=reference, strict=strict)
