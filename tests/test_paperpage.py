"""Single paper pages in markdown and plain text: the real capture and each variant."""

from __future__ import annotations

import datetime
import json
import pathlib
import re
import urllib.parse
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperfeed import (
    AuthorCount,
    PageKind,
    Paper,
    ParseError,
    Severity,
    parse_markdown,
    parse_text,
)
from paperfeed._read.paperpage import (
    looks_like_paper_page,
    parse_paper_page_markdown,
    parse_paper_page_text,
)

DATA = pathlib.Path(__file__).parent / "data" / "markdown"
FIXTURE = DATA / "paperpage-2401.08406-rag-vs-finetuning-md.md"
REF = datetime.date(2026, 10, 2)


# -- the real capture ---------------------------------------------------------------------


def test_fixture_against_an_independent_reading() -> None:
    source = FIXTURE.read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", source, re.MULTILINE)
    after = source.split("\n## Abstract\n", 1)[1]
    summary, abstract = [p.strip() for p in after.split("\n\n") if p.strip()]
    keywords = dict.fromkeys(
        urllib.parse.unquote(q)
        for q in re.findall(r"\]\(https://huggingface\.co/papers\?q=([^)]*)\)", abstract)
    )
    commas = len(re.findall(r"^ ,$", source, re.MULTILINE))
    assert title is not None
    assert (commas, len(keywords)) == (21, 11)

    feed = parse_paper_page_markdown(source, REF)
    assert feed.kind is PageKind.PAPER
    assert feed.errors == ()
    (paper,) = feed.papers
    assert paper.title == title[1]
    assert paper.ai_summary == summary
    assert paper.abstract == re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", abstract)
    assert paper.ai_keywords == tuple(keywords)
    # The names are lost but the 21 commas between them are not: 22 authors, no names.
    assert paper.authors == AuthorCount(commas + 1)
    assert [(d.code, d.severity, d.line) for d in feed.diagnostics] == [
        ("author-names-lost", Severity.WARNING, 8)
    ]
    assert paper.paper_id is None  # the capture names no URL or id
    assert paper.upvotes is None
    assert paper.published is None


def test_fixture_hand_checked() -> None:
    (paper,) = parse_paper_page_markdown(FIXTURE.read_text(encoding="utf-8"), REF).papers
    assert paper.title == (
        "RAG vs Fine-tuning: Pipelines, Tradeoffs, and a Case Study on Agriculture"
    )
    assert paper.ai_summary is not None
    assert paper.ai_summary.startswith("The study evaluates the effectiveness of Retrieval-")
    assert paper.abstract is not None
    assert paper.abstract.startswith(
        "There are two common ways in which developers are incorporating proprietary"
    )
    assert (
        "Large Language Models (LLMs): Retrieval-Augmented Generation (RAG) and "
        "Fine-Tuning. RAG augments" in paper.abstract
    )
    assert "](" not in paper.abstract
    assert paper.ai_keywords[:4] == (
        "Retrieval-Augmented Generation (RAG)",
        "Fine-Tuning",
        "fine-Tuning",
        "fine-tuning",
    )


def test_looks_like_paper_page() -> None:
    assert looks_like_paper_page(FIXTURE.read_text(encoding="utf-8"))
    listing = (DATA / "search-view-firecrawl-2026-10-02.md").read_text(encoding="utf-8")
    assert not looks_like_paper_page(listing)
    assert looks_like_paper_page(TEXT_PAGE)
    assert looks_like_paper_page("URL Source: https://huggingface.co/papers/2401.08406\n")
    assert not looks_like_paper_page("Abstract\n\nno authors line here\n")


# -- the real captures in tests/data/paperpage (expected values read from each file) ------

