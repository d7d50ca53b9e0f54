"""The ``paperfeed`` command: saved papers pages in, JSON / JSON Lines / CSV / Parquet out.

``paperfeed FILE...`` converts captures; ``paperfeed merge FILE...`` merges them (and
datasets it wrote before) into one record per paper. Only a first argument ``merge``
names the command: ``paperfeed ./merge`` converts a file of that name.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import io
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ._batch import Input, Outcome, Progress, Reader, expand, read_all
from ._dataset import Dataset, Provenance
from ._merge import merge
from ._models import Feed, Paper
from ._read.detect import FORMATS
from ._version import __version__
from ._write.arrow import write_parquet
from ._write.csv import to_csv
from ._write.dataset import dataset_to_csv, dataset_to_json, dataset_to_jsonl, sniff_dataset
from ._write.json import feeds_to_json, to_json, to_jsonl

__all__ = ["main"]


class _Failure(Exception):
    """A run-time failure reported as one line on stderr with exit status 1."""


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}")
    return jobs or os.cpu_count() or 1


def _parser(merging: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperfeed merge" if merging else "paperfeed",
        description="Merge saved Hugging Face papers pages (and datasets this command "
        "wrote) into one record per paper, with its history across captures."
        if merging
        else "Turn saved Hugging Face papers pages (plain text, markdown, HTML, "
        "Hub API JSON) into JSON, JSON Lines, CSV or Parquet. 'paperfeed merge --help' tells how "
        "to merge many captures into one dataset.",
        epilog="Exit status: 0 success (a papers page listing no papers included), 1 an "
        "input could not be read, is not a Hugging Face papers page (empty, binary, "
        "unrelated) or failed strict parsing (the other inputs are still converted), "
        "2 usage error. Diagnostics go to stderr. A folder is read recursively: files "
        "ending in .html .htm .xhtml .md .markdown .txt .text .json (or those plus .gz); "
        "among them, files that are no papers page or list no papers are skipped.",
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        default=["-"],
        metavar="FILE",
        help="saved page(s), folders of them or glob patterns to read; '-' or nothing "
        "reads standard input",
    )
    parser.add_argument(
        "--from",
        dest="from_format",
        choices=("auto", *FORMATS),
        default="auto",
        help="the saved form of the inputs (default: detect each: HTML, markdown, plain "
        "text or Hub API JSON)",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("json", "jsonl", "csv") if merging else ("json", "jsonl", "csv", "parquet"),
        default="json",
        help="output format (default: json)"
        if merging
        else "output format (default: json; several inputs give a JSON array; parquet "
        "needs -o FILE and pip install 'paperfeed[arrow]')",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here (atomically) instead of standard output ('-' means standard output)",
    )
    parser.add_argument(
        "-r",
        "--reference-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="resolve year-less dates against this day (default: the capture "
        "date recorded in the input, else the page's own date, else today)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail on the first problem instead of skipping it"
    )
    parser.add_argument(
        "--bom", action="store_true", help="start CSV output with a UTF-8 BOM (for Excel)"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="read inputs in N processes (0: one per CPU; default 1); output keeps input order",
    )
    if not merging:
        parser.add_argument(
            "--provenance",
            action="store_true",
            help="add where each paper came from to JSON Lines and CSV rows (source, "
            "page kind, page date, page URL, capture date)",
        )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="do not print diagnostics or progress"
    )
    parser.add_argument("-V", "--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _marks(feeds: list[Feed], sources: list[str]) -> list[Provenance]:
    """One provenance per paper, feed by feed."""
    return [Provenance.of(f, name) for f, name in zip(feeds, sources) for _ in f.papers]


def _render(
    feeds: list[Feed],
    fmt: str,
    bom: bool,
    sources: list[str] | None = None,
    single: bool | None = None,
) -> str:
    """Render feeds; ``sources`` (one per feed) adds provenance to JSON Lines and CSV rows.

    JSON is one feed object when ``single`` (default: when there is one feed), else an array.
    """
    if fmt == "csv":
        marks = None if sources is None else _marks(feeds, sources)
        return to_csv([p for f in feeds for p in f.papers], bom=bom, provenance=marks)
    if fmt == "jsonl":
        papers: list[Paper] = [p for f in feeds for p in f.papers]
        return to_jsonl(papers, provenance=None if sources is None else _marks(feeds, sources))
    single = len(feeds) == 1 if single is None else single
    return (to_json(feeds[0]) if single else feeds_to_json(feeds)) + "\n"


def _render_merged(outcomes: list[Outcome], fmt: str, bom: bool) -> str:
    """Merge what the inputs held into one dataset and render it."""
    items: list[Dataset | tuple[str, Feed]] = []
    for o in outcomes:
        if o.dataset is not None:
            items.append(o.dataset)
        elif o.feed is not None:
            items.append((o.label, o.feed))
    dataset = merge(items)
    if fmt == "csv":
        return dataset_to_csv(dataset, bom=bom)
    if fmt == "jsonl":
        return dataset_to_jsonl(dataset)
    return dataset_to_json(dataset) + "\n"


def _parquet(feeds: list[Feed]) -> bytes:
    """The papers of every feed as one Parquet file's bytes."""
    buffer = io.BytesIO()
    write_parquet([p for f in feeds for p in f.papers], buffer)
    return buffer.getvalue()


