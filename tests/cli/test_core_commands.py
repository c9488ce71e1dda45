"""The core commands: packs, schema, and --help everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wellbeing_framework import Pack, hookimpl
from wellbeing_framework.cli import build_parser, main
from wellbeing_framework.model.records import RECORD_MODELS


def subcommands() -> list[list[str]]:
    """Every command and sub-command path, such as ['session', 'plan']."""
    found: list[list[str]] = []

    def walk(parser: object, path: list[str]) -> None:
        for action in getattr(parser, "_actions", []):
            choices = getattr(action, "choices", None)
            if isinstance(choices, dict):
                for name, sub in choices.items():
                    found.append([*path, name])
                    walk(sub, [*path, name])

    walk(build_parser(), [])
    return found


@pytest.mark.parametrize("path", subcommands(), ids=" ".join)
def test_every_command_has_help(path: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([*path, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: wellbeing")
    assert len(out.splitlines()) > 3


def test_packs_lists_what_loaded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    assert main(["packs"]) == 0
    assert "No packs are loaded" in capsys.readouterr().out


def test_packs_exits_0_with_a_broken_pack_and_1_in_strict_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    missing = tmp_path / "not-a-pack"
    missing.mkdir()
    assert main(["--pack-dir", str(missing), "packs"]) == 0
    out = capsys.readouterr().out
    assert "1 pack failed to load" in out
    assert str(missing) in out
    assert main(["--strict", "--pack-dir", str(missing), "packs"]) == 1
    assert "strict mode" in capsys.readouterr().err


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_packs_check_exits_1_after_listing_every_failed_pack(
    as_json: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    broken = [tmp_path / "one", tmp_path / "two"]
    for folder in broken:
        folder.mkdir()
    argv = [arg for folder in broken for arg in ("--pack-dir", str(folder))]
    assert main([*argv, "packs", "--check", *(["--json"] if as_json else [])]) == 1
    out = capsys.readouterr().out
    if as_json:
        assert len(json.loads(out)["problems"]) == 2
    else:
        assert "2 packs failed to load" in out
    assert all(str(folder) in out for folder in broken)


def test_packs_check_exits_0_when_every_pack_loads(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packs", "--check"]) == 0
    assert "failed to load" not in capsys.readouterr().out


def test_packs_as_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Plugin:
        @hookimpl
        def wellbeing_packs(self) -> list[Pack]:
            return [Pack(id="tiny", title="Tiny", version="0.1.0", summary="S")]

    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    monkeypatch.setattr("wellbeing_framework.cli._context.make_host", _host_with(Plugin()))
    assert main(["packs", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["packs"] == [
        {
            "id": "tiny",
            "version": "0.1.0",
            "title": "Tiny",
            "origin": data["packs"][0]["origin"],
            "elements": 0,
        }
    ]
    assert data["problems"] == []


def _host_with(plugin: object):  # type: ignore[no-untyped-def]
    from wellbeing_framework import make_host

    def build(**kwargs: object):  # type: ignore[no-untyped-def]
        return make_host(plugins=[plugin], **kwargs)  # type: ignore[arg-type]

    return build


def test_schema_prints_every_record_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {cls.__name__ for cls in RECORD_MODELS.values()} <= set(schema["$defs"])


def test_schema_of_one_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "pack"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["anyOf"] == [{"$ref": "#/$defs/Pack"}]


def test_a_library_error_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    monkeypatch.setenv("WELLBEING_STRICT_PACKS", "1")
    code = main(["--pack-dir", "/nonexistent/pack", "packs"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert "/nonexistent/pack" in err


def test_an_unwritable_output_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "handbook.html"
    folder = Path(__file__).resolve().parents[2] / "examples" / "minimal-pack"
    content = next(folder.glob("src/*/content"))
    code = main(["render", str(content), "--format", "html", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert "no-such-folder" in err