PAGES = pathlib.Path(__file__).parent / "data" / "paperpage"
CAPTURES = sorted(p for p in PAGES.iterdir() if p.suffix in (".md", ".txt"))
SELECTALL = PAGES / "paper-selectall-2510.04618.txt"
OBSIDIAN = PAGES / "paper-obsidian-custom-template-2406.06623.md"
EXTRACTOR = PAGES / "paper-custom-extractor-2502.11705.md"
TAGSTRIP = PAGES / "paper-tagstrip-leaked-json-2407.13168.txt"
CAPTURE_REF = datetime.date(2025, 10, 9)  # the select-all copy: submitted Oct 7, "2 days ago"


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


def _expected(path: pathlib.Path) -> tuple[dict[str, Any], Paper]:
    data = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    fields = dict(data["paper"])
    if fields["authors"] is not None:
        fields["authors"] = AuthorCount(fields["authors"]["count"], fields["authors"]["names"])
    fields["published"] = _date(fields["published"])
    if fields["featured_at"] is not None:
        fields["featured_at"] = datetime.datetime.fromisoformat(fields["featured_at"])
    return data, Paper(**fields)


@pytest.mark.parametrize("path", CAPTURES, ids=[p.stem for p in CAPTURES])
def test_real_capture(path: pathlib.Path) -> None:
    data, paper = _expected(path)
    text = path.read_text(encoding="utf-8")
    parse = parse_markdown if path.suffix == ".md" else parse_text  # the public routing
    assert looks_like_paper_page(text)
    feed = parse(text, _date(data["reference"]))
    assert feed.kind is PageKind.PAPER
    assert feed.papers == (paper,)
    assert feed.reference == _date(data["feed_reference"])
    assert feed.source_url == data["source_url"]
    assert feed.errors == ()
    assert parse(text, _date(data["reference"]), strict=True) == feed
    # Every diagnostic is located and quotes the input there (a leak: the line's start).
    raw = text.split("\n")
    for d in feed.diagnostics:
        if d.line:
            assert d.text.startswith(raw[d.line - 1]) or raw[d.line - 1].startswith(d.text)


def test_custom_extractor_capture() -> None:
    feed = parse_markdown(EXTRACTOR.read_text(encoding="utf-8"), REF)
    (paper,) = feed.papers
    # "# ToolMaker" (the note's name) and "**Page Title:** Paper page - ..." are the
    # extractor's; the page's own heading is the title.
    assert paper.title == "LLM Agents Making Agent Tools"
    assert paper.ai_summary is not None
    assert paper.abstract is not None
    assert paper.ai_summary.startswith("ToolMaker autonomously converts")
    assert paper.abstract.startswith("Tool use has turned large language models ( LLMs )")
    assert "ToolMaker autonomously converts" not in paper.abstract
    assert [(d.code, d.line) for d in feed.diagnostics] == [
        ("ai-summary-guessed", 11),  # no label and no keyword links: the layout decides
        ("page-tail", 31),  # the community thread, from "@ librarian-bot" on
    ]


def test_obsidian_capture() -> None:
    feed = parse_markdown(OBSIDIAN.read_text(encoding="utf-8"))
    (paper,) = feed.papers
    assert paper.title == "Spectrum: Targeted Training on Signal to Noise Ratio"
    assert paper.ai_summary is not None
    assert paper.ai_summary.startswith("Spectrum accelerates LLM training")  # above the label
    assert paper.abstract is not None
    assert paper.abstract.startswith("Efficiently post-training large language models")
    assert paper.github_repo is None  # the only GitHub link is in a community comment
    assert feed.reference == datetime.date(2026, 4, 6)  # "created:" in the front matter
    assert [(d.code, d.line) for d in feed.diagnostics] == [
        ("authors-empty", 23),
        ("page-tail", 35),
    ]


