"""Format detection, parse_file and the CLI on every saved form."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

import paperfeed

DATA = Path(__file__).parent / "data"
SEED = DATA / "text" / "seed-search-2025-12-12.txt"
DAILY = DATA / "html" / "hf-daily-2026-09-28.html"
SEARCH_MD = DATA / "markdown" / "search-view-firecrawl-2026-10-02.md"
PAPER_MD = DATA / "markdown" / "paperpage-2401.08406-rag-vs-finetuning-md.md"


def _daily_props() -> dict[str, object]:
    html = DAILY.read_text(encoding="utf-8")
    m = re.search(r'data-target="DailyPapers" data-props="([^"]*)"', html)
    assert m is not None
    props: dict[str, object] = json.loads(unescape(m.group(1)))
    return props


@pytest.mark.parametrize(
    ("path", "expected"),
    [(SEED, "text"), (DAILY, "html"), (SEARCH_MD, "markdown"), (PAPER_MD, "markdown")],
)
def test_detects_each_fixture(path: Path, expected: str) -> None:
    assert paperfeed.detect_format(path.read_bytes()) == expected
    assert paperfeed.detect_format(path.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('[{"paper": {"id": "2401.00001"}}]', "api-json"),
        ('\ufeff  {"id": "2401.00001", "title": "x"}', "api-json"),
        ("[]", "api-json"),
        (
            "[101](https://huggingface.co/login)\n### [T](https://huggingface.co/papers/1)",
            "markdown",
        ),
        ("<!DOCTYPE html><html><body></body></html>", "html"),
        ("<div class='x'>a</div>", "html"),
        ("Title\n\nAbstract [with brackets] and # signs.\n  • 2 authors\n·\nJul 9\n", "text"),
        ("", "text"),
    ],
)
def test_detects_small_inputs(data: str, expected: str) -> None:
    assert paperfeed.detect_format(data) == expected


def test_detects_parsed_json_and_soup() -> None:
    import bs4

    assert paperfeed.detect_format([{"title": "x"}]) == "api-json"
    assert paperfeed.detect_format(bs4.BeautifulSoup("<p>x</p>", "html.parser")) == "html"


def test_parse_file_reads_every_form() -> None:
    text = paperfeed.parse_file(SEED, reference=datetime.date(2025, 12, 20))
    assert len(text.papers) == 38
    html = paperfeed.parse_file(DAILY)
    props = _daily_props()
    entries = props["dailyPapers"]
    assert isinstance(entries, list)
    assert [p.paper_id for p in html.papers] == [e["paper"]["id"] for e in entries]
    assert html.date == datetime.date(2026, 9, 28)
    markdown = paperfeed.parse_file(SEARCH_MD)
    assert markdown.kind is paperfeed.PageKind.SEARCH
    assert markdown.query == "source citations"
    page = paperfeed.parse_file(PAPER_MD)
    assert page.kind is paperfeed.PageKind.PAPER
    assert page.papers[0].title == (
        "RAG vs Fine-tuning: Pipelines, Tradeoffs, and a Case Study on Agriculture"
    )


def test_parse_file_api_json_and_format_override(tmp_path: Path) -> None:
    entries = _daily_props()["dailyPapers"]
    saved = tmp_path / "daily_papers.json"
    saved.write_text(json.dumps(entries), encoding="utf-8")
    feed = paperfeed.parse_file(saved)
    assert len(feed.papers) == len(entries)  # type: ignore[arg-type]
    # Forcing the wrong form is allowed; the plain-text parser then finds no cards.
    forced = paperfeed.parse_file(saved, format="text", reference=datetime.date(2026, 1, 1))
    assert forced.papers == ()
    with pytest.raises(ValueError, match="unknown format"):
        paperfeed.parse_file(saved, format="xml")  # type: ignore[arg-type]
    with pytest.raises(OSError, match="No such file"):
        paperfeed.parse_file(tmp_path / "missing.html")


def test_text_paper_page_through_parse_file(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_text(
        "Paper page - A Study\nPublished on Jan 8, 2024\nSubmitted by akhaliq on Jan 17, 2024\n"
        "#1 Paper of the day\nUpvote\n53\nA Study\nAuthors:\nAda Lovelace, Alan Turing\n"
        "Abstract\nWe study things.\n",
        encoding="utf-8",
    )
    feed = paperfeed.parse_file(path, reference=datetime.date(2024, 2, 1))
    assert feed.kind is paperfeed.PageKind.PAPER
    [paper] = feed.papers
    assert paper.upvotes == 53
    assert paper.submitted_by == "akhaliq"
    assert paper.published == datetime.date(2024, 1, 8)


def test_bad_utf8_text_is_reported_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Title\n\nAbstr\xe4ct.\n  \xe2\x80\xa2 2 authors\n\xc2\xb7\nJul 9\n")
    feed = paperfeed.parse_file(path, reference=datetime.date(2025, 12, 1))
    assert feed.papers[0].abstract == "Abstr\ufffdct."
    [note] = feed.diagnostics
    assert (note.code, note.line, note.column) == ("invalid-utf8", 3, 6)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paperfeed", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_cli_reads_every_form() -> None:
    props = _daily_props()
    entries = props["dailyPapers"]
    assert isinstance(entries, list)
    html = json.loads(run(str(DAILY), "-q").stdout)
    assert [p["paper_id"] for p in html["papers"]] == [e["paper"]["id"] for e in entries]
    assert html["kind"] == "daily"
    md = run(str(SEARCH_MD), "--format", "csv", "-q")
    assert md.returncode == 0
    assert len(paperfeed.from_csv(md.stdout)) == 120
    forced = run(str(SEED), "--from", "markdown", "-r", "2025-12-20", "-q")
    assert len(json.loads(forced.stdout)["papers"]) == 38
    assert run(str(SEED), "--from", "pdf").returncode == 2


def test_utf16_files_are_decoded(tmp_path: Path) -> None:
    # Found in review: Notepad's "Unicode" (UTF-16 with BOM) was read as garbage text.
    page = tmp_path / "page.html"
    page.write_bytes(DAILY.read_text(encoding="utf-8").encode("utf-16"))
    assert paperfeed.detect_format(page.read_bytes()) == "html"
    assert len(paperfeed.parse_file(page).papers) == 28
    text = tmp_path / "copy.txt"
    text.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    feed = paperfeed.parse_file(text, reference=datetime.date(2025, 12, 20))
    assert len(feed.papers) == 38
    assert feed.diagnostics == ()


def test_binary_input_gives_no_paper(tmp_path: Path) -> None:
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00Title\n" * 50)
    feed = paperfeed.parse_file(blob, reference=datetime.date(2025, 1, 1))
    assert feed.papers == ()
    assert [(d.code, d.severity) for d in feed.diagnostics] == [
        ("binary-input", paperfeed.Severity.ERROR)
    ]
    with pytest.raises(paperfeed.ParseError, match="binary"):
        paperfeed.parse_file(blob, strict=True)


def test_markdown_that_mentions_a_tag_is_markdown() -> None:
    text = "# Notes\n\nThe cards are `<article>` elements; see [docs](https://example.org).\n"
    assert paperfeed.detect_format(text) == "markdown"
    assert paperfeed.detect_format("Some text about <div> tags.\n") == "text"
    assert paperfeed.detect_format("<p>a</p><div>b</div><span>c</span>") == "html"


def test_cli_reads_api_json(tmp_path: Path) -> None:
    entries = _daily_props()["dailyPapers"]
    assert isinstance(entries, list)
    saved = tmp_path / "daily_papers.json"
    saved.write_text(json.dumps(entries), encoding="utf-8")
    proc = run(str(saved), "--format", "jsonl", "-q")
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["paper_id"] for line in proc.stdout.splitlines()]
    assert ids == [e["paper"]["id"] for e in entries]
    forced = run(str(saved), "--from", "api-json", "--format", "csv", "-q")
    assert len(paperfeed.from_csv(forced.stdout)) == len(entries)
