"""Arrow tables, Parquet files, pandas and polars frames, and pandas reading the CSV."""

from __future__ import annotations

import builtins
import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import paperfeed
from paperfeed import AuthorCount, Feed, Paper
from paperfeed import strategies as ps
from paperfeed.cli import main

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

EXAMPLES = Path(__file__).parents[1] / "examples"
DAILY = EXAMPLES / "daily-papers-2026-09-28.html"
UTC = datetime.timezone.utc

# Written out from the schema the module documents, not read from the code.
SCHEMA_TYPES = {
    "paper_id": "string",
    "title": "string",
    "abstract": "string",
    "authors_count": "int64",
    "author_names": "list<element: string not null>",
    "organization": "string",
    "published": "date32[day]",
    "published_text": "string",
    "year_inferred": "bool",
    "comments": "int64",
    "upvotes": "int64",
    "submitted_by": "string",
    "featured_at": "timestamp[us, tz=UTC]",
    "github_repo": "string",
    "github_stars": "int64",
    "project_page": "string",
    "ai_summary": "string",
    "ai_keywords": "list<element: string not null>",
}
RICH = Paper(
    "Zoë",
    abstract="",
    authors=AuthorCount(3, ("A", "B")),
    published=datetime.date(2024, 2, 29),
    published_text="Feb 29",
    year_inferred=True,
    comments=0,
    upvotes=7,
    paper_id="2609.31620",
    featured_at=datetime.datetime(
        2024, 3, 1, 8, 30, 0, 123, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))
    ),
    github_stars=2**40,
    ai_keywords=("x",),
)
PAPERS = (RICH, Paper("0"), Paper("t", authors=AuthorCount(0)))


def test_the_schema_is_fixed() -> None:
    table = paperfeed.to_arrow(PAPERS)
    assert table.schema == paperfeed.arrow_schema()
    assert {f.name: str(f.type) for f in table.schema} == SCHEMA_TYPES
    assert tuple(table.column_names) == paperfeed.CSV_COLUMNS  # the CSV's columns, in order
    nullable = {f.name for f in table.schema if f.nullable}
    assert set(SCHEMA_TYPES) - nullable == {"title", "year_inferred", "ai_keywords"}
    empty = paperfeed.to_arrow([])
    assert empty.num_rows == 0
    assert empty.schema == table.schema


def test_values_in_the_table() -> None:
    table = paperfeed.to_arrow(Feed(reference=datetime.date(2024, 3, 2), papers=PAPERS))
    rows = table.to_pylist()
    assert rows[0]["paper_id"] == "2609.31620"
    assert rows[0]["authors_count"] == 3
    assert rows[0]["author_names"] == ["A", "B"]
    assert rows[0]["featured_at"] == datetime.datetime(2024, 3, 1, 13, 30, 0, 123, tzinfo=UTC)
    assert rows[1]["authors_count"] is None
    assert rows[1]["author_names"] is None
    assert rows[1]["ai_keywords"] == []
    assert rows[2]["authors_count"] == 0
    assert rows[2]["author_names"] == []


@given(ps.feeds())
def test_arrow_round_trip(feed: Feed) -> None:
    back = paperfeed.from_arrow(paperfeed.to_arrow(feed))
    assert back == feed.papers
    for paper in back:
        assert paper.featured_at is None or paper.featured_at.tzinfo is UTC


def test_parquet_round_trip_through_pyarrow_and_pandas(tmp_path: Path) -> None:
    papers = (*PAPERS, *paperfeed.parse_file(DAILY).papers)
    path = tmp_path / "papers.parquet"
    paperfeed.write_parquet(papers, path)
    assert paperfeed.read_parquet(path) == papers
    table = pq.read_table(path)
    assert table.schema.equals(paperfeed.arrow_schema())  # nothing changed by the file
    assert paperfeed.from_arrow(table) == papers
    # pandas, with nullable dtypes: the same frame as to_pandas, ids strings, ints ints.
    frame = pd.read_parquet(path, dtype_backend="numpy_nullable")
    pd.testing.assert_frame_equal(frame, paperfeed.to_pandas(papers))
    assert frame["paper_id"].iloc[0] == "2609.31620"
    assert str(frame["paper_id"].dtype) == "string"
    assert str(frame["github_stars"].dtype) == "Int64"
    assert frame["github_stars"].iloc[0] == 2**40
    assert pd.isna(frame["upvotes"].iloc[1])
    assert str(frame["featured_at"].dtype) == "datetime64[us, UTC]"
    assert frame["published"].iloc[0] == datetime.date(2024, 2, 29)
    # ... and back from the frame to the very papers.
    assert paperfeed.from_arrow(pa.Table.from_pandas(frame)) == papers


