"""The handbook: what a wellbeing lead sees on screen and on paper, in HTML and in Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs
from hypothesis import given
from strategies import content

from wellbeing_framework import Catalog, Checklist, ChecklistItem, Pack, ResponseScale, Theme
from wellbeing_framework.model import CORE_SCALES, ScaleOption, Scope
from wellbeing_framework.render import (
    element_to_html,
    element_to_markdown,
    pack_to_html,
    pack_to_markdown,
    render_html,
)
from wellbeing_framework.render.handbook import pack_overview_markdown

Audit = Callable[..., list[str]]


def _article(page: str, element_id: str) -> str:
    start = page.index('<article class="wf-element wf-', page.index(f'id="{element_id}"') - 80)
    return page[start : page.index("</article>", start)]


def _items(article: str) -> list[str]:
    return re.findall(r'<li class="wf-item wf-keep".*?</li>', article, flags=re.S)


def _ticks(item: str) -> list[str]:
    return re.findall(r'<span class="wf-box" aria-hidden="true">☐</span> ([^<]*)</span>', item)


def test_a_checklist_has_a_tick_box_for_every_answer_on_every_item(sample_pack: Pack) -> None:
    page = pack_to_html(sample_pack)
    mine = _article(page, "safety-individual")
    items = _items(mine)
    assert len(items) == 2
    for item in items:
        assert _ticks(item) == ["Yes", "Partly", "No", "Not sure"]
        assert '<div class="wf-notes">Notes</div>' in item
    # The pack's own scale, with its scores listed once above the items.
    ours = _article(page, "safety-organisational")
    assert _ticks(_items(ours)[0]) == ["Met", "Partly met", "Not met", "Don&#x27;t know"]
    assert '<strong>Met</strong> <span class="wf-meta">(scores 2)</span>' in ours
    assert '<strong>Don&#x27;t know</strong> <span class="wf-meta">(not scored)</span>' in ours
    assert "“Met, partly met or not met”" in ours


def test_an_individual_checklist_asks_for_no_name(sample_pack: Pack) -> None:
    page = pack_to_html(sample_pack)
    assert '<div class="wf-fill wf-keep"><span>Date:</span></div>' in _article(
        page, "safety-individual"
    )
    assert "<span>Team or service:</span>" in _article(page, "safety-organisational")
    assert "What I will do next" in _article(page, "safety-individual")
    assert "What we will do next" in _article(page, "safety-organisational")


def test_a_scale_from_the_catalog_is_used_and_a_missing_one_is_named(sample_pack: Pack) -> None:
    shared = ResponseScale(
        id="true-false",
        title="True or false",
        options=(
            ScaleOption(value="true", label="True", score=1),
            ScaleOption(value="false", label="False", score=0),
        ),
    )
    checklist = attrs.evolve(sample_pack.checklists[0], scale="true-false")
    pack = attrs.evolve(sample_pack, checklists=(checklist,))
    with_catalog = pack_to_html(pack, catalog=Catalog([pack], scales=[shared]))
    assert _ticks(_items(_article(with_catalog, checklist.id))[0]) == ["True", "False"]
    without = _article(pack_to_html(pack), checklist.id)
    assert "<code>true-false</code>, which is not loaded" in without
    assert _ticks(without) == []


def test_a_theme_sets_i_and_we_statements_apart(sample_pack: Pack) -> None:
    theme = _article(pack_to_html(sample_pack), "safety")
    i_part = theme.split('class="wf-voice wf-voice-i"', 1)[1].split("</section>", 1)[0]
    we_part = theme.split('class="wf-voice wf-voice-we"', 1)[1].split("</section>", 1)[0]
    assert 'id="safety-i-speak"' in i_part
    assert 'id="safety-i-help"' in i_part
    assert 'id="safety-we-listen"' not in i_part
    assert 'id="safety-we-listen"' in we_part
    assert "<strong>thanked</strong>" in theme.split('class="wf-good"', 1)[1]
    assert 'href="#safety-individual"' in theme  # its checklists are a click away


def test_elements_follow_their_display_order(sample_pack: Pack) -> None:
    page = pack_to_html(sample_pack)
    # The pack lists "rest" first, but "safety" has order 1.
    assert page.index('id="safety"') < page.index('id="rest"')
    assert page.index('id="safety-organisational"') < page.index('id="safety-individual"')
    markdown = pack_to_markdown(sample_pack)
    assert markdown.index("### Psychological safety\n") < markdown.index("### Looking after")


def test_a_session_type_shows_its_rules_and_agenda_in_order(sample_pack: Pack) -> None:
    session = _article(pack_to_html(sample_pack), "reflective-group")
    for rule in (
        "<dt>How often</dt><dd>Monthly</dd>",
        "<dt>Group size</dt><dd>3 to 8 people</dd>",
        "<dt>Membership</dt><dd>The same people each time</dd>",
        "<dt>Ways to meet</dt><dd>In person or online</dd>",
        "<dt>Records</dt><dd>No minutes; only wider learning is written down, without names</dd>",
        "<dt>Always ends with</dt><dd>Close on something safe and uplifting</dd>",
    ):
        assert rule in session
    assert "external facilitator" in session
    steps = re.findall(
        r'<li id="(rg-[a-z]+)">', session.split('class="wf-agenda"', 1)[1].split("</ol>")[0]
    )
    assert steps == ["rg-open", "rg-discuss", "rg-close"]
    assert re.search(r'id="rg-close">.*always last', session)
    assert "What is said in the group stays in the group." in session
    assert 'id="rg-after-incident"' in session


def test_the_title_page_names_the_version_and_sources(sample_pack: Pack) -> None:
    page = pack_to_html(sample_pack)
    cover = page.split('<header class="wf-cover">', 1)[1].split("</header>", 1)[0]
    assert "<h1>A sample wellbeing pack</h1>" in cover
    assert "<dt>Version</dt><dd>1.2.0</dd>" in cover
    assert "<cite>A framework for staff wellbeing</cite>" in cover
    assert "A health charity; published 30 October 2024." in cover
    assert '<a href="https://example.org/framework">' in cover
    assert "<title>A sample wellbeing pack (version 1.2.0)</title>" in page
    contents = page.split('<nav class="wf-contents"', 1)[1].split("</nav>", 1)[0]
    for element in sample_pack.elements:
        assert f'href="#{element.id}"' in contents


def test_mappings_name_both_ends_when_the_other_pack_is_loaded(sample_pack: Pack) -> None:
    other = Pack(
        id="other-pack",
        title="Other",
        version="1.0.0",
        summary="S",
        themes=(Theme(id="concerns", title="Raising concerns"),),
    )
    page = pack_to_html(sample_pack, catalog=Catalog([sample_pack, other]))
    row = page.split('<table class="wf-table wf-mappings">', 1)[1]
    assert '<a href="#safety-org-route">There is a clear route for concerns.</a>' in row
    assert "Raising concerns <br><code>other-pack:concerns</code>" in row
    assert "<td>supports</td>" in row
    assert "Raising concerns" not in pack_to_html(sample_pack)


def test_a_single_element_page_links_only_to_itself(sample_pack: Pack, audit_html: Audit) -> None:
    for element in sample_pack.elements:
        page = element_to_html(element, sample_pack)
        assert audit_html(page) == []
        assert '<article class="wf-element' in page
    tool = element_to_html(sample_pack.element("huddle"), sample_pack)
    assert "Themes: Psychological safety, Looking after yourself" in tool


def test_the_markdown_checklist_has_tick_boxes_and_space_for_notes(sample_pack: Pack) -> None:
    markdown = element_to_markdown(sample_pack.element("safety-individual"), sample_pack)
    assert markdown.startswith("# Psychological safety: how it is for me\n")
    assert markdown.count("   ☐ Yes   ☐ Partly   ☐ No   ☐ Not sure\n") == 2
    assert markdown.count("   Notes: ____") == 2
    assert "Yes (scores 2); Partly (scores 1); No (scores 0); Not sure (not scored)" in markdown
    # Rendered again, the tick boxes stay with their item.
    html = render_html(markdown)
    assert html.count("☐ Yes") == 2
    assert re.search(r"<li>\s*<p>I feel able.*?☐ Yes.*?</li>", html, flags=re.S)


def test_markdown_for_authors_shows_item_ids(sample_pack: Pack) -> None:
    theme = sample_pack.element("safety")
    assert "`safety-i-speak`" in element_to_markdown(theme, sample_pack, ids=True)
    assert "`safety-i-speak`" not in element_to_markdown(theme, sample_pack)
    overview = pack_overview_markdown(sample_pack)
    for element in sample_pack.elements:
        assert f"`{element.id}`" in overview
    assert "Psychological safety: how it is for me (for individuals)" in overview


def test_text_for_one_line_stays_on_one_line() -> None:
    checklist = Checklist(
        id="two-lines",
        title="A title\nover two lines",
        theme="nowhere",
        scope=Scope.TEAM,
        scale="yes-partly-no",
        items=(ChecklistItem(id="item-one", text="An item\n# that is not a heading"),),
    )
    pack = Pack(id="a-pack", title="P", version="1", summary="S", checklists=(checklist,))
    markdown = element_to_markdown(checklist, pack)
    assert markdown.startswith("# A title over two lines\n")
    assert "1. An item # that is not a heading\n" in markdown
    assert "Theme: `nowhere`" in markdown


@given(content.packs())
def test_any_valid_pack_renders_safely(audit_html: Audit, pack: Pack) -> None:
    page = pack_to_html(pack)
    assert audit_html(page) == []
    for element in pack.elements:
        assert f'id="{element.id}"' in page
    expected_boxes = sum(len(c.items) * len(CORE_SCALES[c.scale].options) for c in pack.checklists)
    assert page.count("☐") == expected_boxes
    markdown = pack_to_markdown(pack)
    assert markdown.count("☐") == expected_boxes
    assert audit_html(render_html(markdown, max_chars=1_000_000), page=False) == []
    assert pack_overview_markdown(pack).startswith("# ")
    for element in pack.elements:
        assert audit_html(element_to_html(element, pack)) == []
        assert element_to_markdown(element, pack, ids=True).startswith("# ")
