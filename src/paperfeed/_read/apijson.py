"""The Hub API JSON parser: ``/api/daily_papers``, ``/api/papers/...`` and page props.

Wire rules: times are ISO 8601 (``"2026-09-28T00:00:00.000Z"``) and read as UTC; a
paper's ``published`` is the UTC date of ``paper.publishedAt``; ``dateString`` is
``YYYY-MM-DD`` (day), ``YYYY-Www`` (ISO week) or ``YYYY-MM`` (month). A top-level list
is decoded entry by entry, so a truncated download keeps every complete entry and each
skipped entry is reported at its own line and column. Entries saved as strings (a
Python ``repr`` or JSON text of the object) are read back with ``ast.literal_eval`` or
``json.loads``. Before ``submittedOnDailyAt`` existed (2024), an entry's own
``publishedAt`` was its listing time; a bare list whose papers were all listed on one
UTC day is that day's daily list.
"""

from __future__ import annotations

import ast
import datetime
import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import dateutil.parser

from paperfeed._common import PageFacts, normalize_ws, page_facts
from paperfeed._models import AuthorCount, Feed, PageKind, Paper, Severity

from .assemble import assemble_feed, check_reference, choose_reference
from .diagnostics import DiagnosticSink
from .jsontext import Locate, load_json, located_at, text_of

__all__ = [
    "Page",
    "feed_of",
    "has_papers",
    "load_props",
    "paper_from_entry",
    "parse_api_json",
    "props_page",
    "read_value",
]

_UTC = datetime.timezone.utc
_RECOVER_LIMIT = 1_000_000  # characters: an entry string longer than this is not read


# -- one entry ---------------------------------------------------------------------------


def _iso_time(value: str) -> datetime.datetime | None:
    """Read an ISO 8601 time as UTC (a time without an offset is UTC); ``None`` if it is not."""
    try:  # fromisoformat is fast; dateutil reads the ISO forms it does not (3.10)
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = dateutil.parser.isoparse(value)
        except (ValueError, OverflowError):
            return None
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=_UTC)
    try:
        return moment.astimezone(_UTC)
    except OverflowError:
        return None


