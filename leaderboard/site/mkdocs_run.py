"""Run MkDocs on the generated docs, then check every internal link and asset of the output.

MkDocs validates Markdown links; the generated pages link from raw HTML, so the output is checked too:
a broken internal link fails the build before anything is published.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

CONFIG = Path(__file__).resolve().parents[2] / "mkdocs.yml"


class BuildError(Exception):
    """The site could not be built; the message lists what is wrong."""


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so a strict failure says what was wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(docs: Path, out: Path, nav: list, build_info: str) -> None:
    log = logging.getLogger("mkdocs")
    log.setLevel(logging.WARNING)
    collect = _Collect()
    log.addHandler(collect)
    try:
        config = load_config(
            config_file=str(CONFIG), docs_dir=str(docs), site_dir=str(out), nav=nav, strict=True, copyright=build_info
        )
        mkdocs_build(config)
    except SystemExit as exc:  # mkdocs aborts strict builds this way
        raise BuildError(f"mkdocs build failed: {exc}\n" + "\n".join(collect.messages)) from None
    finally:
        log.removeHandler(collect)
    broken = broken_links(out)
    if broken:
        raise BuildError("broken internal links:\n" + "\n".join(broken[:50]))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "data-spec") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def broken_links(root: Path) -> list[str]:
    """Internal links whose file or #anchor does not exist, as 'page -> link'."""
    root = root.resolve()
    # 404.html is served at any depth, so MkDocs gives it root-absolute links by design.
    parsed = {p.resolve(): _parse(p) for p in sorted(root.rglob("*.html")) if p.name != "404.html"}
    broken = []
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            ok = target.is_file() and target.is_relative_to(root)
            if ok and parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                ok = parts.fragment in ids or re.fullmatch(r"__\w+", parts.fragment) is not None
            if not ok:
                broken.append(f"{page.relative_to(root)} -> {link}")
    return broken