def test_selectall_capture_without_a_reference() -> None:
    feed = parse_text(SELECTALL.read_text(encoding="utf-8"))
    (paper,) = feed.papers
    # No capture date: "Oct 6" takes its year from the arXiv id (2510 -> 2025), not today.
    assert (paper.published, paper.year_inferred) == (datetime.date(2025, 10, 6), True)
    assert paper.paper_id == "2510.04618"  # "Cite arxiv.org/abs/2510.04618 in a model ..."
    assert paper.submitted_by == "taesiri"
    assert paper.authors is not None
    assert paper.authors.names[-1] == "Kunle Olukotun"
    codes = [(d.code, d.severity, d.line) for d in feed.diagnostics]
    assert codes[:3] == [
        ("reference-today", Severity.INFO, 0),
        ("year-from-paper-id", Severity.INFO, 3),
        ("ai-summary-guessed", Severity.WARNING, 37),
    ]
    assert {code for code, _, _ in codes[3:]} == {"page-tail"}
    # The recommended papers are skipped text, never this paper's fields.
    skipped = "\n".join(d.text for d in feed.diagnostics)
    assert "Tool-R1: Sample-Efficient Reinforcement Learning" in skipped


def test_tagstrip_capture() -> None:
    text = TAGSTRIP.read_text(encoding="utf-8")
    feed = parse_text(text)
    (paper,) = feed.papers
    assert paper.title == "SciCode: A Research Coding Benchmark Curated by Scientists"
    assert paper.paper_id == "2407.13168"
    assert paper.submitted_by == "Yanxin Lu"  # as printed: "Yanxin Lu on Jul 22, 2024"
    leak = text.split("\n")[37]
    end = leak.rindex('">') + 2
    (warning,) = [d for d in feed.diagnostics if d.code == "leaked-json"]
    assert (warning.severity, warning.line, warning.column) == (Severity.WARNING, 38, 1)
    assert warning.text == leak[:end]
    assert leak[end:].strip() == "Papers arxiv:2407.13168"  # page text after the leak, read
    assert [d.code for d in feed.diagnostics[:2]] == ["leaked-json", "leaked-json-fields"]
    assert "featured_at" in feed.diagnostics[1].message


# -- variants of the real captures --------------------------------------------------------

SELECTALL_TEXT = SELECTALL.read_text(encoding="utf-8")
SELECTALL_TITLE = (
    "Agentic Context Engineering: Evolving Contexts for Self-Improving Language Models"
)
OBSIDIAN_TEXT = OBSIDIAN.read_text(encoding="utf-8")
OBSIDIAN_BODY = OBSIDIAN_TEXT.split("---\n", 2)[2]


@pytest.mark.parametrize(
    ("header", "reference", "url"),
    [
        ("", None, None),
        (
            "---\nurl: https://huggingface.co/papers/2510.04618\nretrieved: 2025-10-09\n---\n",
            None,
            "https://huggingface.co/papers/2510.04618",
        ),
        (
            "Title: Paper page - Agentic Context Engineering: Evolving Contexts for "
            "Self-Improving Language Models\n\nURL Source: https://huggingface.co/papers/"
            "2510.04618\n\nMarkdown Content:\n",
            CAPTURE_REF,
            "https://huggingface.co/papers/2510.04618",
        ),
        ("Captured (UTC): 2025-10-09 12:00\n", None, None),
        ("Accessed: Oct 9, 2025\n\n", None, None),
        (
            "SOURCE-URL: https://huggingface.co/papers/2510.04618\n"
            "FETCHED: 2025-10-09T17:17:16+08:00\nHTTP: 200\n\n",
            None,
            "https://huggingface.co/papers/2510.04618",
        ),
        (
            "EV013: https://huggingface.co/papers/2510.04618\n",
            CAPTURE_REF,
            "https://huggingface.co/papers/2510.04618",
        ),
        (
            "# Agentic\n**URL:** https://huggingface.co/papers/2510.04618\n"
            "**Page Title:** Paper page - ACE\n--------------------\n\n",
            CAPTURE_REF,
            "https://huggingface.co/papers/2510.04618",
        ),
    ],
    ids=["none", "front-matter", "jina", "captured-utc", "accessed", "source-url", "ev", "bold"],
)
def test_selectall_under_every_header(
    header: str, reference: datetime.date | None, url: str | None
) -> None:
    _, expected = _expected(SELECTALL)
    text = header + SELECTALL_TEXT
    assert looks_like_paper_page(text)
    feed = parse_text(text, reference if header else CAPTURE_REF)
    assert feed.papers == (expected,)
    assert feed.reference == CAPTURE_REF  # from the argument or the header's date
    assert feed.source_url == url
    assert feed.errors == ()
    assert "page-head" not in [d.code for d in feed.diagnostics]  # header lines are no text


