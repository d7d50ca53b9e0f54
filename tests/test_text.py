"""The plain-text parser on each variant of real copies, built from small inputs."""

from __future__ import annotations

import datetime
import gc
import io
import weakref
from typing import Any

import attrs
import pytest

import paperfeed
from paperfeed import AuthorCount, Paper, Severity

REF = datetime.date(2025, 12, 20)

CARD = """\
Title One

An abstract about things.

  • 3 authors
·
Feb 15, 2023
"""


def parse(text: str, **kw: object) -> paperfeed.Feed:
    return paperfeed.parse_text(text, reference=REF, **kw)  # type: ignore[arg-type]


def _evolve(paper: Paper, **changes: Any) -> Paper:
    return attrs.evolve(paper, **changes)


def one(text: str) -> Paper:
    feed = parse(text)
    assert len(feed.papers) == 1, feed
    return feed.papers[0]


BASE = Paper(
    title="Title One",
    abstract="An abstract about things.",
    authors=AuthorCount(3),
    published=datetime.date(2023, 2, 15),
    published_text="Feb 15, 2023",
)


def test_plain_card() -> None:
    assert one(CARD) == BASE


def test_chrome_before_and_after_is_not_a_paper() -> None:
    text = (
        "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n"
        "byAK and the research community\n\nDaily\nWeekly\nMonthly\n\nDec 12\n\n"
        + CARD
        + "\nPrevious\nNext\n\nCompany\nTOS\nPrivacy\nAbout\nCareers\nWebsite\nModels\n"
        "Datasets\nSpaces\nPricing\nDocs\n"
    )
    feed = parse(text)
    assert feed.papers == (BASE,)
    assert feed.date == datetime.date(2025, 12, 12)
    assert feed.diagnostics == ()


@pytest.mark.parametrize(
    ("line", "votes"), [("42", 42), ("-", 0), ("0", 0), ("1,204", 1204), ("Upvote 117", 117)]
)
def test_upvote_line_before_title(line: str, votes: int) -> None:
    assert one(f"{line}\n{CARD}") == _evolve(BASE, upvotes=votes)


def test_upvote_label_on_its_own_line() -> None:
    assert one("Upvote\n7\n" + CARD) == _evolve(BASE, upvotes=7)


def test_a_title_that_is_a_number_is_refused_in_plain_text() -> None:
    # In a copy without links "0" cannot be told from a count: never a paper, always a
    # located error (a linked "2048" is a title: see test_markdown).
    feed = parse("5\n0\n\nAbstract.\n  • 1 authors\n·\nJul 9\n")
    assert feed.papers == ()
    assert [(d.code, d.line) for d in feed.errors] == [("bad-title", 2)]


def test_url_lines_between_fields() -> None:
    text = (
        "12\nhttps://huggingface.co/login?next=%2Fpapers%2F2306.01234\n"
        "Title One\nhttps://huggingface.co/papers/2306.01234\n"
        "An abstract about things.\nhttps://huggingface.co/papers/2306.01234\n"
        "  • 3 authors\n·\nFeb 15, 2023 4\nhttps://huggingface.co/papers/2306.01234#community\n"
        "9\nhttps://huggingface.co/login?next=%2Fpapers%2F2401.00002\nSecond\n"
        "https://huggingface.co/papers/2401.00002\n· \nMar 3, 2024\n"
    )
    feed = parse(text)
    assert feed.papers[0] == _evolve(BASE, upvotes=12, comments=4, paper_id="2306.01234")
    assert feed.papers[1].paper_id == "2401.00002"
    assert feed.papers[1].upvotes == 9
    assert feed.papers[1].url == "https://huggingface.co/papers/2401.00002"
    assert feed.errors == ()


def test_comment_count_on_its_own_line_before_community_link() -> None:
    text = CARD + "6\nhttps://huggingface.co/papers/2306.01234#community\n"
    assert one(text).comments == 6


def test_organisation_instead_of_authors() -> None:
    text = "Title One\n\nAn abstract about things.\n\nCarnegie Mellon University\n·\nSep 9 9\n"
    paper = one(text)
    assert paper.organization == "Carnegie Mellon University"
    assert paper.authors is None
    assert paper.published == datetime.date(2025, 9, 9)
    assert paper.comments == 9
    assert paper.year_inferred


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("  • 1 authors", 1),
        ("• 1 author", 1),
        ("1 author", 1),
        ("- 12 authors", 12),
        ("· 4 Authors", 4),
    ],
)
def test_author_line_forms(line: str, count: int) -> None:
    text = f"Title One\n\nAn abstract about things.\n\n{line}\n·\nFeb 15, 2023\n"
    assert one(text).authors == AuthorCount(count)


