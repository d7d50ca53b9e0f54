"""orjson's fast path against the plain path (stdlib ``json`` and the cattrs converter).

The fast path must write the very document the plain path writes and read every document
to the very feed (or the very error) the plain path reads it to.
"""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import paperfeed
from paperfeed import AuthorCount, Feed, Paper
from paperfeed import strategies as ps
from paperfeed._write.json import _structure, converter

UTC = datetime.timezone.utc


def plain_document(value: object, indent: int | None = 2) -> str:
    """What paperfeed wrote before orjson: ``json.dumps`` of the converter's data."""
    separators = None if indent is not None else (",", ":")
    data = converter.unstructure(value)
    return json.dumps(data, indent=indent, ensure_ascii=False, separators=separators)


def plain_read(text: str) -> Feed | str:
    """The plain path's reading of ``text``: the feed, or the error message it raises."""
    try:
        return _structure(json.loads(text), Feed)
    except paperfeed.DecodeError as exc:
        return str(exc)


def fast_read(text: str | bytes) -> Feed | str:
    try:
        return paperfeed.from_json(text)
    except paperfeed.DecodeError as exc:
        return str(exc)


@given(ps.feeds())
def test_documents_are_the_plain_paths(feed: Feed) -> None:
    assert paperfeed.to_json(feed) == plain_document(feed)
    assert paperfeed.to_json(feed, indent=None) == plain_document(feed, None)
    assert paperfeed.to_json(feed, indent=4) == plain_document(feed, 4)
    lines = paperfeed.to_jsonl(feed).splitlines()
    assert lines == [plain_document(paper, None) for paper in feed.papers]


@given(ps.feeds())
def test_read_back_papers_write_the_same_document(feed: Feed) -> None:
    text = paperfeed.to_json(feed)
    back = paperfeed.from_json(text)
    assert back == feed
    assert paperfeed.to_json(back) == text  # the adopted field dicts keep field order
    assert paperfeed.from_jsonl(paperfeed.to_jsonl(feed).encode()) == feed.papers


def test_indent_two_and_compact_whitespace() -> None:
    feed = Feed(reference=datetime.date(2024, 3, 2), papers=[Paper("Zoë", authors=AuthorCount(2))])
    assert paperfeed.to_json(feed).startswith('{\n  "reference": "2024-03-02",\n  "date": null,')
    assert '"names": []' in paperfeed.to_json(feed)  # an empty array on one line
    compact = paperfeed.to_json(feed, indent=None)
    assert compact.startswith('{"reference":"2024-03-02","date":null,"kind":null,')
    assert '"title":"Zoë"' in compact  # UTF-8, not \\u escapes
    assert paperfeed.to_jsonl(feed) == compact[compact.index('[{"title"') + 1 : -19] + "\n"


# Values the writer cannot hand to orjson as they are, and documents orjson does not read.
ODD_OFFSET = datetime.timezone(datetime.timedelta(hours=5, minutes=30, seconds=15))
ODD = [
    Paper("t", featured_at=datetime.datetime(2024, 3, 1, 8, 30, tzinfo=ODD_OFFSET)),
    Paper("lone \ud800 surrogate"),  # orjson refuses to write it; json writes it as is
    Paper("t", upvotes=2**70, github_stars=2**64),  # past orjson's 64-bit integers
    Paper("t", featured_at=datetime.datetime(5, 1, 1, 0, 0, 0, 123, tzinfo=UTC)),
]


@pytest.mark.parametrize("paper", ODD, ids=["seconds", "surrogate", "big", "year"])
def test_values_orjson_cannot_write_as_they_are(paper: Paper) -> None:
    feed = Feed(reference=datetime.date(2024, 3, 2), papers=[paper])
    text = paperfeed.to_json(feed)
    assert text == plain_document(feed)
    assert paperfeed.from_json(text) == feed
    assert paperfeed.from_json(paperfeed.to_json(feed, indent=None)) == feed
    assert paperfeed.from_jsonl(paperfeed.to_jsonl(feed)) == feed.papers


