"""The markdown parser: a real firecrawl capture, then one small input per variant."""

from __future__ import annotations

import datetime
import pathlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperfeed import AuthorCount, PageKind, Paper, ParseError, Severity
from paperfeed._common import page_kind
from paperfeed._read.markdown import parse_markdown
from paperfeed._read.mdsyntax import markdown_lines, read_header, split_lines

DATA = pathlib.Path(__file__).parent / "data" / "markdown"
FIRECRAWL = DATA / "search-view-firecrawl-2026-10-02.md"
REF = datetime.date(2026, 10, 2)
MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


def one(text: str, **kw: bool) -> Paper:
    feed = parse_markdown(text, REF, **kw)
    assert len(feed.papers) == 1, feed
    return feed.papers[0]


# -- the real capture, read independently with regexes over the markdown -----------------


def _unescape(text: str) -> str:
    text = re.sub(r"\\\\?\n", " ", text)  # backslash line breaks
    text = re.sub(r"\\([!-/:-@\[-`{-~ ])", r"\1", text)  # markdown escapes, "\ " too
    return " ".join(text.split())


def _expected_cards() -> list[dict[str, object]]:
    source = FIRECRAWL.read_text(encoding="utf-8")
    headings = list(
        re.finditer(
            r"^### \[(?P<title>.+)\]\(https://huggingface\.co/papers/(?P<id>[^)#]+)\)$",
            source,
            re.MULTILINE,
        )
    )
    cards = []
    for index, heading in enumerate(headings):
        paper_id = heading["id"]
        start = headings[index - 1].end() if index else 0
        before = source[start : heading.start()]
        end = headings[index + 1].start() if index + 1 < len(headings) else len(source)
        after = source[heading.end() : end]
        upvotes = re.findall(
            r"^\[(\d+|-)\]\(https://huggingface\.co/login\?next=%2Fpapers%2F"
            + re.escape(paper_id)
            + r"\)$",
            before,
            re.MULTILINE,
        )
        abstract = re.search(
            r"\n\[(.*?)\]\(https://huggingface\.co/papers/" + re.escape(paper_id) + r"\)",
            after,
            re.DOTALL,
        )
        count = re.search(r"^\[?- (\d+) authors\]", after, re.MULTILINE)
        org = re.search(
            r"^\[!\[[^\]]*\]\([^)]*\)([^\]]+)\]\(https://huggingface\.co/[^)]+\)$",
            after,
            re.MULTILINE,
        )
        date = re.search(
            r"^(?P<m>[A-Z][a-z]{2}) (?P<d>\d{1,2})(?:, (?P<y>\d{4}))?"
            r"(?: ?\[(?P<c>\d+)\]\(https://huggingface\.co/papers/[^)]*#community\))?$",
            after,
            re.MULTILINE,
        )
        assert abstract is not None, paper_id
        assert date is not None, paper_id
        month, day = MONTHS[date["m"]], int(date["d"])
        year = int(date["y"]) if date["y"] else (2026 if (month, day) <= (10, 4) else 2025)
        cards.append(
            {
                "paper_id": paper_id,
                "title": _unescape(heading["title"]),
                "upvotes": None if not upvotes else (0 if upvotes[-1] == "-" else int(upvotes[-1])),
                "abstract": _unescape(abstract[1]),
                "authors": AuthorCount(int(count[1])) if count else None,
                "organization": org[1] if org and not count else None,
                "published": datetime.date(year, month, day),
                "published_text": date[0].partition("[")[0].rstrip(),
                "year_inferred": date["y"] is None,
                "comments": int(date["c"]) if date["c"] else None,
            }
        )
    return cards


def test_firecrawl_capture_page_facts() -> None:
    feed = parse_markdown(FIRECRAWL.read_text(encoding="utf-8"))
    assert feed.reference == REF  # from "retrieved:" in the front matter
    assert feed.date == REF  # the "Oct 2" date navigator
    assert feed.kind is PageKind.SEARCH
    assert feed.query == "source citations"
    assert feed.source_url == "https://huggingface.co/papers?q=source%20citations"
    assert feed.diagnostics == ()


def test_firecrawl_capture_every_card() -> None:
    feed = parse_markdown(FIRECRAWL.read_text(encoding="utf-8"))
    expected = _expected_cards()
    assert len(expected) == 120
    assert len(feed.papers) == len(expected)
    for paper, card in zip(feed.papers, expected):
        got = {key: getattr(paper, key) for key in card}
        assert got == card, card["paper_id"]


