"""Hypothesis strategies for paperfeed models and for the raw listings they come from.

Import this module only in tests: it needs ``hypothesis`` (``pip install paperfeed[hypothesis]``).
``for_format="text"`` restricts a strategy to values the plain-text format can carry, so that
``parse_text(render_text(feed), reference=feed.reference) == feed``.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
from typing import Literal

import attrs
from hypothesis import strategies as st

from ._common import normalize_ws
from ._models import AuthorCount, Diagnostic, Feed, PageKind, Paper, Severity
from ._read.assemble import page_kind
from ._render.text import (
    cards_problem,
    carries_authors,
    carries_paper_id,
    format_date,
    is_free_text,
    is_organization,
    is_title,
    org_like,
    paper_representable,
)
from ._testing.listings import _JUNK_ALPHABET, ALPHABET, MangledListing, build_listing, join, mangle

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

Format = Literal["text"] | None
Byline = Literal["authors", "organization", "none", "any"] | None


def _bar(text: str) -> tuple[str, ...]:
    """Split a "|"-separated sample list."""
    return tuple(text.split("|"))


# Sample vocabularies, "|"-separated to keep them compact.
_WORDS = _bar(
    "Learning|Transformers|Diffusion|LLMs|Zero-shot|Scaling|Efficient|Reasoning|Agents|"
    "Benchmark|via|for|with|of|and|a|in|the|Models|3D|Multimodal|Self-Supervised|Attention|"
    "Is|All|You|Need|Towards|Robust|Graph|Neural|Networks|Retrieval-Augmented|Generation|"
    "Vision-Language|RLHF|Mixture-of-Experts|Long-Context|Über|naïve|Ünïcödé|日本語|大模型|"
    'Ελληνικά|עברית|🤗|🚀|α-β|∞|x²|C++|O(n)|10x|2.5%|—|–|…|:|?|!|(LoRA)|"quoted"|it\'s|&|'
    "e\u0301|Zero‑Width\u200bJoin"
)
_EDGE_TITLES = _bar("0|-|1|00|42|1,234|A|?|…|🤗|Title")
_HOSTILE_TITLES = _bar(
    "Jul 9|3 authors|·|Subscribe|Daily Papers|PDF|Submitted by x|GitHub 12|today|=1+1|'quoted|"
    "https://arxiv.org/abs/2306.01234|nul\x00byte|tab\there|line\nbreak|  padded  |\r|"
)
_MONTH_NAMES = _bar(
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_ORGS = _bar(
    "Google|Meta AI|Carnegie Mellon University|NVIDIA|Hugging Face|Tsinghua University|"
    "清华大学|ÉTH Zürich|OpenAI|AI2"
)
_NAMES = _bar(
    "Ada Lovelace|Alan Turing|Grace Hopper|Zoë Ünal|李雷|J. Doe|María José|O'Neil|van der Berg"
)
_CODES = _bar(
    "unknown-line|misplaced-line|truncated-card|invalid-date|no-title|extra-page-date|"
    "author-names|reference-today"
)
_TZS = tuple(
    datetime.timezone(datetime.timedelta(minutes=m))
    for m in (0, 60, 330, 345, -300, -480, 540, 840, -720)
)

_TEXT_CHARS = st.sampled_from(ALPHABET)
_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def reference_dates(min_year: int = 2017, max_year: int = 2027) -> st.SearchStrategy[datetime.date]:
    """Reference dates in HF's range, biased to year ends, Feb 28/29 and Mar 1."""
    edges = [
        datetime.date(y, m, d)
        for y in range(min_year, max_year + 1)
        for m, d in ((12, 30), (12, 31), (1, 1), (1, 2), (2, 28), (3, 1))
    ] + [datetime.date(y, 2, 29) for y in range(min_year, max_year + 1) if y % 4 == 0]
    return st.one_of(
        st.dates(datetime.date(min_year, 1, 1), datetime.date(max_year, 12, 31)),
        st.sampled_from(edges),
    )


