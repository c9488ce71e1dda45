"""The command line as a newcomer meets it: --version, the list of commands, the shared options
after a command, and a missing extra named rather than a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import wellbeing_framework
from wellbeing_framework.cli import main

ROOT = Path(__file__).resolve().parents[2]
OVERLAY = ROOT / "examples" / "overlay-pack"
MINIMAL = next((ROOT / "examples" / "minimal-pack").glob("src/*/content"))


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"wellbeing {wellbeing_framework.__version__}"


def test_the_command_alone_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ")}
    assert {"demo", "packs", "validate", "render", "show", "report", "session", "schema"} <= listed
    assert "required" not in out


def test_every_command_module_is_listed_once() -> None:
    """A new command module is added to ``COMMANDS``, or its commands would never appear."""
    from wellbeing_framework.cli import COMMANDS

    folder = Path(wellbeing_framework.__file__).parent / "cli"
    # A command module registers its commands; the helpers beside it (_context, _output...) do not.
    modules = {
        p.stem.removeprefix("_")
        for p in folder.glob("_*.py")
        if "\ndef register(" in p.read_text(encoding="utf-8")
    }
    assert sorted(COMMANDS) == sorted(modules)


def test_a_command_group_alone_lists_its_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["session"]) == 0
    out = capsys.readouterr().out
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ")}
    assert {"plan", "check", "supervision"} <= listed


def test_pack_dir_after_the_command_loads_the_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "minimal-example", "--pack-dir", str(MINIMAL)]) == 0
    assert "minimal-example" in capsys.readouterr().out


def test_pack_dir_before_and_after_the_command_add_up(capsys: pytest.CaptureFixture[str]) -> None:
    # The overlay extends the minimal pack: it loads only when both folders are given.
    argv = ["--pack-dir", str(MINIMAL), "packs", "--pack-dir", str(OVERLAY)]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "minimal-example" in captured.out
    assert "failed to load" not in captured.out
    assert "not loaded" not in captured.err


def test_strict_after_the_command_is_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    assert main(["packs", "--pack-dir", str(tmp_path), "--strict"]) == 1
    assert "strict" in capsys.readouterr().err


@pytest.mark.parametrize("missing", ["numpy", "highspy"])
def test_a_command_without_the_analysis_extra_says_what_to_install(missing: str) -> None:
    # A fresh interpreter in which the module cannot be imported, as after a plain
    # `pip install wellbeing-framework`.
    script = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        "from wellbeing_framework.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    argv = [
        "report",
        str(ROOT / "examples" / "data" / "staff-survey.csv"),
        "--pack",
        "crisis-services",
        "--checklist",
        "ps-checklist-individual",
        "--group-columns",
        "Service,Team",
        "--wave-column",
        "Survey round",
        "--no-ledger",
    ]
    env = {**os.environ, "WELLBEING_LEDGER": os.devnull}
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"({missing} is not installed)" in done.stderr
    assert 'pip install "wellbeing-framework[analysis]"' in done.stderr
    assert done.stdout == ""


def _error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("crisis-service", "'crisis-services'"),
        ("crisis-services:ps-checklist-individuall", "'crisis-services:ps-checklist-individual'"),
        ("crisis-services:psychological-safty", "'crisis-services:psychological-safety'"),
    ],
)
def test_a_typo_in_a_pack_or_element_id_gets_did_you_mean(
    typed: str, meant: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert f"did you mean {meant}?" in _error(capsys, "show", typed)


def test_an_id_like_nothing_gets_no_guess(capsys: pytest.CaptureFixture[str]) -> None:
    assert "did you mean" not in _error(capsys, "show", "crisis-services:zzz")


def test_a_typo_in_a_checklist_id_gets_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(
        capsys,
        *("import", str(ROOT / "examples" / "data" / "staff-survey.csv"), "--check"),
        *("--pack", "crisis-services", "--checklist", "ps-checklist-individul"),
        *("--group-columns", "Service,Team"),
    )
    assert "did you mean 'crisis-services:ps-checklist-individual'?" in err


def test_a_wrong_group_column_lists_only_the_closest_headings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _error(
        capsys,
        *("import", str(ROOT / "examples" / "data" / "staff-survey.csv"), "--check"),
        *("--pack", "crisis-services", "--checklist", "ps-checklist-individual"),
        *("--group-columns", "Service,Teams"),
    )
    assert "no group column 'Teams'" in err
    assert "the closest headings are 'Team'" in err
    # Not every one of the file's dozens of headings.
    assert "Survey round" not in err
    assert len(err) < 300


def test_a_pack_named_for_a_session_type_lists_its_session_types(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _error(capsys, "session", "plan", "crisis-services")
    assert "'crisis-services' is a pack: name one of its session types" in err
    assert "crisis-services:reflective-supervision" in err
    assert "names no pack" not in err


def test_the_demo_without_the_report_extra_says_so_before_printing_anything(
    tmp_path: Path,
) -> None:
    script = (
        "import sys; sys.modules['numpy'] = None\n"
        "from wellbeing_framework.cli import main\n"
        "sys.exit(main(['demo']))\n"
    )
    env = {**os.environ, "WELLBEING_LEDGER": str(tmp_path / "ledger.sqlite3")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "(numpy is not installed)" in done.stderr
