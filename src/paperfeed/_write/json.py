"""JSON and JSON Lines through orjson, with a cattrs converter as the plain path.

Wire rules: keys in model field order, dates as ISO 8601 ``YYYY-MM-DD``, timestamps as
ISO 8601 with their UTC offset (``datetime.isoformat``), enums as their string values,
tuples as arrays, absent values as ``null``, text as UTF-8 (no ``\\u`` escapes but for
control characters). ``from_json(to_json(feed)) == feed`` for every feed.

Whitespace: ``indent=2`` (the default) puts every value on its own line, two spaces
deeper per level; ``indent=None`` writes one line with no space after ``:`` or ``,``,
as JSON Lines does. Those two are orjson's; any other ``indent`` is the standard
library's ``json.dumps`` with that indent, the same document, slower.

Speed: papers go to orjson as their field dicts, and come back from orjson's dicts
checked and converted in one pass (``_read_papers``). Whatever that pass does not take
(a key missing or out of order, a value of an unexpected type, orjson refusing the
text) is read by the plain path instead: the standard library's ``json`` and the
cattrs ``converter``, so every document reads exactly as before. Tests hold both ways
to the plain path.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any, TypeVar

import attrs
import cattrs
import dateutil.parser
import orjson
from cattrs.preconf.json import make_converter

from paperfeed._dataset import Provenance
from paperfeed._errors import DecodeError
from paperfeed._models import (
    PAPER_FIELDS,
    AuthorCount,
    Feed,
    Paper,
    _adopt_paper,
    _paper_fields,
    _trusted_author_count,
)
from paperfeed._write.provenance import provenance_keys, with_provenance

__all__ = ["converter", "from_json", "from_jsonl", "iter_jsonl", "to_json", "to_jsonl"]

T = TypeVar("T")


def _structure_datetime(value: Any, _type: object) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:  # the "Z" suffix before Python 3.11, and other ISO 8601 forms
        return dateutil.parser.isoparse(value)


def _make_converter() -> cattrs.Converter:
    conv = make_converter()
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook(datetime.date, lambda v, _: datetime.date.fromisoformat(v))
    conv.register_unstructure_hook(datetime.datetime, datetime.datetime.isoformat)
    conv.register_structure_hook(datetime.datetime, _structure_datetime)
    return conv


converter = _make_converter()
"""The cattrs converter behind paperfeed's JSON; reuse it to embed models in your own."""

# -- writing -------------------------------------------------------------------------------

_MINUTE = datetime.timedelta(minutes=1)
_OPTIONS = {2: orjson.OPT_INDENT_2, None: 0}
_FEED_FIELDS = tuple(a.name for a in attrs.fields(Feed))


def _default(obj: Any) -> Any:
    """Plain data for what orjson does not write itself, keeping the plain path's document."""
    cls = type(obj)
    if cls is Paper:
        fields = _paper_fields(obj)
        featured = fields["featured_at"]
        # orjson writes offsets in whole minutes; isoformat keeps seconds ("+05:30:15").
        if featured is not None and featured.utcoffset() % _MINUTE:
            return {**fields, "featured_at": featured.isoformat()}
        return fields
    if cls is AuthorCount:
        return {"count": obj.count, "names": obj.names}
    if cls is Feed:  # its papers and diagnostics are left to orjson and this hook
        return {name: getattr(obj, name) for name in _FEED_FIELDS}
    return converter.unstructure(obj)  # a Diagnostic, a subclass: the plain path


def _dumps(value: object, indent: int | None) -> str:
    """``value`` as JSON text, as ``json.dumps`` of the converter's plain data writes it."""
    option = _OPTIONS.get(indent)
    if option is not None:
        try:
            return orjson.dumps(value, default=_default, option=option).decode()
        except orjson.JSONEncodeError:  # a lone surrogate, an integer past 64 bits
            pass
    separators = None if indent is not None else (",", ":")
    plain = converter.unstructure(value)
    return json.dumps(plain, indent=indent, ensure_ascii=False, separators=separators)


def to_json(feed: Feed, *, indent: int | None = 2) -> str:
    """Serialize a feed (papers, page facts and diagnostics) to a JSON document.

    ``indent=2`` (default) indents two spaces per level; ``None`` writes one compact line.
    """
    if not isinstance(feed, Feed):
        raise TypeError(
            f"to_json() takes a Feed, not {type(feed).__name__}; use to_jsonl() for papers"
        )
    return _dumps(feed, indent)


def feeds_to_json(feeds: Iterable[Feed], *, indent: int | None = 2) -> str:
    """Serialize feeds as one JSON array of ``to_json`` documents (the CLI's many inputs)."""
    return _dumps(list(feeds), indent)


def to_jsonl(
    papers: Feed | Iterable[Paper], *, provenance: Provenance | Iterable[Provenance] | None = None
) -> str:
    """Serialize papers as JSON Lines: one compact JSON object per paper, in order.

    ``provenance`` (one for all papers, or one per paper) adds ``PROVENANCE_COLUMNS`` keys.
    """
    if isinstance(papers, Feed):
        papers = papers.papers
    if provenance is not None:
        rows = (
            {**converter.unstructure(p), **provenance_keys(mark)}
            for p, mark in with_provenance(papers, provenance)
        )
        return "".join([_dumps(row, None) + "\n" for row in rows])
    return "".join([_dumps(paper, None) + "\n" for paper in papers])


