"""Raw cards -> ``Paper`` and ``Feed``: one reference date, every card checked, diagnostics.

Cards arrive as printed; here each is checked before it becomes a paper (a title that is
a number, a bracket, an upvote box, a URL, markup, chrome or an "arxiv:" line is refused),
its dates are resolved against the one reference chosen for the whole input (argument ->
capture header -> page date -> today, with a note saying which), and a card shown twice
(trending's desktop and mobile copies) becomes one paper.
"""

from __future__ import annotations

import datetime
import re
import urllib.parse
from collections.abc import Mapping

from .._common import DiagnosticSink, capture_date, normalize_ws, source_url
from .._dates import match_date
from .._models import AuthorCount, Feed, PageKind, Paper, Severity
from . import patterns as P
from .cards import Cut, Kind, RawCard, Token

__all__ = ["assemble", "page_kind", "title_problem"]

_ORG_MAX = 120
_MARKUP_RE = re.compile(r"\]\(|!\[|<[a-z/!][^>]*>|^\s*[#>|]|^\*\*|^\[.*\]$|^https?://|^www\.")
_PUNCT_ONLY_RE = re.compile(r"[\W_]+")
_ARXIV_LINE_RE = re.compile(r"arxiv\s*:", re.IGNORECASE)


def title_problem(text: str) -> str | None:
    """Say why ``text`` cannot be a paper's title, or ``None`` if it can."""
    if P.parse_count(text) is not None or P.COUNTS_RE.fullmatch(text):
        return "a count"
    if _PUNCT_ONLY_RE.fullmatch(text):
        return "only punctuation"
    if _MARKUP_RE.search(text):
        return "markup or a URL"
    if _ARXIV_LINE_RE.match(text):
        return "an arXiv id line"
    if P.is_chrome(text):
        return "page chrome"
    if P.AUTHORS_RE.fullmatch(text) or P.SUBMITTED_RE.fullmatch(text):
        return "a card label"
    return None


def page_kind(url: str | None) -> tuple[PageKind | None, str | None]:
    """Say which papers view a page URL shows, and its search query if it is a search."""
    if not url:
        return None, None
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qs(parts.query).get("q")
    if query and query[0].strip():
        return PageKind.SEARCH, normalize_ws(query[0])
    path = parts.path.rstrip("/")
    if not path.startswith("/papers"):
        return None, None
    for prefix, kind in (
        ("/papers/trending", PageKind.TRENDING),
        ("/papers/week/", PageKind.WEEKLY),
        ("/papers/month/", PageKind.MONTHLY),
        ("/papers/date/", PageKind.DAILY),
    ):
        if path.startswith(prefix):
            return kind, None
    if path == "/papers":
        return PageKind.DAILY, None
    if P.paper_id_of(url) is not None:
        return PageKind.PAPER, None
    return None, None


def _reference(
    reference: datetime.date | None,
    fields: Mapping[str, str],
    page_date: Token | None,
    sink: DiagnosticSink,
) -> datetime.date:
    if reference is not None:
        return reference.date() if isinstance(reference, datetime.datetime) else reference
    found = capture_date(fields)
    if found is not None:
        return found
    today = datetime.date.today()
    if page_date is not None:
        printed = match_date(page_date.text, today)
        if printed is not None and printed.value is not None:
            sink.add(
                "reference-page-date",
                Severity.INFO,
                "no reference date given or recorded in the input; dates without a year "
                f"resolve against the page's own date ({printed.value.isoformat()})",
                0,
            )
            return printed.value
    sink.add(
        "reference-today",
        Severity.INFO,
        f"no reference date given or recorded in the input; using today ({today.isoformat()})",
        0,
    )
    return today


def _same(a: RawCard, b: RawCard) -> bool:
    if a.title is None or b.title is None or a.title.text != b.title.text:
        return False
    return a.paper_id == b.paper_id or None in (a.paper_id, b.paper_id)


def _merge(cards: list[RawCard]) -> list[RawCard]:
    """Fold the second rendering of a card (trending's mobile copy) into the first."""
    out: list[RawCard] = []
    for card in cards:
        if out and _same(out[-1], card):
            first = out[-1]
            for name in (
                "paper_id",
                "org",
                "authors",
                "date",
                "upvotes",
                "comments",
                "submitted_by",
                "github_repo",
                "github_stars",
            ):
                if getattr(first, name) is None:
                    setattr(first, name, getattr(card, name))
            if not first.body:
                first.body = card.body
            if not first.counts:
                first.counts = card.counts
            first.dot = first.dot or card.dot
            first.tokens.extend(card.tokens)
            continue
        out.append(card)
    return out


def _is_org_text(token: Token) -> bool:
    text = token.text
    return len(text) <= _ORG_MAX and len(text.split()) <= 15 and not text.endswith(".")


