"""parse_text pauses the cyclic garbage collector while it builds papers, and only then."""

from __future__ import annotations

import datetime
import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

import paperfeed
from paperfeed._gcpause import gc_paused

REF = datetime.date(2025, 12, 20)
SEED = Path(__file__).parent / "data" / "text" / "seed-search-2025-12-12.txt"
CARD = "Title One\n\nAn abstract.\n\n  • 3 authors\n·\nFeb 15, 2023\n"


@pytest.fixture
def gc_state() -> Iterator[None]:
    """Put the collector back as the test found it, whatever the test does to it."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("gc_state")
def test_pause_disables_then_restores_an_enabled_collector() -> None:
    gc.enable()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_state")
def test_pause_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    with gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


@pytest.mark.usefixtures("gc_state")
def test_nested_pauses_resume_only_when_the_outer_one_ends() -> None:
    gc.enable()
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_state")
def test_overlapping_pauses_in_threads_resume_when_the_last_ends() -> None:
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with gc_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with gc_paused():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the other thread's pause is still on
    release.set()
    thread.join(5)
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_state")
def test_parse_text_restores_the_collector_also_when_strict_parsing_raises() -> None:
    gc.enable()
    assert paperfeed.parse_text(CARD, reference=REF).papers
    assert gc.isenabled()
    with pytest.raises(paperfeed.ParseError):
        paperfeed.parse_text("stray line\n" + CARD + "\n1 authors\n", reference=REF, strict=True)
    assert gc.isenabled()
    gc.disable()
    paperfeed.parse_text(CARD, reference=REF)
    assert not gc.isenabled()


@pytest.mark.usefixtures("gc_state")
def test_streaming_does_not_pause_the_collector_between_papers() -> None:
    gc.enable()
    with SEED.open(encoding="utf-8") as handle:
        for _paper in paperfeed.iter_papers(handle, reference=REF):
            assert gc.isenabled()


@pytest.mark.usefixtures("gc_state")
def test_papers_are_freed_with_their_feed_without_a_collection() -> None:
    # The parser's internals hold a reference cycle; the papers must not be caught in it.
    gc.disable()
    feed = paperfeed.parse_text(SEED.read_text(encoding="utf-8"), reference=REF)
    first, last = weakref.ref(feed.papers[0]), weakref.ref(feed.papers[-1])
    del feed
    assert first() is None
    assert last() is None


@pytest.mark.usefixtures("gc_state")
def test_building_many_papers_triggers_no_collection_on_the_way() -> None:
    # 760 cards make some 1,500 new containers: with a young-generation threshold of 100,
    # collecting as they are built would run at least 15 collections; paused, at most the
    # one that follows the pause.
    text = SEED.read_text(encoding="utf-8") * 20
    runs: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    gc.enable()
    threshold = gc.get_threshold()
    gc.collect()
    gc.set_threshold(100, 10, 10)
    gc.callbacks.append(record)
    try:
        feed = paperfeed.parse_text(text, reference=REF)
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*threshold)
    assert len(feed.papers) == 38 * 20
    assert len(runs) <= 1, runs
