"""Render a feed as markdown or HTML, parse it back, and get the same feed."""

from __future__ import annotations

import datetime
import pathlib

import bs4
import pytest
from hypothesis import given

import paperfeed
from paperfeed import strategies as ps
from paperfeed._models import AuthorCount, Diagnostic, Feed, PageKind, Paper, Severity
from paperfeed._render.html import render_html
from paperfeed._render.markdown import render_markdown
from paperfeed._testing.formats import as_parsed, html_pages, markdown_texts
from paperfeed._testing.html_rules import representable_in_html
from paperfeed._testing.markdown_rules import representable_in_markdown

DATA = pathlib.Path(__file__).parent / "data"
MD_FIXTURE = DATA / "markdown" / "search-view-firecrawl-2026-10-02.md"
HTML_FIXTURE = DATA / "html" / "hf-daily-2026-09-28.html"
REF = datetime.date(2026, 10, 2)
UTC = datetime.timezone.utc

# Titles full of what markdown and HTML give meaning to.
SPECIAL_TITLES = (
    "[Brackets] and ]: a reference-looking colon",
    "**Not bold** and *not em* with a_snake_case name",
    "Backslash \\ in the middle and at the end \\",
    "C# and F# #hashtag ends with #",
    "<https://huggingface.co/papers/2401.00001> is no autolink",
    "Tom & Jerry &amp; &lt;b&gt; \"double\" and 'single' quotes",
    "Ünïcödé 日本語 🤗 — e\u0301 naïve x²",
    "![not an image](a.png) `not code` > not a quote",
    "--- === ~~~ 1. not a list",
    "</div><script>alert('x')</script> data-target=\"DailyPapers\"",
)
# What the listing readers refuse as a title even when escaped: it reads as markup.
MARKUP_TITLES = (SPECIAL_TITLES[1], SPECIAL_TITLES[7], SPECIAL_TITLES[9])


def _card(title: str, **fields: object) -> Paper:
    base: dict[str, object] = {
        "abstract": "An abstract with [links](https://e.org), *stars* and \\ backslashes.",
        "authors": AuthorCount(3),
        "published": datetime.date(2026, 5, 29),
        "published_text": "May 29",
        "year_inferred": True,
        "comments": 6,
        "upvotes": 12,
        "paper_id": "2606.00683",
    }
    base.update(fields)
    return Paper(title=title, **base)  # type: ignore[arg-type]


# -- markdown ----------------------------------------------------------------------------


@given(markdown_texts())
def test_markdown_texts_parse_to_their_feed(case: tuple[str, Feed]) -> None:
    text, feed = case
    assert paperfeed.parse_markdown(text, reference=feed.reference) == feed
    assert paperfeed.parse_markdown(text, reference=feed.reference, strict=True) == feed
    assert paperfeed.parse_markdown(text) == feed  # "retrieved:" records the reference


@given(ps.feeds())
def test_markdown_representable_means_identity(feed: Feed) -> None:
    parsed = paperfeed.parse_markdown(render_markdown(feed), reference=feed.reference)
    if representable_in_markdown(feed):
        assert parsed == as_parsed(feed)  # an empty page says it lists no papers
    else:
        assert parsed.reference == feed.reference


def _special_feed(title: str) -> Feed:
    return Feed(
        reference=REF,
        date=REF,
        kind=PageKind.DAILY,
        source_url="https://huggingface.co/papers",
        papers=[
            _card(title, abstract=f"Abstract: {title}"),
            _card(title, organization="Tom & Jerry [Labs]", authors=None, paper_id=None),
        ],
    )


@pytest.mark.parametrize("title", [t for t in SPECIAL_TITLES if t not in MARKUP_TITLES])
def test_markdown_special_characters_round_trip(title: str) -> None:
    feed = _special_feed(title)
    assert representable_in_markdown(feed)
    assert paperfeed.parse_markdown(render_markdown(feed), reference=REF) == feed


