"""Tests of the HTML parser: the real daily page (JSON and DOM), encodings, hostile input."""

from __future__ import annotations

import datetime
import html
import json
import pathlib
import re
from typing import Any

import bs4
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperfeed import ParseError
from paperfeed._models import AuthorCount, Feed, PageKind, Severity
from paperfeed._read.html import parse_html

DAILY = pathlib.Path(__file__).parent / "data" / "html" / "hf-daily-2026-09-28.html"
REF = datetime.date(2026, 10, 1)
UTC = datetime.timezone.utc
PROPS_RE = re.compile(r'data-target="DailyPapers" data-props="([^"]*)"')


def _ws(text: str) -> str:
    return " ".join(text.split())


def _entries() -> list[dict[str, Any]]:
    """The daily page's entries, read with re + json + html.unescape only."""
    m = PROPS_RE.search(DAILY.read_text(encoding="utf-8"))
    assert m is not None
    entries: list[dict[str, Any]] = json.loads(html.unescape(m[1]))["dailyPapers"]
    return entries


def _without_props() -> str:
    """The daily page with every data-props attribute removed."""
    return re.sub(r' data-props="[^"]*"', "", DAILY.read_text(encoding="utf-8"))


def _codes(feed: Feed) -> list[str]:
    return [d.code for d in feed.diagnostics]


def card(
    paper_id: str,
    title: str,
    upvotes: str = "5",
    comments: int | None = 1,
    submitter: str | None = "someone",
    authors: int | None = 3,
    org: str | None = None,
    stars: str | None = None,
    extra: str = "",
) -> str:
    """One card in the markup the site uses (trimmed of classes and icons)."""
    meta = (
        f'<a href="/{org.replace(" ", "-")}"><img alt="x"><span>{org}</span></a>'
        if org
        else f'<a href="/papers/{paper_id}"><ul><li title="A"></li><li><div>'
        f"<div>·</div> {authors} authors</div></li></ul></a>"
    )
    return (
        f'<article><a href="/papers/{paper_id}"><img src="t.png"></a>'
        + (f"<div>Submitted by <div><img></div> {submitter}</div>" if submitter else "")
        + f'<div><a href="/login?next=%2Fpapers%2F{paper_id}"><div role="checkbox">'
        f'<input type="checkbox"><svg></svg><div>{upvotes}</div></div></a></div>'
        f'<div><h3><a href="/papers/{paper_id}">{title}</a></h3><div>{meta}<div>'
        + (f'<a href="/papers/{paper_id}"><svg></svg> <span>{stars}</span></a>' if stars else "")
        + (f'<a href="/papers/{paper_id}#community"><svg></svg> {comments}</a>' if comments else "")
        + f"{extra}</div></div></div></article>"
    )


def page(body: str, head: str = "", props: str | None = None, target: str = "DailyPapers") -> str:
    attr = "" if props is None else f' data-props="{html.escape(props)}"'
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>'
        f'<div class="SVELTE_HYDRATER contents" data-target="{target}"{attr}>'
        f"<section>{body}</section></div></body></html>"
    )


# -- the real page -----------------------------------------------------------------------


def test_golden_daily_page_every_field() -> None:
    entries = _entries()
    feed = parse_html(DAILY.read_bytes())
    assert feed.diagnostics == ()
    assert feed.kind is PageKind.DAILY
    assert feed.date == feed.reference == datetime.date(2026, 9, 28)
    assert (feed.period_start, feed.period_end) == (feed.date, feed.date)
    assert feed.source_url == "https://huggingface.co/papers"
    assert feed.query is None
    assert len(feed.papers) == len(entries) == 28
    for paper, entry in zip(feed.papers, entries):
        raw = entry["paper"]
        org = raw.get("organization") or entry.get("organization")
        assert paper.title == _ws(raw["title"])
        assert paper.abstract == _ws(raw["summary"])
        assert paper.authors == AuthorCount(
            len(raw["authors"]), tuple(_ws(a["name"]) for a in raw["authors"])
        )
        assert paper.organization == (_ws(org["fullname"]) if org else None)
        assert (
            paper.published
            == datetime.datetime.fromisoformat(raw["publishedAt"].replace("Z", "+00:00"))
            .astimezone(UTC)
            .date()
        )
        assert paper.published_text is None
        assert paper.year_inferred is False
        assert paper.comments == entry["numComments"]
        assert paper.upvotes == raw["upvotes"]
        assert paper.paper_id == raw["id"]
        assert paper.submitted_by == entry["submittedBy"]["name"]
        assert paper.featured_at == datetime.datetime.fromisoformat(
            raw["submittedOnDailyAt"].replace("Z", "+00:00")
        )
        assert paper.github_repo == raw.get("githubRepo")
        assert paper.github_stars == raw.get("githubStars")
        assert paper.project_page == raw.get("projectPage")
        assert paper.ai_summary == raw.get("ai_summary")
        assert paper.ai_keywords == tuple(raw.get("ai_keywords", ()))


