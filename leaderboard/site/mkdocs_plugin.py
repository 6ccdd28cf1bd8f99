"""The `leaderboard` MkDocs plugin (`plugins: [search, leaderboard]` in mkdocs.yml).

A plugin rather than a `hooks:` file: MkDocs resolves hook files relative to mkdocs.yml, which works only
inside this repository's checkout, while a plugin is found through its entry point wherever the package is
installed (`mkdocs serve` uses it too).

Generated pages are finished, escaped HTML in one `<div class="lb-..." markdown="0">` block. Python-Markdown
would pass that block through unchanged, but only after running two HTML parsers over it: a third of
MkDocs' time at 20,000 pages. Such a page skips Markdown; its HTML goes in as the page content, where the
theme, the search index and the link checker see it exactly as before. Hand-written pages are untouched.
"""

from __future__ import annotations

import re

from mkdocs.plugins import BasePlugin

_RAW_PAGE = re.compile(r'\A\s*<div class="lb-[a-z]+" markdown="0">.*</div>\s*\Z', re.DOTALL)


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    """A generated page's HTML is kept aside and Markdown gets nothing to parse."""
    if _RAW_PAGE.match(markdown):
        page.leaderboard_html = markdown.strip().replace(' markdown="0"', "", 1)
        return ""
    return markdown


def on_page_content(html: str, page, **kwargs) -> str:
    """The kept HTML becomes the page content; hand-written pages keep what Markdown made of them."""
    return getattr(page, "leaderboard_html", html)


class LeaderboardPlugin(BasePlugin):
    """Registered under the `mkdocs.plugins` entry point as `leaderboard`."""

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        return on_page_markdown(markdown, page)

    def on_page_content(self, html: str, /, *, page, config, files) -> str:
        return on_page_content(html, page)
