"""The markdown parser: copies of a papers listing made by web-to-markdown tools.

A listing goes through the one line reader (``listing``: markdown reduced to visible
lines with their link targets, then cards by their anchors); a single paper page goes to
``paperpage``. Diagnostics point into the markdown's own lines.
"""

from __future__ import annotations

import datetime

from paperfeed._models import Feed

from .assemble import check_reference
from .listing import read_listing
from .paperpage import looks_like_paper_page, parse_paper_page_markdown

__all__ = ["parse_markdown"]


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