def test_selectall_title_wrapped_over_two_lines() -> None:
    first, second = (
        "Agentic Context Engineering: Evolving Contexts for",
        "Self-Improving Language Models",
    )
    text = SELECTALL_TEXT.replace(SELECTALL_TITLE, f"{first}\n{second}")
    feed = parse_text(text, CAPTURE_REF)
    assert feed.papers[0].title == SELECTALL_TITLE
    assert [(d.code, d.line) for d in feed.diagnostics][:1] == [("title-wrapped", 3)]
    # A document title that names the whole title confirms the join.
    jina = f"Title: Paper page - {SELECTALL_TITLE}\n\nMarkdown Content:\n" + text
    feed = parse_text(jina, CAPTURE_REF)
    assert feed.papers[0].title == SELECTALL_TITLE
    assert "title-wrapped" not in [d.code for d in feed.diagnostics]
    # The same in markdown: a heading whose last words wrapped onto the next line.
    markdown = f"# {first}\n{second}\n\nPublished on Oct 6\n\nAuthors: A\n\n## Abstract\n\nText.\n"
    feed = parse_markdown(markdown, CAPTURE_REF)
    assert feed.papers[0].title == SELECTALL_TITLE
    assert [d.code for d in feed.diagnostics] == ["title-wrapped"]


def test_selectall_submitted_on_one_line_and_inline_authors() -> None:
    text = SELECTALL_TEXT.replace(
        "Submitted by\ntaesiri\non Oct 7", "Submitted by taesiri on Oct 7"
    )
    text = text.replace("\n,\n", ", ")
    (paper,) = parse_text(text, CAPTURE_REF).papers
    _, expected = _expected(SELECTALL)
    assert paper == expected


def test_selectall_junk_in_the_head_is_an_error() -> None:
    text = SELECTALL_TEXT.replace("#3 Paper of the day\n", "#3 Paper of the day\nwhat is this\n")
    feed = parse_text(text, CAPTURE_REF)
    assert [(d.code, d.line, d.text) for d in feed.errors] == [("unknown-line", 8, "what is this")]
    assert feed.papers[0].title == SELECTALL_TITLE
    with pytest.raises(ParseError) as info:
        parse_text(text, CAPTURE_REF, strict=True)
    assert (info.value.code, info.value.lineno) == ("unknown-line", 8)


def test_selectall_with_the_summary_label() -> None:
    summary = SELECTALL_TEXT.split("\n")[36]
    text = SELECTALL_TEXT.replace(summary + "\n", summary + "\nAI-generated summary\n")
    feed = parse_text(text, CAPTURE_REF)
    _, expected = _expected(SELECTALL)
    assert feed.papers == (expected,)
    assert "ai-summary-guessed" not in [d.code for d in feed.diagnostics]  # the label says so


def test_selectall_site_menus_above_and_a_leaked_footer() -> None:
    menus = "Hugging Face\nModels\nDatasets\nSpaces\nBuckets new\nDocs\nPricing\nLog In\nSign Up\n"
    feed = parse_text(menus + "Copy markdown\n" + SELECTALL_TEXT, CAPTURE_REF)
    assert feed.papers[0].title == SELECTALL_TITLE
    assert feed.errors == ()


def test_obsidian_without_front_matter() -> None:
    feed = parse_markdown(OBSIDIAN_BODY, REF)
    _, expected = _expected(OBSIDIAN)
    assert feed.papers == (expected,)  # the id from the page's own "arxiv:2406.06623"
    assert feed.source_url is None