def paper_ids() -> st.SearchStrategy[str]:
    """ArXiv-style ids: "2306.01234", "1412.6980", "hep-th/9901001", "math.AG/0601001"."""

    def new_id(yy: int, mm: int, n: int) -> str:
        # Four-digit numbers until 2014, five since 2015 (1501.00001).
        return f"{yy:02d}{mm:02d}.{n:05d}" if yy >= 15 else f"{yy:02d}{mm:02d}.{n % 10000:04d}"

    new_style = st.builds(new_id, st.integers(7, 27), st.integers(1, 12), st.integers(1, 29999))
    old_style = st.builds(
        lambda arch, n: f"{arch}/{n:07d}",
        st.sampled_from(("hep-th", "math.AG", "cs", "cond-mat", "quant-ph", "math.CO")),
        st.integers(9100001, 9912999) | st.integers(1, 703999),
    )
    return st.one_of(new_style, new_style, old_style)


def _words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_WORDS), min_size=min_size, max_size=max_size).map(" ".join)


def _free_text(max_size: int) -> st.SearchStrategy[str]:
    text = st.text(_TEXT_CHARS, min_size=1, max_size=max_size).map(normalize_ws)
    return text.filter(bool)


def titles(
    *, for_format: Format = None, reference: datetime.date | None = None
) -> st.SearchStrategy[str]:
    """Paper titles: realistic words, unicode, punctuation, and the edge case "0".

    ``for_format="text"`` keeps the titles a copy without links carries (``is_title``):
    never a bare number such as "0", a date, a label or page chrome. ``reference`` is
    accepted for compatibility; what a copy carries as a title does not depend on it.
    """
    base = st.one_of(_words(1, 14), _free_text(80), st.sampled_from(_EDGE_TITLES))
    if for_format is None:
        return st.one_of(base, st.sampled_from(_HOSTILE_TITLES).filter(str.strip))
    return base.filter(is_title)


@st.composite
def _author_count(
    draw: st.DrawFn, min_count: int, max_count: int, with_names: bool | None, text: bool
) -> AuthorCount:
    count = draw(st.integers(min_count, max_count))
    named = draw(st.booleans()) if with_names is None else with_names
    if not named or count == 0:
        return AuthorCount(count)
    name = st.sampled_from(_NAMES) | _free_text(30)
    if text:
        name = name.filter(lambda n: "," not in n and not set(n) & set("•·∙"))
    authors = AuthorCount(count, draw(st.lists(name, min_size=1, max_size=min(count, 8))))
    if text and not carries_authors(authors):
        return AuthorCount(count)  # a first name the reader would drop a bullet from, ...
    return authors


def author_counts(
    *,
    min_count: int = 0,
    max_count: int = 60,
    with_names: bool | None = None,
    for_format: Format = None,
) -> st.SearchStrategy[AuthorCount]:
    """Author lines: a count, and none, some or all of the names (never more than the count)."""
    return _author_count(min_count, max_count, with_names, for_format == "text")


def _counts() -> st.SearchStrategy[int]:
    return st.one_of(st.just(0), st.integers(0, 500), st.integers(0, 10**8))


@st.composite
def _printed_date(
    draw: st.DrawFn, reference: datetime.date, year_inferred: bool | None
) -> tuple[datetime.date, str, bool]:
    """Draw (published, published_text, year_inferred) as the page could print it."""
    from ._dates import resolve_month_day

    styles = ["yearless"] if year_inferred else ["year", "full", "iso", "relative"]
    if year_inferred is None:
        styles.append("yearless")
    style = draw(st.sampled_from(styles))
    if style == "yearless":
        month, day = draw(
            st.sampled_from([(2, 29), (12, 31), (1, 1)])
            | st.tuples(st.integers(1, 12), st.integers(1, 31))
        )
        day = min(day, calendar.monthrange(2024, month)[1])  # a real day (Feb 29 included)
        value = resolve_month_day(month, day, reference)
        if value is not None:
            text = format_date(value, value)  # "Jul 9": a date is in its own year
            return value, draw(st.sampled_from([text, text.replace(" ", ". ", 1)])), True
        style = "year"
    if style == "relative":
        days = draw(st.integers(0, 60))
        text = {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")
        if days % 7 == 0 and days and draw(st.booleans()):
            text = "a week ago" if days == 7 else f"{days // 7} weeks ago"
        return reference - datetime.timedelta(days=days), text, False
    value = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2027, 12, 31)))
    if style == "iso":
        return value, value.isoformat(), False
    name = _MONTH_NAMES[value.month - 1] if style == "full" else format_date(value, value)[:3]
    sep = draw(st.sampled_from([", ", ","]))
    return value, f"{name} {value.day}{sep}{value.year}", False