@pytest.mark.parametrize("title", MARKUP_TITLES)
def test_markdown_markup_titles_are_refused(title: str) -> None:
    feed = _special_feed(title)
    assert not representable_in_markdown(feed)
    parsed = paperfeed.parse_markdown(render_markdown(feed), reference=REF)
    assert all(p.title != title for p in parsed.papers)


def test_markdown_card_layout_is_firecrawls() -> None:
    paper = _card(
        "A [b] *c*",
        abstract=None,
        authors=AuthorCount(2, ["Ada Lovelace", "Alan_Turing"]),
        upvotes=0,
        submitted_by="user_1",
        github_stars=62,
    )
    text = render_markdown(Feed(reference=REF, date=REF, papers=[paper]))
    blocks = text.split("\n\n")
    start = blocks.index("Oct 2")
    assert blocks[start + 1 : start + 8] == [
        "Submitted by user\\_1",
        "[-](https://huggingface.co/login?next=%2Fpapers%2F2606.00683)",
        "### [A \\[b\\] \\*c\\*](https://huggingface.co/papers/2606.00683)",
        "[- Ada Lovelace, Alan\\_Turing • 2 authors](https://huggingface.co/papers/2606.00683)",
        "·",
        "May 29[6](https://huggingface.co/papers/2606.00683#community)",
        "GitHub 62",
    ]
    assert text.startswith("---\nretrieved: 2026-10-02\n---\n")
    assert paperfeed.parse_markdown(text).papers == (paper,)


def test_markdown_front_matter_carries_url_and_view() -> None:
    url = "https://huggingface.co/papers?q=source%20citations"
    feed = Feed(reference=REF, kind=PageKind.SEARCH, query="source citations", source_url=url)
    text = render_markdown(feed)
    assert text.startswith(f"---\nurl: {url}\nretrieved: 2026-10-02\n---\n")
    assert representable_in_markdown(feed)
    assert paperfeed.parse_markdown(text) == as_parsed(feed)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"kind": PageKind.WEEKLY}, "the capture's URL says no view"),
        ({"period_start": REF}, "a capture records no period"),
        ({"diagnostics": [Diagnostic("x", Severity.INFO, "m", 1)]}, "parsers add these"),
        ({"papers": [_card("- a list item")]}, "the reader drops a list marker"),
        ({"papers": [_card("T", abstract="Short", authors=None)]}, "read as an organisation"),
        ({"papers": [_card("T", github_repo="https://github.com/a/b")]}, "no repository link"),
        (
            {"kind": PageKind.PAPER, "source_url": "https://huggingface.co/papers/2401.00001"},
            "it reads as a single paper's page",
        ),
    ],
)
def test_markdown_unrepresentable_feeds(change: dict[str, object], why: str) -> None:
    feed = Feed(reference=REF, date=REF, **change)  # type: ignore[arg-type]
    assert not representable_in_markdown(feed), why
    paperfeed.parse_markdown(render_markdown(feed), reference=REF)  # still renders and parses


def test_markdown_fixture_round_trips() -> None:
    feed = paperfeed.parse_markdown(MD_FIXTURE.read_text(encoding="utf-8"))
    assert len(feed.papers) == 120
    assert not feed.diagnostics
    assert representable_in_markdown(feed)
    text = render_markdown(feed)
    assert "May 29[6](https://huggingface.co/papers/2606.00683#community)" in text
    assert paperfeed.parse_markdown(text) == feed


@pytest.mark.parametrize("title", ["0", "42", "1,234"])
def test_markdown_linked_title_may_be_a_number(title: str) -> None:
    feed = Feed(reference=REF, date=REF, papers=[_card(title)])
    assert representable_in_markdown(feed)
    assert paperfeed.parse_markdown(render_markdown(feed), reference=REF) == feed
    unlinked = Feed(reference=REF, date=REF, papers=[_card(title, paper_id=None)])
    assert not representable_in_markdown(unlinked)  # a bare number is a count there