class _Fields:
    """Typed field access to one entry, warning (and dropping) values of the wrong type."""

    def __init__(self, sink: DiagnosticSink, line: int, column: int) -> None:
        self.sink, self.line, self.column = sink, line, column

    def bad(self, key: str, value: object, wanted: str) -> None:
        msg = f"{key!r} should be {wanted}, got {value!r:.60}; ignored"
        self.sink.add("bad-field", Severity.WARNING, msg, self.line, self.column, repr(value)[:200])

    def text(self, obj: Mapping[str, Any], key: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.bad(key, value, "a string")
            return None
        return normalize_ws(value) or None

    def count(self, obj: Mapping[str, Any], key: str) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.bad(key, value, "a non-negative integer")
            return None
        return value

    def time(self, obj: Mapping[str, Any], key: str) -> datetime.datetime | None:
        value = obj.get(key)
        if value is None:
            return None
        moment = _iso_time(value) if isinstance(value, str) else None
        if moment is None:
            self.bad(key, value, "an ISO 8601 time")
        return moment

    def name(self, obj: Mapping[str, Any], key: str, *names: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return normalize_ws(value) or None
        if isinstance(value, dict):
            for sub in names:
                found = self.text(value, sub)
                if found:
                    return found
            return None
        self.bad(key, value, "an object")
        return None

    def authors(self, obj: Mapping[str, Any]) -> AuthorCount | None:
        value = obj.get("authors")
        if value is None:
            return None
        if not isinstance(value, list):
            self.bad("authors", value, "a list")
            return None
        names: list[str] = []
        for author in value:
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str) and (name := normalize_ws(name)):
                names.append(name)
        if len(names) < len(value):
            msg = f"{len(value) - len(names)} of {len(value)} authors have no name"
            self.sink.add("bad-field", Severity.WARNING, msg, self.line, self.column)
        return AuthorCount(len(value), names)

    def keywords(self, obj: Mapping[str, Any]) -> tuple[str, ...]:
        value = obj.get("ai_keywords")
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            self.bad("ai_keywords", value, "a list of strings")
            return ()
        return tuple(k for k in map(normalize_ws, value) if k)


def paper_from_entry(
    entry: object, sink: DiagnosticSink | None = None, line: int = 0, column: int = 1
) -> Paper | None:
    """Convert one daily-papers entry or paper object to a ``Paper`` (``None`` if untitled).

    ``entry`` is ``{"paper": {...}, "numComments": ..., "submittedBy": {...}}`` or a bare
    paper object; problems go to ``sink`` located at ``line``/``column``.
    """
    if sink is None:
        sink = DiagnosticSink(strict=False)
    if not isinstance(entry, dict):
        msg = f"entry is a {type(entry).__name__}, not an object; skipped"
        sink.add("not-an-entry", Severity.ERROR, msg, line, column, repr(entry)[:200])
        return None
    inner = entry.get("paper")
    paper: Mapping[str, Any] = inner if isinstance(inner, dict) else entry
    get = _Fields(sink, line, column)
    title = get.text(paper, "title") or get.text(entry, "title")
    if title is None:
        msg = "entry has no title; skipped"
        sink.add("no-title", Severity.ERROR, msg, line, column, repr(entry)[:200])
        return None
    published = get.time(paper, "publishedAt")
    listed = get.time(entry, "publishedAt") if paper is not entry else None
    if published is None:
        published, listed = listed, None
    featured = get.time(paper, "submittedOnDailyAt")
    if featured is None and listed is not None and published is not None and listed > published:
        featured = listed  # before submittedOnDailyAt (2024), the entry's time was its listing
    paper_id = paper.get("id")
    if paper_id is not None and not isinstance(paper_id, str):
        get.bad("id", paper_id, "a string")
        paper_id = None
    upvotes = get.count(paper, "upvotes")
    return Paper(
        title=title,
        abstract=get.text(paper, "summary") or get.text(entry, "summary"),
        authors=get.authors(paper),
        organization=(
            get.name(paper, "organization", "fullname", "name")
            or get.name(entry, "organization", "fullname", "name")
        ),
        published=None if published is None else published.date(),
        comments=get.count(entry, "numComments"),
        upvotes=upvotes if upvotes is not None else get.count(entry, "upvotes"),
        paper_id=paper_id or None,
        submitted_by=(
            get.name(entry, "submittedBy", "name", "user")
            or get.name(paper, "submittedOnDailyBy", "name", "user")
        ),
        featured_at=featured,
        github_repo=get.text(paper, "githubRepo"),
        github_stars=get.count(paper, "githubStars"),
        project_page=get.text(paper, "projectPage"),
        ai_summary=get.text(paper, "ai_summary"),
        ai_keywords=get.keywords(paper),
    )


# -- the document ------------------------------------------------------------------------

Page = tuple[tuple[Paper, ...], PageFacts]
"""A document read: its papers, and what it says about the listing besides them."""


def has_papers(value: object) -> bool:
    """Tell whether a decoded JSON value has a shape this parser reads."""
    if isinstance(value, (list, tuple)):
        return True
    if not isinstance(value, dict):
        return False
    return any(key in value for key in ("dailyPapers", "paper", "title", "id"))


def read_value(value: object, sink: DiagnosticSink, locate: Locate) -> Page:
    """Read the papers and page facts of a decoded document of any supported shape."""
    meta: Mapping[str, Any] = {}
    kind: PageKind | None = None
    entries: Sequence[Any]
    if isinstance(value, (list, tuple)):
        entries = value
    elif isinstance(value, dict) and "dailyPapers" in value:
        meta = value
        listed = value["dailyPapers"]
        entries = listed if isinstance(listed, (list, tuple)) else ()
        if entries is not listed:
            msg = "'dailyPapers' is not a list"
            sink.add("unknown-shape", Severity.ERROR, msg, *locate(-1), repr(listed)[:200])
    elif isinstance(value, dict) and has_papers(value):
        entries, kind = (value,), PageKind.PAPER
    else:
        msg = "JSON is neither a list of papers, a paper, nor page props"
        sink.add("unknown-shape", Severity.ERROR, msg, *locate(-1), repr(value)[:200])
        entries = ()
    papers = []
    strings: list[int] = []  # indexes of entries saved as strings
    for index, entry in enumerate(entries):
        if isinstance(entry, str) and entry.lstrip().startswith("{"):
            strings.append(index)
            entry = _recover(entry, sink, *locate(index))
            if entry is None:
                continue
        paper = paper_from_entry(entry, sink, *locate(index))
        if paper is not None:
            papers.append(paper)
    if strings:
        msg = f"{len(strings)} entries are strings (Python reprs or JSON text), read as objects"
        sink.add("string-entries", Severity.WARNING, msg, *locate(strings[0]))
    facts = page_facts(meta, kind)
    day = _listed_day(papers) if isinstance(value, (list, tuple)) else None
    if day is not None:  # a bare /api/daily_papers list: the day every paper was listed
        facts = attrs.evolve(facts, kind=PageKind.DAILY, date=day, period_start=day, period_end=day)
    return tuple(papers), facts


def _recover(entry: str, sink: DiagnosticSink, line: int, column: int) -> object | None:
    """Read an entry a buggy pipeline saved as a string: JSON text or a Python ``repr``.

    Python literals are read with ``ast.literal_eval``, which builds only literals and
    never runs code; an entry that is neither is reported where it is and skipped.
    """
    if len(entry) > _RECOVER_LIMIT:
        problem = f"longer than {_RECOVER_LIMIT:,} characters"
    else:
        value: object
        try:
            value = json.loads(entry)
        except (ValueError, RecursionError):
            pass
        else:
            return value
        try:
            value = ast.literal_eval(entry.strip())
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as exc:
            problem = f"{type(exc).__name__}: {exc}"
        else:
            return value
    msg = f"entry is a string that is neither JSON nor a Python literal ({problem:.80}); skipped"
    sink.add("unreadable-entry", Severity.ERROR, msg, line, column, entry[:200])
    return None


def _listed_day(papers: Sequence[Paper]) -> datetime.date | None:
    """The one UTC day at least two papers were all listed on, if they were."""
    days = {None if p.featured_at is None else p.featured_at.date() for p in papers}
    return days.pop() if len(papers) >= 2 and len(days) == 1 else None


def load_props(value: str) -> dict[str, Any] | None:
    """Decode ``data-props`` text; ``None`` if it is not JSON (malformed, truncated)."""
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else {}


def props_page(value: str, sink: DiagnosticSink, line: int, column: int) -> Page | None:
    """Read ``data-props`` text, or ``None`` if it is not JSON page props with papers."""
    data = load_props(value)
    if not data or not has_papers(data):
        return None
    return read_value(data, sink, located_at(line, column))


def feed_of(
    page: Page, sink: DiagnosticSink, reference: datetime.date | None, source_url: str | None = None
) -> Feed:
    """Assemble the ``Feed``: the reference is the argument, else the page date, else today."""
    papers, facts = page
    resolved = choose_reference(reference, sink, page_date=facts.date)
    return assemble_feed(papers, resolved, sink, facts, source_url)


def parse_api_json(
    data: str | bytes | list[Any] | dict[str, Any],
    reference: datetime.date | None = None,
    strict: bool = False,
) -> Feed:
    """Parse Hub API JSON (text, bytes, or already decoded) into a ``Feed``.

    Never raises on any input of the right type in the default mode; with
    ``strict=True`` the first error raises ``ParseError`` with its line and column.
    """
    check_reference(reference)  # a wrong type fails before any work
    sink = DiagnosticSink(strict)
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = text_of(bytes(data), sink)
    if isinstance(data, str):
        value, locate = load_json(data, sink)
        if value is None and sink.error_count:
            return feed_of(((), PageFacts()), sink, reference)  # nothing decoded; reported
    elif isinstance(data, (list, tuple, dict)):
        value, locate = data, located_at(0, 1)
    else:
        raise TypeError(
            f"parse_api_json() takes JSON text, bytes, a list or a dict, not "
            f"{type(data).__name__}; pass json.dumps(obj) or the decoded list/dict"
        )
    return feed_of(read_value(value, sink, locate), sink, reference)
