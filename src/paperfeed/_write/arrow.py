"""Papers as an Arrow table with a fixed schema; Parquet files, pandas and polars frames.

Needs the ``arrow`` extra (``pip install "paperfeed[arrow]"``; ``to_polars`` also the
``polars`` one). pyarrow, pandas and polars are imported when a function needs them,
so ``import paperfeed`` works without them.

The schema (``arrow_schema()``), one row per paper, the columns of ``CSV_COLUMNS`` in
the same order; a column is nullable unless it says otherwise:

============== ======================= ====================================================
column         Arrow type              from ``Paper``
============== ======================= ====================================================
paper_id       string                  ``paper_id``: always a string, "2609.31620"
title          string, not null        ``title``
abstract       string                  ``abstract``
authors_count  int64                   ``authors.count``; null when ``authors`` is ``None``
author_names   list<string>            ``authors.names``; null when ``authors`` is ``None``
organization   string                  ``organization``
published      date32                  ``published``
published_text string                  ``published_text``
year_inferred  bool, not null          ``year_inferred``
comments       int64                   ``comments``
upvotes        int64                   ``upvotes``
submitted_by   string                  ``submitted_by``
featured_at    timestamp[us, tz=UTC]   ``featured_at``, the same instant in UTC
github_repo    string                  ``github_repo``
github_stars   int64                   ``github_stars``
project_page   string                  ``project_page``
ai_summary     string                  ``ai_summary``
ai_keywords    list<string>, not null  ``ai_keywords``
============== ======================= ====================================================

Lists hold non-null strings, their item field named ``element`` as Parquet names it.
``from_arrow(to_arrow(papers)) == papers`` for every tuple of papers whose counts fit
int64; ``featured_at`` comes back in UTC (``datetime.timezone.utc``), the same instant.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, BinaryIO

from paperfeed._errors import DecodeError
from paperfeed._models import AuthorCount, Feed, Paper
from paperfeed._write.csv import _INT_FIELDS, _STR_FIELDS  # the Paper fields kept as they are

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

__all__ = [
    "arrow_schema",
    "from_arrow",
    "read_parquet",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "write_parquet",
]

_UTC = datetime.timezone.utc
_INT64_MAX = 2**63 - 1


def _require(module: str, extra: str, caller: str) -> Any:
    """Import ``module`` or say which extra to install."""
    try:
        return __import__(module)
    except ImportError as exc:
        raise ImportError(
            f"paperfeed.{caller}() needs {module}: pip install 'paperfeed[{extra}]'"
        ) from exc


def _pa(caller: str) -> Any:
    return _require("pyarrow", "arrow", caller)


def arrow_schema() -> pyarrow.Schema:
    """The fixed schema of ``to_arrow``'s tables (see the module's documentation)."""
    pa = _pa("arrow_schema")
    text, count, names = pa.string(), pa.int64(), pa.list_(pa.field("element", pa.string(), False))
    return pa.schema(
        [
            pa.field("paper_id", text),
            pa.field("title", text, nullable=False),
            pa.field("abstract", text),
            pa.field("authors_count", count),
            pa.field("author_names", names),
            pa.field("organization", text),
            pa.field("published", pa.date32()),
            pa.field("published_text", text),
            pa.field("year_inferred", pa.bool_(), nullable=False),
            pa.field("comments", count),
            pa.field("upvotes", count),
            pa.field("submitted_by", text),
            pa.field("featured_at", pa.timestamp("us", tz="UTC")),
            pa.field("github_repo", text),
            pa.field("github_stars", count),
            pa.field("project_page", text),
            pa.field("ai_summary", text),
            pa.field("ai_keywords", names, nullable=False),
        ]
    )


def _papers(papers: Feed | Iterable[Paper]) -> list[Paper]:
    items = list(papers.papers if isinstance(papers, Feed) else papers)
    for item in items:
        if not isinstance(item, Paper):
            raise TypeError(f"expected a Feed or papers, got a {type(item).__name__} among them")
    return items


def _count(value: int | None, name: str) -> int | None:
    if value is not None and value > _INT64_MAX:
        raise ValueError(f"{name} {value} does not fit Arrow's int64")
    return value


def to_arrow(papers: Feed | Iterable[Paper]) -> pyarrow.Table:
    """A ``pyarrow.Table`` of the papers (of a feed), one row each, with ``arrow_schema()``."""
    pa = _pa("to_arrow")
    items = _papers(papers)
    columns: dict[str, list[Any]] = {
        name: [getattr(p, name) for p in items] for name in _STR_FIELDS
    }
    for name in _INT_FIELDS:
        columns[name] = [_count(getattr(p, name), name) for p in items]
    columns["authors_count"] = [
        None if p.authors is None else _count(p.authors.count, "authors_count") for p in items
    ]
    columns["author_names"] = [None if p.authors is None else p.authors.names for p in items]
    columns["published"] = [p.published for p in items]
    columns["year_inferred"] = [p.year_inferred for p in items]
    columns["featured_at"] = [p.featured_at for p in items]  # aware: stored as UTC
    columns["ai_keywords"] = [p.ai_keywords for p in items]
    schema = arrow_schema()
    arrays = [pa.array(columns[field.name], type=field.type) for field in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=_UTC)
_EPOCH_DAY = datetime.date(1970, 1, 1).toordinal()


def _column(column: pyarrow.ChunkedArray, name: str) -> list[Any]:
    """A column's values as Python objects, as ``Paper`` holds them."""
    pa = _pa("from_arrow")
    if name == "featured_at":  # microseconds since the epoch, to datetime.timezone.utc
        micros = column.cast(pa.int64()).to_pylist()
        return [None if v is None else _EPOCH + datetime.timedelta(microseconds=v) for v in micros]
    if name == "published":  # days since the epoch
        days = column.cast(pa.int32()).to_pylist()
        return [None if d is None else datetime.date.fromordinal(_EPOCH_DAY + d) for d in days]
    if name in ("author_names", "ai_keywords"):  # one flat list of names, cut by offsets
        values: list[Any] = []
        for chunk in column.chunks:
            items = chunk.flatten().to_pylist()
            offsets = chunk.offsets.to_pylist()
            start = offsets[0]
            values += [
                None if null else tuple(items[a - start : b - start])
                for a, b, null in zip(offsets, offsets[1:], chunk.is_null().to_pylist())
            ]
        return values
    return column.to_pylist()  # type: ignore[no-any-return]


