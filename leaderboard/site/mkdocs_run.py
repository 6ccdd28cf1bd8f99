"""Run MkDocs on the generated docs, then check every internal link and asset of the output.

MkDocs validates Markdown links; the generated pages link from raw HTML, so the output is checked too:
a broken internal link fails the build before anything is published.
"""

from __future__ import annotations

import html
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .. import resources


class BuildError(Exception):
    """The site could not be built; the message lists what is wrong."""


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so a strict failure says what was wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(docs: Path, out: Path, nav: list, build_info: str, config: Path | None = None) -> None:
    """MkDocs with config (None: the packaged default); docs_dir, site_dir and nav are always the builder's."""
    if config is None:
        with resources.default_mkdocs_config() as default:
            _mkdocs(default, docs, out, nav, build_info)
    else:
        _mkdocs(config, docs, out, nav, build_info)
    broken = broken_links(out)
    if broken:
        raise BuildError("broken internal links:\n" + "\n".join(broken[:50]))


def _mkdocs(config: Path, docs: Path, out: Path, nav: list, build_info: str) -> None:
    log = logging.getLogger("mkdocs")
    log.setLevel(logging.WARNING)
    collect = _Collect()
    log.addHandler(collect)
    try:
        loaded = load_config(
            config_file=str(config), docs_dir=str(docs), site_dir=str(out), nav=nav, strict=True, copyright=build_info
        )
        mkdocs_build(loaded)
    except (SystemExit, MkDocsException) as exc:  # strict builds abort this way; a bad config raises
        raise BuildError(f"mkdocs build failed: {exc}\n" + "\n".join(collect.messages)) from None
    finally:
        log.removeHandler(collect)
    broken = broken_links(out)
    if broken:
        raise BuildError("broken internal links:\n" + "\n".join(broken[:50]))


# Links are read from the tags of MkDocs' own output with regular expressions rather than html.parser:
# at 20,000 pages the parser was the slowest step of the build. Comments and script bodies are dropped
# first, so only real tags are read; attribute values are unescaped as a parser would.
_SKIP = re.compile(r"<!--.*?-->|(?<=>)[^<]*(?=</script>)", re.DOTALL | re.IGNORECASE)
# Every attribute of a tag is read in order, so a quoted value is consumed whole: text such as
# aria-label="&quot;&gt;&lt;img src=x" (a contributed name) is never mistaken for a src attribute.
_TAG = re.compile(r"<[a-zA-Z][^<>\s]*([^<>]*)>")
_ATTR = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_LINKS = {"href", "src", "data-spec", "id"}


@dataclass
class _Links:
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


def _parse(page: Path) -> _Links:
    found = _Links()
    text = _SKIP.sub("", page.read_text(encoding="utf-8"))
    for attrs in _TAG.findall(text):
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


def broken_links(root: Path) -> list[str]:
    """Internal links whose file or #anchor does not exist, as 'page -> link'."""
    root = Path(os.path.realpath(root))
    files = {Path(os.path.join(d, name)) for d, _, names in os.walk(root) for name in names}
    # 404.html is served at any depth, so MkDocs gives it root-absolute links by design.
    parsed = {p: _parse(p) for p in sorted(files) if p.suffix == ".html" and p.name != "404.html"}
    broken = []
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            path = unquote(parts.path)
            target = Path(os.path.normpath(os.path.join(page.parent, path))) if path else page
            if path.endswith("/") or (target not in files and target.is_dir()):
                target = target / "index.html"
            ok = target in files and target.is_relative_to(root)
            if ok and parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                ok = parts.fragment in ids or re.fullmatch(r"__\w+", parts.fragment) is not None
            if not ok:
                broken.append(f"{page.relative_to(root)} -> {link}")
    return broken
