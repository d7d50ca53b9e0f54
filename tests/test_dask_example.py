"""examples/dask_folder_to_parquet.py on a small generated folder, on Dask's local schedulers."""

from __future__ import annotations

import datetime
import gzip
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import paperfeed
from paperfeed import AuthorCount, Feed, Paper

pytest.importorskip("dask.bag")
pq = pytest.importorskip("pyarrow.parquet")

EXAMPLE = Path(__file__).parents[1] / "examples" / "dask_folder_to_parquet.py"
REF = datetime.date(2025, 12, 20)


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_folder_to_parquet", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def day_feed(day: int) -> Feed:
    """A small daily listing of three papers, as the text and markdown forms carry them."""
    papers = [
        Paper(
            title=f"Paper {day}-{n}: scaling things up",
            authors=AuthorCount(3 + n),
            published=datetime.date(2025, 12, day),
            published_text=f"Dec {day}",
            year_inferred=True,
            comments=n,
            upvotes=10 * n + day,
            paper_id=f"2512.{day:02d}{n:03d}",
            submitted_by=f"user{n}",
        )
        for n in range(1, 4)
    ]
    return Feed(reference=REF, date=datetime.date(2025, 12, day), papers=papers)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "captures"
    (root / "2025-12" / "md").mkdir(parents=True)
    for day in (1, 2, 3):
        text = paperfeed.render_text(day_feed(day), front_matter=True)
        (root / "2025-12" / f"daily-{day}.txt").write_text(text, encoding="utf-8")
    markdown = paperfeed.render_markdown(day_feed(4))
    (root / "2025-12" / "md" / "daily-4.md").write_text(markdown, encoding="utf-8")
    packed = gzip.compress(paperfeed.render_text(day_feed(5), front_matter=True).encode())
    (root / "daily-5.txt.gz").write_bytes(packed)
    (root / "daily-6.txt.gz").write_bytes(packed[:-30])  # a cut gzip stream: skipped
    empty = paperfeed.render_text(Feed(reference=REF, date=REF), front_matter=True)
    (root / "2025-12" / "daily-20.txt").write_text(empty, encoding="utf-8")  # lists no papers
    (root / "notes.txt").write_text("groceries: milk, eggs\n", encoding="utf-8")
    (root / ".hidden").write_text("not read\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_folder_to_parquet(folder: Path, tmp_path: Path, scheduler: str) -> None:
    example = load_example()
    out = tmp_path / "parquet"
    papers, skipped = example.convert(folder, out, files_per_part=2, scheduler=scheduler)
    # Skipped: the cut gzip capture, notes.txt (no papers page), daily-20 (lists no papers).
    assert (papers, skipped) == (15, 3)
    assert len(list(out.glob("part-*.parquet"))) == 4  # 8 files (not the hidden one), 2 a part
    table = pq.read_table(out)
    assert table.num_rows == 15
    rows = table.to_pylist()
    by_source: dict[str, list[Paper]] = {}
    for paper, row in zip(paperfeed.from_arrow(table), rows):
        by_source.setdefault(Path(row["source"]).name, []).append(paper)
    assert sorted(by_source) == [
        "daily-1.txt",
        "daily-2.txt",
        "daily-3.txt",
        "daily-4.md",
        "daily-5.txt.gz",
    ]
    for name, papers_read in by_source.items():
        day = int(name.split("-")[1].split(".")[0])
        assert tuple(papers_read) == day_feed(day).papers, name
