"""paperfeed.strategies yields valid, steerable models that reach the edge cases."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import find, given
from hypothesis import strategies as st

import paperfeed
from paperfeed import strategies as ps
from paperfeed._render.text import render_text
from paperfeed._testing.plugin import _hypothesis_setup_hook
from paperfeed._testing.text_rules import paper_representable, representable_in_text

REF = datetime.date(2025, 1, 1)


def _card(**changes: object) -> paperfeed.Paper:
    base = paperfeed.Paper(
        title="A title",
        authors=paperfeed.AuthorCount(3),
        published=datetime.date(2023, 2, 15),
        published_text="Feb 15, 2023",
    )
    return attrs.evolve(base, **changes)  # type: ignore[arg-type]


@given(ps.papers(with_abstract=True, year_inferred=True, reference=REF, for_format="text"))
def test_papers_follow_keyword_arguments(paper: paperfeed.Paper) -> None:
    assert paper.abstract
    assert paper.year_inferred
    assert paper.published is not None
    assert REF - datetime.timedelta(days=367) < paper.published <= REF + datetime.timedelta(2)
    assert paper_representable(paper, REF)


@given(ps.papers(with_abstract=False, year_inferred=False, byline="organization"))
def test_papers_without_abstract_or_inferred_year(paper: paperfeed.Paper) -> None:
    assert paper.abstract is None
    assert not paper.year_inferred
    assert paper.organization is not None


@given(ps.feeds(min_papers=2, max_papers=3, reference=REF))
def test_feeds_respect_size_and_reference(feed: paperfeed.Feed) -> None:
    assert 2 <= len(feed.papers) <= 3
    assert feed.reference == REF


@given(ps.feeds(for_format="text"))
def test_text_feeds_are_representable(feed: paperfeed.Feed) -> None:
    assert representable_in_text(feed)


@given(ps.author_counts(with_names=True, min_count=1))
def test_author_counts_never_name_more_than_counted(authors: paperfeed.AuthorCount) -> None:
    assert 1 <= len(authors.names) <= authors.count


@given(ps.paper_ids())
def test_paper_ids_are_arxiv_ids(paper_id: str) -> None:
    url = f"https://arxiv.org/abs/{paper_id}"
    assert paperfeed.Paper(title="t", paper_id=paper_id).url is not None
    from paperfeed._common import find_paper_id

    assert find_paper_id(url) == paper_id


def test_strategies_reach_the_edge_cases() -> None:
    text_paper = ps.papers(reference=datetime.date(2024, 3, 1), for_format="text")
    zero_title = find(ps.papers(), lambda p: p.title == "0")
    assert zero_title.title == "0"
    # A copy without links never takes a bare number for a title: "0" is a count there.
    assert not paper_representable(zero_title, datetime.date(2024, 3, 1))
    assert find(ps.papers(), lambda p: p.upvotes == 0).upvotes == 0
    assert find(text_paper, lambda p: p.published_text == "Feb 29").published == datetime.date(
        2024, 2, 29
    )
    jan1 = ps.papers(reference=datetime.date(2025, 1, 1), year_inferred=True, for_format="text")
    assert find(jan1, lambda p: p.published_text == "Dec 31").published == datetime.date(
        2024, 12, 31
    )
    dec31 = ps.papers(reference=datetime.date(2024, 12, 31), year_inferred=True, for_format="text")
    assert find(dec31, lambda p: p.published_text == "Jan 2").published == datetime.date(2025, 1, 2)
    named = find(ps.author_counts(), lambda a: a.count > 0 and a.names == ())
    assert named.names == ()


def test_text_papers_need_a_reference() -> None:
    with pytest.raises(ValueError, match="reference"):
        ps.papers(for_format="text")
    with pytest.raises(ValueError, match="for_format"):
        ps.feeds(for_format="html")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "paper",
    [
        _card(featured_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)),
        _card(ai_summary="Summary."),
        _card(published_text=None),
        _card(published_text="Feb 16, 2023"),
        _card(title="Jul 9"),
        _card(title="3 authors"),
        _card(title="0", abstract="An abstract."),
        _card(title="0", upvotes=3),
        _card(title="arXiv:2306.01234"),
        _card(title="https://example.org/x"),
        _card(title="[1]"),
        _card(title="Subscribe"),
        _card(authors=None, abstract="Too short to be an abstract"),  # read as organisation
        _card(authors=None, organization="Meta Meta AI"),  # an avatar's alt text, then "Meta AI"
        _card(paper_id="hep-th/9901001"),  # the reader takes only new-style ids from links
        _card(organization="Meta AI"),
        _card(abstract="two  spaces"),
        _card(authors=paperfeed.AuthorCount(2, ("Doe, J.",))),
        _card(comments=10_000_000),
    ],
)
def test_unrepresentable_papers_are_rejected(paper: paperfeed.Paper) -> None:
    feed = paperfeed.Feed(reference=REF, date=REF, papers=[paper])
    assert not representable_in_text(feed)
    assert paperfeed.parse_text(render_text(feed), reference=REF) != feed


def test_a_lone_first_title_needs_a_year_or_the_page_date() -> None:
    paper = _card(authors=None, published=datetime.date(2024, 2, 15), published_text="Feb 15")
    paper = attrs.evolve(paper, year_inferred=True)
    assert representable_in_text(paperfeed.Feed(reference=REF, date=REF, papers=[paper]))
    assert not representable_in_text(paperfeed.Feed(reference=REF, papers=[paper]))
    # A year-less date before any card anchor is the page's own date.
    titled_only = paperfeed.parse_text(
        render_text(paperfeed.Feed(reference=REF, papers=[paper])), reference=REF
    )
    assert titled_only.papers == ()
    assert titled_only.date == datetime.date(2024, 2, 15)
    # A date line ending in its year anchors the card.
    dated = paperfeed.Feed(reference=REF, papers=[_card(authors=None)])
    assert representable_in_text(dated)
    assert paperfeed.parse_text(render_text(dated), reference=REF) == dated


def test_cards_read_in_the_first_cards_order() -> None:
    first = _card(submitted_by="akhaliq", upvotes=5)
    second = _card(title="Another title", upvotes=7)  # upvotes, but no "Submitted by"
    feed = paperfeed.Feed(reference=REF, date=REF, papers=[first, second])
    assert not representable_in_text(feed)
    searchlike = attrs.evolve(feed, papers=[attrs.evolve(first, submitted_by=None), second])
    assert representable_in_text(searchlike)
    assert paperfeed.parse_text(render_text(searchlike), reference=REF) == searchlike


def test_one_card_twice_is_one_card() -> None:
    card = _card(paper_id="2306.01234")
    twice = paperfeed.Feed(reference=REF, date=REF, papers=[card, card])
    assert not representable_in_text(twice)
    assert paperfeed.parse_text(render_text(twice), reference=REF).papers == (card,)
    unlinked = attrs.evolve(twice, papers=[_card(), _card()])
    assert representable_in_text(unlinked)  # two cards with one title, no id to join them


def test_page_facts_and_diagnostics_are_not_representable() -> None:
    note = paperfeed.Diagnostic("x", paperfeed.Severity.INFO, "note", 1)
    assert not representable_in_text(paperfeed.Feed(reference=REF, diagnostics=[note]))
    assert not representable_in_text(paperfeed.Feed(reference=REF, query="rag"))
    assert not representable_in_text(paperfeed.Feed(reference=REF, source_url="ftp://x"))
    # The view comes from the page URL: a feed must name the view its URL shows.
    url = "https://huggingface.co/papers"
    assert not representable_in_text(paperfeed.Feed(reference=REF, source_url=url))
    daily = paperfeed.Feed(reference=REF, source_url=url, kind=paperfeed.PageKind.DAILY)
    assert representable_in_text(daily)


def test_from_type_uses_the_registered_strategies() -> None:
    _hypothesis_setup_hook()
    seen: list[object] = []

    @given(
        st.from_type(paperfeed.Paper),
        st.from_type(paperfeed.Feed),
        st.from_type(paperfeed.AuthorCount),
        st.from_type(paperfeed.Diagnostic),
    )
    def check(
        paper: paperfeed.Paper,
        feed: paperfeed.Feed,
        authors: paperfeed.AuthorCount,
        diagnostic: paperfeed.Diagnostic,
    ) -> None:
        assert paper.title.strip()
        assert len(authors.names) <= authors.count
        assert diagnostic.code
        seen.append(feed)

    check()
    assert seen


def test_entry_point_registers_strategies_in_a_fresh_interpreter() -> None:
    # No paperfeed import beyond the models: Hypothesis itself must load the plugin.
    import subprocess
    import sys

    code = (
        "import re\n"
        "import warnings\n"
        "from hypothesis import strategies as st\n"
        "from paperfeed import Paper\n"
        "warnings.simplefilter('ignore')\n"
        "p = st.from_type(Paper).filter(lambda p: p.paper_id is not None).example()\n"
        # paper_ids(): "2306.01234" or old-style "math.CO/0601001"; the plain attrs
        # strategy Hypothesis falls back to without the plugin draws arbitrary text.
        "ids = r'\\d{4}\\.\\d{4,5}|[a-z-]+(\\.[A-Z]{2})?/\\d{7}'\n"
        "assert re.fullmatch(ids, p.paper_id), p.paper_id\n"
        "print('ok')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.stdout.strip() == "ok", proc.stderr
