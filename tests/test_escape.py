"""The one escape per format: data shown exactly as written, never read as mark-up."""

from __future__ import annotations

import html

from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wellbeing_framework._escape import html_text, markdown_text

# Raw HTML on: the most permissive way a Markdown viewer may show a report.
_VIEWER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_MARKUP = st.sampled_from(list("\\`*_{}[]<>()#+-=!|~&:.1 \n\t")) | st.sampled_from(
    ["<script>", "](javascript:x)", "![", "&#106;", "&amp;", "1. ", "- ", "> ", "***", "    "]
)
_TEXT = st.lists(_MARKUP | st.characters(exclude_characters="\0"), max_size=40).map("".join)


@given(_TEXT)
@example("[x](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=a()> **b**")
@example("1. first")
@example("---")
def test_markdown_text_renders_as_exactly_its_text(text: str) -> None:
    rendered = _VIEWER.render(markdown_text(text))
    flat = " ".join(text.split())
    if not flat:
        assert rendered == ""
        return
    assert rendered.startswith("<p>")
    assert rendered.endswith("</p>\n")
    inner = rendered[3:-5]
    assert "<" not in inner  # no element at all: every < in the text was escaped
    assert html.unescape(inner) == flat


@given(_TEXT)
def test_markdown_text_is_one_line_in_a_table_cell(text: str) -> None:
    cell = markdown_text(text)
    assert "\n" not in cell
    rendered = _VIEWER.render(f"| a |\n| --- |\n| {cell} |\n")
    if " ".join(text.split()):
        assert rendered.count("<td>") == 1  # a | in the text does not split the cell


@given(st.text())
def test_html_text_leaves_no_mark_up(text: str) -> None:
    escaped = html_text(text)
    assert not set("<>\"'") & set(escaped)
    assert html.unescape(escaped) == text
