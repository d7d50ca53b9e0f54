"""Rendered feeds, decorated the way real converters print a page, read back as themselves."""

from __future__ import annotations

import datetime

from hypothesis import given

import paperfeed
from paperfeed import strategies as ps


def _parse(case: ps.DecoratedListing, **kwargs: object) -> paperfeed.Feed:
    parse = paperfeed.parse_markdown if case.markdown else paperfeed.parse_text
    return parse(case.text, reference=case.feed.reference, **kwargs)  # type: ignore[arg-type]


@given(ps.decorated_listings())
def test_decorated_copies_read_back_as_their_feed(case: ps.DecoratedListing) -> None:
    assert _parse(case) == case.feed, case.decorations
    assert _parse(case, strict=True) == case.feed


@given(ps.decorated_listings(min_papers=1, markdown=False))
def test_decorated_text_copies_stand_on_their_own(case: ps.DecoratedListing) -> None:
    if "retrieved:" in case.text:  # the front matter records the reference
        assert paperfeed.parse_text(case.text) == case.feed


def test_every_decoration_is_drawn() -> None:
    from hypothesis import find

    for name in ("urls", "lynx", "alts", "wrap", "twice", "chrome"):
        case = find(
            ps.decorated_listings(min_papers=1, reference=datetime.date(2025, 1, 1)),
            lambda c, name=name: name in c.decorations and not c.markdown,  # type: ignore[misc]
        )
        assert _parse(case) == case.feed
