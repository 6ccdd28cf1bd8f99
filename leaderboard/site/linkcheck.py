"""Check every internal link and asset of a built site.

MkDocs validates Markdown links; the generated pages link from raw HTML, so the output is checked too:
a broken internal link fails the build before anything is published.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Links are read from the tags of MkDocs' own output with regular expressions rather than html.parser:
# at 20,000 pages the parser was the slowest step of the build. Comments and script bodies are dropped
# first, so only real tags are read (a script's own src too); attribute values are unescaped as a parser would.
_SKIP = re.compile(r"<(?:!--.*?-->|(script\b[^<>]*>).*?(?=</script>))", re.DOTALL | re.IGNORECASE)
# Every attribute of a tag is read in order, so a quoted value is consumed whole: text such as
# aria-label="&quot;&gt;&lt;img src=x" (a contributed name) is never mistaken for a src attribute.
_TAG = re.compile(r"<[a-zA-Z][^<>\s]*([^<>]*)>")
_ATTR = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_LINKS = {"href", "src", "data-spec", "id"}
_NAMES = ("href", "src", "id", "data-spec")  # a cheap test first: a tag naming none of them is skipped


@dataclass
class _Links:
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


def _parse(page: Path) -> _Links:
    found = _Links()
    text = _SKIP.sub(lambda m: "<" + m.group(1) if m.group(1) else "", page.read_text(encoding="utf-8"))
    for attrs in _TAG.findall(text):
        lowered = attrs.lower()
        if "=" not in attrs or not any(name in lowered for name in _NAMES):
            continue  # most tags of a table hold no link and no id: not read attribute by attribute
        for name, *quoted in _ATTR.findall(attrs):
            name = name.lower()
            if name not in _LINKS:
                continue
            value = html.unescape("".join(quoted))
            if value and name == "id":
                found.ids.add(value)
            elif value:
                found.links.append(value)
    return found


def parse_pages(pages: list[Path]) -> dict[Path, _Links]:
    """The links and ids of each page."""
    return {page: _parse(page) for page in pages}


def broken_links(root: Path, submit: Callable[..., Future] | None = None) -> list[str]:
    """Internal links whose file or #anchor does not exist, as 'page -> link'. submit: a helper process's
    (offload.Helper.submit), which reads every other page meanwhile."""
    root = Path(os.path.realpath(root))
    files = {Path(os.path.join(d, name)) for d, _, names in os.walk(root) for name in names}
    # 404.html is served at any depth, so MkDocs gives it root-absolute links by design.
    pages = sorted(p for p in files if p.suffix == ".html" and p.name != "404.html")
    elsewhere = submit(parse_pages, pages[1::2]) if submit is not None else None
    parsed = parse_pages(pages[::2] if elsewhere is not None else pages)
    if elsewhere is not None:
        parsed |= elsewhere.result()
        parsed = {page: parsed[page] for page in pages}  # in page order, as the broken links are listed
    resolved: dict[tuple[Path, str], tuple[Path, str] | None] = {}  # the nav's links repeat on every page
    broken = []
    for page, links in parsed.items():
        for link in links.links:
            key = (page.parent, link)
            if key not in resolved:
                resolved[key] = _target(page.parent, link, files, root)
            found = resolved[key]
            if found is None:
                continue  # external
            target, fragment = found
            target = page if target == _SELF else target
            ok = target in files
            if ok and fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                ok = fragment in ids or re.fullmatch(r"__\w+", fragment) is not None
            if not ok:
                broken.append(f"{page.relative_to(root)} -> {link}")
    return broken


_SELF = Path("\0self")  # a link without a path: the page it is on
_NOWHERE = Path("\0outside")  # never one of the site's files


def _target(folder: Path, link: str, files: set[Path], root: Path) -> tuple[Path, str] | None:
    """The file a link in this folder points at and its #fragment; None for an external link."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
        return None
    path = unquote(parts.path)
    if not path:
        return _SELF, parts.fragment
    target = Path(os.path.normpath(os.path.join(folder, path)))
    if path.endswith("/") or (target not in files and target.is_dir()):
        target = target / "index.html"
    return (target if target.is_relative_to(root) else _NOWHERE), parts.fragment
