"""Parse a folder of many thousands of saved captures into one Parquet dataset with Dask.

    pip install "paperfeed[dask]"
    python examples/dask_folder_to_parquet.py CAPTURES/ papers-parquet/ [--scheduler threads]

Every file under CAPTURES/ (any saved form, gzip-compressed or not) is read with
``paperfeed.parse_file``, which is pure and picklable, in a ``dask.bag``. Each partition
of files becomes one Parquet file, ``part-00000.parquet``, ..., with paperfeed's fixed
Arrow schema (``paperfeed.arrow_schema()``) plus a ``source`` column naming the capture,
so ``pyarrow.parquet.read_table("papers-parquet/")`` (or pandas, polars, DuckDB, Spark)
reads the lot as one table. Files that cannot be read, are no papers page or list no
papers are counted and skipped, as the CLI skips them.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from pathlib import Path

import dask
import dask.bag as db
import pyarrow as pa
import pyarrow.parquet as pq

import paperfeed

REJECTED = {"empty-input", "binary-input", "not-a-papers-page"}
SOURCE = pa.field("source", pa.string(), nullable=False)
SCHEMA = paperfeed.arrow_schema().append(SOURCE)  # every part has exactly this schema


def captures(folder: str | os.PathLike[str]) -> list[str]:
    """Every file under ``folder``, recursively, in a stable order; hidden ones left out."""
    root = Path(folder)
    return sorted(
        str(path)
        for path in root.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def write_part(paths: Iterable[str], target: str) -> tuple[int, int]:
    """Parse ``paths`` and write their papers to the Parquet file ``target``.

    Returns (papers written, files skipped: unreadable, no papers page, or no papers).
    """
    tables, skipped = [], 0
    for path in paths:
        try:
            feed = paperfeed.parse_file(path)
        except OSError:  # unreadable, or a broken gzip stream: one file, not the run
            skipped += 1
            continue
        if not feed.papers or any(d.code in REJECTED for d in feed.errors):
            skipped += 1  # no papers page, or a page listing none (a README, a note)
            continue
        table = paperfeed.to_arrow(feed)
        source = pa.array([path] * table.num_rows, pa.string())
        tables.append(table.append_column(SOURCE, source))
    table = pa.concat_tables(tables) if tables else SCHEMA.empty_table()
    pq.write_table(table, target, compression="zstd")
    return table.num_rows, skipped


def convert(
    folder: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    files_per_part: int = 500,
    scheduler: str = "processes",
) -> tuple[int, int]:
    """Parse every capture under ``folder`` into ``out``/part-*.parquet; (papers, skipped)."""
    paths = captures(folder)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("part-*.parquet"):  # a rerun replaces the dataset
        old.unlink()
    if not paths:
        return 0, 0
    bag = db.from_sequence(paths, partition_size=files_per_part)
    parts = [
        dask.delayed(write_part)(part, str(target / f"part-{index:05d}.parquet"))
        for index, part in enumerate(bag.to_delayed())
    ]
    counts = dask.compute(*parts, scheduler=scheduler)
    return sum(n for n, _ in counts), sum(s for _, s in counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="the folder of saved captures (read recursively)")
    parser.add_argument("out", help="the folder to write part-*.parquet to")
    parser.add_argument("--files-per-part", type=int, default=500)
    parser.add_argument(
        "--scheduler", choices=("processes", "threads", "sync"), default="processes"
    )
    args = parser.parse_args()
    papers, skipped = convert(
        args.folder, args.out, files_per_part=args.files_per_part, scheduler=args.scheduler
    )
    print(f"{papers} papers written to {args.out}; {skipped} files skipped (no papers)")


if __name__ == "__main__":
    main()
