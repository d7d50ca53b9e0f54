"""The card scanner behind the plain-text parser (and the markdown one, which feeds it).

A card is anchored on its date line: everything since the previous card belongs to it and
is read backwards (``·``, then "N authors" or an organisation) and forwards (submitter,
upvotes, title, abstract). ``Scanner.feed`` takes one line at a time and keeps one card
in memory, so the same machine serves whole texts and streams.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ._common import (
    CHROME,
    FOOTER,
    capture_date,
    find_paper_id,
    normalize_line,
    read_front_matter,
    resolve_reference,
    source_url,
)
from ._dates import PrintedDate, match_date
from ._models import AuthorCount, Paper, Severity

if TYPE_CHECKING:
    from ._text import PaperStream

__all__ = ["KIND_NAMES", "Entry", "Scanner", "classify_line", "may_not_be_text"]

# Line kinds. Small ints keep the per-line loop cheap.
_TEXT, _DOT, _AUTHORS, _UPVOTE, _URL, _SUBMITTED, _LABEL, _TRAILER, _DATE = range(9)
KIND_NAMES = ("text", "dot", "authors", "upvote", "url", "submitted", "label", "trailer", "date")
"""Readable names of the line kinds, by kind number."""

_AUTHORS_RE = re.compile(
    r"(?:(?P<names>.*?) ?[•·∙] ?|[*\-–] ?|[•·∙] ?)?(?P<count>\d{1,6}) authors?", re.IGNORECASE
)
_UPVOTE_RE = re.compile(r"(?:upvotes? ?)?(?P<n>\d{1,3}(?:,\d{3})+|\d{1,7}|-)", re.IGNORECASE)
_SUBMITTED_RE = re.compile(  # "Submitted by X", "… X on Jan 17, 2024", or the words alone
    r"submitted by:?(?: (?P<user>\S.*?)(?: on [a-z]{3,9}\.? \d{1,2}(?:, \d{4})?)?)?",
    re.IGNORECASE,
)
_GITHUB_RE = re.compile(r"github:? (?P<n>\d+(?:\.\d+)?)(?P<k>[km]?)", re.IGNORECASE)
_LABELS = frozenset({"upvote", "upvotes", "arxiv page", "view arxiv page", "pdf", "arxiv"})
_SEPARATORS = frozenset({"·", "•", "∙"})
SHORT_LINE = 64  # only lines this short can be dates, counts, labels or separators
_SCHEMES = ("http://", "https://")
_DATE_LAST = frozenset("0123456789oOyY")  # how every date line ends: digits, "ago", "today"
_ORG_MAX = 100  # organisation names are short; a longer line before "·" ends an abstract
_FRONT_MATTER_MAX = 200  # lines; a longer "front matter" is not one

Entry = tuple[int, int, str, str, Any]  # kind, lineno, raw line, normalized text, payload


_AUTHOR_COUNTS = [AuthorCount(n) for n in range(64)]


def _author_count(count: int) -> AuthorCount:
    # Frozen and nameless: one shared instance per small count saves an init per card.
    return _AUTHOR_COUNTS[count] if count < 64 else AuthorCount(count)


def _take_front_matter(
    numbered: Iterator[tuple[int, str]],
) -> tuple[dict[str, str], list[tuple[int, str]], int]:
    """Read a BOM and a YAML front matter.

    Return its fields, the lines read that must be scanned after all, and how many lines
    the front matter took (0 when there is none).
    """
    first = next(numbered, None)
    if first is None:
        return {}, [], 0
    lineno, line = first
    head = [(lineno, line.lstrip("\ufeff"))]
    if head[0][1].strip() != "---":
        return {}, head, 0
    for item in numbered:
        head.append(item)
        if item[1].strip() in ("---", "..."):
            return read_front_matter(text for _, text in head[1:-1]), [], len(head)
        if len(head) > _FRONT_MATTER_MAX:  # no closing fence: it was not front matter
            break
    return {}, head, 0


_TITLE_KINDS = frozenset({_TEXT, _UPVOTE, _TRAILER})


def _is_title_after(block: list[Entry], start: int, end: int) -> bool:
    """Whether a line that could be a title lies in ``block[start:end]``."""
    return any(e[0] in _TITLE_KINDS for e in block[start:end])


def _chrome_end(block: list[Entry]) -> int:
    """Index of the first entry of ``block`` that is neither page chrome nor a URL."""
    for index, entry in enumerate(block):
        if entry[0] != _URL and entry[3].lower() not in CHROME:
            return index
    return len(block)


def _author_tail(s: str) -> bool:
    # Keeps the author pattern (with its lazy name part) off lines that cannot match.
    return s[-8:].lower().endswith((" author", " authors"))


def classify_line(s: str, dates: Callable[[str], PrintedDate | None]) -> tuple[int, Any]:
    """Say what kind of line the normalized, non-empty ``s`` is, and what it holds.

    ``dates`` reads a date line against the input's reference (``match_date``).
    """
    # Cheap first/last-character tests keep titles and abstracts off the regexes.
    first, last = s[0], s[-1]
    if len(s) <= SHORT_LINE:
        if s in _SEPARATORS:
            return _DOT, None
        if last in _DATE_LAST and (date := dates(s)) is not None:
            return _DATE, date
        if last in "sSrR" and _author_tail(s) and (m := _AUTHORS_RE.fullmatch(s)):
            return _AUTHORS, m
        if (first.isdigit() or first in "-Uu") and (m := _UPVOTE_RE.fullmatch(s)):
            return _UPVOTE, m["n"]
        if len(s) <= 16 and s.lower() in _LABELS:
            return _LABEL, None
        if first in "gG" and (m := _GITHUB_RE.fullmatch(s)) is not None:
            return _TRAILER, m
    elif last in "sSrR" and _author_tail(s) and (m := _AUTHORS_RE.fullmatch(s)):
        return _AUTHORS, m
    if first in "hH" and s.lower().startswith(_SCHEMES) and " " not in s:
        return _URL, None
    if first in "sS" and (m := _SUBMITTED_RE.fullmatch(s)) is not None:
        return _SUBMITTED, m["user"]
    return _TEXT, None


_ANY_FIRST = frozenset("HhSs")  # URLs and "Submitted by", at any length
_AUTHORS_LAST = frozenset("SsRr")
_SHORT_FIRST = frozenset("-UuGg")  # counts, "upvote 12", "github 1.2k"


def may_not_be_text(s: str) -> bool:
    """Whether ``classify_line`` may take the normalized, non-empty ``s`` for non-text.

    The same first/last-character gates as ``classify_line``, without the regexes: a
    cheap screen for the fast path, which only classifies the lines it lets through.
    """
    first, last = s[0], s[-1]
    if first in _ANY_FIRST or (last in _AUTHORS_LAST and _author_tail(s)):
        return True
    return len(s) <= SHORT_LINE and (
        last in _DATE_LAST or first in _SHORT_FIRST or first.isdigit() or len(s) <= 16
    )


def _column(raw: str) -> int:
    return len(raw) - len(raw.lstrip()) + 1


class Scanner:
    """The card state machine; one instance per input."""

    def __init__(
        self, stream: PaperStream, lines: Iterable[str], reference: datetime.date | None
    ) -> None:
        self.stream = stream
        self.sink = stream._sink
        self.lines = lines
        self.reference_arg = reference
        self.reference: datetime.date | None = None
        self.cards = 0
        self.block: list[Entry] = []
        self.titled = False  # whether ``block`` holds a line that could be a title
        self.pending: dict[str, Any] | None = None  # last card, open for trailing lines
        self.stash: Entry | None = None  # a lone number after a card: comments or upvotes
        self.out: list[Paper] = []
        self._dates: dict[str, PrintedDate | None] = {}
        self._fast_dates: dict[str, tuple[Any, ...] | None] = {}  # for _text's fast path
        self.provisional = False  # reference is today only until a page date turns up

    def error(self, code: str, message: str, entry: Entry) -> None:
        self.sink.add(code, Severity.ERROR, message, entry[1], _column(entry[2]), entry[2])

    # -- driver ---------------------------------------------------------------------------

    def run(self) -> Iterator[Paper]:
        """Scan numbered lines one at a time, yielding each card once it is complete."""
        numbered = self._front_matter(enumerate(self.lines, 1))
        feed, out = self.feed, self.out
        for lineno, raw in numbered:
            feed(lineno, raw)
            if out:
                yield from out
                out.clear()
        self.end()
        yield from out
        out.clear()

    def _front_matter(self, numbered: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        """Strip a BOM and a YAML front matter; settle the reference date."""
        fields, head, _ = _take_front_matter(numbered)
        self.settle(fields)
        return itertools.chain(head, numbered)

    def settle(self, fields: dict[str, str]) -> None:
        """Fix the reference date and source URL from the argument or the front matter.

        With neither, the reference is provisionally today; the page's date navigator, if
        one comes before the first card, then takes over (see ``_page_date``).
        """
        self.stream.source_url = source_url(fields)
        if self.reference_arg is None and capture_date(fields) is None:
            self.provisional = True
            self.reference = self.stream.reference = datetime.date.today()
            return
        self.stream.reference = resolve_reference(self.reference_arg, fields, self.sink)
        self.reference = self.stream.reference

    def _settle_today(self) -> None:
        """Keep today as the reference for good, and say so, once a card needs it."""
        if self.provisional:
            self.provisional = False
            resolve_reference(None, {}, self.sink)

    def classify(self, s: str) -> tuple[int, Any]:
        """Say what kind of line the normalized, non-empty ``s`` is (and what it holds)."""
        return classify_line(s, self.match_date)

    def match_date(self, s: str) -> PrintedDate | None:
        """``match_date`` against this input's reference, memoized: dates repeat a lot."""
        try:
            return self._dates[s]
        except KeyError:
            pass
        if len(self._dates) >= 4096:  # bounded, so streaming memory stays flat
            self._dates.clear()
        assert self.reference is not None
        found = self._dates[s] = match_date(s, self.reference)
        return found

    def feed(self, lineno: int, raw: str) -> None:
        """Take one input line; completed papers are appended to ``out``."""
        s = normalize_line(raw)
        if not s:
            return
        kind, payload = self.classify(s)
        block = self.block
        if kind != _DATE and kind != _URL and block and block[-1][0] == _DOT and self.titled:
            # A date line always follows "·": one the scanner cannot read still ends the
            # card, so the next card is not swallowed into this one.
            kind, payload = _DATE, PrintedDate(s, None, False, None)
        entry = (kind, lineno, raw, s, payload)
        if kind == _DATE:
            if self.pending is not None:
                self.out.append(self._finish(self.pending))
                self.pending = None
            if self.stash is not None:
                self.block.append(self.stash)
                self.stash = None
            self.pending = self._close(self.block, entry, payload)
            self.block = []
            self.titled = False
            return
        if self.pending is not None:
            if self.stash is not None:
                prev = self.stash
                self.stash = None
                if kind == _URL and s.endswith("#community"):
                    self.pending["comments"] = int(prev[4].replace(",", "").replace("-", "0"))
                    return
                self.block.append(prev)
                self.titled = True  # a stashed count is an upvote line: a title candidate
            elif self._trailer(self.pending, entry):
                return
            elif kind == _UPVOTE and not self.block:
                self.stash = entry
                return
            self.out.append(self._finish(self.pending))
            self.pending = None
        self.block.append(entry)
        if kind in _TITLE_KINDS:
            self.titled = True

    def end(self) -> None:
        """Finish the input: the last card, then the footer or a truncated card."""
        self._settle_today()
        if self.stash is not None:
            self.block.append(self.stash)
            self.stash = None
        if self.pending is not None:
            self.out.append(self._finish(self.pending))
            self.pending = None
        if self.block:
            self.out.extend(self._tail(self.block))
            self.block = []
            self.titled = False

    def _trailer(self, pending: dict[str, Any], entry: Entry) -> bool:
        """Attach a line that follows a card's date to that card, if it belongs there."""
        kind, s = entry[0], entry[3]
        if kind == _URL:
            paper_id = find_paper_id(s)
            if s.endswith("#community") or (paper_id and paper_id == pending.get("paper_id")):
                pending.setdefault("paper_id", paper_id)
                return True
            return False
        if kind == _TRAILER:
            m = entry[4]
            scale = {"": 1, "k": 1_000, "m": 1_000_000}[m["k"].lower()]
            pending["github_stars"] = round(float(m["n"]) * scale)
            return True
        return kind == _LABEL and s.lower() != "upvote"

    def _finish(self, fields: dict[str, Any]) -> Paper:
        self.cards += 1
        return Paper(**fields)

    def _close(
        self, block: list[Entry], date_entry: Entry, date: PrintedDate
    ) -> dict[str, Any] | None:
        """Turn the lines before a date line into a card; or read the page's date."""
        structured = any(e[0] == _DOT or e[0] == _AUTHORS for e in block)
        first = self.cards == 0 and self.stream.date is None
        if not structured:
            titled = [e for e in block if e[0] != _URL and e[3].lower() not in FOOTER]
            if not any(e[0] == _TEXT for e in titled) or (first and len(titled) == 1):
                for e in titled:
                    self.error("unknown-line", "line before the page date is not a card", e)
                self._page_date(date_entry, date)
                return None
            # Keep the URL lines: a card without a byline still takes its id from them.
            block = [e for e in block if e[0] == _URL or e[3].lower() not in FOOTER]
        elif first:
            block = block[_chrome_end(block) :]

        self._settle_today()
        fields: dict[str, Any] = {
            "published": date.value,
            "published_text": date.text,
            "year_inferred": date.year_inferred,
            "comments": date.comments,
        }
        # Errors go out in line order (strict mode raises the first): the date line is last.
        if not _is_title_after(block, 0, len(block)):
            for entry in block:
                self.error("unknown-line", "line is not part of any card", entry)
            self.error("no-title", "date line has no card title before it", date_entry)
            return None
        self._read_card(block, fields)
        if "title" not in fields:  # cannot happen while a title line exists; stay safe
            self.error("no-title", "date line has no card title before it", date_entry)
            return None
        if date.value is None:
            self.error("invalid-date", f"{date.text!r} is not a date", date_entry)
        return fields

    def _page_date(self, entry: Entry, date: PrintedDate) -> None:
        if self.stream.date is None and self.cards == 0:
            self.stream.date = date.value
            if date.value is None:
                self.error("invalid-date", f"{date.text!r} is not a real date", entry)
            elif self.provisional:
                # The page's own date (resolved against today) is the best capture date we
                # have: no card on it can be newer.
                self.provisional = False
                self.reference = self.stream.reference = date.value
                self._dates.clear()
                self._fast_dates.clear()
                self.sink.add(
                    "reference-page-date",
                    Severity.INFO,
                    "no reference date given or recorded in the input; using the page's date "
                    f"({date.value.isoformat()}, the latest {date.text!r} up to today)",
                    entry[1],
                    _column(entry[2]),
                    entry[2],
                )
        else:
            self.sink.add(
                "extra-page-date",
                Severity.WARNING,
                "a date line outside any card (a second page?) was skipped",
                entry[1],
                _column(entry[2]),
                entry[2],
            )
        return

    def _read_card(self, block: list[Entry], fields: dict[str, Any]) -> None:
        ids: list[str] = []
        end = len(block)
        # Backwards: "·", then "N authors" or an organisation (URL lines may sit between).
        while end and block[end - 1][0] == _URL:
            end -= 1
        had_dot = end > 0 and block[end - 1][0] == _DOT
        if had_dot:
            end -= 1
            while end and block[end - 1][0] == _URL:
                end -= 1
        if end and block[end - 1][0] == _AUTHORS:
            end -= 1
            fields["authors"] = self._authors(block[end])
        elif had_dot and end and self._is_organization(block, end - 1):
            end -= 1
            fields["organization"] = block[end][3]
        # Forwards: submitter, upvotes, title, then the abstract.
        last_title = next((k for k in range(end - 1, -1, -1) if block[k][0] in _TITLE_KINDS), -1)
        i = 0
        while i < end:
            kind, _, _, s, payload = entry = block[i]
            i += 1
            if kind == _URL:
                ids.append(s)
            elif kind == _SUBMITTED:
                if payload is None and block[i][0] == _TEXT and last_title > i:
                    payload = block[i][3]  # "Submitted by" and the name on two lines
                    i += 1
                if payload is not None:
                    fields["submitted_by"] = payload
            elif kind == _LABEL:
                pass
            elif (
                kind == _UPVOTE
                and "upvotes" not in fields
                and any(e[0] in (_TEXT, _UPVOTE) for e in block[i:end])
            ):
                fields["upvotes"] = int(payload.replace(",", "").replace("-", "0"))
            elif kind in (_TEXT, _UPVOTE, _TRAILER):
                fields["title"] = s
                break
            else:
                self.error("misplaced-line", "line out of place before the title", entry)
        abstract: list[str] = []
        for entry in block[i:end]:
            kind, s = entry[0], entry[3]
            if kind == _URL:
                ids.append(s)
            elif kind in (_DOT, _AUTHORS):
                self.error("misplaced-line", "line out of place inside a card", entry)
            else:
                abstract.append(s)
        ids.extend(entry[3] for entry in block[end:] if entry[0] == _URL)
        if abstract:
            fields["abstract"] = " ".join(abstract)
        for url in ids:
            paper_id = find_paper_id(url)
            if paper_id is not None:
                fields["paper_id"] = paper_id
                break

    @staticmethod
    def _is_organization(block: list[Entry], index: int) -> bool:
        """Tell an organisation line before "·" from the end of an abstract."""
        entry = block[index]
        if entry[0] != _TEXT or len(entry[3]) > _ORG_MAX:
            return False
        head = [e[0] for e in block[:index] if e[0] in (_TEXT, _UPVOTE)]
        # A title must remain: a lone leading count is the upvote box, not a title.
        return len(head) >= 2 or head == [_TEXT]

    def _authors(self, entry: Entry) -> AuthorCount:
        m = entry[4]
        count = int(m["count"])
        names: tuple[str, ...] = ()
        if m["names"]:
            names = tuple(n.strip() for n in m["names"].split(",") if n.strip())
            if len(names) > count:
                self.sink.add(
                    "author-names",
                    Severity.WARNING,
                    f"{len(names)} names for {count} authors; names dropped",
                    entry[1],
                    _column(entry[2]),
                    entry[2],
                )
                names = ()
        return AuthorCount(count, names) if names else _author_count(count)

    def _tail(self, block: list[Entry]) -> Iterator[Paper]:
        """Handle what follows the last card: the footer, or a truncated card."""
        chrome = FOOTER if self.cards else FOOTER | CHROME
        while block and (block[-1][0] == _URL or block[-1][3].lower() in chrome):
            block.pop()
        start = _chrome_end(block) if self.cards == 0 else 0
        while start < len(block) and block[start][0] in (_DOT, _AUTHORS):
            self.error("unknown-line", "line is not part of any card", block[start])
            start += 1
        block = block[start:]
        if not block:
            return
        if len(block) >= 2 and any(e[0] == _TEXT for e in block):
            self.error("truncated-card", "the last card ends before its date", block[0])
            fields: dict[str, Any] = {}
            self._read_card(block, fields)
            if "title" in fields:
                yield self._finish(fields)
            return
        for entry in block:
            self.error("unknown-line", "line is not part of any card", entry)
