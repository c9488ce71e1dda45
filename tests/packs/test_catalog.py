"""The catalog finds anything by pack-id:id, by alias, and names what is missing."""

from __future__ import annotations

import pytest

from wellbeing_framework import (
    Catalog,
    Checklist,
    ChecklistItem,
    ElementNotFoundError,
    Pack,
    ResponseScale,
    Statement,
    Theme,
)
from wellbeing_framework.model import ScaleOption, Scope, Voice

SAFETY = Theme(
    id="safety",
    title="Psychological safety",
    aliases=("safe-space",),
    statements=(Statement(id="safety-i-speak", voice=Voice.I, text="I can speak up."),),
)
CHECK = Checklist(
    id="safety-me",
    title="Safety: me",
    theme="safety",
    scope=Scope.INDIVIDUAL,
    scale="own-scale",
    items=(ChecklistItem(id="safety-me-one", text="I speak up."),),
)
OWN = ResponseScale(
    id="own-scale",
    title="Own",
    options=(
        ScaleOption(value="y", label="Y", score=1),
        ScaleOption(value="n", label="N", score=0),
    ),
)
PACK = Pack(
    id="demo-pack",
    title="Demo",
    version="1.0.0",
    summary="S",
    scales=(OWN,),
    themes=(SAFETY,),
    checklists=(CHECK,),
)


@pytest.fixture
def catalog() -> Catalog:
    return Catalog([PACK])


def test_elements_by_reference_and_alias(catalog: Catalog) -> None:
    assert catalog.get("demo-pack:safety") is SAFETY
    assert catalog.get("demo-pack:safe-space") is SAFETY
    assert catalog.get("safety", pack="demo-pack") is SAFETY
    assert "demo-pack:safety" in catalog
    assert "demo-pack" in catalog


def test_items_resolve_to_their_element_too(catalog: Catalog) -> None:
    found = catalog.find("demo-pack:safety-i-speak")
    assert found.element is SAFETY
    assert found.item is SAFETY.statements[0]
    assert catalog.element("demo-pack:safety-me-one") is CHECK


def test_missing_things_are_named(catalog: Catalog) -> None:
    with pytest.raises(
        ElementNotFoundError, match="no pack 'other' is loaded \\(loaded: demo-pack\\)"
    ):
        catalog.get("other:safety")
    with pytest.raises(
        ElementNotFoundError, match="pack 'demo-pack' has nothing with the id 'nope'"
    ):
        catalog.get("demo-pack:nope")
    with pytest.raises(ElementNotFoundError, match="write it as pack-id:safety"):
        catalog.get("safety")


def test_scales_from_the_pack_or_the_core(catalog: Catalog) -> None:
    assert catalog.scale("own-scale", pack="demo-pack") is OWN
    assert catalog.scale("demo-pack:own-scale") is OWN
    assert catalog.scale("yes-partly-no").id == "yes-partly-no"
    with pytest.raises(ElementNotFoundError, match="no scale 'own-scale'"):
        catalog.scale("own-scale")


def test_checklists_by_theme_and_scope(catalog: Catalog) -> None:
    assert catalog.checklists(theme="safety") == (CHECK,)
    assert catalog.checklists("demo-pack", scope=Scope.ORGANISATIONAL) == ()
    assert catalog.themes() == (SAFETY,)


def test_lookups_and_contributed_rules_are_typed_not_any() -> None:
    # A typo such as catalog.get(ref).titel must be caught by a user's type checker.
    import typing

    from wellbeing_framework import Element, PackHost
    from wellbeing_framework.model import Item, SessionRule
    from wellbeing_framework.packs import Found

    # The element types, like SessionRule below, are imported for type checkers only, so that
    # importing the package builds none of the element classes.
    elements = {"Element": Element, "Item": Item}
    hints = typing.get_type_hints(Catalog.get, localns=elements)
    assert hints["return"] == Element | Item
    assert typing.get_type_hints(Found.target.fget, localns=elements)["return"] == Element | Item
    rules = typing.get_type_hints(PackHost.session_rules, localns={"SessionRule": SessionRule})
    assert rules["return"] == tuple[SessionRule, ...]
