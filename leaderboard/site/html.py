"""Escaping for generated pages (how values read is leaderboard/formatting.py).

Every contributed string reaches a page through esc() inside a raw HTML block, so Markdown never
interprets it and the browser shows it as text: the page templates (site/templates.py) call it on every
printed value. Links are only built from validated ids and https fields.

Titles are the one place where contributed text goes through the theme instead: MkDocs' Jinja environment
does not autoescape, so Material prints nav titles, page.meta.title (<title>, header) and breadcrumbs raw.
They are handed over already escaped, as markupsafe.Markup, which is what the templates expect of safe text:
`{{ t }}` prints the escaped text (the reader sees 'A<B & C'), `{{ t | e }}` (footer links, aria labels)
leaves Markup alone instead of escaping it twice, and the search index holds HTML, as Material renders it.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

_BIDI = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def esc(text: object) -> str:
    """HTML-escape, and make invisible direction/zero-width characters visible so they cannot disguise text."""
    if text is None:
        return ""
    shown = _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(text))
    return html.escape(shown, quote=True)


def theme_title(text: object) -> Markup:
    """A contributed title for the theme (nav, <title>, header, breadcrumbs, footer links): escaped once and
    marked safe, so it reads exactly as written and no template escapes it again. Blank becomes 'untitled'."""
    return Markup(esc(text).strip() or "untitled")


def front_matter(heading: str, description: str = "", extra: dict | None = None) -> str:
    """Material prints page.meta.title and .description raw (into <title>, the header and a content="..."
    attribute), so both are escaped HTML here; the description is cut before escaping, never inside an entity.
    JSON with ensure_ascii keeps the YAML one line whatever the text holds."""
    meta = {"title": str(theme_title(heading))}
    if description:
        meta["description"] = esc(description[:200]).strip()
    meta |= extra or {}  # the site's own settings (Material's hide, search.exclude), never contributed text
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=True)}\n" for k, v in meta.items()) + "---\n\n"
