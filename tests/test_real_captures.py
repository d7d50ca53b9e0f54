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
