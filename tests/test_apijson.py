"""Tests of the Hub API JSON parser: every input shape, tolerance, strict mode."""

from __future__ import annotations

import datetime
import html
import json
import pathlib
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperfeed import ParseError
from paperfeed._apijson import paper_from_entry, parse_api_json
from paperfeed._common import DiagnosticSink
from paperfeed._models import AuthorCount, PageKind, Severity

DAILY = pathlib.Path(__file__).parent / "data" / "html" / "hf-daily-2026-09-28.html"
REF = datetime.date(2026, 10, 1)
UTC = datetime.timezone.utc


def _props() -> dict[str, Any]:
    """The page props of the real daily page, read with re + json only."""
    page = DAILY.read_text(encoding="utf-8")
    m = re.search(r'data-target="DailyPapers" data-props="([^"]*)"', page)
    assert m is not None
    props: dict[str, Any] = json.loads(html.unescape(m[1]))
    return props


def _codes(feed: Any) -> list[str]:
    return [d.code for d in feed.diagnostics]


ENTRY = {
    "paper": {
        "id": "2609.00001",
        "title": "  A   Paper\nTitle ",
        "summary": "An\n abstract.",
        "authors": [
            {"name": "Ada Lovelace", "hidden": False},
            {"name": "Alan  Turing", "hidden": True},
        ],
        "publishedAt": "2026-09-24T23:30:00.000-02:00",
        "submittedOnDailyAt": "2026-09-28T09:15:00.000Z",
        "submittedOnDailyBy": {"name": "daily-user", "fullname": "Daily User"},
        "upvotes": 0,
        "githubRepo": "https://github.com/x/y",
        "githubStars": 7,
        "projectPage": "https://x.github.io/y",
        "ai_summary": "It does things.",
        "ai_keywords": ["diffusion", "  layer fusion "],
        "organization": {"name": "org-id", "fullname": "The Org"},
    },
    "numComments": 3,
    "submittedBy": {"name": "entry-user", "fullname": "Entry User"},
}


def test_entry_maps_every_field() -> None:
    paper = paper_from_entry(ENTRY)
    assert paper is not None
    assert paper.title == "A Paper Title"
    assert paper.abstract == "An abstract."
    assert paper.authors == AuthorCount(2, ("Ada Lovelace", "Alan Turing"))
    assert paper.organization == "The Org"
    assert paper.published == datetime.date(2026, 9, 25)  # 23:30 at -02:00 is the 25th UTC
    assert paper.published_text is None
    assert paper.year_inferred is False
    assert paper.comments == 3
    assert paper.upvotes == 0
    assert paper.paper_id == "2609.00001"
    assert paper.submitted_by == "entry-user"
    assert paper.featured_at == datetime.datetime(2026, 9, 28, 9, 15, tzinfo=UTC)
    assert paper.github_repo == "https://github.com/x/y"
    assert paper.github_stars == 7
    assert paper.project_page == "https://x.github.io/y"
    assert paper.ai_summary == "It does things."
    assert paper.ai_keywords == ("diffusion", "layer fusion")


def test_submitter_falls_back_to_submitted_on_daily_by() -> None:
    entry = {**ENTRY, "submittedBy": None}
    paper = paper_from_entry(entry)
    assert paper is not None
    assert paper.submitted_by == "daily-user"


def test_shape_a_daily_papers_list_matches_source() -> None:
    entries = _props()["dailyPapers"]
    feed = parse_api_json(json.dumps(entries, indent=1), reference=REF)
    assert feed.diagnostics == ()
    assert feed.kind is None
    assert [p.paper_id for p in feed.papers] == [e["paper"]["id"] for e in entries]
    for paper, entry in zip(feed.papers, entries):
        raw = entry["paper"]
        assert paper.title == " ".join(raw["title"].split())
        assert paper.upvotes == raw["upvotes"]
        assert paper.comments == entry["numComments"]
        assert paper.authors is not None
        assert paper.authors.names == tuple(" ".join(a["name"].split()) for a in raw["authors"])
        assert paper.published == datetime.date.fromisoformat(raw["publishedAt"][:10])


