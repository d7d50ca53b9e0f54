"""Write a feed back out as the firecrawl-style markdown capture the markdown parser reads.

The output looks like ``firecrawl scrape https://huggingface.co/papers...``: a YAML front
matter, the page chrome, the date navigator, then one card per paper::

    Submitted by akhaliq                                       (submitted_by)

    [12](https://huggingface.co/login?next=%2Fpapers%2F2306.01234)   (upvotes; "-" for 0)

    ### [Title](https://huggingface.co/papers/2306.01234)

    [Abstract](https://huggingface.co/papers/2306.01234)

    [- A, B • 8 authors](https://huggingface.co/papers/2306.01234)   (or an organisation chip)

    ·

    May 29[6](https://huggingface.co/papers/2306.01234#community)    (date, comment count)

    GitHub 62                                                  (github_stars)

A card without a ``paper_id`` has the same lines without the links. Text is escaped so
that the parser reads every character back as written.
``parse_markdown(render_markdown(feed), reference=feed.reference) == feed`` holds exactly
for the feeds ``representable_in_markdown`` accepts; see its docstring for the rules.
"""

from __future__ import annotations

import datetime
import re
import urllib.parse

from paperfeed._dates import match_date
from paperfeed._models import Feed, PageKind, Paper
from paperfeed._read.assemble import page_kind, title_problem
from paperfeed._read.cards import Kind, Token, classify
from paperfeed._read.lines import markdown_to_lines
from paperfeed._read.paperpage import looks_like_paper_page

from .text import (
    body_text,
    cards_problem,
    format_count,
    format_date,
    front_matter_lines,
    github_line,
    values_problem,
)

__all__ = ["render_markdown", "representable_in_markdown"]

_HF = "https://huggingface.co"
_AVATAR = "https://cdn-avatars.huggingface.co/v1/production/uploads/avatar.png"
_CHROME = (
    "new",
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    f"[Subscribe]({_HF}/login?next=%2Fpapers)",
    "# Daily Papers",
    f"## by [![]({_HF}/front/assets/papers-by.png)AK]({_HF}/akhaliq) and the research community",
    "- Daily\n- Weekly\n- Monthly",
    f"[Trending Papers]({_HF}/papers/trending)",
)
"""The page chrome a firecrawl capture keeps above the date navigator, one block each."""
_FOOTER = "Trending Papers ranked by GitHub stars activity"

# Characters with inline meaning to the markdown reader: "**" is dropped, "[" "]" make
# links, "<" autolinks, "\" escapes, a trailing "#" run closes a heading. "_" and "`" mean
# nothing to paperfeed's reader but do to others, so they are escaped too.
_SPECIAL_RE = re.compile(r"[\\`*_\[\]<>#]")
# A line starting with one of these would be a rule, setext underline or code fence.
_BLOCK_START = frozenset("-=+~")


def escape(text: str, *, line_start: bool = False) -> str:
    """Backslash-escape ``text`` so the markdown reader shows it verbatim.

    ``line_start``: the text begins a line outside any link, so a leading "-", "=", "+"
    or "~" is escaped too. "]:" becomes "\\]\\:" so a line never reads as a reference
    definition.
    """
    out = _SPECIAL_RE.sub(r"\\\g<0>", text).replace("\\]:", "\\]\\:")
    if line_start and out[:1] in _BLOCK_START:
        out = "\\" + out
    return out


def _paragraph(text: str) -> str:
    # A line ending in "\" is a hard line break to the reader, which drops the backslash.
    return text + " " if text.endswith("\\") else text


def paper_url(paper_id: str) -> str:
    """Return the paper page URL a card's title and abstract link to."""
    return f"{_HF}/papers/{paper_id}"


def login_url(paper_id: str) -> str:
    """Return the login URL behind a card's upvote box, as the site writes it."""
    return f"{_HF}/login?next=" + urllib.parse.quote(f"/papers/{paper_id}", safe="")


def _link(text: str, url: str | None) -> str:
    return _paragraph(escape(text, line_start=True)) if url is None else f"[{escape(text)}]({url})"


def _slug(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-._")
    return slug or "org"


def _authors_text(paper: Paper) -> str | None:
    if paper.authors is None:
        return None
    count = paper.authors.count
    noun = "author" if count == 1 else "authors"
    names = ", ".join(paper.authors.names)
    return f"{names} • {count} {noun}" if names else f"{count} {noun}"


def _date_text(paper: Paper, reference: datetime.date) -> str | None:
    if paper.published_text is not None:
        return paper.published_text
    return None if paper.published is None else format_date(paper.published, reference)


def card_blocks(paper: Paper, reference: datetime.date, trending: bool = False) -> list[str]:
    """Return one card's markdown blocks (paragraphs and the title heading), in page order."""
    pid = paper.paper_id
    url = None if pid is None else paper_url(pid)
    blocks: list[str] = []
    if paper.submitted_by is not None:
        blocks.append(_paragraph("Submitted by " + escape(paper.submitted_by)))
    if paper.upvotes is not None:
        blocks.append(_link(format_count(paper.upvotes), None if pid is None else login_url(pid)))
    title = escape(paper.title)
    blocks.append(f"### [{title}]({url})" if url is not None else f"### {title}")
    body = body_text(paper, trending)
    if body is not None:
        blocks.append(_link(body, url))
    authors = _authors_text(paper)
    if authors is not None:
        text = "- " + escape(authors)
        blocks.append(f"[{text}]({url})" if url is not None else _paragraph(text))
    elif paper.organization is not None:
        slug = _slug(paper.organization)
        chip = f"![{slug}]({_AVATAR}){escape(paper.organization)}"
        blocks.append(f"[{chip}]({_HF}/{slug})")
    if authors is not None or paper.organization is not None:
        blocks.append("·")
    dated = _date_text(paper, reference)
    if dated is not None:
        line = escape(dated, line_start=True)
        if paper.comments is not None:
            count = str(paper.comments)
            line += f" {count}" if url is None else f"[{count}]({url}#community)"
        blocks.append(_paragraph(line))
    if paper.github_stars is not None:
        blocks.append(github_line(paper.github_stars))
    return blocks


def render_markdown(feed: Feed) -> str:
    """Write ``feed`` as a firecrawl-style markdown capture that ``parse_markdown`` reads back.

    The front matter records ``url:`` (when the feed has a ``source_url``) and
    ``retrieved:`` (the reference), so the capture stands on its own. Fields markdown
    cannot carry are left out silently; ``representable_in_markdown`` tells whether the
    round trip is exact.
    """
    trending = feed.kind is PageKind.TRENDING
    cards = [card_blocks(paper, feed.reference, trending) for paper in feed.papers]
    return page(feed, cards)


def page(feed: Feed, cards: list[list[str]], footer: tuple[str, ...] = ()) -> str:
    """Assemble a capture of ``feed`` around the given card blocks, ``footer`` at the end."""
    blocks = ["\n".join(front_matter_lines(feed)), *_CHROME]
    if feed.date is not None:
        blocks.append(format_date(feed.date, feed.reference))
    for card in cards:
        blocks += card
    if feed.date is not None and feed.date > datetime.date.min:
        previous = feed.date - datetime.timedelta(days=1)
        blocks.append(f"[Previous]({_HF}/papers/date/{previous.isoformat()})")
    blocks += [_FOOTER, *footer]
    return "\n\n".join(blocks) + "\n"


# -- what the markdown format can carry --------------------------------------------------


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
