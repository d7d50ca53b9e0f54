"""Provenance as flat keys and columns: which capture and page each written row came from.

JSON Lines rows and CSV rows gain ``PROVENANCE_COLUMNS`` after the paper's own: the
source name, the page kind and date, the page URL and the capture date (ISO 8601, empty
or ``null`` when unknown). Readers of papers ignore them, so round trips stay lossless.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from paperfeed._dataset import Provenance

__all__ = [
    "PROVENANCE_COLUMNS",
    "provenance_cells",
    "provenance_keys",
    "read_provenance",
    "with_provenance",
]

T = TypeVar("T")

PROVENANCE_COLUMNS = ("source", "page_kind", "page_date", "page_url", "captured")
"""Keys (JSON Lines) and columns (CSV) a row's provenance adds, in this order."""


def provenance_keys(provenance: Provenance) -> dict[str, str | None]:
    """The provenance as JSON-ready keys: strings, ISO dates or ``None``."""

    def day(value: datetime.date | None) -> str | None:
        return None if value is None else value.isoformat()

    kind = provenance.page_kind
    return {
        "source": provenance.source,
        "page_kind": None if kind is None else kind.value,
        "page_date": day(provenance.page_date),
        "page_url": provenance.page_url,
        "captured": day(provenance.captured),
    }


def provenance_cells(provenance: Provenance, text: Callable[[str | None], str]) -> list[str]:
    """The provenance as CSV cells; ``text`` escapes a string cell as the CSV writer does."""
    return [
        text(value) if name in ("source", "page_url") else (value or "")
        for name, value in provenance_keys(provenance).items()
    ]


def read_provenance(row: Mapping[str, Any], text: Callable[[str], str | None]) -> Provenance:
    """Read provenance keys back from a JSON object or a CSV row (``text`` unescapes cells)."""

    def cell(name: str) -> str | None:
        value = row.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, not {type(value).__name__}")
        return value

    def day(name: str) -> datetime.date | None:
        value = cell(name)
        return None if value is None else datetime.date.fromisoformat(value)

    source, url = cell("source"), cell("page_url")
    return Provenance(
        source=None if source is None else text(source),
        page_kind=cell("page_kind"),
        page_date=day("page_date"),
        page_url=None if url is None else text(url),
        captured=day("captured"),
    )


def with_provenance(
    items: Iterable[T], provenance: Provenance | Iterable[Provenance]
) -> Iterator[tuple[T, Provenance]]:
    """Pair each item with its provenance: the one given, or the next of an iterable."""
    if isinstance(provenance, Provenance):
        return zip(items, itertools.repeat(provenance))
    return _strict_zip(items, provenance)


def _strict_zip(
    items: Iterable[T], provenance: Iterable[Provenance]
) -> Iterator[tuple[T, Provenance]]:
    marks = iter(provenance)
    for item in items:
        mark = next(marks, None)
        if mark is None:
            raise ValueError("fewer provenance entries than papers")
        if not isinstance(mark, Provenance):
            raise TypeError(f"provenance entries must be Provenance, not {type(mark).__name__}")
        yield item, mark
    if next(marks, None) is not None:
        raise ValueError("more provenance entries than papers")