def test_shape_b_flat_search_results() -> None:
    data = [
        {
            "id": "2401.08406",
            "title": "RAG vs Fine-tuning",
            "summary": "We compare.",
            "authors": [{"name": "A"}, {"name": "B"}],
            "upvotes": 53,
            "publishedAt": "2024-01-16T00:00:00.000Z",
        },
        {
            "paper": {"id": "2402.00001", "title": "Wrapped"},
            "title": "Outer title",
            "numComments": 2,
        },
    ]
    feed = parse_api_json(data, reference=REF)
    assert [(p.paper_id, p.title) for p in feed.papers] == [
        ("2401.08406", "RAG vs Fine-tuning"),
        ("2402.00001", "Wrapped"),
    ]
    assert feed.papers[0].abstract == "We compare."
    assert feed.papers[0].authors == AuthorCount(2, ("A", "B"))
    assert feed.papers[0].published == datetime.date(2024, 1, 16)
    assert feed.papers[1].comments == 2


def test_shape_c_single_paper() -> None:
    feed = parse_api_json(json.dumps(ENTRY["paper"]), reference=REF)
    assert feed.kind is PageKind.PAPER
    assert len(feed.papers) == 1
    assert feed.papers[0].submitted_by == "daily-user"
    assert feed.papers[0].comments is None


@pytest.mark.parametrize(
    ("meta", "kind", "start", "end"),
    [
        (
            {"dateString": "2026-09-28", "periodType": "day"},
            PageKind.DAILY,
            datetime.date(2026, 9, 28),
            datetime.date(2026, 9, 28),
        ),
        (
            {"dateString": "2026-W39", "periodType": "week"},
            PageKind.WEEKLY,
            datetime.date(2026, 9, 21),
            datetime.date(2026, 9, 27),
        ),
        (
            {"dateString": "2024-02", "periodType": "month"},
            PageKind.MONTHLY,
            datetime.date(2024, 2, 1),
            datetime.date(2024, 2, 29),
        ),
        (
            {"dateString": "2026-09-28", "isTrending": True},
            PageKind.TRENDING,
            datetime.date(2026, 9, 28),
            datetime.date(2026, 9, 28),
        ),
    ],
)
def test_shape_d_page_props(
    meta: dict[str, Any], kind: PageKind, start: datetime.date, end: datetime.date
) -> None:
    feed = parse_api_json({**meta, "dailyPapers": [ENTRY], "query": {}})
    assert feed.kind is kind
    assert (feed.period_start, feed.period_end) == (start, end)
    assert feed.date == start
    assert feed.reference == start  # the page date, as no reference was given
    assert feed.diagnostics == ()
    assert feed.query is None


def test_shape_d_search_query() -> None:
    feed = parse_api_json(
        {"dailyPapers": [ENTRY], "query": {"q": " source  citations "}}, reference=REF
    )
    assert feed.kind is PageKind.SEARCH
    assert feed.query == "source citations"


def test_real_props_dict() -> None:
    feed = parse_api_json(_props())
    assert len(feed.papers) == 28
    assert feed.kind is PageKind.DAILY
    assert feed.date == feed.reference == datetime.date(2026, 9, 28)


def test_reference_argument_wins_and_today_is_noted() -> None:
    feed = parse_api_json({"dailyPapers": [], "dateString": "2026-09-28"}, reference=REF)
    assert feed.reference == REF
    feed = parse_api_json([ENTRY])
    assert feed.reference == datetime.date.today()
    assert _codes(feed) == ["reference-today"]
    assert feed.diagnostics[0].severity is Severity.INFO


