"""Many inputs for the CLI: files, folders and globs expanded, then read in N processes.

A folder is walked recursively in name order; hidden files and folders are passed over,
and only files named like a capture (``CAPTURE_SUFFIXES``, optionally gzipped) are read.
Among those, a file that turns out to be no papers page, or lists no papers, is skipped
with a note rather than failing the run: captures folders also hold READMEs, notes and
test expectations (``*.expected.json``), which are JSON but not captures. A glob pattern
is expanded as a shell would; what it or the user names is read whatever it is called.
"""

from __future__ import annotations

import datetime
import glob
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from attrs import frozen
from tqdm import tqdm

from paperfeed._dataset import Dataset
from paperfeed._errors import PaperfeedError, ParseError
from paperfeed._models import Feed
from paperfeed._read.detect import REJECTED, Format, gunzip_capture, parse_data

__all__ = ["CAPTURE_SUFFIXES", "Input", "Outcome", "Progress", "Reader", "expand", "read_all"]

CAPTURE_SUFFIXES = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt", ".text", ".json")
"""File name endings a folder walk reads (each also with ``.gz`` after it)."""

_PROGRESS_OVER = 5  # a bar only for more inputs than this: a handful finishes at once
_GLOB_CHARS = frozenset("*?[")


@frozen
class Input:
    """One input: a path (``"-"`` for standard input) and whether a folder walk found it."""

    name: str
    """The path as the user gave it or the walk built it; ``"-"`` for standard input."""
    found: bool = False
    """True when a folder walk found it: a file that is no capture is then skipped."""


@frozen
class Outcome:
    """What reading one input gave: a feed, a dataset, or a one-line error."""

    label: str
    """The input's display name (``"<stdin>"`` for standard input)."""
    feed: Feed | None = None
    """The feed read, unless the input failed or was a dataset."""
    dataset: Dataset | None = None
    """A merged dataset the input held (``paperfeed merge`` reads its own output back)."""
    error: str | None = None
    """Why the input failed, as one line without the program name."""
    skip: str | None = None
    """Why a found file was passed over (no papers page, no papers)."""


@frozen
class Reader:
    """How to read each input; picklable, so worker processes get it whole."""

    reference: datetime.date | None = None
    """Reference date for year-less dates, or ``None`` for each capture's own."""
    strict: bool = False
    """Fail an input at its first problem."""
    format: Format | None = None
    """The saved form of every input, or ``None`` to detect each."""
    datasets: Callable[[bytes], Dataset | None] | None = None
    """Recognises a merged dataset among the inputs (for ``merge``), else ``None``."""

    def __call__(self, item: tuple[Input, bytes | None]) -> Outcome:
        """Read one input (``data`` holds standard input's bytes, already read)."""
        entry, data = item
        label = "<stdin>" if entry.name == "-" else entry.name
        try:
            if data is None:
                with open(entry.name, "rb") as handle:
                    data = handle.read()
            data = gunzip_capture(data)  # "page.html.gz", or gzip piped in
            if self.datasets is not None:
                dataset = self.datasets(data)
                if dataset is not None:
                    return Outcome(label, dataset=dataset)
            feed = parse_data(data, self.reference, self.strict, self.format)
        except OSError as exc:
            return Outcome(label, error=f"cannot read {entry.name}: {exc.strerror or exc}")
        except ParseError as exc:
            if exc.code in REJECTED:
                return _rejected(entry, label, exc.msg)
            return Outcome(label, error=f"{label}:{exc.lineno}:{exc.colno}: error: {exc.msg}")
        except PaperfeedError as exc:
            return Outcome(label, error=f"{label}: {exc}")
        except Exception as exc:  # a bug must not cost the other inputs of a batch
            return Outcome(label, error=f"{label}: internal error: {type(exc).__name__}: {exc}")
        for d in feed.errors:
            if d.code in REJECTED:  # not a papers page at all: no output, one line
                return _rejected(entry, label, d.message)
        if entry.found and not feed.papers:
            reason = next((d.message for d in feed.diagnostics if d.code == "no-papers"), "")
            return Outcome(label, skip=reason or "no papers")
        if not feed.papers and feed.errors:  # e.g. HTML read with --from api-json
            first = feed.errors[0]
            return Outcome(
                label, error=f"{label}:{first.line}:{first.column}: no papers read: {first.message}"
            )
        return Outcome(label, feed=feed)


def _rejected(entry: Input, label: str, message: str) -> Outcome:
    if entry.found:  # the reason without its parenthesised evidence list: one short line
        return Outcome(label, skip=message.split(" (", 1)[0])
    return Outcome(label, error=f"{label}: {message}")


def _is_capture_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().removesuffix(".gz").endswith(CAPTURE_SUFFIXES)


def _walk(top: str) -> Iterator[str]:
    """Capture-named files under ``top``, recursively, in name order, hidden ones left out."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (os.path.join(root, f) for f in sorted(files) if _is_capture_name(f))


def expand(names: Sequence[str], skip: Path | None = None) -> tuple[list[Input], list[str]]:
    """Turn files, folders, globs and ``-`` into inputs, in the order given.

    Returns the inputs and an error line for each pattern that matched nothing. Files a
    walk or a glob finds are read once even when found twice, and ``skip`` (the output
    file) is never among them.
    """
    inputs: list[Input] = []
    errors: list[str] = []
    seen: set[str] = set()
    skipped = _identity(str(skip)) if skip is not None else None

    def add(path: str, found: bool) -> None:
        key = _identity(path)
        if key in seen or key == skipped:
            return
        seen.add(key)
        inputs.append(Input(path, found))

    for name in names:
        if name == "-" or not (os.path.isdir(name) or _is_pattern(name)):
            inputs.append(Input(name))  # a file, or a missing one that fails when read
            seen.add(_identity(name))
        elif os.path.isdir(name):
            for path in _walk(name):
                add(path, True)
        else:
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                errors.append(f"no file matches {name}")
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match):
                        add(path, True)
                else:
                    add(match, False)
    return inputs, errors


def _is_pattern(name: str) -> bool:
    return not os.path.exists(name) and not _GLOB_CHARS.isdisjoint(name)


def _identity(path: str) -> str:
    return "-" if path == "-" else os.path.realpath(path)


class Progress:
    """A progress bar on standard error, shown only when it is a terminal; say() beside it."""

    def __init__(self, total: int, quiet: bool, stream: TextIO | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        show = not quiet and total > _PROGRESS_OVER and self.stream.isatty()
        self.bar: Any = (
            tqdm(total=total, file=self.stream, unit="file", dynamic_ncols=True, leave=False)
            if show
            else None
        )

    def say(self, line: str) -> None:
        """Print one line to standard error without tearing the bar."""
        if self.bar is None:
            print(line, file=self.stream)
        else:
            self.bar.write(line, file=self.stream)

    def tick(self) -> None:
        """Count one input done."""
        if self.bar is not None:
            self.bar.update()

    def close(self) -> None:
        """Take the bar off the terminal."""
        if self.bar is not None:
            self.bar.close()


def read_all(
    inputs: Sequence[Input], reader: Reader, jobs: int, stdin: bytes | None = None
) -> Iterator[Outcome]:
    """Read every input in ``jobs`` processes; outcomes come in input order."""
    items = [(entry, stdin if entry.name == "-" else None) for entry in inputs]
    if jobs <= 1 or len(items) <= 1:
        yield from map(reader, items)
        return
    workers = min(jobs, len(items))
    chunk = max(1, min(16, len(items) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(reader, items, chunksize=chunk)