def test_author_names_before_the_count() -> None:
    text = "Title One\n\nAn abstract.\n\nAda Lovelace, Alan Turing • 2 authors\n·\nJul 9\n"
    assert one(text).authors == AuthorCount(2, ("Ada Lovelace", "Alan Turing"))


def test_published_on_and_submitted_by() -> None:
    text = (
        "Submitted by akhaliq\nUpvote\n117\nTitle One\n\nAn abstract about things.\n\n"
        "  • 3 authors\n·\nPublished on Feb 15, 2023\nGitHub 62.2k\narXiv Page\n"
    )
    paper = one(text)
    assert paper == _evolve(BASE, upvotes=117, submitted_by="akhaliq", github_stars=62200)


def test_card_without_abstract() -> None:
    assert one("Title One\n\n  • 3 authors\n·\nFeb 15, 2023\n") == _evolve(BASE, abstract=None)


def test_card_without_author_line() -> None:
    text = "Dec 12\n\nTitle One\n\nAn abstract about things.\n\nFeb 15, 2023\n"
    feed = parse(text)
    assert feed.papers == (_evolve(BASE, authors=None),)
    assert feed.date == datetime.date(2025, 12, 12)


LONG = "A long abstract. " * 10


def test_card_without_author_line_but_with_separator() -> None:
    # A long line before "·" ends the abstract; a short one is an organisation.
    assert one(f"Title One\n\n{LONG}\n·\nFeb 15, 2023\n") == _evolve(
        BASE, authors=None, abstract=LONG.strip()
    )
    assert one("Title One\n\nMeta AI\n·\nFeb 15, 2023\n") == _evolve(
        BASE, authors=None, abstract=None, organization="Meta AI"
    )


def test_abstract_wrapped_over_several_lines() -> None:
    text = (
        "Title One\n\nAn abstract\nabout   things\nthat wraps.\n\n  • 3 authors\n·\nFeb 15, 2023\n"
    )
    assert one(text).abstract == "An abstract about things that wraps."


def test_truncated_last_card_is_reported_not_kept() -> None:
    # A title and half an abstract carry no card anchor: reported, never a paper.
    text = CARD + "\nSecond Title\n\nThe abstract was cut off in the mid"
    feed = parse(text)
    assert feed.papers == (BASE,)
    [diag] = feed.diagnostics
    assert (diag.code, diag.severity, diag.line, diag.column) == (
        "truncated-card",
        Severity.ERROR,
        9,
        1,
    )
    assert diag.text == "Second Title"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(newline: str) -> None:
    text = ("Dec 12\n\n" + CARD + "\nX\n").replace("\n", newline)
    feed = parse(text)
    assert feed.papers == (BASE,)
    # Line numbers count the same whatever the line ending.
    assert [d.line for d in feed.diagnostics] == [11]


def test_nbsp_tabs_trailing_spaces_and_bom() -> None:
    text = (
        "\ufeffTitle\u00a0One  \n\nAn\tabstract \u00a0about things.\t\n\n"
        "\u00a0\u00a0•\u00a03\u00a0authors  \n· \nFeb\u00a015,\u00a02023\t\n"
    )
    assert one(text) == BASE


def test_front_matter_gives_the_reference_and_url() -> None:
    text = (
        "---\nurl: https://huggingface.co/papers?q=x\nretrieved: 2024-03-05\n"
        "command: scrape\n---\nTitle One\n\nAbstract.\n  • 2 authors\n·\nMar 7\n"
    )
    feed = paperfeed.parse_text(text)
    assert feed.reference == datetime.date(2024, 3, 5)
    assert feed.source_url == "https://huggingface.co/papers?q=x"
    # Mar 7 is within two days of the capture: this year's, not last year's.
    assert feed.papers[0].published == datetime.date(2024, 3, 7)
    assert feed.diagnostics == ()


@pytest.mark.parametrize("key", ["exported", "retrieved", "Captured", "timestamp", "captured_at"])
def test_front_matter_capture_keys(key: str) -> None:
    text = f"---\n{key}: 2023-06-01T10:00:00Z\n---\n{CARD}"
    assert paperfeed.parse_text(text).reference == datetime.date(2023, 6, 1)


def test_reference_argument_beats_front_matter() -> None:
    text = f"---\nretrieved: 2023-06-01\n---\n{CARD}"
    assert paperfeed.parse_text(text, reference=REF).reference == REF


