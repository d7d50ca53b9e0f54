"""The plain-text parser: select-all copies and "save as text" files of a papers listing.

A card is anchored on its date line: everything since the previous card belongs to it and
is read backwards (``·``, then "N authors" or an organisation) and forwards (submitter,
upvotes, title, abstract). The scanner keeps one card in memory, so ``iter_papers`` streams.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from ._common import (
    CHROME,
    FOOTER,
    DiagnosticSink,
    find_paper_id,
    read_front_matter,
    resolve_reference,
    source_url,
)
from ._dates import PrintedDate, match_date
from ._models import AuthorCount, Diagnostic, Feed, Paper, Severity

__all__ = ["PaperStream", "iter_papers", "parse_text"]

# Line kinds. Small ints keep the per-line loop cheap.
_TEXT, _DOT, _AUTHORS, _UPVOTE, _URL, _SUBMITTED, _LABEL, _TRAILER = range(8)

_AUTHORS_RE = re.compile(
    r"(?:(?P<names>.*?) ?[•·∙] ?|[*\-–] ?|[•·∙] ?)?(?P<count>\d{1,6}) authors?", re.IGNORECASE
)
_UPVOTE_RE = re.compile(r"(?:upvotes? ?)?(?P<n>\d{1,3}(?:,\d{3})+|\d{1,7}|-)", re.IGNORECASE)
_SUBMITTED_RE = re.compile(r"submitted by:? (?P<user>\S.*)", re.IGNORECASE)
_GITHUB_RE = re.compile(r"github:? (?P<n>\d+(?:\.\d+)?)(?P<k>[km]?)", re.IGNORECASE)
_LABELS = frozenset({"upvote", "upvotes", "arxiv page", "view arxiv page", "pdf", "arxiv"})
_SEPARATORS = frozenset({"·", "•", "∙"})
_ORG_MAX = 100  # organisation names are short; a longer line before "·" ends an abstract

Entry = tuple[int, int, str, str, Any]  # kind, lineno, raw line, normalized text, payload


def _split_lines(text: str) -> list[str]:
    # Same line ends as a file opened in text mode: \n, \r\n and a lone \r.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _file_lines(source: Iterable[str]) -> Iterator[str]:
    for chunk in source:
        if "\r" in chunk:  # a file opened with newline="" keeps CRs (CR-only files!)
            yield from chunk.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        else:
            yield chunk.rstrip("\n")


def _column(raw: str) -> int:
    return len(raw) - len(raw.lstrip()) + 1


class PaperStream(Iterator[Paper]):
    """Papers of a listing, parsed lazily; page facts fill in as the scan goes.

    ``reference`` is known once the first paper is produced (or the input is exhausted);
    ``date`` once the date navigator has been read; ``diagnostics`` grows as lines are
    skipped (unless an ``on_diagnostic`` callback takes them instead).
    """

    def __init__(
        self,
        lines: Iterable[str],
        reference: datetime.date | None,
        strict: bool,
        on_diagnostic: Callable[[Diagnostic], None] | None = None,
    ) -> None:
        self._sink = DiagnosticSink(strict, on_diagnostic)
        self.date: datetime.date | None = None
        self.reference: datetime.date | None = reference
        self.source_url: str | None = None
        self._papers = _Scanner(self, lines, reference).run()

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Diagnostics collected so far, in input order."""
        return tuple(sorted(self._sink.items, key=lambda d: d.line))

    def __iter__(self) -> PaperStream:
        return self

    def __next__(self) -> Paper:
        return next(self._papers)