def test_offsets_of_microseconds_write_as_isoformat() -> None:
    # Python's fromisoformat drops such an offset's microseconds, so no round trip here.
    offset = datetime.timezone(datetime.timedelta(microseconds=5))
    paper = Paper("t", featured_at=datetime.datetime(2024, 3, 1, tzinfo=offset))
    assert paperfeed.to_jsonl([paper]) == plain_document(paper, None) + "\n"
    assert '"featured_at":"2024-03-01T00:00:00+00:00:00.000005"' in paperfeed.to_jsonl([paper])


def test_big_integers_read_exactly() -> None:
    # orjson reads an integer past 64 bits as a float; the plain path reads it exactly.
    feed = Feed(reference=datetime.date(2024, 3, 2), papers=[Paper("t", upvotes=2**64 + 1)])
    (paper,) = paperfeed.from_json(paperfeed.to_json(feed)).papers
    assert paper.upvotes == 18446744073709551617
    assert paperfeed.from_jsonl('{"title": "t", "upvotes": 18446744073709551617}\n')[0] == paper


def test_boms_and_utf16_still_read() -> None:
    feed = Feed(reference=datetime.date(2024, 3, 2), papers=[Paper("Zoë")])
    text = paperfeed.to_json(feed)
    assert paperfeed.from_json(b"\xef\xbb\xbf" + text.encode()) == feed
    assert paperfeed.from_json(text.encode("utf-16")) == feed
    with pytest.raises(paperfeed.DecodeError, match="invalid JSON"):
        paperfeed.from_json("\ufeff" + text)  # as json.loads: a BOM in a str is an error


def test_timestamps_read_to_standard_time_zones() -> None:
    text = paperfeed.to_jsonl([Paper("t", featured_at=datetime.datetime(2024, 3, 1, tzinfo=UTC))])
    assert paperfeed.from_jsonl(text)[0].featured_at.tzinfo is UTC  # type: ignore[union-attr]
    z = paperfeed.from_jsonl('{"title": "t", "featured_at": "2024-03-01T13:30:00Z"}')[0]
    assert z.featured_at == datetime.datetime(2024, 3, 1, 13, 30, tzinfo=UTC)


def test_papers_built_every_way_write_the_same() -> None:
    paper = Paper("t", paper_id="2401.00001", upvotes=3, ai_keywords=["a"])
    feed = Feed(reference=datetime.date(2024, 3, 2), papers=[paper])
    (read,) = paperfeed.from_json(paperfeed.to_json(feed)).papers
    for other in (
        read,
        attrs.evolve(read, upvotes=3),
        pickle.loads(pickle.dumps(read)),
        copy.deepcopy(read),
    ):
        assert paperfeed.to_jsonl([other]) == paperfeed.to_jsonl([paper])


# -- every way a document can differ from the canonical one ----------------------------

JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.integers(2**63, 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", " ", "x", "2024-03-01", "2024-03-01T08:30:00Z", "2024-03-01T08:30"]),
    st.lists(st.sampled_from(["a", 1, None]), max_size=2),
    st.fixed_dictionaries({"count": st.integers(-1, 2), "names": st.just(["a"])}),
    st.just({"names": [], "count": 1}),
    st.just({}),
)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A feed's plain data with one key changed, dropped, added or moved."""
    feed = draw(ps.feeds(min_papers=1, max_papers=3))
    data: dict[str, Any] = converter.unstructure(feed)
    target = data
    if draw(st.booleans()):
        target = draw(st.sampled_from(data["papers"]))
        if target["authors"] is not None and draw(st.booleans()):
            target = target["authors"]
    key = draw(st.sampled_from(sorted(target)))
    how = draw(st.sampled_from(["set", "drop", "add", "move"]))
    if how == "set":
        target[key] = draw(JSON_VALUES)
    elif how == "drop":
        del target[key]
    elif how == "add":
        target["extra"] = draw(JSON_VALUES)
    else:
        target[key] = target.pop(key)
    return data


@given(mutated())
def test_fast_path_reads_every_document_as_the_plain_path(data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False)
    expected = plain_read(text)
    assert fast_read(text) == expected
    assert fast_read(text.encode()) == expected
