"""The ledger's hashing stands aside while a CSV is read on both cores (analysis/_cores.py)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from wellbeing_framework.analysis import _arrowcsv
from wellbeing_framework.analysis._cores import both_cores, wait_for_a_core
from wellbeing_framework.analysis.ledger import FileHashing, file_fingerprints


def _waiter() -> tuple[threading.Thread, threading.Event]:
    """A thread waiting for a core from the readings of this thread."""
    owner = threading.get_ident()
    done = threading.Event()

    def wait() -> None:
        wait_for_a_core(owner)
        done.set()

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    return thread, done


def test_a_wait_lasts_while_the_thread_it_waits_for_holds_both_cores() -> None:
    wait_for_a_core(threading.get_ident())  # none holds them: at once
    with both_cores():
        thread, done = _waiter()
        with both_cores():  # a reading within a reading
            pass
        assert not done.wait(0.2), "still held by the outer reading"
    assert done.wait(10), "the wait ends when the reading does"
    thread.join()


def test_a_reading_in_another_thread_does_not_hold_the_wait_up() -> None:
    """A server reading many uploads at once never starves one upload's hashing."""
    holding, release = threading.Event(), threading.Event()

    def read_elsewhere() -> None:
        with both_cores():
            holding.set()
            release.wait(10)

    other = threading.Thread(target=read_elsewhere, daemon=True)
    other.start()
    assert holding.wait(10)
    thread, done = _waiter()  # waits for this thread's readings: there are none
    assert done.wait(10)
    release.set()
    other.join()
    thread.join()


def test_a_reading_that_fails_gives_the_cores_back() -> None:
    try:
        with both_cores():
            raise OSError("the disk went away")
    except OSError:
        pass
    thread, done = _waiter()
    assert done.wait(10)
    thread.join()


def test_the_hashing_waits_for_the_reading_and_then_gets_the_same_fingerprints(
    tmp_path: Path,
) -> None:
    data = b"Team,Q1\n" + b"A,Agree\n" * 400_000  # a few blocks
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    with both_cores():
        hashing = FileHashing(path)
        # Before its first block: nothing is read while the cores are held.
        hashing._thread.join(0.2)
        assert hashing._thread.is_alive()
        assert hashing._digest is None
    expected = (hashlib.sha256(data + b"[]").hexdigest(), hashlib.sha256(data).hexdigest())
    assert hashing.fingerprints(b"[]") == expected == file_fingerprints(path, b"[]")


def test_the_halves_of_a_large_csv_are_read_holding_both_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """read_halves is what holds them: while its readers run, a wait does not end."""
    seen: list[bool] = []
    real = _arrowcsv.stream

    def stream(raw: bytes, start: int, stop: int) -> object:
        _, done = _waiter()
        seen.append(done.wait(0.05))
        return real(raw, start, stop)

    monkeypatch.setattr(_arrowcsv, "stream", stream)
    names = ["Team", "Q1"]
    raw = b"Team,Q1\n" + b"A,Agree\n" * ((_arrowcsv.SPLIT_BYTES // 8) + 10)
    cut = _arrowcsv.middle_line_end(raw, len(names))
    if cut is None:
        pytest.skip("one core: the file is read whole")
    bad: list[tuple[int | None, int]] = []
    table = _arrowcsv.read_halves(raw, cut, "utf-8", ",", names, 1, [0, 1], bad, False)
    assert table is not None
    assert table.num_rows == (_arrowcsv.SPLIT_BYTES // 8) + 10
    assert seen == [False, False], "a wait did not end while the halves were being read"
