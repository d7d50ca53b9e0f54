"""Benchmark ``to_json``/``from_json`` against pydantic v2 on the same papers (run on demand).

Builds feeds of 60,800 papers from the bundled examples (the rich papers of the saved
HTML page, every field but the AI ones; the sparse cards of the plain-text copy), gives
each its own id and counts, and times in one run, on the same records:

- paperfeed ``to_json(feed)`` against pydantic's ``model_dump_json(indent=2)`` of models
  with the same fields and constraints, both two-space indented; and both compact;
- paperfeed ``from_json(text)`` against pydantic's ``model_validate_json(text)`` of that
  same document;
- and the plain path beside them: the standard library's ``json`` with the cattrs
  converter, which is what ``to_json``/``from_json`` were before orjson, and what they
  still fall back to for a document the fast path does not take.

Times are CPU time of this process (``time.process_time``), the best of interleaved
rounds, so that other work on a shared machine counts less. ``--no-gc`` turns the
garbage collector off while timing, to see the cost without its collections.

    pip install -e ".[bench]"
    python benchmarks/bench_json.py [--papers 60800] [--repeat 5] [--no-gc]
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import attrs

import paperfeed
from paperfeed import Feed, PageKind, Severity
from paperfeed._write.json import _structure, converter

try:
    from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
except ImportError:
    raise SystemExit('bench_json.py compares with pydantic: pip install -e ".[bench]"') from None

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

Count = Annotated[int, Field(ge=0)]


class AuthorCountModel(BaseModel):
    model_config = ConfigDict(frozen=True)
    count: Count
    names: tuple[str, ...] = ()


class PaperModel(BaseModel):
    model_config = ConfigDict(frozen=True)
    title: Annotated[str, Field(min_length=1)]
    abstract: str | None = None
    authors: AuthorCountModel | None = None
    organization: str | None = None
    published: datetime.date | None = None
    published_text: str | None = None
    year_inferred: bool = False
    comments: Count | None = None
    upvotes: Count | None = None
    paper_id: str | None = None
    submitted_by: str | None = None
    featured_at: AwareDatetime | None = None
    github_repo: str | None = None
    github_stars: Count | None = None
    project_page: str | None = None
    ai_summary: str | None = None
    ai_keywords: tuple[str, ...] = ()


class DiagnosticModel(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    severity: Severity
    message: str
    line: Count
    column: Count = 1
    text: str = ""


class FeedModel(BaseModel):
    model_config = ConfigDict(frozen=True)
    reference: datetime.date
    date: datetime.date | None = None
    kind: PageKind | None = None
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    query: str | None = None
    source_url: str | None = None
    papers: tuple[PaperModel, ...] = ()
    diagnostics: tuple[DiagnosticModel, ...] = ()


def make_feed(source: Feed, size: int) -> Feed:
    """A feed of ``size`` papers: ``source``'s papers over and over, each with its own id."""
    papers = []
    for i in range(size):
        paper = source.papers[i % len(source.papers)]
        papers.append(
            attrs.evolve(
                paper,
                paper_id=f"{2400 + i // 100_000}.{i % 100_000:05d}",
                upvotes=i % 997,
                comments=None if paper.comments is None else i % 31,
            )
        )
    return attrs.evolve(source, papers=papers)


def as_model(feed: Feed) -> FeedModel:
    """The same feed as pydantic models (through the JSON document's plain data)."""
    return FeedModel.model_validate(feed.to_dict())


def plain_to_json(feed: Feed, indent: int | None) -> str:
    """The plain path's document: the converter's data through the standard library."""
    separators = None if indent else (",", ":")
    data = converter.unstructure(feed)
    return json.dumps(data, indent=indent, ensure_ascii=False, separators=separators)


def plain_from_json(text: str) -> Feed:
    return _structure(json.loads(text), Feed)


def timed(fn: Callable[[], Any]) -> float:
    gc.collect()
    start = time.process_time()
    result = fn()
    elapsed = time.process_time() - start
    del result  # freed outside the timing
    return elapsed


Timed = tuple[str, Callable[[], Any], Callable[[], Any], Callable[[], Any]]


def operations(feed: Feed, model: FeedModel, text: str, compact: str) -> list[Timed]:
    """(label, paperfeed, plain path, pydantic) for each operation, on the same records."""
    return [
        (
            "to_json (indent 2)",
            lambda: paperfeed.to_json(feed),
            lambda: plain_to_json(feed, 2),
            lambda: model.model_dump_json(indent=2),
        ),
        (
            "to_json (compact)",
            lambda: paperfeed.to_json(feed, indent=None),
            lambda: plain_to_json(feed, None),
            model.model_dump_json,
        ),
        (
            "from_json (indent 2)",
            lambda: paperfeed.from_json(text),
            lambda: plain_from_json(text),
            lambda: FeedModel.model_validate_json(text),
        ),
        (
            "from_json (compact)",
            lambda: paperfeed.from_json(compact),
            lambda: plain_from_json(compact),
            lambda: FeedModel.model_validate_json(compact),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=60_800)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-gc", action="store_true", help="time without the collector")
    args = parser.parse_args()
    sources = {
        "rich (HTML)": paperfeed.parse_file(EXAMPLES / "daily-papers-2026-09-28.html"),
        "sparse (text)": paperfeed.parse_file(
            EXAMPLES / "daily-papers-2025-12-12.txt", reference=datetime.date(2025, 12, 20)
        ),
    }
    collector = "off" if args.no_gc else "on"
    print(f"{args.papers:,} papers a feed; CPU ms, best of {args.repeat}; collector {collector}")
    print(
        f"{'papers':<14}{'operation':<21}{'paperfeed':>10}{'plain':>9}{'pydantic':>10}{'ratio':>7}"
    )
    for name, source in sources.items():
        feed = make_feed(source, args.papers)
        model = as_model(feed)
        text = paperfeed.to_json(feed)
        compact = paperfeed.to_json(feed, indent=None)
        # The same records: pydantic reads paperfeed's document to the models it writes,
        # and the plain path writes and reads the very same documents.
        assert FeedModel.model_validate_json(text) == model
        assert FeedModel.model_validate_json(model.model_dump_json()) == model
        assert plain_to_json(feed, 2) == text
        assert plain_to_json(feed, None) == compact
        assert paperfeed.from_json(text) == feed == plain_from_json(compact)
        if args.no_gc:
            gc.disable()
        for label, *fns in operations(feed, model, text, compact):
            # Interleaved rounds, so that drift in the machine's speed hits all alike.
            runs: list[list[float]] = [[], [], []]
            for _ in range(args.repeat):
                for times, fn in zip(runs, fns):
                    times.append(timed(fn))
            ours, plain, theirs = (min(times) * 1e3 for times in runs)
            ratio = ours / theirs
            print(f"{name:<14}{label:<21}{ours:>10.0f}{plain:>9.0f}{theirs:>10.0f}{ratio:>6.2f}x")
        gc.enable()
        size, compact_size = len(text.encode()) / 1e6, len(compact.encode()) / 1e6
        print(f"{'':<14}documents: {size:.0f} MB indented, {compact_size:.0f} MB compact")


if __name__ == "__main__":
    main()
