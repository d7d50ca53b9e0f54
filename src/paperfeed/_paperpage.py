"""Single paper pages (``huggingface.co/papers/<id>``) saved as markdown or plain text.

A page is read top to bottom in sections: the head (title, "Published on", "Submitted
by", "Upvote 53", arXiv id), "Authors:", "Abstract" (an AI summary paragraph, then the
abstract with keyword links), and the tail (arXiv, PDF, GitHub and project links, the
community thread), which is noted but not parsed.
"""

from __future__ import annotations

import datetime
import re
import urllib.parse
from typing import Any

from ._common import FOOTER, DiagnosticSink, find_paper_id, normalize_ws, resolve_reference
from ._common import source_url as header_url
from ._dates import match_date
from ._mdlines import Link, MdLine, markdown_lines, read_header, split_lines
from ._models import AuthorCount, Feed, PageKind, Paper, Severity

__all__ = ["looks_like_paper_page", "parse_paper_page_markdown", "parse_paper_page_text"]

_HINT_RE = re.compile(
    r"^(?:title:[ \t]*)?paper page - "
    r"|^(?:url|url source|source):[ \t]*https?://huggingface\.co/papers/[0-9]",
    re.IGNORECASE | re.MULTILINE,
)
_AUTHORS_HINT_RE = re.compile(r"^[ \t]*authors:", re.IGNORECASE | re.MULTILINE)
_ABSTRACT_HINT_RE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+)?abstract:?[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_UPVOTE_RE = re.compile(
    r"upvotes?:? ?(?P<n>\d{1,3}(?:,\d{3})+|\d{1,7})?(?: ?\+\d{1,6})?", re.IGNORECASE
)
_COUNT_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,7}")
_GITHUB_RE = re.compile(r"github:? ?(?:(?P<n>\d{1,9}(?:\.\d+)?)(?P<k>[km]?))?", re.IGNORECASE)
_STARS_RE = re.compile(r"(\d{1,9}(?:\.\d{1,3})?)([kKmM]?)$")
_RANK_RE = re.compile(r"#\d{1,4} paper of the (?:day|week|month)", re.IGNORECASE)
_ARXIV_RE = re.compile(r"arxiv: ?(?P<id>\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_ABSTRACT = frozenset({"abstract", "abstract:"})
_SUMMARY = frozenset(
    {
        "ai-generated summary",
        "ai generated summary",
        "ai summary",
        "ai-generated summary:",
        "tl;dr",
        "tldr",
    }
)
_LABELS = FOOTER | frozenset(
    {
        "paper page",
        "papers",
        "upvote",
        "upvotes",
        "follow",
        "share",
        "copy link",
        "join the discussion on this paper page",
        "published on",
        "·",
        "•",
    }
)
_TAIL = frozenset(
    {
        "view arxiv page",
        "arxiv page",
        "view pdf",
        "pdf",
        "add to collection",
        "project page",
        "community",
        "cite arxiv",
        "citation",
        "models citing this paper",
        "datasets citing this paper",
        "spaces citing this paper",
        "collections including this paper",
    }
)
_TAIL_STARTS = tuple(sorted(_TAIL))
_HEAD, _AUTHORS, _ABSTRACT_SECTION, _TAIL_SECTION = range(4)


def looks_like_paper_page(text: str) -> bool:
    """Cheaply tell a single paper page from a listing (looks at the first 50,000 characters)."""
    head = text[:50_000]
    if _HINT_RE.search(head) is not None:
        return True
    return _AUTHORS_HINT_RE.search(head) is not None and _ABSTRACT_HINT_RE.search(head) is not None


def parse_paper_page_markdown(
    text: str, reference: datetime.date | None = None, strict: bool = False
) -> Feed:
    """Parse a markdown copy of one paper's page into a one-paper ``Feed`` (kind ``paper``)."""
    lines = _lines_of(text, "parse_paper_page_markdown")
    fields, start = read_header(lines)
    return _Page(lines, fields, reference, strict, markdown=True).run(
        _attach_urls(markdown_lines(lines, start))
    )


def parse_paper_page_text(
    text: str, reference: datetime.date | None = None, strict: bool = False
) -> Feed:
    """Parse a plain-text copy of one paper's page into a one-paper ``Feed`` (kind ``paper``)."""
    lines = _lines_of(text, "parse_paper_page_text")
    fields, start = read_header(lines)
    plain = [
        MdLine(n, len(raw) - len(raw.lstrip()) + 1, normalize_ws(raw))
        for n, raw in enumerate(lines[start:], start + 1)
    ]
    return _Page(lines, fields, reference, strict, markdown=False).run(_attach_urls(plain))


def _lines_of(text: object, name: str) -> list[str]:
    if not isinstance(text, str):
        raise TypeError(
            f"{name}() takes a str, not {type(text).__name__}; "
            "decode bytes first, e.g. data.decode('utf-8-sig')"
        )
    return split_lines(text)


def _attach_urls(lines: list[MdLine]) -> list[MdLine]:
    """Make a URL on its own line a link of the text line before it ("GitHub" / URL)."""
    out: list[MdLine] = []
    last = -1  # index in out of the last line with text
    for line in lines:
        text = line.text
        if (
            text.startswith(("http://", "https://"))
            and " " not in text
            and last >= 0
            and not line.links
        ):
            prev = out[last]
            out[last] = prev._replace(links=(*prev.links, Link(prev.text, text, line.lineno)))
            continue
        if text:
            last = len(out)
        out.append(line)
    return out


class _Page:
    """The section state machine for one paper page."""

    def __init__(
        self,
        lines: list[str],
        fields: dict[str, str],
        reference: datetime.date | None,
        strict: bool,
        markdown: bool,
    ) -> None:
        self.raw = lines
        self.fields = fields
        self.markdown = markdown
        self.sink = DiagnosticSink(strict)
        self.reference = resolve_reference(reference, fields, self.sink)
        self.paper: dict[str, Any] = {}
        self.section = _HEAD
        self.expect: str | None = None  # a label whose value is on the next line
        self.author_lines: list[MdLine] = []
        self.abstract: list[MdLine | None] = []  # None marks an "AI-generated summary" label
        self.current: MdLine | None = None  # the head line being read

    def note(self, code: str, severity: Severity, message: str, line: MdLine) -> None:
        raw = self.raw[line.lineno - 1] if 0 < line.lineno <= len(self.raw) else line.text
        self.sink.add(code, severity, message, line.lineno, line.column, raw)

    def run(self, lines: list[MdLine]) -> Feed:
        for line in lines:
            if line.text or line.links:
                self.line(line)
            elif self.section == _ABSTRACT_SECTION:
                self.abstract.append(line)  # a blank line: a paragraph break
        self.finish()
        url = header_url(self.fields)
        papers: tuple[Paper, ...] = ()
        if "title" in self.paper:
            papers = (Paper(**self.paper),)
        return Feed(
            papers=papers,
            reference=self.reference,
            diagnostics=self.sink.items,
            kind=PageKind.PAPER,
            source_url=url,
        )

    # -- one line -------------------------------------------------------------------------

    def line(self, line: MdLine) -> None:
        low = line.text.lower()
        if self.section == _ABSTRACT_SECTION and (line.heading or _is_tail(low)):
            self.section = _TAIL_SECTION  # the abstract ends at a heading or the link row
        if low in _ABSTRACT or low in _SUMMARY:
            if low in _SUMMARY:
                self.abstract.append(None)
            self.section = _ABSTRACT_SECTION
            return
        if self.section == _ABSTRACT_SECTION:
            self.abstract.append(line)
            return
        used = self.links(line)
        if line.heading == 1 and "title" not in self.paper and self.section == _HEAD:
            self.paper["title"] = line.text
            return
        if low.startswith("authors:") or low == "authors":
            self.section = _AUTHORS
            rest = line.text.partition(":")[2].strip()
            if rest:
                self.author_lines.append(line._replace(text=rest))
            return
        if self.section == _AUTHORS:
            if not line.heading and not _is_tail(low):
                self.author_lines.append(line)
                return
            self.section = _TAIL_SECTION
        if self.section == _TAIL_SECTION:
            if not self.tail(line, low) and not used:
                self.note(
                    "page-tail",
                    Severity.INFO,
                    "line after the abstract (links, community thread) skipped",
                    line,
                )
            return
        self.head(line)

    def links(self, line: MdLine) -> bool:
        """Take the arXiv id, GitHub repository and project page from a line's links."""
        used = False
        for link in line.links:
            text, url = link.text.lower(), link.url
            if "arxiv.org/" in url or "huggingface.co/papers/" in url:
                found = find_paper_id(url)
                if found is not None:
                    self.paper.setdefault("paper_id", found)
                    used = True
            elif text.startswith("github") or (
                "github.com/" in url and text in ("code", "repository", "")
            ):
                self.paper.setdefault("github_repo", url)
                if (m := _GITHUB_RE.fullmatch(link.text)) is not None and m["n"] is not None:
                    self.paper.setdefault("github_stars", _stars(link.text))
                used = True
            elif text in ("project page", "website"):
                self.paper.setdefault("project_page", url)
                used = True
        return used

    def tail(self, line: MdLine, low: str) -> bool:
        """Read a known line of the page tail; say whether it was one."""
        if self.expect == "stars" and _STARS_RE.fullmatch(line.text) is not None:
            self.expect = None
            self.paper.setdefault("github_stars", _stars(line.text))
            return True
        self.expect = None
        if (m := _GITHUB_RE.fullmatch(line.text)) is not None:  # "GitHub 62.2k", "GitHub"
            if m["n"] is not None:
                self.paper.setdefault("github_stars", _stars(line.text))
            else:
                self.expect = "stars"
            return True
        return low in _TAIL or low in _LABELS

    def head(self, line: MdLine) -> None:
        """Read a line above the authors and abstract: dates, submitter, upvotes, title."""
        self.current = line
        parts = [p.strip() for p in line.text.replace("•", "·").split("·")]
        unknown = [p for p in parts if p and not self.fact(p)]
        if not unknown:
            return
        if "title" not in self.paper and len(unknown) == len(parts):
            self.paper["title"] = line.text
            return
        self.note("unknown-line", Severity.ERROR, "line on the paper page not understood", line)

    def fact(self, part: str) -> bool:
        """Read one ``·``-separated part of a head line; say whether it was understood."""
        low = part.lower()
        expect, self.expect = self.expect, None
        if expect == "upvotes" and _COUNT_RE.fullmatch(part) is not None:
            self.paper["upvotes"] = int(part.replace(",", ""))
            return True
        if expect == "submitted" and not low.startswith("on "):
            self.paper["submitted_by"] = part
            self.expect = "submitted-on"
            return True
        if expect == "published" and self.published(part):
            return True
        if low.startswith("on ") and expect == "submitted-on":
            return match_date(part[3:], self.reference) is not None
        if low.startswith("published on") and self.published(part):
            return True
        if low == "published on":
            self.expect = "published"
            return True
        if low.startswith("submitted by"):
            user = part[12:].strip(" :")
            name, sep, date = user.rpartition(" on ")
            if sep and match_date(date, self.reference) is not None:
                user = name.strip()
            if user:
                self.paper["submitted_by"] = user
            else:
                self.expect = "submitted"
            return True
        if (m := _UPVOTE_RE.fullmatch(part)) is not None:
            if m["n"] is None:
                self.expect = "upvotes"
            else:
                self.paper["upvotes"] = int(m["n"].replace(",", ""))
            return True
        if (m := _ARXIV_RE.fullmatch(part)) is not None:
            self.paper.setdefault("paper_id", m["id"])
            return True
        if _RANK_RE.fullmatch(part) or low in _LABELS or low in _TAIL:
            return True
        return part[:1] == "+" and part[1:].isdigit()  # "+45": more upvoter avatars

    def published(self, part: str) -> bool:
        date = match_date(part, self.reference)
        if date is None:
            return False
        self.paper.update(
            published=date.value, published_text=date.text, year_inferred=date.year_inferred
        )
        if date.value is None and self.current is not None:
            self.note(
                "invalid-date", Severity.ERROR, f"{date.text!r} is not a real date", self.current
            )
        return True

    # -- the whole page -------------------------------------------------------------------

    def finish(self) -> None:
        if "title" not in self.paper:
            title = self.fields.get("title", "")
            if title.lower().startswith("paper page - "):
                self.paper["title"] = normalize_ws(title[13:])
        if "paper_id" not in self.paper:
            found = find_paper_id(header_url(self.fields) or "")
            if found is not None:
                self.paper["paper_id"] = found
        self.read_authors()
        self.read_abstract()
        if "title" not in self.paper or not self.paper["title"].strip():
            self.paper.pop("title", None)
            self.sink.add("no-title", Severity.ERROR, "the paper page has no title", 0)

    def read_authors(self) -> None:
        """Count the authors; with the names lost, the commas left behind still count them."""
        if not self.author_lines:
            return
        joined = " ".join(line.text for line in self.author_lines)
        commas = joined.count(",")
        if commas:
            names = [n.strip() for n in joined.split(",")]
        else:
            names = [line.text for line in self.author_lines]
        names = [n.removeprefix("and ").strip() for n in names if n and not n.startswith("+")]
        names = [n for n in names if n]
        first = self.author_lines[0]
        if commas and not names:
            self.paper["authors"] = AuthorCount(commas + 1)
            self.note(
                "author-names-lost",
                Severity.WARNING,
                f"author names are missing; {commas} separators mean {commas + 1} authors",
                first,
            )
        elif not commas or len(names) in (commas, commas + 1):
            self.paper["authors"] = AuthorCount(len(names), names)
        else:
            self.paper["authors"] = AuthorCount(max(len(names), commas + 1))
            self.note(
                "author-names",
                Severity.WARNING,
                f"{len(names)} names for {commas + 1} authors; names dropped",
                first,
            )

    def read_abstract(self) -> None:
        """Split the abstract section into the AI summary and the abstract proper."""
        items = self.abstract
        blank_separated = any(
            item is not None and not item.text and not item.links for item in items
        )
        paragraphs: list[tuple[list[MdLine], bool]] = []  # lines, follows a summary label
        current: list[MdLine] = []
        labelled = pending = False
        for item in [*items, None]:
            if item is not None and (item.text or item.links):
                if current and not blank_separated:  # one line per paragraph
                    paragraphs.append((current, labelled))
                    current = []
                if not current:
                    labelled, pending = pending, False
                current.append(item)
                continue
            if current:
                paragraphs.append((current, labelled))
                current = []
            if item is None:
                pending = True
        summary_at = self.summary_index(paragraphs)
        abstract: list[str] = []
        keywords: dict[str, None] = {}
        for index, (lines, _) in enumerate(paragraphs):
            text = " ".join(line.text for line in lines if line.text)
            if index == summary_at:
                self.paper["ai_summary"] = text
                continue
            abstract.append(text)
            for line in lines:
                for link in line.links:
                    keyword = _keyword(link.url)
                    if keyword:
                        keywords.setdefault(keyword)
        if abstract:
            self.paper["abstract"] = normalize_ws(" ".join(abstract))
        if keywords:
            self.paper["ai_keywords"] = tuple(keywords)

    def summary_index(self, paragraphs: list[tuple[list[MdLine], bool]]) -> int | None:
        """Pick the AI summary paragraph: after its label, else by the keyword links."""
        for index, (_, labelled) in enumerate(paragraphs):
            if labelled:
                return index
        if len(paragraphs) < 2 or None in self.abstract:
            return None
        first, rest = paragraphs[0][0], paragraphs[1:]
        if any(_keyword(link.url) for line in first for link in line.links):
            return None  # the keyword links mark the abstract, and they start at once
        if any(_keyword(link.url) for lines, _ in rest for line in lines for link in line.links):
            return 0
        if not self.markdown:
            return None  # a text copy shows the "AI-generated summary" label when there is one
        self.note(
            "ai-summary-guessed",
            Severity.WARNING,
            "first of several paragraphs under Abstract taken as the AI summary",
            first[0],
        )
        return 0


def _is_tail(low: str) -> bool:
    return low in _TAIL or low.startswith(_TAIL_STARTS)


def _keyword(url: str) -> str | None:
    """Return the search term of a keyword link (``/papers?q=fine-tuning``), if it is one."""
    if "/papers?" not in url:
        return None
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("q")
    return normalize_ws(query[0]) or None if query else None


def _stars(text: str) -> int:
    m = _STARS_RE.search(text)
    if m is None:
        return 0
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[m[2].lower()]
    return round(float(m[1]) * scale)
