"""len(feed), iter(feed), to_dict(), and parse_file on open files and gzip captures."""

from __future__ import annotations

import datetime
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import paperfeed
from paperfeed import AuthorCount, Diagnostic, Feed, PageKind, Paper, Severity
from paperfeed import strategies as ps
from paperfeed._read.detect import parse_data

EXAMPLES = Path(__file__).parents[1] / "examples"
DAILY = EXAMPLES / "daily-papers-2026-09-28.html"
SEED = EXAMPLES / "daily-papers-2025-12-12.txt"
UTC = datetime.timezone.utc


def test_len_and_iter_go_over_the_papers() -> None:
    feed = paperfeed.parse_file(DAILY)
    assert len(feed) == 28
    assert list(feed) == list(feed.papers)
    assert [p.paper_id for p in feed][:1] == ["2609.31620"]
    empty = Feed(reference=datetime.date(2026, 1, 1))
    assert len(empty) == 0
    assert not empty  # a feed without papers is falsy, like any empty container
    assert feed


def test_to_dict_is_json_safe_and_shaped_like_the_document() -> None:
    paper = Paper(
        "Zoë",
        authors=AuthorCount(2, ["A"]),
        published=datetime.date(2024, 2, 29),
        featured_at=datetime.datetime(2024, 3, 1, 8, 30, tzinfo=UTC),
        ai_keywords=("x", "y"),
    )
    data = paper.to_dict()
    assert data["published"] == "2024-02-29"
    assert data["featured_at"] == "2024-03-01T08:30:00+00:00"
    assert data["authors"] == {"count": 2, "names": ["A"]}
    assert data["ai_keywords"] == ["x", "y"]
    assert list(data) == [a.name for a in attrs.fields(Paper)]
    assert json.loads(json.dumps(data)) == data  # json.dumps(attrs.asdict(paper)) fails
    feed = Feed(
        reference=datetime.date(2024, 3, 2),
        kind=PageKind.DAILY,
        papers=[paper],
        diagnostics=[Diagnostic("x", Severity.WARNING, "m", 3)],
    )
    data = feed.to_dict()
    assert data["kind"] == "daily"
    assert data["diagnostics"][0]["severity"] == "warning"
    assert data["papers"][0]["title"] == "Zoë"


@given(ps.feeds())
def test_to_dict_is_the_json_document(feed: Feed) -> None:
    assert feed.to_dict() == json.loads(paperfeed.to_json(feed))
    for paper, line in zip(feed.papers, paperfeed.to_jsonl(feed).splitlines()):
        assert paper.to_dict() == json.loads(line)


def test_parse_file_takes_an_open_binary_file() -> None:
    by_path = paperfeed.parse_file(DAILY)
    with DAILY.open("rb") as handle:
        assert paperfeed.parse_file(handle) == by_path
    assert paperfeed.parse_file(io.BytesIO(DAILY.read_bytes())) == by_path
    ref = datetime.date(2025, 12, 20)
    with SEED.open(encoding="utf-8") as text:  # a text-mode file works as well
        assert paperfeed.parse_file(text, reference=ref) == paperfeed.parse_file(SEED, ref)
    with pytest.raises(TypeError, match="path or an open binary file"):
        paperfeed.parse_file(DAILY.read_bytes())  # type: ignore[arg-type]


def test_parse_file_reads_gzip_captures_by_their_magic(tmp_path: Path) -> None:
    expected = paperfeed.parse_file(DAILY)
    packed = gzip.compress(DAILY.read_bytes())
    for name in ("page.html.gz", "page.html", "page"):  # the suffix does not matter
        path = tmp_path / name
        path.write_bytes(packed)
        assert paperfeed.parse_file(path) == expected
    assert paperfeed.parse_file(io.BytesIO(packed)) == expected
    ref = datetime.date(2025, 12, 20)
    text = tmp_path / "seed.txt.gz"
    text.write_bytes(gzip.compress(SEED.read_bytes()))
    assert paperfeed.parse_file(text, reference=ref) == paperfeed.parse_file(SEED, ref)


def test_a_broken_gzip_capture_is_an_os_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(DAILY.read_bytes())[:-40])
    with pytest.raises(OSError, match="broken gzip stream"):
        paperfeed.parse_file(path)
    # In memory, gzip bytes are still refused as a binary input, not decompressed.
    feed = parse_data(gzip.compress(DAILY.read_bytes()))
    assert [d.code for d in feed.errors] == ["binary-input"]


def test_import_paperfeed_loads_no_optional_extra() -> None:
    code = (
        "import sys, paperfeed; "
        "print(sorted(m for m in ('pyarrow', 'pandas', 'polars', 'dask') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
