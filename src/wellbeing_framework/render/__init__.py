"""Rendering: handbooks of a pack, the results reports, facilitator sheets, and the safe
Markdown every output goes through.

The report writers share their modules' names, so they are reached at the top,
:func:`wellbeing_framework.report_html` and its siblings, or from their modules. Every output is
self-contained and safe with content from strangers: raw HTML is shown as text,
links go only to http, https and mailto, and images become links.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:  # what a type checker sees; the table below loads each name on first use
    from .facilitator import (
        SessionFocus as SessionFocus,
    )
    from .facilitator import (
        facilitator_html as facilitator_html,
    )
    from .facilitator import (
        facilitator_markdown as facilitator_markdown,
    )
    from .handbook import (
        element_to_html as element_to_html,
    )
    from .handbook import (
        element_to_markdown as element_to_markdown,
    )
    from .handbook import (
        pack_to_html as pack_to_html,
    )
    from .handbook import (
        pack_to_markdown as pack_to_markdown,
    )
    from .markdown import render_html as render_html
    from .markdown import safe_markdown as safe_markdown
    from .report import Report as Report
    from .report import make_report as make_report
    from .report_json import audited_report_json as audited_report_json
    from .report_json import audited_report_text as audited_report_text
    from .scores import change_text as change_text
    from .scores import score_text as score_text

#: Each public name and the module that holds it: the one list of this package's face.
_PUBLIC: dict[str, str] = {
    **dict.fromkeys(["SessionFocus", "facilitator_html", "facilitator_markdown"], "facilitator"),
    **dict.fromkeys(
        ["element_to_html", "element_to_markdown", "pack_to_html", "pack_to_markdown"], "handbook"
    ),
    **dict.fromkeys(["render_html", "safe_markdown"], "markdown"),
    **dict.fromkeys(["Report", "make_report"], "report"),
    **dict.fromkeys(["audited_report_json", "audited_report_text"], "report_json"),
    **dict.fromkeys(["change_text", "score_text"], "scores"),
}

__getattr__, __dir__, __all__ = attach(__name__, _PUBLIC)
