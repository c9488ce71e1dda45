"""The facilitator sheet: one page to run a session from, in Markdown or safe HTML.

The sheet sets out a :class:`~wellbeing_framework.sessions.plan.SessionPlan` in the order a
facilitator needs it: what it focuses on and why (a :class:`SessionFocus`, such as the weakest theme
of a survey), what the session is for, why it was called, the rules of its type, the ground
rules, the agenda with the closing step last, the prompts, and what to record afterwards (and
what not to). Pack text is Markdown from the pack's authors; in HTML it goes through the
one safe renderer, and everything this module writes itself is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .._escape import markdown_text
from ..sessions.plan import SessionPlan
from ..sessions.wording import MODE_WORDS, long_date
from ._markdown_elements import indent
from ._page import html_document
from .markdown import escape, render_html, safe_markdown
from .report_markdown import md_text

__all__ = ["SessionFocus", "facilitator_html", "facilitator_markdown"]


@attrs.frozen(kw_only=True)
class SessionFocus:
    """What a session is meant to look at, and why it was chosen: the sheet names it near the top
    and puts its prompts first.

    Attributes:
        title: What the session focuses on, such as a theme's title (Markdown, one line).
        why: Why this was chosen, in a sentence or two, such as the theme's score in a survey
            (plain text: it is escaped).
        prompts: Prompts on the focus, asked before the session type's own (Markdown).
    """

    title: str
    why: str
    prompts: tuple[str, ...] = ()


#: A tighter page than a handbook's, so the sheet prints on one sheet of paper.
_SHEET_CSS = """
.wf-sheet h2 { font-size: 1.2rem; margin-top: 1.1em; }
.wf-sheet h3 { font-size: 1.05rem; margin: 0.8em 0 0.3em; }
.wf-sheet li > p { margin: 0.2em 0; }
.wf-sheet .wf-step-guidance { color: var(--muted); font-size: 0.95em; }
@media print {
  body { font-size: 9.5pt; line-height: 1.35; }
  .wf-sheet h1 { font-size: 16pt; }
  .wf-sheet h2 { font-size: 12pt; margin-top: 0.8em; }
}
"""


def _meta(plan: SessionPlan) -> list[str]:
    session = plan.session
    parts = [plan.pack_title, plan.type_ref, long_date(session.date)]
    if session.start:
        parts.append(f"starts {session.start}")
    if session.duration_minutes:
        parts.append(f"{session.duration_minutes} minutes")
    if session.mode:
        parts.append(MODE_WORDS[session.mode])
    return parts


def _after(plan: SessionPlan) -> list[str]:
    return [
        f"If the session is recorded (as `{plan.session.id}`), mark the record held, and add the "
        "mode, a token for the facilitator and one for each member (never names), and the "
        "agenda steps as used.",
        "Keep no minutes and no notes of what anyone said.",
        "Write any wider learning in a sentence or two, naming nobody, and say which forum it "
        "goes to.",
        "Record each action agreed with the role that owns it (not a person) and a due date.",
    ]


def _bullets(items: Iterable[str]) -> list[str]:
    out = []
    for item in items:
        first, _, rest = item.strip().partition("\n")
        out.append(f"- {safe_markdown(first)}")
        if rest.strip():
            out.append(indent(safe_markdown(rest).strip(), 2))
    return out


def facilitator_markdown(plan: SessionPlan, *, focus: SessionFocus | None = None) -> str:
    """The facilitator sheet as Markdown, with what the session focuses on if ``focus`` is given."""
    meta = " · ".join(markdown_text(p) for p in _meta(plan))
    lines = [f"# {markdown_text(plan.title)}: facilitator sheet", "", meta, ""]
    if focus is not None:
        lines += [f"## This session's focus: {focus.title.strip()}", "", md_text(focus.why), ""]
        if focus.prompts:
            lines += ["Start with these prompts on it:", "", *_bullets(focus.prompts), ""]
    if plan.purpose.strip():
        lines += ["## Purpose", "", safe_markdown(plan.purpose.strip()), ""]
    if plan.trigger is not None:
        lines += ["## Why this session was called", "", safe_markdown(plan.trigger.text)]
        if plan.session.incident_date:
            lines += ["", f"The incident was on {long_date(plan.session.incident_date)}."]
        lines.append("")
    lines += ["## The rules of this session", "", *_bullets(plan.rules), ""]
    if plan.ground_rules:
        lines += ["## Ground rules", "", *_bullets(plan.ground_rules), ""]
    if plan.agenda:
        lines += ["## Agenda", ""]
        closing = plan.session_type.closing
        for number, step in enumerate(plan.agenda, start=1):
            marker = f"{number}. "
            last = " *(always the last step)*" if step.id == closing else ""
            lines.append(f"{marker}**{safe_markdown(step.text.strip())}**{last}")
            if step.guidance.strip():
                lines += ["", indent(safe_markdown(step.guidance).strip(), len(marker))]
            lines.append("")
    if plan.prompts:
        lines += ["## Prompts", "", *_bullets(p.text for p in plan.prompts), ""]
    if plan.model is not None:
        lines += [f"## Prompts from {safe_markdown(plan.model.title)}", ""]
        for stage in plan.model.stages:
            lines += [
                f"### {safe_markdown(stage.title)}",
                "",
                *_bullets(p.text for p in stage.prompts),
                "",
            ]
    lines += ["## After the session", "", *_bullets(_after(plan)), ""]
    return "\n".join(lines)


def _html_item(text: str) -> str:
    # One paragraph renders inline, as a tight list does; more than one keeps its paragraphs.
    if "\n\n" in text.strip():
        return render_html(text, heading_offset=2)
    return render_html(text.strip(), inline=True)


def _html_list(items: Iterable[str]) -> str:
    inner = "".join(f"<li>{_html_item(item)}</li>\n" for item in items)
    return f"<ul>\n{inner}</ul>\n"


def facilitator_html(plan: SessionPlan, *, focus: SessionFocus | None = None) -> str:
    """The facilitator sheet as one self-contained, safe HTML page, with what the session
    focuses on if ``focus`` is given."""
    parts = [
        '<article class="wf-sheet">',
        f"<h1>{escape(plan.title)}: facilitator sheet</h1>",
        f'<p class="wf-meta">{" · ".join(escape(p) for p in _meta(plan))}</p>',
    ]
    if focus is not None:
        parts += [
            f"<h2>This session's focus: {render_html(focus.title.strip(), inline=True)}</h2>",
            f"<p>{escape(focus.why)}</p>",
        ]
        if focus.prompts:
            parts += ["<p>Start with these prompts on it:</p>", _html_list(focus.prompts)]
    if plan.purpose.strip():
        parts += ["<h2>Purpose</h2>", render_html(plan.purpose, heading_offset=2)]
    if plan.trigger is not None:
        parts += ["<h2>Why this session was called</h2>", render_html(plan.trigger.text)]
        if plan.session.incident_date:
            when = escape(long_date(plan.session.incident_date))
            parts.append(f"<p>The incident was on {when}.</p>")
    parts += ["<h2>The rules of this session</h2>", _html_list(plan.rules)]
    if plan.ground_rules:
        parts += ["<h2>Ground rules</h2>", _html_list(plan.ground_rules)]
    if plan.agenda:
        parts += ["<h2>Agenda</h2>", "<ol>"]
        for step in plan.agenda:
            last = (
                ' <span class="wf-badge">always the last step</span>'
                if step.id == plan.session_type.closing
                else ""
            )
            guidance = ""
            if step.guidance.strip():
                body = render_html(step.guidance, heading_offset=2)
                guidance = f'<div class="wf-step-guidance">{body}</div>'
            text = render_html(step.text.strip(), inline=True)
            parts.append(f"<li><p><strong>{text}</strong>{last}</p>{guidance}</li>")
        parts.append("</ol>")
    if plan.prompts:
        parts += ["<h2>Prompts</h2>", _html_list(p.text for p in plan.prompts)]
    if plan.model is not None:
        parts.append(f"<h2>Prompts from {render_html(plan.model.title, inline=True)}</h2>")
        for stage in plan.model.stages:
            parts += [
                f"<h3>{render_html(stage.title, inline=True)}</h3>",
                _html_list(p.text for p in stage.prompts),
            ]
    parts += ["<h2>After the session</h2>", _html_list(_after(plan)), "</article>"]
    return html_document(
        f"{plan.title}: facilitator sheet",
        "\n".join(parts),
        lang=plan.language,
        extra_css=_SHEET_CSS,
    )
