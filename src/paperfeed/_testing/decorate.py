"""Decorate a rendered listing the way real converters decorate a saved papers page.

Helpers of ``paperfeed.strategies.decorated_listings``; every function takes Hypothesis'
``draw``. The decorations copy what ``lynx -dump``, ``w3m -dump``, ``pandoc -t plain``,
notebook exports and markdown extractors print (see ``tests/data/real``):

* ``urls``: each linked title and abstract followed by its URL on a line of its own;
* ``lynx``: ``[12]`` reference numbers before linked text and a numbered "References"
  list of the targets at the end (lynx also indents its lines);
* ``alts``: image alt text and placeholders on lines of their own or before a name
  (``[2609]``, ``[hhz4nfTUdA]``, ``[]``, ``[图片：无替代文本]``), check boxes (``[ ]``)
  before every upvote count, "Submitted by" and the user on lines of their own;
* ``wrap``: hard wrapping of long lines at 72-80 columns;
* ``twice``: on trending pages every card printed twice (desktop and mobile);
* ``chrome``: navigation before the cards and a footer after them, words the reader
  knows ("Company", "TOS", "Privacy") mixed with words it does not ("Impressum").

A decoration is left out where the reader could not tell it from content: a line is
wrapped only where every piece stays plain free text, ``[n]`` only where no text holds
brackets and none starts with "(", a user on a line of its own only where it reads as
free text.
"""

from __future__ import annotations

import textwrap

from hypothesis import strategies as st

from paperfeed._models import Feed, PageKind, Paper
from paperfeed._read import patterns as P
from paperfeed._read.lines import wrap_width
from paperfeed._render.markdown import card_blocks, page
from paperfeed._render.text import CHROME_HEADER, body_text, card_lines, front_matter_lines
from paperfeed._render.text import format_date as _format_date

from .text_rules import line_kind

__all__ = ["DECORATIONS", "decorate_markdown", "decorate_text"]

DECORATIONS = ("urls", "lynx", "alts", "wrap", "twice", "chrome")
"""Names of the decorations, as ``DecoratedListing.decorations`` lists them."""

_HF = "https://huggingface.co"
_ALTS = ("[2609]", "[hhz4nfTUdA]", "[]", "[图片：无替代文本]", "[image: avatar]")
_NAV = ("Models", "Datasets", "Spaces", "Docs", "Pricing", "Log In", "Sign Up")
_FOOTER = ("Company", "TOS", "Privacy", "About", "Careers", "Website", "Models", "Docs")
_UNKNOWN = ("Impressum", "Brand assets", "Press kit", "Cookie settings", "Datenschutz")


def _paper_url(paper: Paper) -> str | None:
    return None if paper.paper_id is None else f"{_HF}/papers/{paper.paper_id}"


def _chrome(draw: st.DrawFn, known: tuple[str, ...]) -> list[str]:
    """Known chrome words with unknown ones mixed in, each unknown one before a known one."""
    out: list[str] = []
    for word in draw(st.lists(st.sampled_from(known), min_size=1, max_size=5)):
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(_UNKNOWN)))
        out.append(word)
    if draw(st.booleans()):  # a row of footer links on one line, as w3m prints it
        out.append(" ".join(draw(st.lists(st.sampled_from(_FOOTER[:5]), min_size=2, max_size=4))))
    return out


