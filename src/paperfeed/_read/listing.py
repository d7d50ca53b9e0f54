"""The line-based reader: a text or markdown copy of a listing, through every stage."""

from __future__ import annotations

import datetime

from .._common import DiagnosticSink
from .._mdlines import read_header, split_lines
from .._models import Feed
from .assemble import assemble
from .cards import cut_cards, tokens_of
from .lines import markdown_to_lines, text_to_lines

__all__ = ["read_listing"]


def read_listing(
    text: str, *, markdown: bool, reference: datetime.date | None, strict: bool
) -> Feed:
    """Read a text (``markdown=False``) or markdown copy of a papers listing."""
    lines = split_lines(text)
    fields, start = read_header(lines)
    sink = DiagnosticSink(strict)
    visible = markdown_to_lines(lines, start) if markdown else text_to_lines(lines, start)
    cut = cut_cards(tokens_of(visible))
    return assemble(cut, fields, reference, sink)
