"""Meta-tests: every hook is tested, and documented in docs/hooks.md with its exact signature."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from wellbeing_framework.packs import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS = sorted(n for n in dir(hookspecs) if n.startswith("wellbeing_"))


def signature(name: str) -> str:
    fn = getattr(hookspecs, name)
    return f"def {name}{inspect.signature(fn)}".replace("'", "")


def test_there_are_hooks() -> None:
    assert HOOKS == ["wellbeing_packs", "wellbeing_scales", "wellbeing_session_rules"]


@pytest.mark.parametrize("name", HOOKS)
def test_hook_is_documented_with_its_exact_signature(name: str) -> None:
    docs = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert f"## {name}\n" in docs
    assert signature(name) in docs


@pytest.mark.parametrize("name", HOOKS)
def test_hook_has_a_docstring_with_an_example(name: str) -> None:
    doc = inspect.getdoc(getattr(hookspecs, name)) or ""
    assert "Example::" in doc
    assert "@hookimpl" in doc


@pytest.mark.parametrize("name", HOOKS)
def test_hook_has_a_test(name: str) -> None:
    pattern = re.compile(rf"def test_hook_{name}\w*\(")
    tests = (p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    assert any(pattern.search(text) for text in tests), f"no test named test_hook_{name}..."


def test_every_import_the_hook_examples_show_works() -> None:
    """The examples' imports name real public names, in the docstrings and in docs/hooks.md."""
    from pathlib import Path

    docs = (Path(__file__).parents[1] / "docs" / "hooks.md").read_text(encoding="utf-8")
    texts = [docs, *(inspect.getdoc(getattr(hookspecs, name)) or "" for name in HOOKS)]
    imports = {
        line.strip()
        for text in texts
        for line in text.splitlines()
        if line.strip().startswith("from wellbeing_framework")
    }
    assert imports
    for line in sorted(imports):
        exec(line, {})
