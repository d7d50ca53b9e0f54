"""merge(): one record per paper across captures, newest values, history, idempotent."""

from __future__ import annotations

import datetime
import html
import json
import re
from pathlib import Path
from random import Random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import paperfeed
from paperfeed import Dataset, Diagnostic, Feed, PageKind, Paper, Provenance, Severity, merge
from paperfeed import strategies as pst

DATA = Path(__file__).parent / "data"
NO_AUTHORS = DATA / "real" / "api-daily-2026-09-29-no-authors.json"
PRUNED = DATA / "real" / "api-daily-2026-09-29-pruned.json"
DAILY_HTML = DATA / "html" / "hf-daily-2026-09-28.html"  # the daily page nearest 2026-09-29
DAY = datetime.date


def _read_real() -> dict[str, Feed]:
    return {p.name: paperfeed.parse_file(p) for p in (NO_AUTHORS, PRUNED, DAILY_HTML)}


def _raw_entries() -> dict[str, list[dict[str, object]]]:
    """The entries each capture holds, read with json and re alone (not paperfeed)."""
    props = re.search(
        r'data-target="DailyPapers" data-props="([^"]*)"', DAILY_HTML.read_text(encoding="utf-8")
    )
    assert props is not None
    return {
        NO_AUTHORS.name: json.loads(NO_AUTHORS.read_text(encoding="utf-8")),
        PRUNED.name: json.loads(PRUNED.read_text(encoding="utf-8")),
        DAILY_HTML.name: json.loads(html.unescape(props.group(1)))["dailyPapers"],
    }


def test_two_api_captures_and_a_daily_page_give_one_record_per_paper() -> None:
    raw = _raw_entries()
    ids_by_file = {name: [e["paper"]["id"] for e in entries] for name, entries in raw.items()}  # type: ignore[index]
    all_ids = {i for ids in ids_by_file.values() for i in ids}
    dataset = merge(_read_real().items())
    assert sorted(r.paper.paper_id or "" for r in dataset.records) == sorted(all_ids)
    assert len(dataset) == 43
    twice = [r for r in dataset.records if len(r.history) > 1]
    [record] = twice  # 2609.32577 is in both API captures of 2026-09-29
    assert record.paper.paper_id == "2609.32577"
    assert [s.capture.source for s in record.history] == [NO_AUTHORS.name, PRUNED.name]
    # Counts at each capture, from the raw entries: paper.upvotes and numComments.
    assert [(s.upvotes, s.comments) for s in record.history] == [(112, 2), (37, 1)]
    assert {s.capture.page_date for s in record.history} == {DAY(2026, 9, 29)}
    assert record.first_seen == record.last_seen == DAY(2026, 9, 29)
    # Same day: the fuller value wins, read from the raw entries: the no-authors capture's
    # 112 upvotes and 2 comments (counts only grow) and its whole 1,680-character summary
    # (the pruned file cut it at 300) ...
    no_authors = next(e for e in raw[NO_AUTHORS.name] if e["paper"]["id"] == "2609.32577")  # type: ignore[index]
    assert (record.paper.upvotes, record.paper.comments) == (112, 2)
    assert record.paper.abstract == " ".join(no_authors["paper"]["summary"].split())  # type: ignore[index]
    assert len(record.paper.abstract) > 1600
    # ... and what the pruned one lacks comes from the no-authors capture too.
    assert record.paper.organization == "Xiaomi MiMo"
    assert record.paper.submitted_by == "whatseeker"
    assert {"abstract", "upvotes", "comments", "organization", "submitted_by"} <= set(
        record.history[0].supplied
    )
    html_record = next(r for r in dataset.records if r.paper.paper_id == "2609.31620")
    assert html_record.first_seen == DAY(2026, 9, 28)
    assert html_record.history[0].capture.page_kind is PageKind.DAILY
    assert (html_record.paper.upvotes, html_record.paper.comments) == (110, 2)
    # Records come by first day seen: the 2026-09-28 page's 28 papers first.
    assert [r.first_seen for r in dataset.records] == [DAY(2026, 9, 28)] * 28 + [
        DAY(2026, 9, 29)
    ] * 15


def test_merging_again_with_an_input_changes_nothing_on_real_files() -> None:
    feeds = _read_real()
    dataset = merge(feeds.items())
    for item in feeds.items():
        assert merge([dataset, item]) == dataset
    assert merge([dataset]) == dataset
    assert merge(reversed(list(feeds.items()))) == dataset


TODAY = Diagnostic("reference-today", Severity.INFO, "no reference date; using today", 0)


def _feed(*papers: Paper, day: DAY | None, kind: PageKind = PageKind.DAILY) -> Feed:
    """A feed of ``day``; without one, dated as parsers date undated input: today, noted."""
    notes = () if day else (TODAY,)
    return Feed(
        DAY(2030, 1, 1) if day is None else day, day, kind, papers=papers, diagnostics=notes
    )


def test_a_title_only_capture_joins_the_record_with_that_title() -> None:
    api = _feed(Paper("Deep Nets: A Survey", paper_id="2401.00001", upvotes=5), day=DAY(2024, 1, 2))
    text = _feed(Paper("deep nets -- a SURVEY", upvotes=9), day=DAY(2024, 1, 3))
    [record] = merge([("api.json", api), ("page.txt", text)]).records
    assert record.paper.paper_id == "2401.00001"
    assert record.paper.title == "deep nets -- a SURVEY"  # the newest capture's title
    assert record.other_titles == ("Deep Nets: A Survey",)
    assert [s.upvotes for s in record.history] == [5, 9]


