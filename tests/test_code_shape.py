"""The shape of the code: no function over 100 lines, no module over 600.

Long functions are where this code once hid several steps in one body (an import that assigned
columns, coded answers and reconciled rows in 195 lines); a named step per concept reads and
tests better. Most modules are 100 to 500 lines; 600 is the hard limit, so a module that grows
past it is split by concept before it becomes two modules in one file.

The allow-lists name what is over a limit today, each with the reason. Nothing may join them:
split the function or the module instead. An entry that is no longer over its limit fails too,
so the lists shrink as the code does: delete the entry then.
"""

from __future__ import annotations

import ast
from pathlib import Path

import wellbeing_framework

SRC = Path(wellbeing_framework.__file__).parent

FUNCTION_LINES = 100
MODULE_LINES = 600

#: ``module:function`` (methods as ``module:Class.method``) allowed over FUNCTION_LINES.
LONG_FUNCTIONS: set[str] = set()

#: Modules allowed over MODULE_LINES.
LONG_MODULES: set[str] = set()


def _modules() -> list[tuple[str, str]]:
    return [
        (path.relative_to(SRC).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(SRC.rglob("*.py"))
    ]


def _functions(tree: ast.Module) -> list[tuple[str, int, int]]:
    """Each function and method as (qualified name, first line, lines), nested ones included:
    the lines run from ``def`` to the function's last line, decorators not counted."""
    found: list[tuple[str, int, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                end = child.end_lineno or child.lineno
                found.append((name, child.lineno, end - child.lineno + 1))
                visit(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def _long_functions() -> dict[str, str]:
    out = {}
    for module, text in _modules():
        for name, line, length in _functions(ast.parse(text)):
            if length > FUNCTION_LINES:
                out[f"{module}:{name}"] = f"{module}:{line} {name} is {length} lines"
    return out


def test_no_function_is_over_100_lines() -> None:
    over = _long_functions()
    new = [where for key, where in sorted(over.items()) if key not in LONG_FUNCTIONS]
    assert not new, (
        f"over {FUNCTION_LINES} lines: split each into named steps, one concept a step:\n"
        + "\n".join(new)
    )


def test_no_module_is_over_600_lines() -> None:
    new = [
        f"{module} is {len(text.splitlines())} lines"
        for module, text in _modules()
        if len(text.splitlines()) > MODULE_LINES and module not in LONG_MODULES
    ]
    assert not new, (
        f"over {MODULE_LINES} lines: split the module by concept, keeping the import paths "
        "others use:\n" + "\n".join(new)
    )


def test_the_allow_lists_hold_only_what_is_still_too_long() -> None:
    over = _long_functions()
    lengths = {module: len(text.splitlines()) for module, text in _modules()}
    stale = [
        f"{key} is no longer over {FUNCTION_LINES} lines" for key in LONG_FUNCTIONS - over.keys()
    ]
    stale += [
        f"{module} is no longer over {MODULE_LINES} lines"
        for module in sorted(LONG_MODULES)
        if lengths.get(module, 0) <= MODULE_LINES
    ]
    assert not stale, "delete these from the allow-lists in this file:\n" + "\n".join(sorted(stale))


def test_the_measure_counts_what_a_reader_reads() -> None:
    """The counter itself: nested functions and methods are found, decorators not counted."""
    text = "@dec\ndef outer():\n    def inner():\n        pass\n    return inner\n\n"
    text += "class C:\n    def method(self):\n        return 1\n"
    assert _functions(ast.parse(text)) == [
        ("outer", 2, 4),
        ("outer.inner", 3, 2),
        ("C.method", 8, 2),
    ]
