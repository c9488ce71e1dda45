"""Whatever is in a pack's files, reading gives a pack or the library's own error, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_framework import Pack, PackFormatError, read_pack
from wellbeing_framework.packs import stamp_ids
from wellbeing_framework.packs.reader import read_pack_files

COMPLETE = Path(__file__).parent / "fixtures" / "good" / "complete"
FILES = {
    p.relative_to(COMPLETE).as_posix(): p.read_bytes()
    for p in sorted(COMPLETE.rglob("*"))
    if p.is_file() and p.suffix in (".md", ".toml") and p.name != "README.md"
}
NAMES = sorted(FILES)

#: Fragments that mean something to the reader, so mutations reach deep into it.
SYNTAX = st.sampled_from(
    [
        "+++", "\n+++\n", "# ", "## ", "## I statements\n", "## Agenda\n", "- ", "1. ", "`",
        "`an-id` ", "\n", "\r\n", "\r", "\0", "\t", "    ", "=", '"', "[[", "]]", "[", "{",
        "kind = ", '"theme"', "id = ", "retired = true\n", "extends = ", "\ufeff", "\x85",
        "\u2028", "é", "😀", "\\", "***", "---", "> ", "<div>", "[x]: /y\n",
        "[" * 600, "9" * 4_400,  # deeper than tomllib can recurse; longer than int() reads
    ]
)  # fmt: skip


def _read(files: dict[str, bytes | str]) -> object:
    """Read, returning the pack or the PackFormatError; anything else raised fails the test."""
    try:
        result: object = read_pack_files(sorted(files.items()))
    except PackFormatError as exc:
        result = exc
    if isinstance(result, PackFormatError):
        assert result.problems, "a PackFormatError always lists its problems"
        for problem in result.problems:
            assert problem.file in files or problem.file == "pack.toml"
            assert problem.line is None or problem.line >= 1
    return result


@given(name=st.sampled_from(NAMES), text=st.text())
def test_any_text_in_any_file(name: str, text: str) -> None:
    result = _read({**FILES, name: text})
    assert isinstance(result, Pack | PackFormatError)


@given(name=st.sampled_from(NAMES), data=st.binary())
def test_any_bytes_in_any_file(name: str, data: bytes) -> None:
    result = _read({**FILES, name: data})
    assert isinstance(result, Pack | PackFormatError)


@given(
    name=st.sampled_from(NAMES),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 8), SYNTAX | st.text(max_size=8)), max_size=6
    ),
)
def test_edits_to_a_good_file(name: str, edits: list[tuple[float, int, str]]) -> None:
    """Cut and insert Markdown and TOML syntax anywhere in a good file."""
    text = FILES[name].decode("utf-8")
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    result = _read({**FILES, name: text})
    assert isinstance(result, Pack | PackFormatError)
    if name.endswith(".md"):
        try:
            stamped = stamp_ids(text)
        except PackFormatError:
            return
        assert isinstance(stamped, str)


@settings(max_examples=10)
@given(text=st.text())
def test_any_text_through_a_real_folder(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in FILES.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        (folder / "themes" / "extra.md").write_text(text, encoding="utf-8")
        try:
            result: object = read_pack(folder)
        except PackFormatError as exc:
            result = exc
        assert isinstance(result, Pack | PackFormatError)