def test_markdown_bylineless_card_keeps_the_id_of_its_title_link() -> None:
    feed = Feed(reference=REF, date=REF, papers=[_card("T", authors=None, comments=None)])
    assert representable_in_markdown(feed)
    assert paperfeed.parse_markdown(render_markdown(feed), reference=REF) == feed


def test_markdown_escaped_list_marker_is_text() -> None:
    text = "Oct 2\n\n### \\- a list item\n\n- 3 authors\n\n·\n\nOct 1\n"
    assert paperfeed.parse_markdown(text, reference=REF).papers[0].title == "- a list item"


def test_markdown_bylineless_card_keeps_its_link() -> None:
    text = "Oct 2\n\n### [Learning](https://huggingface.co/papers/0701.0001)\n\nOct 1\n"
    assert paperfeed.parse_markdown(text, reference=REF).papers[0].paper_id == "0701.0001"


# -- HTML --------------------------------------------------------------------------------


@given(html_pages())
def test_html_pages_parse_to_their_feed(case: tuple[str, Feed]) -> None:
    page, feed = case
    assert paperfeed.parse_html(page, reference=feed.reference) == feed
    assert paperfeed.parse_html(page.encode(), reference=feed.reference, strict=True) == feed
    soup = bs4.BeautifulSoup(page, "html.parser")
    assert paperfeed.parse_html(soup, reference=feed.reference) == feed


@given(ps.feeds())
def test_html_representable_means_identity(feed: Feed) -> None:
    parsed = paperfeed.parse_html(render_html(feed), reference=feed.reference)
    if representable_in_html(feed):
        assert parsed == feed
    else:
        assert parsed.reference == feed.reference


def _html_card(title: str, **fields: object) -> Paper:
    base: dict[str, object] = {
        "abstract": f"Summary of {title}",
        "authors": AuthorCount(2, ["Zoë Ünal", "O'Neil & Sons"]),
        "organization": "Tom & Jerry <Labs>",
        "published": datetime.date(2026, 9, 25),
        "comments": 2,
        "upvotes": 110,
        "paper_id": "2609.31620",
        "submitted_by": "Hongyang-Du",
        "featured_at": datetime.datetime(2026, 9, 28, 5, 30, 0, 123456, tzinfo=UTC),
        "github_repo": "https://github.com/a/b?x=1&y=2",
        "github_stars": 12,
        "project_page": "https://e.org/p",
        "ai_summary": f"AI says: {title}",
        "ai_keywords": ["<tag>", "a & b", "日本語"],
    }
    base.update(fields)
    return Paper(title=title, **base)  # type: ignore[arg-type]


@pytest.mark.parametrize("title", SPECIAL_TITLES)
def test_html_special_characters_round_trip(title: str) -> None:
    day = datetime.date(2026, 9, 28)
    feed = Feed(
        reference=day,
        date=day,
        kind=PageKind.DAILY,
        period_start=day,
        period_end=day,
        source_url="https://huggingface.co/papers?a=1&b='2'",
        papers=[_html_card(title), Paper(title=title)],
    )
    assert representable_in_html(feed)
    page = render_html(feed)
    assert page.startswith("<!doctype html>")
    assert page.count("<article") == 2
    assert paperfeed.parse_html(page, reference=day) == feed


@pytest.mark.parametrize(
    ("kind", "start", "end", "query", "date_string"),
    [
        (PageKind.WEEKLY, "2025-12-08", "2025-12-14", None, "2025-W50"),
        (PageKind.MONTHLY, "2024-02-01", "2024-02-29", None, "2024-02"),
        (PageKind.TRENDING, "2025-12-12", "2025-12-12", None, "2025-12-12"),
        (PageKind.SEARCH, "2025-12-12", "2025-12-12", "rag & <b>", "2025-12-12"),
    ],
)
def test_html_views_round_trip(
    kind: PageKind, start: str, end: str, query: str | None, date_string: str
) -> None:
    first = datetime.date.fromisoformat(start)
    feed = Feed(
        reference=datetime.date(2025, 12, 31),
        date=first,
        kind=kind,
        period_start=first,
        period_end=datetime.date.fromisoformat(end),
        query=query,
        papers=[_html_card("A paper")],
    )
    page = render_html(feed)
    assert f"&quot;dateString&quot;:&quot;{date_string}&quot;" in page
    assert representable_in_html(feed)
    assert paperfeed.parse_html(page, reference=feed.reference) == feed


