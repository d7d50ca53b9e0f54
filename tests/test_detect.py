"""Format detection, parse_file and the CLI on every saved form."""

from __future__ import annotations

import datetime
import gzip
import json
import re
import subprocess
import sys
import time
from html import escape, unescape
from pathlib import Path

import pytest

import paperfeed
from paperfeed._read import mdsyntax as _mdlines
from paperfeed._read.detect import REJECTED, looks_like_papers_page, parse_data
from paperfeed._read.header import capture_date, read_header

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


# -- every capture in tests/data is detected as what it is --------------------------------

REAL = DATA / "real"
_FORM_OF_SUFFIX = {".html": "html", ".md": "markdown", ".txt": "text", ".json": "api-json"}
CAPTURES = sorted(
    p
    for p in DATA.rglob("*")
    if p.suffix in _FORM_OF_SUFFIX
    and p.name != "README.md"
    and not p.name.endswith((".expected.json", ".truth.json"))
)


def test_there_are_captures_of_every_form() -> None:
    assert {_FORM_OF_SUFFIX[p.suffix] for p in CAPTURES} == set(_FORM_OF_SUFFIX.values())
    assert len(CAPTURES) >= 30


@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: p.name)
def test_every_capture_is_detected_as_its_form(path: Path) -> None:
    expected = _FORM_OF_SUFFIX[path.suffix]
    assert paperfeed.detect_format(path.read_bytes()) == expected
    assert paperfeed.detect_format(path.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: p.name)
def test_every_capture_is_a_papers_page(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert looks_like_papers_page(text) or path.name == "paper-selectall-2510.04618.txt"
    feed = paperfeed.parse_file(path, reference=datetime.date(2026, 10, 10))
    assert not {d.code for d in feed.diagnostics} & REJECTED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A heading and every URL on its own line: a text export, not markdown.
        (
            "---\ntitle: Daily Papers - Hugging Face\n---\n\n# Daily Papers - Hugging Face\n"
            "Daily Papers\n\nhttps://huggingface.co/papers\n\nA Title\n\n"
            "https://huggingface.co/papers/2401.00001\n\n[\n\n2 authors](https://x.co)\n",
            "text",
        ),
        ("# One heading\n\nthen plain text\nand more text\n", "text"),
        # Jina Reader's header says markdown whatever follows.
        (
            "Title: T\nURL Source: https://huggingface.co/papers\n\nMarkdown Content:\nx\n",
            "markdown",
        ),
        # Markdown under a header the density test looks past.
        (
            "**URL:** https://huggingface.co/papers\n**Page Title:** Daily Papers\n----\n\n"
            "## [A](https://huggingface.co/papers/1)\n\n## [B](https://huggingface.co/papers/2)\n",
            "markdown",
        ),
        ("[ Models ][3]\n[ Datasets ][4]\n\n[3]: /models\n[4]: /datasets\n", "markdown"),
        # Tags inside a leaked JSON string (href=\"...\") are not an HTML fragment.
        (
            'Title\n{"html":"<p>a <a href=\\"/x\\">b</a> <span class=\\"c\\">d</span></p>"}\n',
            "text",
        ),
        ("[]", "api-json"),
        ("[\n  \"{'paper': {}}\"\n]", "api-json"),
        ("[] not json\n", "text"),
    ],
)
def test_detects_by_content_seen_through_wrappers(text: str, expected: str) -> None:
    assert paperfeed.detect_format(text) == expected


def test_notebook_text_export_is_text() -> None:
    path = REAL / "text-search-notebooklm-export-2026-07-28.txt"
    head = path.read_text(encoding="utf-8").split("\n")[:12]
    assert head[9] == "# Daily Papers - Hugging Face"  # a markdown heading, in a text export
    assert paperfeed.detect_format(path.read_bytes()) == "text"


# -- capture headers ----------------------------------------------------------------------


def _header(text: str) -> tuple[dict[str, str], int]:
    return read_header(text.split("\n"))


def test_mdlines_reads_headers_with_the_one_reader() -> None:
    assert _mdlines.read_header is read_header


