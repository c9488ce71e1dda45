"""Every model survives a trip through plain JSON unchanged."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from strategies import content

from wellbeing_framework import Pack, structure, unstructure


@given(content.packs())
def test_pack_round_trips_through_json(pack: Pack) -> None:
    data = json.loads(json.dumps(unstructure(pack)))
    assert structure(data, Pack) == pack


@given(st.one_of(content.elements, content.scales, content.sources, content.mappings))
def test_every_content_model_round_trips(model: object) -> None:
    data = json.loads(json.dumps(unstructure(model)))
    assert structure(data, type(model)) == model
