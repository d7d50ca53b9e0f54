"""Parse saved Hugging Face Daily Papers listings into typed models, and back out."""

from ._dataset import Dataset, Provenance, Record, Sighting
from ._errors import DecodeError, PaperfeedError, ParseError
from ._merge import merge
from ._models import AuthorCount, Diagnostic, Feed, PageKind, Paper, Severity
from ._read.apijson import parse_api_json
from ._read.detect import detect_format, parse_file
from ._read.html import parse_html
from ._read.markdown import parse_markdown
from ._read.text import PaperStream, iter_papers, parse_text
from ._render.html import render_html
from ._render.markdown import render_markdown
from ._render.text import render_text
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
from ._write.csv import CSV_COLUMNS, from_csv, to_csv
from ._write.dataset import (
    DATASET_COLUMNS,
    dataset_from_csv,
    dataset_from_json,
    dataset_from_jsonl,
    dataset_to_csv,
    dataset_to_json,
    dataset_to_jsonl,
)
from ._write.json import from_json, from_jsonl, iter_jsonl, to_json, to_jsonl
from ._write.provenance import PROVENANCE_COLUMNS

__all__ = [
    "CSV_COLUMNS",
    "DATASET_COLUMNS",
    "PROVENANCE_COLUMNS",
    "AuthorCount",
    "Dataset",
    "DecodeError",
    "Diagnostic",
    "Feed",
    "PageKind",
    "Paper",
    "PaperStream",
    "PaperfeedError",
    "ParseError",
    "Provenance",
    "Record",
    "Severity",
    "Sighting",
    "__version__",
    "arrow_schema",
    "dataset_from_csv",
    "dataset_from_json",
    "dataset_from_jsonl",
    "dataset_to_csv",
    "dataset_to_json",
    "dataset_to_jsonl",
    "detect_format",
    "from_arrow",
    "from_csv",
    "from_json",
    "from_jsonl",
    "iter_jsonl",
    "iter_papers",
    "merge",
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