@pytest.mark.parametrize(
    ("name", "url", "title", "captured", "body"),
    [
        # YAML with CJK values and a quoted title; "created" is the clipping date.
        (
            "paper-obsidian-custom-template-2406.06623.md",
            "https://huggingface.co/papers/2406.06623",
            "Paper page - Spectrum: Targeted Training on Signal to Noise Ratio",
            datetime.date(2026, 4, 6),
            "arxiv:2406.06623",
        ),
        # YAML, then the page <title> repeated as a "# Title" heading.
        (
            "text-search-notebooklm-export-2026-07-28.txt",
            "https://huggingface.co/papers?q=Intercode%20Bash",
            "Daily Papers - Hugging Face",
            datetime.date(2026, 7, 28),
            "Daily Papers - Hugging Face",
        ),
        # "# Note", "**URL:**", "**Page Title:**", then a rule.
        (
            "paper-custom-extractor-2502.11705.md",
            "https://huggingface.co/papers/2502.11705",
            "Paper page - LLM Agents Making Agent Tools",
            None,
            "## LLM Agents Making Agent Tools",
        ),
        # "SOURCE-URL:", "FETCHED:" (a time at +08:00: the local date), "HTTP: 200".
        (
            "paper-tagstrip-leaked-json-2407.13168.txt",
            "https://huggingface.co/papers/2407.13168",
            None,
            datetime.date(2026, 9, 14),
            "Paper page - SciCode: A Research Coding Benchmark Curated by Scientists",
        ),
        # "# Title", a "- Source URL: ..." list, then "## Extracted Text".
        (
            "md-trending-structured-extract-2026-10.md",
            "https://huggingface.co/papers/trending",
            "Hugging Face - 2026 - Trending Papers",
            None,
            '<a id="source-section-0"></a>',
        ),
        # Firecrawl's YAML.
        (
            "../markdown/search-view-firecrawl-2026-10-02.md",
            "https://huggingface.co/papers?q=source%20citations",
            "Daily Papers - Hugging Face",
            datetime.date(2026, 10, 2),
            "new",
        ),
    ],
)
def test_real_capture_headers(
    name: str, url: str, title: str | None, captured: datetime.date | None, body: str
) -> None:
    lines = (REAL / name).read_text(encoding="utf-8").split("\n")
    fields, start = read_header(lines)
    assert fields.get("url") == url
    assert fields.get("title") == title
    assert capture_date(fields) == captured
    assert _first_text(lines[start:]) == body


def _first_text(lines: list[str]) -> str:
    """The first non-blank line: where the page itself starts."""
    return next((line for line in lines if line.strip()), "")


