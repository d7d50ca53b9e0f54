"""Hypothesis strategies for paperfeed's models: author counts, papers, diagnostics, feeds.

Helpers of ``paperfeed.strategies`` and of the Hypothesis entry point (``plugin``).
``for_format="text"`` keeps to what the plain-text format carries (``text_rules``).
"""

from __future__ import annotations

import datetime
import itertools
from typing import Literal

import attrs
from hypothesis import strategies as st

from paperfeed._common import page_kind
from paperfeed._models import AuthorCount, Diagnostic, Feed, PageKind, Paper, Severity

from .listings import _JUNK_ALPHABET
from .text_rules import (
    cards_problem,
    carries_authors,
    carries_paper_id,
    is_free_text,
    is_organization,
    org_like,
    paper_representable,
)
from .values import (
    Format,
    bar,
    counts,
    free_text,
    paper_ids,
    printed_dates,
    reference_dates,
    titles,
    users,
    words,
)

__all__ = ["Byline", "author_counts", "diagnostics", "feeds", "papers"]

Byline = Literal["authors", "organization", "none", "any"] | None

_ORGS = bar(
    "Google|Meta AI|Carnegie Mellon University|NVIDIA|Hugging Face|Tsinghua University|"
    "清华大学|ÉTH Zürich|OpenAI|AI2"
)
_NAMES = bar(
    "Ada Lovelace|Alan Turing|Grace Hopper|Zoë Ünal|李雷|J. Doe|María José|O'Neil|van der Berg"
)
_CODES = bar(
    "unknown-line|misplaced-line|truncated-card|invalid-date|no-title|extra-page-date|"
    "author-names|reference-today"
)
_TZS = tuple(
    datetime.timezone(datetime.timedelta(minutes=m))
    for m in (0, 60, 330, 345, -300, -480, 540, 840, -720)
)


@st.composite
def _author_count(
    draw: st.DrawFn, min_count: int, max_count: int, with_names: bool | None, text: bool
) -> AuthorCount:
    count = draw(st.integers(min_count, max_count))
    named = draw(st.booleans()) if with_names is None else with_names
    if not named or count == 0:
        return AuthorCount(count)
    name = st.sampled_from(_NAMES) | free_text(30)
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
    abstract_text = words(3, 60) | free_text(300)
    if text:
        # A short last line before the date of a card with no byline reads as its organisation.
        bylined = kind != "none"
        abstract_text = abstract_text.filter(
            lambda a: is_free_text(a) and (bylined or not org_like(a))
        )
    has_abstract = draw(st.booleans()) if with_abstract is None else with_abstract
    abstract = draw(abstract_text) if has_abstract else None
    authors = draw(author_counts(for_format=for_format)) if kind == "authors" else None
    org_text = st.sampled_from(_ORGS) | free_text(40)
    if text:
        org_text = org_text.filter(is_organization)
    organization = draw(org_text) if kind == "organization" else None
    printed = draw(printed_dates(ref, year_inferred))
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
                    "ai_summary": words(5, 40),
                    "ai_keywords": st.lists(words(1, 3), max_size=5).map(tuple),
                    "organization": org_text,  # with or without an author line
                },
            )
        )
        organization = fields.pop("organization", organization)  # type: ignore[assignment]
    user = users()
    paper = Paper(
        title=title,
        abstract=abstract,
        authors=authors,
        organization=organization,
        published=published,
        published_text=published_text,
        year_inferred=inferred,
        comments=draw(st.none() | st.integers(0, 300) | st.integers(0, 9_999_999)),
        upvotes=draw(st.none() | counts()),
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
        message=words(1, 12),
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
        query=draw(st.none() | words(1, 4)),
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
                attrs.evolve(p, submitted_by=draw(users()))
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