def test_no_reference_means_today_with_a_note() -> None:
    feed = paperfeed.parse_text(CARD)
    assert feed.reference == datetime.date.today()
    [note] = feed.diagnostics
    assert (note.code, note.severity, note.line) == ("reference-today", Severity.INFO, 0)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("today", REF),
        ("yesterday", REF - datetime.timedelta(days=1)),
        ("3 days ago", REF - datetime.timedelta(days=3)),
    ],
)
def test_relative_dates(printed: str, expected: datetime.date) -> None:
    paper = one(f"Title One\n\nAbstract.\n  • 3 authors\n·\n{printed}\n")
    assert paper.published == expected
    assert paper.published_text == printed
    assert not paper.year_inferred


def test_whitespace_normalized_titles_and_abstracts() -> None:
    paper = one(
        "  Title \t  One \n\n An   abstract\u2003 about\u00a0things. \n"
        "  • 3 authors\n·\nFeb 15, 2023\n"
    )
    assert paper.title == "Title One"
    assert paper.abstract == "An abstract about things."


def test_unknown_lines_become_located_diagnostics() -> None:
    text = "Dec 12\n" + CARD + "·\n   stray junk\n"
    feed = parse(text)
    assert feed.papers == (BASE,)
    assert [(d.line, d.column, d.text) for d in feed.errors] == [
        (9, 1, "·"),
        (10, 4, "   stray junk"),
    ]


def test_strict_mode_raises_with_location() -> None:
    text = "Dec 12\n" + CARD + "\n  junk line\n"
    with pytest.raises(paperfeed.ParseError) as info:
        parse(text, strict=True)
    err = info.value
    assert (err.lineno, err.colno) == (10, 3)
    assert "line 10, column 3" in str(err)
    assert parse(CARD, strict=True).papers == (BASE,)


def test_strict_raises_on_impossible_date() -> None:
    with pytest.raises(paperfeed.ParseError, match="Feb 30, 2023"):
        parse(CARD.replace("Feb 15", "Feb 30"), strict=True)
    paper = one(CARD.replace("Feb 15", "Feb 30"))
    assert paper.published is None
    assert paper.published_text == "Feb 30, 2023"


def test_iter_papers_streams_from_a_file() -> None:
    handle = io.StringIO("Dec 12\n\n" + CARD * 3)
    stream = paperfeed.iter_papers(handle, reference=REF)
    first = next(stream)
    assert first == BASE
    assert stream.date == datetime.date(2025, 12, 12)
    assert list(stream) == [BASE, BASE]
    assert stream.diagnostics == ()


def test_iter_papers_takes_crlf_file_opened_with_newline_empty() -> None:
    raw = ("Dec 12\r\r" + CARD.replace("\n", "\r")).encode()
    handle = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", newline="")
    assert list(paperfeed.iter_papers(handle, reference=REF)) == [BASE]


def test_iter_papers_splits_chunks_that_hold_several_lines() -> None:
    # A list of multi-line strings reads like the text they make up, line numbers too.
    chunks = [
        "Dec 12\n\nTitle One\n\nAn abstract about things.\n",
        "  • 3 authors\n·\n",
        "Feb 15, 2023\n\njunk\n",
    ]
    stream = paperfeed.iter_papers(chunks, reference=REF)
    assert list(stream) == [BASE]
    assert stream.diagnostics == parse("".join(chunks)).diagnostics
    assert [(d.line, d.text) for d in stream.diagnostics] == [(10, "junk")]


def test_iter_papers_callback_receives_diagnostics() -> None:
    seen: list[paperfeed.Diagnostic] = []
    stream = paperfeed.iter_papers(
        io.StringIO(CARD + "junk\n"), reference=REF, on_diagnostic=seen.append
    )
    assert list(stream) == [BASE]
    assert [d.text for d in seen] == ["junk"]
    assert stream.diagnostics == ()


def test_wrong_argument_types() -> None:
    with pytest.raises(TypeError, match="decode bytes first"):
        paperfeed.parse_text(b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="parse_text"):
        paperfeed.iter_papers("a string")
    with pytest.raises(TypeError, match=r"datetime\.date"):
        paperfeed.parse_text("x", reference="2024-01-01")  # type: ignore[arg-type]


def test_page_with_no_cards() -> None:
    # A papers page that lists nothing: an empty feed that says so.
    feed = parse("new\nSubscribe\nDaily Papers\n")
    assert feed.papers == ()
    assert [(d.code, d.severity, d.line) for d in feed.diagnostics] == [
        ("no-papers", Severity.WARNING, 0)
    ]