def test_obsidian_with_a_jina_header_and_front_matter_title_ignored() -> None:
    jina = (
        "Title: Paper page - Spectrum\n\nURL Source: https://huggingface.co/papers/2406.06623"
        "\n\nMarkdown Content:\n"
    )
    _, expected = _expected(OBSIDIAN)
    feed = parse_markdown(jina + OBSIDIAN_BODY, REF)
    assert feed.papers == (expected,)  # the title the page prints, not the document's
    other = OBSIDIAN_TEXT.replace(
        "Paper page - Spectrum: Targeted", "Paper page - Spectrum Targeted"
    )
    assert parse_markdown(other).papers == (expected,)


def test_obsidian_without_the_label_keyword_links_decide() -> None:
    feed = parse_markdown(OBSIDIAN_TEXT.replace("AI-generated summary\n\n", ""))
    _, expected = _expected(OBSIDIAN)
    assert feed.papers == (expected,)
    assert "ai-summary-guessed" not in [d.code for d in feed.diagnostics]


def test_obsidian_label_above_the_summary_is_a_warning() -> None:
    summary = OBSIDIAN_TEXT.split("\n")[26]
    text = OBSIDIAN_TEXT.replace(
        f"{summary}\n\nAI-generated summary\n", f"AI-generated summary\n\n{summary}\n"
    )
    feed = parse_markdown(text)
    _, expected = _expected(OBSIDIAN)
    assert feed.papers == (expected,)
    assert [(d.code, d.line) for d in feed.diagnostics if d.severity is Severity.WARNING] == [
        ("ai-summary-label-first", 27)
    ]


def test_obsidian_with_recommended_papers_below() -> None:
    body = OBSIDIAN_BODY.replace("arxiv:2406.06623\n", "")  # no id near the top
    body = body.replace(
        "Get this paper in your agent:",
        "This is an automated message from the Librarian Bot.\n\n"
        "* [QLoRA: Efficient Finetuning](https://huggingface.co/papers/2305.14314) (2023)\n"
        "* [LoRA](https://arxiv.org/abs/2106.09685) (2021)\n\n"
        "[Project page](https://example.org/other)\n\nGet this paper in your agent:",
    )
    body = body.replace("`hf papers read 2406.06623`", "")
    feed = parse_markdown(body, REF)
    (paper,) = feed.papers
    assert paper.paper_id == "2406.06623"  # "Cite arxiv.org/abs/2406.06623 in a dataset ..."
    assert paper.project_page is None
    assert paper.title == "Spectrum: Targeted Training on Signal to Noise Ratio"
    no_id = body.replace("Cite arxiv.org/abs/2406.06623 in a dataset README.md", "Cite it")
    assert parse_markdown(no_id, REF).papers[0].paper_id is None


def test_extractor_with_other_headers() -> None:
    text = EXTRACTOR.read_text(encoding="utf-8")
    body = text.split("--------------------\n", 1)[1]
    _, expected = _expected(EXTRACTOR)
    assert parse_markdown(body, REF).papers == (attrs.evolve(expected, paper_id=None),)
    captured = "Captured (UTC): 2026-10-07 12:00\n\n" + body
    feed = parse_markdown(captured)
    assert feed.reference == datetime.date(2026, 10, 7)
    assert feed.papers == (attrs.evolve(expected, paper_id=None),)


def test_tagstrip_without_the_source_url() -> None:
    text = TAGSTRIP.read_text(encoding="utf-8").split("\n", 3)[3]
    feed = parse_text(text, REF)
    _, expected = _expected(TAGSTRIP)
    assert feed.papers == (expected,)  # the id from "Papers arxiv:2407.13168" after the leak


