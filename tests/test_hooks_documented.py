"""Meta-tests: every hook is tested, and documented in docs/hooks.md with its exact signature."""

from __future__ import annotations

import dataclasses
import inspect
import re
import textwrap
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

import pytest

from wellbeing_framework.packs import hookspecs

if TYPE_CHECKING:
    from wellbeing_framework import Session

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


def _documented_plugins(name: str) -> list[str]:
    """The Python examples in docs/hooks.md's section on ``name`` that implement a hook."""
    docs = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    section = docs.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    return [block for block in blocks if "@hookimpl" in block]


def _docstring_example(name: str) -> str:
    doc = inspect.getdoc(getattr(hookspecs, name)) or ""
    return textwrap.dedent(doc.split("Example::\n", 1)[1])


def _as_plugin(code: str) -> ModuleType:
    plugin = ModuleType("documented_plugin")
    exec(compile(code, "docs/hooks.md", "exec"), plugin.__dict__)
    return plugin


@pytest.mark.parametrize("name", ["wellbeing_scales", "wellbeing_session_rules"])
def test_the_docstring_shows_the_example_the_guide_shows(name: str) -> None:
    # One example per hook, written twice for two readers; this keeps the two the same code.
    (guide,) = _documented_plugins(name)
    assert _docstring_example(name).split() == guide.split()


def test_the_documented_scale_example_runs_and_its_scale_is_in_the_catalog() -> None:
    from wellbeing_framework import make_host

    (code,) = _documented_plugins("wellbeing_scales")
    scale = make_host(autoload=False, plugins=[_as_plugin(code)]).catalog().scale("met-partly-not")
    assert [(o.value, o.score) for o in scale.options] == [
        ("met", 2),
        ("partly", 1),
        ("not-met", 0),
    ]


def test_the_documented_rule_example_runs_and_finds_what_it_says() -> None:
    from wellbeing_framework import make_host
    from wellbeing_framework.model import Mode, SessionRule
    from wellbeing_framework.sessions import Severity

    (code,) = _documented_plugins("wellbeing_session_rules")
    (rule,) = make_host(autoload=False, plugins=[_as_plugin(code)]).session_rules()
    assert isinstance(rule, SessionRule)
    sessions = [
        _Held(id="in-the-room", mode=Mode.IN_PERSON),
        _Held(id="on-a-call", mode=Mode.ONLINE),
    ]
    # The rule reads only each session's id and mode, and not the type: stand-ins will do.
    findings = list(rule.check(cast("tuple[Session, ...]", tuple(sessions)), cast("Any", None)))
    assert [(f.rule, f.session, f.severity) for f in findings] == [
        ("online-only", "in-the-room", Severity.WARNING)
    ]


@dataclasses.dataclass
class _Held:
    """As much of a session as the documented rule reads."""

    id: str
    mode: object
