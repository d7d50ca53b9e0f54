"""Hypothesis strategies for paperfeed models and for the raw listings they come from.

Import this module only in tests: it needs ``hypothesis`` (``pip install paperfeed[hypothesis]``).
``for_format="text"`` restricts a strategy to values the plain-text format can carry, so that
``parse_text(render_text(feed), reference=feed.reference) == feed``.
"""

from __future__ import annotations

from ._testing.formats import (
    DecoratedListing,
    decorated_listings,
    html_pages,
    listing_texts,
    mangled_listings,
    markdown_texts,
)
from ._testing.listings import ALPHABET, MangledListing
from ._testing.models import author_counts, diagnostics, feeds, papers
from ._testing.values import paper_ids, reference_dates, titles

__all__ = [
    "ALPHABET",
    "DecoratedListing",
    "MangledListing",
    "author_counts",
    "decorated_listings",
    "diagnostics",
    "feeds",
    "html_pages",
    "listing_texts",
    "mangled_listings",
    "markdown_texts",
    "paper_ids",
    "papers",
    "reference_dates",
    "titles",
]
