"""Benchmark the markdown reader on a ~20 MB firecrawl-style dump (run on demand).

The dump repeats the cards of the bundled firecrawl capture of a search view (its front
matter and chrome once). Measures, in one run and round by round: the floor (read the file
+ ``str.splitlines()``) and ``parse_markdown`` (read + parse), and prints their ratio.

    python benchmarks/bench_markdown.py [--megabytes 20] [--repeat 9]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

import paperfeed

CAPTURE = (
    Path(__file__).resolve().parents[1]
    / "tests"
    / "data"
    / "markdown"
    / "search-view-firecrawl-2026-10-02.md"
)


def make_dump(path: Path, megabytes: float) -> int:
    """Write the capture's head once, then its cards until the file is ``megabytes`` big."""
    text = CAPTURE.read_text(encoding="utf-8")
    first = text.index("\n[101](")  # the first card's upvote link
    last = text.index("\n[Previous](")  # the footer
    head, cards, tail = text[:first], text[first:last], text[last:]
    copies = max(1, round(megabytes * 1_000_000 / len(cards.encode("utf-8"))))
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        for _ in range(copies):
            handle.write(cards)
        handle.write(tail)
    return path.stat().st_size


def floor(path: Path) -> float:
    gc.collect()  # each timing starts from the same collector state, as in bench_text
    start = time.perf_counter()
    path.read_text(encoding="utf-8").splitlines()
    return time.perf_counter() - start


def parse(path: Path) -> tuple[float, int]:
    gc.collect()
    start = time.perf_counter()
    feed = paperfeed.parse_markdown(path.read_text(encoding="utf-8"))
    return time.perf_counter() - start, len(feed.papers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dump.md"
        size = make_dump(path, args.megabytes)
        floors: list[float] = []
        parses: list[float] = []
        papers = 0
        for _ in range(args.repeat):  # interleaved, so drift hits both alike
            floors.append(floor(path))
            seconds, papers = parse(path)
            parses.append(seconds)
        best_floor, best_parse = min(floors), min(parses)
        ratios = [p / f for p, f in zip(parses, floors)]
        print(f"dump: {size / 1e6:.1f} MB, {papers} papers; {args.repeat} rounds")
        print(f"floor (read + splitlines): {best_floor:.3f} s")
        ratio = best_parse / best_floor
        print(f"parse_markdown (read + parse): {best_parse:.3f} s = {ratio:.2f}x floor")
        print(f"  median ratio within a round: {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
