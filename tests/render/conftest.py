"""Shared by the render tests: a realistic pack, and an audit of HTML for anything live.

The audit parses a page with the standard library's ``HTMLParser`` (as a browser would tokenise
it) and lists every way the page could run code, fetch something or send someone elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from wellbeing_framework import (
    Checklist,
    ChecklistItem,
    Pack,
    Prompt,
    ReflectiveModel,
    ResponseScale,
    SessionType,
    Statement,
    Theme,
    Tool,
)
from wellbeing_framework.model import (
    AgendaStep,
    Cadence,
    Facilitation,
    Mapping,
    Mode,
    Relation,
    ScaleOption,
    Scope,
    Section,
    Source,
    Stage,
    ToolUse,
    Trigger,
    Voice,
)
from wellbeing_framework.render._page import CONTENT_SECURITY_POLICY

# Every element the page itself or markdown-it's js-default output may hold. Anything else in a
# rendered page came from content and is a failure.
ALLOWED_TAGS = frozenset(
    {
        *("html", "head", "meta", "title", "style", "body"),
        *("div", "header", "nav", "section", "article", "p", "span", "cite", "br", "hr"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd"),
        *("a", "strong", "em", "s", "code", "pre", "blockquote"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
)
ALLOWED_ATTRS = frozenset(
    {
        *("href", "title", "class", "id", "rel", "lang", "charset", "name", "content"),
        *("http-equiv", "aria-label", "aria-hidden", "start", "style"),
    }
)
PAGE_META = {
    (("charset", "utf-8"),),
    (("http-equiv", "Content-Security-Policy"), ("content", CONTENT_SECURITY_POLICY)),
    (("name", "viewport"), ("content", "width=device-width, initial-scale=1")),
    (("name", "referrer"), ("content", "no-referrer")),
    (("name", "generator"), ("content", "wellbeing_framework")),
}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.faults: list[str] = []
        self.stack: list[str] = []
        self.counts: dict[str, int] = {}
        self.ids: set[str] = set()
        self.fragments: set[str] = set()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag not in ALLOWED_TAGS:
            self.faults.append(f"element <{tag}> {attrs}")
        if tag == "style" and self.stack[-1:] != ["head"]:
            self.faults.append("a <style> outside the head")
        if tag == "meta" and tuple(attrs) not in PAGE_META:
            self.faults.append(f"an unexpected <meta> {attrs}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.faults.append(f"event attribute {name}={value!r} on <{tag}>")
            elif name not in ALLOWED_ATTRS:
                self.faults.append(f"attribute {name}={value!r} on <{tag}>")
            elif name == "style" and not (tag in ("th", "td") and value.startswith("text-align:")):
                self.faults.append(f"style attribute {value!r} on <{tag}>")
            elif name == "href":
                if value.startswith("#"):
                    self.fragments.add(value[1:])
                elif not value.lower().startswith(SAFE_SCHEMES):
                    self.faults.append(f"href {value!r} on <{tag}>")
                elif tag != "a":
                    self.faults.append(f"href on <{tag}>")
            elif name == "id":
                self.ids.add(value)
        if tag not in ("meta", "br", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.stack[-1:] == ["style"] and "</" in data:
            self.faults.append("the style element's text holds '</'")

    def handle_comment(self, data: str) -> None:
        self.faults.append(f"a comment: {data!r}")

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html":
            self.faults.append(f"a declaration: {decl!r}")

    def unknown_decl(self, data: str) -> None:
        self.faults.append(f"a declaration: {data!r}")

    def handle_pi(self, data: str) -> None:
        self.faults.append(f"a processing instruction: {data!r}")


def audit(markup: str, *, page: bool = True) -> list[str]:
    """Every live thing in ``markup`` that content could have put there, as readable faults.

    Args:
        markup: A page, or a fragment (``page=False``).
        page: Also check the page frame: one html, head, body and style element.
    """
    parser = _Audit()
    parser.feed(markup)
    parser.close()
    faults = parser.faults
    if page:
        for tag in ("html", "head", "body", "style", "title"):
            if parser.counts.get(tag) != 1:
                faults.append(f"{parser.counts.get(tag, 0)} <{tag}> elements, expected 1")
        faults += [f"link to #{f}, which is not on the page" for f in parser.fragments - parser.ids]
    elif parser.counts.get("style"):
        faults.append("a <style> in a fragment")
    return faults


@pytest.fixture(scope="session")
def audit_html() -> Callable[..., list[str]]:
    """The audit above, as a fixture: ``audit_html(markup, page=True) -> faults``."""
    return audit


MET = ResponseScale(
    id="met-partly-not",
    title="Met, partly met or not met",
    options=(
        ScaleOption(value="met", label="Met", score=2),
        ScaleOption(value="partly", label="Partly met", score=1),
        ScaleOption(value="not-met", label="Not met", score=0),
        ScaleOption(value="unknown", label="Don't know"),
    ),
)


def make_sample_pack() -> Pack:
    """A small pack that reads like a real one, with one of everything."""
    safety = Theme(
        id="safety",
        title="Psychological safety",
        order=1,
        introduction="Feeling able to speak up, ask for help and admit a mistake.",
        what_good_looks_like="People raise worries early and are **thanked** for it.",
        statements=(
            Statement(id="safety-i-speak", voice=Voice.I, text="I can raise a worry without fear."),
            Statement(
                id="safety-i-help",
                voice=Voice.I,
                text="I can ask for help when I need it.",
                guidance="Think of the last time you asked.",
            ),
            Statement(id="safety-we-listen", voice=Voice.WE, text="We listen and act on concerns."),
        ),
        prompts=(Prompt(id="safety-prompt-recent", text="When did you last speak up?"),),
        sections=(Section(title="Further reading", body="See <https://example.org/safety>."),),
    )
    rest = Theme(
        id="rest",
        title="Looking after yourself",
        order=2,
        statements=(Statement(id="rest-i-breaks", voice=Voice.I, text="I take my breaks."),),
    )
    mine = Checklist(
        id="safety-individual",
        title="Psychological safety: how it is for me",
        order=2,
        theme="safety",
        scope=Scope.INDIVIDUAL,
        scale="yes-partly-no",
        items=(
            ChecklistItem(id="safety-ind-speak", text="I feel able to speak up in team meetings."),
            ChecklistItem(
                id="safety-ind-mistake",
                text="I could admit a mistake to my manager.",
                guidance="Recall a recent slip, however small.",
            ),
        ),
    )
    ours = Checklist(
        id="safety-organisational",
        title="Psychological safety: what we provide",
        order=1,
        theme="safety",
        scope=Scope.ORGANISATIONAL,
        scale="met-partly-not",
        items=(ChecklistItem(id="safety-org-route", text="There is a clear route for concerns."),),
    )
    huddle = Tool(
        id="huddle",
        title="A five-minute wellbeing huddle",
        themes=("safety", "rest"),
        uses=(ToolUse.TEAM, ToolUse.SELF_CARE),
        introduction="A short check-in at the start of a shift.",
        sections=(Section(title="How to run it", body="1. Ask how people are.\n2. Listen."),),
    )
    gibbs = ReflectiveModel(
        id="gibbs",
        title="Gibbs' reflective cycle",
        stages=(
            Stage(
                title="Description",
                introduction="What happened?",
                prompts=(Prompt(id="gibbs-what", text="What happened, in order?"),),
            ),
            Stage(
                title="Feelings",
                prompts=(Prompt(id="gibbs-feel", text="What were you thinking and feeling?"),),
            ),
        ),
    )
    group = SessionType(
        id="reflective-group",
        title="Reflective practice group",
        cadence=Cadence.MONTHLY,
        max_participants=8,
        min_participants=3,
        stable_membership=True,
        facilitation=Facilitation.EXTERNAL,
        modes=(Mode.IN_PERSON, Mode.ONLINE),
        minutes=False,
        closing="rg-close",
        purpose="A regular, protected space to think together about the work.",
        triggers=(Trigger(id="rg-after-incident", text="After a serious incident."),),
        agenda=(
            AgendaStep(id="rg-open", text="Check in"),
            AgendaStep(id="rg-discuss", text="Bring a piece of work to think about"),
            AgendaStep(id="rg-close", text="Close on something safe and uplifting"),
        ),
        ground_rules=("What is said in the group stays in the group.",),
        prompts=(Prompt(id="rg-prompt", text="What do you want to bring today?"),),
    )
    return Pack(
        id="sample-pack",
        title="A sample wellbeing pack",
        version="1.2.0",
        summary="A small pack for tests, with *one* of everything.",
        sectors=("health", "social-care"),
        sources=(
            Source(
                title="A framework for staff wellbeing",
                publisher="A health charity",
                url="https://example.org/framework",
                published=dt.date(2024, 10, 30),
            ),
        ),
        scales=(MET,),
        themes=(rest, safety),
        checklists=(mine, ours),
        tools=(huddle,),
        reflective_models=(gibbs,),
        session_types=(group,),
        mappings=(
            Mapping(
                source="safety-org-route",
                target="other-pack:concerns",
                relation=Relation.SUPPORTS,
                note="Both ask for a route to raise concerns.",
            ),
        ),
    )


@pytest.fixture
def sample_pack() -> Pack:
    return make_sample_pack()
