"""Hypothesis strategies for saved pages in every input form, paired with their feeds.

Import only in tests (it needs ``hypothesis``). Each strategy draws a feed the format can
carry, built for that format rather than filtered out of arbitrary feeds, and renders
it: ``listing_texts()`` gives ``(text, feed)`` with
``parse_text(text, reference=feed.reference) == feed`` (``mangled_listings()`` damages
such a text), ``markdown_texts()`` the same for ``parse_markdown``, ``html_pages()``
``(page, feed)`` with ``parse_html(page, reference=feed.reference) == feed``, and
``decorated_listings()`` copies decorated as converters decorate them.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from paperfeed._common import normalize_ws, page_kind
from paperfeed._models import AuthorCount, Feed, PageKind, Paper
from paperfeed._read.assemble import NO_PAPERS
from paperfeed._read.paperpage import looks_like_paper_page
from paperfeed._render.html import render_html
from paperfeed._render.markdown import render_markdown

from .decorate import DECORATIONS, decorate_markdown, decorate_text
from .html_rules import representable_in_html
from .listings import MangledListing, build_listing, join, mangle
from .markdown_rules import paper_representable_in_markdown, representable_in_markdown
from .models import feeds
from .text_rules import representable_in_text, summary_like

__all__ = [
    "DecoratedListing",
    "as_parsed",
    "decorated_listings",
    "html_pages",
    "listing_texts",
    "mangled_listings",
    "markdown_texts",
]

# Text that means something to a markdown reader; the renderer must escape all of it.
_HOSTILE_TEXT = (
    "**bold**|__under__|*em*|_it_|`code`|```|~~~|[link](https://example.org)|[x]|]|[|"
    "![img](a.png)|x]: y|[ref]: https://e.org|<https://huggingface.co/papers/2401.00001>|"
    "<b>|a\\b|\\|ends\\|#hash|C#|# not a heading|> not a quote|&amp;|&|\"quoted\"|'single'|"
    "1. one|===|---|+|=1+1|a_b_c|(paren)|{brace}|pipe|x|Ünïcödé|日本語|🤗"
)
_MD_HOSTILE = tuple(_HOSTILE_TEXT.split("|"))
_HTML_NAMES = ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Zoë Ünal", "李雷", "O'Neil")
_PAGE_URLS = (
    "https://huggingface.co/papers",
    "https://huggingface.co/papers/trending",
    "https://huggingface.co/papers?q=retrieval%20augmented",
    "https://huggingface.co/papers/date/2025-12-12",
    "https://huggingface.co/papers/week/2025-W50",
    "https://huggingface.co/papers/month/2025-12",
    "https://example.org/saved?a=1&b=<2>",
)


def _hostile(min_size: int = 1) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_MD_HOSTILE), min_size=min_size, max_size=6).map(" ".join)


# -- plain text ------------------------------------------------------------------------


def listing_texts(
    *,
    min_papers: int = 0,
    max_papers: int = 8,
    reference: datetime.date | None = None,
) -> st.SearchStrategy[tuple[str, Feed]]:
    """Plain-text listings paired with the feed ``parse_text`` must read from them.

    Variants: upvote boxes ("12", "-", "Upvote 12", "1,234"), author lines with and
    without bullets or names, organisations, hard-wrapped abstracts, "Published on",
    trailing "arXiv Page"/"GitHub 1.2k"/"#community" lines, chrome before and footer
    after, YAML front matter with ``retrieved:``, BOM, CRLF or CR line ends, NBSP, tabs,
    em spaces, leading/trailing whitespace and any number of blank lines.
    """

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, Feed]:
        feed = draw(
            feeds(
                min_papers=min_papers, max_papers=max_papers, reference=reference, for_format="text"
            )
        )
        return join(draw, build_listing(draw, feed)), as_parsed(feed)

    return build()


def mangled_listings(
    *,
    min_papers: int = 1,
    max_papers: int = 8,
    reference: datetime.date | None = None,
) -> st.SearchStrategy[MangledListing]:
    """Listings damaged by 1-4 edits (lines dropped, duplicated, replaced, junk, truncation).

    A card counts as intact when no edit touched any line or gap from the first line of
    the card before it (the top of the input for the first card) through the date line of
    the card after it (the end of the input for the last card), and none touched the
    first line or the front matter; a later card that opens with its upvote count (no
    "Submitted by"), and the card before it, also need the first card, which teaches the
    reader the page's card order, untouched. Every card has an author line or organisation.
    """

    @st.composite
    def build(draw: st.DrawFn) -> MangledListing:
        feed = draw(
            feeds(
                min_papers=min_papers,
                max_papers=max_papers,
                reference=reference,
                for_format="text",
                byline="any",
            )
        )
        return mangle(draw, feed, build_listing(draw, feed, noisy=draw(st.booleans())))

    return build()


# -- markdown ----------------------------------------------------------------------------


@st.composite
def _markdown_feed(
    draw: st.DrawFn, min_papers: int, max_papers: int, reference: datetime.date | None
) -> Feed:
    base = draw(
        feeds(min_papers=min_papers, max_papers=max_papers, reference=reference, for_format="text")
    )
    url = draw(st.none() | st.sampled_from(_PAGE_URLS[:6]) | st.just(base.source_url))
    kind, query = page_kind(url)
    feed = attrs.evolve(base, source_url=url, kind=kind, query=query)
    papers = list(feed.papers)
    trending = feed.kind is PageKind.TRENDING
    for index, paper in enumerate(papers):
        changes: dict[str, Any] = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "abstract": _hostile(2),
                    "submitted_by": st.sampled_from(("user_name", "a*b", "x\\")),
                    "title": _hostile() | st.sampled_from(("0", "42", "1,234", "-")),
                },
            )
        )
        if paper.organization is not None and draw(st.booleans()):
            changes["organization"] = draw(_hostile())
        hostile = attrs.evolve(paper, **changes)
        # Markdown-hostile text may still read as a date or a count; keep the card then.
        if paper_representable_in_markdown(hostile, feed.reference, trending=trending):
            paper = hostile
        elif not paper_representable_in_markdown(paper, feed.reference, trending=trending):
            paper = attrs.evolve(paper, title=f"Paper {index}")
        papers[index] = paper
    return attrs.evolve(feed, papers=papers)


def as_parsed(feed: Feed) -> Feed:
    """The feed a listing reader gives back for ``feed``: an empty page says it is empty."""
    return feed if feed.papers else attrs.evolve(feed, diagnostics=(NO_PAPERS,))


def markdown_texts(
    *,
    min_papers: int = 0,
    max_papers: int = 8,
    reference: datetime.date | None = None,
) -> st.SearchStrategy[tuple[str, Feed]]:
    """Firecrawl-style markdown captures paired with the feed ``parse_markdown`` reads.

    Feeds are those of ``feeds(for_format="text")`` with a page URL (and so a view and
    query) and titles, abstracts, organisations and submitters full of markdown syntax:
    emphasis, links, images, autolinks, backslashes, "#", "]:", block starters.
    """
    return (
        _markdown_feed(min_papers, max_papers, reference)
        .filter(representable_in_markdown)
        .map(lambda feed: (render_markdown(feed), as_parsed(feed)))
    )


# -- decorated copies --------------------------------------------------------------------


@attrs.frozen
class DecoratedListing:
    """A listing decorated the way a real converter prints it, and the feed it reads as."""

    text: str
    """The decorated text or markdown."""
    feed: Feed
    """What ``parse_markdown`` (if ``markdown``) or ``parse_text`` must return for it."""
    markdown: bool
    """Whether ``text`` is a markdown capture rather than a plain-text copy."""
    decorations: tuple[str, ...]
    """The decorations applied (``_decorate.DECORATIONS``)."""


def _trending(feed: Feed) -> Feed:
    """Move ``feed`` to the trending view: short one-sentence texts are AI summaries there."""
    papers: list[Paper] = []
    for paper in feed.papers:
        if paper.abstract is not None and summary_like(paper.abstract):
            paper = attrs.evolve(paper, abstract=None, ai_summary=paper.abstract)
        if papers and papers[-1].title == paper.title:  # twins there are one card
            paper = attrs.evolve(paper, title=f"{paper.title} (v{len(papers) + 1})")
        papers.append(paper)
    url = "https://huggingface.co/papers/trending"
    return attrs.evolve(feed, papers=papers, source_url=url, kind=PageKind.TRENDING, query=None)


@st.composite
def _decorated(
    draw: st.DrawFn,
    min_papers: int,
    max_papers: int,
    reference: datetime.date | None,
    markdown: bool | None,
) -> DecoratedListing:
    feed = draw(
        feeds(min_papers=min_papers, max_papers=max_papers, reference=reference, for_format="text")
    )
    md = draw(st.booleans()) if markdown is None else markdown
    trending = draw(st.booleans())
    if trending:
        feed = _trending(feed)
    on = set(draw(st.lists(st.sampled_from(DECORATIONS), unique=True)))
    if not trending:
        on.discard("twice")
    if "lynx" in on and "urls" in on:
        on.discard(draw(st.sampled_from(("lynx", "urls"))))
    representable = representable_in_markdown if md else representable_in_text
    assume(representable(feed))
    decorations = frozenset(on)
    text = (
        decorate_markdown(draw, feed, decorations) if md else decorate_text(draw, feed, decorations)
    )
    assume(not looks_like_paper_page(text))
    return DecoratedListing(text, as_parsed(feed), md, tuple(sorted(decorations)))


def decorated_listings(
    *,
    min_papers: int = 0,
    max_papers: int = 8,
    reference: datetime.date | None = None,
    markdown: bool | None = None,
) -> st.SearchStrategy[DecoratedListing]:
    """Rendered listings decorated as real converters print pages, with the feed they read as.

    Feeds are those of ``feeds(for_format="text")``, on half of the draws moved to the
    trending view; the text copy (or markdown capture, ``markdown=True``; either when
    ``None``) gets any of: URLs on lines of their own after linked text (notebook
    exports), lynx reference numbers with a "References" list, image alt placeholders
    and check boxes (w3m, pandoc, "[图片：无替代文本]"), hard wrapping at 72-80 columns,
    every card twice (trending pages), navigation before and a footer after with words
    the reader does not know mixed into ones it knows.
    """
    return _decorated(min_papers, max_papers, reference, markdown)


# -- HTML --------------------------------------------------------------------------------


def _text(value: str | None) -> str | None:
    return (normalize_ws(value) or None) if value is not None else None


@st.composite
def _html_paper(draw: st.DrawFn, paper: Paper) -> Paper:
    """Bring an arbitrary paper within what the page JSON carries."""
    authors = paper.authors
    if authors is not None:
        names = [n for n in map(normalize_ws, authors.names) if n]
        if not names:
            pool = st.sampled_from(_HTML_NAMES) | _hostile()
            names = draw(st.lists(pool, min_size=authors.count, max_size=authors.count))
        authors = AuthorCount(len(names), names)
    title = normalize_ws(paper.title) or "Untitled"
    if draw(st.integers(0, 3)) == 0:
        title = draw(_hostile())
    return attrs.evolve(
        paper,
        title=title,
        abstract=_text(paper.abstract),
        authors=authors,
        organization=_text(paper.organization),
        published_text=None,
        year_inferred=False,
        submitted_by=_text(paper.submitted_by),
        ai_summary=_text(paper.ai_summary),
        ai_keywords=[k for k in map(normalize_ws, paper.ai_keywords) if k],
    )


def _week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@st.composite
def _page_facts(draw: st.DrawFn, reference: datetime.date) -> dict[str, Any]:
    """Draw a coherent view: kind, date, period and query, with a URL that agrees."""
    day = reference - datetime.timedelta(days=draw(st.integers(0, 400)))
    view = draw(st.sampled_from(("daily", "weekly", "monthly", "trending", "search", "none")))
    if view in ("daily", "trending", "search"):
        start = end = day
        url = f"https://huggingface.co/papers/date/{day.isoformat()}"
    elif view == "weekly":
        start = _week_start(day)
        end = start + datetime.timedelta(days=6)
        iso = start.isocalendar()
        url = f"https://huggingface.co/papers/week/{iso[0]:04d}-W{iso[1]:02d}"
    else:
        start = day.replace(day=1)
        end = (start + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
        url = f"https://huggingface.co/papers/month/{start.year:04d}-{start.month:02d}"
    kinds = {"daily": PageKind.DAILY, "weekly": PageKind.WEEKLY, "monthly": PageKind.MONTHLY}
    facts: dict[str, Any] = {
        "kind": kinds.get(view),
        "date": start,
        "period_start": start,
        "period_end": end,
        "query": None,
        "source_url": draw(st.none() | st.just(url) | st.sampled_from(_PAGE_URLS)),
    }
    if view == "trending":
        facts["kind"] = PageKind.TRENDING
    elif view == "search":
        facts["kind"] = PageKind.SEARCH
        facts["query"] = normalize_ws(draw(_hostile())) or "rag"
    elif view == "none":
        no_date = dict.fromkeys(("kind", "date", "period_start", "period_end", "query"))
        facts.update(no_date, source_url=draw(st.none() | st.just(_PAGE_URLS[-1])))
    return facts


@st.composite
def _html_feed(
    draw: st.DrawFn, min_papers: int, max_papers: int, reference: datetime.date | None
) -> Feed:
    base = draw(feeds(min_papers=min_papers, max_papers=max_papers, reference=reference))
    papers = [draw(_html_paper(p)) for p in base.papers]
    facts = draw(_page_facts(base.reference))
    return attrs.evolve(base, papers=papers, diagnostics=(), **facts)


def html_pages(
    *,
    min_papers: int = 0,
    max_papers: int = 8,
    reference: datetime.date | None = None,
) -> st.SearchStrategy[tuple[str, Feed]]:
    """Saved daily, weekly, monthly, trending and search pages paired with their feeds.

    Papers carry every field the page JSON has (abstracts, named authors, organisations,
    submitters, featured times in any time zone, GitHub and project links, AI summaries
    and keywords) and text with HTML and markdown syntax in it; the canonical URL may
    agree with the view, name another one, or be absent.
    """
    return (
        _html_feed(min_papers, max_papers, reference)
        .filter(representable_in_html)
        .map(lambda feed: (render_html(feed), feed))
    )