def _write_atomic(path: Path, text: str | bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777  # keep an existing file's permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # what open() would have given a new file
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _same_file(a: Path, b: str) -> bool:
    try:
        return b != "-" and a.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _read(
    inputs: list[Input], args: argparse.Namespace, merging: bool, progress: Progress
) -> tuple[list[Outcome], bool]:
    """Read every input, reporting as it goes; return what was read and whether any failed."""
    fmt = None if args.from_format == "auto" else args.from_format
    reader = Reader(args.reference_date, args.strict, fmt, sniff_dataset if merging else None)
    stdin = sys.stdin.buffer.read() if any(i.name == "-" for i in inputs) else None
    read: list[Outcome] = []
    failed = False
    for outcome in read_all(inputs, reader, args.jobs, stdin):
        progress.tick()
        if outcome.error is not None:
            progress.say(f"paperfeed: {outcome.error}")
            failed = True
        elif outcome.skip is not None:
            if not args.quiet:
                progress.say(f"paperfeed: skipped {outcome.label}: {outcome.skip}")
        else:
            if outcome.feed is not None and not args.quiet:
                for d in outcome.feed.diagnostics:
                    progress.say(f"{outcome.label}:{d}")
            read.append(outcome)
    return read, failed


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failure, 2 usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    merging = argv[:1] == ["merge"]
    parser = _parser(merging)
    args = parser.parse_args(argv[1:] if merging else argv)
    output = Path(args.output) if args.output and args.output != "-" else None
    if args.bom and args.format != "csv":
        parser.error("--bom applies only to --format csv")
    if not merging and args.provenance and args.format == "json":
        parser.error("--provenance applies to --format jsonl and csv")
    named = [name for name in args.inputs if output is not None and _same_file(output, name)]
    if named and not merging:
        parser.error(f"refusing to overwrite input file {args.output}")
    if args.inputs.count("-") > 1:
        parser.error("standard input ('-') can be read only once")
    if args.format == "parquet":
        if output is None:
            parser.error("--format parquet writes a file: give -o FILE")
        if importlib.util.find_spec("pyarrow") is None:
            print(
                "paperfeed: --format parquet needs pyarrow: pip install 'paperfeed[arrow]'",
                file=sys.stderr,
            )
            return 1
    inputs, unmatched = expand(args.inputs, output)
    progress = Progress(len(inputs), args.quiet)
    try:
        for line in unmatched:
            progress.say(f"paperfeed: {line}")
        read, failed = _read(inputs, args, merging, progress)
    finally:
        progress.close()
    failed = failed or bool(unmatched)
    datasets = {o.label for o in read if o.dataset is not None}
    if any(name not in datasets for name in named):
        parser.error(f"refusing to overwrite input file {args.output} (not a merged dataset)")
    if failed and not read:
        return 1
    feeds: list[Feed] = []
    try:
        if merging:
            rendered = _render_merged(read, args.format, args.bom)
        else:
            feeds = [o.feed for o in read if o.feed is not None]
            sources = [o.label for o in read] if args.provenance else None
            one_file = len(args.inputs) == 1 and [i.name for i in inputs] == args.inputs
            # Parquet is bytes and always goes to a file (-o FILE is required for it).
            rendered = (
                ""
                if args.format == "parquet"
                else _render(feeds, args.format, args.bom, sources, one_file)
            )
        if output is None:
            sys.stdout.write(rendered)
            sys.stdout.flush()
        else:
            try:
                _write_atomic(output, _parquet(feeds) if args.format == "parquet" else rendered)
            except OSError as exc:
                raise _Failure(f"cannot write {output}: {exc.strerror or exc}") from None
    except _Failure as exc:
        print(f"paperfeed: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # A closed pipe (| head) is the reader's choice, not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 1 if failed else 0
