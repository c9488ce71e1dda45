"""Reading files that cannot hang the library, and writes that lose nothing."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from wellbeing_framework._files import read_limited, refuse_overwriting, write_atomic
from wellbeing_framework.errors import FileError

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and devices as on POSIX")


def _in_thread(work: Callable[[], object]) -> BaseException | None:
    """Run ``work`` in a daemon thread that must finish within 5 s; its exception, if any."""
    box: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # handed back to the test
            box.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "the read blocked"
    return box[0] if box else None


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 100)
    assert read_limited(path, limit=100) == b"x" * 100


def test_a_file_one_byte_over_its_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FileError, match=r"a.json: the record file is larger than the 100 bytes"):
        read_limited(path, limit=100, what="record file")


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_at_once(device: str) -> None:
    error = _in_thread(lambda: read_limited(device, limit=1000))
    assert isinstance(error, FileError)
    assert str(error) == f"{device}: cannot read the file: it is a device, not a regular file"


@posix_only
def test_a_fifo_with_no_writer_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    error = _in_thread(lambda: read_limited(tmp_path / "pipe", limit=1000))
    assert isinstance(error, FileError)
    assert "it is a named pipe (FIFO), not a regular file" in str(error)


@posix_only
def test_a_link_loop_and_a_folder_are_named(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    with pytest.raises(FileError, match="a symbolic link that leads to itself"):
        read_limited(tmp_path / "loop", limit=10)
    with pytest.raises(FileError, match="it is a folder, not a regular file"):
        read_limited(tmp_path, limit=10)


@posix_only
def test_a_link_is_refused_when_links_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to("real")
    assert read_limited(tmp_path / "link", limit=10) == b"x"
    with pytest.raises(FileError, match="it is a symbolic link"):
        read_limited(tmp_path / "link", limit=10, follow_symlinks=False)


def test_a_missing_file_is_named() -> None:
    with pytest.raises(FileError, match=r"^nowhere.json: cannot read the file: no such file"):
        read_limited("nowhere.json", limit=10)


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text("old", encoding="utf-8")
    write_atomic(path, "new, with ünïcode")
    assert path.read_text(encoding="utf-8") == "new, with ünïcode"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_a_write_that_fails_half_way_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.html"
    path.write_text("the old report", encoding="utf-8")
    real_fsync = os.fsync

    def disk_full(fd: int) -> None:
        # The new text went to the temporary file; making it durable fails (a full disk).
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(FileError, match=r"report\.html: cannot write the report: no space left"):
        write_atomic(path, "the new report " * 1000, what="report")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_text(encoding="utf-8") == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # the temporary is gone


def test_a_lone_surrogate_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    with pytest.raises(FileError, match=r"character 4 is not text UTF-8 can hold \(U\+D800"):
        write_atomic(path, "abc\ud800")
    assert not path.exists()


def test_write_atomic_needs_its_folder(tmp_path: Path) -> None:
    with pytest.raises(FileError, match=r"the folder .*missing does not exist"):
        write_atomic(tmp_path / "missing" / "out.md", "x")


@posix_only
def test_write_atomic_replaces_a_link_and_never_writes_through_it(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me", encoding="utf-8")
    (tmp_path / "out.md").symlink_to(target)
    write_atomic(tmp_path / "out.md", "new")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "out.md").is_symlink()


@posix_only
def test_write_atomic_keeps_the_old_files_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.stat().st_mode & 0o777 == 0o640


def test_an_output_naming_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "staff.csv"
    source.write_text("a,b\n", encoding="utf-8")
    refuse_overwriting(tmp_path / "report.html", [source])  # another name: fine
    with pytest.raises(FileError, match=r"would be written over the input .*staff\.csv"):
        refuse_overwriting(tmp_path / "." / "staff.csv", [source], what="report")
