"""Provenance in JSON Lines and CSV rows, and merged datasets written out and read back."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import paperfeed
from paperfeed import Feed, PageKind, Paper, Provenance
from paperfeed import strategies as pst

MARK = Provenance(
    "=cmd|' /C calc'!A0.txt",  # a file name that is a spreadsheet formula
    PageKind.DAILY,
    datetime.date(2026, 9, 29),
    "https://huggingface.co/papers/date/2026-09-29",
    datetime.date(2026, 9, 30),
)
PAPERS = (Paper("One", paper_id="2609.00001", upvotes=3), Paper("Two"))


def test_jsonl_rows_carry_provenance_and_read_back_as_papers() -> None:
    text = paperfeed.to_jsonl(PAPERS, provenance=MARK)
    rows = [json.loads(line) for line in text.splitlines()]
    assert [{k: r[k] for k in paperfeed.PROVENANCE_COLUMNS} for r in rows] == [
        {
            "source": "=cmd|' /C calc'!A0.txt",
            "page_kind": "daily",
            "page_date": "2026-09-29",
            "page_url": "https://huggingface.co/papers/date/2026-09-29",
            "captured": "2026-09-30",
        }
    ] * 2
    assert list(rows[0])[-5:] == list(paperfeed.PROVENANCE_COLUMNS)
    assert paperfeed.from_jsonl(text) == PAPERS
    assert paperfeed.to_jsonl(PAPERS) == "".join(
        json.dumps(
            {k: v for k, v in r.items() if k not in paperfeed.PROVENANCE_COLUMNS},
            separators=(",", ":"),  # JSON Lines rows are compact
        )
        + "\n"
        for r in rows
    )


def test_csv_columns_carry_provenance_neutralized_and_read_back() -> None:
    other = Provenance(source="b.txt")
    text = paperfeed.to_csv(PAPERS, provenance=[MARK, other])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [*paperfeed.CSV_COLUMNS, *paperfeed.PROVENANCE_COLUMNS]
    assert rows[0]["source"] == "'=cmd|' /C calc'!A0.txt"  # no formula for Excel
    assert (rows[0]["page_kind"], rows[0]["captured"]) == ("daily", "2026-09-30")
    assert [rows[1][k] for k in paperfeed.PROVENANCE_COLUMNS] == ["b.txt", "", "", "", ""]
    assert paperfeed.from_csv(text) == PAPERS


def test_one_provenance_per_paper_or_an_error() -> None:
    with pytest.raises(ValueError, match="fewer provenance entries than papers"):
        paperfeed.to_csv(PAPERS, provenance=[MARK])
    with pytest.raises(ValueError, match="more provenance entries than papers"):
        paperfeed.to_jsonl(PAPERS, provenance=[MARK, MARK, MARK])
    with pytest.raises(TypeError, match="must be Provenance, not str"):
        paperfeed.to_jsonl(PAPERS, provenance=["a.txt", "b.txt"])  # type: ignore[list-item]


def test_a_feed_with_its_own_provenance() -> None:
    feed = Feed(datetime.date(2026, 9, 29), datetime.date(2026, 9, 29), "daily", papers=PAPERS)
    text = paperfeed.to_jsonl(feed, provenance=Provenance.of(feed, "a.json"))
    rows = [json.loads(line) for line in text.splitlines()]
    assert [(r["source"], r["page_date"], r["captured"]) for r in rows] == [
        ("a.json", "2026-09-29", "2026-09-29")
    ] * 2


# -- merged datasets out and back ----------------------------------------------------------


def _dataset() -> paperfeed.Dataset:
    old = Feed(datetime.date(2024, 1, 2), kind="daily", papers=[Paper("A", paper_id="1")])
    new = Feed(
        datetime.date(2024, 1, 3),
        papers=[Paper("a", upvotes=4), Paper("B", abstract="x"), Paper("=SUM(1)", paper_id="2")],
    )
    return paperfeed.merge([("old.json", old), ("=new.txt", new)])


def test_a_dataset_as_json() -> None:
    dataset = _dataset()
    text = paperfeed.dataset_to_json(dataset)
    document = json.loads(text)
    first = document["records"][0]
    assert list(first) == ["paper", "first_seen", "last_seen", "history", "other_titles"]
    assert first["paper"]["title"] == "a"
    assert (first["first_seen"], first["last_seen"]) == ("2024-01-02", "2024-01-03")
    assert first["history"][0] == {
        "capture": {
            "source": "old.json",
            "page_kind": "daily",
            "page_date": None,
            "page_url": None,
            "captured": "2024-01-02",
        },
        "upvotes": None,
        "comments": None,
        "supplied": ["paper_id"],
    }
    assert first["other_titles"] == ["A"]
    assert paperfeed.dataset_from_json(text) == dataset


def test_a_dataset_as_flat_rows() -> None:
    dataset = _dataset()
    jsonl = paperfeed.dataset_to_jsonl(dataset)
    row = json.loads(jsonl.splitlines()[0])
    assert (row["paper_id"], row["title"], row["source"], row["captured"]) == (
        "1",
        "a",
        "=new.txt",
        "2024-01-03",
    )
    assert len(row["history"]) == 2
    assert paperfeed.dataset_from_jsonl(jsonl) == dataset
    assert paperfeed.from_jsonl(jsonl) == tuple(r.paper for r in dataset.records)
    text = paperfeed.dataset_to_csv(dataset, bom=True)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert list(rows[0]) == list(paperfeed.DATASET_COLUMNS)
    assert rows[0]["source"] == "'=new.txt"
    assert [r["title"] for r in rows] == ["a", "'=SUM(1)", "B"]
    assert json.loads(rows[0]["history"])[1]["capture"]["source"] == "=new.txt"
    assert paperfeed.dataset_from_csv(text) == dataset
    # Rows of a dataset are papers too, with extra columns.
    assert paperfeed.from_csv(text) == tuple(r.paper for r in dataset.records)


def test_what_is_no_dataset_says_so() -> None:
    with pytest.raises(paperfeed.DecodeError, match="no top-level 'records' array"):
        paperfeed.dataset_from_json("[]")
    with pytest.raises(paperfeed.DecodeError, match="line 1: not a dataset row"):
        paperfeed.dataset_from_jsonl(paperfeed.to_jsonl(PAPERS))
    with pytest.raises(paperfeed.DecodeError, match="no 'history' column"):
        paperfeed.dataset_from_csv(paperfeed.to_csv(PAPERS))
    bad = paperfeed.dataset_to_jsonl(_dataset()).replace('"upvotes": null', '"upvotes": -1', 1)
    with pytest.raises(paperfeed.DecodeError, match="line 1: not a valid"):
        paperfeed.dataset_from_jsonl(bad)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "=c"]), pst.feeds(max_papers=4)), max_size=3))
def test_datasets_round_trip_in_every_form(inputs: list[tuple[str, Feed]]) -> None:
    dataset = paperfeed.merge(inputs)
    assert paperfeed.dataset_from_json(paperfeed.dataset_to_json(dataset)) == dataset
    assert paperfeed.dataset_from_jsonl(paperfeed.dataset_to_jsonl(dataset)) == dataset
    assert paperfeed.dataset_from_csv(paperfeed.dataset_to_csv(dataset)) == dataset


def test_merge_tells_its_own_datasets_from_captures() -> None:
    from paperfeed._write.dataset import sniff_dataset

    dataset = _dataset()
    for text in (
        paperfeed.dataset_to_json(dataset),
        paperfeed.dataset_to_jsonl(dataset),
        paperfeed.dataset_to_csv(dataset, bom=True),
    ):
        assert sniff_dataset(text.encode("utf-8")) == dataset
    capture = b'{"paper": {"id": "1", "title": "A \\"history\\" of RL", "summary": "records"}}'
    assert sniff_dataset(capture) is None
    assert sniff_dataset(paperfeed.to_csv(PAPERS, provenance=MARK).encode()) is None
