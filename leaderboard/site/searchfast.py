"""A generated page's search sections, read by Material's own search parser fed by a regular expression.

Material's search plugin runs Python's html.parser over every page: at 2,000 papers that was a quarter of
the build. A generated page is HTML we wrote, well formed and escaped, so a regular expression can cut it
into the same start tags, end tags and text runs html.parser would report, and Material's Parser (its
handlers decide sections, titles and text) sees the same calls in the same order. Anything the expression
does not expect (a comment, a stray '<', a tag it cannot read) gives None: the page is then indexed by the
plugin as usual. tests/test_search_lean.py holds the index byte-identical either way.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from html import escape

from material.plugins.search.plugin import Element, Parser, Section, void

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^<>]*|/)?)>|([^<]+)|(<)")
_ATTR = re.compile(r'\s+([^\s"\'>/=]+)(?:="([^"<>]*)")?')
_ATTRS = re.compile(r'(?:\s+[^\s"\'>/=]+(?:="[^"<>]*")?)*\s*/?')


# What only Material's own handlers deal with: skipped or preformatted elements and permalinks. A page
# without them is read by _Plain, which does what Parser does for such a page with less bookkeeping.
_SPECIAL_TAGS = {"object", "script", "style", "pre"}
_SPECIAL_ATTRS = re.compile(r'\sdata-search-|\sclass="(?:linenodiv|headerlink)"')
_HEADINGS = {f"h{n}" for n in range(1, 7)}


_RAW_PAGE = re.compile(r'\A\s*<div class="lb-[a-z]+" markdown="0">.*</div>\s*\Z', re.DOTALL)


def generated_html(markdown: str) -> str | None:
    """A generated page's source as the page content MkDocs is given (it skips Markdown: mkdocs_plugin), or
    None for a hand-written page."""
    if not _RAW_PAGE.match(markdown):
        return None
    return markdown.strip().replace(' markdown="0"', "", 1)


# What the search index never reads (evidence quotes): left out of what the search plugin parses, a third of
# a paper page's HTML. Contributed text inside is escaped, so a block ends at its own </details>.
_UNSEARCHED = re.compile(r"<details data-search-exclude>(?:(?!<details).)*?</details>", re.DOTALL)
# The search plugin reads tag names, the nesting, ids, data-search-* and two classes; other attributes only cost
# it time.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)?>")
_READ = re.compile(r'\s(?:id="[^"]*"|data-search-[\w-]+(?:="[^"]*")?|class="(?:linenodiv|headerlink)")')


def _bare(m: re.Match) -> str:
    return f"<{m.group(1)}{''.join(_READ.findall(m.group(2) or ''))}>"


def lean(content: str) -> str:
    """A generated page's content without what the search index never reads (quotes, attributes): the plugin
    parses it in a fraction of the time into the same index."""
    return _TAG.sub(_bare, _UNSEARCHED.sub("", content))


def digest(content: str) -> str:
    """What a page read ahead of MkDocs is found by: its exact content."""
    return hashlib.blake2b(content.encode("utf-8"), digest_size=16).hexdigest()


def read_ahead(markdown: str) -> tuple[str, list] | None:
    """A generated page's digest and its sections, compacted, from its Markdown (the source without front
    matter), as mkdocs_plugin would read them once MkDocs hands over the page; None for a hand-written page
    or HTML this module cannot read exactly."""
    content = generated_html(markdown)
    found = sections(lean(content)) if content is not None else None
    if content is None or found is None:
        return None
    return digest(content), [compact(section) for section in found]


def compact(section: Section) -> Section:
    """The section with its title and text fragments joined: the index entry Material makes of it, which joins
    them, is the same; it holds a few strings instead of thousands (sections read ahead wait in memory)."""
    section.title = ["".join(section.title)] if section.title else []
    section.text = ["".join(section.text)] if section.text else []
    return section


def sections(content: str) -> list | None:
    """Material's sections of this HTML, or None where it is not HTML this module can read exactly."""
    plain = not _SPECIAL_ATTRS.search(content) and not any(f"<{tag}" in content for tag in _SPECIAL_TAGS)
    parser = _Plain() if plain else Parser()
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


class _Plain:
    """Material's Parser handlers (material/plugins/search/plugin.py) for HTML without skipped, preformatted or
    permalink elements, with the open elements counted by tag: Parser's membership tests compare elements by
    tag name, and its skip set can never match here. tests/test_search_lean.py compares the two on generated
    HTML."""

    keep = Parser().keep

    def __init__(self) -> None:
        self.context: list[str] = []
        self.open: Counter[str] = Counter()
        self.section: Section | None = None
        self.data: list[Section] = []

    def _top(self) -> Section:
        if self.section is None:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        return self.section

    def _target(self) -> list[str]:
        section = self._top()
        return section.title if self.open[section.el.tag] else section.text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in void:
            return
        self.context.append(tag)
        self.open[tag] += 1
        found = dict(attrs)
        if tag in _HEADINGS and "id" in found:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = Section(Element("hx"), depth)
                self.data.append(self.section)
            self.section = Section(Element(tag, found), depth)
            if self.data:
                self.section.id = found["id"]
            self.data.append(self.section)
        self._top()
        if tag in self.keep:
            self._target().append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if not self.context or self.context[-1] != tag:
            return
        section = self._top()
        if section.depth > len(self.context):
            for earlier in reversed(self.data):
                if earlier.depth <= len(self.context):
                    section.depth = float("inf")
                    self.section = earlier
                    break
        self.context.pop()
        self.open[tag] -= 1
        if tag in self.keep:
            data = self._target()
            index = data.index(f"<{tag}>")
            if any(not part.isspace() for part in data[index + 1 :]):
                data.append(f"</{tag}>")
            else:
                del data[index:]

    def handle_data(self, data: str) -> None:
        data = " " if data.isspace() else data.replace("\n", " ")
        section = self._top()
        if self.open[section.el.tag]:
            section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace():
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))
