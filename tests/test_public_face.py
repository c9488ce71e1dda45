"""The public face: each facade's table of names is the one list, what a type checker sees
matches it, every name loads, and importing the package imports nothing heavy."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import wellbeing_framework

SRC = Path(wellbeing_framework.__file__).parent
FACADES = [
    "wellbeing_framework",
    *(f"wellbeing_framework.{p}" for p in ("model", "packs", "analysis", "sessions", "render")),
]


def _type_checking_imports(package: str) -> dict[str, str]:
    """Name -> module, from the facade's ``if TYPE_CHECKING:`` block, as written."""
    path = Path(importlib.import_module(package).__file__ or "")
    found: dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                # Relative to the facade; one outside it keeps its dots, as the table writes it.
                module = ("." * imp.level if imp.level > 1 else "") + (imp.module or "")
                for alias in imp.names:
                    found[alias.asname or alias.name] = module
    return found


@pytest.mark.parametrize("package", FACADES)
def test_what_a_type_checker_sees_is_the_table(package: str) -> None:
    module = importlib.import_module(package)
    assert _type_checking_imports(package) == module._PUBLIC


@pytest.mark.parametrize("package", FACADES)
def test_every_name_loads_and_none_is_shadowed_by_a_module(package: str) -> None:
    module = importlib.import_module(package)
    submodules = {m.name for m in pkgutil.iter_modules(module.__path__)}
    for name in module._PUBLIC:
        assert name not in submodules, (
            f"{package}.{name} is also a module: importing it hides the name"
        )
        assert getattr(module, name) is not None
    assert set(module._PUBLIC) <= set(module.__all__) <= set(dir(module))


def test_the_top_is_a_few_dozen_names_for_authors_applications_and_analysts() -> None:
    assert 30 <= len(wellbeing_framework.__all__) <= 50
    for name in (
        "Pack",
        "Theme",
        "make_host",
        "Catalog",
        "WellbeingError",
        "import_csv",
        "aggregate",
        "make_report",
    ):
        assert name in wellbeing_framework.__all__


@pytest.mark.parametrize("name", sorted(wellbeing_framework._MOVED))
def test_a_name_moved_off_the_top_still_works_there_with_a_warning_naming_its_home(
    name: str,
) -> None:
    home = importlib.import_module(wellbeing_framework._MOVED[name])
    assert name in home.__all__, f"{home.__name__} publishes {name}"
    with pytest.warns(DeprecationWarning, match=rf"import it from {home.__name__}\b"):
        old = getattr(wellbeing_framework, name)
    assert old is getattr(home, name)
    assert name not in wellbeing_framework.__all__
    assert name not in dir(wellbeing_framework)


def test_importing_a_moved_name_warns_at_the_importing_line(tmp_path: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text("from wellbeing_framework import Source\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-W", "always::DeprecationWarning", str(script)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"{script}:1: DeprecationWarning: wellbeing_framework.Source has moved" in done.stderr


def test_importing_the_package_imports_none_of_its_modules_nor_anything_heavy() -> None:
    code = (
        "import sys, wellbeing_framework\n"
        "mine = sorted(m for m in sys.modules if m.startswith('wellbeing_framework.'))\n"
        "heavy = ('numpy', 'pandas', 'pyarrow', 'scipy', 'sqlite3', 'markdown_it')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print(mine, heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['wellbeing_framework._lazy'] []"


def test_the_core_a_pack_author_starts_with_loads_no_more_than_attrs_and_pluggy_need() -> None:
    # What the import benchmark times: the first use of the core. pathlib (a few ms, with
    # urllib and ipaddress behind it) waits until a folder is read; what a load finds, and the
    # core scales, until packs load (each attrs class costs about half a millisecond to build).
    later = (
        "pathlib",
        "cattrs",
        "markdown_it",
        "numpy",
        "wellbeing_framework.packs._loaded",
        "wellbeing_framework.model.scales",
        # The element classes: building them was most of the statement's time.
        "wellbeing_framework.model.content",
    )
    code = (
        "import sys\n"
        "from wellbeing_framework import Catalog, Pack, make_host\n"
        f"print([m for m in {later!r} if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_strictly_typed_application_sees_every_name_with_its_type(tmp_path: Path) -> None:
    """Names given only through a facade's table are typed for ``mypy --strict`` callers too:
    each is re-exported explicitly (``import X as X``) where a type checker looks."""
    lines = [
        f"from {package} import {name}"
        for package in FACADES
        for name in sorted(importlib.import_module(package)._PUBLIC)
    ]
    lines.append("from wellbeing_framework import make_host\nreveal_type(make_host().catalog())")
    app = tmp_path / "app.py"
    app.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(app)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout
    assert 'Revealed type is "wellbeing_framework.packs.catalog.Catalog"' in done.stdout
