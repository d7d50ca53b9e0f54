"""Score paperfeed on a directory of real captures, one table row per capture (run on demand).

    python benchmarks/corpus_report.py DIR [--reference-from-expected]

A capture is scored when ``DIR`` holds ``<name>.expected.json`` beside it (the layout of
``tests/data/real``), or when it is one of the converted copies ``<page>--<tool>.<ext>`` of
a page whose ``<page>.truth.json`` is in ``DIR`` (the layout of ``fixtures/converted``); the
expectation of such a copy is derived from the truth by ``expected_from_truth``.

By default the parser gets no reference date, so it must find one in the capture (or fall
back to today); ``--reference-from-expected`` passes the reference the expectation names,
as the golden tests do.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import paperfeed
from real_corpus import (
    Score,
    capture_for,
    expected_files,
    load_expected,
    normalize_ws,
    reference_of,
    score,
)

LINK_TOOLS = frozenset(
    {
        "lynx",
        "html2text",
        "html2text-reflinks",
        "markdownify",
        "markitdown",
        "turndown",
        "trafilatura",
    }
)
"""Converters whose copies keep link targets, and so the paper ids the links carry."""

_TOOL_RE = re.compile(r"^(?P<page>.+?)--(?P<tool>[\w-]+)\.(?P<ext>md|txt)$")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FORMS = {"md": "markdown", "txt": "text"}


def expected_from_truth(truth: Mapping[str, Any], tool_file: Path | str) -> dict[str, Any]:
    """The expectation for one converted copy, from the page's truth and the tool's habits.

    Every converter keeps the cards' visible text: title, submitter, upvotes ("-" is 0),
    comment count (a daily card without one has none), organisation or "N authors", GitHub
    stars. Only the link-keeping converters (``LINK_TOOLS``) keep the paper ids. A card
    showing an organisation shows no author count, so its ``authors`` is ``None``.
    """
    name = Path(tool_file).name
    match = _TOOL_RE.match(name)
    if match is None:
        raise ValueError(f"{name}: not named <page>--<tool>.<md|txt>")
    links = match["tool"] in LINK_TOOLS
    date = truth.get("date")
    page_date = _DATE_RE.search(match["page"])
    expected: dict[str, Any] = {
        "form": _FORMS[match["ext"]],
        "reference": date or (page_date[0] if page_date else None),
        "kind": truth.get("kind"),
    }
    if date is not None:
        expected["date"] = date
    if truth.get("kind") == "paper":
        expected["papers"] = [_paper_page_paper(p, links) for p in truth["papers"]]
    else:
        expected["papers"] = [_card_paper(p, links) for p in truth["papers"]]
    return expected


def _card_paper(truth: Mapping[str, Any], links: bool) -> dict[str, Any]:
    org = truth.get("organization")
    org = normalize_ws(org) if org else None
    return {
        "title": normalize_ws(truth["title"]),
        "paper_id": truth["paper_id"] if links else None,
        "upvotes": truth.get("upvotes") or 0,
        "comments": truth.get("comments") or 0,
        "authors": None if org else truth.get("authors"),
        "organization": org,
        "submitted_by": truth.get("submitted_by"),
        "github_stars": truth.get("github_stars"),
    }


def _paper_page_paper(truth: Mapping[str, Any], links: bool) -> dict[str, Any]:
    # The page prints the submitter's full name; the user name only shows in the comments.
    submitter = truth.get("submitted_by_fullname") or truth.get("submitted_by")
    paper: dict[str, Any] = {
        "title": normalize_ws(truth["title"]),
        "upvotes": truth.get("upvotes"),
        "authors": truth.get("authors") or None,
        "organization": truth.get("organization"),
        "submitted_by": submitter,
        "github_stars": truth.get("github_stars"),
        "published": truth.get("published") or None,
        "abstract": normalize_ws(truth.get("abstract") or "") or None,
        "ai_summary": normalize_ws(truth.get("ai_summary") or "") or None,
    }
    if links:
        paper["paper_id"] = truth["paper_id"]
    return paper


def cases(directory: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Each scorable capture of ``directory`` with its expectation, sorted by file name."""
    found: dict[Path, dict[str, Any]] = {}
    for path in expected_files(directory):
        found[capture_for(path)] = load_expected(path)
    for truth_path in sorted(directory.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        page = truth_path.name[: -len(".truth.json")]
        for capture in sorted(directory.glob(f"{page}--*")):
            if capture not in found and _TOOL_RE.match(capture.name):
                found[capture] = expected_from_truth(truth, capture)
    yield from sorted(found.items())


_HEADER = ("file", "expected", "found", "exact", "bogus", "errors", "warnings")


def _row(name: str, result: Score) -> tuple[str, ...]:
    return (name, *(str(n) for n in attrs.astuple(result)))


def report(directory: Path, reference_from_expected: bool) -> list[tuple[str, ...]]:
    """The table rows: a header, one row per capture, a total row."""
    rows: list[tuple[str, ...]] = [_HEADER]
    total = [0] * 6
    for capture, expected in cases(directory):
        reference = reference_of(expected) if reference_from_expected else None
        try:
            feed = paperfeed.parse_file(capture, reference=reference)
        except Exception as exc:  # a crash is a result too: show it and go on
            rows.append((capture.name, str(len(expected.get("papers", []))), "crash: " + repr(exc)))
            total[0] += len(expected.get("papers", []))
            continue
        result = score(feed, expected)
        rows.append(_row(capture.name, result))
        counts = attrs.astuple(result)
        for i, n in enumerate(counts):
            total[i] += n
    rows.append(("total", *(str(n) for n in total)))
    return rows


def format_table(rows: list[tuple[str, ...]]) -> str:
    """Rows as a markdown table: the file column left-aligned, the counts right-aligned."""
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(len(rows[0]))]

    def line(row: tuple[str, ...]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(widths[i + 1]) for i, cell in enumerate(row[1:])]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(rows[0]), rule, *(line(r) for r in rows[1:])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("directory", type=Path, help="captures with expected or truth files")
    parser.add_argument(
        "--reference-from-expected",
        action="store_true",
        help="pass each expectation's reference date to the parser",
    )
    args = parser.parse_args(argv)
    rows = report(args.directory, args.reference_from_expected)
    if len(rows) == 2:
        parser.error(f"{args.directory}: no capture with an expected or truth file")
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