def test_malformed_json_is_located() -> None:
    feed = parse_api_json('[\n  {"title": "ok"},\n  {"title": oops}\n]', reference=REF)
    assert [p.title for p in feed.papers] == ["ok"]
    [diag] = feed.diagnostics
    assert (diag.code, diag.severity, diag.line, diag.column) == (
        "invalid-json",
        Severity.ERROR,
        3,
        13,
    )


def test_truncated_download_keeps_complete_entries() -> None:
    text = json.dumps(_props(), indent=2)
    feed = parse_api_json(text[: len(text) // 2], reference=REF)
    assert 5 < len(feed.papers) < 28
    assert feed.errors[0].code == "invalid-json"
    assert feed.kind is None or feed.kind is PageKind.DAILY


def test_non_dict_entries_are_skipped_with_their_location() -> None:
    text = '[\n1,\n"two",\n{"title": "three"},\nnull,\n{"paper": {"id": "x"}}\n]'
    feed = parse_api_json(text, reference=REF)
    assert [p.title for p in feed.papers] == ["three"]
    assert [(d.code, d.line) for d in feed.diagnostics] == [
        ("not-an-entry", 2),
        ("not-an-entry", 3),
        ("not-an-entry", 5),
        ("no-title", 6),
    ]
    assert all(d.severity is Severity.ERROR for d in feed.diagnostics)


def test_wrong_field_types_are_dropped_with_warnings() -> None:
    entry = {
        "paper": {
            "title": "T",
            "upvotes": "many",
            "githubStars": -1,
            "id": 5,
            "authors": "nobody",
            "publishedAt": "yesterday",
            "ai_keywords": [1, 2],
        },
        "numComments": True,
    }
    feed = parse_api_json([entry], reference=REF)
    [paper] = feed.papers
    assert paper.upvotes is None
    assert paper.github_stars is None
    assert paper.paper_id is None
    assert paper.authors is None
    assert paper.published is None
    assert paper.comments is None
    assert paper.ai_keywords == ()
    assert len(feed.diagnostics) == 7
    assert {d.severity for d in feed.diagnostics} == {Severity.WARNING}


def test_strict_mode_raises_parse_error() -> None:
    with pytest.raises(ParseError) as info:
        parse_api_json('[{"title": "ok"},\n 42]', reference=REF, strict=True)
    assert (info.value.code, info.value.lineno, info.value.colno) == ("not-an-entry", 2, 2)
    with pytest.raises(ParseError, match="invalid JSON"):
        parse_api_json("[{", reference=REF, strict=True)
    # Warnings do not raise in strict mode.
    feed = parse_api_json([{"title": "T", "upvotes": -3}], reference=REF, strict=True)
    assert feed.papers[0].upvotes is None


def test_wrong_argument_type_raises_type_error() -> None:
    with pytest.raises(TypeError, match="parse_api_json"):
        parse_api_json(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reference"):
        parse_api_json("[]", reference="2026-09-28")  # type: ignore[arg-type]


def test_bytes_with_bom_and_invalid_utf8() -> None:
    feed = parse_api_json(b'\xef\xbb\xbf[{"title": "caf\xc3\xa9"}]', reference=REF)
    assert feed.papers[0].title == "café"
    feed = parse_api_json('[{"title": "x"}]'.encode("utf-16"), reference=REF)
    assert feed.papers[0].title == "x"
    feed = parse_api_json(b'[{"title": "bad \xff byte"}]', reference=REF)
    assert feed.papers[0].title == "bad \ufffd byte"
    assert _codes(feed) == ["encoding"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "null",
        "42",
        '"x"',
        "{}",
        '{"dailyPapers": 3}',
        "[" * 100_000,
        '[{"title": "a"}] trailing',
    ],
)
def test_odd_documents_never_raise(text: str) -> None:
    feed = parse_api_json(text, reference=REF)
    assert feed.errors
    assert len(feed.papers) == (1 if "trailing" in text else 0)


def test_paper_from_entry_reports_to_the_sink() -> None:
    sink = DiagnosticSink(strict=False)
    assert paper_from_entry(["not", "a", "dict"], sink, line=4, column=2) is None
    assert [(d.code, d.line, d.column) for d in sink.items] == [("not-an-entry", 4, 2)]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "paper",
                    "title",
                    "id",
                    "upvotes",
                    "authors",
                    "dailyPapers",
                    "numComments",
                    "publishedAt",
                    "submittedBy",
                    "organization",
                    "name",
                    "query",
                    "q",
                    "dateString",
                    "ai_keywords",
                    "githubStars",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_any_json_value_never_raises(value: Any) -> None:
    if not isinstance(value, (list, dict)):
        value = [value]
    feed = parse_api_json(value, reference=REF)
    assert all(p.title.strip() for p in feed.papers)
    assert parse_api_json(json.dumps(value), reference=REF).papers == feed.papers


@settings(max_examples=300, deadline=None)
@given(st.text() | st.binary())
def test_any_text_or_bytes_never_raises(data: str | bytes) -> None:
    feed = parse_api_json(data, reference=REF)
    assert feed.reference == REF


@pytest.mark.parametrize(
    ("text", "titles", "line", "column", "message"),
    [
        ('[{"title": "a"} {"title": "b"}]', ["a"], 1, 17, "Expecting ',' delimiter"),
        ('[{"title": "a"},', ["a"], 1, 17, "Expecting value"),
        ('[{"title": "a"}', ["a"], 1, 16, "Unterminated array"),
        ('{"dailyPapers": [{"title": "a"}, {"ti', ["a"], 1, 35, "Unterminated string"),
        ('{"dailyPapers": [{"title": "a"}] "x": 1}', ["a"], 1, 34, "Expecting ',' delimiter"),
        ('{"dailyPapers": [{"title": "a"}]', ["a"], 1, 33, "Unterminated object"),
        ('{"dailyPapers" [{"title": "a"}]}', [], 1, 16, "Expecting ':' delimiter"),
        ('{1: 2, "dailyPapers": []}', [], 1, 2, "property name"),
        ('{"x": 1, "dailyPapers": []', [], 1, 27, "Unterminated object"),
        ('{"dailyPapers": [' + "9" * 5000 + "]}", [], 1, 18, "digits"),
    ],
)
def test_malformed_documents_salvage_and_locate(
    text: str, titles: list[str], line: int, column: int, message: str
) -> None:
    feed = parse_api_json(text, reference=REF)
    assert [p.title for p in feed.papers] == titles
    errors = [d for d in feed.errors if d.code == "invalid-json"]
    assert [(d.line, d.column) for d in errors] == [(line, column)]
    assert message in errors[0].message


def test_lenient_field_forms() -> None:
    entry = {
        "title": "T",
        "publishedAt": "2026-09-28T23:00:00",  # naive: read as UTC
        "submittedOnDailyAt": "20260928T101500Z",  # basic ISO form
        "organization": "  Plain  Org ",
        "authors": [{"name": "A"}, {"hidden": True}, "B"],
    }
    feed = parse_api_json({"dailyPapers": [entry], "periodType": "week"}, reference=REF)
    [paper] = feed.papers
    assert paper.published == datetime.date(2026, 9, 28)
    assert paper.featured_at == datetime.datetime(2026, 9, 28, 10, 15, tzinfo=UTC)
    assert paper.organization == "Plain Org"
    assert paper.authors == AuthorCount(3, ("A", "B"))
    assert _codes(feed) == ["bad-field"]
    assert feed.kind is PageKind.WEEKLY  # from periodType when dateString is missing
    assert feed.date is None


def test_str_with_bom_and_bad_date_string() -> None:
    feed = parse_api_json('\ufeff{"dailyPapers": [], "dateString": "2026-13"}', reference=REF)
    assert feed.diagnostics == ()
    assert (feed.date, feed.kind, feed.period_start) == (None, None, None)