def test_firecrawl_capture_hand_checked_cards() -> None:
    papers = {p.paper_id: p for p in parse_markdown(FIRECRAWL.read_text(encoding="utf-8")).papers}
    occ = papers["2606.00683"]
    assert occ.title == "OCC-RAG: Optimal Cognitive Core for Faithful Question Answering"
    assert occ.upvotes == 101
    assert occ.organization == "OCC"
    assert occ.authors is None
    assert (occ.published, occ.published_text, occ.year_inferred, occ.comments) == (
        datetime.date(2026, 5, 29),
        "May 29",
        True,
        6,
    )
    assert occ.abstract is not None
    assert occ.abstract.startswith("Recent progress in the development of language models")
    assert occ.abstract.endswith("and refusal (MuSiQue-Un) benchmarks.")

    noisy = papers["2502.20581"]
    assert noisy.title == (
        "The Noisy Path from Source to Citation: Measuring How Scholars Engage with Past Research"
    )
    assert noisy.upvotes == 0
    assert noisy.authors == AuthorCount(3)
    assert noisy.organization is None
    assert (noisy.published, noisy.year_inferred, noisy.comments) == (
        datetime.date(2025, 2, 27),
        False,
        None,
    )
    assert noisy.abstract is not None
    assert "tracing knowledge flows. Such uses" in noisy.abstract
    assert "\\" not in noisy.abstract
    assert noisy.abstract.endswith("the potential for distortion of evidence.")

    cited = papers["2402.03003"]
    assert cited.title.startswith("[Citation needed] Data usage and citation practices")
    assert cited.abstract is not None
    assert "https://github.com/TheoSourget/Public_Medical_Datasets_References" in cited.abstract


# -- small inputs, one per variant ---------------------------------------------------------

FIRECRAWL_CARD = """\
[12](https://huggingface.co/login?next=%2Fpapers%2F2501.00001)

### [A \\*Starred\\* Title with snake\\_case](https://huggingface.co/papers/2501.00001)

[First line of the abstract\\\\
second line of it.](https://huggingface.co/papers/2501.00001)

[- ![](https://huggingface.co/avatars/a.svg)\\\\
- ![](https://huggingface.co/avatars/b.svg)\\\\
- 4 authors](https://huggingface.co/papers/2501.00001)

·

Sep 30[3](https://huggingface.co/papers/2501.00001#community)
"""

EXPECTED = Paper(
    title="A *Starred* Title with snake_case",
    abstract="First line of the abstract second line of it.",
    authors=AuthorCount(4),
    published=datetime.date(2026, 9, 30),
    published_text="Sep 30",
    year_inferred=True,
    comments=3,
    upvotes=12,
    paper_id="2501.00001",
)


def test_inline_links_backslash_breaks_and_images() -> None:
    feed = parse_markdown(FIRECRAWL_CARD, REF)
    assert feed.papers == (EXPECTED,)
    assert feed.diagnostics == ()


def test_reference_links_in_a_code_fence_with_hard_wrapped_abstract() -> None:
    text = """\
```markdown
Oct 2

[-][1]

### [A Reference-Style Title][2]

[Abstracts in reference-style captures are hard-wrapped at about one hundred and twenty
columns, so one abstract spans several source lines and the line break is a space, even
Oct 4, 2026 when a wrapped line looks like a date.][2]

[- 7 authors][2]

·

Feb 3, 2024[2][3]

[1]: https://huggingface.co/login?next=%2Fpapers%2F2402.01234
[2]: https://huggingface.co/papers/2402.01234
[3]: https://huggingface.co/papers/2402.01234#community
```
"""
    feed = parse_markdown(text, REF)
    assert feed.date == REF
    assert feed.diagnostics == ()
    assert feed.papers == (
        Paper(
            title="A Reference-Style Title",
            abstract=(
                "Abstracts in reference-style captures are hard-wrapped at about one hundred "
                "and twenty columns, so one abstract spans several source lines and the line "
                "break is a space, even Oct 4, 2026 when a wrapped line looks like a date."
            ),
            authors=AuthorCount(7),
            published=datetime.date(2024, 2, 3),
            published_text="Feb 3, 2024",
            comments=2,
            upvotes=0,
            paper_id="2402.01234",
        ),
    )


def test_plain_hard_wrapped_abstract_outside_links() -> None:
    text = (
        "### A Title Without Links\n\nFirst wrapped line of the abstract\n"
        "second wrapped line.\n\n- 2 authors\n\n·\n\nAug 1, 2025\n"
    )
    paper = one(text)
    assert paper.title == "A Title Without Links"
    assert paper.abstract == "First wrapped line of the abstract second wrapped line."
    assert paper.authors == AuthorCount(2)