def _users() -> st.SearchStrategy[str]:
    """Hub user names; built from an alphabet, as from_regex would load Unicode tables."""
    return st.builds(str.__add__, st.sampled_from(_ALNUM), st.text(_ALNUM + "_.-", max_size=19))


@st.composite
def _paper(
    draw: st.DrawFn,
    with_abstract: bool | None,
    year_inferred: bool | None,
    reference: datetime.date | None,
    for_format: Format,
    byline: Byline,
) -> Paper:
    text = for_format == "text"
    ref = reference if reference is not None else draw(reference_dates())
    title = draw(titles(for_format=for_format, reference=ref))
    kind = byline or draw(st.sampled_from(["authors", "authors", "organization", "none"]))
    if kind == "any":
        kind = draw(st.sampled_from(["authors", "organization"]))
    abstract_text = _words(3, 60) | _free_text(300)
    if text:
        # A short last line before the date of a card with no byline reads as its organisation.
        bylined = kind != "none"
        abstract_text = abstract_text.filter(
            lambda a: is_free_text(a) and (bylined or not org_like(a))
        )
    has_abstract = draw(st.booleans()) if with_abstract is None else with_abstract
    abstract = draw(abstract_text) if has_abstract else None
    authors = draw(author_counts(for_format=for_format)) if kind == "authors" else None
    org_text = st.sampled_from(_ORGS) | _free_text(40)
    if text:
        org_text = org_text.filter(is_organization)
    organization = draw(org_text) if kind == "organization" else None
    printed = draw(_printed_date(ref, year_inferred))
    published: datetime.date | None = printed[0]
    published_text: str | None = printed[1]
    inferred = printed[2]
    fields: dict[str, object] = {}
    if not text:
        if draw(st.integers(0, 9)) == 0:
            published_text = None
        if draw(st.integers(0, 9)) == 0:
            published = None
        fields = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "featured_at": st.datetimes(
                        datetime.datetime(2017, 1, 1),
                        datetime.datetime(2027, 12, 31),
                        timezones=st.sampled_from(_TZS),
                    ),
                    "github_repo": st.sampled_from(
                        ("https://github.com/org/repo", "https://github.com/a-b/c.d")
                    ),
                    "project_page": st.sampled_from(
                        ("https://example.org/", "https://a.github.io/p")
                    ),
                    "ai_summary": _words(5, 40),
                    "ai_keywords": st.lists(_words(1, 3), max_size=5).map(tuple),
                    "organization": org_text,  # with or without an author line
                },
            )
        )
        organization = fields.pop("organization", organization)  # type: ignore[assignment]
    user = _users()
    paper = Paper(
        title=title,
        abstract=abstract,
        authors=authors,
        organization=organization,
        published=published,
        published_text=published_text,
        year_inferred=inferred,
        comments=draw(st.none() | st.integers(0, 300) | st.integers(0, 9_999_999)),
        upvotes=draw(st.none() | _counts()),
        paper_id=draw(st.none() | (paper_ids().filter(carries_paper_id) if text else paper_ids())),
        submitted_by=draw(st.none() | user),
        github_stars=draw(st.none() | st.integers(0, 500) | st.integers(0, 2**40)),
        **fields,  # type: ignore[arg-type]
    )
    # Rare leftovers ("Jul 9 2023": 2023 comments read as a year): drop an extra.
    if text and not paper_representable(paper, ref):
        paper = attrs.evolve(paper, submitted_by=None)
    if text and not paper_representable(paper, ref):
        paper = attrs.evolve(paper, comments=None)
    return paper


def papers(
    *,
    with_abstract: bool | None = None,
    year_inferred: bool | None = None,
    reference: datetime.date | None = None,
    for_format: Format = None,
    byline: Byline = None,
) -> st.SearchStrategy[Paper]:
    """Valid papers; keyword arguments pin parts of them down.

    ``with_abstract`` / ``year_inferred``: force the abstract / a year-less date on or off.
    ``reference``: resolve year-less dates against it (drawn when ``None``).
    ``byline``: "authors", "organization", "none", or "any" (authors or organisation).
    ``for_format="text"``: only cards the plain-text format carries for ``reference``.
    """
    if for_format not in (None, "text"):
        raise ValueError(f"for_format must be None or 'text', not {for_format!r}")
    if for_format == "text" and reference is None:
        raise ValueError("papers(for_format='text') needs the reference its dates resolve to")
    return _paper(with_abstract, year_inferred, reference, for_format, byline)


