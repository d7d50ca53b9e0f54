"""A downstream project's property test, written against paperfeed's strategies.

Run it with ``pytest examples/test_downstream.py`` (needs ``paperfeed[hypothesis]``).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import paperfeed
from paperfeed.strategies import feeds, listing_texts, papers


def top_papers(items: Iterable[paperfeed.Paper], n: int) -> list[paperfeed.Paper]:
    """Return the ``n`` most upvoted papers, page order breaking ties; no count counts as 0."""
    ranked = sorted(enumerate(items), key=lambda pair: (-(pair[1].upvotes or 0), pair[0]))
    return [paper for _, paper in ranked[:n]]


@given(st.lists(papers(), max_size=20), st.integers(0, 25))
def test_top_papers_are_sorted_and_bounded(items: list[paperfeed.Paper], n: int) -> None:
    top = top_papers(items, n)
    assert len(top) == min(n, len(items))
    votes = [p.upvotes or 0 for p in top]
    assert votes == sorted(votes, reverse=True)
    if top:  # nothing left out has more upvotes than the last paper kept
        kept = {id(p) for p in top}
        assert all((p.upvotes or 0) <= votes[-1] for p in items if id(p) not in kept)


@given(feeds(min_papers=1))
def test_the_top_paper_has_the_most_upvotes(feed: paperfeed.Feed) -> None:
    (best,) = top_papers(feed.papers, 1)
    assert (best.upvotes or 0) == max(p.upvotes or 0 for p in feed.papers)
    # Ties go to the paper higher on the page, so the answer is stable.
    assert best is next(p for p in feed.papers if (p.upvotes or 0) == (best.upvotes or 0))


@given(listing_texts())
def test_top_papers_of_a_saved_listing(case: tuple[str, paperfeed.Feed]) -> None:
    text, expected = case  # a raw copy of a page, and what parsing it must give
    parsed = paperfeed.parse_text(text, reference=expected.reference)
    assert top_papers(parsed.papers, 3) == top_papers(expected.papers, 3)


PLUGIN = any(e.name == "paperfeed" for e in importlib.metadata.entry_points(group="hypothesis"))


@pytest.mark.skipif(not PLUGIN, reason="paperfeed's Hypothesis entry point is not installed")
@given(st.from_type(paperfeed.Paper))  # works through paperfeed's Hypothesis plugin
def test_from_type_gives_valid_papers(paper: paperfeed.Paper) -> None:
    assert top_papers([paper], 1) == [paper]