@pytest.mark.parametrize(
    ("text", "url", "title", "captured", "body"),
    [
        (  # Jina Reader; "Published Time" is the only date it writes
            "Title: Paper page - X\n\nURL Source: https://huggingface.co/papers/2401.08406\n\n"
            "Published Time: Wed, 17 Jan 2024 02:13:00 GMT\n\nMarkdown Content:\n# X",
            "https://huggingface.co/papers/2401.08406",
            "Paper page - X",
            datetime.date(2024, 1, 17),
            "# X",
        ),
        (  # a reference-style markdown capture in a code fence
            "Captured (UTC): 2026-10-07 12:00\nSource: https://huggingface.co/papers\n\n```md\n",
            "https://huggingface.co/papers",
            None,
            datetime.date(2026, 10, 7),
            "```md",
        ),
        (
            "Accessed: March 3, 2026\nURL: <https://huggingface.co/papers/trending>\n\nDaily",
            "https://huggingface.co/papers/trending",
            None,
            datetime.date(2026, 3, 3),
            "Daily",
        ),
        (
            "**URL:** [link](https://huggingface.co/papers)\n**Captured at:** 2026-01-02\n***\nx",
            "https://huggingface.co/papers",
            None,
            datetime.date(2026, 1, 2),
            "x",
        ),
        (  # an unknown all-caps key naming the page; "HTTP: 200" belongs to the header too
            "EV013: https://huggingface.co/papers/2407.13168\nHTTP: 200\n\nPage text",
            "https://huggingface.co/papers/2407.13168",
            None,
            None,
            "Page text",
        ),
        (  # YAML quoting, a comment, a folded value, a CJK date, lists
            "\ufeff---\ntitle: 'It''s: 大语言模型'  \nurl: \"https://huggingface.co/papers\" # c\n"
            "description: >-\n  folded\n  text\nclipped: 2026年3月4日\ntags:\n- a\n---\n# It's\n",
            "https://huggingface.co/papers",
            "It's: 大语言模型",
            datetime.date(2026, 3, 4),
            "# It's",
        ),
        (  # a bare key/value header, as some markdown copies of paper pages have
            "title: Paper page - RAG\ndescription: Join the discussion\n\n# RAG",
            None,
            "Paper page - RAG",
            None,
            "# RAG",
        ),
    ],
)
def test_header_wrappers(
    text: str, url: str | None, title: str | None, captured: datetime.date | None, body: str
) -> None:
    fields, start = _header(text)
    assert fields.get("url") == url
    assert fields.get("title") == title
    assert capture_date(fields) == captured
    assert _first_text(text.split("\n")[start:]) == body


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Daily Papers\nby AK and the research community\n",
        "Authors:\nAda Lovelace\nAbstract: We study.\n",  # the page's own labels
        "HTTP: 200\nStatus: ok\n\nText",  # keys that name no page
        "---\ntitle: never closed\n\nText\n",  # no closing fence: not front matter
        "Title of a paper: a subtitle\n\nAbstract\n",  # a title with a colon is no header
    ],
)
def test_not_headers(text: str) -> None:
    assert _header(text) == ({}, 0)


def test_a_page_heading_equal_to_a_plain_title_is_kept() -> None:
    # Only a page <title> ("... - Hugging Face", "Paper page - ...") is a notebook heading.
    text = "---\ntitle: A Study\n---\n\n# A Study\nAuthors:"
    assert _header(text) == ({"title": "A Study"}, 3)


def test_header_reading_is_linear() -> None:
    for text in ("# a" + " " * 500_000 + "b", "Title:" + " " * 500_000 + "b#"):
        start = time.perf_counter()
        _header(text)
        _header("---\ntitle: " + text + "\n---")
        assert time.perf_counter() - start < 2


def test_capture_header_date_is_the_reference() -> None:
    # The tag stripper's FETCHED: 2026-09-14T17:17:16+08:00.
    feed = paperfeed.parse_file(REAL / "paper-tagstrip-leaked-json-2407.13168.txt")
    assert feed.reference == datetime.date(2026, 9, 14)
    assert feed.source_url == "https://huggingface.co/papers/2407.13168"
    obsidian = paperfeed.parse_file(REAL / "paper-obsidian-custom-template-2406.06623.md")
    assert obsidian.reference == datetime.date(2026, 4, 6)
    # A reference argument still wins.
    given = paperfeed.parse_file(
        REAL / "paper-obsidian-custom-template-2406.06623.md", (datetime.date(2027, 1, 1))
    )
    assert given.reference == datetime.date(2027, 1, 1)


# -- inputs that are not papers pages -----------------------------------------------------

_UNRELATED_HTML = (
    b"<!doctype html><html><head><title>Models - Hugging Face</title>"
    b'<link rel="canonical" href="https://huggingface.co/models"></head><body>'
    b'<nav><a href="/papers">Daily Papers</a></nav><main><p>Hello</p></main></body></html>'
)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"garbage\n", "not-a-papers-page"),
        (b"", "empty-input"),
        (b" \n\t\n", "empty-input"),
        (b"\xef\xbb\xbf", "empty-input"),
        (gzip.compress(SEED.read_bytes()), "binary-input"),
        (b"PK\x03\x04" + b"x" * 40, "binary-input"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "binary-input"),
        (_UNRELATED_HTML, "not-a-papers-page"),
        (b'{"name": "x", "values": [1, 2]}', "not-a-papers-page"),
        (b"[1, 2, 3]", "not-a-papers-page"),
        (b'["a", "b"]', "not-a-papers-page"),
        (b"# Notes\n\nSee [the docs](https://example.org).\n", "not-a-papers-page"),
    ],
)
def test_junk_is_rejected_with_one_error(data: bytes, code: str) -> None:
    feed = parse_data(data)
    assert feed.papers == ()
    assert [(d.code, d.severity) for d in feed.diagnostics] == [(code, paperfeed.Severity.ERROR)]
    with pytest.raises(paperfeed.ParseError) as info:
        parse_data(data, strict=True)
    assert info.value.code == code


