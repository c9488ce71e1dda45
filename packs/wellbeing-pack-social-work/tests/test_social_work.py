"""What the employer standard asks of the social-work pack."""

from __future__ import annotations

import pytest

from wellbeing_framework import Catalog, Pack, Scope, SessionType, make_host


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return make_host(strict=True).catalog()


@pytest.fixture(scope="module")
def pack(catalog: Catalog) -> Pack:
    return catalog.pack("social-work")


def test_three_core_areas_are_themes(pack: Pack) -> None:
    assert len(pack.themes) == 3


def test_every_expectation_is_an_organisational_item_with_evidence(pack: Pack) -> None:
    organisational = [c for c in pack.checklists if c.scope is Scope.ORGANISATIONAL]
    items = [item for c in organisational for item in c.items]
    assert sorted(len(c.items) for c in organisational) == [2, 4, 13]
    assert len(items) == 19
    assert all(item.guidance.strip() for item in items)


def test_supervision_expectations_are_data(pack: Pack) -> None:
    supervision = pack.element("reflective-supervision")
    assert isinstance(supervision, SessionType)
    assert supervision.cadence.days is not None
    assert supervision.min_duration_minutes is not None


def test_mappings_reach_the_crisis_services_pack(pack: Pack, catalog: Catalog) -> None:
    assert len(pack.mappings) >= 10
    for mapping in pack.mappings:
        assert mapping.target.startswith("crisis-services:")
        assert mapping.target in catalog
