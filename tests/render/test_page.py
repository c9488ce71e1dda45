"""The page frame: self-contained, locked down by a Content-Security-Policy, fit for phone and
paper."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from wellbeing_framework.render._page import CONTENT_SECURITY_POLICY, base_css, html_document

Audit = Callable[..., list[str]]


class _Fetches(HTMLParser):
    """Every address a page would fetch: src, and href on anything but a plain link."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "src" or (name == "href" and tag != "a"):
                self.urls.append(value or "")


def test_the_page_is_self_contained(audit_html: Audit) -> None:
    page = html_document("A handbook", "<p>Hello</p>")
    assert audit_html(page) == []
    fetches = _Fetches()
    fetches.feed(page)
    assert fetches.urls == []
    # No address for the browser to fetch hides in the styles either: no @import, no url().
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@import" not in style
    assert not re.search(r"url\(|@font-face|https?:", style)


def test_the_csp_forbids_everything_but_inline_styles() -> None:
    page = html_document("T", "")
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert "style-src 'unsafe-inline'" in CONTENT_SECURITY_POLICY
    assert "img-src data:" in CONTENT_SECURITY_POLICY
    assert "script-src" not in CONTENT_SECURITY_POLICY
    head = page.split("<style>", 1)[0]
    # Before the styles, so it governs everything after it.
    assert (
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">' in head
    )


def test_the_page_reads_on_a_phone_and_prints() -> None:
    page = html_document("T", "")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    css = base_css()
    assert "@media print" in css
    assert "max-width: 40rem" in css  # the phone layout
    print_css = css.split("@media print", 1)[1]
    assert ".wf-part { break-before: page; }" in print_css
    assert "nav, .wf-screen-only { display: none !important; }" in print_css
    assert 'content: " (" attr(href) ")"' in print_css
    assert "color: #000" in print_css


def test_the_title_and_language_are_escaped(audit_html: Audit) -> None:
    page = html_document("</title><script>alert(1)</script>", "", lang='en" onload="x')
    assert audit_html(page) == []
    assert "&lt;/title&gt;&lt;script&gt;" in page
    assert '<html lang="en-GB">' in page
    assert '<html lang="cy-GB">' in html_document("T", "", lang="cy-GB")


def test_extra_css_cannot_close_the_style_element(audit_html: Audit) -> None:
    page = html_document("T", "", extra_css="p { color: red } </style><script>alert(1)</script>")
    assert audit_html(page) == []
    assert "p { color: red }" in page
