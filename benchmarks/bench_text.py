"""Benchmark the plain-text parser on a ~100 MB seed-format dump (run on demand).

Measures, in one run: the floor (read the file + ``str.splitlines()``), ``parse_text``
(read + parse) and ``iter_papers`` (streaming from the open file), then the streaming peak
memory at two file sizes to show it does not grow with the file.

    python benchmarks/bench_text.py [--cards 60000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime
import gc
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

import paperfeed

SEED = Path(__file__).resolve().parents[1] / "examples" / "daily-papers-2025-12-12.txt"
REFERENCE = datetime.date(2025, 12, 20)


def make_dump(path: Path, cards: int) -> int:
    """Write a dump of ``cards`` seed cards (the seed's chrome once at the top)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    head, body = "\n".join(lines[:12]) + "\n", "\n".join(lines[12:]).rstrip("\n") + "\n\n"
    per_copy = body.count("\n·\n")
    copies, rest = divmod(cards, per_copy)
    rest_text = "\n".join(body.split("\n")[: 8 * rest]) + "\n" if rest else ""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        for _ in range(copies):
            handle.write(body)
        handle.write(rest_text)
    return path.stat().st_size


def timed(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def floor(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def full_parse(path: Path) -> int:
    return len(paperfeed.parse_text(path.read_text(encoding="utf-8"), reference=REFERENCE).papers)


def streaming(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _ in paperfeed.iter_papers(handle, reference=REFERENCE))


def stream_peak(path: Path) -> int:
    tracemalloc.start()
    try:
        streaming(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp, "big.txt"), Path(tmp, "small.txt")
        size = make_dump(big, args.cards)
        small_size = make_dump(small, args.cards // 10)
        print(f"dump: {size / 1e6:.1f} MB, {args.cards} cards; {args.repeat} rounds")
        # Interleaved rounds (floor, parse, stream, floor, ...), so that drift in a shared
        # machine's speed hits all three alike; best of the rounds for each, and the
        # median of each round's own ratio as a check on the ratio of the bests.
        runs: dict[str, list[float]] = {"floor": [], "parse": [], "stream": []}
        for _ in range(args.repeat):
            t, lines = timed(lambda: floor(big))
            runs["floor"].append(t)
            t, n_parse = timed(lambda: full_parse(big))
            runs["parse"].append(t)
            t, n_stream = timed(lambda: streaming(big))
            runs["stream"].append(t)
            assert n_parse == n_stream == args.cards, (n_parse, n_stream)
        t_floor, t_parse, t_stream = (min(runs[k]) for k in ("floor", "parse", "stream"))
        paired = statistics.median(p / f for p, f in zip(runs["parse"], runs["floor"]))
        print(f"floor (read + splitlines): {t_floor:.3f} s ({lines} lines)")
        print(f"parse_text (read + parse):  {t_parse:.3f} s = {t_parse / t_floor:.2f}x floor")
        print(f"  median ratio within a round: {paired:.2f}x")
        print(f"iter_papers (streaming):    {t_stream:.3f} s = {t_stream / t_floor:.2f}x floor")
        print(f"throughput: {size / 1e6 / t_parse:.0f} MB/s, {n_parse / t_parse:,.0f} cards/s")
        peak_small, peak_big = stream_peak(small), stream_peak(big)
        print(
            f"streaming peak memory: {peak_small / 1e3:.0f} kB at {small_size / 1e6:.0f} MB, "
            f"{peak_big / 1e3:.0f} kB at {size / 1e6:.0f} MB"
        )


if __name__ == "__main__":
    main()
