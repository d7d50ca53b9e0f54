"""A merged ``Dataset`` out as JSON, JSON Lines or CSV, and back.

JSON: ``{"records": [{"paper": {...}, "first_seen", "last_seen", "history": [...],
"other_titles": [...]}]}``, the paper as ``to_json`` writes papers, each history entry
``{"capture": {source, page_kind, page_date, page_url, captured}, "upvotes", "comments",
"supplied"}``. ``first_seen``/``last_seen`` are written for readers and ignored on reading.

JSON Lines and CSV flatten a record into one row: the paper's keys (``CSV_COLUMNS`` in
CSV), the newest capture's ``PROVENANCE_COLUMNS``, then ``first_seen``, ``last_seen``,
``other_titles`` (a JSON array) and ``history`` (a JSON array of the entries above).
"""

from __future__ import annotations

import json
from typing import Any

from paperfeed._dataset import Dataset, Record, Sighting
from paperfeed._errors import DecodeError
from paperfeed._models import Paper
from paperfeed._write.csv import CSV_COLUMNS, _escape, _row, read_rows, write_rows
from paperfeed._write.json import _loads, _structure, converter
from paperfeed._write.provenance import PROVENANCE_COLUMNS, provenance_cells, provenance_keys

__all__ = [
    "DATASET_COLUMNS",
    "dataset_from_csv",
    "dataset_from_json",
    "dataset_from_jsonl",
    "dataset_to_csv",
    "dataset_to_json",
    "dataset_to_jsonl",
]

_RECORD_COLUMNS = ("first_seen", "last_seen", "other_titles", "history")
DATASET_COLUMNS = CSV_COLUMNS + PROVENANCE_COLUMNS + _RECORD_COLUMNS
"""The CSV header of a merged dataset, in order."""


def _day(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def _history(record: Record) -> list[Any]:
    return [converter.unstructure(s) for s in record.history]


def _record(record: Record) -> dict[str, Any]:
    return {
        "paper": converter.unstructure(record.paper),
        "first_seen": _day(record.first_seen),
        "last_seen": _day(record.last_seen),
        "history": _history(record),
        "other_titles": list(record.other_titles),
    }


def dataset_to_json(dataset: Dataset, *, indent: int | None = 2) -> str:
    """Serialize a merged dataset to one JSON document."""
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset_to_json() takes a Dataset, not {type(dataset).__name__}")
    records = [_record(r) for r in dataset.records]
    return json.dumps({"records": records}, indent=indent, ensure_ascii=False)


def dataset_from_json(text: str | bytes) -> Dataset:
    """Read a dataset written by ``dataset_to_json``; raise ``DecodeError`` if it is not one."""
    return _from_document(_loads(text))


def _from_document(data: Any) -> Dataset:
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise DecodeError("not a paperfeed dataset: no top-level 'records' array")
    return Dataset(_structure(r, Record, f"record {i}: ") for i, r in enumerate(data["records"]))


def _flat(record: Record) -> dict[str, Any]:
    return {
        **converter.unstructure(record.paper),
        **provenance_keys(record.history[-1].capture),
        "first_seen": _day(record.first_seen),
        "last_seen": _day(record.last_seen),
        "other_titles": list(record.other_titles),
        "history": _history(record),
    }


def dataset_to_jsonl(dataset: Dataset) -> str:
    """Serialize a merged dataset as JSON Lines: one flat object per record."""
    return "".join(json.dumps(_flat(r), ensure_ascii=False) + "\n" for r in dataset.records)


def _unflatten(paper: Paper, history: Any, other_titles: Any, where: str) -> Record:
    sightings = _structure(history, tuple[Sighting, ...], where)
    titles = _structure(other_titles or [], tuple[str, ...], where)
    try:
        return Record(paper, sightings, titles)
    except (ValueError, TypeError) as exc:
        raise DecodeError(f"{where}not a valid Record: {exc}") from exc


def dataset_from_jsonl(text: str | bytes) -> Dataset:
    """Read a dataset written by ``dataset_to_jsonl``."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    records = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"line {lineno}: "
        row = _loads(line, where)
        if not isinstance(row, dict) or "history" not in row:
            raise DecodeError(f"{where}not a dataset row: no 'history' key")
        paper = _structure(row, Paper, where)
        records.append(_unflatten(paper, row["history"], row.get("other_titles"), where))
    return Dataset(records)


def dataset_to_csv(dataset: Dataset, *, bom: bool = False, neutralize: bool = True) -> str:
    """Write a merged dataset as CSV with the ``DATASET_COLUMNS`` header, one row a record."""

    def text(value: str | None) -> str:
        return "" if value is None else _escape(value, neutralize)

    def cells(record: Record) -> list[str]:
        history = json.dumps(_history(record), ensure_ascii=False)
        titles = json.dumps(list(record.other_titles), ensure_ascii=False)
        return [
            *_row(record.paper, neutralize),
            *provenance_cells(record.history[-1].capture, text),
            _day(record.first_seen) or "",
            _day(record.last_seen) or "",
            titles if record.other_titles else "",
            history,
        ]

    return write_rows(DATASET_COLUMNS, (cells(r) for r in dataset.records), bom)


def dataset_from_csv(text: str | bytes) -> Dataset:
    """Read a dataset written by ``dataset_to_csv`` (a BOM is fine)."""

    def extra(row: dict[str, str]) -> tuple[Any, Any]:
        if "history" not in row:
            raise KeyError("no 'history' column: not a paperfeed dataset")
        titles = row.get("other_titles") or "[]"
        return json.loads(row["history"]), json.loads(titles)

    records: list[Record] = []
    for paper, (history, titles) in read_rows(text, extra):
        records.append(_unflatten(paper, history, titles, f"record {len(records) + 1}: "))
    return Dataset(records)


def sniff_dataset(data: bytes) -> Dataset | None:
    """The dataset ``data`` holds if it is one paperfeed wrote (JSON, JSON Lines or CSV)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    first = head.split(b"\n", 1)[0]
    if head.startswith(b"{"):
        if b'"history"' in first:
            try:
                row = json.loads(first)
            except ValueError:
                row = None
            if isinstance(row, dict) and isinstance(row.get("history"), list) and "title" in row:
                return dataset_from_jsonl(data)
        if b'"records"' in head:
            try:
                parsed = json.loads(data)
            except ValueError:
                return None
            if isinstance(parsed, dict) and isinstance(parsed.get("records"), list):
                return _from_document(parsed)
        return None
    cells = first.rstrip(b"\r").split(b",")
    if b"title" in cells and b"history" in cells:
        return dataset_from_csv(data)
    return None
