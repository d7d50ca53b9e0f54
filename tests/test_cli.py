"""The command line, run as a user would: in a subprocess."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

import paperfeed

SEED = Path(__file__).parent / "data" / "text" / "seed-search-2025-12-12.txt"
CARD = "Title One\n\nAbstract.\n\n  • 3 authors\n·\nFeb 15, 2023\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paperfeed", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_seed_to_json() -> None:
    proc = run(str(SEED), "--reference-date", "2025-12-20")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    data = json.loads(proc.stdout)
    assert data["date"] == "2025-12-12"
    assert len(data["papers"]) == 38
    assert data["papers"][3]["comments"] == 1
    assert paperfeed.from_json(proc.stdout) == paperfeed.parse_text(
        SEED.read_text(encoding="utf-8"), reference=paperfeed.from_json(proc.stdout).reference
    )


def test_stdin_to_csv_and_jsonl() -> None:
    proc = run("-", "--format", "csv", "-r", "2025-01-01", stdin=CARD)
    assert proc.returncode == 0, proc.stderr
    assert paperfeed.from_csv(proc.stdout)[0].title == "Title One"
    proc = run("--format", "jsonl", "-r", "2025-01-01", stdin=CARD + CARD)
    assert [json.loads(line)["title"] for line in proc.stdout.splitlines()] == [
        "Title One",
        "Title One",
    ]


def test_several_inputs_give_a_json_array(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(CARD, encoding="utf-8")
    proc = run(str(a), str(SEED), "-r", "2025-12-20")
    data = json.loads(proc.stdout)
    assert [len(f["papers"]) for f in data] == [1, 38]
    # The array is the feeds' to_json documents, laid out as json.dumps(indent=2) lays it out.
    feeds = [paperfeed.from_json(json.dumps(f)) for f in data]
    plain = [json.loads(paperfeed.to_json(f)) for f in feeds]
    assert proc.stdout == json.dumps(plain, indent=2, ensure_ascii=False) + "\n"


def test_output_file_is_written_and_inputs_are_never_overwritten(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text(CARD, encoding="utf-8")
    out = tmp_path / "out.json"
    proc = run(str(src), "-o", str(out), "-r", "2025-01-01")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert paperfeed.from_json(out.read_text(encoding="utf-8")).papers[0].title == "Title One"
    # The atomic write leaves no temporary file behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.json"]
    proc = run(str(src), "-o", str(src))
    assert proc.returncode == 2
    assert "refusing to overwrite" in proc.stderr
    assert src.read_text(encoding="utf-8") == CARD


def test_diagnostics_go_to_stderr() -> None:
    proc = run("-r", "2025-01-01", stdin=CARD + "junk\n")
    assert proc.returncode == 0
    assert proc.stderr.strip() == (
        "<stdin>:8:1: error: line is not part of any card [unknown-line]"
    )
    assert json.loads(proc.stdout)["diagnostics"][0]["line"] == 8
    quiet = run("-q", "-r", "2025-01-01", stdin=CARD + "junk\n")
    assert quiet.stderr == ""


def test_strict_failure_exits_1_without_traceback() -> None:
    proc = run("--strict", "-r", "2025-01-01", stdin=CARD + "junk\n")
    assert proc.returncode == 1
    assert proc.stderr == "paperfeed: <stdin>:8:1: error: line is not part of any card\n"
    assert proc.stdout == ""


def test_unreadable_file_exits_1(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert proc.stderr.startswith("paperfeed: cannot read ")
    assert "Traceback" not in proc.stderr


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(CARD.encode("utf-8").replace(b"Abstract", b"Abstr\xe4ct"))
    proc = run(str(path), "-r", "2025-01-01")
    assert proc.returncode == 0
    assert "not valid UTF-8" in proc.stderr
    assert json.loads(proc.stdout)["papers"][0]["abstract"] == "Abstr\ufffdct."


def test_usage_errors_exit_2() -> None:
    assert run("--format", "xml").returncode == 2
    bad_date = run("--reference-date", "2025-13-01", stdin="")
    assert bad_date.returncode == 2
    assert "YYYY-MM-DD" in bad_date.stderr


def test_help_and_version() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    assert "--reference-date" in proc.stdout
    version = run("--version")
    assert version.stdout.strip() == f"paperfeed {paperfeed.__version__}"


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("paperfeed")
    proc = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("paperfeed ")


def test_output_file_keeps_permissions(tmp_path: Path) -> None:
    # Found in review: the atomic write left new and existing files at mode 0600.
    import os
    import stat

    out = tmp_path / "out.json"
    run(str(SEED), "-q", "-o", str(out))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o640)
    run(str(SEED), "-q", "-o", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_dash_output_means_stdout(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "paperfeed", "-q", "-r", "2025-01-01", "-o", "-"],
        input=CARD,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert json.loads(proc.stdout)["papers"][0]["title"] == "Title One"
    assert list(tmp_path.iterdir()) == []


def test_bom_is_only_for_csv() -> None:
    proc = run("--bom", stdin=CARD)
    assert proc.returncode == 2
    assert "--bom applies only to --format csv" in proc.stderr


# -- inputs that are not papers pages ------------------------------------------------------

NOT_A_PAGE = "the input is not a Hugging Face papers page"


def run_bytes(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "paperfeed", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (b"garbage\n", NOT_A_PAGE),
        (b"", "the input is empty"),
        (gzip.compress(b"garbage\n"), NOT_A_PAGE),  # gzip is opened, what is inside judged
        (b"<!doctype html><html><body><p>Welcome</p></body></html>", NOT_A_PAGE),
        (b'{"status": "ok", "items": [1, 2]}', NOT_A_PAGE),
    ],
)
@pytest.mark.parametrize("strict", [False, True])
def test_junk_exits_1_with_one_line(stdin: bytes, message: str, strict: bool) -> None:
    proc = run_bytes(*(["--strict"] if strict else []), stdin=stdin)
    assert proc.returncode == 1
    assert proc.stdout == b""
    [line] = proc.stderr.decode("utf-8").splitlines()
    assert line.startswith(f"paperfeed: <stdin>: {message}")


def test_a_page_read_in_the_wrong_form_fails() -> None:
    html = Path(__file__).parents[1] / "examples" / "daily-papers-2026-09-28.html"
    proc = run(str(html), "--from", "api-json")
    assert proc.returncode == 1
    assert proc.stdout == ""
    [line] = proc.stderr.splitlines()
    assert "no papers read: invalid JSON" in line


def test_gzip_captures_are_read_from_files_folders_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "seed.txt.gz").write_bytes(gzip.compress(SEED.read_bytes()))
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(SEED.read_bytes())[:-40])
    proc = run(str(tmp_path / "seed.txt.gz"), "-r", "2025-12-20")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["papers"]) == 38
    piped = run_bytes(
        "-r", "2025-12-20", "--format", "jsonl", stdin=gzip.compress(SEED.read_bytes())
    )
    assert piped.returncode == 0, piped.stderr
    assert len(piped.stdout.splitlines()) == 38
    # In a folder: the good capture converted, the cut one reported, the run failed.
    proc = run(str(tmp_path), "-r", "2025-12-20", "--format", "jsonl")
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 38
    [line] = proc.stderr.splitlines()
    assert "cut.txt.gz" in line
    assert "broken gzip stream" in line


def test_junk_among_several_inputs_fails_the_run(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("shopping list\n- milk\n", encoding="utf-8")
    proc = run(str(SEED), str(junk), "-q", "-r", "2025-12-20")
    assert proc.returncode == 1
    # The other inputs are still converted (issue 10); the shape follows the arguments.
    assert [len(f["papers"]) for f in json.loads(proc.stdout)] == [38]
    [line] = proc.stderr.splitlines()
    assert line.startswith(f"paperfeed: {junk}: {NOT_A_PAGE}")


def test_a_papers_page_listing_no_papers_exits_0() -> None:
    page = "---\nurl: https://huggingface.co/papers/date/2026-09-27\n---\n\n"
    proc = run("-r", "2026-09-30", stdin=page)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["papers"] == []
    assert [d["code"] for d in data["diagnostics"]] == ["no-papers"]
    [line] = proc.stderr.splitlines()
    assert line.startswith("<stdin>:0:1: warning: ")
    assert line.endswith(" [no-papers]")
    api = run("--format", "csv", "-q", stdin="[]")
    assert api.returncode == 0
    assert paperfeed.from_csv(api.stdout) == ()


def test_python_repr_api_capture_is_read() -> None:
    capture = SEED.parents[1] / "real" / "api-daily-2025-01-07-python-repr-strings.json"
    proc = run(str(capture), "--format", "jsonl")
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 16
    assert "16 entries are strings" in proc.stderr