def test_tagstrip_with_a_broken_leak() -> None:
    lines = TAGSTRIP.read_text(encoding="utf-8").split("\n")
    lines[37] = lines[37].replace('"paper":{"id"', '"paper":{"id" "', 1)  # no longer JSON
    feed = parse_text("\n".join(lines))
    (paper,) = feed.papers
    assert paper.authors is not None
    assert (paper.authors.count, len(paper.authors.names)) == (30, 22)  # "+ 8 authors"
    assert paper.ai_keywords == ()
    assert paper.featured_at is None
    assert "leaked-json-fields" not in [d.code for d in feed.diagnostics]
    assert feed.errors == ()


def test_tagstrip_leak_of_another_paper_is_not_used() -> None:
    text = TAGSTRIP.read_text(encoding="utf-8").replace("2407.13168", "2407.99999", 1)
    text = text.replace('"paper":{"id":"2407.13168"', '"paper":{"id":"2401.00001"', 1)
    feed = parse_text(text)
    (paper,) = feed.papers
    assert paper.paper_id == "2407.99999"  # the SOURCE-URL header
    assert paper.ai_keywords == ()
    assert [d.code for d in feed.diagnostics if d.severity is Severity.WARNING] == [
        "leaked-json",
        "paper-id-conflict",  # the page's own "arxiv:2407.13168" disagrees with the header
    ]


# -- markdown variants --------------------------------------------------------------------

MD_PAGE = """\
---
url: https://huggingface.co/papers/2401.08406
retrieved: 2026-10-02
---
[](https://huggingface.co/papers/2401.08406#abstract)

# RAG vs Fine-tuning: Pipelines

Published on Jan 16, 2024

Submitted by [![](https://cdn.example/a.png)akhaliq](https://huggingface.co/akhaliq) on Jan 17, 2024

#1 Paper of the day

Upvote 53

+45

Authors:[Angels Balaguer](https://hf.co/a), [Vinamra Benara](https://hf.co/b), Ranveer Chandra

## Abstract

The study evaluates RAG and fine-tuning.

AI-generated summary

There are two common ways: [RAG](https://huggingface.co/papers?q=RAG) and
[Fine-Tuning](https://huggingface.co/papers?q=Fine-Tuning).

A second abstract paragraph.

[View arXiv page](https://arxiv.org/abs/2401.08406) [GitHub 1.2k](https://github.com/x/y) \
[Project page](https://example.org/rag)

## Community

Librarian Bot says hi.
"""

MD_EXPECTED = Paper(
    title="RAG vs Fine-tuning: Pipelines",
    abstract="There are two common ways: RAG and Fine-Tuning. A second abstract paragraph.",
    authors=AuthorCount(3, ("Angels Balaguer", "Vinamra Benara", "Ranveer Chandra")),
    published=datetime.date(2024, 1, 16),
    published_text="Jan 16, 2024",
    upvotes=53,
    paper_id="2401.08406",
    submitted_by="akhaliq",
    github_repo="https://github.com/x/y",
    github_stars=1200,
    project_page="https://example.org/rag",
    ai_summary="The study evaluates RAG and fine-tuning.",
    ai_keywords=("RAG", "Fine-Tuning"),
)


def test_markdown_page_with_every_part() -> None:
    feed = parse_paper_page_markdown(MD_PAGE)
    assert feed.papers == (MD_EXPECTED,)
    assert feed.reference == REF
    assert feed.source_url == "https://huggingface.co/papers/2401.08406"
    assert feed.kind is PageKind.PAPER
    # The community thread is noted, line by line, and nothing else.
    assert [(d.code, d.severity, d.line) for d in feed.diagnostics] == [
        ("page-tail", Severity.INFO, 36)
    ]


def test_paragraph_order_decides_the_summary_without_a_label() -> None:
    page = MD_PAGE.replace("AI-generated summary\n\n", "")
    feed = parse_paper_page_markdown(page)
    assert feed.papers == (MD_EXPECTED,)  # keyword links mark where the abstract starts
    assert "ai-summary-guessed" not in [d.code for d in feed.diagnostics]