class _Scanner:
    """The card state machine; one instance per input."""

    def __init__(
        self, stream: PaperStream, lines: Iterable[str], reference: datetime.date | None
    ) -> None:
        self.stream = stream
        self.sink = stream._sink
        self.lines = lines
        self.reference_arg = reference
        self.cards = 0

    def error(self, code: str, message: str, entry: Entry) -> None:
        self.sink.add(code, Severity.ERROR, message, entry[1], _column(entry[2]), entry[2])

    # -- driver ---------------------------------------------------------------------------

    def run(self) -> Iterator[Paper]:
        numbered = self._front_matter(enumerate(self.lines, 1))
        reference = self.stream.reference
        assert reference is not None
        block: list[Entry] = []
        pending: dict[str, Any] | None = None  # last card, open for trailing lines
        stash: Entry | None = None  # a lone number after a card: comments or next upvotes
        authors_re, upvote_re = _AUTHORS_RE.fullmatch, _UPVOTE_RE.fullmatch
        for lineno, raw in numbered:
            s = raw.strip()
            if not s:
                continue
            if not s.isascii() or "  " in s or "\t" in s:
                s = " ".join(s.split())
                if not s:
                    continue
            kind = _TEXT
            payload: Any = None
            if len(s) <= 64:
                low = s.lower()
                if s in _SEPARATORS:
                    kind = _DOT
                elif (date := match_date(s, reference)) is not None:
                    if pending is not None:
                        yield self._finish(pending)
                        pending = None
                    if stash is not None:
                        block.append(stash)
                        stash = None
                    pending = self._close(block, (_TEXT, lineno, raw, s, date), date)
                    block = []
                    continue
                elif low.endswith(("author", "authors")) and (m := authors_re(s)):
                    kind, payload = _AUTHORS, m
                elif (m := upvote_re(s)) is not None:
                    kind, payload = _UPVOTE, m["n"]
                elif low in _LABELS:
                    kind = _LABEL
                elif low.startswith(("http://", "https://")) and " " not in s:
                    kind = _URL
                elif (m := _GITHUB_RE.fullmatch(s)) is not None:
                    kind, payload = _TRAILER, m
                elif (m := _SUBMITTED_RE.fullmatch(s)) is not None:
                    kind, payload = _SUBMITTED, m["user"]
            elif s.startswith(("http://", "https://")) and " " not in s:
                kind = _URL
            elif (
                s[-1] in "sr"
                and s.lower().endswith(("author", "authors"))
                and (m := authors_re(s)) is not None
            ):
                kind, payload = _AUTHORS, m
            entry = (kind, lineno, raw, s, payload)
            if pending is not None:
                if stash is not None:
                    prev: Entry = stash
                    stash = None
                    if kind == _URL and s.endswith("#community"):
                        pending["comments"] = int(prev[4].replace(",", "").replace("-", "0"))
                        continue
                    block.append(prev)
                elif self._trailer(pending, entry):
                    continue
                elif kind == _UPVOTE and not block:
                    stash = entry
                    continue
                yield self._finish(pending)
                pending = None
            block.append(entry)
        if stash is not None:
            block.append(stash)
        if pending is not None:
            yield self._finish(pending)
        if block:
            yield from self._tail(block)

    def _front_matter(self, numbered: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        """Strip a BOM and a YAML front matter; settle the reference date."""
        first = next(numbered, None)
        head: list[tuple[int, str]] = []
        fields: dict[str, str] = {}
        if first is not None:
            lineno, line = first
            line = line.lstrip("\ufeff")
            head.append((lineno, line))
            if line.strip() == "---":
                for item in numbered:
                    head.append(item)
                    if item[1].strip() in ("---", "..."):
                        fields = read_front_matter(text for _, text in head[1:-1])
                        head = []
                        break
                    if len(head) > 200:  # no closing fence: it was not front matter
                        break
        self.stream.reference = resolve_reference(self.reference_arg, fields, self.sink)
        self.stream.source_url = source_url(fields)
        return itertools.chain(head, numbered)

    # -- one card -------------------------------------------------------------------------

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
            block = titled
        elif first:
            while block and (block[0][0] == _URL or block[0][3].lower() in CHROME):
                block.pop(0)

        fields: dict[str, Any] = {
            "published": date.value,
            "published_text": date.text,
            "year_inferred": date.year_inferred,
            "comments": date.comments,
        }
        self._read_card(block, fields)
        # Errors go out in line order (strict mode raises the first): the date line is last.
        if "title" not in fields:
            self.error("no-title", "date line has no card title before it", date_entry)
            return None
        if date.value is None:
            self.error("invalid-date", f"{date.text!r} is not a real date", date_entry)
        return fields

    def _page_date(self, entry: Entry, date: PrintedDate) -> None:
        if self.stream.date is None and self.cards == 0:
            self.stream.date = date.value
            if date.value is None:
                self.error("invalid-date", f"{date.text!r} is not a real date", entry)
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
        i = 0
        while i < end:
            kind, _, _, s, payload = entry = block[i]
            i += 1
            if kind == _URL:
                ids.append(s)
            elif kind == _SUBMITTED:
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
        return AuthorCount(count, names)

    def _tail(self, block: list[Entry]) -> Iterator[Paper]:
        """Handle what follows the last card: the footer, or a truncated card."""
        chrome = FOOTER if self.cards else FOOTER | CHROME
        while block and (block[-1][0] == _URL or block[-1][3].lower() in chrome):
            block.pop()
        if self.cards == 0:
            while block and (block[0][0] == _URL or block[0][3].lower() in CHROME):
                block.pop(0)
        while block and block[0][0] in (_DOT, _AUTHORS):
            self.error("unknown-line", "line is not part of any card", block.pop(0))
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


def iter_papers(
    source: Iterable[str] | IO[str],
    reference: datetime.date | None = None,
    strict: bool = False,
    on_diagnostic: Callable[[Diagnostic], None] | None = None,
) -> PaperStream:
    """Stream the papers of a plain-text listing from lines or an open text file.

    Memory stays bounded by one card. Diagnostics collect on the returned stream's
    ``diagnostics`` (or go to ``on_diagnostic`` as they happen, keeping nothing).
    """
    if isinstance(source, (str, bytes)):
        raise TypeError(
            "iter_papers() takes lines or an open text file; use parse_text() for a whole string"
        )
    return PaperStream(_file_lines(source), reference, strict, on_diagnostic)


def parse_text(text: str, reference: datetime.date | None = None, strict: bool = False) -> Feed:
    """Parse a plain-text copy of a Hugging Face papers listing into a ``Feed``.

    Never raises on any ``str`` in the default mode; with ``strict=True`` the first
    problem raises ``ParseError`` with its line and column.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"parse_text() takes a str, not {type(text).__name__}; "
            "decode bytes first, e.g. data.decode('utf-8-sig')"
        )
    stream = PaperStream(_split_lines(text), reference, strict)
    papers = tuple(stream)
    assert stream.reference is not None
    return Feed(
        papers=papers,
        reference=stream.reference,
        date=stream.date,
        diagnostics=stream.diagnostics,
        source_url=stream.source_url,
    )
