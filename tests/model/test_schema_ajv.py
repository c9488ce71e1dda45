"""The same edge cases as ``test_schema.py``, validated by ajv in Node, the validator the review
used: the schema must mean the same in JavaScript as in Python.

Runs where ``node`` and the npm packages ``ajv`` and ``ajv-formats`` are found (``NODE_PATH`` may
point at them); skips elsewhere, since neither is a dependency of the library.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from schema_cases import BASE, CASES, VALIDATORS, disagreement, single_edits

SCRIPT = Path(__file__).parent / "ajv" / "agree.js"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    found = subprocess.run(
        [node, "-e", "require('ajv/dist/2020'); require('ajv-formats')"],
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        pytest.skip("the npm packages ajv and ajv-formats are not installed")
    return node


def test_ajv_agrees_with_the_library_on_every_edge_case(tmp_path: Path) -> None:
    node = _node()
    records = [(kind, json.loads(json.dumps(r))) for _, _, kind, r, _ in CASES]
    records += single_edits()
    data = {
        "schemas": {kind: VALIDATORS[kind].schema for kind in BASE},
        "cases": [{"kind": kind, "record": record} for kind, record in records],
    }
    given = tmp_path / "cases.json"
    given.write_text(json.dumps(data), encoding="utf-8")
    out = subprocess.run([node, str(SCRIPT), str(given)], capture_output=True, check=True)
    verdicts = json.loads(out.stdout)
    # Each verdict is ajv's: disagreement() asks the library about the record as ajv judged it.
    disagreements = [
        f"{kind} {json.dumps(record)[:100]}: {why}"
        for (kind, record), valid in zip(records, verdicts, strict=True)
        if (why := disagreement(kind, record, schema_ok=valid))
    ]
    assert len(verdicts) > 10_000
    assert disagreements == []