# -- reading -------------------------------------------------------------------------------

_PAPER_KEYS = list(PAPER_FIELDS)
_AUTHOR_KEYS = ["count", "names"]
_FEED_KEYS = list(_FEED_FIELDS)
_TEXTS = itemgetter(
    "abstract",
    "organization",
    "published_text",
    "paper_id",
    "submitted_by",
    "github_repo",
    "project_page",
    "ai_summary",
)
_STR_OR_NONE = frozenset({str, type(None)})
_STR = frozenset({str})
_date = datetime.date.fromisoformat
_datetime = datetime.datetime.fromisoformat


def _read_papers(items: Any) -> tuple[Paper, ...] | None:
    """Papers from orjson's dicts, in one pass; ``None`` when the plain path must read them.

    Takes exactly what the converter reads to the same papers: every key, in field
    order, each value of its field's JSON type and within its validators' bounds
    (converted in place: the dicts become the papers' own). Anything else is ``None``.
    """
    if type(items) is not list:
        return None
    papers: list[Paper] = []
    append = papers.append
    for fields in items:
        if type(fields) is not dict or list(fields) != _PAPER_KEYS:
            return None
        title = fields["title"]
        if type(title) is not str or not title or title.isspace():
            return None
        if not set(map(type, _TEXTS(fields))) <= _STR_OR_NONE:
            return None
        if type(fields["year_inferred"]) is not bool:
            return None
        for count in (fields["comments"], fields["upvotes"], fields["github_stars"]):
            if count is not None and (type(count) is not int or count < 0):
                return None
        try:
            value = fields["published"]
            if value is not None:
                fields["published"] = _date(value)
            value = fields["featured_at"]
            if value is not None:
                value = fields["featured_at"] = _datetime(value)
                if value.utcoffset() is None:
                    return None
        except (TypeError, ValueError):
            return None
        authors = fields["authors"]
        if authors is not None:
            if type(authors) is not dict or list(authors) != _AUTHOR_KEYS:
                return None
            count, names = authors["count"], authors["names"]
            if type(count) is not int or type(names) is not list or len(names) > count:
                return None
            if names and set(map(type, names)) != _STR:
                return None
            fields["authors"] = _trusted_author_count(count, tuple(names))
        keywords = fields["ai_keywords"]
        if type(keywords) is not list or (keywords and set(map(type, keywords)) != _STR):
            return None
        fields["ai_keywords"] = tuple(keywords)
        append(_adopt_paper(fields))
    return tuple(papers)


def _read_feed(data: Any) -> Feed | None:
    """A feed from orjson's data with ``_read_papers``; ``None`` for the plain path."""
    if type(data) is not dict or list(data) != _FEED_KEYS:
        return None
    papers = _read_papers(data["papers"])
    if papers is None:
        return None
    try:
        head = converter.structure({**data, "papers": ()}, Feed)  # a few fields and notes
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError):
        return None
    return Feed(
        reference=head.reference,
        date=head.date,
        kind=head.kind,
        period_start=head.period_start,
        period_end=head.period_end,
        query=head.query,
        source_url=head.source_url,
        papers=papers,
        diagnostics=head.diagnostics,
    )


def _structure(data: Any, cls: type[T], where: str = "") -> T:
    """``data`` as a ``cls``; a ``DecodeError`` (its message after ``where``) if it is none."""
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        details = (
            "; ".join(cattrs.transform_error(exc))
            if isinstance(exc, cattrs.BaseValidationError)
            else str(exc)
        )
        raise DecodeError(f"{where}not a valid {cls.__name__}: {details}") from exc


def _loads(text: str | bytes, where: str = "") -> Any:
    """The plain path's parse: the standard library's, with its BOM and UTF-16 handling."""
    try:
        return json.loads(text)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError alike
        raise DecodeError(f"{where}invalid JSON: {exc}") from exc


def _fast_loads(text: str | bytes) -> Any:
    """orjson's parse, or ``None`` (never a JSON value here) when it refuses the text."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # a BOM, UTF-16, a lone surrogate: the plain path
        return None


def from_json(text: str | bytes) -> Feed:
    """Read a feed written by ``to_json``; raise ``DecodeError`` if it is not one."""
    feed = _read_feed(_fast_loads(text))
    if feed is not None:
        return feed
    data = _loads(text)  # again: orjson reads integers past 64 bits as floats
    if isinstance(data, list):
        raise DecodeError(
            "a JSON array, not one feed (the CLI writes an array for several inputs): "
            "read each element, e.g. [from_json(json.dumps(f)) for f in json.loads(text)]"
        )
    return _structure(data, Feed)


def _read_line(line: str | bytes) -> Paper:
    papers = _read_papers([_fast_loads(line)])
    if papers is not None:
        return papers[0]
    return _structure(_loads(line), Paper)


def iter_jsonl(lines: Iterable[str | bytes]) -> Iterator[Paper]:
    """Read papers from JSON Lines one at a time, skipping blank lines."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield _read_line(line)
        except DecodeError as exc:
            raise DecodeError(f"line {lineno}: {exc}") from exc


def from_jsonl(text: str | bytes) -> tuple[Paper, ...]:
    """Read every paper of a JSON Lines document."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    return tuple(iter_jsonl(text.splitlines()))
