"""The plain-text parser never raises on any str, and strict mode agrees with tolerant mode."""

from __future__ import annotations

import datetime
import io
import time
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

import paperfeed
import paperfeed.strategies
from paperfeed._common import normalize_line, normalize_ws

REF = datetime.date(2025, 12, 20)
SEED = Path(__file__).parent / "data" / "text" / "seed-search-2025-12-12.txt"

# Fragments real listings are made of, so generated text reaches deep parser states.
FRAGMENTS = st.sampled_from(
    [
        "",
        " ",
        "·",
        "•",
        "  • 3 authors",
        "1 authors",
        "- 2 authors",
        "Jul 9",
        "Feb 29",
        "Nov 1, 2022 1",
        "Feb 30, 2023",
        "today",
        "3 days ago",
        "-",
        "42",
        "Upvote",
        "Upvote 7",
        "Submitted by x",
        "GitHub 1.2k",
        "arXiv Page",
        "https://huggingface.co/papers/2401.01234",
        "https://huggingface.co/papers/2401.01234#community",
        "---",
        "retrieved: 2024-01-01",
        "Daily Papers",
        "Previous",
        "Company",
        "Title of a paper",
        "Meta AI",
        "\ufeff",
        "\u00a0",
        "A long abstract sentence. " * 6,
    ]
)
# Whole cards in the common shape (the parser's fast path) with small variations.
CARDS = st.builds(
    "{}{}\n{}{}{}\n·{}\n{}".format,
    st.sampled_from(["", "12\n", "-\n", "0\n\n", "x\n"]),
    st.sampled_from(["Title", "0", "Jul 9", "Models", " Ti\u00a0tle ", "3 authors", "·"]),
    st.sampled_from(["", "\n", "\n \t\n", "\n\u00a0\n"]),
    st.sampled_from(["", "Abstract.\n", "-\n", "https://x.y/z\n", "  \n"]),
    st.sampled_from(["  • 3 authors", "• 1 author", "\t•\t12  authors ", "• 2 Authors"]),
    st.sampled_from(["", " ", "\u00a0"]),
    st.sampled_from(["Jul 9", "Feb 30, 2023", "Nov 1, 2022 1", "today", "Jul 9\u00a03", "x"]),
)
LINES = st.lists(st.one_of(FRAGMENTS, CARDS, st.text(max_size=30)), max_size=40)
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    feed = paperfeed.parse_text(text, reference=REF)
    assert all(p.title.strip() for p in feed.papers)


@given(LINES, NEWLINES)
def test_never_raises_on_listing_like_text(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    feed = paperfeed.parse_text(text, reference=REF)
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for d in feed.diagnostics:
        if d.line == 0:  # about the whole input ("no-papers"): no line to quote
            assert d.text == ""
            continue
        assert 1 <= d.line <= len(physical)
        raw = physical[d.line - 1]
        assert d.text == (raw.lstrip("\ufeff") if d.line == 1 else raw)


@given(LINES)
def test_strict_raises_exactly_when_tolerant_reports_an_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    tolerant = paperfeed.parse_text(text, reference=REF)
    try:
        strict = paperfeed.parse_text(text, reference=REF, strict=True)
    except paperfeed.ParseError as exc:
        first = tolerant.errors[0]
        assert (exc.lineno, exc.colno, exc.code) == (first.line, first.column, first.code)
    else:
        assert tolerant.errors == ()
        assert strict == tolerant


@given(LINES, NEWLINES)
def test_streaming_agrees_with_whole_text(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    feed = paperfeed.parse_text(text, reference=REF)
    # A file in text mode splits lines exactly where parse_text does (\n, \r\n, \r).
    stream = paperfeed.iter_papers(io.StringIO(text, newline=None), reference=REF)
    assert tuple(stream) == feed.papers
    assert stream.diagnostics == feed.diagnostics


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        paperfeed.parse_text(text, reference=REF)
        best = min(best, time.perf_counter() - start)
    return best


def test_time_grows_linearly_with_input() -> None:
    # Bounded, not timed: 8x the input may cost at most ~4x per byte (quadratic would be 8x).
    seed = SEED.read_text(encoding="utf-8")
    small, large = seed * 4, seed * 32
    ratio = _best_time(large) / _best_time(small)
    assert ratio < 32, ratio


# Every kind of whitespace str.split knows, ASCII and not, around a little text.
SPACES = st.text(st.sampled_from(" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u2003\u3000ab·"))


@given(st.one_of(SPACES, st.text()))
def test_normalize_ws_collapses_every_whitespace_run(text: str) -> None:
    assert normalize_ws(text) == " ".join(text.split())


@given(st.one_of(SPACES, st.text()).map(lambda s: s.replace("\n", "").replace("\r", "")))
def test_normalize_line_collapses_every_whitespace_run_of_a_line(line: str) -> None:
    assert normalize_line(line) == " ".join(line.split())


@given(paperfeed.strategies.papers())
def test_trusted_paper_is_what_paper_init_builds(drawn: paperfeed.Paper) -> None:
    # The fast path's validator-free constructor must store exactly what Paper() stores,
    # in the same order, for the fields it sets (the rest at their defaults).
    from paperfeed._models import _trusted_paper

    args = (
        drawn.title,
        drawn.abstract,
        drawn.authors,
        drawn.published,
        drawn.published_text,
        drawn.year_inferred,
        drawn.comments,
        drawn.upvotes,
    )
    trusted = _trusted_paper(*args, drawn.organization, drawn.paper_id)
    built = paperfeed.Paper(
        drawn.title,
        drawn.abstract,
        drawn.authors,
        drawn.organization,
        *args[3:],
        paper_id=drawn.paper_id,
    )
    assert list(vars(trusted).items()) == list(vars(built).items())
    assert trusted == built


def test_trusted_paper_sets_every_field_of_paper() -> None:
    # A field added to Paper but not to _trusted_paper would be missing from fast-path papers.
    from paperfeed._models import _trusted_paper

    paper = _trusted_paper("A title", None, None, None, None, False, None, None)
    assert list(vars(paper)) == [f.name for f in attrs.fields(paperfeed.Paper)]


def test_fast_path_papers_satisfy_every_validator() -> None:
    feed = paperfeed.parse_text(SEED.read_text(encoding="utf-8") * 3, reference=REF)
    assert len(feed.papers) == 3 * 38
    for paper in feed.papers:
        attrs.validate(paper)  # raises if an invariant does not hold