def test_organisation_chip_is_the_organisation() -> None:
    text = FIRECRAWL_CARD.replace(
        "[- ![](https://huggingface.co/avatars/a.svg)\\\\\n"
        "- ![](https://huggingface.co/avatars/b.svg)\\\\\n"
        "- 4 authors](https://huggingface.co/papers/2501.00001)",
        "[![occ-ai](https://cdn-avatars.huggingface.co/x.png)OCC](https://huggingface.co/occ-ai)",
    )
    paper = one(text)
    assert paper.organization == "OCC"
    assert paper.authors is None


def test_card_without_upvotes_and_dash_upvotes() -> None:
    without = one(FIRECRAWL_CARD.split("\n", 2)[2])
    assert without.upvotes is None
    assert without.paper_id == "2501.00001"  # from the heading link alone
    dash = one(FIRECRAWL_CARD.replace("[12]", "[-]"))
    assert dash.upvotes == 0


def test_escapes_and_escaped_spaces_in_titles() -> None:
    text = FIRECRAWL_CARD.replace(
        "A \\*Starred\\* Title with snake\\_case",
        "\\[RET\\] tokens: How Models Engage\\  with 2 \\-\\- 3 Sources",
    )
    assert one(text).title == "[RET] tokens: How Models Engage with 2 -- 3 Sources"


def test_front_matter_url_sets_kind_and_reference() -> None:
    text = (
        "---\nurl: https://huggingface.co/papers/trending\nexported: 2026-09-30T10:00:00Z\n"
        "---\n" + FIRECRAWL_CARD
    )
    feed = parse_markdown(text)
    assert feed.reference == datetime.date(2026, 9, 30)
    assert feed.kind is PageKind.TRENDING
    assert feed.query is None
    assert feed.source_url == "https://huggingface.co/papers/trending"
    assert feed.papers[0].published == datetime.date(2026, 9, 30)


def test_jina_reader_header() -> None:
    text = (
        "Title: Daily Papers - Hugging Face\n\nURL Source: https://huggingface.co/papers?q=rag"
        "\n\nMarkdown Content:\n" + FIRECRAWL_CARD
    )
    feed = parse_markdown(text, REF)
    assert feed.kind is PageKind.SEARCH
    assert feed.query == "rag"
    assert feed.papers == (EXPECTED,)


def test_no_reference_anywhere_is_noted() -> None:
    feed = parse_markdown(FIRECRAWL_CARD)
    assert [d.code for d in feed.diagnostics] == ["reference-today"]
    assert feed.reference == datetime.date.today()


@pytest.mark.parametrize(
    ("url", "kind", "query"),
    [
        ("https://huggingface.co/papers?q=source%20citations", PageKind.SEARCH, "source citations"),
        ("https://huggingface.co/papers", PageKind.DAILY, None),
        ("https://huggingface.co/papers/date/2026-10-01", PageKind.DAILY, None),
        ("https://huggingface.co/papers/week/2026-W40", PageKind.WEEKLY, None),
        ("https://huggingface.co/papers/month/2026-10", PageKind.MONTHLY, None),
        ("https://huggingface.co/papers/trending", PageKind.TRENDING, None),
        ("https://huggingface.co/papers/2401.08406", PageKind.PAPER, None),
        ("https://example.com/blog", None, None),
        (None, None, None),
    ],
)
def test_page_kind(url: str | None, kind: PageKind | None, query: str | None) -> None:
    assert page_kind(url) == (kind, query)


def test_relative_links_still_give_the_paper_id() -> None:
    text = FIRECRAWL_CARD.replace("https://huggingface.co/", "/")
    assert one(text).paper_id == "2501.00001"


def test_truncated_last_card() -> None:
    text = (
        FIRECRAWL_CARD + "\n[7](https://huggingface.co/login?next=%2Fpapers%2F2501.00002)\n\n"
        "### [Cut Off](https://huggingface.co/papers/2501.00002)\n\n[The abstract"
    )
    feed = parse_markdown(text, REF)
    assert [p.title for p in feed.papers] == [EXPECTED.title, "Cut Off"]
    assert feed.papers[1].paper_id == "2501.00002"
    assert feed.papers[1].upvotes == 7
    # Located where the input stops: inside the link that opens the abstract.
    assert [(d.code, d.line) for d in feed.errors] == [("truncated-card", 20)]