def test_a_title_shared_by_two_ids_joins_neither() -> None:
    api = _feed(
        Paper("Attention", paper_id="2401.00001"),
        Paper("Attention", paper_id="2401.00002"),
        day=DAY(2024, 1, 2),
    )
    text = _feed(Paper("Attention", upvotes=1), day=DAY(2024, 1, 3))
    records = merge([api, text]).records
    assert [r.paper.paper_id for r in records] == ["2401.00001", "2401.00002", None]


def test_each_field_comes_from_the_newest_capture_that_shows_it() -> None:
    old = _feed(
        Paper("T", abstract="Long abstract.", upvotes=3, paper_id="1", published=DAY(2024, 1, 1)),
        day=DAY(2024, 1, 5),
    )
    new = _feed(Paper("T", upvotes=7, paper_id="1", published_text="Jan 2"), day=DAY(2024, 1, 9))
    undated = _feed(Paper("T", upvotes=99, paper_id="1", abstract="Other."), day=None)
    [record] = merge([new, undated, old]).records
    paper = record.paper
    assert (paper.abstract, paper.upvotes) == ("Long abstract.", 7)
    # The printed date travels with its resolved date: never one capture's text with
    # another's date.
    assert (paper.published_text, paper.published) == ("Jan 2", None)
    assert [s.upvotes for s in record.history] == [99, 3, 7]  # undated captures are oldest
    assert (record.first_seen, record.last_seen) == (DAY(2024, 1, 5), DAY(2024, 1, 9))


def test_a_paper_listed_twice_in_one_capture_is_one_sighting() -> None:
    feed = _feed(
        Paper("T", paper_id="1", upvotes=2), Paper("T", paper_id="1", upvotes=10), day=None
    )
    [record] = merge([feed]).records
    [sighting] = record.history
    assert (sighting.upvotes, record.paper.upvotes) == (10, 10)
    assert (record.first_seen, record.last_seen) == (None, None)


def test_merge_says_what_it_takes() -> None:
    with pytest.raises(TypeError, match=r"merge\(\) takes Feed, Dataset or \(source, Feed\)"):
        merge(["page.txt"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not tuple"):
        merge([(Feed(DAY(2024, 1, 1)), "page.txt")])  # type: ignore[list-item]
    assert merge([]) == Dataset()


def test_provenance_of_a_feed() -> None:
    feed = paperfeed.parse_file(PRUNED)
    assert Provenance.of(feed, "x.json") == Provenance(
        "x.json", PageKind.DAILY, DAY(2026, 9, 29), None, DAY(2026, 9, 29)
    )
    undated = paperfeed.parse_text("Title One\n\n  • 3 authors\n")
    assert any(d.code == "reference-today" for d in undated.diagnostics)
    assert Provenance.of(undated).captured is None  # today is no capture date


# -- properties ------------------------------------------------------------------------------

_IDS = st.sampled_from([None, None, "2401.00001", "2401.00002", "2401.00003"])
_TITLES = st.sampled_from(["Alpha", "alpha!", "Beta", "BETA", "Gamma"])
_DAYS = st.one_of(st.none(), st.dates(DAY(2024, 1, 1), DAY(2024, 1, 4)))


@st.composite
def captures(draw: st.DrawFn) -> tuple[str, Feed]:
    """A named feed whose papers share ids and titles with other captures'."""
    papers = [
        attrs.evolve(paper, paper_id=draw(_IDS), title=draw(_TITLES))
        for paper in draw(st.lists(pst.papers(), max_size=4))
    ]
    day = draw(_DAYS)
    feed = Feed(
        reference=day or DAY(2030, 1, 1),
        date=draw(st.one_of(st.none(), st.just(day))),
        kind=draw(st.sampled_from([None, PageKind.DAILY, PageKind.SEARCH])),
        papers=papers,
        diagnostics=() if day else (TODAY,),
    )
    return draw(st.sampled_from(["a.txt", "b.json", "c.html"])), feed


_MANY = st.lists(captures(), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(_MANY, st.data())
def test_merging_with_any_input_again_changes_nothing(
    inputs: list[tuple[str, Feed]], data: st.DataObject
) -> None:
    dataset = merge(inputs)
    again = data.draw(st.sampled_from(inputs))
    assert merge([dataset, again]) == dataset
    assert merge([again, dataset]) == dataset


@settings(max_examples=60, deadline=None)
@given(_MANY, st.randoms(use_true_random=False))
def test_merge_ignores_input_order(inputs: list[tuple[str, Feed]], rng: Random) -> None:
    # Not grouping, though: a title-only paper joined to the one id with its title stays
    # joined when a later merge brings a second id with that title (merged all at once, it
    # would join neither).
    shuffled = list(inputs)
    rng.shuffle(shuffled)
    assert merge(shuffled) == merge(inputs)


@settings(max_examples=60, deadline=None)
@given(_MANY)
def test_every_paper_is_in_one_record(inputs: list[tuple[str, Feed]]) -> None:
    dataset = merge(inputs)
    ids = [r.paper.paper_id for r in dataset.records if r.paper.paper_id is not None]
    assert len(ids) == len(set(ids))
    assert {p.paper_id for _, f in inputs for p in f.papers} - {None} == set(ids)
    sightings = {(s.capture, r.paper.paper_id) for r in dataset.records for s in r.history}
    for source, feed in inputs:
        for paper in feed.papers:
            if paper.paper_id is not None:
                assert (Provenance.of(feed, source), paper.paper_id) in sightings
