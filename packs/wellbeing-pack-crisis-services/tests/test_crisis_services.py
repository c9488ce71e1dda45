"""What the crisis-services source asks of this pack, checked on the installed pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from wellbeing_framework import Catalog, Pack, make_host
from wellbeing_framework.model import Scope, ToolUse


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


def _text(pack: Pack, element_id: str) -> str:
    element = pack.element(element_id)
    return " ".join(
        " ".join([element.introduction, *(f"{s.title} {s.body}" for s in element.sections)]).split()
    )


def test_the_theme_names_are_said_to_be_the_packs_reading(pack: Pack) -> None:
    # Where a user reads them: the about tool and the pack summary, not only the README.
    about = _text(pack, "about-the-framework")
    assert "this pack's own reading of the principles" in about
    summary = " ".join(pack.summary.split())
    assert "names used here are this pack's reading of the framework's principles" in summary


def test_the_publisher_is_named_as_its_landing_page_names_it(pack: Pack) -> None:
    (source,) = pack.sources
    assert source.publisher == "NHS Cheshire and Merseyside"
    assert source.url is not None
    assert "cheshireandmerseyside.nhs.uk" in source.url


def test_nhs_111_is_given_with_its_mental_health_option_and_a_and_e(pack: Pack) -> None:
    for tool in ("noticing-vicarious-trauma", "personal-wellbeing-plan"):
        text = _text(pack, tool)
        assert "choose the mental health option" in text, tool
        assert "A&E" in text, tool


def test_the_readme_does_not_call_the_contacts_uk_wide() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "UK crisis contacts" not in readme
    assert "Northern Ireland has no NHS 111" in " ".join(readme.split())
