"""The facilitator sheet, in Markdown and safe HTML, and golden sheets for the seed session types.

Regenerate the golden files after an intended change with ``UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import attrs
import pytest

from wellbeing_framework import Catalog, Pack, make_host
from wellbeing_framework.render import SessionFocus, facilitator_html, facilitator_markdown
from wellbeing_framework.sessions import plan_session

from .conftest import DAY, INCIDENT, PACK

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[2]


def test_the_sheet_has_what_a_facilitator_needs_in_order(catalog: Catalog) -> None:
    plan = plan_session(
        catalog, "test-pack:incident-session", model="short-cycle", trigger="is-violence", date=DAY
    )
    text = facilitator_markdown(plan)
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings == [
        "Purpose",
        "Why this session was called",
        "The rules of this session",
        "Ground rules",
        "Agenda",
        "Prompts",
        "Prompts from A short reflective cycle",
        "After the session",
    ]
    agenda = re.findall(r"^\d+\. \*\*(.+?)\*\*", text, flags=re.M)
    assert agenda[-1] == "Close on something hopeful."
    assert "*(always the last step)*" in text
    assert "   Pass is fine." in text  # guidance sits under its step
    assert "Keep no minutes" in text


def test_the_html_sheet_is_one_safe_page(catalog: Catalog) -> None:
    plan = plan_session(catalog, "test-pack:group", date=DAY)
    page = facilitator_html(plan)
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Reflective group: facilitator sheet</title>" in page
    assert page.count("<li>") >= 3
    assert '<span class="wf-badge">always the last step</span>' in page


def test_hostile_pack_text_is_escaped_in_html() -> None:
    hostile = attrs.evolve(
        INCIDENT,
        title="Session <img src=x onerror=alert(1)>",
        purpose="<script>alert('x')</script> [click](javascript:alert(1))",
        ground_rules=("<b onclick=alert(1)>be kind</b>",),
    )
    catalog = Catalog([attrs.evolve(PACK, session_types=(hostile,))])
    page = facilitator_html(plan_session(catalog, "test-pack:incident-session", date=DAY))
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "<b onclick" not in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;" in page


def test_hostile_pack_text_is_inert_in_markdown_in_a_viewer_that_shows_raw_html() -> None:
    from markdown_it import MarkdownIt

    hostile = attrs.evolve(
        INCIDENT,
        title="Session <img src=x onerror=alert(1)>",
        purpose="<script>alert('x')</script> [click](javascript:alert(1))",
        ground_rules=("<b onclick=alert(1)>be kind</b> ![p](https://tracker.example/p.gif)",),
    )
    catalog = Catalog([attrs.evolve(PACK, session_types=(hostile,))])
    text = facilitator_markdown(plan_session(catalog, "test-pack:incident-session", date=DAY))
    shown = MarkdownIt("commonmark").render(text)  # raw HTML on, as many viewers have it
    for live in ("<script", "<img", "<b ", 'javascript:alert(1)"', 'tracker.example/p.gif"'):
        assert live not in shown
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in shown


# -- golden sheets for the seed session types ----------------------------------------------------

SEED_PLANS = {
    "reflective-wellbeing-session": {
        "type_ref": "childrens-services:reflective-wellbeing-session",
        "trigger": "rws-trigger-serious-violence",
        "incident_date": dt.date(2025, 5, 28),
    },
    "reflective-group": {"type_ref": "reflective-groups:reflective-group"},
}


@pytest.fixture(scope="module")
def seed_catalog() -> Catalog:
    folders = sorted(ROOT.glob("packs/wellbeing-pack-*/src/*/content"))
    host = make_host(autoload=False, strict=True, pack_dirs=folders)
    return host.catalog()


def _article(page: str) -> str:
    # The page's frame and styles belong to the page renderer and are tested there.
    start, end = page.index('<article class="wf-sheet">'), page.index("</article>")
    return page[start : end + len("</article>")] + "\n"


@pytest.mark.parametrize("name", sorted(SEED_PLANS))
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_facilitator_sheets(seed_catalog: Catalog, name: str, fmt: str) -> None:
    options = dict(SEED_PLANS[name])
    type_ref = str(options.pop("type_ref"))
    plan = plan_session(seed_catalog, type_ref, date=dt.date(2025, 6, 3), **options)  # type: ignore[arg-type]
    text = facilitator_markdown(plan) if fmt == "md" else _article(facilitator_html(plan))
    golden = GOLDEN / f"{name}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1 to make it"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs: if intended, UPDATE_GOLDEN=1"
    )


def test_the_seed_sheets_end_as_the_sources_ask(seed_catalog: Catalog) -> None:
    incident = plan_session(
        seed_catalog, "childrens-services:reflective-wellbeing-session", date=DAY
    )
    assert incident.agenda[-1].id == incident.session_type.closing
    assert "uplifting" in incident.agenda[-1].text
    # No standardised agenda: the sheet says the steps are a suggested shape, before them.
    assert "Agenda: A suggested shape only; the chair may run it their own way." in incident.rules
    group = plan_session(seed_catalog, "reflective-groups:reflective-group", date=DAY)
    # "A maximum of eight members per group works best": advice, not a limit.
    size = "Group size: Works best with up to 8 people; more is flagged, but allowed."
    assert size in group.rules
    assert "How often: Monthly." in group.rules


def test_packs_loaded(seed_catalog: Catalog) -> None:
    assert {"childrens-services", "reflective-groups"} <= {p.id for p in seed_catalog}
    assert isinstance(seed_catalog.pack("reflective-groups"), Pack)


def test_a_focus_is_named_first_with_why_and_its_prompts(catalog: Catalog) -> None:
    plan = plan_session(catalog, "test-pack:incident-session", date=DAY)
    focus = SessionFocus(
        title="Speaking *up*",
        why="It scored 41 out of 100 (red) <b>for everyone</b>, the weakest theme.",
        prompts=("When did you last speak up?",),
    )
    text = facilitator_markdown(plan, focus=focus)
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[0] == "This session's focus: Speaking *up*"
    body = text[text.index("## This session's focus") : text.index("## Purpose")]
    assert "41 out of 100" in body
    assert "When did you last speak up?" in body
    assert "<b>" not in body  # the reason is plain text, escaped
    page = facilitator_html(plan, focus=focus)
    assert "<h2>This session's focus: Speaking <em>up</em></h2>" in page
    assert "&lt;b&gt;for everyone&lt;/b&gt;" in page
    assert page.index("This session's focus") < page.index("<h2>Purpose</h2>")
    # Without a focus the sheet is as before.
    assert "focus" not in facilitator_markdown(plan)