def test_golden_page_as_text_and_as_soup_agree() -> None:
    from_bytes = parse_html(DAILY.read_bytes())
    assert parse_html(DAILY.read_text(encoding="utf-8")) == from_bytes
    soup = bs4.BeautifulSoup(DAILY.read_bytes(), "html.parser")
    assert parse_html(soup).papers == from_bytes.papers
    assert parse_html(soup).source_url == from_bytes.source_url


def _check_dom_matches_json(feed: Feed) -> None:
    entries = _entries()
    assert [p.paper_id for p in feed.papers] == [e["paper"]["id"] for e in entries]
    for paper, entry in zip(feed.papers, entries):
        raw = entry["paper"]
        assert paper.title == _ws(raw["title"])
        assert paper.upvotes == raw["upvotes"]
        assert paper.comments == entry["numComments"]
        assert paper.submitted_by == entry["submittedBy"]["name"]
        assert paper.github_stars == raw.get("githubStars")
        org = raw.get("organization")
        if org:  # the card shows the organisation chip instead of the author count
            assert paper.organization == _ws(org["fullname"])
            assert paper.authors is None
        else:
            assert paper.authors == AuthorCount(len(raw["authors"]))
            assert paper.organization is None


def test_dom_fallback_without_data_props() -> None:
    feed = parse_html(_without_props())
    _check_dom_matches_json(feed)
    assert _codes(feed) == ["dom-fallback"]
    assert feed.diagnostics[0].severity is Severity.WARNING
    assert "no data-props" in feed.diagnostics[0].message
    # The date navigator ("Sep 28" beside the 2026-09-25 link) gives the page date.
    assert feed.date == feed.reference == datetime.date(2026, 9, 28)
    assert feed.kind is PageKind.DAILY
    assert feed.source_url == "https://huggingface.co/papers"


def test_dom_fallback_from_soup() -> None:
    feed = parse_html(bs4.BeautifulSoup(_without_props(), "html.parser"))
    _check_dom_matches_json(feed)
    assert _codes(feed) == ["dom-fallback"]