def test_slices_and_chunks_read_right() -> None:
    table = paperfeed.to_arrow(PAPERS)
    assert paperfeed.from_arrow(table.slice(1, 2)) == PAPERS[1:]
    assert paperfeed.from_arrow(table.slice(2)) == PAPERS[2:]
    chunked = pa.concat_tables([table.slice(2), table.slice(0, 1), table])
    assert chunked.column("author_names").num_chunks == 3
    assert paperfeed.from_arrow(chunked) == (PAPERS[2], PAPERS[0], *PAPERS)


def test_to_polars_keeps_ids_as_strings() -> None:
    pl = pytest.importorskip("polars")
    frame = paperfeed.to_polars(PAPERS)
    assert frame.schema["paper_id"] == pl.String
    assert frame.schema["upvotes"] == pl.Int64
    assert frame["paper_id"][0] == "2609.31620"
    assert paperfeed.from_arrow(frame.to_arrow()) == PAPERS


def test_counts_past_int64_are_refused() -> None:
    with pytest.raises(ValueError, match=r"upvotes \d+ does not fit Arrow.s int64"):
        paperfeed.to_arrow([Paper("t", upvotes=2**63)])


def test_from_arrow_errors_and_leniency() -> None:
    with pytest.raises(paperfeed.DecodeError, match="no 'title' column"):
        paperfeed.from_arrow(pa.table({"paper_id": ["1"]}))
    with pytest.raises(paperfeed.DecodeError, match="row 0: not a valid Paper"):
        paperfeed.from_arrow(pa.table({"title": [" "]}))
    with pytest.raises(paperfeed.DecodeError, match="row 1: not a valid Paper"):
        paperfeed.from_arrow(pa.table({"title": ["a", "b"], "upvotes": [1, -1]}))
    with pytest.raises(paperfeed.DecodeError, match="does not fit"):
        paperfeed.from_arrow(pa.table({"title": ["a"], "published": ["not a date"]}))
    far = pa.array([2**62], pa.int64()).cast(pa.timestamp("us", tz="UTC"))
    with pytest.raises(paperfeed.DecodeError, match="out of Python's range"):
        paperfeed.from_arrow(pa.table({"title": ["a"], "featured_at": far}))
    # Missing columns take the defaults, extra ones are ignored, castable ones are cast.
    table = pa.table({"title": ["a"], "source": ["x.html"], "upvotes": pa.array([3], pa.int32())})
    assert paperfeed.from_arrow(table) == (Paper("a", upvotes=3),)


def test_missing_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("pyarrow", "polars", "pandas"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(ImportError, match=r"pip install 'paperfeed\[arrow\]'"):
        paperfeed.to_arrow(PAPERS)
    with pytest.raises(ImportError, match=r"pip install 'paperfeed\[arrow\]'"):
        paperfeed.to_pandas(PAPERS)


def test_cli_writes_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "papers.parquet"
    assert main([str(DAILY), "--format", "parquet", "-o", str(out), "-q"]) == 0
    assert paperfeed.read_parquet(out) == paperfeed.parse_file(DAILY).papers
    with pytest.raises(SystemExit) as exit_info:
        main([str(DAILY), "--format", "parquet"])
    assert exit_info.value.code == 2
    assert "--format parquet writes a file: give -o FILE" in capsys.readouterr().err


def test_cli_parquet_without_the_extra(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None)
    out = tmp_path / "papers.parquet"
    assert main([str(DAILY), "--format", "parquet", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == "paperfeed: --format parquet needs pyarrow: pip install 'paperfeed[arrow]'\n"
    assert not out.exists()


# -- pandas reading paperfeed's CSV (the dtypes docs/usage.md gives) ----------------------

CSV_DTYPES = dict.fromkeys(paperfeed.CSV_COLUMNS, "string") | {
    "authors_count": "Int64",
    "comments": "Int64",
    "upvotes": "Int64",
    "github_stars": "Int64",
    "year_inferred": "boolean",
}


def test_pandas_reads_the_csv_with_the_documented_dtypes() -> None:
    papers = [
        Paper("NA", paper_id="2609.31620", submitted_by="null", comments=0),
        Paper("1e5", paper_id="2401.10000", upvotes=12, authors=AuthorCount(2, ["A"])),
    ]
    text = paperfeed.to_csv(papers)
    naive = pd.read_csv(io.StringIO(text))
    assert naive["paper_id"].iloc[0] == pytest.approx(2609.3162)  # the problem: a float
    frame = pd.read_csv(io.StringIO(text), dtype=CSV_DTYPES, keep_default_na=False, na_values=[""])
    assert list(frame["paper_id"]) == ["2609.31620", "2401.10000"]
    assert list(frame["title"]) == ["NA", "1e5"]
    assert frame["submitted_by"].iloc[0] == "null"
    assert frame["comments"].iloc[0] == 0
    assert pd.isna(frame["comments"].iloc[1])
    assert frame["upvotes"].iloc[1] == 12
    assert not frame["year_inferred"].iloc[0]
    assert json.loads(frame["author_names"].iloc[1]) == ["A"]
    assert str(frame["authors_count"].dtype) == "Int64"
