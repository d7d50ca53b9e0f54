"""Single paper pages (``huggingface.co/papers/<id>``) saved as markdown or plain text.

A page is read top to bottom in sections. Above the title sit the saving tool's header
(read by ``header.read_header``, as for every copy) and the site's menus; the title is
found first, by the header's document title when the page prints it, else as the first
heading or the first line the head does not explain. Then come the head (``Published
on``, ``Submitted by``, ``#3 Paper of the day``, ``Upvote 53``, ``arxiv:`` id), "Authors:",
"Abstract" (the AI summary above its label, then the abstract with keyword links), the
link row (arXiv, PDF, GitHub, project page), and the lower half (community thread,
recommended papers, "citing this paper" boxes, footer), where nothing is taken but the
page's own id.
"""

from __future__ import annotations

import datetime
from typing import Any

from paperfeed._common import PageFacts, find_paper_id, normalize_ws
from paperfeed._models import Feed, PageKind, Paper, Severity

from .assemble import assemble_feed, choose_reference
from .diagnostics import DiagnosticSink
from .header import TITLE, URL, capture_date, read_header
from .mdsyntax import MdLine, markdown_lines, split_lines
from .paperpage_head import HeadReader
from .paperpage_leak import cut_leak, fill_from_leak, leak_span
from .paperpage_parts import (
    GITHUBSTARS_RE,
    ID_HEADER,
    ID_JSON,
    ID_PAGE,
    ID_TAIL,
    STARS_RE,
    attach_urls,
    choose_id,
    date_by_paper_id,
    find_title,
    norm,
    only_links,
    read_abstract,
    read_authors,
    stars,
)
from .paperpage_words import (
    ABSTRACT,
    is_link_row,
    is_summary_label,
    is_tail_chrome,
    is_thread_start,
    looks_like_paper_page,
    self_id,
    title_of,
)

__all__ = ["looks_like_paper_page", "parse_paper_page_markdown", "parse_paper_page_text"]

_PRE, _HEAD, _AUTHORS, _ABSTRACT, _LINKS, _TAIL = range(6)


def parse_paper_page_markdown(
    text: str, reference: datetime.date | None = None, strict: bool = False
) -> Feed:
    """Parse a markdown copy of one paper's page into a one-paper ``Feed`` (kind ``paper``)."""
    lines = _lines_of(text, "parse_paper_page_markdown")
    page = _Page(lines, reference, strict, markdown=True)
    return page.run(attach_urls(markdown_lines(lines, page.start)))


def parse_paper_page_text(
    text: str, reference: datetime.date | None = None, strict: bool = False
) -> Feed:
    """Parse a plain-text copy of one paper's page into a one-paper ``Feed`` (kind ``paper``)."""
    lines = _lines_of(text, "parse_paper_page_text")
    page = _Page(lines, reference, strict, markdown=False)
    start = page.start
    plain = [
        MdLine(n, len(raw) - len(raw.lstrip()) + 1, normalize_ws(raw))
        for n, raw in enumerate(lines[start:], start + 1)
    ]
    return page.run(attach_urls(plain))


def _lines_of(text: object, name: str) -> list[str]:
    if not isinstance(text, str):
        raise TypeError(
            f"{name}() takes a str, not {type(text).__name__}; "
            "decode bytes first, e.g. data.decode('utf-8-sig')"
        )
    return split_lines(text)


