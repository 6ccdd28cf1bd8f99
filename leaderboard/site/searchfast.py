"""A generated page's search sections, read by Material's own search parser fed by a regular expression.

Material's search plugin runs Python's html.parser over every page: at 2,000 papers that was a quarter of
the build. A generated page is HTML we wrote, well formed and escaped, so a regular expression can cut it
into the same start tags, end tags and text runs html.parser would report, and Material's Parser (its
handlers decide sections, titles and text) sees the same calls in the same order. Anything the expression
does not expect (a comment, a stray '<', a tag it cannot read) gives None: the page is then indexed by the
plugin as usual. tests/test_search_lean.py holds the index byte-identical either way.
"""

from __future__ import annotations

import html
import re

from material.plugins.search.plugin import Parser

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^<>]*|/)?)>|([^<]+)|(<)")
_ATTR = re.compile(r'\s+([^\s"\'>/=]+)(?:="([^"<>]*)")?')
_ATTRS = re.compile(r'(?:\s+[^\s"\'>/=]+(?:="[^"<>]*")?)*\s*/?')


def sections(content: str) -> list | None:
    """Material's sections of this HTML, or None where it is not HTML this module can read exactly."""
    parser = Parser()
    for closing, tag, attrs, text, stray in _TOKEN.findall(content):
        if stray:
            return None
        if text:
            parser.handle_data(html.unescape(text))
            continue
        name = tag.lower()
        if closing:
            if attrs.strip():
                return None
            parser.handle_endtag(name)
            continue
        if not _ATTRS.fullmatch(attrs):
            return None
        found = [(key.lower(), None if value is None else html.unescape(value)) for key, value in _pairs(attrs)]
        parser.handle_starttag(name, found)
        if attrs.rstrip().endswith("/"):
            parser.handle_endtag(name)  # html.parser's handle_startendtag
    return parser.data


def _pairs(attrs: str) -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in _ATTR.finditer(attrs.rstrip().removesuffix("/"))]