class _Text:
    """The lines of one decorated text copy, with the links lynx numbers."""

    def __init__(self, draw: st.DrawFn, feed: Feed, decorations: frozenset[str]) -> None:
        self.draw = draw
        self.feed = feed
        self.on = decorations
        self.lines: list[str] = []
        self.refs: list[str] = []
        self.box = "alts" in decorations and draw(st.booleans())  # one box style a page

    def add(self, *lines: str) -> None:
        self.lines += [*lines, ""]

    def link(self, text: str, url: str | None) -> None:
        """Print linked ``text``: a reference number before it, or its URL after it."""
        if url is not None and "lynx" in self.on:
            self.refs.append(url)
            self.add(f"[{len(self.refs)}]{text}")
        elif url is not None and "urls" in self.on:
            self.add(text, "", url)
        else:
            self.add(text)

    def alt(self) -> None:
        if "alts" in self.on and self.draw(st.booleans()):
            self.lines.append(self.draw(st.sampled_from(_ALTS)))

    def card(self, paper: Paper) -> None:
        trending = self.feed.kind is PageKind.TRENDING
        lines, date_index = card_lines(paper, self.feed.reference, trending)
        at = 0
        if paper.submitted_by is not None:
            self.alt()
            user = paper.submitted_by
            if "alts" in self.on and line_kind(user) == "text" and self.draw(st.booleans()):
                self.lines.append("Submitted by")  # w3m: label, avatar alt, name
                self.alt()
                self.lines.append(user)
            else:
                self.lines.append(lines[at])
            at += 1
        if paper.upvotes is not None:
            if self.box:
                self.lines.append(" [ ]")
            self.add(lines[at])
            at += 1
        url = _paper_url(paper)
        self.link(lines[at], url)
        at += 1
        if body_text(paper, trending) is not None:
            self.link(lines[at], url)
            at += 1
        for index in range(at, len(lines)):
            line = lines[index]
            if index == at and paper.organization is not None and "alts" in self.on:
                line = self.draw(st.sampled_from(_ALTS[:4])) + " " + line
            if line.startswith(_HF) and "lynx" in self.on:
                if date_index >= 0 and paper.comments is not None:  # number the count's link
                    self.refs.append(line)
                    head, _, count = self.lines[-1].rpartition(" ")
                    self.lines[-1] = f"{head} [{len(self.refs)}]{count}"
                continue  # lynx prints no URLs; the title's number carries the id
            self.lines.append(line)
        self.lines.append("")

    def text(self) -> str:
        feed, draw = self.feed, self.draw
        if feed.source_url is not None or draw(st.booleans()):
            self.lines += front_matter_lines(feed)
        if "chrome" in self.on:
            for line in _chrome(draw, _NAV):
                self.add(line)
        for line in CHROME_HEADER:
            self.add(line)
        if feed.date is not None:
            self.add(_format_date(feed.date, feed.reference))
        for paper in feed.papers:
            for _ in range(2 if "twice" in self.on else 1):
                self.card(paper)
        if "chrome" in self.on:
            for line in _chrome(draw, _FOOTER):
                self.add(line)
        if "wrap" in self.on:
            self.wrap(draw(st.integers(72, 80)))
        if self.refs:
            self.lines += ["References", "", "   Visible links:"]
            self.lines += [f"   {n}. {url}" for n, url in enumerate(self.refs, 1)]
        return "\n".join(self.lines) + "\n"

    def wrap(self, width: int) -> None:
        """Hard-wrap every long line at ``width``, or none if one cannot be wrapped safely."""
        front = self.lines.index("---", 1) + 1 if self.lines[:1] == ["---"] else 0
        out = self.lines[:front]
        for line in self.lines[front:]:
            if len(line) <= width:
                out.append(line)
                continue
            pieces = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
            visible = [p.split("]", 1)[1] if p.startswith("[") and "]" in p else p for p in pieces]
            if any(len(p) > width for p in pieces) or not all(
                line_kind(p) == "text" and P.is_plain(p) for p in visible
            ):
                return  # the reader would not join it back: leave the copy unwrapped
            out += pieces
        if wrap_width(out[front:]) is None:
            return  # too few long lines to tell the width: the reader would not join them
        self.lines = out


def decorate_text(draw: st.DrawFn, feed: Feed, decorations: frozenset[str]) -> str:
    """Write ``feed`` as a text copy with the given decorations."""
    texts = [t for p in feed.papers for t in (p.title, p.abstract, p.ai_summary) if t]
    if "lynx" in decorations and any("[" in t or t.startswith("(") for t in texts):
        # "[3]" inside a title would read as a reference, "[1](LoRA)" as a markdown link
        decorations = decorations - {"lynx"}
    return _Text(draw, feed, decorations).text()


def decorate_markdown(draw: st.DrawFn, feed: Feed, decorations: frozenset[str]) -> str:
    """Write ``feed`` as a markdown capture with image placeholders, twin cards and chrome."""
    trending = feed.kind is PageKind.TRENDING
    cards = []
    for paper in feed.papers:
        blocks = card_blocks(paper, feed.reference, trending)
        if "alts" in decorations and draw(st.booleans()):
            blocks.insert(0, "[图片：无替代文本]")
        cards += [blocks] * (2 if "twice" in decorations else 1)
    footer = tuple(_chrome(draw, _FOOTER)) if "chrome" in decorations else ()
    return page(feed, cards, footer)
