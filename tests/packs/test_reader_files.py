"""Packs that cannot hurt: a pack's files are read only from inside its folder, never block, and
have a size cap; each unsafe file is a problem with its file, and the rest of the pack still reads.

Links, FIFOs and devices cannot live in git, so each test builds its hostile folder from the
complete fixture pack. Every read runs in a thread with a deadline: code that blocked on a FIFO
or read ``/dev/zero`` for ever would fail the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from wellbeing_framework import PackFormatError, read_pack
from wellbeing_framework.errors import Problem
from wellbeing_framework.packs import inspect_pack
from wellbeing_framework.packs.reader import MAX_FILE_BYTES

COMPLETE = Path(__file__).parent / "fixtures" / "good" / "complete"
THEME = "themes/speaking-up.md"

T = TypeVar("T")

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="links and FIFOs as on POSIX")


def within(seconds: float, work: Callable[[], T]) -> T:
    """The result of ``work()``, which must finish within ``seconds`` (in a daemon thread, so a
    read that blocks for ever fails the test rather than hanging it)."""
    box: dict[str, T | BaseException] = {}

    def run() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # handed to the test below
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the read did not finish within {seconds} s: it blocked"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]  # always an exception when stored here
    return box["result"]  # type: ignore[return-value]  # set when no error was stored


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(COMPLETE, folder)
    return folder


def problems_of(folder: Path) -> list[Problem]:
    return list(within(10, lambda: inspect_pack(folder)).problems)


def only(problems: list[Problem], file: str) -> Problem:
    found = [p for p in problems if p.file == file]
    assert len(found) == 1, problems
    return found[0]


def test_the_fixture_pack_reads_cleanly(pack: Path) -> None:
    assert problems_of(pack) == []


@posix_only
def test_a_link_out_of_the_folder_is_a_problem_and_is_not_read(pack: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text((pack / THEME).read_text(encoding="utf-8").replace("speaking-up", "leak"))
    (pack / "themes" / "elsewhere.md").symlink_to(secret)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "more.md").write_text("not a pack file", encoding="utf-8")
    (pack / "tools" / "more").symlink_to(outside, target_is_directory=True)
    problems = problems_of(pack)
    for file in ("themes/elsewhere.md", "tools/more"):
        assert "a symbolic link to a place outside the pack folder" in only(problems, file).message
    assert len(problems) == 2  # nothing read through either link
    with pytest.raises(PackFormatError, match=r"themes/elsewhere\.md: a symbolic link"):
        read_pack(pack)


@posix_only
def test_a_link_inside_the_folder_is_followed(pack: Path) -> None:
    (pack / THEME).rename(pack / "themes" / "real.txt")
    (pack / THEME).symlink_to("real.txt")
    assert problems_of(pack) == []


@posix_only
def test_dev_zero_through_a_link_is_refused_without_reading_it(pack: Path) -> None:
    (pack / "themes" / "zero.md").symlink_to("/dev/zero")
    problem = only(problems_of(pack), "themes/zero.md")
    assert "outside the pack folder" in problem.message


@posix_only
def test_a_fifo_is_refused_without_blocking(pack: Path) -> None:
    os.mkfifo(pack / "themes" / "pipe.md")
    os.mkfifo(pack / "pack.toml.fifo")  # a name the reader does not read: never touched
    problem = only(problems_of(pack), "themes/pipe.md")
    assert problem.message == (
        "cannot read the element file: it is a named pipe (FIFO), not a regular file"
    )


@posix_only
def test_a_fifo_as_pack_toml_is_refused_without_blocking(pack: Path) -> None:
    (pack / "pack.toml").unlink()
    os.mkfifo(pack / "pack.toml")
    problem = only(problems_of(pack), "pack.toml")
    assert "named pipe (FIFO)" in problem.message


@posix_only
def test_link_loops_are_found(pack: Path) -> None:
    (pack / "themes" / "loop.md").symlink_to("loop.md")
    (pack / "themes" / "a.md").symlink_to("b.md")
    (pack / "themes" / "b.md").symlink_to("a.md")
    (pack / "tools" / "again").symlink_to("..", target_is_directory=True)
    problems = problems_of(pack)
    for file in ("themes/loop.md", "themes/a.md", "themes/b.md"):
        assert "leads round in a loop" in only(problems, file).message
    assert "read already (a loop, or a second copy)" in only(problems, "tools/again").message
    assert len(problems) == 4


@posix_only
def test_a_dangling_link_with_a_pack_files_name_is_a_problem(pack: Path) -> None:
    (pack / "themes" / "gone.md").symlink_to("nowhere.md")
    (pack / "notes-link").symlink_to("nowhere")  # not a name the reader reads
    problems = problems_of(pack)
    assert "a symbolic link to nothing" in only(problems, "themes/gone.md").message
    assert len(problems) == 1


def test_a_file_over_the_cap_is_refused_without_reading_it_whole(pack: Path) -> None:
    big = pack / "tools" / "huge.md"
    big.write_bytes(b"+++\n" + b"x" * (MAX_FILE_BYTES + 1))
    problem = only(problems_of(pack), "tools/huge.md")
    assert problem.message == (
        f"the element file is larger than the {MAX_FILE_BYTES:,} bytes such a file may hold"
    )


def test_a_pack_toml_nested_thousands_deep_is_a_problem_at_its_line(pack: Path) -> None:
    (pack / "pack.toml").write_text(
        'id = "complete"\nsectors = ' + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8"
    )
    problem = only(problems_of(pack), "pack.toml")
    assert problem.message == "pack.toml nests lists or tables too deeply to read"


def test_front_matter_nested_thousands_deep_is_a_problem(pack: Path) -> None:
    text = (pack / THEME).read_text(encoding="utf-8")
    (pack / THEME).write_text(
        text.replace("+++\n", "+++\naliases = " + "[" * 5_000 + "]" * 5_000 + "\n", 1),
        encoding="utf-8",
    )
    problem = only(problems_of(pack), THEME)
    assert (problem.line, problem.message) == (
        2,
        "the front matter nests lists or tables too deeply to read",
    )


def test_a_five_thousand_digit_number_is_a_problem_at_its_line(pack: Path) -> None:
    text = (pack / THEME).read_text(encoding="utf-8")
    (pack / THEME).write_text(
        text.replace("+++\n", "+++\norder = " + "9" * 5_000 + "\n", 1), encoding="utf-8"
    )
    problem = only(problems_of(pack), THEME)
    assert (problem.line, problem.message) == (
        2,
        "the front matter holds a number too long to read",
    )