@pytest.mark.parametrize(
    "paper",
    [
        _html_card("T", published_text="Sep 25"),  # the JSON has only publishedAt
        _html_card("T", authors=AuthorCount(3)),  # a bare count: the JSON lists names
        _html_card("T", abstract="  padded "),
        _html_card("T", paper_id=""),
    ],
)
def test_html_unrepresentable_papers(paper: Paper) -> None:
    feed = Feed(reference=REF, papers=[paper])
    assert not representable_in_html(feed)
    assert paperfeed.parse_html(render_html(feed), reference=REF).papers[0].title == "T"


def test_html_unrepresentable_page_facts() -> None:
    day = datetime.date(2025, 12, 10)  # a Wednesday: no ISO week starts there
    weekly = Feed(reference=REF, date=day, kind=PageKind.WEEKLY, period_start=day)
    assert not representable_in_html(weekly)
    # Without a page date the canonical URL fills in the view; it must agree.
    assert not representable_in_html(
        Feed(reference=REF, source_url="https://huggingface.co/papers")
    )
    assert representable_in_html(
        Feed(reference=REF, kind=PageKind.DAILY, source_url="https://huggingface.co/papers")
    )


def test_html_fixture_round_trips() -> None:
    feed = paperfeed.parse_html(HTML_FIXTURE.read_text(encoding="utf-8"))
    assert len(feed.papers) == 28
    assert not feed.diagnostics
    assert representable_in_html(feed)
    assert paperfeed.parse_html(render_html(feed)) == feed


def test_html_dom_fallback_reads_the_cards() -> None:
    feed = paperfeed.parse_html(HTML_FIXTURE.read_text(encoding="utf-8"))
    dom = paperfeed.parse_html(render_html(feed, props=False), reference=feed.reference)
    assert [d.code for d in dom.diagnostics] == ["dom-fallback"]
    assert (dom.date, dom.kind, dom.source_url) == (feed.date, feed.kind, feed.source_url)
    assert len(dom.papers) == len(feed.papers)
    for got, want in zip(dom.papers, feed.papers):
        assert (got.title, got.paper_id, got.upvotes, got.comments) == (
            want.title,
            want.paper_id,
            want.upvotes,
            want.comments or 0,
        )
        assert (got.organization, got.submitted_by, got.published) == (
            want.organization,
            want.submitted_by,
            want.published,
        )
        assert (got.github_repo, got.github_stars) == (want.github_repo, want.github_stars)
        assert got.authors == (None if want.authors is None else AuthorCount(want.authors.count))


def test_html_dom_fallback_without_url_reads_the_date_navigator() -> None:
    day = datetime.date(2024, 2, 29)
    paper = _html_card('</h3> & "x"', paper_id=None, published=datetime.date(2023, 2, 1))
    feed = Feed(reference=day, date=day, kind=PageKind.DAILY, papers=[paper])
    dom = paperfeed.parse_html(render_html(feed, props=False), reference=day)
    assert dom.date == day
    assert dom.papers[0].title == paper.title
    assert dom.papers[0].organization == paper.organization
    assert (dom.papers[0].published, dom.papers[0].published_text) == (
        datetime.date(2023, 2, 1),
        "Feb 1, 2023",
    )


def test_html_soup_canonical_url_is_unescaped_once() -> None:
    feed = Feed(reference=REF, source_url="https://example.org/?q=a&amp;b")
    soup = bs4.BeautifulSoup(render_html(feed), "html.parser")
    assert paperfeed.parse_html(soup, reference=REF).source_url == feed.source_url
