"""The round-trip rules of the markdown format: which feeds ``render_markdown`` writes exactly.

``parse_markdown(render_markdown(feed), reference=feed.reference) == feed`` holds exactly
for the feeds ``representable_in_markdown`` accepts: every rendered block is read back
through the markdown line stage and ``classify``, as the reader reads it.
"""

from __future__ import annotations

import datetime

from paperfeed._common import page_kind
from paperfeed._dates import match_date
from paperfeed._models import Feed, PageKind, Paper
from paperfeed._read.assemble import title_problem
from paperfeed._read.cards import Kind, Token, classify
from paperfeed._read.markdown_lines import markdown_to_lines
from paperfeed._read.paperpage_words import looks_like_paper_page
from paperfeed._render.markdown import card_blocks, render_markdown
from paperfeed._render.text import body_text

from .text_rules import cards_problem, values_problem

__all__ = [
    "block_tokens",
    "paper_representable_in_markdown",
    "representable_in_markdown",
]


def _url_ok(url: str) -> bool:
    # The front matter reader strips whitespace and quotes; a line break ends the value.
    return (
        url.startswith(("http://", "https://"))
        and url == url.strip().strip("\"'")
        and "\n" not in url
        and "\r" not in url
    )


def block_tokens(block: str) -> list[Token] | None:
    """Return what the reader names one rendered markdown block (one line), or ``None``."""
    if "\n" in block:
        return None
    tokens: list[Token] = []
    for line in markdown_to_lines([block]):
        if line.cut or line.text.count("[") > line.text.count("]"):
            # reader bug: an escaped "\[" left open on its line is read as a link that
            # runs on over the next lines ("### Title \[draft" cuts the card); refused.
            return None
        tokens += classify(line)
    return tokens


def _reads(block: str, *expected: tuple[Kind, str | None, object], pid: str | None = None) -> bool:
    """Say whether ``block`` reads as exactly these (kind, text, value) tokens.

    Every token that links to a paper must link to ``pid``.
    """
    tokens = block_tokens(block)
    if tokens is None or len(tokens) != len(expected):
        return False
    for token, (kind, text, value) in zip(tokens, expected, strict=True):
        if token.paper_id not in (None, pid):
            return False
        if token.kind is not kind or (text is not None and token.text != text):
            return False
        if value is not None and token.value != value:
            return False
    return True


def _card_reads(paper: Paper, reference: datetime.date, trending: bool) -> bool:
    """Say whether each block of the card reads back as the field it prints."""
    pid = paper.paper_id
    blocks = iter(card_blocks(paper, reference, trending))
    linked = Kind.TEXT if pid is None else Kind.PAPER

    def reads(block: str, *expected: tuple[Kind, str | None, object]) -> bool:
        return _reads(block, *expected, pid=pid)

    if paper.submitted_by is not None and not reads(
        next(blocks), (Kind.SUBMITTED, None, paper.submitted_by)
    ):
        return False
    if paper.upvotes is not None:
        kind = Kind.COUNT if pid is None else Kind.UPVOTE
        if not reads(next(blocks), (kind, None, paper.upvotes)):
            return False
    # A linked count in the title's place ("### [0](…)") is named a count, and taken as
    # the title when the card is built.
    title_kind = Kind.COUNT if pid is not None and title_problem(paper.title) else linked
    if not reads(next(blocks), (title_kind, paper.title, None)):
        return False
    body = body_text(paper, trending)
    if body is not None and not reads(next(blocks), (linked, body, None)):
        return False
    if paper.authors is not None:
        tokens = block_tokens(next(blocks))
        if not tokens or len(tokens) != 1 or tokens[0].kind is not Kind.AUTHORS:
            return False
        if tokens[0].paper_id not in (None, pid):
            return False
        if (tokens[0].value, tokens[0].names) != (paper.authors.count, paper.authors.names):
            return False
    elif paper.organization is not None and not reads(
        next(blocks), (Kind.ORG, paper.organization, None)
    ):
        return False
    if paper.authors is not None or paper.organization is not None:
        next(blocks)  # "·"
    if paper.published_text is None:
        return False
    dated = next(blocks)
    if pid is not None and paper.comments is not None:
        parts: tuple[tuple[Kind, str | None, object], ...] = (
            (Kind.DATE, paper.published_text, None),
            (Kind.COMMENTS, None, paper.comments),
        )
        printed = match_date(paper.published_text, reference)
    else:
        parts = ((Kind.DATE, None, None),)
        printed = match_date(dated, reference)
    if not reads(dated, *parts) or printed is None:
        return False
    return (
        printed.text,
        printed.value,
        printed.year_inferred,
        printed.comments or paper.comments,
    ) == (
        paper.published_text,
        paper.published,
        paper.year_inferred,
        paper.comments,
    ) and (
        paper.github_stars is None or reads(next(blocks), (Kind.GITHUB, None, paper.github_stars))
    )


def paper_representable_in_markdown(
    paper: Paper, reference: datetime.date, *, trending: bool = False
) -> bool:
    """Tell whether one card, on its own, reads back as ``paper`` from a markdown capture.

    ``values_problem`` finds nothing, and every rendered block reads back,
    through the markdown line stage and ``classify``, as exactly its field: the escaped
    title and abstract (linked to the paper when it has an id) verbatim, the upvote box
    (a login link when linked) as that count, the author line as that count and names,
    the organisation chip as that name, the date and the ``#community`` comment link as
    ``published_text`` and ``comments``, "GitHub N" as the stars.
    """
    linked = paper.paper_id is not None
    return values_problem(paper, trending, linked) is None and _card_reads(
        paper, reference, trending
    )


def representable_in_markdown(feed: Feed) -> bool:
    """Tell whether ``parse_markdown(render_markdown(feed), reference=feed.reference) == feed``.

    An empty feed reads back with the ``no-papers`` warning (``as_parsed``); otherwise
    the feed has no diagnostics, ``period_start`` or ``period_end``; its ``kind`` and
    ``query`` are what its ``source_url`` says (``page_kind``: a capture records nothing
    else about the view); the ``source_url`` (if any) is an http(s) URL on one line
    without whitespace or quotes at its ends; every paper passes
    ``paper_representable_in_markdown`` (``trending`` on a trending page); the cards read
    right together (``cards_problem``: markdown cards are cut as text ones are); a reader
    bug is kept out (a linked count title with neither submitter nor upvote box after
    another card is taken for that card's stars); and the capture does not look like a
    single paper's page
    (``looks_like_paper_page``, e.g. a ``url:`` naming one paper).
    """
    if feed.diagnostics or feed.period_start is not None or feed.period_end is not None:
        return False
    if (feed.kind, feed.query) != page_kind(feed.source_url):
        return False
    if feed.source_url is not None and not _url_ok(feed.source_url):
        return False
    papers = feed.papers
    for paper in papers[1:]:
        if paper.submitted_by is None and paper.upvotes is None and title_problem(paper.title):
            # reader bug: a linked count title ("### [0](…)") right after another card is
            # taken for that card's GitHub stars, even though it links to another paper.
            return False
    trending = feed.kind is PageKind.TRENDING
    if not all(
        paper_representable_in_markdown(p, feed.reference, trending=trending) for p in feed.papers
    ):
        return False
    return cards_problem(feed) is None and not looks_like_paper_page(render_markdown(feed))
