"""The round-trip rules of the text format: which feeds ``render_text`` writes exactly.

``parse_text(render_text(feed), reference=feed.reference) == feed`` holds exactly for the
feeds ``representable_in_text`` accepts. Each rule asks the reader itself: a line is
judged by what the line stage makes of it (``text_to_lines``), what ``classify`` names it
and whether ``title_problem`` refuses it. The strategies draw only such feeds.
"""

from __future__ import annotations

import datetime
import itertools
import re

from paperfeed._common import normalize_ws, page_kind, paper_id_of
from paperfeed._dates import match_date
from paperfeed._models import AuthorCount, Feed, PageKind, Paper
from paperfeed._read import patterns as P
from paperfeed._read.assemble import title_problem
from paperfeed._read.cards import Kind, Token, classify
from paperfeed._read.lines import text_to_lines
from paperfeed._read.paperpage_words import looks_like_paper_page
from paperfeed._render.text import (
    authors_line,
    body_text,
    community_url,
    date_line,
    format_count,
    github_line,
    render_text,
)

__all__ = [
    "cards_problem",
    "carries_authors",
    "carries_paper_id",
    "is_free_text",
    "is_normalized",
    "is_organization",
    "is_title",
    "line_kind",
    "org_like",
    "paper_representable",
    "representable_in_text",
    "summary_like",
    "values_problem",
]

_ORG_MAX = 64  # conservative: the reader takes organisations of up to 120 characters
_ORG_WORDS = 15  # the reader takes a last line before the date for an organisation when it
_ORG_TEXT_MAX = 120  # has at most this many words and characters and does not end in "."
_SUMMARY_MAX = 400  # on trending pages a text this short with one sentence is an AI summary
_SENTENCE_END_RE = re.compile(r"[.!?]\s+[A-Z]")
_YEAR_END_RE = re.compile(r"\d{4}$")


def is_normalized(text: str) -> bool:
    """Say whether ``text`` is non-empty and already whitespace-normalized."""
    return bool(text) and normalize_ws(text) == text


def line_tokens(text: str, *, verbatim: bool = True) -> list[Token] | None:
    """Return what the reader names ``text`` printed alone on a line of a text copy.

    ``None`` when the line stage does not see it as one run without a link or check box
    (it reads a URL, an upvote label or a box), or, if ``verbatim``, when it changes the
    text: drops a list bullet, a "[…]" bracket, a heading mark or a rule.
    """
    if "\n" in text or "\r" in text:
        return None
    seen = list(text_to_lines([text]))
    if len(seen) != 1 or seen[0].href is not None or seen[0].box:
        return None
    if verbatim and seen[0].text != text:
        return None
    return classify(seen[0])


def line_kind(text: str) -> str:
    """Name ``text`` alone on a line as the reader does: a ``Kind`` value ("text", "date",
    "count", "authors", "chrome", ...), "several" when it gives several tokens, or
    "altered" when the reader does not see it verbatim (see ``line_tokens``)."""
    tokens = line_tokens(text)
    if tokens is None:
        return "altered"
    if len(tokens) != 1 or tokens[0].text != text:
        return "several"
    return tokens[0].kind.value


def is_free_text(text: str) -> bool:
    """Say whether ``text`` is normalized and read verbatim as one line of free text."""
    return is_normalized(text) and line_kind(text) == Kind.TEXT.value


def is_title(text: str) -> bool:
    """Say whether a text copy carries ``text`` as a title: free text ``title_problem`` takes."""
    return is_free_text(text) and title_problem(text) is None


def org_like(text: str) -> bool:
    """Say whether the reader takes ``text``, last before a card's date, for an organisation."""
    return len(text) <= _ORG_TEXT_MAX and len(text.split()) <= _ORG_WORDS and text[-1:] != "."


def summary_like(text: str) -> bool:
    """Say whether a trending card's text reads as an AI summary: short, at most one sentence."""
    return len(text) <= _SUMMARY_MAX and len(_SENTENCE_END_RE.findall(text)) <= 1


def _one(text: str, kind: Kind, verbatim: bool = True) -> Token | None:
    tokens = line_tokens(text, verbatim=verbatim) if is_normalized(text) else None
    if tokens is None or len(tokens) != 1 or tokens[0].kind is not kind:
        return None
    return tokens[0]


def _date_ok(paper: Paper, reference: datetime.date) -> bool:
    line = date_line(paper, reference)
    if paper.published_text is None or paper.published is None or line is None:
        return False
    token = _one(line, Kind.DATE)
    printed = match_date(line, reference)
    return (
        token is not None
        and token.text == line
        and printed is not None
        and (printed.text, printed.value, printed.year_inferred, printed.comments)
        == (paper.published_text, paper.published, paper.year_inferred, paper.comments)
    )


