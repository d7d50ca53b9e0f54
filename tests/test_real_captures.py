"""Golden tests over real saved pages: every ``tests/data/real/<name>.expected.json``.

The expected values were written by reading each capture (or, for the converted copies of
one daily page, that page's own data-props), never from paperfeed's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import paperfeed
from real_corpus import capture_for, expected_files, feed_problems, load_expected, reference_of

REAL = Path(__file__).parent / "data" / "real"
CASES = expected_files(REAL)


def test_every_capture_has_an_expectation() -> None:
    captures = {capture_for(path).name for path in CASES}
    on_disk = {
        p.name
        for p in REAL.iterdir()
        if p.is_file() and p.name != "README.md" and not p.name.endswith(".expected.json")
    }
    assert on_disk - captures == set()


@pytest.mark.parametrize("expected_path", CASES, ids=[p.name for p in CASES])
def test_real_capture(expected_path: Path) -> None:
    expected = load_expected(expected_path)
    capture = capture_for(expected_path)
    feed = paperfeed.parse_file(capture, reference=reference_of(expected))
    problems = feed_problems(feed, expected, capture.name, capture.read_bytes())
    assert not problems, "\n".join(problems)


def test_a_stray_line_in_a_daily_card_is_reported_not_read_into_a_field() -> None:
    # A daily card prints no abstract: a line after its organisation is no field of it.
    path = REAL / "hf-daily-2026-09-28--innertext.txt"
    reference = reference_of(load_expected(REAL / "hf-daily-2026-09-28--innertext.expected.json"))
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(" Peking University") + 1
    lines.insert(at, "=SUM(A1) junk line")
    feed = paperfeed.parse_text("\n".join(lines), reference=reference)
    clean = paperfeed.parse_text(path.read_text(encoding="utf-8"), reference=reference)
    assert feed.papers == clean.papers  # every field as the capture shows it
    [problem] = [d for d in feed.diagnostics if d not in clean.diagnostics]
    assert (problem.code, problem.line, problem.text) == (
        "unknown-line",
        at + 1,
        "=SUM(A1) junk line",
    )
    with pytest.raises(paperfeed.ParseError):
        paperfeed.parse_text("\n".join(lines), reference=reference, strict=True)