def test_truncated_json_falls_back_to_dom() -> None:
    text = DAILY.read_text(encoding="utf-8")
    m = PROPS_RE.search(text)
    assert m is not None
    cut = text[: m.start(1) + len(m[1]) // 2] + text[m.end(1) :]  # JSON cut mid-way
    feed = parse_html(cut, reference=REF)
    _check_dom_matches_json(feed)
    assert _codes(feed) == ["dom-fallback"]
    assert "malformed or truncated" in feed.diagnostics[0].message
    assert feed.reference == REF


def test_malformed_json_falls_back_to_dom() -> None:
    body = card("2609.00001", "From the card", upvotes="12", comments=4, authors=6)
    feed = parse_html(
        page(
            body,
            props='{"dailyPapers": [{"paper": ',
        ),
        reference=REF,
    )
    [paper] = feed.papers
    assert (paper.paper_id, paper.title, paper.upvotes, paper.comments, paper.authors) == (
        "2609.00001",
        "From the card",
        12,
        4,
        AuthorCount(6),
    )
    assert _codes(feed) == ["dom-fallback"]


# -- hand-written pages ------------------------------------------------------------------


def test_trending_duplicate_cards_give_one_paper_per_id() -> None:
    desktop = card("2610.00001", "First", upvotes="117", comments=None, stars="62.2k")
    mobile = card("2610.00001", "First", upvotes="117", comments=3, org="Big Lab")
    second = card(
        "2610.00002",
        "Second",
        upvotes="-",
        comments=None,
        extra="<span>Published on Oct 4, 2026</span>",
    )
    head = '<link rel="canonical" href="https://huggingface.co/papers/trending">'
    feed = parse_html(page(desktop + second + mobile + second, head=head), reference=REF)
    assert [p.paper_id for p in feed.papers] == ["2610.00001", "2610.00002"]
    first, other = feed.papers
    assert (first.upvotes, first.github_stars, first.comments) == (117, 62_200, 0)
    assert first.organization == "Big Lab"  # filled in from the second rendering
    assert (other.upvotes, other.published, other.published_text) == (
        0,
        datetime.date(2026, 10, 4),
        "Oct 4, 2026",
    )
    assert feed.kind is PageKind.TRENDING
    assert feed.source_url == "https://huggingface.co/papers/trending"


def test_kind_and_period_from_url_without_json() -> None:
    head = '<meta property="og:url" content="https://huggingface.co/papers/week/2026-W39">'
    feed = parse_html(page(card("2609.00001", "T"), head=head))
    assert feed.kind is PageKind.WEEKLY
    assert (feed.period_start, feed.period_end) == (
        datetime.date(2026, 9, 21),
        datetime.date(2026, 9, 27),
    )
    assert feed.reference == datetime.date(2026, 9, 21)


def test_paper_content_single_page() -> None:
    props = json.dumps(
        {
            "paper": {
                "id": "2401.08406",
                "title": "RAG vs Fine-tuning",
                "summary": "Abstract text",
                "upvotes": 44,
                "authors": [{"name": "Angels Balaguer"}],
                "ai_keywords": ["RAG"],
                "ai_summary": "Short.",
            },
            "comments": [],
            "canSubmit": False,
        }
    )
    head = '<link rel="canonical" href="/papers/2401.08406">'
    feed = parse_html(
        page("<h1>RAG vs Fine-tuning</h1>", head, props, "PaperContent"), reference=REF
    )
    assert feed.kind is PageKind.PAPER
    [paper] = feed.papers
    assert (paper.paper_id, paper.upvotes, paper.ai_keywords, paper.ai_summary) == (
        "2401.08406",
        44,
        ("RAG",),
        "Short.",
    )
    assert feed.source_url == "https://huggingface.co/papers/2401.08406"
    assert feed.diagnostics == ()


def test_single_quoted_props_and_attribute_order() -> None:
    props = html.escape(json.dumps({"dailyPapers": [{"paper": {"title": "It's <b>"}}]}))
    text = (
        f"<div data-props='{props}' class=x data-target='DailyPapers'></div>"
        "<script>var s = '<div data-target=\"DailyPapers\">';</script>"
    )
    feed = parse_html(text, reference=REF)
    assert [p.title for p in feed.papers] == ["It's <b>"]


def test_bytes_declared_latin1_but_utf8() -> None:
    text = page(card("2609.00001", "Über Δ-models"), head="").replace(
        '<meta charset="utf-8">', '<meta charset="iso-8859-1">'
    )
    feed = parse_html(text.encode("utf-8"), reference=REF)
    assert feed.papers[0].title == "Über Δ-models"
    assert "charset" in _codes(feed)


def test_bytes_declared_utf8_but_cp1252() -> None:
    text = page(card("2609.00001", "Café “quoted”"))
    feed = parse_html(text.encode("cp1252"), reference=REF)
    assert feed.papers[0].title == "Café “quoted”"
    assert "charset" in _codes(feed)


def test_bytes_declared_cp1252_correctly() -> None:
    text = page(card("2609.00001", "Café “quoted”")).replace("utf-8", "windows-1252")
    feed = parse_html(text.encode("cp1252"), reference=REF)
    assert feed.papers[0].title == "Café “quoted”"
    assert "charset" not in _codes(feed)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bytes_with_bom(encoding: str) -> None:
    feed = parse_html(DAILY.read_text(encoding="utf-8").encode(encoding))
    assert len(feed.papers) == 28
    assert feed.diagnostics == ()


def test_str_with_bom() -> None:
    assert len(parse_html("\ufeff" + DAILY.read_text(encoding="utf-8")).papers) == 28


def test_soup_tag_input() -> None:
    soup = bs4.BeautifulSoup(page(card("2609.00001", "Tag title", upvotes="9")), "html.parser")
    section = soup.find("section")
    assert isinstance(section, bs4.Tag)
    feed = parse_html(section, reference=REF)
    assert [(p.title, p.upvotes) for p in feed.papers] == [("Tag title", 9)]


def test_entities_are_not_expanded() -> None:
    doctype = '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lollollol">]>'
    body = card("2609.00001", "A &xxe; and &lol; title")
    feed = parse_html(doctype + page(body)[len("<!DOCTYPE html>") :], reference=REF)
    [paper] = feed.papers
    assert paper.title == "A &xxe; and &lol; title"
    assert "root:" not in repr(feed)


def test_deeply_nested_page_does_not_crash() -> None:
    deep = "<div>" * 100_000 + card("2609.00001", "Deep") + "</div>" * 100_000
    feed = parse_html(page(deep), reference=REF)
    assert "html-truncated" in _codes(feed)
    assert "no-cards" in _codes(feed)
    # With the JSON present the nesting never reaches a tree builder.
    props = json.dumps({"dailyPapers": [{"paper": {"id": "2609.00001", "title": "Deep"}}]})
    feed = parse_html(page(deep, props=props), reference=REF)
    assert [p.title for p in feed.papers] == ["Deep"]
    assert feed.diagnostics == ()


def test_card_without_title_is_reported() -> None:
    body = card("2609.00001", "Good") + "\n<article><p>no heading</p></article>"
    feed = parse_html(page(body), reference=REF)
    assert [p.title for p in feed.papers] == ["Good"]
    no_title = [d for d in feed.diagnostics if d.code == "no-title"]
    assert [(d.severity, d.line) for d in no_title] == [(Severity.ERROR, 2)]


def test_strict_mode_raises_parse_error() -> None:
    with pytest.raises(ParseError) as info:
        parse_html("<html><body><p>nothing here</p></body></html>", REF, strict=True)
    assert info.value.code == "no-cards"
    props = json.dumps({"dailyPapers": [{"paper": {"title": "ok"}}, 7]})
    with pytest.raises(ParseError, match="not an object"):
        parse_html("\n\n" + page("", props=props), REF, strict=True)
    # Falling back to the cards is a warning: strict parsing still succeeds.
    feed = parse_html(page(card("2609.00001", "T")), REF, strict=True)
    assert _codes(feed) == ["dom-fallback"]


def test_bad_entry_in_json_is_located_at_the_props_tag() -> None:
    props = json.dumps({"dailyPapers": [{"paper": {"title": "ok"}}, 7]})
    feed = parse_html("\n\n" + page("", props=props), REF)
    assert [(d.code, d.line) for d in feed.diagnostics] == [("not-an-entry", 3)]


def test_wrong_argument_type_raises_type_error() -> None:
    with pytest.raises(TypeError, match="parse_html"):
        parse_html(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reference"):
        parse_html("", reference="2026-09-28")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text() | st.binary())
def test_any_text_or_bytes_never_raises(data: str | bytes) -> None:
    feed = parse_html(data, reference=REF)
    assert feed.reference == REF


_FRAGMENTS = st.sampled_from(
    [
        "<article>",
        "</article>",
        "<h3>",
        "</h3>",
        '<a href="/papers/2609.00001">',
        '<a href="/papers/2609.00001#community">',
        "</a>",
        '<div role="checkbox">',
        "</div>",
        "Submitted by",
        " 12 authors",
        "<div>·</div>",
        "-",
        "3",
        "1.2k",
        "Title",
        '<div data-target="DailyPapers" data-props="{&quot;dailyPapers&quot;:[',
        "&quot;",
        ']}">',
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "\x00",
        "\ud800",
        "&amp;",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
def test_card_like_soup_never_raises(text: str) -> None:
    feed = parse_html(text, reference=REF)
    assert all(p.title.strip() for p in feed.papers)
    from_bytes = parse_html(text.encode("utf-8", "surrogatepass"), reference=REF)
    if "\ud800" not in text:  # the bytes path reads the same page the same way
        assert from_bytes.papers == feed.papers
    assert len({p.paper_id for p in feed.papers if p.paper_id}) == len(
        [p for p in feed.papers if p.paper_id]
    )


def test_empty_json_list_with_cards_reads_cards_once() -> None:
    props = json.dumps({"dailyPapers": [7], "dateString": "2026-09-28"})
    feed = parse_html(page(card("2609.00001", "Only in the DOM"), props=props), REF)
    assert [p.title for p in feed.papers] == ["Only in the DOM"]
    assert sorted(_codes(feed)) == ["dom-fallback", "not-an-entry"]


def test_date_query_url_and_json_without_date() -> None:
    head = '<link rel="canonical" href="https://huggingface.co/papers?date=2026-09-28">'
    props = json.dumps({"dailyPapers": [{"paper": {"title": "T"}}]})
    feed = parse_html(page("", head, props))
    assert (feed.kind, feed.date, feed.reference) == (
        PageKind.DAILY,
        datetime.date(2026, 9, 28),
        datetime.date(2026, 9, 28),
    )
    assert feed.diagnostics == ()


def test_many_stray_targets_in_text() -> None:
    text = 'x data-target="DailyPapers" ' * 50_000 + page(card("2609.00001", "T"))
    feed = parse_html(text, reference=REF)
    assert [p.paper_id for p in feed.papers] == ["2609.00001"]


def test_deeply_nested_soup_does_not_crash() -> None:
    deep = "<div>" * 3_000 + card("2609.00001", "Deep") + "</div>" * 3_000
    feed = parse_html(bs4.BeautifulSoup(page(deep), "html.parser"), reference=REF)
    assert "html-truncated" in _codes(feed)


def test_empty_json_list_with_cards_in_soup_reads_cards_once() -> None:
    props = json.dumps({"dailyPapers": [7]})
    soup = bs4.BeautifulSoup(page(card("2609.00001", "DOM"), props=props), "html.parser")
    feed = parse_html(soup, REF)
    assert [p.title for p in feed.papers] == ["DOM"]
    assert sorted(_codes(feed)) == ["dom-fallback", "not-an-entry"]


def test_search_url_github_link_and_submitter_link() -> None:
    head = '<link rel="canonical" href="https://huggingface.co/papers?q=source+citations">'
    extra = '<a href="https://github.com/o/r">code</a>'
    body = card("2609.00001", "T", submitter=None, extra=extra).replace(
        "<article>", '<article><div>Submitted by <a href="/alice">alice</a></div>'
    )
    feed = parse_html(page(body, head=head), reference=REF)
    assert (feed.kind, feed.query) == (PageKind.SEARCH, "source citations")
    [paper] = feed.papers
    assert (paper.github_repo, paper.submitted_by, paper.organization) == (
        "https://github.com/o/r",
        "alice",
        None,
    )


def test_props_out_of_the_scans_reach_are_found_in_the_tree() -> None:
    props = html.escape(json.dumps({"dailyPapers": [{"paper": {"title": "Far"}}]}))
    text = f'<div title="{"x" * 5000}" data-props="{props}" data-target="DailyPapers"></div>'
    feed = parse_html(text, reference=REF)
    assert [p.title for p in feed.papers] == ["Far"]
    assert feed.diagnostics == ()


def test_canonical_url_from_soup_is_unescaped_once() -> None:
    page = (
        '<html><head><link rel="canonical" href="https://example.org/?q=a&amp;amp;b">'
        "</head><body></body></html>"
    )
    soup = bs4.BeautifulSoup(page, "html.parser")
    assert parse_html(soup).source_url == "https://example.org/?q=a&amp;b"
    assert parse_html(page).source_url == "https://example.org/?q=a&amp;b"


def test_strict_raises_the_first_error_tolerant_reports() -> None:
    # Found in review: a card error came first in the page but "no-cards" (line 0) sorted
    # before it, so strict and tolerant disagreed on the first problem.
    page = "<html><body>" + "<p>x</p>\n" * 9 + "<article><p>no title</p></article></body></html>"
    errors = parse_html(page).errors
    assert errors
    with pytest.raises(ParseError) as info:
        parse_html(page, strict=True)
    assert (info.value.code, info.value.lineno) == (errors[0].code, errors[0].line)
