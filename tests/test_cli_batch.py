"""The command line over many inputs: folders, globs, --jobs, progress, provenance, merge."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import paperfeed

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
SEED = DATA / "text" / "seed-search-2025-12-12.txt"
CARD = "Title One\n\nAbstract.\n\n  • 3 authors\n·\nFeb 15, 2023\n"


def run(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paperfeed", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def captures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of tests/data/real: captures beside their .expected.json and a README."""
    folder = tmp_path_factory.mktemp("captures") / "real"
    shutil.copytree(REAL, folder)
    return folder


def expected_papers() -> dict[str, int]:
    """Papers per capture, as the expectations written from each capture count them."""
    counts = {}
    for path in sorted(REAL.glob("*.expected.json")):
        capture = next(p for p in REAL.glob(path.name.replace(".expected.json", ".*")) if p != path)
        counts[capture.name] = len(json.loads(path.read_text(encoding="utf-8"))["papers"])
    return counts


def test_a_folder_of_mixed_captures_in_two_processes(captures: Path) -> None:
    proc = run(str(captures), "--jobs", "2", "--format", "csv", "--provenance")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    counts = expected_papers()
    assert len(rows) == sum(counts.values())
    by_source: dict[str, int] = {}
    for row in rows:
        by_source[Path(row["source"]).name] = by_source.get(Path(row["source"]).name, 0) + 1
    assert by_source == {name: n for name, n in counts.items() if n}
    # Files come in name order, and each row says which file it came from.
    assert [Path(r["source"]).name for r in rows] == sorted(Path(r["source"]).name for r in rows)
    # What is no capture is named once on stderr as skipped, never as a failure: the
    # expectations (JSON, but no papers page) and the README (it names API keys, so it
    # passes for a papers page, but it lists no papers).
    skipped = {
        line.split(": ")[1]: line.split(": ")[2]
        for line in proc.stderr.splitlines()
        if line.startswith("paperfeed: ")
    }
    not_captures = [p for p in captures.iterdir() if p.name.endswith(".expected.json")]
    assert sorted(skipped) == sorted(
        f"skipped {p}" for p in [*not_captures, captures / "README.md"]
    )
    assert skipped[f"skipped {not_captures[0]}"] == "the input is not a Hugging Face papers page"


