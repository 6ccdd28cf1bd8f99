"""MkDocs hooks (listed in mkdocs.yml, so `mkdocs serve` uses them too).

Generated pages are finished, escaped HTML in one `<div class="lb-..." markdown="0">` block. Python-Markdown
would pass that block through unchanged, but only after running two HTML parsers over it: a third of
MkDocs' time at 20,000 pages. Such a page skips Markdown; its HTML goes in as the page content, where the
theme, the search index and the link checker see it exactly as before. Hand-written pages are untouched.
"""

from __future__ import annotations

import re

_RAW_PAGE = re.compile(r'\A\s*<div class="lb-[a-z]+" markdown="0">.*</div>\s*\Z', re.DOTALL)


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    if _RAW_PAGE.match(markdown):
        page.leaderboard_html = markdown.strip().replace(' markdown="0"', "", 1)
        return ""
    return markdown


def on_page_content(html: str, page, **kwargs) -> str:
    return getattr(page, "leaderboard_html", html)