def test_summary_guessed_without_label_or_keyword_links() -> None:
    text = "# T\n\n## Abstract\n\nShort summary.\n\nThe abstract.\n\nMore abstract.\n"
    feed = parse_paper_page_markdown(text, REF)
    (paper,) = feed.papers
    assert (paper.ai_summary, paper.abstract) == ("Short summary.", "The abstract. More abstract.")
    assert [(d.code, d.line) for d in feed.diagnostics] == [("ai-summary-guessed", 5)]


def test_keyword_links_in_the_first_paragraph_mean_no_summary() -> None:
    text = (
        "# T\n\n## Abstract\n\nWe study [RAG](https://huggingface.co/papers?q=RAG).\n\n"
        "Second paragraph.\n"
    )
    (paper,) = parse_paper_page_markdown(text, REF).papers
    assert paper.ai_summary is None
    assert paper.abstract == "We study RAG. Second paragraph."
    assert paper.ai_keywords == ("RAG",)


def test_authors_one_per_line_and_upvote_on_its_own_line() -> None:
    text = (
        "# T\n\nUpvote\n\n7\n\nAuthors:\n\n[Ann Lee](https://huggingface.co/ann)\n\n"
        "Bo Chen\n\n## Abstract\n\nThe abstract.\n"
    )
    (paper,) = parse_paper_page_markdown(text, REF).papers
    assert paper.upvotes == 7
    assert paper.authors == AuthorCount(2, ("Ann Lee", "Bo Chen"))
    assert paper.abstract == "The abstract."


def test_title_from_header_when_the_heading_is_missing() -> None:
    text = (
        "Title: Paper page - A Header Title\n\nURL Source: https://huggingface.co/papers/2501.00001"
        "\n\nMarkdown Content:\nAbstract\n--------\n\nThe abstract.\n"
    )
    feed = parse_paper_page_markdown(text, REF)
    (paper,) = feed.papers
    assert (paper.title, paper.paper_id, paper.abstract) == (
        "A Header Title",
        "2501.00001",
        "The abstract.",
    )
    # A last resort, and said so: the page itself prints no title.
    assert [(d.code, d.severity) for d in feed.diagnostics] == [
        ("title-from-header", Severity.WARNING)
    ]


def test_junk_in_the_head_is_an_error_strict_raises() -> None:
    text = "# T\n\nPublished on Jan 16, 2024\n\n  what is this\n\n## Abstract\n\nA.\n"
    feed = parse_paper_page_markdown(text, REF)
    assert feed.papers[0].abstract == "A."
    assert [(d.code, d.severity, d.line, d.column, d.text) for d in feed.diagnostics] == [
        ("unknown-line", Severity.ERROR, 5, 3, "  what is this")
    ]
    with pytest.raises(ParseError) as info:
        parse_paper_page_markdown(text, REF, strict=True)
    assert (info.value.lineno, info.value.colno, info.value.code) == (5, 3, "unknown-line")


def test_impossible_date_is_an_error() -> None:
    feed = parse_paper_page_markdown("# T\n\nPublished on Feb 30, 2024\n", REF)
    (paper,) = feed.papers
    assert (paper.published, paper.published_text) == (None, "Feb 30, 2024")
    assert [(d.code, d.line) for d in feed.errors] == [("invalid-date", 3)]


def test_no_title_is_an_error() -> None:
    feed = parse_paper_page_markdown("Authors: A, B\n\n## Abstract\n\nText.\n", REF)
    assert feed.papers == ()
    assert [d.code for d in feed.errors] == ["no-title"]
    with pytest.raises(ParseError, match="no title"):
        parse_paper_page_markdown("## Abstract\n\nText.\n", REF, strict=True)


# -- plain text ---------------------------------------------------------------------------

TEXT_PAGE = """\
Papers
arxiv:2401.08406
RAG vs Fine-tuning: Pipelines, Tradeoffs, and a Case Study on Agriculture
Published on Jan 16, 2024
·
Submitted by
akhaliq
on Jan 17, 2024
#1 Paper of the day
Upvote
53
+45
Authors:
Angels Balaguer
,
Vinamra Benara
,
Ranveer Chandra
Abstract
The study evaluates RAG and fine-tuning.
AI-generated summary
There are two common ways to add data.
View arXiv page
https://arxiv.org/abs/2401.08406
GitHub
https://github.com/x/y
62
Add to collection
Community
Librarian Bot
"""


