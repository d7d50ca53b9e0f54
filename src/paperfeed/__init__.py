"""Parse saved Hugging Face Daily Papers listings into typed models, and back out."""

from ._apijson import parse_api_json
from ._csv import CSV_COLUMNS, from_csv, to_csv
from ._detect import detect_format, parse_file
from ._errors import DecodeError, PaperfeedError, ParseError
from ._html import parse_html
from ._json import from_json, from_jsonl, iter_jsonl, to_json, to_jsonl
from ._markdown import parse_markdown
from ._models import AuthorCount, Diagnostic, Feed, PageKind, Paper, Severity
from ._render import render_text
from ._render_html import render_html
from ._render_markdown import render_markdown
from ._text import PaperStream, iter_papers, parse_text
from ._version import __version__
from ._write.arrow import (
    arrow_schema,
    from_arrow,
    read_parquet,
    to_arrow,
    to_pandas,
    to_polars,
    write_parquet,
)

__all__ = [
    "CSV_COLUMNS",
    "AuthorCount",
    "DecodeError",
    "Diagnostic",
    "Feed",
    "PageKind",
    "Paper",
    "PaperStream",
    "PaperfeedError",
    "ParseError",
    "Severity",
    "__version__",
    "arrow_schema",
    "detect_format",
    "from_arrow",
    "from_csv",
    "from_json",
    "from_jsonl",
    "iter_jsonl",
    "iter_papers",
    "parse_api_json",
    "parse_file",
    "parse_html",
    "parse_markdown",
    "parse_text",
    "read_parquet",
    "render_html",
    "render_markdown",
    "render_text",
    "to_arrow",
    "to_csv",
    "to_json",
    "to_jsonl",
    "to_pandas",
    "to_polars",
    "write_parquet",
]
