"""JSON, JSON Lines and CSV: round trips, wire format, CSV injection, BOM."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest

import paperfeed
from paperfeed import AuthorCount, Diagnostic, Feed, PageKind, Paper, Severity

UTC = datetime.timezone.utc
SEED = Path(__file__).parent / "data" / "text" / "seed-search-2025-12-12.txt"

RICH = Paper(
    title='A "quoted", comma, title\nwith a newline',
    abstract="",
    authors=AuthorCount(3, ("Zoë Ångström", 'O\'Neil, "Jr."')),
    organization='=HYPERLINK("http://evil")',
    published=datetime.date(2024, 2, 29),
    published_text="Feb 29",
    year_inferred=True,
    comments=0,
    upvotes=0,
    paper_id="2402.01234",
    submitted_by="@user",
    featured_at=datetime.datetime(
        2024, 3, 1, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))
    ),
    github_repo="https://github.com/a/b",
    github_stars=12,
    project_page="-cmd",
    ai_summary="+1 great\r\n",
    ai_keywords=("LLM", "'quoted", "\ttab"),
)
SPARSE = Paper(title="0")
FEED = Feed(
    reference=datetime.date(2024, 3, 2),
    date=datetime.date(2024, 3, 1),
    kind=PageKind.SEARCH,
    period_start=datetime.date(2024, 3, 1),
    period_end=datetime.date(2024, 3, 1),
    query="rag",
    source_url="https://huggingface.co/papers?q=rag",
    papers=(RICH, SPARSE),
    diagnostics=(Diagnostic("unknown-line", Severity.ERROR, "junk", 7, 3, "  junk"),),
)


def test_json_round_trip_keeps_everything() -> None:
    assert paperfeed.from_json(paperfeed.to_json(FEED)) == FEED
    seed = paperfeed.parse_text(
        SEED.read_text(encoding="utf-8"), reference=datetime.date(2025, 12, 20)
    )
    assert paperfeed.from_json(paperfeed.to_json(seed)) == seed


def test_json_wire_format() -> None:
    data = json.loads(paperfeed.to_json(FEED))
    assert list(data) == [
        "reference",
        "date",
        "kind",
        "period_start",
        "period_end",
        "query",
        "source_url",
        "papers",
        "diagnostics",
    ]
    assert data["reference"] == "2024-03-02"
    assert data["kind"] == "search"
    paper = data["papers"][0]
    assert paper["published"] == "2024-02-29"
    assert paper["featured_at"] == "2024-03-01T08:30:00-05:00"
    assert paper["authors"] == {"count": 3, "names": ["Zoë Ångström", 'O\'Neil, "Jr."']}
    assert data["papers"][1]["abstract"] is None
    assert data["diagnostics"][0] == {
        "code": "unknown-line",
        "severity": "error",
        "message": "junk",
        "line": 7,
        "column": 3,
        "text": "  junk",
    }


def test_json_reads_z_timestamps_and_rejects_bad_input() -> None:
    data = json.loads(paperfeed.to_json(FEED))
    data["papers"][0]["featured_at"] = "2024-03-01T13:30:00Z"
    feed = paperfeed.from_json(json.dumps(data))
    assert feed.papers[0].featured_at == datetime.datetime(2024, 3, 1, 13, 30, tzinfo=UTC)
    with pytest.raises(paperfeed.DecodeError, match="invalid JSON"):
        paperfeed.from_json("{")
    data["papers"][0]["upvotes"] = -1
    with pytest.raises(paperfeed.DecodeError):
        paperfeed.from_json(json.dumps(data))
    assert issubclass(paperfeed.DecodeError, paperfeed.PaperfeedError)


def test_jsonl_one_paper_per_line() -> None:
    text = paperfeed.to_jsonl(FEED)
    lines = text.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[1])["title"] == "0"
    assert paperfeed.from_jsonl(text) == FEED.papers
    assert paperfeed.from_jsonl(text.encode()) == FEED.papers
    assert list(paperfeed.iter_jsonl(io.StringIO(text + "\n"))) == list(FEED.papers)
    with pytest.raises(paperfeed.DecodeError, match="line 2"):
        paperfeed.from_jsonl(lines[0] + "\n{}\n")


def test_csv_round_trip_is_lossless() -> None:
    assert paperfeed.from_csv(paperfeed.to_csv(FEED)) == FEED.papers
    assert paperfeed.from_csv(paperfeed.to_csv(FEED, neutralize=False)) == FEED.papers
    assert paperfeed.from_csv(paperfeed.to_csv(FEED, bom=True).encode()) == FEED.papers


def test_csv_header_and_cells() -> None:
    rows = list(csv.reader(io.StringIO(paperfeed.to_csv(FEED), newline="")))
    assert tuple(rows[0]) == paperfeed.CSV_COLUMNS
    assert rows[0][:4] == ["paper_id", "title", "abstract", "authors_count"]
    rich = dict(zip(rows[0], rows[1]))
    sparse = dict(zip(rows[0], rows[2]))
    # Formula-like cells are neutralized with a leading apostrophe.
    assert rich["organization"] == '\'=HYPERLINK("http://evil")'
    assert rich["submitted_by"] == "'@user"
    assert rich["project_page"] == "'-cmd"
    assert rich["ai_summary"] == "'+1 great\r\n"
    # An empty string and an absent value stay apart.
    assert rich["abstract"] == "'"
    assert sparse["abstract"] == ""
    assert rich["author_names"] == '["Zoë Ångström", "O\'Neil, \\"Jr.\\""]'
    assert rich["year_inferred"] == "true"
    assert sparse["authors_count"] == ""
    assert sparse["title"] == "0"


def test_csv_without_neutralizing() -> None:
    rows = list(csv.reader(io.StringIO(paperfeed.to_csv(FEED, neutralize=False), newline="")))
    assert dict(zip(rows[0], rows[1]))["organization"] == '=HYPERLINK("http://evil")'


def test_csv_bom() -> None:
    assert paperfeed.to_csv(FEED, bom=True).startswith("\ufeffpaper_id,")
    assert not paperfeed.to_csv(FEED).startswith("\ufeff")


def test_csv_rejects_what_it_did_not_write() -> None:
    with pytest.raises(paperfeed.DecodeError, match="header"):
        paperfeed.from_csv("a,b\n1,2\n")
    with pytest.raises(paperfeed.DecodeError, match="line 2"):
        paperfeed.from_csv("title,upvotes\nX,many\n")
    # Extra and missing optional columns are fine.
    assert paperfeed.from_csv("title,extra\nX,1\n") == (Paper(title="X"),)


def test_models_enforce_invariants() -> None:
    with pytest.raises(ValueError, match="title"):
        Paper(title="  ")
    with pytest.raises(ValueError, match="upvotes"):
        Paper(title="x", upvotes=-1)
    with pytest.raises(ValueError, match="names"):
        AuthorCount(1, ("a", "b"))
    with pytest.raises(ValueError, match="timezone"):
        Paper(title="x", featured_at=datetime.datetime(2024, 1, 1))
    with pytest.raises(TypeError, match="single string"):
        AuthorCount(3, "abc")
    assert Paper(title="x", paper_id="2401.1").url == "https://huggingface.co/papers/2401.1"
    assert Paper(title="x").url is None


def test_exceptions_pickle() -> None:
    import pickle

    err = paperfeed.ParseError("bad", 3, 4, "unknown-line")
    back = pickle.loads(pickle.dumps(err))
    assert (back.msg, back.lineno, back.colno, back.code) == ("bad", 3, 4, "unknown-line")
    assert str(back) == "bad (at line 3, column 4)"
    dec = pickle.loads(pickle.dumps(paperfeed.DecodeError("x")))
    assert str(dec) == "x"


def test_csv_reads_cells_over_the_csv_module_limit() -> None:
    # Found in review: the csv module's 128 KiB cell cap broke the round trip.
    import csv as csv_module

    big = Paper(title="Big", abstract="x" * 200_000)
    before = csv_module.field_size_limit()
    assert paperfeed.from_csv(paperfeed.to_csv([big])) == (big,)
    assert csv_module.field_size_limit() == before
    with pytest.raises(paperfeed.DecodeError, match="malformed CSV"):
        paperfeed.from_csv('title\n"unterminated\x00')


def test_json_misuse_is_explained() -> None:
    with pytest.raises(paperfeed.DecodeError, match="JSON array"):
        paperfeed.from_json("[" + paperfeed.to_json(FEED) + "]")
    with pytest.raises(TypeError, match="to_jsonl"):
        paperfeed.to_json(RICH)  # type: ignore[arg-type]
