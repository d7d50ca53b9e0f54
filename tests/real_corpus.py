"""Compare a parsed feed with a real capture's ``<name>.expected.json``.

Shared by ``tests/test_real_captures.py`` and ``benchmarks/corpus_report.py``. The expected
files are written from reading each capture, never from paperfeed's output; see
``tests/data/real/README.md`` for their format.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from paperfeed import Feed, Paper, Severity, detect_format

__all__ = [
    "PAPER_KEYS",
    "Expected",
    "Score",
    "capture_for",
    "expected_files",
    "feed_problems",
    "load_expected",
    "normalize_ws",
    "paper_problems",
    "reference_of",
    "score",
]

Expected = Mapping[str, Any]
"""One decoded ``<name>.expected.json``."""

PAPER_KEYS = frozenset(a.name for a in attrs.fields(Paper)) | {"author_names"}
"""Keys a paper of an expected file may hold: Paper's attributes plus ``author_names``."""

_EXPECTED_SUFFIX = ".expected.json"
_SIDE_FILES = (_EXPECTED_SUFFIX, ".truth.json")
_MAX_SHOWN = 60  # problems listed per file before the rest are only counted


def normalize_ws(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def expected_files(directory: Path) -> list[Path]:
    """Every ``*.expected.json`` of ``directory``, sorted by name."""
    return sorted(directory.glob("*" + _EXPECTED_SUFFIX))


def load_expected(path: Path) -> dict[str, Any]:
    """Read one expected file; reject keys the comparison would silently ignore."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a JSON object")
    for index, paper in enumerate(data.get("papers", [])):
        unknown = set(paper) - PAPER_KEYS
        if unknown:
            raise ValueError(f"{path.name}: paper {index}: unknown keys {sorted(unknown)}")
    return data


def capture_for(expected_path: Path) -> Path:
    """The capture an expected file describes: same directory, same name up to the extension."""
    stem = expected_path.name[: -len(_EXPECTED_SUFFIX)]
    for candidate in sorted(expected_path.parent.iterdir()):
        name = candidate.name
        if (
            candidate.is_file()
            and not name.endswith(_SIDE_FILES)
            and name.rsplit(".", 1)[0] == stem
        ):
            return candidate
    raise FileNotFoundError(f"no capture for {expected_path.name}")


def reference_of(expected: Expected) -> datetime.date | None:
    """The reference date an expected file asks the parser to use, if any."""
    value = expected.get("reference")
    return None if value is None else datetime.date.fromisoformat(value)


def _actual(paper: Paper, key: str) -> object:
    """A paper's value for ``key`` in the JSON shape the expected files use."""
    if key == "authors":
        return None if paper.authors is None else paper.authors.count
    if key == "author_names":
        return None if paper.authors is None else list(paper.authors.names)
    value = getattr(paper, key)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _same(key: str, want: object, got: object) -> bool:
    if key == "featured_at" and isinstance(want, str) and isinstance(got, str):
        # Compare instants: "...Z" and "...+00:00" spell the same moment.
        return datetime.datetime.fromisoformat(want.replace("Z", "+00:00")) == (
            datetime.datetime.fromisoformat(got)
        )
    return want == got


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:120] + f"... ({len(text)} chars)"


def paper_problems(paper: Paper, expected: Mapping[str, Any], where: str) -> list[str]:
    """One line per listed field of ``expected`` that ``paper`` gets wrong."""
    problems = []
    for key, want in expected.items():
        got = _actual(paper, key)
        if not _same(key, want, got):
            problems.append(f"{where}.{key}: expected {_short(want)}, got {_short(got)}")
    return problems


def _feed_value(feed: Feed, key: str) -> object:
    value = getattr(feed, key)
    if key == "kind":
        return None if value is None else value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _diagnostic_problems(feed: Feed, expected: Expected, name: str) -> Iterator[str]:
    errors = [d for d in feed.diagnostics if d.severity is Severity.ERROR]
    min_errors = int(expected.get("min_errors", 0))
    if min_errors == 0 and errors:
        shown = "; ".join(str(d) for d in errors[:3])
        yield f"{name}: expected no error diagnostics, got {len(errors)}: {shown}"
    elif len(errors) < min_errors:
        yield f"{name}: expected at least {min_errors} error diagnostics, got {len(errors)}"


def feed_problems(feed: Feed, expected: Expected, name: str, data: bytes) -> list[str]:
    """Everything about ``feed`` (parsed from ``data``) that ``expected`` contradicts.

    Each line names the file, and for a paper its index and field, so a failure says
    where to look. Papers are compared by position: page order is part of the contract.
    """
    problems = []
    form = detect_format(data)
    if "form" in expected and form != expected["form"]:
        problems.append(f"{name}: form: expected {expected['form']!r}, detected {form!r}")
    for key in ("kind", "date", "source_url", "query"):
        if key in expected and _feed_value(feed, key) != expected[key]:
            got = _feed_value(feed, key)
            problems.append(f"{name}: feed.{key}: expected {expected[key]!r}, got {got!r}")
    papers: Sequence[Mapping[str, Any]] = expected.get("papers", [])
    if len(feed.papers) != len(papers):
        problems.append(
            f"{name}: expected {len(papers)} papers, found {len(feed.papers)}"
            f" (first titles found: {[p.title[:40] for p in feed.papers[:3]]})"
        )
    for index, (paper, want) in enumerate(zip(feed.papers, papers)):
        problems.extend(paper_problems(paper, want, f"{name}: paper[{index}]"))
    problems.extend(_diagnostic_problems(feed, expected, name))
    if len(problems) > _MAX_SHOWN:
        problems[_MAX_SHOWN:] = [f"{name}: ... and {len(problems) - _MAX_SHOWN} more problems"]
    return problems


@attrs.frozen
class Score:
    """How one parsed capture measures up against its expectation."""

    expected: int
    """Papers the capture holds."""
    found: int
    """Papers the parser returned."""
    exact: int
    """Expected papers matched by a found paper that is right in every listed field."""
    bogus: int
    """Found papers whose title matches no expected title."""
    errors: int
    """Diagnostics of severity error."""
    warnings: int
    """Diagnostics of severity warning."""


def _title_key(title: object) -> str:
    return normalize_ws(str(title)).casefold()


def score(feed: Feed, expected: Expected) -> Score:
    """Count exact and bogus papers, matching by position first and by title otherwise.

    Matching by title as a fallback keeps one dropped or extra card from making every
    later paper count as wrong.
    """
    papers: Sequence[Mapping[str, Any]] = expected.get("papers", [])
    found = list(feed.papers)
    used: set[int] = set()
    exact = 0
    for index, want in enumerate(papers):
        key = _title_key(want.get("title", ""))
        match = None
        if index < len(found) and index not in used and _title_key(found[index].title) == key:
            match = index
        else:
            match = next(
                (i for i, p in enumerate(found) if i not in used and _title_key(p.title) == key),
                None,
            )
        if match is None:
            continue
        used.add(match)
        if not paper_problems(found[match], want, ""):
            exact += 1
    titles = {_title_key(p.get("title", "")) for p in papers}
    bogus = sum(1 for p in found if _title_key(p.title) not in titles)
    severities = [d.severity for d in feed.diagnostics]
    return Score(
        expected=len(papers),
        found=len(found),
        exact=exact,
        bogus=bogus,
        errors=severities.count(Severity.ERROR),
        warnings=severities.count(Severity.WARNING),
    )
