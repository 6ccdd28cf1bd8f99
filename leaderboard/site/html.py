"""Escaping and formatting for generated pages.

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

_UNITS = {
    "percent": "%",
    "x": "×",
    "points": "",
    "count": "",
    "fps": " FPS",
    "ms": " ms",
    "s": " s",
    "tokens/s": " tok/s",
    "GB": " GB",
}
_KIND_PREFIX = {"point": "", "approximate": "≈ ", "at_least": "≥ ", "up_to": "≤ "}
_KIND_WORDS = {
    "point": "measured",
    "approximate": "approximate",
    "at_least": "lower bound ('at least')",
    "up_to": "best case ('up to')",
    "range": "range",
}
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


def front_matter(heading: str, description: str = "") -> str:
    """Material prints page.meta.title and .description raw (into <title>, the header and a content="..."
    attribute), so both are escaped HTML here; the description is cut before escaping, never inside an entity.
    JSON with ensure_ascii keeps the YAML one line whatever the text holds."""
    meta = {"title": str(theme_title(heading))}
    if description:
        meta["description"] = esc(description[:200]).strip()
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=True)}\n" for k, v in meta.items()) + "---\n\n"


def number(value: float | None) -> str:
    """Shortest exact form: 74.0 stays 74.0 (the source printed it), 1e9 is not turned into 1000000000.0."""
    if value is None:
        return ""
    return repr(float(value)) if not float(value).is_integer() or abs(value) < 1e15 else f"{value:g}"


def value_text(kind: str, value, low, high, unit: str, std=None) -> str:
    suffix = _UNITS.get(unit, f" {unit}")
    if kind == "range":
        text = f"{number(low)}–{number(high)}{suffix}"
    else:
        text = f"{_KIND_PREFIX.get(kind, '')}{number(value)}{suffix}"
    if std is not None:
        text += f" ± {number(std)}"
    return text


def kind_words(kind: str) -> str:
    return _KIND_WORDS.get(kind, kind)


def unit_words(unit: str) -> str:
    return {"percent": "percent (0-100)", "x": "ratio (×)", "points": "points"}.get(unit, unit)