def test_unreadable_date_line_still_ends_the_card() -> None:
    # Found in review: "Aug 20, 2022 · 3" was not a date, so card B merged into card A.
    text = (
        "Dec 12\n\nTitle A\n\nAbstract A.\n\n  • 6 authors\n·\nAug 20, 2022 · 3\n\n"
        "Title B\n\nAbstract B.\n\n  • 3 authors\n·\nJul 1, 2022\n"
    )
    feed = parse(text)
    assert [p.title for p in feed.papers] == ["Title A", "Title B"]
    first, second = feed.papers
    assert (first.abstract, first.authors, first.published) == ("Abstract A.", AuthorCount(6), None)
    assert first.published_text == "Aug 20, 2022 · 3"
    assert second == Paper(
        title="Title B",
        abstract="Abstract B.",
        authors=AuthorCount(3),
        published=datetime.date(2022, 7, 1),
        published_text="Jul 1, 2022",
    )
    [error] = feed.errors
    assert (error.code, error.line, error.text) == ("invalid-date", 9, "Aug 20, 2022 · 3")
    with pytest.raises(paperfeed.ParseError, match="line 9, column 1"):
        parse(text, strict=True)


def test_date_without_comma_is_a_year() -> None:
    paper = one("Title One\n\nAbstract.\n  • 3 authors\n·\nAug 20 2022\n")
    assert (paper.published, paper.comments) == (datetime.date(2022, 8, 20), None)


def test_submitted_by_split_over_two_lines() -> None:
    text = (
        "Submitted by\nakhaliq\nUpvote\n117\nTitle One\n\nAn abstract about things.\n\n"
        "  • 3 authors\n·\nPublished on Feb 15, 2023\n"
    )
    assert one(text) == _evolve(BASE, upvotes=117, submitted_by="akhaliq")


def test_submitted_by_with_its_date() -> None:
    text = "Submitted by akhaliq on Jan 17, 2024\n" + CARD
    assert one(text).submitted_by == "akhaliq"


def test_a_stray_separator_and_date_are_reported() -> None:
    feed = parse(CARD + "·\nJul 9\n")
    assert feed.papers == (BASE,)
    assert [(d.code, d.line) for d in feed.errors] == [("unknown-line", 8), ("no-title", 9)]


def test_without_a_reference_the_page_date_serves() -> None:
    # Found in review: resolving against today put "Jul 9" after the page's own "Dec 12".
    from paperfeed._dates import resolve_month_day

    text = "Dec 12\n\n" + CARD.replace("Feb 15, 2023", "Dec 13") + CARD
    feed = paperfeed.parse_text(text)
    page = resolve_month_day(12, 12, datetime.date.today())
    assert feed.date == page
    assert feed.reference == page
    assert page is not None
    # Dec 13 is a day after the page: within the skew, so the same year.
    assert feed.papers[0].published == datetime.date(page.year, 12, 13)
    [note] = feed.diagnostics
    assert (note.code, note.severity, note.line, note.text) == (
        "reference-page-date",
        Severity.INFO,
        1,
        "Dec 12",
    )


def test_parse_text_reads_a_single_paper_page() -> None:
    text = (
        "arxiv:2401.08406\nRAG vs Fine-tuning\nPublished on Jan 16, 2024\n"
        "Submitted by akhaliq on Jan 17, 2024\n#1 Paper of the day\nUpvote\n53\n"
        "Authors:\nAngels Balaguer, Vinamra Benara\nAbstract\nWe compare things.\n"
    )
    feed = parse(text)
    assert feed.kind is paperfeed.PageKind.PAPER
    [paper] = feed.papers
    assert (paper.paper_id, paper.title, paper.upvotes, paper.submitted_by) == (
        "2401.08406",
        "RAG vs Fine-tuning",
        53,
        "akhaliq",
    )
    assert paper.authors == AuthorCount(2, ("Angels Balaguer", "Vinamra Benara"))


def test_iter_papers_on_a_binary_file_says_how_to_fix_it() -> None:
    with pytest.raises(TypeError, match="text mode"):
        list(paperfeed.iter_papers(io.BytesIO(CARD.encode())))  # type: ignore[arg-type]


def test_papers_are_freed_with_their_feed_without_a_collection() -> None:
    # The parser's internals hold a reference cycle; the papers must not be caught in it,
    # or a dropped feed's papers would wait for the next garbage collection.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        feed = parse(CARD * 3)
        first, last = weakref.ref(feed.papers[0]), weakref.ref(feed.papers[-1])
        del feed
        assert first() is None
        assert last() is None
    finally:
        if was_enabled:
            gc.enable()