class _Builder:
    def __init__(self, reference: datetime.date, kind: PageKind | None, sink: DiagnosticSink):
        self.reference = reference
        self.kind = kind
        self.sink = sink

    def paper(self, card: RawCard) -> Paper | None:
        title = card.title
        if title is None:
            first = card.tokens[0]
            self.sink.add(
                "no-title",
                Severity.ERROR,
                "card has no title; skipped",
                first.line.lineno,
                first.line.column,
                first.line.raw,
            )
            return None
        problem = title_problem(title.text)
        if problem is not None:
            self.sink.add(
                "bad-title",
                Severity.ERROR,
                f"card title {title.text[:60]!r} is {problem}; card skipped",
                title.line.lineno,
                title.line.column,
                title.line.raw,
            )
            return None
        body = list(card.body)
        org: str | None = None
        if card.org is not None:
            org = card.org.text
        elif body and card.authors is None and _is_org_text(body[-1]):
            dated = card.dot or card.date is not None
            if dated or len(body) == 1:
                org = P.strip_avatar_alt(body.pop().text)
        abstract = " ".join(t.text for t in body) or None
        published = published_text = None
        inferred = False
        comments = card.comments
        if card.date is not None:
            printed = match_date(card.date.text, self.reference)
            if printed is not None:
                published, published_text = printed.value, printed.text
                inferred = printed.year_inferred
                if printed.comments is not None and comments is None:
                    comments = printed.comments
                if printed.value is None:
                    self.sink.add(
                        "bad-date",
                        Severity.WARNING,
                        f"{printed.text!r} names no real day",
                        card.date.line.lineno,
                        card.date.line.column,
                        card.date.line.raw,
                    )
        stars = card.github_stars
        counts = list(card.counts)
        if len(counts) >= 2 and stars is None:
            stars = counts.pop(0)
        if counts:
            if comments is None:
                comments = counts.pop()
            elif stars is None:
                stars = counts.pop()
        if comments is None and self.kind is PageKind.DAILY and card.date is None:
            comments = 0  # daily cards print a comment count only when there are comments
        upvotes = card.upvotes
        return Paper(
            title=title.text,
            abstract=abstract,
            authors=None if card.authors is None else AuthorCount(card.authors),
            organization=org,
            published=published,
            published_text=published_text,
            year_inferred=inferred,
            comments=comments,
            upvotes=upvotes,
            paper_id=card.paper_id,
            submitted_by=card.submitted_by,
            github_repo=card.github_repo,
            github_stars=stars,
        )


def _infer_kind(cards: list[RawCard], cut: Cut) -> PageKind | None:
    if not cards:
        return None
    dated = sum(1 for c in cards if c.date is not None)
    submitted = sum(1 for c in cards if c.submitted_by is not None)
    if dated == 0 and submitted * 2 >= len(cards):
        return PageKind.DAILY
    headings = {t.text.lower() for t in cut.chrome}
    if "trending papers" in headings or "trending" in headings and dated:
        published = sum(1 for c in cards if c.date is not None and c.date.dotted)
        if published and submitted:
            return PageKind.TRENDING
    return None


def assemble(
    cut: Cut,
    fields: Mapping[str, str],
    reference: datetime.date | None,
    sink: DiagnosticSink,
) -> Feed:
    """Check and build every card of ``cut`` into one ``Feed``."""
    url = source_url(fields)
    kind, query = page_kind(url)
    ref = _reference(reference, fields, cut.page_date, sink)
    page_date: datetime.date | None = None
    if cut.page_date is not None:
        printed = match_date(cut.page_date.text, ref)
        page_date = printed.value if printed is not None else None
    cards = _merge(cut.cards)
    if kind is None:
        kind = _infer_kind(cards, cut)
    builder = _Builder(ref, kind, sink)
    papers = [p for p in (builder.paper(card) for card in cards) if p is not None]
    for run in cut.orphans:
        _orphan(run, sink, bool(papers))
    if not papers and not cards:
        sink.add("no-papers", Severity.WARNING, "no paper cards found in the input", 0)
    return Feed(
        papers=papers,
        reference=ref,
        date=page_date,
        kind=kind,
        query=query,
        source_url=url,
        diagnostics=sorted(sink.items, key=lambda d: d.line),
    )


def _orphan(run: list[Token], sink: DiagnosticSink, _has_papers: bool) -> None:
    """Report a run of lines with no card anchor, unless it is short chrome-like text."""
    if all(len(t.text) <= 40 and len(t.text.split()) <= 5 for t in run):
        return  # navigation, footer words, a search box: chrome in any language
    first = next((t for t in run if t.kind is Kind.TEXT), run[0])
    sink.add(
        "no-card-anchor",
        Severity.WARNING,
        f"{len(run)} line(s) with no paper card anchor skipped",
        first.line.lineno,
        first.line.column,
        first.line.raw,
    )
