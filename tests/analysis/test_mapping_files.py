"""Mapping files (column heading -> item id) cannot hang or crash the import."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from wellbeing_framework import DataImportError
from wellbeing_framework.analysis import _matching as matching
from wellbeing_framework.analysis import read_mapping


def test_a_mapping_nested_thousands_deep_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_text("x = " + "[" * 5_000 + "]" * 5_000 + "\n", encoding="utf-8")
    with pytest.raises(DataImportError, match=r"map\.toml: not a mapping: lists or tables nest"):
        read_mapping(path)


def test_a_mapping_over_its_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "MAX_MAPPING_BYTES", 50)
    path = tmp_path / "map.csv"
    path.write_text("Heading,item-id\n" * 10, encoding="utf-8")
    with pytest.raises(DataImportError, match="larger than the 50 bytes such a file may hold"):
        read_mapping(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs as on POSIX")
def test_a_fifo_as_mapping_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "map.toml")
    errors: list[Exception] = []

    def read() -> None:
        try:
            read_mapping(tmp_path / "map.toml")
        except DataImportError as exc:
            errors.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "reading the FIFO blocked"
    assert "it is a named pipe (FIFO), not a regular file" in str(errors[0])


def test_a_five_thousand_digit_number_in_a_mapping_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_text('"Q1" = "item"\nx = ' + "9" * 5_000 + "\n", encoding="utf-8")
    with pytest.raises(DataImportError, match="holds a number too long to read"):
        read_mapping(path)