def test_jobs_do_not_change_the_output(captures: Path) -> None:
    one = run(str(captures), "-q", "-f", "jsonl", "-j", "1")
    two = run(str(captures), "-q", "-f", "jsonl", "-j", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert len(paperfeed.from_jsonl(one.stdout)) == sum(expected_papers().values())


def test_files_folders_globs_and_stdin_mix_in_order(tmp_path: Path) -> None:
    folder = tmp_path / "caps"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    shutil.copy(REAL / "api-daily-2026-09-29-no-authors.json", folder / "sub" / "b.json")
    shutil.copy(REAL / "api-daily-2026-08-fixture-indent4.json", folder / "a.json")
    shutil.copy(REAL / "api-daily-2026-08-fixture-indent4.json", folder / ".hidden" / "c.json")
    shutil.copy(REAL / "api-daily-2026-08-fixture-indent4.json", folder / ".d.json")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    proc = run(
        str(SEED), str(folder), str(tmp_path / "caps" / "*.json"), "-", "-q", "-f", "jsonl",
        "--provenance", "-r", "2025-12-20", stdin=CARD,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    sources = [json.loads(line)["source"] for line in proc.stdout.splitlines()]
    order = list(dict.fromkeys(sources))
    # The glob finds a.json again: a file is read once however it is found.
    assert order == [str(SEED), str(folder / "a.json"), str(folder / "sub" / "b.json"), "<stdin>"]
    assert [sources.count(s) for s in order] == [38, 3, 2, 1]


def test_a_folder_alone_gives_an_array_and_a_file_alone_an_object(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "one.txt")
    folder = run(str(tmp_path), "-q", "-r", "2025-12-20")
    assert [len(f["papers"]) for f in json.loads(folder.stdout)] == [38]
    single = run(str(tmp_path / "one.txt"), "-q", "-r", "2025-12-20")
    assert len(json.loads(single.stdout)["papers"]) == 38
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run(str(empty))
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (0, "[]\n", "")


def test_a_failing_input_is_one_line_and_the_rest_is_converted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CARD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CARD + "junk\n", encoding="utf-8")
    proc = run(
        str(tmp_path / "*.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "*.md"),
        "--strict", "-f", "jsonl", "-r", "2025-01-01", "-j", "2",
    )  # fmt: skip
    assert proc.returncode == 1
    assert [p.title for p in paperfeed.from_jsonl(proc.stdout)] == ["Title One"]
    assert proc.stderr.splitlines() == [
        f"paperfeed: no file matches {tmp_path / '*.md'}",
        f"paperfeed: {tmp_path / 'b.txt'}:8:1: error: line is not part of any card",
        f"paperfeed: cannot read {tmp_path / 'missing.txt'}: No such file or directory",
    ]


def test_the_output_file_in_a_walked_folder_is_not_read(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    out = tmp_path / "all.json"
    for _ in range(2):
        proc = run(str(tmp_path), "-q", "-r", "2025-12-20", "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        assert [len(f["papers"]) for f in json.loads(out.read_text(encoding="utf-8"))] == [38]


def test_usage_errors_of_the_new_options() -> None:
    assert "applies to --format jsonl and csv" in run("--provenance", stdin=CARD).stderr
    assert run("--jobs", "-1", stdin=CARD).returncode == 2
    assert run("--jobs", "two", stdin=CARD).returncode == 2


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")  # POSIX only
    import fcntl
    import struct
    import termios

    for i in range(8):
        shutil.copy(REAL / "api-daily-2026-08-fixture-indent4.json", tmp_path / f"{i}.json")
    args = [sys.executable, "-m", "paperfeed", str(tmp_path), "-o", str(tmp_path / "out.csv")]
    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    with subprocess.Popen([*args, "-f", "csv"], stderr=child, stdin=subprocess.DEVNULL) as proc:
        os.close(child)
        shown = b""
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
    os.close(parent)
    assert proc.returncode == 0
    assert b"/8 [" in shown
    assert b"file/s" in shown
    piped = subprocess.run([*args, "-f", "jsonl"], capture_output=True, check=False, timeout=60)
    assert piped.returncode == 0
    assert piped.stderr == b""


# -- merge ----------------------------------------------------------------------------------


def test_merge_command_and_a_file_named_merge(tmp_path: Path) -> None:
    (tmp_path / "merge").write_text(CARD, encoding="utf-8")
    converted = run("./merge", "-r", "2025-01-01", cwd=tmp_path)
    assert converted.returncode == 0, converted.stderr
    assert json.loads(converted.stdout)["papers"][0]["title"] == "Title One"
    merged = run("merge", "./merge", "-r", "2025-01-01", cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    [record] = json.loads(merged.stdout)["records"]
    assert record["paper"]["title"] == "Title One"
    assert record["history"][0]["capture"]["source"] == "./merge"
    assert "merge --help" in run("--help").stdout
    assert run("merge", "--help").stdout.startswith("usage: paperfeed merge")


def test_merge_reads_its_own_output_back_and_may_overwrite_only_that(tmp_path: Path) -> None:
    a, b = REAL / "api-daily-2026-09-29-no-authors.json", REAL / "api-daily-2026-09-29-pruned.json"
    out = tmp_path / "merged.csv"
    assert run("merge", str(a), str(b), "-f", "csv", "-o", str(out)).returncode == 0
    first = out.read_text(encoding="utf-8")
    again = run("merge", str(out), str(b), "-f", "csv", "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert out.read_text(encoding="utf-8") == first
    capture = tmp_path / "capture.json"
    shutil.copy(a, capture)
    refused = run("merge", str(capture), "-o", str(capture))
    assert refused.returncode == 2
    assert "refusing to overwrite input file" in refused.stderr
    assert capture.read_bytes() == a.read_bytes()
