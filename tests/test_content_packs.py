"""The four content packs, tested as users get them: installed, through their entry points.

Each pack distribution also has its own tests (``packs/*/tests``) for what its source requires.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from wellbeing_framework import Catalog, make_host, validate_pack
from wellbeing_framework.packs import LoadedPack
from wellbeing_framework.render import pack_to_html, pack_to_markdown

ROOT = Path(__file__).resolve().parent.parent
PACK_IDS = ["childrens-services", "crisis-services", "reflective-groups", "social-work"]


@pytest.fixture(scope="module")
def loaded() -> dict[str, LoadedPack]:
    # Strict: any installed pack that fails to load fails this test run.
    report = make_host(strict=True, autoload=True).load()
    return {lp.pack.id: lp for lp in report.packs}


@pytest.fixture(scope="module")
def catalog(loaded: dict[str, LoadedPack]) -> Catalog:
    return Catalog(lp.pack for lp in loaded.values())


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_pack_loads_through_its_entry_point(pack_id: str, loaded: dict[str, LoadedPack]) -> None:
    lp = loaded[pack_id]
    assert lp.distribution == f"wellbeing-pack-{pack_id}"
    assert lp.plugin == pack_id
    folder = ROOT / "packs" / f"wellbeing-pack-{pack_id}"
    project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert lp.pack.version == project["version"]


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_pack_validates_without_a_problem(pack_id: str, catalog: Catalog) -> None:
    folder = next((ROOT / "packs" / f"wellbeing-pack-{pack_id}" / "src").glob("*/content"))
    assert validate_pack(folder, catalog) == ()


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_pack_renders_as_a_handbook(pack_id: str, catalog: Catalog) -> None:
    pack = catalog.pack(pack_id)
    html = pack_to_html(pack, catalog=catalog)
    markdown = pack_to_markdown(pack, catalog=catalog)
    for element in pack.elements:
        assert element.title.split()[0] in markdown
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()


@pytest.mark.parametrize("pack_id", PACK_IDS)
def test_pack_cites_its_sources(pack_id: str, catalog: Catalog) -> None:
    pack = catalog.pack(pack_id)
    assert pack.sources
    assert all(source.title and source.publisher for source in pack.sources)


def test_every_mapping_resolves(catalog: Catalog) -> None:
    mappings = [(pack, m) for pack in catalog for m in pack.mappings]
    assert len(mappings) >= 10
    for pack, mapping in mappings:
        assert f"{pack.id}:{mapping.source}" in catalog
        assert mapping.target in catalog, mapping.target


def test_every_id_in_the_traceability_table_exists(catalog: Catalog) -> None:
    text = (ROOT / "docs" / "content-traceability.md").read_text(encoding="utf-8")
    refs = set(re.findall(r"`([a-z][a-z0-9-]+:[a-z][a-z0-9-]+)`", text))
    assert len(refs) > 50
    missing = sorted(ref for ref in refs if ref not in catalog)
    assert missing == []


def test_every_source_document_is_traced() -> None:
    text = (ROOT / "docs" / "content-traceability.md").read_text(encoding="utf-8")
    for seed in ("000", "001", "002", "003", "004"):
        assert re.search(rf"^## {seed}\b", text, re.MULTILINE), seed


@pytest.mark.parametrize("pack_id", ["crisis-services", "social-work"])
def test_every_theme_prompt_says_what_it_addresses_and_leads_for_it(
    pack_id: str, catalog: Catalog
) -> None:
    from wellbeing_framework.analysis.priorities import support_for

    pack = catalog.pack(pack_id)
    items = {i.id for c in pack.checklists for i in c.items}
    for theme in pack.themes:
        for prompt in theme.prompts:
            assert prompt.addresses, f"{theme.id}: {prompt.id} addresses nothing"
            for item in set(prompt.addresses) & items:
                first = support_for(catalog, f"{pack_id}:{theme.id}", f"{pack_id}:{item}")[0][0]
                lead = catalog.find(first).target
                assert item in lead.addresses, (theme.id, item, first)