def test_junk_lines_become_located_diagnostics() -> None:
    text = (
        "stray words\n\nOct 2\n\n" + FIRECRAWL_CARD + "\n·\n\n  [leftover](https://example.com)\n"
    )
    feed = parse_markdown(text, REF)
    assert feed.date == REF
    assert feed.papers == (EXPECTED,)
    assert [(d.code, d.severity, d.line, d.column, d.text) for d in feed.diagnostics] == [
        ("unknown-line", Severity.ERROR, 1, 1, "stray words"),
        ("unknown-line", Severity.ERROR, 20, 1, "·"),
        ("unknown-line", Severity.ERROR, 22, 3, "  [leftover](https://example.com)"),
    ]


def test_strict_raises_with_the_markdown_line() -> None:
    text = FIRECRAWL_CARD + "\n\n  [leftover](https://example.com)\n"
    with pytest.raises(ParseError) as info:
        parse_markdown(text, REF, strict=True)
    assert (info.value.lineno, info.value.colno, info.value.code) == (17, 3, "unknown-line")
    assert parse_markdown(FIRECRAWL_CARD, REF, strict=True).papers == (EXPECTED,)


def test_wrong_argument_types() -> None:
    with pytest.raises(TypeError, match="decode bytes first"):
        parse_markdown(FIRECRAWL_CARD.encode())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"datetime\.date"):
        parse_markdown(FIRECRAWL_CARD, "2026-10-02")  # type: ignore[arg-type]


def test_dispatches_single_paper_pages() -> None:
    feed = parse_markdown((DATA / "paperpage-2401.08406-rag-vs-finetuning-md.md").read_text(), REF)
    assert feed.kind is PageKind.PAPER
    assert feed.papers[0].title.startswith("RAG vs Fine-tuning")


def test_setext_headings_and_line_numbers_of_joined_links() -> None:
    lines = split_lines("\ufeffTitle\n=====\n\n[one\\\\\ntwo\nthree](https://x.org/a)\n")
    fields, start = read_header(lines)
    assert (fields, start) == ({}, 0)
    out = markdown_lines(lines, start)
    assert [(m.lineno, m.heading, m.text) for m in out if m.text] == [
        (1, 1, "Title"),
        (4, 0, "one two three"),
    ]
    assert out[-2].links[0].lineno == 6


def test_unclosed_brackets_are_text() -> None:
    lines = split_lines("[not a link\nnext line]\n\n[x](y")
    assert [m.text for m in markdown_lines(lines) if m.text] == [
        "[not a link",
        "next line]",
        "[x](y",
    ]


# -- robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1_000_000,
        "![" * 500_000,
        "](" * 500_000,
        "[a](" * 250_000,
        "][" * 500_000,
        '](u "' * 200_000,
        "[" * 200_000 + "a" + "](u)" * 200_000,
        "![" * 200_000 + "a" + "](u)" * 200_000,
        "\n" * 100_000,
        "word " * 200_000,
        "# a" + " " * 1_000_000 + "b",
        ">" * 1_000_000,
        "[x\\\\\n" * 100_000,
    ],
)
def test_pathological_inputs_finish(text: str) -> None:
    feed = parse_markdown(text, REF)
    assert all(d.line >= 0 for d in feed.diagnostics)


MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            *"[]()!\\#-*_·\n ab1:/.<>`~=+,\"'",
            "Oct 2",
            "3 authors",
            "---",
            "https://x.co/papers/2401.00001",
            "Authors:",
            "## Abstract",
        ]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), MARKDOWNISH))
def test_never_raises(text: str) -> None:
    feed = parse_markdown(text, REF)
    assert all(d.line >= 0 and d.column >= 1 for d in feed.diagnostics)


@settings(max_examples=100, deadline=None)
@given(MARKDOWNISH)
def test_strict_raises_only_parse_errors(text: str) -> None:
    try:
        parse_markdown(text, REF, strict=True)
    except ParseError as error:
        assert error.lineno >= 0


def test_escaped_list_marker_is_text() -> None:
    text = "Oct 2\n\n### \\- a list item\n\n- 3 authors\n\n·\n\nOct 1\n"
    feed = parse_markdown(text, reference=datetime.date(2026, 10, 2))
    assert feed.papers[0].title == "- a list item"


def test_card_without_byline_keeps_its_link() -> None:
    text = "Oct 2\n\n### [Learning](https://huggingface.co/papers/0701.0001)\n\nOct 1\n"
    feed = parse_markdown(text, reference=datetime.date(2026, 10, 2))
    assert feed.papers[0].paper_id == "0701.0001"