def from_arrow(table: pyarrow.Table) -> tuple[Paper, ...]:
    """Papers from a table of ``arrow_schema()``'s columns, as ``to_arrow`` writes them.

    Columns may be missing (but ``title``) or extra (ignored); one of another type is
    cast to the schema's. Raises ``DecodeError`` when a column cannot be cast or a row
    is not a valid paper.
    """
    pa = _pa("from_arrow")
    schema = arrow_schema()
    if "title" not in table.column_names:
        raise DecodeError("not a table of papers: no 'title' column")
    present = [field for field in schema if field.name in table.column_names]
    try:
        # Nullability is checked by the models below, with a better message.
        wanted = pa.schema([field.with_nullable(True) for field in present])
        cast = table.select([field.name for field in present]).cast(wanted)
        # Column by column, timestamps, dates and lists by hand: half the time in all
        # that Table.to_pylist() took.
        columns = {field.name: _column(cast.column(field.name), field.name) for field in present}
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
        raise DecodeError(f"a column does not fit paperfeed's Arrow schema: {exc}") from exc
    except OverflowError as exc:  # a date or timestamp past Python's year 9999
        raise DecodeError(f"a date or timestamp out of Python's range: {exc}") from exc
    absent = [None] * table.num_rows
    counts, names = columns.pop("authors_count", absent), columns.pop("author_names", absent)
    if "year_inferred" in columns:  # a null there (the schema has none) is False
        columns["year_inferred"] = [bool(value) for value in columns["year_inferred"]]
    if "ai_keywords" in columns:
        columns["ai_keywords"] = [value or () for value in columns["ai_keywords"]]
    fields = list(columns)
    papers = []
    for index, (count, author_names, *values) in enumerate(zip(counts, names, *columns.values())):
        try:
            if count is None and author_names:
                raise ValueError("author_names without authors_count")
            authors = None if count is None else AuthorCount(count, author_names or ())
            papers.append(Paper(authors=authors, **dict(zip(fields, values))))
        except (TypeError, ValueError) as exc:
            raise DecodeError(f"row {index}: not a valid Paper: {exc}") from exc
    return tuple(papers)


def write_parquet(
    papers: Feed | Iterable[Paper],
    where: str | os.PathLike[str] | BinaryIO,
    **options: Any,
) -> None:
    """Write the papers to a Parquet file (``to_arrow``'s table); ``options`` go to pyarrow.

    ``compression`` defaults to ``"zstd"``; any other ``pyarrow.parquet.write_table``
    keyword may be given.
    """
    _pa("write_parquet")
    import pyarrow.parquet as pq

    options.setdefault("compression", "zstd")
    pq.write_table(to_arrow(papers), where, **options)


def read_parquet(where: str | os.PathLike[str] | BinaryIO) -> tuple[Paper, ...]:
    """Read papers from a Parquet file that ``write_parquet`` (or anything of its schema) wrote."""
    _pa("read_parquet")
    import pyarrow.parquet as pq

    return from_arrow(pq.read_table(where))


def to_pandas(papers: Feed | Iterable[Paper]) -> pandas.DataFrame:
    """A pandas DataFrame of ``to_arrow``'s table with nullable dtypes.

    Text columns (``paper_id`` too) are ``string``, counts ``Int64``, ``year_inferred``
    ``boolean``, ``featured_at`` ``datetime64[us, UTC]``, ``published`` Python dates,
    lists as arrays: what ``pandas.read_parquet(path, dtype_backend="numpy_nullable")``
    reads from ``write_parquet``'s file.
    """
    pa = _pa("to_pandas")
    pd = _require("pandas", "arrow", "to_pandas")
    dtypes = {
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.string(): pd.StringDtype(),
    }
    return to_arrow(papers).to_pandas(types_mapper=dtypes.get)


def to_polars(papers: Feed | Iterable[Paper]) -> polars.DataFrame:
    """A polars DataFrame of ``to_arrow``'s table (``paper_id`` a ``String`` column)."""
    table = to_arrow(papers)
    pl = _require("polars", "polars", "to_polars")
    frame: polars.DataFrame = pl.from_arrow(table)
    return frame