class _Page:
    """The section state machine for one paper page."""

    def __init__(
        self, lines: list[str], reference: datetime.date | None, strict: bool, markdown: bool
    ) -> None:
        self.raw = lines
        fields, self.start = read_header(lines)  # the saving tool's header, if any
        url = fields.get(URL)
        self.url = url if url is not None and " " not in url else None  # it names the paper
        title = fields.get(TITLE)
        if title is not None and title[:13].lower() == "paper page - ":
            title = title[13:]
        self.title = title or None  # a hint: the page prints its own title
        self.markdown = markdown
        self.sink = DiagnosticSink(strict)
        captured = capture_date(fields)
        self.guessed_reference = reference is None and captured is None
        self.reference = choose_reference(reference, self.sink, captured=captured)
        self.paper: dict[str, Any] = {}
        self.ids: dict[int, tuple[str, MdLine | None]] = {}  # source -> (id, where)
        self.section = _PRE
        self.expect: str | None = None  # "stars": the link row's count is on the next line
        self.author_lines: list[MdLine] = []
        self.authors_label: MdLine | None = None
        self.abstract: list[tuple[MdLine, bool]] = []  # True marks a summary label
        self.leak: tuple[dict[str, Any], MdLine] | None = None
        self.skipped: list[MdLine] = []  # unexplained lines of the lower half, not yet noted
        self.head = HeadReader(self.paper, self.ids, self.reference, self.note)

    def note(self, code: str, severity: Severity, message: str, line: MdLine) -> None:
        raw = self.raw[line.lineno - 1] if 0 < line.lineno <= len(self.raw) else line.text
        self.sink.add(code, severity, message, line.lineno, line.column, raw)

    def run(self, lines: list[MdLine]) -> Feed:
        hint = self.title
        if hint is None:  # a tag stripper prints the <title> "Paper page - X" in the text
            hint = next((t for line in lines[:200] if (t := title_of(line.text))), None)
        title = find_title(lines, hint, self.markdown)
        if title is None:
            self.section = _HEAD  # nothing is known to lie above the title: all is head
        index = 0
        while index < len(lines):
            line = lines[index]
            if title is not None and index == title[0] and self.section <= _HEAD:
                self.take_title(lines[title[0] : title[1] + 1], hint)
                index = title[1] + 1
                continue
            if line.text or line.links:
                self.line(line)
            elif self.section == _ABSTRACT:
                self.abstract.append((line, False))  # a blank line: a paragraph break
            index += 1
        self.flush_skipped()
        self.finish()
        papers: tuple[Paper, ...] = ()
        if "title" in self.paper:
            papers = (Paper(**self.paper),)
        facts = PageFacts(kind=PageKind.PAPER)
        return assemble_feed(papers, self.reference, self.sink, facts, self.url)

    def take_title(self, lines: list[MdLine], hint: str | None) -> None:
        text = normalize_ws(" ".join(line.text for line in lines))
        self.paper.setdefault("title", text)
        self.section = _HEAD
        for line in lines:
            self.links(line)
        if len(lines) > 1 and (hint is None or norm(hint) != norm(text)):
            self.note(
                "title-wrapped",
                Severity.INFO,
                "the title continues on the next line; the two lines joined",
                lines[1],
            )

    # -- one line -------------------------------------------------------------------------

    def line(self, line: MdLine) -> None:
        if self.section != _ABSTRACT and leak_span(line.text) is not None:
            line = self.take_leak(line)
            if not line.text:
                return
        low = line.text.lower()
        before_abstract = self.section <= _AUTHORS
        if self.section == _ABSTRACT and (
            (line.heading and not is_summary_label(low)) or is_thread_start(low)
        ):
            self.section = _TAIL
        elif self.section == _ABSTRACT and (is_link_row(low) or only_links(line)):
            self.section = _LINKS  # the abstract ends at the link row
        if before_abstract and (low in ABSTRACT or is_summary_label(low)):
            if self.authors_label is not None and not self.author_lines:
                label = self.authors_label
                self.note("authors-empty", Severity.INFO, "'Authors:' shows no names", label)
            self.section = _ABSTRACT
            if is_summary_label(low):
                self.abstract.append((line, True))
            return
        if self.section == _ABSTRACT:
            self.abstract.append((line, is_summary_label(low)))
            return
        if self.section in (_LINKS, _TAIL):
            self.lower_half(line, low)
            return
        used = self.links(line)
        if self.section == _AUTHORS:
            if not line.heading and not is_link_row(low) and not is_thread_start(low):
                self.author_lines.append(line)
                return
            self.section = _LINKS
            self.lower_half(line, low)
            return
        if low.startswith("authors:") or low == "authors":
            self.section = _AUTHORS
            self.authors_label = line
            rest = line.text.partition(":")[2].strip()
            if rest:
                self.author_lines.append(line._replace(text=rest))
            return
        self.head.line(line, used, before_title=self.section == _PRE)

    def take_leak(self, line: MdLine) -> MdLine:
        """Skip raw page JSON at the start of a line; keep its ``"paper"`` object if complete."""
        raw = line.text if self.markdown else self.raw[line.lineno - 1]
        cut = cut_leak(line, raw, self.markdown, self.sink)
        if cut is None:
            return line
        rest, found = cut
        if found is not None and self.leak is None:
            self.leak = (found, line)
        return rest

    def links(self, line: MdLine) -> bool:
        """Take the arXiv id, GitHub repository and project page from a line's links."""
        used = False
        for link in line.links:
            text, url = link.text.lower().removeprefix("link:").strip(), link.url
            if "arxiv.org/" in url or "huggingface.co/papers/" in url:
                found = find_paper_id(url)
                if found is not None:
                    self.ids.setdefault(ID_PAGE, (found, line))
                    used = True
            elif "github.com/" in url and ("github" in text or text in ("code", "repository", "")):
                self.paper.setdefault("github_repo", url)
                if (m := GITHUBSTARS_RE.search(link.text)) is not None:
                    self.paper.setdefault("github_stars", stars(m[1] + m[2]))
                used = True
            elif text in ("project page", "website"):
                self.paper.setdefault("project_page", url)
                used = True
        return used

    def lower_half(self, line: MdLine, low: str) -> None:
        """Read the link row; skip the community thread and the boxes below it."""
        if self.section == _LINKS:
            if line.heading or is_thread_start(low):
                self.section = _TAIL
            elif self.link_row(line, low) | self.links(line):  # both: each takes its part
                return
            else:
                self.section = _TAIL
        self.expect = None
        if (found := self_id(line.text)) is not None:
            self.ids.setdefault(ID_TAIL, (found, line))
        if is_thread_start(low) or is_tail_chrome(line.text):
            self.flush_skipped()
        else:
            self.skipped.append(line)

    def flush_skipped(self) -> None:
        """Note a run of unexplained lower-half lines (comments, recommendations) as one."""
        if not self.skipped:
            return
        first, last = self.skipped[0], self.skipped[-1]
        self.skipped = []
        self.sink.add(
            "page-tail",
            Severity.INFO,
            "lines after the abstract (community thread, recommended papers) skipped",
            first.lineno,
            first.column,
            "\n".join(self.raw[first.lineno - 1 : last.lineno]),
        )

    def link_row(self, line: MdLine, low: str) -> bool:
        """Read a known line of the link row; say whether it was one."""
        if self.expect == "stars" and STARS_RE.fullmatch(line.text) is not None:
            self.expect = None
            self.paper.setdefault("github_stars", stars(line.text))
            return True
        self.expect = None
        if low == "github" or low == "github:":
            self.expect = "stars"
            return True
        if (m := GITHUBSTARS_RE.fullmatch(line.text)) is not None:  # "GitHub 62.2k"
            self.paper.setdefault("github_stars", stars(m[1] + m[2]))
            return True
        return is_link_row(low)

    # -- the whole page -------------------------------------------------------------------

    def finish(self) -> None:
        self.take_id()
        self.take_published()
        if self.author_lines:
            authors = read_authors(self.author_lines, self.note)
            if authors is not None:
                self.paper["authors"] = authors
        parts = read_abstract(self.abstract, self.note)
        for key, value in (
            ("ai_summary", parts.summary),
            ("abstract", parts.abstract),
            ("ai_keywords", parts.keywords),
        ):
            if value:
                self.paper[key] = value
        self.take_leak_fields()
        if "title" not in self.paper and self.title:
            self.paper["title"] = self.title
            self.sink.add(
                "title-from-header",
                Severity.WARNING,
                "the page prints no title; the saved document title was used",
                0,
            )
        if "title" not in self.paper or not self.paper["title"].strip():
            self.paper.pop("title", None)
            self.sink.add("no-title", Severity.ERROR, "the paper page has no title", 0)

    def take_id(self) -> None:
        """Pick this page's id: the header's URL, else the page's own links and lines."""
        if self.url is not None and (found := find_paper_id(self.url)):
            self.ids[ID_HEADER] = (found, None)
        if self.leak is not None:
            self.ids.setdefault(ID_JSON, (self.leak[0]["id"], self.leak[1]))
        paper_id = choose_id(self.ids, self.note)
        if paper_id is not None:
            self.paper["paper_id"] = paper_id

    def take_published(self) -> None:
        """Resolve "Published on": a year-less date by the reference, or by the id's year."""
        if self.head.published is None:
            return
        date, line = self.head.published
        value = date.value
        paper_id = self.paper.get("paper_id", "")
        if date.year_inferred and self.guessed_reference:
            # With no capture date, the arXiv id (YYMM.NNNNN) dates the page better than today.
            by_id = date_by_paper_id(date, paper_id)
            if by_id is not None and by_id != value:
                value = by_id
                self.note(
                    "year-from-paper-id",
                    Severity.INFO,
                    f"{date.text!r} has no year and no capture date is known; "
                    f"{value.year} taken from the paper id {paper_id}",
                    line,
                )
        self.paper.update(
            published=value, published_text=date.text, year_inferred=date.year_inferred
        )

    def take_leak_fields(self) -> None:
        """Fill what the page text lacks from the leaked JSON's paper object, if it is this one."""
        if self.leak is None:
            return
        found, line = self.leak
        if found["id"] != self.paper.get("paper_id"):
            return
        filled = fill_from_leak(self.paper, found, self.sink, line)
        if filled:
            self.note(
                "leaked-json-fields",
                Severity.INFO,
                "filled from the leaked page JSON: " + ", ".join(filled),
                line,
            )
