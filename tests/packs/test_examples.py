"""The example pack distribution and host in examples/ work as their READMEs say."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from wellbeing_framework import make_host, read_pack, validate_pack

EXAMPLES = Path(__file__).parents[2] / "examples"
MINIMAL = EXAMPLES / "minimal-pack"
MODULE = "wellbeing_pack_minimal"


@pytest.fixture
def minimal_module() -> Iterator[ModuleType]:
    """The example pack's module imported from its source, as its entry point would load it."""
    path = MINIMAL / "src" / MODULE / "__init__.py"
    spec = importlib.util.spec_from_file_location(MODULE, path, submodule_search_locations=[])
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE] = module  # importlib.resources.files(__name__) looks the module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[MODULE]


def test_entry_point_names_the_module() -> None:
    project = tomllib.loads((MINIMAL / "pyproject.toml").read_text(encoding="utf-8"))
    entry_points = project["project"]["entry-points"]["wellbeing_framework"]
    assert entry_points == {"minimal-example": MODULE}


def test_registered_module_yields_its_pack(minimal_module: ModuleType) -> None:
    host = make_host(autoload=False, plugins=[minimal_module])
    report = host.load()
    assert report.problems == ()
    (loaded,) = report.packs
    assert loaded.pack.id == "minimal-example"
    assert loaded.pack == read_pack(MINIMAL / "src" / MODULE / "content")
    assert host.catalog().get("minimal-example:rr-i-breaks").text.startswith("I take the breaks")


def test_example_packs_validate() -> None:
    content = MINIMAL / "src" / MODULE / "content"
    catalog = make_host(autoload=False, pack_dirs=[content]).catalog()
    assert validate_pack(content, catalog) == ()
    assert validate_pack(EXAMPLES / "overlay-pack", catalog) == ()


def test_host_script_lists_what_loaded(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    spec = importlib.util.spec_from_file_location("example_host", EXAMPLES / "host.py")
    assert spec is not None
    assert spec.loader is not None
    host = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(host)
    assert host.main([str(MINIMAL / "src" / MODULE / "content")]) == 0
    out = capsys.readouterr().out
    assert "minimal-example 0.1.0: Rest and recovery: a minimal example pack" in out
    assert "  theme rest-and-recovery: 4 statements, 2 prompts" in out
    assert "  checklist rest-check: 3 items on frequency-5" in out
