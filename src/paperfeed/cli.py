"""The ``paperfeed`` command: saved papers pages in, JSON / JSON Lines / CSV / Parquet out."""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import io
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ._csv import to_csv
from ._detect import FORMATS, REJECTED, parse_data, parse_file
from ._errors import ParseError
from ._json import converter, to_jsonl
from ._models import Feed, Paper
from ._version import __version__
from ._write.arrow import write_parquet

__all__ = ["main"]


class _Failure(Exception):
    """A run-time failure reported as one line on stderr with exit status 1."""


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperfeed",
        description="Turn saved Hugging Face papers pages (plain text, markdown, HTML, "
        "Hub API JSON) into JSON, JSON Lines or CSV.",
        epilog="Exit status: 0 success (a papers page listing no papers included), 1 an "
        "input could not be read, is not a Hugging Face papers page (empty, binary, "
        "unrelated) or failed strict parsing, 2 usage error. Diagnostics go to stderr.",
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        default=["-"],
        metavar="FILE",
        help="saved page(s) to read; '-' or nothing reads standard input",
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
        choices=("json", "jsonl", "csv", "parquet"),
        default="json",
        help="output format (default: json; several inputs give a JSON array; parquet "
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
        "date recorded in the input, else today)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail on the first problem instead of skipping it"
    )
    parser.add_argument(
        "--bom", action="store_true", help="start CSV output with a UTF-8 BOM (for Excel)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print diagnostics")
    parser.add_argument("-V", "--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _parse(name: str, args: argparse.Namespace) -> tuple[str, Feed]:
    """Read and parse one input; return its display name and feed."""
    label = "<stdin>" if name == "-" else name
    fmt = None if args.from_format == "auto" else args.from_format
    try:
        if name == "-":
            feed = parse_data(sys.stdin.buffer.read(), args.reference_date, args.strict, fmt)
        else:
            feed = parse_file(name, args.reference_date, args.strict, fmt)
    except OSError as exc:
        raise _Failure(f"cannot read {name}: {exc.strerror or exc}") from None
    except ParseError as exc:
        if exc.code in REJECTED:
            raise _Failure(f"{label}: {exc.msg}") from None
        raise _Failure(f"{label}:{exc.lineno}:{exc.colno}: error: {exc.msg}") from None
    for d in feed.errors:
        if d.code in REJECTED:  # not a papers page at all: no output, one line, status 1
            raise _Failure(f"{label}: {d.message}")
    return label, feed


def _render(feeds: list[Feed], fmt: str, bom: bool) -> str:
    if fmt == "csv":
        return to_csv([p for f in feeds for p in f.papers], bom=bom)
    if fmt == "jsonl":
        papers: list[Paper] = [p for f in feeds for p in f.papers]
        return to_jsonl(papers)
    data = [converter.unstructure(f) for f in feeds]
    return json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False) + "\n"


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failure, 2 usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    output = Path(args.output) if args.output and args.output != "-" else None
    if args.bom and args.format != "csv":
        parser.error("--bom applies only to --format csv")
    if output is not None and any(_same_file(output, name) for name in args.inputs):
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
    feeds = []
    try:
        for name in args.inputs:
            label, feed = _parse(name, args)
            if not args.quiet:
                for d in feed.diagnostics:
                    print(f"{label}:{d}", file=sys.stderr)
            feeds.append(feed)
        # Parquet is bytes and always goes to a file (-o FILE is required for it).
        rendered = "" if args.format == "parquet" else _render(feeds, args.format, args.bom)
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
    return 0