def test_junk_is_rejected_whatever_format_is_named() -> None:
    for form in paperfeed._read.detect.FORMATS:
        feed = parse_data(b"garbage\n", format=form)
        assert [d.code for d in feed.errors] == ["not-a-papers-page"]


def _empty_daily_html() -> str:
    page = DAILY.read_text(encoding="utf-8")
    m = re.search(r'data-target="DailyPapers" data-props="([^"]*)"', page)
    assert m is not None
    props = json.loads(unescape(m.group(1)))
    props["dailyPapers"] = []
    page = page[: m.start(1)] + escape(json.dumps(props)) + page[m.end(1) :]
    return re.sub(r"<article.*?</article>", "", page, flags=re.DOTALL)


@pytest.mark.parametrize(
    "data",
    [
        _empty_daily_html(),
        "[]",
        '{"dailyPapers": [], "dateString": "2026-09-27", "periodType": "day"}',
        "---\nurl: https://huggingface.co/papers/date/2026-09-27\n---\n\n",
        "Get trending papers in your email inbox!\n\nDaily Papers\n",
    ],
)
def test_a_papers_page_listing_no_papers_gives_a_warning(data: str) -> None:
    feed = parse_data(data, reference=datetime.date(2026, 9, 30))
    assert feed.papers == ()
    assert "no-papers" in [d.code for d in feed.diagnostics]
    [note] = [d for d in feed.diagnostics if d.code == "no-papers"]
    assert note.severity is paperfeed.Severity.WARNING
    assert not {d.code for d in feed.diagnostics} & REJECTED
    parse_data(data, reference=datetime.date(2026, 9, 30), strict=True)  # a warning only


def test_cards_without_site_chrome_are_a_papers_page() -> None:
    card = "Title One\n\nAbstract.\n\n  • 3 authors\n·\nFeb 15, 2023\n"
    feed = parse_data(card, reference=datetime.date(2025, 1, 1))
    assert [p.title for p in feed.papers] == ["Title One"]
    assert feed.errors == ()
    # Strict mode reads such input strictly after all: the junk line still raises there.
    with pytest.raises(paperfeed.ParseError) as info:
        parse_data(card + "junk\n", reference=datetime.date(2025, 1, 1), strict=True)
    assert (info.value.code, info.value.lineno) == ("unknown-line", 8)


def test_papers_page_evidence() -> None:
    assert looks_like_papers_page("x\nGet trending papers in your email inbox!\n")
    assert looks_like_papers_page('<div data-target="DailyPapers" data-props="{}"></div>')
    assert looks_like_papers_page("SOURCE-URL: https://huggingface.co/papers/2401.00001\n\nx")
    assert looks_like_papers_page('[{"paper": {"id": "1"}, "numComments": 0}]')
    assert not looks_like_papers_page("Hugging Face\nModels\nDaily Papers\nDatasets\n")
    assert not looks_like_papers_page("URL: https://example.org/papers\n\ntext")
    empty = paperfeed.Feed(reference=datetime.date(2026, 1, 1))
    assert not looks_like_papers_page("text", empty)
    card = paperfeed.Paper("T", upvotes=3)
    erred = paperfeed.Diagnostic("x", paperfeed.Severity.ERROR, "m", 1)
    with_card = paperfeed.Feed(datetime.date(2026, 1, 1), papers=[card], diagnostics=[erred])
    assert looks_like_papers_page("text", with_card)
    bare = paperfeed.Feed(
        datetime.date(2026, 1, 1), papers=[paperfeed.Paper("T")], diagnostics=[erred]
    )
    assert not looks_like_papers_page("text", bare)