def diagnostics(*, severity: Severity | None = None) -> st.SearchStrategy[Diagnostic]:
    """Diagnostics as parsers produce them, with arbitrary skipped text."""
    return st.builds(
        Diagnostic,
        code=st.sampled_from(_CODES),
        severity=st.just(severity) if severity else st.sampled_from(Severity),
        message=_words(1, 12),
        line=st.integers(0, 10**6),
        column=st.integers(0, 500),
        text=st.text(_JUNK_ALPHABET, max_size=40),
    )


@st.composite
def _feed(
    draw: st.DrawFn,
    min_papers: int,
    max_papers: int,
    reference: datetime.date | None,
    for_format: Format,
    byline: Byline,
) -> Feed:
    ref = reference if reference is not None else draw(reference_dates())
    near = st.integers(0, 400).map(lambda d: ref - datetime.timedelta(days=d))
    date = draw(st.none() | st.just(ref) | near)
    items = draw(
        st.lists(
            papers(reference=ref, for_format=for_format, byline=byline),
            min_size=min_papers,
            max_size=max_papers,
        )
    )
    url = st.sampled_from(
        (
            "https://huggingface.co/papers",
            "https://huggingface.co/papers?q=rag",
            "https://huggingface.co/papers/date/2025-12-12",
        )
    )
    if for_format == "text":
        source = draw(st.none() | url)
        kind, query = page_kind(source)
        feed = Feed(
            reference=ref, date=date, papers=items, source_url=source, kind=kind, query=query
        )
        return _fit_cards(draw, feed)
    start = draw(st.none() | near)
    return Feed(
        reference=ref,
        date=date,
        papers=items,
        kind=draw(st.none() | st.sampled_from(PageKind)),
        period_start=start,
        period_end=None if start is None else draw(st.none() | st.just(ref)),
        query=draw(st.none() | _words(1, 4)),
        source_url=draw(st.none() | url),
        diagnostics=draw(st.lists(diagnostics(), max_size=3)),
    )


def _fit_cards(draw: st.DrawFn, feed: Feed) -> Feed:
    """Change what ``cards_problem`` would misread in a text feed, one rule at a time."""
    for _ in range(8):
        problem = cards_problem(feed)
        if problem is None:
            return feed
        papers = list(feed.papers)
        if problem.startswith("upvotes"):  # give later upvoted cards the first card's opener
            papers = papers[:1] + [
                attrs.evolve(p, submitted_by=draw(_users()))
                if p.submitted_by is None and p.upvotes is not None
                else p
                for p in papers[1:]
            ]
        elif problem.startswith("a first date"):
            feed = attrs.evolve(feed, date=feed.reference)  # print the page date first
        elif problem.startswith("a first card"):
            papers[0] = attrs.evolve(papers[0], paper_id=draw(paper_ids().filter(carries_paper_id)))
        else:  # one title or one paper id twice in a row
            papers = [papers[0]] + [
                attrs.evolve(b, paper_id=None)
                if a.title == b.title or a.paper_id == b.paper_id
                else b
                for a, b in itertools.pairwise(papers)
            ]
        feed = attrs.evolve(feed, papers=papers)
    problem = cards_problem(feed)
    if problem is not None:
        raise AssertionError(f"cannot fit the cards: {problem}")
    return feed


def feeds(
    *,
    min_papers: int = 0,
    max_papers: int = 10,
    reference: datetime.date | None = None,
    for_format: Format = None,
    byline: Byline = None,
) -> st.SearchStrategy[Feed]:
    """Valid feeds; ``for_format="text"`` gives only feeds ``render_text`` writes exactly."""
    if for_format not in (None, "text"):
        raise ValueError(f"for_format must be None or 'text', not {for_format!r}")
    return _feed(min_papers, max_papers, reference, for_format, byline)


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


from ._testing.formats import (  # noqa: E402  (they draw from feeds)
    DecoratedListing,
    as_parsed,
    decorated_listings,
    html_pages,
    markdown_texts,
)
