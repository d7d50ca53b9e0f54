"""CSV through the standard ``csv`` module: one row per paper, lossless.

Columns (stable, in this order): ``CSV_COLUMNS``. Cell rules, all undone by ``from_csv``:

- an absent value (``None``) is an empty cell; an empty string is a lone ``'``;
- a cell that would start with ``= + - @``, tab or CR gets a leading ``'`` so spreadsheets
  do not run it as a formula (OWASP CSV injection); a value that itself starts with ``'``
  gets one more, so the rule "drop one leading ``'``" always restores the value;
- lists (author names, keywords) are JSON arrays; dates and timestamps are ISO 8601;
  booleans are ``true``/``false``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from paperfeed._dataset import Provenance
from paperfeed._errors import DecodeError
from paperfeed._models import AuthorCount, Feed, Paper
from paperfeed._write.json import _structure_datetime
from paperfeed._write.provenance import PROVENANCE_COLUMNS, provenance_cells, with_provenance

__all__ = ["CSV_COLUMNS", "from_csv", "read_rows", "to_csv", "unescape", "write_rows"]

CSV_COLUMNS = (
    "paper_id",
    "title",
    "abstract",
    "authors_count",
    "author_names",
    "organization",
    "published",
    "published_text",
    "year_inferred",
    "comments",
    "upvotes",
    "submitted_by",
    "featured_at",
    "github_repo",
    "github_stars",
    "project_page",
    "ai_summary",
    "ai_keywords",
)
"""The CSV header, in order; new columns are only ever appended."""

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "'")
_INT_FIELDS = ("comments", "upvotes", "github_stars")
_STR_FIELDS = (
    "paper_id",
    "title",
    "abstract",
    "organization",
    "published_text",
    "submitted_by",
    "github_repo",
    "project_page",
    "ai_summary",
)


def _escape(value: str, neutralize: bool) -> str:
    if not value:
        return "'"
    if value[0] == "'" or (neutralize and value.startswith(_DANGEROUS)):
        return "'" + value
    return value


def unescape(cell: str) -> str | None:
    """Undo ``_escape``: an empty cell is ``None``, a leading ``'`` is dropped."""
    if not cell:
        return None
    return cell[1:] if cell[0] == "'" else cell


def _row(paper: Paper, neutralize: bool) -> list[str]:
    def text(value: str | None) -> str:
        return "" if value is None else _escape(value, neutralize)

    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    authors = paper.authors
    return [
        text(paper.paper_id),
        text(paper.title),
        text(paper.abstract),
        "" if authors is None else str(authors.count),
        json.dumps(list(authors.names), ensure_ascii=False) if authors and authors.names else "",
        text(paper.organization),
        "" if paper.published is None else paper.published.isoformat(),
        text(paper.published_text),
        "true" if paper.year_inferred else "false",
        number(paper.comments),
        number(paper.upvotes),
        text(paper.submitted_by),
        "" if paper.featured_at is None else paper.featured_at.isoformat(),
        text(paper.github_repo),
        number(paper.github_stars),
        text(paper.project_page),
        text(paper.ai_summary),
        json.dumps(list(paper.ai_keywords), ensure_ascii=False) if paper.ai_keywords else "",
    ]


def to_csv(
    papers: Feed | Iterable[Paper],
    *,
    bom: bool = False,
    neutralize: bool = True,
    provenance: Provenance | Iterable[Provenance] | None = None,
) -> str:
    """Write papers as CSV with the ``CSV_COLUMNS`` header.

    ``bom=True`` starts the text with a UTF-8 BOM so Excel reads it as UTF-8;
    ``neutralize=False`` leaves formula-like cells as they are; ``provenance`` (one for
    all papers, or one per paper) appends the ``PROVENANCE_COLUMNS``.
    Write the result to a file opened with ``newline=""``.
    """
    if isinstance(papers, Feed):
        papers = papers.papers
    if provenance is None:
        return write_rows(CSV_COLUMNS, (_row(p, neutralize) for p in papers), bom)

    def text(value: str | None) -> str:
        return "" if value is None else _escape(value, neutralize)

    rows = (
        _row(p, neutralize) + provenance_cells(mark, text)
        for p, mark in with_provenance(papers, provenance)
    )
    return write_rows(CSV_COLUMNS + PROVENANCE_COLUMNS, rows, bom)


def write_rows(header: Iterable[str], rows: Iterable[list[str]], bom: bool) -> str:
    """CSV text of a header and rows of cells already escaped."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _convert(cell: str, parse: Callable[[str], Any]) -> Any:
    return None if cell == "" else parse(cell)


def _bool(cell: str) -> bool:
    if cell not in ("true", "false", ""):
        raise ValueError(f"expected true or false, got {cell!r}")
    return cell == "true"


def _paper(row: dict[str, str]) -> Paper:
    fields: dict[str, Any] = {name: unescape(row.get(name) or "") for name in _STR_FIELDS}
    for name in _INT_FIELDS:
        fields[name] = _convert(row.get(name) or "", int)
    count = _convert(row.get("authors_count") or "", int)
    names = _convert(row.get("author_names") or "", json.loads) or ()
    fields["authors"] = None if count is None else AuthorCount(count, names)
    fields["published"] = _convert(row.get("published") or "", datetime.date.fromisoformat)
    fields["year_inferred"] = _bool(row.get("year_inferred") or "")
    fields["featured_at"] = _convert(
        row.get("featured_at") or "", lambda v: _structure_datetime(v, datetime.datetime)
    )
    fields["ai_keywords"] = _convert(row.get("ai_keywords") or "", json.loads) or ()
    if fields["title"] is None:
        raise ValueError("title is empty")
    return Paper(**fields)


def from_csv(text: str | bytes) -> tuple[Paper, ...]:
    """Read papers written by ``to_csv`` (a BOM and extra columns are fine)."""
    return tuple(paper for paper, _row in read_rows(text))


def read_rows(
    text: str | bytes, extra: Callable[[dict[str, str]], Any] | None = None
) -> Iterator[tuple[Paper, Any]]:
    """Read each row's paper, and what ``extra`` reads from the same row (else the row)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    text = text.removeprefix("\ufeff")
    # The csv module caps a cell at 128 KiB by default, a process-wide setting: lift it
    # to this text's size for the duration of the read only.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        if reader.fieldnames is None or "title" not in reader.fieldnames:
            raise DecodeError("not a paperfeed CSV: no header with a 'title' column")
        for row in reader:
            try:
                yield _paper(row), row if extra is None else extra(row)
            except (ValueError, TypeError, KeyError) as exc:
                raise DecodeError(f"CSV line {reader.line_num}: {exc}") from exc
    except csv.Error as exc:
        raise DecodeError(f"malformed CSV: {exc}") from exc
    finally:
        csv.field_size_limit(limit)
