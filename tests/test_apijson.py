"""Tests of the Hub API JSON parser: every input shape, tolerance, strict mode."""

from __future__ import annotations

import ast
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
from paperfeed._models import AuthorCount, PageKind, Severity
from paperfeed._read.apijson import paper_from_entry, parse_api_json
from paperfeed._read.diagnostics import DiagnosticSink

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
    # Every entry was listed on one UTC day, so the bare list is that day's daily list.
    [day] = {e["paper"]["submittedOnDailyAt"][:10] for e in entries}
    assert feed.kind is PageKind.DAILY
    assert feed.date == feed.period_start == feed.period_end == datetime.date.fromisoformat(day)
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


# -- real /api/daily_papers captures -----------------------------------------------------

REAL = pathlib.Path(__file__).parent / "data" / "real"
REPR = REAL / "api-daily-2025-01-07-python-repr-strings.json"
API_CAPTURES = sorted(p.name for p in REAL.glob("api-*.json") if ".expected." not in p.name)


def _entries_of(name: str) -> list[dict[str, Any]]:
    """The capture's entries, read with json (and ast for the repr strings) only."""
    data = json.loads((REAL / name).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return [ast.literal_eval(e) if isinstance(e, str) else e for e in data]


def _utc(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_every_api_capture_is_there() -> None:
    assert len(API_CAPTURES) == 7


@pytest.mark.parametrize("name", API_CAPTURES)
def test_real_api_capture_reads_every_entry_fully(name: str) -> None:
    entries = _entries_of(name)
    feed = parse_api_json((REAL / name).read_bytes())
    assert feed.errors == ()
    assert len(feed.papers) == len(entries)
    for paper, entry in zip(feed.papers, entries):
        raw = entry["paper"]
        assert paper.paper_id == raw["id"]
        assert paper.title == " ".join(raw["title"].split())
        assert paper.abstract == " ".join(raw["summary"].split())
        assert paper.upvotes == raw["upvotes"]
        assert paper.comments == entry["numComments"]
        assert paper.published == _utc(raw["publishedAt"]).date()
        if "authors" in raw:
            assert paper.authors is not None
            assert paper.authors.count == len(raw["authors"])
            assert paper.authors.names == tuple(" ".join(a["name"].split()) for a in raw["authors"])
        else:  # the no-authors and pruned captures
            assert paper.authors is None
        org = raw.get("organization") or entry.get("organization")
        assert paper.organization == (org["fullname"] if org else None)
        submitter = entry.get("submittedBy") or raw.get("submittedOnDailyBy")
        assert paper.submitted_by == (submitter["name"] if submitter else None)
        assert paper.github_repo == raw.get("githubRepo")
        assert paper.github_stars == raw.get("githubStars")
        assert paper.project_page == raw.get("projectPage")
        assert paper.ai_summary == raw.get("ai_summary")
        assert paper.ai_keywords == tuple(raw.get("ai_keywords", ()))
        if "submittedOnDailyAt" in raw:
            assert paper.featured_at == _utc(raw["submittedOnDailyAt"])
        else:  # 2024 and early 2025: the entry's own publishedAt is when it was listed
            assert paper.featured_at == _utc(entry["publishedAt"])


def test_late_2025_schema_fields() -> None:
    # Read off the file: 2510.12586 by AMAP-ML, 48 stars; 7 of 26 papers have AI summaries.
    feed = parse_api_json((REAL / "api-daily-2025-10-15.json").read_bytes())
    first = feed.papers[0]
    assert (first.paper_id, first.organization, first.github_stars) == ("2510.12586", "AMAP-ML", 48)
    assert first.github_repo == "https://github.com/AMAP-ML/EPG"
    assert first.featured_at == datetime.datetime(2025, 10, 15, 0, 25, 14, 164000, tzinfo=UTC)
    assert sum(p.ai_summary is not None for p in feed.papers) == 7
    assert (feed.kind, feed.date) == (PageKind.DAILY, datetime.date(2025, 10, 15))


def test_2024_schema_takes_the_listing_time_and_day() -> None:
    feed = parse_api_json((REAL / "api-daily-2024-05-27-indent4.json").read_bytes())
    first = feed.papers[0]
    assert first.paper_id == "2405.15738"
    assert first.published == datetime.date(2024, 5, 24)  # paper.publishedAt
    assert first.featured_at == datetime.datetime(2024, 5, 27, 3, 50, 58, 348000, tzinfo=UTC)
    assert first.submitted_by is None  # that schema names no submitter
    day = datetime.date(2024, 5, 27)
    assert (feed.kind, feed.date, feed.reference) == (PageKind.DAILY, day, day)
    assert [d.code for d in feed.diagnostics] == []


def test_newer_entry_published_at_is_not_a_listing_time() -> None:
    # From 2025-10 on, the entry's publishedAt is paper.publishedAt minus 4 hours.
    entry = {
        "paper": {"id": "1", "title": "T", "publishedAt": "2026-05-30T00:00:00.000Z"},
        "publishedAt": "2026-05-29T20:00:00.000Z",
    }
    paper = paper_from_entry(entry)
    assert paper is not None
    assert paper.featured_at is None
    assert paper.published == datetime.date(2026, 5, 30)


def test_python_repr_strings_are_recovered() -> None:
    feed = parse_api_json(REPR.read_bytes())
    assert len(feed.papers) == 16
    first = feed.papers[0]
    # Read off the file's first string.
    assert first.paper_id == "2501.02976"
    assert first.title == (
        "STAR: Spatial-Temporal Augmentation with Text-to-Video Models for "
        "Real-World Video Super-Resolution"
    )
    assert (first.upvotes, first.comments, first.submitted_by) == (35, 1, "SherryX")
    assert first.authors is not None
    assert first.authors.names[:2] == ("Rui Xie", "Yinhong Liu")
    assert first.featured_at == datetime.datetime(2025, 1, 6, 22, 1, 52, 386000, tzinfo=UTC)
    [note] = [d for d in feed.diagnostics if d.severity is not Severity.INFO]
    assert (note.code, note.severity, note.line, note.column) == (
        "string-entries",
        Severity.WARNING,
        2,
        5,
    )
    assert note.message.startswith("16 entries")
    # Listed from Jan 6 21:32 to Jan 7 11:17 UTC: no single day to name.
    assert (feed.kind, feed.date) == (None, None)


def test_a_broken_repr_string_is_located_and_the_rest_still_parse() -> None:
    lines = REPR.read_text(encoding="utf-8").split("\n")
    # Cut the third entry's string short (line 4), keeping the JSON valid.
    lines[3] = lines[3][:200] + '",'
    feed = parse_api_json("\n".join(lines))
    assert len(feed.papers) == 15
    [error] = feed.errors
    assert (error.code, error.line, error.column) == ("unreadable-entry", 4, 5)
    assert error.text.startswith("{'paper': {'id': '2501.03218'")
    with pytest.raises(ParseError) as info:
        parse_api_json("\n".join(lines), strict=True)
    assert (info.value.code, info.value.lineno) == ("unreadable-entry", 4)


def test_strings_are_never_run_as_code(tmp_path: pathlib.Path) -> None:
    marker = tmp_path / "ran"
    payload = f"{{'paper': {{'title': __import__('pathlib').Path({str(marker)!r}).touch()}}}}"
    feed = parse_api_json(json.dumps([payload, "{'paper': {'id': '1', 'title': 'Kept'}}"]))
    assert not marker.exists()
    assert [p.title for p in feed.papers] == ["Kept"]
    assert [d.code for d in feed.errors] == ["unreadable-entry"]


@pytest.mark.parametrize(
    "entry",
    [
        '{"paper": {"id": "1", "title": "Double-encoded JSON", "upvotes": 3}}',
        "{'paper': {'id': '1', 'title': 'Python repr', 'upvotes': 3, 'x': (1, 2), 'y': None}}",
    ],
)
def test_string_entry_forms(entry: str) -> None:
    feed = parse_api_json(json.dumps([entry]))
    assert [(p.paper_id, p.upvotes) for p in feed.papers] == [("1", 3)]
    assert feed.errors == ()


@pytest.mark.parametrize(
    "entry",
    ["{" * 100_000, "{'a': " + "1" * 100_000 + "}", "{'a': " + "[" * 5_000 + "]" * 5_000 + "}"],
)
def test_hostile_string_entries_fail_cleanly(entry: str) -> None:
    feed = parse_api_json(json.dumps([entry]))
    assert feed.papers == ()
    # A 100,000-digit int is a literal before Python 3.11's digit limit: then no title.
    [error] = feed.errors
    assert error.code in ("unreadable-entry", "no-title")
