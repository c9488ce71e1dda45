"""A pack exported as JSON holds what a tool in another language needs, in the promised shape."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from wellbeing_framework import (
    Assessment,
    Catalog,
    ElementNotFoundError,
    Pack,
    make_host,
    structure,
)
from wellbeing_framework.analysis import Responses
from wellbeing_framework.cli import main
from wellbeing_framework.packs._export import export_pack, export_schema

VALIDATOR = jsonschema.Draft202012Validator(
    export_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return make_host().catalog()


def test_every_installed_pack_exports_valid_against_its_schema(catalog: Catalog) -> None:
    assert len(catalog) >= 1
    for pack in catalog:
        data = json.loads(json.dumps(export_pack(catalog, pack.id)))
        assert [e.message for e in VALIDATOR.iter_errors(data)] == []
        assert structure(data["pack"], Pack) == pack
        # Every checklist finds its scale under the reference it gives.
        assert {c.scale for c in pack.checklists} == set(data["scales"])


def test_an_assessment_built_from_the_export_alone_is_accepted(catalog: Catalog) -> None:
    if "crisis-services" not in catalog:
        pytest.skip("the crisis-services pack is not installed")
    data = json.loads(json.dumps(export_pack(catalog, "crisis-services")))
    # What a JavaScript form would do: pick a checklist, answer each item with a scale value.
    checklist = next(e for e in data["pack"]["checklists"] if e["scope"] == "individual")
    scale = data["scales"][checklist["scale"]]
    record = {
        "pack": data["pack"]["id"],
        "pack_version": data["pack"]["version"],
        "checklist": checklist["id"],
        "respondent": "r-0001",
        "group": ["Crisis line"],
        "answers": [
            {"item": item["id"], "value": scale["options"][0]["value"]}
            for item in checklist["items"]
        ],
    }
    responses = Responses.from_assessments([structure(record, Assessment)], catalog)
    assert responses.n_rows == 1


def test_the_command_writes_the_export(catalog: Catalog, tmp_path: Path) -> None:
    pack = next(iter(catalog))
    out = tmp_path / "pack.json"
    assert main(["export", pack.id, "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == export_pack(catalog, pack.id)


def test_an_unknown_pack_is_named(catalog: Catalog) -> None:
    with pytest.raises(ElementNotFoundError, match="no pack 'nope'"):
        export_pack(catalog, "nope")
    assert main(["export", "nope"]) == 2


@pytest.mark.parametrize("which", ["report", "pack-export", "session"])
def test_wellbeing_schema_prints_each_schema(
    which: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", which]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    if which == "pack-export":
        assert schema == export_schema()
