"""The cache of packs read: the same pack, or the same error, as reading the folder gives."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from strategies.packs import valid_packs

from wellbeing_framework import Pack, PackFormatError, make_host, read_pack, write_pack
from wellbeing_framework.cli._context import cache_dir
from wellbeing_framework.packs import _cache, reader
from wellbeing_framework.packs._cache import read_pack_cached

FIXTURES = Path(__file__).parent / "fixtures"
COMPLETE = FIXTURES / "good" / "complete"


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a pack that is not found in the cache fails the test."""

    def refuse(*args: object, **kwargs: object) -> Pack:
        raise AssertionError("the folder was parsed again")

    monkeypatch.setattr(reader, "read_pack_files", refuse)
    monkeypatch.setattr(reader, "read_pack", refuse)


@settings(max_examples=25)
@given(valid_packs())
def test_a_kept_pack_is_the_pack_the_folder_reads_as(pack: Pack) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, kept = Path(tmp) / "pack", Path(tmp) / "cache"
        write_pack(pack, folder)
        first = read_pack_cached(folder, scales=(), directory=kept)
        again = read_pack_cached(folder, scales=(), directory=kept)
        assert first == again == read_pack(folder) == pack
        assert len(list(kept.iterdir())) == 1


def test_an_unchanged_folder_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_pack_cached(COMPLETE, scales=(), directory=tmp_path)
    _no_parsing(monkeypatch)
    assert read_pack_cached(COMPLETE, scales=(), directory=tmp_path) == first


def test_a_changed_byte_or_other_scales_read_the_folder_afresh(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(COMPLETE, folder)
    kept = tmp_path / "cache"
    before = read_pack_cached(folder, scales=(), directory=kept)
    toml = folder / "pack.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(before.title, "Retitled"), "utf-8")
    after = read_pack_cached(folder, scales=(), directory=kept)
    assert after.title == "Retitled"
    assert after == read_pack(folder)
    # One entry per folder, rewritten: the cache does not grow with each edit.
    assert len(list(kept.iterdir())) == 1
    read_pack_cached(folder, scales=("extra-scale",), directory=kept)
    assert len(list(kept.iterdir())) == 2


@pytest.mark.parametrize("name", ["duplicate-id", "missing-pack-toml", "unknown-scale"])
def test_a_folder_with_problems_gives_the_reader_s_own_error_and_is_not_kept(
    tmp_path: Path, name: str
) -> None:
    folder = FIXTURES / "broken" / name
    with pytest.raises(PackFormatError) as direct:
        read_pack(folder)
    for _ in range(2):
        with pytest.raises(PackFormatError) as cached:
            read_pack_cached(folder, scales=(), directory=tmp_path)
        assert str(cached.value) == str(direct.value)
        assert cached.value.problems == direct.value.problems
    assert list(tmp_path.iterdir()) == []


def test_an_entry_that_does_not_read_is_ignored_and_replaced(tmp_path: Path) -> None:
    read_pack_cached(COMPLETE, scales=(), directory=tmp_path)
    (entry,) = tmp_path.iterdir()
    for spoilt in ("not json", '{"key": 1}', entry.read_text("utf-8").replace('"id"', '"idd"')):
        entry.write_text(spoilt, encoding="utf-8")
        assert read_pack_cached(COMPLETE, scales=(), directory=tmp_path) == read_pack(COMPLETE)
    assert entry.read_text("utf-8").startswith('{"key": "')


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    assert read_pack_cached(COMPLETE, scales=(), directory=blocked / "cache") == read_pack(COMPLETE)


def test_a_host_with_a_cache_loads_what_one_without_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = make_host(pack_dirs=[COMPLETE]).load()
    make_host(pack_dirs=[COMPLETE], cache_dir=tmp_path).load()
    _no_parsing(monkeypatch)
    kept = make_host(pack_dirs=[COMPLETE], cache_dir=tmp_path).load()
    assert kept.packs == plain.packs
    assert kept.problems == plain.problems
    assert list(kept.catalog) == list(plain.catalog)


def test_the_command_keeps_its_packs_where_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WELLBEING_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.setenv("WELLBEING_CACHE_DIR", "")
    assert cache_dir() is None
    monkeypatch.delenv("WELLBEING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "wellbeing"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / ".cache" / "wellbeing"


def test_a_kept_pack_is_had_without_importing_the_parser(tmp_path: Path) -> None:
    # What the cache saves beside the parse: markdown-it and the reader's checks, a fifth of
    # a command's start, are not imported when every folder is found kept.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from wellbeing_framework import make_host\n"
        f"make_host(pack_dirs=[{str(COMPLETE)!r}], cache_dir={str(tmp_path)!r}).load()\n"
        "print([m for m in ('markdown_it', 'wellbeing_framework.packs.reader') "
        "if m in sys.modules])\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert runs[0].stdout.strip() != "[]"  # the first run parses, and keeps what it read
    assert runs[1].stdout.strip() == "[]"


def test_the_entries_used_longest_ago_are_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_cache, "MAX_ENTRIES", 2)
    kept = tmp_path / "cache"
    folders = [tmp_path / name for name in ("a", "b", "c")]
    for folder in folders:
        shutil.copytree(COMPLETE, folder)
    read_pack_cached(folders[0], scales=(), directory=kept)
    read_pack_cached(folders[1], scales=(), directory=kept)
    for entry in kept.iterdir():  # both written a while ago...
        os.utime(entry, ns=(0, 0))
    read_pack_cached(folders[0], scales=(), directory=kept)  # ...and a used again now
    read_pack_cached(folders[2], scales=(), directory=kept)
    assert len(list(kept.iterdir())) == 2
    _no_parsing(monkeypatch)
    read_pack_cached(folders[0], scales=(), directory=kept)
    read_pack_cached(folders[2], scales=(), directory=kept)
    with pytest.raises(AssertionError, match="parsed again"):
        read_pack_cached(folders[1], scales=(), directory=kept)


def test_pruning_forgets_only_the_cache_s_own_entries(tmp_path: Path) -> None:
    # WELLBEING_CACHE_DIR named a folder of the user's own JSON files (reports, say).
    mine = [tmp_path / f"report-{k}.json" for k in range(_cache.MAX_ENTRIES + 5)]
    for k, path in enumerate(mine):
        path.write_text("{}")
        os.utime(path, ns=(k, k))  # older than any entry the cache writes
    read_pack_cached(COMPLETE, scales=(), directory=tmp_path)
    assert all(path.exists() for path in mine)


def test_an_entry_nested_too_deeply_to_read_is_ignored(tmp_path: Path) -> None:
    entry = tmp_path / f"{_cache._folder_name(COMPLETE, [])}.json"
    entry.write_text("[" * 100_000)  # json.loads raises RecursionError, not ValueError
    assert read_pack_cached(COMPLETE, scales=(), directory=tmp_path) == read_pack(COMPLETE)


def test_another_markdown_parser_reads_the_folder_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_pack_cached(COMPLETE, scales=(), directory=tmp_path)
    parsed: list[object] = []
    real = reader.read_pack_files
    monkeypatch.setattr(
        reader, "read_pack_files", lambda *a, **k: parsed.append(a) or real(*a, **k)
    )
    monkeypatch.setattr(_cache, "_parsers", lambda: ("markdown-it-py 99.0", "3.99"))
    assert read_pack_cached(COMPLETE, scales=(), directory=tmp_path) == read_pack(COMPLETE)
    assert len(parsed) == 1  # an upgraded parser may read the same bytes otherwise