def is_organization(text: str) -> bool:
    """Say whether a text copy carries ``text`` as an organisation line before "·"."""
    return (
        is_free_text(text)
        and len(text) <= _ORG_MAX
        and org_like(text)
        and P.strip_avatar_alt(text) == text  # not "Meta Meta AI", read as alt text and name
    )


def carries_authors(authors: AuthorCount) -> bool:
    """Say whether the author line of ``authors`` reads back as exactly that count and names."""
    line = authors_line(Paper(title="t", authors=authors))
    token = None if line is None else _one(line.strip(), Kind.AUTHORS, verbatim=False)
    return token is not None and (token.value, token.names) == (authors.count, authors.names)


def _byline_ok(paper: Paper) -> bool:
    if paper.organization is not None and not is_organization(paper.organization):
        return False
    return paper.authors is None or carries_authors(paper.authors)


def _counts_ok(paper: Paper) -> bool:
    if paper.submitted_by is not None:
        token = _one(f"Submitted by {paper.submitted_by}", Kind.SUBMITTED)
        if token is None or token.value != paper.submitted_by:
            return False
    if paper.upvotes is not None:
        token = _one(format_count(paper.upvotes), Kind.COUNT)
        if token is None or token.value != paper.upvotes:
            return False
    if paper.github_stars is not None:
        token = _one(github_line(paper.github_stars), Kind.GITHUB)
        if token is None or token.value != paper.github_stars:
            return False
    return paper.paper_id is None or carries_paper_id(paper.paper_id)


def carries_paper_id(paper_id: str) -> bool:
    """Say whether the reader takes ``paper_id`` back from the card's ``#community`` link."""
    return paper_id_of(community_url(paper_id)) == (paper_id, "#community")


def values_problem(paper: Paper, trending: bool = False, linked: bool = False) -> str | None:
    """Say which field of ``paper`` no listing copy carries, whatever its format, if any.

    - ``featured_at``, ``github_repo``, ``project_page`` and ``ai_keywords`` are never
      printed on a listing card; nor are both ``authors`` and ``organization``;
    - ``ai_summary`` is printed in place of an abstract on trending pages only;
    - the card needs ``published_text`` (its date line);
    - ``title_problem`` refuses the title (a count such as "0", a URL, markup, chrome, an
      "arXiv:" line, a card label); only a title that links to the paper (``linked``:
      markdown, a card with a ``paper_id``) may be a count;
    - on a trending page the text under the title is an AI summary exactly when it is
      ``summary_like`` (at most 400 characters, one sentence);
    - on a card with neither author line nor organisation, that text is not
      ``org_like`` (at most 120 characters and 15 words, not ending in "."): the reader
      takes such a last line before the date for the organisation.
    """
    p = paper
    if (p.featured_at, p.github_repo, p.project_page) != (None, None, None) or p.ai_keywords:
        return "a field listings do not print"
    if p.authors is not None and p.organization is not None:
        return "both an author line and an organisation"
    if p.ai_summary is not None and not (trending and p.abstract is None):
        return "an AI summary off a trending page, or beside an abstract"
    if p.published_text is None or p.published is None:
        return "no date line"
    problem = title_problem(p.title)
    if problem is not None and not (linked and problem == "a count"):
        return "a title the reader refuses"
    body = body_text(p, trending)
    if body is not None and trending and summary_like(body) != (body is p.ai_summary):
        return "a trending card's text read as the other of abstract and AI summary"
    if body is not None and p.authors is None and p.organization is None and org_like(body):
        return "a short text on a card without byline, read as its organisation"
    return None


def paper_representable(paper: Paper, reference: datetime.date, *, trending: bool = False) -> bool:
    """Tell whether one card, on its own, reads back as ``paper`` from a text copy.

    ``values_problem`` finds nothing, and each printed line reads back as its field
    (``line_tokens``: what ``text_to_lines`` and ``classify`` make of it):

    - the title, the text under it (abstract, or AI summary on a trending page) and
      the organisation are normalized lines read verbatim as one free-text token (not a
      count, date, "N authors", label, "·", chrome or URL, and no bullet or bracket the
      line stage drops); the organisation has at most 64 characters, is ``org_like``,
      and its first word is no avatar alt text ``strip_avatar_alt`` would drop;
    - the author line ("  • 8 authors" or "A, B • 2 authors") is one "authors" token
      with exactly the count and names;
    - the date line (``published_text``, then the comment count) is one "date" token
      that ``match_date`` reads as exactly ``published_text``, ``published``,
      ``year_inferred`` and ``comments``;
    - "Submitted by <user>", the upvote count and "GitHub <stars>" each read back as one
      token of their kind with exactly that value; ``paper_id`` is one
      ``patterns.paper_id_of`` reads from ``…/papers/<id>#community``.

    Whether the card also reads right among others is ``cards_problem``'s part.
    """
    if values_problem(paper, trending) is not None:
        return False
    body = body_text(paper, trending)
    return (
        is_title(paper.title)
        and (body is None or is_free_text(body))
        and _date_ok(paper, reference)
        and _byline_ok(paper)
        and _counts_ok(paper)
    )


