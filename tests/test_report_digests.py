"""The reports of ``tools/report_digests.py`` are the same to the byte as those recorded, so a
change to how reports are made (for speed, say) cannot change one unseen. The small ones here;
``python tools/report_digests.py --check`` also makes those of 10^6 answers."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "report_digests.py"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("report_digests", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["report_digests"] = module
    spec.loader.exec_module(module)
    return module


def test_every_report_is_recorded(tool: ModuleType) -> None:
    names = [name for name, _ in tool.reports(small=False)]
    assert sorted(tool.read_digests()) == sorted(names)


def test_the_small_reports_are_as_recorded(tool: ModuleType) -> None:
    recorded = tool.read_digests()
    for name, make in tool.reports(small=True):
        digest = hashlib.sha256(make().encode("utf-8")).hexdigest()
        assert digest == recorded[name], f"{name} is not the report recorded"
