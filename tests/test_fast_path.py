"""The fast path for large select-all dumps reads every input as the line reader does."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import paperfeed
from paperfeed import strategies as ps
from paperfeed._read import listing

SEED = Path(__file__).parent / "data" / "text" / "seed-search-2025-12-12.txt"
REF = datetime.date(2025, 12, 20)


def _both(text: str, reference: datetime.date | None = REF) -> tuple[object, object]:
    """Parse with the fast path on every run of two cards or more, and with it off."""
    results: list[object] = []
    for min_cards in (1, 10**9):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(listing, "_FAST_MIN", min_cards)
            try:
                results.append(paperfeed.parse_text(text, reference=reference))
            except paperfeed.ParseError as exc:  # pragma: no cover - tolerant mode
                results.append(exc)
    return results[0], results[1]


def test_the_fast_path_is_taken_on_a_dump() -> None:
    # The benchmark's shape: the page's chrome once, then its cards over and over.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[:12]) + "\n" + ("\n".join(lines[12:]).rstrip("\n") + "\n\n") * 3
    found = listing._fast_run(text, 0)
    assert found is not None
    assert not found[1].leading_counts
    quick, plain = _both(text)
    assert quick == plain
    assert isinstance(quick, paperfeed.Feed)
    assert len(quick.papers) == 3 * 38


@pytest.mark.parametrize("where", ["head", "title", "abstract"])
def test_a_references_line_ends_the_page_on_both_paths(where: str) -> None:
    # A text browser's link list opens with "References": the reader reads no further,
    # wherever the line stands, so the fast path must not read on past it either.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[12:]).rstrip("\n") + "\n\n"
    title = "Learning Performance-Improving Code Edits"
    assert body.startswith(title + "\n")
    dump = body * 3
    if where == "head":
        text = "\n".join([*lines[:12], "References", ""]) + dump
    else:
        second = dump.index(title, len(body))  # the first card of the second copy
        line_end = dump.index("\n", second)
        if where == "abstract":
            second = line_end + 2  # the abstract after the blank line
            line_end = dump.index("\n", second)
        text = "\n".join(lines[:12]) + "\n" + dump[:second] + "References" + dump[line_end:]
    quick, plain = _both(text)
    assert quick == plain
    assert isinstance(plain, paperfeed.Feed)
    assert len(plain.papers) == (0 if where == "head" else 38)  # the first copy's cards


@given(ps.listing_texts(min_papers=2, max_papers=6), st.integers(1, 4))
def test_fast_path_equals_the_line_reader(case: tuple[str, paperfeed.Feed], copies: int) -> None:
    text, _ = case
    body = text.rstrip("\n") + "\n\n"
    quick, plain = _both(body * copies)
    assert quick == plain


@given(ps.mangled_listings())
def test_fast_path_equals_the_line_reader_on_mangled_listings(
    case: ps.MangledListing,
) -> None:
    quick, plain = _both(case.text * 2)
    assert quick == plain


@given(
    st.lists(
        st.sampled_from(
            [
                "Title",
                "A long title that goes on and on past forty chars",
                "12",
                "-",
                "  • 3 authors",
                "·",
                "Jul 9",
                "Feb 15, 2023 2",
                "[x] Title",
                "o Title",
                "1. Title",
                "Models",
                "",
                "Title ·",
                "Submitted by ak",
                "arXiv Page",
                "http://x.y/z",
                "GitHub 12",
                "Title (BUTTON)",
                "Title](https://x.y)",
                "today",
                "3 days ago",
                "References",
                " References ",
            ]
        ),
        max_size=60,
    )
)
def test_fast_path_equals_the_line_reader_on_line_soup(lines: list[str]) -> None:
    text = "\n".join(lines)
    quick, plain = _both(text + "\n" + text)
    assert quick == plain