def test_text_page() -> None:
    feed = parse_paper_page_text(TEXT_PAGE, REF)
    assert feed.kind is PageKind.PAPER
    assert feed.papers == (
        Paper(
            title="RAG vs Fine-tuning: Pipelines, Tradeoffs, and a Case Study on Agriculture",
            abstract="There are two common ways to add data.",
            authors=AuthorCount(3, ("Angels Balaguer", "Vinamra Benara", "Ranveer Chandra")),
            published=datetime.date(2024, 1, 16),
            published_text="Jan 16, 2024",
            upvotes=53,
            paper_id="2401.08406",
            submitted_by="akhaliq",
            github_repo="https://github.com/x/y",
            github_stars=62,
            ai_summary="The study evaluates RAG and fine-tuning.",
        ),
    )
    assert [(d.code, d.line, d.text) for d in feed.diagnostics] == [
        ("page-tail", 30, "Librarian Bot")
    ]


def test_text_page_one_line_head_and_no_summary_label() -> None:
    text = (
        "Paper Title\nPublished on Oct 1 · Submitted by someone on Oct 2\nUpvote 5\n"
        "Authors: A. One, B. Two\nAbstract\nFirst line.\nSecond line.\n"
    )
    (paper,) = parse_paper_page_text(text, REF).papers
    assert (paper.published, paper.year_inferred, paper.submitted_by) == (
        datetime.date(2026, 10, 1),
        True,
        "someone",
    )
    assert paper.authors == AuthorCount(2, ("A. One", "B. Two"))
    assert paper.ai_summary is None  # a text copy shows the label when there is a summary
    assert paper.abstract == "First line. Second line."


def test_wrong_argument_types() -> None:
    with pytest.raises(TypeError, match="decode bytes first"):
        parse_paper_page_text(b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"datetime\.date"):
        parse_paper_page_markdown("# T", reference="2026-10-02")  # type: ignore[arg-type]


PAGEISH = st.lists(
    st.sampled_from(
        [
            "# T",
            "## Abstract",
            "Abstract",
            "AI-generated summary",
            "Authors:",
            ",",
            " ",
            "\n",
            "\n\n",
            "Upvote",
            "53",
            "Submitted by",
            "on Jan 1",
            "Published on Feb 30, 2024",
            "·",
            "[k](https://huggingface.co/papers?q=k)",
            "[GitHub 1k](https://github.com/a/b)",
            "[",
            "](",
            "https://arxiv.org/abs/2401.00001",
            "GitHub",
            "View arXiv page",
            "x",
            "Generated by Qwen/Qwen2.5",
            "+ 8 authors",
            "Paper page - T",
            "SOURCE-URL: https://huggingface.co/papers/2401.00001",
            "---",
            "Community",
            "Cite arxiv.org/abs/2401.00002 in a model README.md to link it from this page.",
            '<a href=\\"u\\">' + '"k":"v",' * 30 + '"paper":{"id":"2401.00001","title":"J"}}">',
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), PAGEISH))
def test_never_raises(text: str) -> None:
    for parse in (parse_paper_page_markdown, parse_paper_page_text):
        feed = parse(text, REF)
        assert len(feed.papers) <= 1
        assert all(d.line >= 0 and d.column >= 1 for d in feed.diagnostics)


@pytest.mark.parametrize(
    "text",
    [
        "Authors:\n" + ",\n" * 300_000 + "Abstract\n",
        "# T\n## Abstract\n" + "word\n" * 200_000,
        "[" * 1_000_000,
        "Upvote\n" * 100_000,
    ],
)
def test_large_inputs_finish(text: str) -> None:
    parse_paper_page_markdown(text, REF)
    parse_paper_page_text(text, REF)
