"""JSON and JSON Lines through cattrs.

Wire rules: keys in model field order, dates as ISO 8601 ``YYYY-MM-DD``, timestamps as
ISO 8601 with their UTC offset, enums as their string values, tuples as arrays, absent
values as ``null``. ``from_json(to_json(feed)) == feed`` for every feed.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import cattrs
import dateutil.parser
from cattrs.preconf.json import make_converter

from paperfeed._dataset import Provenance
from paperfeed._errors import DecodeError
from paperfeed._models import Feed, Paper
from paperfeed._write.provenance import provenance_keys, with_provenance

__all__ = ["converter", "from_json", "from_jsonl", "iter_jsonl", "to_json", "to_jsonl"]

T = TypeVar("T")


def _structure_datetime(value: Any, _type: object) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return dateutil.parser.isoparse(value)  # also takes the "Z" suffix Python 3.10 rejects


def _make_converter() -> cattrs.Converter:
    conv = make_converter()
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook(datetime.date, lambda v, _: datetime.date.fromisoformat(v))
    conv.register_unstructure_hook(datetime.datetime, datetime.datetime.isoformat)
    conv.register_structure_hook(datetime.datetime, _structure_datetime)
    return conv


converter = _make_converter()
"""The cattrs converter behind paperfeed's JSON; reuse it to embed models in your own."""


def _structure(data: Any, cls: type[T]) -> T:
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        details = (
            "; ".join(cattrs.transform_error(exc))
            if isinstance(exc, cattrs.BaseValidationError)
            else str(exc)
        )
        raise DecodeError(f"not a valid {cls.__name__}: {details}") from exc


def _loads(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError alike
        raise DecodeError(f"invalid JSON: {exc}") from exc


def to_json(feed: Feed, *, indent: int | None = 2) -> str:
    """Serialize a feed (papers, page facts and diagnostics) to a JSON document."""
    if not isinstance(feed, Feed):
        raise TypeError(
            f"to_json() takes a Feed, not {type(feed).__name__}; use to_jsonl() for papers"
        )
    return json.dumps(converter.unstructure(feed), indent=indent, ensure_ascii=False)


def from_json(text: str | bytes) -> Feed:
    """Read a feed written by ``to_json``; raise ``DecodeError`` if it is not one."""
    data = _loads(text)
    if isinstance(data, list):
        raise DecodeError(
            "a JSON array, not one feed (the CLI writes an array for several inputs): "
            "read each element, e.g. [from_json(json.dumps(f)) for f in json.loads(text)]"
        )
    return _structure(data, Feed)


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
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return "".join(json.dumps(converter.unstructure(p), ensure_ascii=False) + "\n" for p in papers)


def iter_jsonl(lines: Iterable[str | bytes]) -> Iterator[Paper]:
    """Read papers from JSON Lines one at a time, skipping blank lines."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield _structure(_loads(line), Paper)
        except DecodeError as exc:
            raise DecodeError(f"line {lineno}: {exc}") from exc


def from_jsonl(text: str | bytes) -> tuple[Paper, ...]:
    """Read every paper of a JSON Lines document."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    return tuple(iter_jsonl(text.splitlines()))
