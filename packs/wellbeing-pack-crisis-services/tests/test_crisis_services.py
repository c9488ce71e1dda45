"""What the crisis-services source asks of this pack, checked on the installed pack."""

from __future__ import annotations

import pytest

from wellbeing_framework import Catalog, Pack, Scope, ToolUse, make_host


@pytest.fixture(scope="module")
def pack() -> Pack:
    return make_host(strict=True).catalog().pack("crisis-services")


def test_four_themes_each_complete(pack: Pack) -> None:
    assert len(pack.themes) == 4
    catalog = Catalog([pack])
    for theme in pack.themes:
        assert theme.what_good_looks_like.strip(), theme.id
        assert len(theme.i_statements) >= 4, theme.id
        assert len(theme.we_statements) >= 4, theme.id
        assert len(theme.prompts) >= 4, theme.id
        scopes = {c.scope for c in catalog.checklists(theme=theme.id)}
        assert scopes == {Scope.INDIVIDUAL, Scope.ORGANISATIONAL}, theme.id
        assert any(theme.id in tool.themes for tool in pack.tools), theme.id


def test_the_principles_named_by_the_source_are_covered(pack: Pack) -> None:
    titles = " ".join(t.title.lower() for t in pack.themes)
    for principle in ("psychological safety", "supervision", "team wellbeing"):
        assert principle in titles


def test_gibbs_and_driscoll_are_models_with_prompted_stages(pack: Pack) -> None:
    stages = {m.id: [s.title.lower() for s in m.stages] for m in pack.reflective_models}
    gibbs = next(v for k, v in stages.items() if "gibbs" in k)
    driscoll = next(v for k, v in stages.items() if "driscoll" in k)
    assert len(gibbs) == 6
    assert [s.rstrip("?") for s in driscoll] == ["what", "so what", "now what"]
    assert all(stage.prompts for m in pack.reflective_models for stage in m.stages)


def test_tools_cover_every_way_of_using_the_framework(pack: Pack) -> None:
    uses = {use for tool in pack.tools for use in tool.uses}
    assert uses == set(ToolUse)
    text = " ".join(
        part.lower()
        for tool in pack.tools
        for part in (tool.introduction, *(s.body for s in tool.sections))
    )
    assert "vicarious trauma" in text
    for rhythm in ("appraisal", "huddle", "development day"):
        assert rhythm in text, rhythm
