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
for the feeds ``representable_in_markdown`` accepts (``paperfeed._testing.markdown_rules``).
"""

from __future__ import annotations

import datetime
import re
import urllib.parse

from paperfeed._models import Feed, PageKind, Paper

from .text import body_text, format_count, format_date, front_matter_lines, github_line

__all__ = ["card_blocks", "escape", "login_url", "page", "paper_url", "render_markdown"]

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