def _only_date(paper: Paper) -> bool:
    """A card whose one anchor is its date (no byline, submitter, upvotes or paper id)."""
    return (paper.authors, paper.organization, paper.submitted_by, paper.upvotes) == (
        None,
        None,
        None,
        None,
    ) and paper.paper_id is None


def cards_problem(feed: Feed) -> str | None:
    """Say why the cards of ``feed``, each representable alone, misread together, if they do.

    - The reader learns the page's card order from the first card: a later card that
      prints upvotes without "Submitted by" before its title is read as such only when
      the first card does so too (else the count is the card before's stars or comments).
    - With no page date, a first card with no byline, submitter or upvotes needs a date
      line that ends in a year ("Jul 9, 2023", not "Jul 9", "today" or "Jul 9, 2023 3"):
      the reader takes any other date before the first anchor for the page's date.
    - A first card whose only anchor is its date, followed by a card with more, is read
      as page chrome and the page's date.
    - Two neighbouring cards with the same title are one card shown twice when both carry
      the same paper id, or on a trending page; two neighbouring cards never link to one
      paper (the second's upvote box, linked to it, is taken for the first card's).
    """
    papers = feed.papers
    if not papers:
        return None
    first = papers[0]
    opens_with_count = first.submitted_by is None and first.upvotes is not None
    for paper in papers[1:]:
        if paper.submitted_by is None and paper.upvotes is not None and not opens_with_count:
            return "upvotes without a submitter, on a page whose first card opens otherwise"
    bare = (first.authors, first.organization, first.submitted_by, first.upvotes) == (None,) * 4
    printed = date_line(first, feed.reference) or ""
    if feed.date is None and bare and _YEAR_END_RE.search(printed) is None:
        return "a first date line not ending in a year, with no anchor before it, is the page's"
    if len(papers) > 1 and _only_date(first) and not _only_date(papers[1]):
        # reader bug: with the page date already printed, such a first card is still
        # taken for chrome (assemble.Builder.card, _only_date).
        return "a first card anchored only by its date reads as chrome and the page date"
    trending = feed.kind is PageKind.TRENDING
    for a, b in itertools.pairwise(papers):
        if a.title == b.title and (
            trending or (a.paper_id is not None and a.paper_id == b.paper_id)
        ):
            return "neighbouring cards with one title read as one card shown twice"
        if a.paper_id is not None and a.paper_id == b.paper_id:
            return "neighbouring cards with one paper id: the upvote box links to the first"
    return None


def _url_ok(url: str) -> bool:
    return (
        url.startswith(("http://", "https://"))
        and len(url.split()) == 1
        and url == url.strip().strip("\"'")
    )


def representable_in_text(feed: Feed) -> bool:
    """Tell whether ``parse_text(render_text(feed), reference=feed.reference) == feed``.

    An empty feed reads back with the ``no-papers`` warning (see ``as_parsed`` in the
    strategies); otherwise: the feed has no diagnostics, ``period_start`` or
    ``period_end``; its ``kind`` and ``query`` are what its ``source_url`` says
    (``page_kind``), and that URL (if any) is an http(s) URL without whitespace or quotes
    at its ends; every paper passes ``paper_representable`` (``trending`` on a trending
    page); ``cards_problem`` finds nothing; and the text does not look like a single
    paper's page (``looks_like_paper_page``: a title "Paper page - ...", a ``url:`` naming
    one paper, or lines "Authors: ..." and "Abstract" together).
    """
    if feed.diagnostics or (feed.period_start, feed.period_end) != (None, None):
        return False
    if (feed.kind, feed.query) != page_kind(feed.source_url):
        return False
    if feed.source_url is not None and not _url_ok(feed.source_url):
        return False
    trending = feed.kind is PageKind.TRENDING
    if not all(paper_representable(p, feed.reference, trending=trending) for p in feed.papers):
        return False
    return cards_problem(feed) is None and not looks_like_paper_page(render_text(feed))
